//! Routes declared 204, 205 or 304 (or 1xx) return nothing that carries a body.

use brisk::{status, HttpError, NoContent, Response, StatusCode};

#[brisk::delete("/a/{item_id}", status_code = 204)]
async fn unit(item_id: i64) {
    let _ = item_id;
}

#[brisk::delete("/b/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
async fn explicit_unit(item_id: i64) -> () {
    let _ = item_id;
}

#[brisk::delete("/c", status_code = StatusCode::NO_CONTENT)]
async fn no_content() -> NoContent {
    NoContent
}

#[brisk::delete("/d", status_code = 204)]
async fn response() -> Response {
    Response::new(status::HTTP_204_NO_CONTENT)
}

#[brisk::delete("/e/{item_id}", status_code = 204)]
async fn result_unit(item_id: i64) -> Result<(), HttpError> {
    if item_id < 0 {
        return Err(HttpError::not_found("Item not found"));
    }
    Ok(())
}

#[brisk::delete("/f", status_code = 204)]
async fn result_no_content() -> Result<NoContent, HttpError> {
    Ok(NoContent)
}

#[brisk::get("/g", status_code = 304)]
async fn not_modified() -> StatusCode {
    StatusCode::NOT_MODIFIED
}

#[brisk::post("/h", status_code = status::HTTP_205_RESET_CONTENT)]
async fn reset_content() {}

#[brisk::get("/i", status_code = 101)]
async fn switching() -> http::Response<brisk::Body> {
    http::Response::new(brisk::Body::empty())
}

/// An error type of the user's that is `Debug` is logged and answered 500.
#[derive(Debug)]
struct StoreError;

#[brisk::delete("/j", status_code = 204)]
async fn result_custom_error() -> Result<(), StoreError> {
    Err(StoreError)
}

fn main() {
    let _ = brisk::App::new()
        .routes(brisk::routes![
            unit,
            explicit_unit,
            no_content,
            response,
            result_unit,
            result_no_content,
            not_modified,
            reset_content,
            switching,
            result_custom_error,
        ])
        .into_service();
}
