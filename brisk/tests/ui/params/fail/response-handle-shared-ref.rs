use brisk::ResponseHandle;

#[brisk::get("/items")]
async fn list_items(response: &ResponseHandle) -> brisk::Value {
    brisk::json!({ "status": response.status().as_u16() })
}

fn main() {}
