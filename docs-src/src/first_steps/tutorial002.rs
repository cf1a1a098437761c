use brisk::{json, App, Value};

/// Says hello.
#[brisk::get("/")]
async fn root() -> Value {
    json!({ "message": "Hello World" })
}

/// Reads one item.
#[brisk::get("/items/{item_id}")]
async fn read_item(item_id: i64, q: Option<String>) -> Value {
    json!({ "item_id": item_id, "q": q })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![root, read_item])
}
