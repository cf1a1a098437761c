use brisk::{json, App, Json, Value};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize)]
struct Item {
    name: String,
    price: f64,
    description: Option<String>,
}

#[brisk::put("/items/{item_id}")]
async fn update_item(item_id: i64, item: Item, q: Option<String>) -> Value {
    json!({ "item_id": item_id, "item": item, "q": q })
}

#[brisk::post("/totals")]
async fn total(Json(prices): Json<Vec<f64>>) -> Value {
    json!({ "total": prices.iter().sum::<f64>() })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![update_item, total])
}
