//! Explicit wrappers, with an ident or a tuple-struct pattern, fully qualified or imported.

use std::sync::Arc;

use brisk::{Cookie, Header, Json, Path, Query, State};

#[derive(serde::Deserialize, serde::Serialize)]
struct Item {
    name: String,
}

#[derive(Clone)]
struct Db {
    name: Arc<str>,
}

#[brisk::get("/items/{item_id}")]
async fn ident_patterns(
    item_id: Path<i64>,
    q: Query<Option<String>>,
    user_agent: Header<Option<String>>,
    session: Cookie<Option<String>>,
    db: State<Db>,
) -> brisk::Value {
    brisk::json!({
        "item_id": *item_id,
        "q": q.0,
        "user_agent": user_agent.into_inner(),
        "session": session.0,
        "db": &*db.name,
    })
}

#[brisk::put("/items/{item_id}")]
async fn tuple_patterns(
    Path(item_id): Path<i64>,
    Query(q): Query<Vec<String>>,
    Header(x_token): Header<String>,
    Cookie(session): Cookie<String>,
    Json(item): Json<Item>,
    State(db): State<Db>,
) -> Json<Item> {
    let _ = (item_id, q, x_token, session, db);
    Json(item)
}

#[brisk::get("/qualified/{item_id}")]
async fn qualified(
    brisk::Path(item_id): brisk::Path<u64>,
    mut q: brisk::Query<String>,
    item_id_again: brisk::Query<Option<u64>>,
) -> brisk::Value {
    q.push('!');
    brisk::json!({ "item_id": item_id, "q": q.0, "again": item_id_again.0 })
}

/// `Json<T>` reads a scalar or a list as the body.
#[brisk::post("/numbers")]
async fn numbers(Json(values): Json<Vec<i64>>) -> i64 {
    values.iter().sum()
}

/// A scalar body needs `Json<T>` (without it, it would be a query parameter).
#[brisk::post("/count")]
async fn count(count: Json<u32>, q: Query<String>) -> brisk::Value {
    brisk::json!({ "count": *count, "q": q.0 })
}

fn main() {
    let _ = brisk::App::new()
        .state(Db { name: "db".into() })
        .routes(brisk::routes![
            ident_patterns,
            tuple_patterns,
            qualified,
            numbers,
            count
        ])
        .into_service();
}
