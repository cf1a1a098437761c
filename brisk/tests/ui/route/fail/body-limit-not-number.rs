#[brisk::post("/items", body_limit = "1MB")]
async fn create_item() {}

fn main() {}
