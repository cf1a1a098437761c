#[brisk::get("/items")]
async fn list_items(q: &str) -> brisk::Value {
    brisk::json!({ "q": q })
}

fn main() {}
