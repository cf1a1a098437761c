#[brisk::get("/items", deprecated)]
async fn list_items() {}

fn main() {}
