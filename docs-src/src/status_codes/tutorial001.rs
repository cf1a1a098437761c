use brisk::{json, App, Value};

#[brisk::get("/items/{item_id}")]
async fn read_item(item_id: i64) -> Value {
    json!({ "item_id": item_id })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![read_item])
}
