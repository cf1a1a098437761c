//! The hand-written hyper 1 peer: the same answers as the brisk peer, with nothing between
//! hyper's HTTP/1.1 connection and the handler but a `match` on method and path. Listens on
//! 127.0.0.1:$PORT (default 8000).

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bench_inventory::validate_item;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE, LOCATION};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use serde_json::json;
use tokio::net::TcpListener;

type Items = Arc<Mutex<HashMap<i64, String>>>;

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

fn json_response(status: StatusCode, body: Vec<u8>) -> Response<Full<Bytes>> {
    let mut res = Response::new(Full::new(Bytes::from(body)));
    *res.status_mut() = status;
    res.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res
}

fn json_value(status: StatusCode, value: &serde_json::Value) -> Response<Full<Bytes>> {
    json_response(
        status,
        serde_json::to_vec(value).expect("a Value serializes"),
    )
}

fn unprocessable(item: ErrorItem<'_>) -> Response<Full<Bytes>> {
    let body = serde_json::to_vec(&ValidationError { detail: [item] }).expect("serializes");
    json_response(StatusCode::UNPROCESSABLE_ENTITY, body)
}

fn not_an_integer(raw: &str) -> Response<Full<Bytes>> {
    unprocessable(ErrorItem {
        kind: "int_parsing",
        loc: ["path", "item_id"],
        msg: "Input should be a valid integer, unable to parse string as an integer",
        input: Some(raw),
    })
}

fn missing_name() -> Response<Full<Bytes>> {
    unprocessable(ErrorItem {
        kind: "missing",
        loc: ["query", "name"],
        msg: "Field required",
        input: None,
    })
}

fn detail(status: StatusCode, detail: &str) -> Response<Full<Bytes>> {
    json_value(status, &json!({ "detail": detail }))
}

/// `POST /inventory`: the body read in full, then validated.
async fn add_to_inventory(req: Request<Incoming>) -> Response<Full<Bytes>> {
    let body = match req.into_body().collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => {
            return detail(
                StatusCode::BAD_REQUEST,
                "The request body could not be read",
            )
        }
    };
    match validate_item(&body) {
        Ok(item) => json_response(
            StatusCode::OK,
            serde_json::to_vec(&item).expect("an Item serializes"),
        ),
        Err(errors) => json_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            serde_json::to_vec(&errors).expect("errors serialize"),
        ),
    }
}

fn query_name(req: &Request<Incoming>) -> Option<String> {
    let query = req.uri().query()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "name")
        .map(|(_, value)| value.into_owned())
}

fn handle(req: Request<Incoming>, items: &Items) -> Response<Full<Bytes>> {
    let path = req.uri().path();
    if path == "/plaintext" {
        return match *req.method() {
            Method::GET => {
                let mut res = Response::new(Full::new(Bytes::from_static(b"Hello, World!")));
                res.headers_mut().insert(
                    CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                );
                res
            }
            _ => detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed"),
        };
    }
    if path == "/items" {
        return match *req.method() {
            Method::POST => {
                let Some(name) = query_name(&req) else {
                    return missing_name();
                };
                let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
                let mut res = json_value(StatusCode::CREATED, &json!({ "name": name }));
                let location = HeaderValue::try_from(format!("/items/{id}")).expect("ascii");
                res.headers_mut().insert(LOCATION, location);
                res
            }
            _ => detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed"),
        };
    }
    let Some(raw) = path
        .strip_prefix("/items/")
        .filter(|raw| !raw.contains('/'))
    else {
        return detail(StatusCode::NOT_FOUND, "Not Found");
    };
    if !matches!(*req.method(), Method::GET | Method::PUT | Method::DELETE) {
        return detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
    }
    let Ok(item_id) = raw.parse::<i64>() else {
        return not_an_integer(raw);
    };
    match *req.method() {
        Method::GET => {
            let mut res = json_value(StatusCode::OK, &json!({ "item_id": item_id }));
            res.headers_mut()
                .insert("x-cache", HeaderValue::from_static("MISS"));
            res
        }
        Method::DELETE => {
            items.lock().unwrap().remove(&item_id);
            let mut res = Response::new(Full::new(Bytes::new()));
            *res.status_mut() = StatusCode::NO_CONTENT;
            res
        }
        _ => {
            let Some(name) = query_name(&req) else {
                return missing_name();
            };
            let mut items = items.lock().unwrap();
            if let Some(existing) = items.get_mut(&item_id) {
                *existing = name;
                return json_value(StatusCode::OK, &json!({ "updated": item_id }));
            }
            items.insert(item_id, name);
            json_value(StatusCode::CREATED, &json!({ "created": item_id }))
        }
    }
}

/// The service's future: an answer already made, or one waiting for the request body.
enum Answer {
    Now(Option<Response<Full<Bytes>>>),
    Later(Pin<Box<dyn Future<Output = Response<Full<Bytes>>> + Send>>),
}

impl Future for Answer {
    type Output = Result<Response<Full<Bytes>>, Infallible>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match &mut *self {
            Answer::Now(res) => Poll::Ready(Ok(res.take().expect("polled once"))),
            Answer::Later(fut) => fut.as_mut().poll(cx).map(Ok),
        }
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8000);
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let items: Items = Arc::new(Mutex::new(HashMap::from([(1, "Pen".to_owned())])));
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        let items = items.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req: Request<Incoming>| {
                // Only `POST /inventory` waits (for its body): a boxed future; everything else
                // is answered right here, its future only the answer.
                match (req.uri().path(), req.method()) {
                    ("/inventory", &Method::POST) => Answer::Later(Box::pin(add_to_inventory(req))),
                    ("/inventory", _) => Answer::Now(Some(detail(
                        StatusCode::METHOD_NOT_ALLOWED,
                        "Method Not Allowed",
                    ))),
                    _ => Answer::Now(Some(handle(req, &items))),
                }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
