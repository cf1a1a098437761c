#[brisk::get("/items/{item_id}")]
async fn get_item() -> brisk::Value {
    brisk::json!({})
}

fn main() {}
