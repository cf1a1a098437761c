use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use brisk::{json, status, App, ResponseHandle, State, Value};

type Items = Arc<Mutex<HashMap<i64, String>>>;

#[brisk::put("/items/{item_id}", responses = [(201, "Item created")])]
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

pub fn app() -> App {
    let items: Items = Arc::new(Mutex::new(HashMap::from([(1, "Pen".to_owned())])));
    App::new().state(items).routes(brisk::routes![upsert_item])
}
