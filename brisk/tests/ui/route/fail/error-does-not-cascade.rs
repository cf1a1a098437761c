//! A route with a mistake still gives `routes!`, `PATH`, `STATUS` and `path(..)` what they
//! need: the one error is the mistake itself.

#[brisk::post("/items/{item_id}", status_code = 600)]
async fn create_item(item_id: i64) -> brisk::Value {
    brisk::json!({ "item_id": item_id })
}

#[brisk::get("/users/{user_id")]
async fn get_user(user_id: i64) -> brisk::Value {
    brisk::json!({ "user_id": user_id })
}

fn main() {
    let _ = brisk::App::new().routes(brisk::routes![create_item, get_user]);
    let _ = (create_item::path(1), create_item::PATH, create_item::STATUS);
    let _ = get_user::PATH;
}
