//! Rust twins of the oracle apps in `tools/oracle/apps/*.py`: same paths, methods, status
//! codes, handler behaviour and body keys (in the same order), written the brisk way.
//!
//! Where FastAPI uses a feature brisk does not have yet, the affected cases are listed in the
//! twin's `SKIPPED` with the missing feature; they are not faked.

pub mod edge_app;
pub mod errors_app;
pub mod noslash_app;
pub mod params_app;
pub mod routing_app;
pub mod seed_app;

use crate::harness::AppSpec;

/// Every twin with its golden file.
pub const ALL: [AppSpec; 6] = [
    seed_app::SPEC,
    edge_app::SPEC,
    routing_app::SPEC,
    errors_app::SPEC,
    params_app::SPEC,
    noslash_app::SPEC,
];
