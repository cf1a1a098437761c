#[brisk::route("/items", methods = ["GET", "FETCH"])]
async fn list_items() {}

fn main() {}
