//! brisk's integration tests: one binary, the golden replay against real FastAPI answers and
//! the wire-level checks around it. Runs with `cargo test --workspace`; no Python, no network
//! beyond 127.0.0.1, every read bounded. It needs brisk's cargo feature `pattern` (FastAPI's
//! apps use `pattern`), which the workspace run turns on through docs-src; alone, run it as
//! `cargo test -p brisk --features pattern` (`Cargo.toml` skips it without the feature).
//!
//! Module index:
//!
//! - [`aliases`] — `#[brisk(alias = "...")]` on query, header and cookie parameters.
//! - [`golden`] — the golden files of `tools/oracle` (FastAPI 0.165 under uvicorn, recorded
//!   into `brisk/tests/golden/*.json`): loading, and the answer a case expects.
//! - [`wire`] — a raw HTTP/1.1 client over TCP: the oracle's request bytes, bounded reads,
//!   response parsing, one-response reads on keep-alive connections.
//! - [`harness`] — runs a golden file's cases in order against a fresh twin, through
//!   `brisk::testing::TestClient` or over a socket served by `brisk::serve`, and compares
//!   status, header multiset (minus `date`/`server`/`connection`) and body bytes.
//! - [`custom_errors`] — the validation answer replaced in one place (400 with a custom
//!   body, FastAPI issue #643).
//! - [`differences`] — THE table of deliberate differences from FastAPI: case → brisk's
//!   exact answer and why.
//! - [`apps`] — the Rust twins of `tools/oracle/apps/*.py`, each with its skipped cases
//!   (features brisk lacks).
//! - [`replay`] — the replay tests (every app × TestClient/socket) and consistency checks of
//!   the skip lists and the differences table.
//! - [`items`] — the README's items example, exactly as the foundation issue states it,
//!   through `TestClient` and over a socket.
//! - [`keepalive`] — on one keep-alive connection: a panicking handler answers a clean 500 and
//!   the connection goes on serving; a 204 built with a body is sent bodiless and the
//!   connection goes on serving.
//! - [`layers`] — apps wrapped in tower layers (`TraceLayer`, a layer that adds a body to a
//!   204) still answer like FastAPI and the final stage still strips bodies.
//! - [`patterns`] — `#[brisk(pattern = ...)]` (compiled at build time, run by a PikeVM)
//!   answers exactly as `regex::Regex::is_match`, on fixed and random inputs.
//! - [`validation`] — `validation_app.json` replayed on the `validation` example; its differences.
//! - [`direct`] — the direct path of `#[derive(Model)]` agrees with the field-by-field path.
//! - [`fuzz`] — proptest on the `validation` example: no input gets a 5xx or a non-JSON 4xx.
//! - [`model_answers`] — `#[derive(brisk::Model)]` bodies against FastAPI's exact answers:
//!   `multiple_of`, list lengths, enums, unknown fields, renames, defaults, maps.
//! - [`param_lists`] — `Vec<T>` query and header parameters with `max_length` / `min_length`
//!   against FastAPI's exact answers (one `too_long` whatever the items hold).

mod aliases;
mod apps;
mod custom_errors;
mod differences;
mod direct;
mod fuzz;
mod golden;
mod harness;
mod items;
mod keepalive;
mod layers;
mod model_answers;
mod openapi;
mod param_lists;
mod patterns;
mod replay;
mod validation;
mod wire;
