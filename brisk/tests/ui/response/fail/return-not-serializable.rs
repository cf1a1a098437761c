struct Item {
    name: String,
}

#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: i64) -> Item {
    Item {
        name: format!("item {item_id}"),
    }
}

fn main() {}
