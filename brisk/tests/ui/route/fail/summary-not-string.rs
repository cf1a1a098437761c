#[brisk::get("/items", summary = 42)]
async fn list_items() {}

fn main() {}
