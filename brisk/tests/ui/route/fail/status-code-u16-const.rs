const CREATED: u16 = 201;

#[brisk::post("/items", status_code = CREATED)]
async fn create_item() {}

fn main() {}
