use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use brisk::{App, Header, HttpError, State};
use serde::{Deserialize, Serialize};

type Items = Arc<Mutex<HashMap<String, Item>>>;

#[derive(Clone, Deserialize, Serialize)]
struct Item {
    id: String,
    title: String,
    description: Option<String>,
}

fn check(x_token: &str) -> Result<(), HttpError> {
    match x_token {
        "coneofsilence" => Ok(()),
        _ => Err(HttpError::bad_request("Invalid X-Token header")),
    }
}

#[brisk::get("/items/{item_id}", responses = [400, 404])]
async fn read_item(
    item_id: String,
    x_token: Header<String>,
    State(items): State<Items>,
) -> Result<Item, HttpError> {
    check(&x_token)?;
    let items = items.lock().unwrap();
    items
        .get(&item_id)
        .cloned()
        .ok_or(HttpError::not_found("Item not found"))
}

#[brisk::post("/items", status_code = 201, responses = [400, 409])]
async fn create_item(
    item: Item,
    x_token: Header<String>,
    State(items): State<Items>,
) -> Result<Item, HttpError> {
    check(&x_token)?;
    let mut items = items.lock().unwrap();
    if items.contains_key(&item.id) {
        return Err(HttpError::conflict("Item already exists"));
    }
    items.insert(item.id.clone(), item.clone());
    Ok(item)
}

pub fn app() -> App {
    let hero = Item {
        id: "foo".into(),
        title: "Foo".into(),
        description: Some("There goes my hero".into()),
    };
    let items: Items = Arc::new(Mutex::new(HashMap::from([("foo".to_owned(), hero)])));
    App::new()
        .state(items)
        .routes(brisk::routes![read_item, create_item])
}
