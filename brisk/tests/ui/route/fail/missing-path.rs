#[brisk::get]
async fn list_items() {}

fn main() {}
