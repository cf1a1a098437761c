#[brisk::get("/items", tags = "items")]
async fn list_items() {}

fn main() {}
