use brisk::{json, App, Value};

#[brisk::get("/items")]
async fn list_items() -> Value {
    json!([{ "item_id": 1, "name": "Pen" }])
}

#[brisk::post("/items", status_code = 201)]
async fn create_item(name: String) -> Value {
    json!({ "name": name })
}

#[brisk::route("/items/{item_id}", methods = ["PUT", "PATCH"])]
async fn update_item(item_id: i64, name: String) -> Value {
    json!({ "item_id": item_id, "name": name })
}

#[brisk::get("/ping")]
fn ping() -> &'static str {
    "pong"
}

pub fn app() -> App {
    App::new().routes(brisk::routes![list_items, create_item, update_item, ping])
}
