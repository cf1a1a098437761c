#[brisk::post("/items", status_code = 201, status_code = 202)]
async fn create_item() {}

fn main() {}
