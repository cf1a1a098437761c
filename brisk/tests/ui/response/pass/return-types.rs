//! What a handler can return: `Serialize` data (JSON with the route's status), response
//! objects (sent as built), and `Result`s of those with a response or `Debug` error.

use brisk::{
    Created, Html, HttpError, IntoResponse, Json, JsonResponse, NoContent, PlainText, Redirect,
    Response, StatusCode,
};

#[derive(serde::Serialize)]
struct Item {
    name: String,
}

#[derive(Debug)]
struct StoreError;

#[brisk::get("/value")]
async fn value() -> brisk::Value {
    brisk::json!({})
}

#[brisk::get("/struct")]
async fn item() -> Item {
    Item { name: "pen".into() }
}

#[brisk::get("/vec")]
async fn items() -> Vec<Item> {
    Vec::new()
}

#[brisk::get("/option")]
async fn maybe() -> Option<Item> {
    None
}

#[brisk::get("/string")]
async fn string() -> String {
    "hi".into()
}

#[brisk::get("/str")]
async fn str_ref() -> &'static str {
    "hi"
}

#[brisk::get("/number")]
async fn number() -> u64 {
    1
}

#[brisk::get("/unit")]
async fn unit() {}

#[brisk::get("/json")]
async fn json() -> Json<Item> {
    Json(Item { name: "pen".into() })
}

#[brisk::post("/created", status_code = 201)]
async fn created() -> Created<Item> {
    Created::at("/items/1").with_body(Item { name: "pen".into() })
}

#[brisk::get("/json-response")]
async fn json_response() -> JsonResponse {
    JsonResponse::new(brisk::json!([1])).status_code(203)
}

#[brisk::get("/response")]
async fn response() -> Response {
    Response::with_content("raw")
}

#[brisk::get("/html")]
async fn html() -> Html {
    Html("<p>hi</p>".into())
}

#[brisk::get("/text")]
async fn text() -> PlainText {
    PlainText("hi".into())
}

#[brisk::get("/redirect")]
async fn redirect() -> Redirect {
    Redirect::to("/value")
}

#[brisk::get("/status")]
async fn status() -> StatusCode {
    StatusCode::ACCEPTED
}

#[brisk::get("/no-content")]
async fn no_content() -> NoContent {
    NoContent
}

#[brisk::get("/impl")]
async fn opaque() -> impl IntoResponse {
    PlainText("opaque".into())
}

#[brisk::get("/http-error")]
async fn http_error() -> Result<Item, HttpError> {
    Err(HttpError::not_found("Item not found"))
}

#[brisk::get("/debug-error")]
async fn debug_error() -> Result<brisk::Value, StoreError> {
    Err(StoreError)
}

#[brisk::get("/std-error")]
async fn std_error() -> Result<String, std::io::Error> {
    Ok("fine".into())
}

#[brisk::get("/qualified-result")]
async fn qualified_result() -> std::result::Result<Html, HttpError> {
    Ok(Html(String::new().into()))
}

#[brisk::get("/response-error")]
async fn response_error() -> Result<JsonResponse, Response> {
    Err(Response::new(418))
}

fn main() {
    let _ = brisk::App::new()
        .routes(brisk::routes![
            value,
            item,
            items,
            maybe,
            string,
            str_ref,
            number,
            unit,
            json,
            created,
            json_response,
            response,
            html,
            text,
            redirect,
            status,
            no_content,
            opaque,
            http_error,
            debug_error,
            std_error,
            qualified_result,
            response_error,
        ])
        .into_service();
}
