use brisk::App;
use serde::Serialize;

#[derive(brisk::Model, Serialize)]
struct Item {
    name: String,
    price: f64,
}

/// List the items.
///
/// Every item of the shop, in the order they were added.
#[brisk::get("/items", tags = ["items"])]
async fn list_items() -> Vec<Item> {
    vec![Item {
        name: "Pen".into(),
        price: 1.5,
    }]
}

#[brisk::post(
    "/items",
    status_code = 201,
    tags = ["items"],
    summary = "Create an item",
    description = "The item is stored as sent.",
    operation_id = "create_item"
)]
async fn create_item(item: Item) -> Item {
    item
}

#[brisk::get("/v1/items", tags = ["items"], deprecated = true)]
async fn list_items_v1() -> Vec<Item> {
    Vec::new()
}

#[brisk::get("/internal/stats", include_in_schema = false)]
async fn stats() -> u64 {
    42
}

pub fn app() -> App {
    App::new()
        .title("Shop")
        .version("2.1.0")
        .description("Items of the shop.")
        .routes(brisk::routes![
            list_items,
            create_item,
            list_items_v1,
            stats
        ])
}
