//! Twin of `tools/oracle/apps/errors_app.py`: `HTTPException`, a custom exception, 500s
//! (reference §6).

use brisk::{json, App, HttpError, IntoResponse, JsonResponse, Response, ResponseHandle, Value};
use serde::Serialize;

use crate::harness::{AppSpec, Skip};

/// `items = {"foo": "The Foo"}`
const ITEMS: &[(&str, &str)] = &[("foo", "The Foo")];

/// FastAPI's `UnicornException` with its `@app.exception_handler`. brisk has no exception
/// handlers; its counterpart is an error type that knows its own response
/// (`IntoResponse`), returned as a handler's `Err` — the same answer wherever it is raised.
#[derive(Debug)]
struct UnicornException {
    name: String,
}

impl IntoResponse for UnicornException {
    fn into_response(self) -> Response {
        JsonResponse::new(json!({ "message": format!("Oops! {} did something.", self.name) }))
            .status_code(418)
            .into_response()
    }
}

#[brisk::get("/hx/{item_id}", responses = [404])]
async fn hx(item_id: String) -> Result<Value, HttpError> {
    match ITEMS.iter().find(|(k, _)| *k == item_id) {
        Some((_, item)) => Ok(json!({ "item": item })),
        None => Err(HttpError::new(404, "Item not found")),
    }
}

#[brisk::get("/hx-headers", responses = [401])]
async fn hx_headers() -> Result<Value, HttpError> {
    Err(HttpError::new(401, "Not authenticated")
        .header("WWW-Authenticate", "Bearer")
        .header("X-Error", "There goes my error"))
}

#[brisk::get("/hx-nodetail", responses = [418])]
async fn hx_nodetail() -> Result<Value, HttpError> {
    Err(HttpError::from_status(418))
}

#[brisk::get("/hx-nodetail-422")]
async fn hx_nodetail_422() -> Result<Value, HttpError> {
    Err(HttpError::from_status(422))
}

#[brisk::get("/hx-dict", responses = [409])]
async fn hx_dict() -> Result<Value, HttpError> {
    Err(HttpError::new(
        409,
        json!({ "code": "conflict", "ids": [1, 2] }),
    ))
}

#[brisk::get("/hx-304", responses = [304])]
async fn hx_304() -> Result<Value, HttpError> {
    Err(HttpError::from_status(304))
}

#[brisk::get("/hx-204", responses = [204])]
async fn hx_204() -> Result<Value, HttpError> {
    Err(HttpError::from_status(204))
}

#[brisk::get("/hx-after-header")]
async fn hx_after_header(response: &mut ResponseHandle) -> Result<Value, HttpError> {
    response.set_header("X-Cache", "MISS");
    response.set_status(201);
    Err(HttpError::new(400, "bad"))
}

#[brisk::get("/unicorn", responses = [418])]
async fn unicorn() -> Result<Value, UnicornException> {
    Err(UnicornException {
        name: "yolo".into(),
    })
}

/// `raise RuntimeError("kaboom")`
#[brisk::get("/boom")]
async fn boom() -> Value {
    panic!("kaboom")
}

#[brisk::get("/boom-header")]
async fn boom_header(response: &mut ResponseHandle) -> Value {
    response.set_header("X-Cache", "MISS");
    panic!("kaboom")
}

/// `return {"x": float("nan")}`: a struct, so that the NaN reaches the serializer (`json!`
/// would turn it into `null` already when building the value).
#[derive(Serialize)]
struct NanOut {
    x: f64,
}

#[brisk::get("/nan")]
async fn nan() -> NanOut {
    NanOut { x: f64::NAN }
}

/// FastAPI's `verify` dependency. brisk has no dependencies (`Depends`) yet; the twin calls
/// it first thing in the handler, which answers these cases identically.
// `HttpError` is 176 bytes (it owns a `HeaderMap`), which trips clippy's `result_large_err`
// in any plain helper returning it; reported, not changed here.
#[allow(clippy::result_large_err)]
fn verify(token: Option<&str>) -> Result<(), HttpError> {
    if token != Some("ok") {
        return Err(HttpError::new(403, "Forbidden"));
    }
    Ok(())
}

#[brisk::get("/dep", responses = [403])]
async fn dep(token: Option<String>) -> Result<Value, HttpError> {
    verify(token.as_deref())?;
    Ok(json!({ "ok": true }))
}

/// A fresh twin (`/ser-model-bad` is left out: see `SKIPPED`).
pub fn app() -> App {
    App::new().routes(brisk::routes![
        hx,
        hx_headers,
        hx_nodetail,
        hx_nodetail_422,
        hx_dict,
        hx_304,
        hx_204,
        hx_after_header,
        unicorn,
        boom,
        boom_header,
        nan,
        dep,
    ])
}

pub const SPEC: AppSpec = AppSpec {
    name: "errors_app",
    golden: include_str!("../../golden/errors_app.json"),
    app,
    skipped: &[Skip {
        case: "response_model validation failure 500",
        missing: "`response_model` (run-time validation of a returned dict against a declared model); brisk's return types are checked by the compiler, so the twin has no `/ser-model-bad`",
    }],
};
