#[brisk::get("/items", deprecated = "yes")]
async fn list_items() {}

fn main() {}
