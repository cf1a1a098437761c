use brisk::{json, App, HttpError, Value};

const ITEMS: &[(&str, &str)] = &[("foo", "The Foo")];

#[brisk::get("/items/{item_id}", responses = [(404, "Item not found")])]
async fn read_item(item_id: String) -> Result<Value, HttpError> {
    match ITEMS.iter().find(|(id, _)| *id == item_id) {
        Some((_, item)) => Ok(json!({ "item": item })),
        None => Err(HttpError::not_found("Item not found")),
    }
}

pub fn app() -> App {
    App::new().routes(brisk::routes![read_item])
}
