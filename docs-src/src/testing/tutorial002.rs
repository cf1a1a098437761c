use brisk::{json, App, HttpError, Value};

// Forgot `responses = [404]`.
#[brisk::get("/items/{item_id}")]
async fn read_item(item_id: i64) -> Result<Value, HttpError> {
    if item_id != 1 {
        return Err(HttpError::not_found("Item not found"));
    }
    Ok(json!({ "item_id": item_id }))
}

pub fn app() -> App {
    App::new().routes(brisk::routes![read_item])
}
