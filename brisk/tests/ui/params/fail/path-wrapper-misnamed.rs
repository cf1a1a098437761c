use brisk::Path;

#[brisk::get("/items/{item_id}")]
async fn get_item(Path(id): Path<i64>) -> brisk::Value {
    brisk::json!({ "item_id": id })
}

fn main() {}
