#[derive(serde::Serialize)]
struct Message {
    message: String,
}

#[brisk::get("/items/{item_id}", responses = [(404, Message)])]
async fn read_item(item_id: i64) -> i64 {
    item_id
}

fn main() {
    let _ = Message { message: String::new() }.message;
}
