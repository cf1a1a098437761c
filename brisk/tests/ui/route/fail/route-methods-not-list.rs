#[brisk::route("/items", methods = "GET")]
async fn list_items() {}

fn main() {}
