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

/// `@app.api_route("/headok", methods=["GET", "HEAD"])`
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

const NO_OPENAPI: &str = "the OpenAPI document at /openapi.json (not served by brisk yet)";

pub const SPEC: AppSpec = AppSpec {
    name: "routing_app",
    golden: include_str!("../../golden/routing_app.json"),
    app,
    skipped: &[
        Skip {
            case: "HEAD openapi.json (Starlette route)",
            missing: NO_OPENAPI,
        },
        Skip {
            case: "POST openapi.json 405",
            missing: NO_OPENAPI,
        },
        Skip {
            case: "openapi document",
            missing: NO_OPENAPI,
        },
    ],
};
