use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use brisk::{json, status, App, State, Value};

type Items = Arc<Mutex<HashMap<i64, String>>>;

#[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
async fn create_item(name: String) -> Value {
    json!({ "name": name })
}

#[brisk::delete("/items/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
async fn delete_item(item_id: i64, State(items): State<Items>) {
    items.lock().unwrap().remove(&item_id);
}

pub fn app() -> App {
    App::new()
        .state(Items::default())
        .routes(brisk::routes![create_item, delete_item])
}
