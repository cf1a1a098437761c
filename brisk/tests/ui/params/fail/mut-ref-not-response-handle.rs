#[brisk::get("/items")]
async fn list_items(name: &mut String) -> brisk::Value {
    brisk::json!({ "name": name })
}

fn main() {}
