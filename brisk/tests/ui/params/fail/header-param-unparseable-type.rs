use brisk::Header;

#[brisk::get("/items")]
async fn list_items(x_timeout: Header<std::time::Duration>) -> brisk::Value {
    brisk::json!({ "timeout": x_timeout.as_secs() })
}

fn main() {}
