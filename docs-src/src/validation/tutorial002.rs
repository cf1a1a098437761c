use brisk::{json, App, Header, Value};

#[brisk::get("/users/{user_id}/search")]
async fn search(
    #[brisk(gt = 0)] user_id: i64,
    #[brisk(min_length = 3, max_length = 20, pattern = "^[a-z ]+$")] q: String,
    #[brisk(default = 10, ge = 1, le = 100)] limit: u32,
    #[brisk(alias = "sort-by", default = "name".to_owned())] sort_by: String,
    x_request_source: Header<Option<String>>,
) -> Value {
    json!({
        "user_id": user_id,
        "q": q,
        "limit": limit,
        "sort_by": sort_by,
        "source": x_request_source.0,
    })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![search])
}
