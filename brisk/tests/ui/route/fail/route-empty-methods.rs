#[brisk::route("/items", methods = [])]
async fn list_items() {}

fn main() {}
