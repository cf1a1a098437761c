use brisk::Request;

#[brisk::get("/items")]
async fn list_items(a: &Request, b: Request) -> brisk::Value {
    brisk::json!({ "a": a.path(), "b": b.path() })
}

fn main() {}
