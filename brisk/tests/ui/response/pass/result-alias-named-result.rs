//! A `Result` alias that keeps the name works, with the module's error type.

use brisk::HttpError;

type Result<T> = std::result::Result<T, HttpError>;

#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: i64) -> Result<brisk::Value> {
    if item_id < 0 {
        return Err(HttpError::not_found("Item not found"));
    }
    Ok(brisk::json!({ "item_id": item_id }))
}

#[brisk::delete("/items/{item_id}", status_code = 204)]
async fn delete_item(item_id: i64) -> Result<()> {
    let _ = item_id;
    Ok(())
}

fn main() {
    let _ = brisk::App::new()
        .routes(brisk::routes![get_item, delete_item])
        .into_service();
}
