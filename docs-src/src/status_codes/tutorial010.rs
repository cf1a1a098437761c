use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use brisk::{json, status, App, Created, HttpError, State, Value};

type Items = Arc<Mutex<BTreeMap<i64, String>>>;

#[brisk::get("/items/{item_id}", responses = [404])]
async fn get_item(item_id: i64, State(items): State<Items>) -> Result<Value, HttpError> {
    let items = items.lock().unwrap();
    let name = items
        .get(&item_id)
        .ok_or(HttpError::not_found("Item not found"))?;
    Ok(json!({ "item_id": item_id, "name": name }))
}

#[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
async fn create_item(name: String, State(items): State<Items>) -> Created<Value> {
    let mut items = items.lock().unwrap();
    let item_id = items.last_key_value().map_or(1, |(id, _)| id + 1);
    items.insert(item_id, name.clone());
    Created::at(get_item::path(item_id)).with_body(json!({ "item_id": item_id, "name": name }))
}

pub fn app() -> App {
    App::new()
        .state(Items::default())
        .routes(brisk::routes![get_item, create_item])
}
