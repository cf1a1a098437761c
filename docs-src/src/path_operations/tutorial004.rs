use brisk::{json, App, Cookie, Header, Path, Query, Request, Value};

#[brisk::get("/items/{item_id}")]
async fn read_item(
    Path(item_id): Path<i64>,
    limit: Query<Option<u32>>,
    user_agent: Header<Option<String>>,
    session: Cookie<Option<String>>,
) -> Value {
    json!({
        "item_id": item_id,
        "limit": *limit,
        "user_agent": user_agent.0,
        "session": session.0,
    })
}

#[brisk::get("/whoami")]
async fn whoami(request: &Request) -> Value {
    json!({ "method": request.method().as_str(), "path": request.path() })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![read_item, whoami])
}
