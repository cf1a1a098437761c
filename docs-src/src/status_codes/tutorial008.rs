use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use brisk::{status, App, Response, State};

type Items = Arc<Mutex<HashMap<i64, String>>>;

#[brisk::delete("/items/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
async fn delete_item(item_id: i64, State(items): State<Items>) -> Response {
    items.lock().unwrap().remove(&item_id);
    Response::new(status::HTTP_204_NO_CONTENT)
}

pub fn app() -> App {
    App::new()
        .state(Items::default())
        .routes(brisk::routes![delete_item])
}
