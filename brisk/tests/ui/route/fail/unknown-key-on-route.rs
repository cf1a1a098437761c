#[brisk::route("/items", methods = ["GET"], method = "HEAD")]
async fn list_items() {}

fn main() {}
