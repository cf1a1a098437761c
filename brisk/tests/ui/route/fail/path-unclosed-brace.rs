#[brisk::get("/items/{item_id")]
async fn get_item(item_id: i64) {
    let _ = item_id;
}

fn main() {}
