//! `#[route]` with a list of methods, as strings or bare names, any case.

use brisk::App;

#[brisk::route("/items", methods = ["GET", "HEAD"])]
async fn list_items() -> brisk::Value {
    brisk::json!([])
}

#[brisk::route("/items/{item_id}", methods = [PUT, "patch"], status_code = 202)]
async fn save_item(item_id: i64) -> brisk::Value {
    brisk::json!({ "item_id": item_id })
}

fn main() {
    let routes = brisk::routes![list_items, save_item];
    assert_eq!(routes[0].spec().methods, ["GET", "HEAD"]);
    assert_eq!(routes[1].spec().methods, ["PUT", "PATCH"]);
    assert_eq!(save_item::STATUS, 202);
    let _ = App::new().routes(routes).into_service();
}
