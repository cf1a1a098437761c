use brisk::Path;

#[brisk::get("/items")]
async fn get_item(item_id: Path<i64>) -> brisk::Value {
    brisk::json!({ "item_id": *item_id })
}

fn main() {}
