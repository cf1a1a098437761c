//! Twin of `tools/oracle/apps/routing_app.py`: 404, 405 + `allow`, HEAD, OPTIONS and the
//! trailing-slash 307 (reference §5).

use brisk::{json, App, Value};

use crate::harness::{AppSpec, Skip};

#[brisk::get("/things")]
async fn list_things() -> Value {
    json!({ "things": [] })
}

#[brisk::post("/things", status_code = 201)]
async fn create_thing() -> Value {
    json!({ "created": true })
}

#[brisk::get("/noslash")]
async fn noslash() -> Value {
    json!({ "route": "noslash" })
}

#[brisk::get("/slash/")]
async fn slash() -> Value {
    json!({ "route": "slash" })
}

#[brisk::post("/noslash-post")]
async fn noslash_post() -> Value {
    json!({ "route": "noslash-post" })
}

// `@app.api_route("/headok", methods=["GET", "HEAD"])` (a plain comment: a doc comment
// would become the operation's summary, and FastAPI's function has no docstring).
#[brisk::route("/headok", methods = ["GET", "HEAD"])]
async fn headok() -> Value {
    json!({ "hello": "world" })
}

/// A fresh twin.
pub fn app() -> App {
    App::new().routes(brisk::routes![
        list_things,
        create_thing,
        noslash,
        slash,
        noslash_post,
        headok
    ])
}

/// The document differs from FastAPI's on purpose (every operation's own `operationId`), so
/// its bytes and length do: it is compared with FastAPI's in `it/openapi.rs`.
const OPENAPI_ELSEWHERE: &str =
    "nothing: the document differs on purpose and is compared with FastAPI's in it/openapi.rs";

pub const SPEC: AppSpec = AppSpec {
    name: "routing_app",
    golden: include_str!("../../golden/routing_app.json"),
    app,
    skipped: &[
        Skip {
            case: "HEAD openapi.json (Starlette route)",
            missing: OPENAPI_ELSEWHERE,
        },
        Skip {
            case: "openapi document",
            missing: OPENAPI_ELSEWHERE,
        },
    ],
};
