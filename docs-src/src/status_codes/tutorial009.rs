use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use brisk::{json, App, HttpError, State, Value};

type Items = Arc<Mutex<BTreeMap<i64, String>>>;

#[brisk::get("/items/{item_id}", responses = [404])] // 200
async fn get_item(item_id: i64, State(items): State<Items>) -> Result<Value, HttpError> {
    let items = items.lock().unwrap();
    let name = items
        .get(&item_id)
        .ok_or(HttpError::not_found("Item not found"))?;
    Ok(json!({ "item_id": item_id, "name": name }))
}

#[brisk::post("/items", status_code = 201)] // 201
async fn create_item(name: String, State(items): State<Items>) -> Value {
    let mut items = items.lock().unwrap();
    let item_id = items.last_key_value().map_or(1, |(id, _)| id + 1);
    items.insert(item_id, name.clone());
    json!({ "item_id": item_id, "name": name })
}

#[brisk::put("/items/{item_id}", status_code = 200, responses = [404])] // 200
async fn replace_item(
    item_id: i64,
    name: String,
    State(items): State<Items>,
) -> Result<Value, HttpError> {
    let mut items = items.lock().unwrap();
    let existing = items
        .get_mut(&item_id)
        .ok_or(HttpError::not_found("Item not found"))?;
    existing.clone_from(&name);
    Ok(json!({ "item_id": item_id, "name": name }))
}

#[brisk::delete("/items/{item_id}", status_code = 204)] // 204
async fn delete_item(item_id: i64, State(items): State<Items>) {
    items.lock().unwrap().remove(&item_id);
}

pub fn app() -> App {
    App::new().state(Items::default()).routes(brisk::routes![
        get_item,
        create_item,
        replace_item,
        delete_item
    ])
}
