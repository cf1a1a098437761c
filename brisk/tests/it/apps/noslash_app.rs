//! Twin of `tools/oracle/apps/noslash_app.py`: `FastAPI(redirect_slashes=False)`.

use brisk::{json, App, Value};

use crate::harness::AppSpec;

#[brisk::get("/items")]
async fn items() -> Value {
    json!({ "items": [] })
}

/// A fresh twin.
pub fn app() -> App {
    App::new()
        .redirect_slashes(false)
        .routes(brisk::routes![items])
}

pub const SPEC: AppSpec = AppSpec {
    name: "noslash_app",
    golden: include_str!("../../golden/noslash_app.json"),
    app,
    skipped: &[],
};
