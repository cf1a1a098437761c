use brisk::{json, App, Value};

#[brisk::post("/items", status_code = 201)]
async fn create_item(name: String) -> Value {
    json!({ "name": name })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![create_item])
}
