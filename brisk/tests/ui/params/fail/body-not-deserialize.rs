struct Item {
    name: String,
}

#[brisk::post("/items")]
async fn create_item(item: Item) -> brisk::Value {
    brisk::json!({ "name": item.name })
}

fn main() {}
