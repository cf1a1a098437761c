#[brisk::get("/items/{item_id}", status_code = 304)]
async fn get_item(item_id: i64) -> brisk::Value {
    brisk::json!({ "item_id": item_id })
}

fn main() {}
