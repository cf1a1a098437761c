//! Twin of `tools/oracle/apps/seed_app.py`: the guide's handlers (reference §2).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use brisk::{json, status, App, Response, ResponseHandle, State, Value};

use crate::harness::{AppSpec, Skip};

/// `items: dict[int, str] = {}`
type Items = Arc<Mutex<HashMap<i64, String>>>;

#[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
async fn create_item(name: String) -> Value {
    json!({ "name": name })
}

// `return None` with `status_code=204`.
#[brisk::delete("/items/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
async fn delete_item(item_id: i64) {
    let _ = item_id;
}

// `return Response(status_code=204)`.
#[brisk::delete("/items-explicit/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
async fn delete_item_explicit(item_id: i64) -> Response {
    let _ = item_id;
    Response::new(status::HTTP_204_NO_CONTENT)
}

#[brisk::put("/items/{item_id}", responses = [201])]
async fn upsert_item(
    item_id: i64,
    name: String,
    response: &mut ResponseHandle,
    State(items): State<Items>,
) -> Value {
    let mut items = items.lock().unwrap();
    if let Some(existing) = items.get_mut(&item_id) {
        existing.clone_from(&name);
        return json!({ "id": item_id, "name": name, "updated": true });
    }
    items.insert(item_id, name.clone());
    response.set_status(status::HTTP_201_CREATED);
    json!({ "id": item_id, "name": name, "created": true })
}

#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: i64, response: &mut ResponseHandle) -> Value {
    response.set_header("X-Cache", "MISS");
    json!({ "id": item_id })
}

/// A fresh twin.
pub fn app() -> App {
    App::new().state(Items::default()).routes(brisk::routes![
        create_item,
        delete_item,
        delete_item_explicit,
        upsert_item,
        get_item
    ])
}

/// brisk's document adds the `201` that `upsert_item` declares (FastAPI cannot see a status
/// set at run time), so its bytes and length differ: it is compared key by key in
/// `it/openapi.rs`.
const OPENAPI_ELSEWHERE: &str =
    "nothing: the document differs on purpose and is compared with FastAPI's in it/openapi.rs";

pub const SPEC: AppSpec = AppSpec {
    name: "seed_app",
    golden: include_str!("../../golden/seed_app.json"),
    app,
    skipped: &[
        Skip {
            case: "openapi document",
            missing: OPENAPI_ELSEWHERE,
        },
        Skip {
            case: "HEAD openapi document",
            missing: OPENAPI_ELSEWHERE,
        },
    ],
};
