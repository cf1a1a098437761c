use brisk::Request;

#[brisk::get("/items")]
async fn list_items(request: &mut Request) -> brisk::Value {
    brisk::json!({ "path": request.path() })
}

fn main() {}
