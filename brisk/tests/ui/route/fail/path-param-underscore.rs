#[brisk::get("/items/{_}")]
async fn get_item() {}

fn main() {}
