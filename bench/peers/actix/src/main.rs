//! The actix-web 4 peer: the same answers as the brisk peer, written the actix way (route
//! macros, extractors, `web::Data`, `HttpServer`). FastAPI's 422s come from the `PathConfig`
//! and `QueryConfig` error handlers. Listens on 127.0.0.1:$PORT (default 8000).

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

use actix_web::http::header::LOCATION;
use actix_web::{delete, error, get, post, put, web, App, HttpResponse, HttpServer};
use bench_inventory::validate_item;
use serde::{Deserialize, Serialize};
use serde_json::json;

type Items = Mutex<HashMap<i64, String>>;

static NEXT_ID: AtomicI64 = AtomicI64::new(2);

/// FastAPI's 422 body: `{"detail":[{"type":…,"loc":[…],"msg":…,"input":…}]}`.
#[derive(Serialize)]
struct ValidationError<'a> {
    detail: [ErrorItem<'a>; 1],
}

#[derive(Serialize)]
struct ErrorItem<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    loc: [&'static str; 2],
    msg: &'static str,
    input: Option<&'a str>,
}

fn unprocessable(
    err: impl std::fmt::Debug + std::fmt::Display + 'static,
    item: ErrorItem<'_>,
) -> error::Error {
    let res = HttpResponse::UnprocessableEntity().json(ValidationError { detail: [item] });
    error::InternalError::from_response(err, res).into()
}

#[derive(Deserialize)]
struct NameQuery {
    name: String,
}

/// `POST /inventory`: the body as bytes (within actix's default payload limit), validated.
#[post("/inventory")]
async fn add_to_inventory(body: web::Bytes) -> HttpResponse {
    match validate_item(&body) {
        Ok(item) => HttpResponse::Ok().json(item),
        Err(errors) => HttpResponse::UnprocessableEntity().json(errors),
    }
}

#[get("/plaintext")]
async fn plaintext() -> &'static str {
    "Hello, World!"
}

#[post("/items")]
async fn create_item(query: web::Query<NameQuery>) -> HttpResponse {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    HttpResponse::Created()
        .insert_header((LOCATION, format!("/items/{id}")))
        .json(json!({ "name": query.into_inner().name }))
}

#[delete("/items/{item_id}")]
async fn delete_item(item_id: web::Path<i64>, items: web::Data<Items>) -> HttpResponse {
    items.lock().unwrap().remove(&item_id);
    HttpResponse::NoContent().finish()
}

#[put("/items/{item_id}")]
async fn upsert_item(
    item_id: web::Path<i64>,
    query: web::Query<NameQuery>,
    items: web::Data<Items>,
) -> HttpResponse {
    let item_id = item_id.into_inner();
    let name = query.into_inner().name;
    let mut items = items.lock().unwrap();
    if let Some(existing) = items.get_mut(&item_id) {
        *existing = name;
        return HttpResponse::Ok().json(json!({ "updated": item_id }));
    }
    items.insert(item_id, name);
    HttpResponse::Created().json(json!({ "created": item_id }))
}

#[get("/items/{item_id}")]
async fn get_item(item_id: web::Path<i64>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("x-cache", "MISS"))
        .json(json!({ "item_id": item_id.into_inner() }))
}

async fn not_found() -> HttpResponse {
    HttpResponse::NotFound().json(json!({ "detail": "Not Found" }))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8000);
    let items = web::Data::new(Items::new(HashMap::from([(1, "Pen".to_owned())])));
    HttpServer::new(move || {
        App::new()
            .app_data(items.clone())
            .app_data(web::PathConfig::default().error_handler(|err, req| {
                let raw = req.match_info().get("item_id").unwrap_or_default();
                unprocessable(
                    err,
                    ErrorItem {
                        kind: "int_parsing",
                        loc: ["path", "item_id"],
                        msg:
                            "Input should be a valid integer, unable to parse string as an integer",
                        input: Some(raw),
                    },
                )
            }))
            .app_data(web::QueryConfig::default().error_handler(|err, _req| {
                unprocessable(
                    err,
                    ErrorItem {
                        kind: "missing",
                        loc: ["query", "name"],
                        msg: "Field required",
                        input: None,
                    },
                )
            }))
            .service(plaintext)
            .service(create_item)
            .service(delete_item)
            .service(upsert_item)
            .service(get_item)
            .service(add_to_inventory)
            .default_service(web::to(not_found))
    })
    .bind(("127.0.0.1", port))?
    .run()
    .await
}
