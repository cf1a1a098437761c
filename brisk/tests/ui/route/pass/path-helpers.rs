//! The items a route attribute adds next to the handler: `path(..)`, `PATH`, `STATUS`.

#[brisk::get("/items/{item_id}", status_code = 203)]
async fn get_item(item_id: i64) -> brisk::Value {
    brisk::json!({ "item_id": item_id })
}

#[brisk::get("/users/{user_id}/items/{item_id}")]
async fn get_user_item(user_id: String, item_id: u32) -> brisk::Value {
    brisk::json!({ "user_id": user_id, "item_id": item_id })
}

#[brisk::get("/files/{*file_path}")]
async fn get_file(file_path: String) -> String {
    file_path
}

#[brisk::get("/")]
async fn root() -> &'static str {
    "hello"
}

fn main() {
    assert_eq!(get_item::path(42), "/items/42");
    assert_eq!(get_item::PATH, "/items/{item_id}");
    assert_eq!(get_item::STATUS, 203);
    assert_eq!(get_user_item::path("a b/c", 7), "/users/a%20b%2Fc/items/7");
    assert_eq!(get_file::path("docs/readme.md"), "/files/docs/readme.md");
    assert_eq!(get_file::PATH, "/files/{*file_path}");
    assert_eq!(root::path(), "/");
    assert_eq!(root::STATUS, 200);
    let location: String = get_item::path(7);
    assert!(location.ends_with('7'));
    let _ = brisk::App::new()
        .routes(brisk::routes![get_item, get_user_item, get_file, root])
        .into_service();
}
