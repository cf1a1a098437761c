use brisk::ResponseHandle;

#[brisk::get("/items")]
async fn list_items(a: &mut ResponseHandle, b: &mut ResponseHandle) -> brisk::Value {
    a.set_header("x-a", "1");
    b.set_header("x-b", "1");
    brisk::json!([])
}

fn main() {}
