use brisk::{json, App, Value};

#[brisk::get("/items")]
async fn list_items() -> Value {
    json!([])
}

pub fn app() -> App {
    App::new()
        .openapi_url(Some("/api/openapi.json"))
        .docs_url(Some("/api/docs"))
        .redoc_url(None)
        .routes(brisk::routes![list_items])
}
