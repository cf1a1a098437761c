#[brisk::get("/items/{item_id}", responses = [(404, "Not found", 12)])]
async fn read_item(item_id: i64) -> i64 {
    item_id
}

fn main() {}
