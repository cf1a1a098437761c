//! The axum 0.8 peer: the same answers as the brisk peer, written the axum way (a `Router`,
//! extractors, `IntoResponse` tuples, `axum::serve`). FastAPI's 422s come from two small
//! extractors that wrap axum's `Path` and `Query` and turn their rejections into the 422 body,
//! as axum's docs suggest for custom rejections. Listens on 127.0.0.1:$PORT (default 8000).

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::header::LOCATION;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bench_inventory::{validate_item, Item};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

type Items = Arc<Mutex<HashMap<i64, String>>>;

static NEXT_ID: AtomicI64 = AtomicI64::new(2);

/// FastAPI's 422 body: `{"detail":[{"type":…,"loc":[…],"msg":…,"input":…}]}`.
#[derive(Serialize)]
struct ValidationError {
    detail: [ErrorItem; 1],
}

#[derive(Serialize)]
struct ErrorItem {
    #[serde(rename = "type")]
    kind: &'static str,
    loc: [&'static str; 2],
    msg: &'static str,
    input: Option<String>,
}

fn unprocessable(item: ErrorItem) -> Response {
    let body = ValidationError { detail: [item] };
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// The `{item_id}` path parameter as an `i64`, or FastAPI's 422.
struct ItemId(i64);

impl<S: Send + Sync> FromRequestParts<S> for ItemId {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<i64>::from_request_parts(parts, state).await {
            Ok(Path(item_id)) => Ok(ItemId(item_id)),
            Err(PathRejection::FailedToDeserializePathParams(err)) => match err.into_kind() {
                ErrorKind::ParseError { value, .. }
                | ErrorKind::ParseErrorAtKey { value, .. }
                | ErrorKind::ParseErrorAtIndex { value, .. } => Err(unprocessable(ErrorItem {
                    kind: "int_parsing",
                    loc: ["path", "item_id"],
                    msg: "Input should be a valid integer, unable to parse string as an integer",
                    input: Some(value),
                })),
                kind => Err((StatusCode::BAD_REQUEST, kind.to_string()).into_response()),
            },
            Err(rejection) => Err(rejection.into_response()),
        }
    }
}

#[derive(Deserialize)]
struct NameQuery {
    name: String,
}

/// The required `name` query parameter, or FastAPI's 422.
struct Name(String);

impl<S: Send + Sync> FromRequestParts<S> for Name {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<NameQuery>::from_request_parts(parts, state).await {
            Ok(Query(query)) => Ok(Name(query.name)),
            Err(_) => Err(unprocessable(ErrorItem {
                kind: "missing",
                loc: ["query", "name"],
                msg: "Field required",
                input: None,
            })),
        }
    }
}

/// The JSON body as a valid `Item`, or FastAPI's 422 (the extractor pattern of axum's
/// validation example).
struct ValidItem(Item);

impl<S: Send + Sync> FromRequest<S> for ValidItem {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        validate_item(&body)
            .map(ValidItem)
            .map_err(|errors| (StatusCode::UNPROCESSABLE_ENTITY, Json(errors)).into_response())
    }
}

async fn add_to_inventory(ValidItem(item): ValidItem) -> Json<Item> {
    Json(item)
}

async fn plaintext() -> &'static str {
    "Hello, World!"
}

async fn create_item(Name(name): Name) -> impl IntoResponse {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    (
        StatusCode::CREATED,
        [(LOCATION, format!("/items/{id}"))],
        Json(json!({ "name": name })),
    )
}

async fn delete_item(ItemId(item_id): ItemId, State(items): State<Items>) -> StatusCode {
    items.lock().unwrap().remove(&item_id);
    StatusCode::NO_CONTENT
}

async fn upsert_item(
    ItemId(item_id): ItemId,
    State(items): State<Items>,
    Name(name): Name,
) -> (StatusCode, Json<Value>) {
    let mut items = items.lock().unwrap();
    if let Some(existing) = items.get_mut(&item_id) {
        *existing = name;
        return (StatusCode::OK, Json(json!({ "updated": item_id })));
    }
    items.insert(item_id, name);
    (StatusCode::CREATED, Json(json!({ "created": item_id })))
}

async fn get_item(ItemId(item_id): ItemId) -> impl IntoResponse {
    ([("x-cache", "MISS")], Json(json!({ "item_id": item_id })))
}

async fn not_found() -> (StatusCode, Json<Value>) {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "detail": "Not Found" })),
    )
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8000);
    let items: Items = Arc::new(Mutex::new(HashMap::from([(1, "Pen".to_owned())])));
    let app = Router::new()
        .route("/plaintext", get(plaintext))
        .route("/items", post(create_item))
        .route("/inventory", post(add_to_inventory))
        .route(
            "/items/{item_id}",
            get(get_item).put(upsert_item).delete(delete_item),
        )
        .fallback(not_found)
        .with_state(items);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    axum::serve(listener, app).await
}
