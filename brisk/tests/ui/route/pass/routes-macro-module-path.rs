//! `brisk::routes!` takes module paths and a trailing comma; handlers can be `pub`.

mod items {
    #[brisk::get("/items")]
    pub async fn list_items() -> brisk::Value {
        brisk::json!([])
    }

    pub mod admin {
        #[brisk::delete("/items/{item_id}", status_code = 204)]
        pub(crate) async fn delete_item(item_id: i64) {
            let _ = item_id;
        }
    }
}

use items::admin;

fn main() {
    let routes = brisk::routes![items::list_items, admin::delete_item,];
    assert_eq!(routes.len(), 2);
    assert_eq!(items::admin::delete_item::path(3), "/items/3");
    let empty: [brisk::Route; 0] = brisk::routes![];
    let route: brisk::Route = <crate::items::list_items as brisk::Endpoint>::ROUTE;
    assert_eq!(route.spec().name, "list_items");
    let _ = brisk::App::new()
        .routes(routes)
        .routes(empty)
        .into_service();
}
