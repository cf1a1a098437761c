use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use brisk::{json, status, App, Created, HttpError, ResponseHandle, State, Value};

type Items = Arc<Mutex<BTreeMap<i64, String>>>;

#[brisk::get("/items/{item_id}", responses = [404])]
async fn get_item(
    item_id: i64,
    response: &mut ResponseHandle,
    State(items): State<Items>,
) -> Result<Value, HttpError> {
    let items = items.lock().unwrap();
    let name = items
        .get(&item_id)
        .ok_or(HttpError::not_found("Item not found"))?;
    response.set_header("Cache-Control", "no-cache");
    Ok(json!({ "item_id": item_id, "name": name }))
}

#[brisk::post("/items", status_code = status::HTTP_201_CREATED, responses = [409])]
async fn create_item(
    name: String,
    State(items): State<Items>,
) -> Result<Created<Value>, HttpError> {
    let mut items = items.lock().unwrap();
    if items.values().any(|existing| *existing == name) {
        return Err(HttpError::conflict("Item already exists"));
    }
    let item_id = items.last_key_value().map_or(1, |(id, _)| id + 1);
    items.insert(item_id, name.clone());
    let body = json!({ "item_id": item_id, "name": name });
    Ok(Created::at(get_item::path(item_id)).with_body(body))
}

#[brisk::put("/items/{item_id}", responses = [(201, "Item created")])]
async fn upsert_item(
    item_id: i64,
    name: String,
    response: &mut ResponseHandle,
    State(items): State<Items>,
) -> Value {
    if items
        .lock()
        .unwrap()
        .insert(item_id, name.clone())
        .is_none()
    {
        response.set_status(status::HTTP_201_CREATED);
    }
    json!({ "item_id": item_id, "name": name })
}

#[brisk::delete(
    "/items/{item_id}",
    status_code = status::HTTP_204_NO_CONTENT,
    responses = [404]
)]
async fn delete_item(item_id: i64, State(items): State<Items>) -> Result<(), HttpError> {
    match items.lock().unwrap().remove(&item_id) {
        Some(_) => Ok(()),
        None => Err(HttpError::not_found("Item not found")),
    }
}

pub fn app() -> App {
    App::new().state(Items::default()).routes(brisk::routes![
        get_item,
        create_item,
        upsert_item,
        delete_item
    ])
}
