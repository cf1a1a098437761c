use brisk::{json, App, Value};

#[brisk::get("/items/{item_id}")]
async fn read_item(item_id: i64) -> Value {
    json!({ "item_id": item_id })
}

#[brisk::get("/users/{user_id}/items/{item_id}")]
async fn read_user_item(user_id: String, item_id: u32) -> Value {
    json!({ "user_id": user_id, "item_id": item_id })
}

#[brisk::get("/files/{*file_path}")]
async fn read_file(file_path: String) -> Value {
    json!({ "file_path": file_path })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![read_item, read_user_item, read_file])
}
