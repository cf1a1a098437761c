use brisk::Query;

#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: Query<i64>) -> brisk::Value {
    brisk::json!({ "item_id": *item_id })
}

fn main() {}
