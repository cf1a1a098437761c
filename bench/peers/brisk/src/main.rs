//! The brisk peer: the items example (`brisk/examples/items.rs`) as a user writes it, plus
//! `GET /plaintext`, and a `Location` on the 201 (the POST stores nothing; the id comes from a
//! counter). Listens on 127.0.0.1:$PORT (default 8000).

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use brisk::{json, status, App, Created, PlainText, ResponseHandle, State, Value};

/// `items = {1: "Pen"}`
type Items = Arc<Mutex<HashMap<i64, String>>>;

/// The id the next POST answers with.
static NEXT_ID: AtomicI64 = AtomicI64::new(2);

#[brisk::get("/plaintext")]
async fn plaintext() -> PlainText {
    PlainText("Hello, World!".into())
}

/// Creates an item: 201 Created, pointing at where it would live.
#[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
async fn create_item(name: String) -> Created<Value> {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    Created::at(get_item::path(id)).with_body(json!({ "name": name }))
}

/// Deletes an item: 204 No Content, no body.
#[brisk::delete("/items/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
async fn delete_item(item_id: i64, State(items): State<Items>) {
    items.lock().unwrap().remove(&item_id);
}

/// Updates an item (200) or creates it (201): the status is chosen at run time.
#[brisk::put("/items/{item_id}")]
async fn upsert_item(
    item_id: i64,
    name: String,
    response: &mut ResponseHandle,
    State(items): State<Items>,
) -> Value {
    let mut items = items.lock().unwrap();
    if let Some(existing) = items.get_mut(&item_id) {
        *existing = name;
        response.set_status(status::HTTP_200_OK);
        return json!({ "updated": item_id });
    }
    items.insert(item_id, name);
    response.set_status(status::HTTP_201_CREATED);
    json!({ "created": item_id })
}

/// An inventory item, validated: issue 6's JSON-body POST.
#[derive(brisk::Model, serde::Serialize)]
struct Item {
    #[brisk(min_length = 1, max_length = 50)]
    name: String,
    #[brisk(gt = 0)]
    price: f64,
    #[brisk(default, max_length = 10)]
    tags: Vec<String>,
}

/// Adds an item: the body is validated against `Item`, every error reported at once.
#[brisk::post("/inventory")]
async fn add_to_inventory(item: Item) -> Item {
    item
}

/// Reads an item, adding a custom header through the response handle.
#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: i64, response: &mut ResponseHandle) -> Value {
    response.set_header("X-Cache", "MISS");
    json!({ "item_id": item_id })
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let items: Items = Arc::new(Mutex::new(HashMap::from([(1, "Pen".to_owned())])));
    App::new()
        .state(items)
        .routes(brisk::routes![
            plaintext,
            create_item,
            delete_item,
            upsert_item,
            get_item,
            add_to_inventory
        ])
        .run()
        .await
}
