#[brisk::post(status_code = 201)]
async fn create_item() {}

fn main() {}
