#[brisk::get("/items", methods = ["GET", "HEAD"])]
async fn list_items() {}

fn main() {}
