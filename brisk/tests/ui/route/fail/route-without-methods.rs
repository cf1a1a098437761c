#[brisk::route("/items")]
async fn list_items() {}

fn main() {}
