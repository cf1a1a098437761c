#[brisk::get("/items")]
async fn list_items(#[brisk(pattern = "^[a-z+$")] q: String) -> brisk::Value {
    brisk::json!({ "q": q })
}

fn main() {}
