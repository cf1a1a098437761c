//! FastAPI's request-validation example, route for route and value for value.
//!
//! ```sh
//! cargo run --example validation       # http://127.0.0.1:8000 (PORT overrides)
//! ```

use brisk::{json, App, Cookie, Header, Path, Value};
use serde::Serialize;

/// `class Item(BaseModel)`
#[derive(brisk::Model, Serialize)]
struct Item {
    #[brisk(min_length = 1, max_length = 50)]
    name: String,
    #[brisk(gt = 0)]
    price: f64,
    #[brisk(default)]
    tags: Vec<String>,
    description: Option<String>,
}

/// `class Offer(BaseModel)`
#[derive(brisk::Model, Serialize)]
struct Offer {
    title: String,
    items: Vec<Item>,
}

#[brisk::post("/items", status_code = 201)]
async fn create_item(item: Item) -> Item {
    item
}

#[brisk::put("/items/{item_id}")]
async fn update_item(item_id: i64, item: Item, q: Option<String>) -> Value {
    json!({ "item_id": item_id, "item": item, "q": q })
}

#[brisk::get("/search")]
async fn search(
    #[brisk(min_length = 3, max_length = 20)] q: String,
    #[brisk(default = 10)] limit: i64,
    #[brisk(default)] tags: Vec<String>,
    #[brisk(default = false)] exact: bool,
) -> Value {
    json!({ "q": q, "limit": limit, "tags": tags, "exact": exact })
}

#[brisk::get("/users/{user_id}/orders/{order_id}")]
async fn get_order(
    #[brisk(gt = 0)] user_id: Path<i64>,
    order_id: String,
    x_token: Header<String>,
    session: Cookie<Option<String>>,
) -> Value {
    json!({
        "user_id": user_id.0,
        "order_id": order_id,
        "x_token": x_token.0,
        "session": session.0,
    })
}

#[brisk::post("/offers")]
async fn create_offer(offer: Offer) -> Value {
    // Python's `sum()` of no prices is the integer 0; of some prices, a float.
    let total = match offer.items.is_empty() {
        true => json!(0),
        false => json!(offer.items.iter().map(|i| i.price).sum::<f64>()),
    };
    json!({ "title": offer.title, "count": offer.items.len(), "total": total })
}

/// The app, shared by `main` and the tests.
pub fn app() -> App {
    App::new().routes(brisk::routes![
        create_item,
        update_item,
        search,
        get_order,
        create_offer
    ])
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    app().run().await
}
