//! A `Result` is recognized by its name in the signature; an alias with another name is a
//! plain value, which here is neither `Serialize` nor a response.

use brisk::HttpError;

type ApiResult = Result<brisk::Value, HttpError>;

#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: i64) -> ApiResult {
    Ok(brisk::json!({ "item_id": item_id }))
}

fn main() {}
