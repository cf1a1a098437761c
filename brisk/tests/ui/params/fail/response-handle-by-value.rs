use brisk::ResponseHandle;

#[brisk::get("/items")]
async fn list_items(mut response: ResponseHandle) -> brisk::Value {
    response.set_header("x-cache", "MISS");
    brisk::json!([])
}

fn main() {}
