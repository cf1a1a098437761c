//! Parameters without wrappers: a name in the path is a path parameter, a scalar (or an
//! `Option`/`Vec` of one) is a query parameter, anything else is the JSON body.

use std::collections::HashMap;

#[derive(serde::Deserialize)]
struct Item {
    name: String,
    price: f64,
}

#[brisk::get("/items/{item_id}")]
async fn get_item(
    item_id: i64,
    q: Option<String>,
    short: bool,
    limit: u32,
    ratio: f32,
    tags: Vec<String>,
    ids: Option<Vec<u64>>,
    name: std::string::String,
) -> brisk::Value {
    brisk::json!({
        "item_id": item_id, "q": q, "short": short, "limit": limit, "ratio": ratio,
        "tags": tags, "ids": ids, "name": name,
    })
}

#[brisk::get("/users/{user_id}/items/{item_id}")]
async fn get_user_item(item_id: String, user_id: u8) -> brisk::Value {
    brisk::json!({ "user_id": user_id, "item_id": item_id })
}

/// A path parameter can be any `FromParam` type, e.g. optional.
#[brisk::get("/files/{*rest}")]
async fn get_file(rest: Option<String>) -> brisk::Value {
    brisk::json!({ "rest": rest })
}

#[brisk::put("/items/{item_id}")]
async fn update_item(item_id: i64, item: Item, q: Option<String>) -> brisk::Value {
    brisk::json!({ "item_id": item_id, "name": item.name, "price": item.price, "q": q })
}

#[brisk::post("/prices")]
async fn set_prices(prices: HashMap<String, f64>) -> brisk::Value {
    brisk::json!({ "count": prices.len() })
}

#[brisk::post("/pairs")]
async fn create_pairs(pairs: Vec<(i64, i64)>) -> usize {
    pairs.len()
}

#[brisk::get("/keywords/{type}")]
async fn keyword(r#type: String, r#in: Option<i64>) -> brisk::Value {
    brisk::json!({ "type": r#type, "in": r#in })
}

#[brisk::get("/mutable/{item_id}")]
async fn mutable(mut item_id: i64) -> i64 {
    item_id += 1;
    item_id
}

fn main() {
    assert_eq!(keyword::path("a"), "/keywords/a");
    let _ = brisk::App::new()
        .routes(brisk::routes![
            get_item,
            get_user_item,
            get_file,
            update_item,
            set_prices,
            create_pairs,
            keyword,
            mutable,
        ])
        .into_service();
}
