use brisk::{json, App, Value};

#[brisk::get("/items")]
async fn list_items(
    #[brisk(default = 0)] skip: usize,
    #[brisk(default = 10)] limit: usize,
    q: Option<String>,
    #[brisk(default)] tags: Vec<String>,
    #[brisk(default = false)] short: bool,
) -> Value {
    json!({ "skip": skip, "limit": limit, "q": q, "tags": tags, "short": short })
}

#[brisk::get("/search")]
async fn search(q: String, ids: Vec<i64>) -> Value {
    json!({ "q": q, "ids": ids })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![list_items, search])
}
