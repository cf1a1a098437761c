#[derive(serde::Deserialize)]
struct Item {
    name: String,
}

#[derive(serde::Deserialize)]
struct User {
    username: String,
}

#[brisk::put("/items/{item_id}")]
async fn update_item(item_id: i64, item: Item, user: User) -> brisk::Value {
    brisk::json!({ "item_id": item_id, "name": item.name, "user": user.username })
}

fn main() {}
