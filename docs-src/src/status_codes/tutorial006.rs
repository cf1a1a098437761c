use brisk::{json, App, ResponseHandle, Value};

#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: i64, response: &mut ResponseHandle) -> Value {
    response.set_header("X-Cache", "MISS");
    json!({ "item_id": item_id })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![get_item])
}
