#[brisk::get("/items", status_code = 99)]
async fn list_items() {}

fn main() {}
