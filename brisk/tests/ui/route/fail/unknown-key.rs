#[brisk::get("/items", staus_code = 201)]
async fn list_items() {}

fn main() {}
