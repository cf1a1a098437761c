#[brisk::get("/items", status_code = 600)]
async fn list_items() {}

fn main() {}
