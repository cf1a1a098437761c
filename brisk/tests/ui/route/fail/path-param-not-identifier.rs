#[brisk::get("/items/{1x}")]
async fn get_item() {}

fn main() {}
