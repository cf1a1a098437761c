use brisk::Query;

#[brisk::get("/items")]
async fn list_items(ids: Query<Vec<Vec<i64>>>) -> brisk::Value {
    brisk::json!({ "ids": *ids })
}

fn main() {}
