//! Every method macro, on async and sync handlers, builds an app.

use brisk::{App, Endpoint};

#[brisk::get("/items")]
async fn list_items() -> brisk::Value {
    brisk::json!([])
}

#[brisk::post("/items")]
async fn create_item() -> brisk::Value {
    brisk::json!({})
}

#[brisk::put("/items/{item_id}")]
async fn replace_item(item_id: i64) -> brisk::Value {
    brisk::json!({ "item_id": item_id })
}

#[brisk::patch("/items/{item_id}")]
async fn update_item(item_id: i64) -> brisk::Value {
    brisk::json!({ "item_id": item_id })
}

#[brisk::delete("/items/{item_id}")]
async fn delete_item(item_id: i64) -> brisk::Value {
    brisk::json!({ "item_id": item_id })
}

#[brisk::head("/items")]
async fn head_items() {}

#[brisk::options("/items")]
async fn items_options() {}

fn main() {
    let routes = brisk::routes![
        list_items,
        create_item,
        replace_item,
        update_item,
        delete_item,
        head_items,
        items_options,
    ];
    let methods: Vec<&[&str]> = routes.iter().map(|r| r.spec().methods).collect();
    assert_eq!(
        methods,
        [
            &["GET"][..],
            &["POST"],
            &["PUT"],
            &["PATCH"],
            &["DELETE"],
            &["HEAD"],
            &["OPTIONS"],
        ]
    );
    assert_eq!(<list_items as Endpoint>::ROUTE.spec().path, "/items");
    let _ = App::new().routes(routes).into_service();
}
