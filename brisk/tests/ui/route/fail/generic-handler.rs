#[brisk::get("/items/{item_id}")]
async fn get_item<T: std::str::FromStr>(item_id: i64) {
    let _ = item_id;
}

fn main() {}
