use brisk::Json;

struct Item {
    name: String,
}

#[brisk::post("/items")]
async fn create_item(Json(item): Json<Item>) -> brisk::Value {
    brisk::json!({ "name": item.name })
}

fn main() {}
