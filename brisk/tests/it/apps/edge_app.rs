//! Twin of `tools/oracle/apps/edge_app.py`: empty responses (reference §3), status precedence,
//! custom headers and response classes (reference §4).
//!
//! brisk refuses at compile time a body returned from a route declared 204, 205 or 304
//! (decision 0001), so `/d204/dict`, `/n304` and `/s205`, which return a dict that FastAPI
//! then drops, return `()` here: the wire answer is the same empty body either way.

use brisk::{
    json, status, App, Html, JsonResponse, PlainText, Redirect, Response, ResponseHandle,
    StatusCode, Value,
};

use crate::harness::AppSpec;

// ---- §3: 204 / 205 / 304 and other empty responses ----------------------------------

#[brisk::delete("/d204/none", status_code = 204)]
async fn d204_none() {}

/// FastAPI: `return {"deleted": True}` (dropped); a body does not compile on a 204 route.
#[brisk::delete("/d204/dict", status_code = 204)]
async fn d204_dict() {}

#[brisk::delete("/d204/resp", status_code = 204)]
async fn d204_resp() -> Response {
    Response::new(204)
}

#[brisk::delete("/d204/resp-body", status_code = 204)]
async fn d204_resp_body() -> Response {
    Response::with_content("oops").status_code(204)
}

#[brisk::delete("/d204/json-resp", responses = [204])]
async fn d204_json_resp() -> JsonResponse {
    JsonResponse::new(Value::Null).status_code(204)
}

#[brisk::delete("/d204/runtime", responses = [204])]
async fn d204_runtime(response: &mut ResponseHandle) -> Value {
    response.set_status(204);
    json!({ "x": 1 })
}

/// `response_class=Response` + `return None`: brisk has one way to say "no body", `()`.
#[brisk::delete("/d204/response-class", status_code = 204)]
async fn d204_response_class() {}

/// FastAPI: `return {"a": 1}` (dropped); a body does not compile on a 304 route.
#[brisk::get("/n304", status_code = 304)]
async fn n304() {}

#[brisk::get("/n304/resp", responses = [304])]
async fn n304_resp() -> Response {
    Response::new(304).header("ETag", "\"abc\"")
}

/// FastAPI: `return {"a": 1}` (dropped); a body does not compile on a 205 route.
#[brisk::get("/s205", status_code = 205)]
async fn s205() {}

/// `return None` with 201: the body is `null`.
#[brisk::post("/created-none", status_code = 201)]
async fn created_none() -> Option<Value> {
    None
}

#[brisk::get("/none200")]
async fn none200() -> Option<Value> {
    None
}

#[brisk::get("/resp-empty")]
async fn resp_empty() -> Response {
    Response::new(200)
}

#[brisk::get("/resp-text")]
async fn resp_text() -> Response {
    Response::with_content("hello")
}

// ---- §4: status precedence and custom headers ---------------------------------------

#[brisk::get("/jr")]
async fn jr() -> JsonResponse {
    JsonResponse::new(json!({ "message": "Hello", "n": 1 }))
        .header("X-Cache", "MISS")
        .header("Content-Language", "en-US")
}

#[brisk::post("/jr201", responses = [201])]
async fn jr201() -> JsonResponse {
    JsonResponse::new(json!({ "id": 42 }))
        .status_code(201)
        .header("Location", "/items/42")
}

#[brisk::post("/loc201", status_code = 201)]
async fn loc201(response: &mut ResponseHandle) -> Value {
    response.set_header("Location", "/items/42");
    json!({ "id": 42 })
}

#[brisk::get("/inj-headers")]
async fn inj_headers(response: &mut ResponseHandle) -> Value {
    response.set_header("X-Cache", "MISS");
    response.set_header("X-Other", "1");
    response.set_cookie("session", "abc");
    json!({ "ok": true })
}

#[brisk::get("/inj-dup")]
async fn inj_dup(response: &mut ResponseHandle) -> Value {
    response.set_header("X-Cache", "MISS");
    response.append_header("X-Cache", "HIT");
    response.set_header("Content-Type", "text/x-custom");
    json!({ "ok": true })
}

#[brisk::post("/deco-vs-resp", status_code = 201, responses = [200])]
async fn deco_vs_resp() -> JsonResponse {
    JsonResponse::new(json!({ "which": "returned response" })).status_code(200)
}

#[brisk::post("/deco-vs-resp-default", status_code = 201, responses = [200])]
async fn deco_vs_resp_default() -> JsonResponse {
    JsonResponse::new(json!({ "which": "returned response, no status" }))
}

#[brisk::post("/deco-vs-runtime", status_code = 201, responses = [202])]
async fn deco_vs_runtime(response: &mut ResponseHandle) -> Value {
    response.set_status(202);
    json!({ "which": "runtime" })
}

#[brisk::get("/inj-then-return")]
async fn inj_then_return(response: &mut ResponseHandle) -> JsonResponse {
    response.set_header("X-Cache", "MISS");
    response.set_status(201);
    JsonResponse::new(json!({ "ignored_injected": true }))
}

/// `status_code=HTTPStatus.CREATED`: any `http::StatusCode` constant works.
#[brisk::get("/httpstatus", status_code = StatusCode::CREATED)]
async fn httpstatus() -> Value {
    json!({ "a": 1 })
}

// ---- §4: other response classes -----------------------------------------------------

#[brisk::get("/plain")]
async fn plain() -> PlainText {
    PlainText("hello world".into())
}

#[brisk::get("/html")]
async fn html() -> Html {
    Html("<h1>hi</h1>".into())
}

#[brisk::get("/redir")]
async fn redir() -> Redirect {
    Redirect::to("/things")
}

/// `response_class=RedirectResponse, status_code=301` + `return "/things"`.
#[brisk::get("/redir-301", status_code = status::HTTP_301_MOVED_PERMANENTLY)]
async fn redir_301() -> Redirect {
    Redirect::permanent("/things")
}

#[brisk::get("/resp-media")]
async fn resp_media() -> Response {
    Response::with_content(r#"{"a":1}"#).media_type("application/json")
}

/// A fresh twin.
pub fn app() -> App {
    App::new().routes(brisk::routes![
        d204_none,
        d204_dict,
        d204_resp,
        d204_resp_body,
        d204_json_resp,
        d204_runtime,
        d204_response_class,
        n304,
        n304_resp,
        s205,
        created_none,
        none200,
        resp_empty,
        resp_text,
        jr,
        jr201,
        loc201,
        inj_headers,
        inj_dup,
        deco_vs_resp,
        deco_vs_resp_default,
        deco_vs_runtime,
        inj_then_return,
        httpstatus,
        plain,
        html,
        redir,
        redir_301,
        resp_media,
    ])
}

pub const SPEC: AppSpec = AppSpec {
    name: "edge_app",
    golden: include_str!("../../golden/edge_app.json"),
    app,
    skipped: &[],
};
