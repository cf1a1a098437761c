//! What the guide's *Errors* page promises, answered exactly: a body that is not UTF-8
//! (`400`), a handler's error that is not a response (`500`, FastAPI's plain page, and the
//! server goes on serving), and a bare `StatusCode` returned by a handler. Through
//! `TestClient`, and over a real socket where "goes on serving" is the point.

use std::net::SocketAddr;

use brisk::testing::{TestClient, TestResponse};
use brisk::{json, App, ServeConfig, StatusCode, Value};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

mod support;
use support::read_answer;

#[derive(brisk::Model, Debug)]
struct Item {
    name: String,
}

#[brisk::post("/model")]
async fn model_body(item: Item) -> Value {
    json!({ "name": item.name })
}

#[brisk::post("/json")]
async fn json_body(body: brisk::Json<Value>) -> Value {
    body.0
}

#[derive(serde::Deserialize, Debug)]
struct Plain {
    name: String,
}

#[brisk::post("/serde")]
async fn serde_body(body: brisk::Json<Plain>) -> Value {
    json!({ "name": body.0.name })
}

#[brisk::get("/boxed")]
async fn boxed(fail: bool) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
    if fail {
        return Err("secret-boxed-failure in /src/secret.rs".into());
    }
    Ok(json!({ "ok": true }))
}

#[brisk::get("/anyhow")]
async fn with_anyhow(fail: bool) -> Result<Value, anyhow::Error> {
    if fail {
        anyhow::bail!("secret-anyhow-failure in /src/secret.rs");
    }
    Ok(json!({ "ok": true }))
}

#[brisk::get("/io")]
async fn with_io(fail: bool) -> Result<Value, std::io::Error> {
    if fail {
        return Err(std::io::Error::other("secret-io-failure"));
    }
    Ok(json!({ "ok": true }))
}

#[brisk::get("/teapot")]
async fn teapot() -> StatusCode {
    StatusCode::IM_A_TEAPOT
}

#[brisk::delete("/gone")]
async fn gone() -> brisk::StatusCode {
    StatusCode::NO_CONTENT
}

#[brisk::get("/accepted")]
async fn accepted() -> StatusCode {
    StatusCode::ACCEPTED
}

fn app() -> App {
    App::new().routes(brisk::routes![
        model_body,
        json_body,
        serde_body,
        boxed,
        with_anyhow,
        with_io,
        teapot,
        gone,
        accepted
    ])
}

fn client() -> TestClient {
    TestClient::new(app()).allow_undocumented_statuses()
}

/// Status, every header in order, and the body as text.
fn whole(res: &TestResponse) -> (u16, Vec<(String, String)>, String) {
    (
        res.status().as_u16(),
        res.header_pairs(),
        String::from_utf8_lossy(res.bytes()).into_owned(),
    )
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

const PARSE_ERROR: &str = r#"{"detail":"There was an error parsing the body"}"#;

fn parse_error() -> (u16, Vec<(String, String)>, String) {
    (
        400,
        pairs(&[
            ("content-length", "48"),
            ("content-type", "application/json"),
        ]),
        PARSE_ERROR.to_owned(),
    )
}

/// `guide/errors.md`, *Errors brisk answers for you*: a body that is not UTF-8 is `400`,
/// whatever the body is read into.
#[tokio::test]
async fn a_body_that_is_not_utf8_is_400() {
    assert_eq!(PARSE_ERROR.len(), 48);
    let client = client();
    for path in ["/model", "/json", "/serde"] {
        for body in [&b"\xff"[..], b"{\"name\":\"\xff\"}", b"\xef\xbb\xbf\xc3"] {
            let res = client
                .post(path)
                .header("content-type", "application/json")
                .body(body.to_vec())
                .send()
                .await;
            assert_eq!(whole(&res), parse_error(), "{path} {body:?}");
        }
    }
    // The same bodies, well-formed, are read: the 400 is about the bytes.
    for path in ["/model", "/json", "/serde"] {
        let res = client
            .post(path)
            .header("content-type", "application/json")
            .body(&b"{\"name\":\"\xc3\xbf\"}"[..])
            .send()
            .await;
        assert_eq!(
            whole(&res),
            (
                200,
                pairs(&[
                    ("content-length", "13"),
                    ("content-type", "application/json"),
                ]),
                "{\"name\":\"\u{ff}\"}".to_owned()
            ),
            "{path}"
        );
    }
}

/// The plain 500 page, exactly as FastAPI sends it.
fn internal_error() -> (u16, Vec<(String, String)>, String) {
    (
        500,
        pairs(&[
            ("content-length", "21"),
            ("content-type", "text/plain; charset=utf-8"),
        ]),
        "Internal Server Error".to_owned(),
    )
}

fn ok_true() -> (u16, Vec<(String, String)>, String) {
    (
        200,
        pairs(&[
            ("content-length", "11"),
            ("content-type", "application/json"),
        ]),
        r#"{"ok":true}"#.to_owned(),
    )
}

/// `guide/errors.md`: an `Err` that is not a response — `Box<dyn Error>`, `anyhow::Error`,
/// `std::io::Error` — is answered `500 Internal Server Error` in plain text, nothing of the
/// error reaching the client.
#[tokio::test]
async fn an_error_that_is_not_a_response_is_a_plain_500() {
    // Not `allow_undocumented_statuses`: a 500 is never the route's to declare.
    let client = TestClient::new(app());
    for path in ["/boxed", "/anyhow", "/io"] {
        let res = client.get(&format!("{path}?fail=true")).send().await;
        assert_eq!(whole(&res), internal_error(), "{path}");
        let res = client.get(&format!("{path}?fail=false")).send().await;
        assert_eq!(whole(&res), ok_true(), "{path}");
    }
}

/// A server on 127.0.0.1 that stops when dropped.
struct Server {
    addr: SocketAddr,
    _stop: oneshot::Sender<()>,
}

async fn start() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(brisk::serve_with(
        listener,
        app(),
        async {
            let _ = stopped.await;
        },
        ServeConfig::default(),
    ));
    Server { addr, _stop: stop }
}

const WIRE_500: &str = concat!(
    "HTTP/1.1 500 Internal Server Error\r\n",
    "content-length: 21\r\n",
    "content-type: text/plain; charset=utf-8\r\n",
    "date: *\r\n\r\n",
    "Internal Server Error",
);

const WIRE_OK: &str = concat!(
    "HTTP/1.1 200 OK\r\n",
    "content-length: 11\r\n",
    "content-type: application/json\r\n",
    "date: *\r\n\r\n",
    r#"{"ok":true}"#,
);

/// Over a socket: each failing handler answers the plain 500 and the same keep-alive
/// connection goes on serving, as do new ones.
#[tokio::test]
async fn the_server_goes_on_serving_after_a_500() {
    let server = start().await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    for path in ["/boxed", "/anyhow", "/io"] {
        for (fail, want) in [("true", WIRE_500), ("false", WIRE_OK), ("true", WIRE_500)] {
            let request = format!("GET {path}?fail={fail} HTTP/1.1\r\nhost: x\r\n\r\n");
            stream.write_all(request.as_bytes()).await.unwrap();
            assert_eq!(read_answer(&mut stream).await, want, "{path}?fail={fail}");
        }
    }
    let mut other = TcpStream::connect(server.addr).await.unwrap();
    other
        .write_all(b"GET /boxed?fail=false HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    assert_eq!(read_answer(&mut other).await, WIRE_OK);
}

/// `guide/path-operations.md`, *What a handler returns*: a bare `StatusCode` is an empty
/// response with that status (FastAPI's `Response(status_code=...)`).
#[tokio::test]
async fn a_bare_status_code_is_an_empty_answer() {
    let client = client();
    let empty = pairs(&[("content-length", "0")]);
    let res = client.get("/teapot").send().await;
    assert_eq!(whole(&res), (418, empty.clone(), String::new()));
    let res = client.get("/accepted").send().await;
    assert_eq!(whole(&res), (202, empty, String::new()));
    // 204 carries no content-length at all (RFC 9110 §8.6).
    let res = client.delete("/gone").send().await;
    assert_eq!(whole(&res), (204, Vec::new(), String::new()));
}
