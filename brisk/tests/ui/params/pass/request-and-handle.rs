//! `&Request`, `Request` and `&mut ResponseHandle`, alone or with other parameters.

use brisk::{status, Request, ResponseHandle};

#[derive(serde::Deserialize)]
struct Item {
    name: String,
}

#[brisk::get("/whoami")]
async fn whoami(request: &Request) -> brisk::Value {
    brisk::json!({ "path": request.path(), "method": request.method().as_str() })
}

#[brisk::post("/raw")]
async fn raw(request: Request) -> usize {
    request.body().len()
}

#[brisk::put("/items/{item_id}")]
async fn upsert_item(
    item_id: i64,
    item: Item,
    response: &mut ResponseHandle,
    request: &Request,
) -> brisk::Value {
    response.set_status(status::HTTP_201_CREATED);
    response.set_header("x-path", request.path());
    brisk::json!({ "item_id": item_id, "name": item.name })
}

#[brisk::get("/handle-only")]
async fn handle_only(response: &mut brisk::ResponseHandle) {
    response.set_status(204);
}

fn main() {
    let _ = brisk::App::new()
        .routes(brisk::routes![whoami, raw, upsert_item, handle_only])
        .into_service();
}
