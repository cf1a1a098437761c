#[brisk::get("/items")]
unsafe fn list_items() -> brisk::Value {
    brisk::json!([])
}

fn main() {}
