#[brisk::route("/items", methods = ["GET", "get"])]
async fn list_items() {}

fn main() {}
