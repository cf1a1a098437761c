#[brisk::get("/items/{item_id}", responses = ["4xx"])]
async fn read_item(item_id: i64) -> i64 {
    item_id
}

fn main() {}
