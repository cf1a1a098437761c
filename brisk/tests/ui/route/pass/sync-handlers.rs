//! Handlers need not be async.

use brisk::{HttpError, ResponseHandle};

#[brisk::get("/items/{item_id}")]
fn get_item(item_id: i64, q: Option<String>) -> brisk::Value {
    brisk::json!({ "item_id": item_id, "q": q })
}

#[brisk::delete("/items/{item_id}", status_code = 204)]
fn delete_item(item_id: i64) -> Result<(), HttpError> {
    if item_id < 0 {
        return Err(HttpError::not_found("Item not found"));
    }
    Ok(())
}

#[brisk::get("/ping")]
fn ping(response: &mut ResponseHandle) -> &'static str {
    response.set_header("x-pong", "1");
    "pong"
}

fn main() {
    // The handler is still an ordinary function.
    assert_eq!(get_item(1, None)["item_id"], 1);
    let _ = brisk::App::new()
        .routes(brisk::routes![get_item, delete_item, ping])
        .into_service();
}
