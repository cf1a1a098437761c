use brisk::HttpError;

#[brisk::delete("/items/{item_id}", status_code = 204)]
async fn delete_item(item_id: i64) -> Result<brisk::Value, HttpError> {
    if item_id < 0 {
        return Err(HttpError::not_found("Item not found"));
    }
    Ok(brisk::json!({ "deleted": item_id }))
}

fn main() {}
