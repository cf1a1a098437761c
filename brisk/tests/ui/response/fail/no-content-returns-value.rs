#[brisk::delete("/items/{item_id}", status_code = 204)]
async fn delete_item(item_id: i64) -> brisk::Value {
    brisk::json!({ "deleted": item_id })
}

fn main() {}
