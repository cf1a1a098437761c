use brisk::Path;

#[brisk::get("/items/{item_id}")]
async fn get_item(Path((item_id, _)): Path<(i64, i64)>) -> brisk::Value {
    brisk::json!({ "item_id": item_id })
}

fn main() {}
