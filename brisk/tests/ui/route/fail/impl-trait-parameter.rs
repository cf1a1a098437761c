#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: impl std::fmt::Display) {
    let _ = item_id.to_string();
}

fn main() {}
