#[brisk::get("/items/{}")]
async fn get_item() {}

fn main() {}
