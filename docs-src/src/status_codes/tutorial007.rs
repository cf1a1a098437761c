use brisk::{json, App, JsonResponse};

#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: i64) -> JsonResponse {
    JsonResponse::new(json!({ "item_id": item_id })).header("X-Cache", "MISS")
}

pub fn app() -> App {
    App::new().routes(brisk::routes![get_item])
}
