use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use brisk::{status, App, Header, HttpError, ResponseHandle, State};
use serde::Serialize;

type Items = Arc<Mutex<HashMap<i64, Item>>>;

#[derive(brisk::Model, Serialize, Clone)]
struct Item {
    #[brisk(min_length = 1)]
    name: String,
    #[brisk(gt = 0)]
    price: f64,
    #[brisk(default)]
    tags: Vec<String>,
}

#[brisk::get("/items/{item_id}", responses = [404])]
async fn read_item(item_id: i64, State(items): State<Items>) -> Result<Item, HttpError> {
    let items = items.lock().unwrap();
    items
        .get(&item_id)
        .cloned()
        .ok_or(HttpError::not_found("Item not found"))
}

#[brisk::put("/items/{item_id}", responses = [(201, "Item created"), 403])]
async fn put_item(
    item_id: i64,
    item: Item,
    x_token: Header<String>,
    response: &mut ResponseHandle,
    State(items): State<Items>,
) -> Result<Item, HttpError> {
    if *x_token != "secret" {
        return Err(HttpError::forbidden("Invalid token"));
    }
    if items
        .lock()
        .unwrap()
        .insert(item_id, item.clone())
        .is_none()
    {
        response.set_status(status::HTTP_201_CREATED);
    }
    Ok(item)
}

pub fn app() -> App {
    App::new()
        .state(Items::default())
        .routes(brisk::routes![read_item, put_item])
}
