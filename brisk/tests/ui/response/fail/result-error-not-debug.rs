struct StoreError;

#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: i64) -> Result<brisk::Value, StoreError> {
    if item_id < 0 {
        return Err(StoreError);
    }
    Ok(brisk::json!({ "item_id": item_id }))
}

fn main() {}
