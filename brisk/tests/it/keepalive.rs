//! One raw keep-alive connection (no `Connection: close`) carrying several requests: a
//! handler that panics answers FastAPI's plain 500 with nothing internal in it and the
//! connection goes on serving; a 204 built with a body is sent bodiless and the connection
//! goes on serving (FastAPI's server drops it); a HEAD answer leaks no body; a length a
//! handler states itself, in any way the API allows, is corrected to the body's; bodies
//! small and large go out alike with and without vectored writes.

use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use crate::apps::{edge_app, errors_app};
use crate::harness::Server;
use crate::wire::{self, RawResponse, IO_TIMEOUT};

/// How long a connection must stay silent and open between requests.
const QUIET: Duration = Duration::from_millis(100);

/// Sends `method target` on `stream` without `Connection: close` and reads one response.
async fn send(stream: &mut TcpStream, addr: &str, method: &str, target: &str) -> RawResponse {
    let raw = wire::request_bytes(&wire::simple_case(method, target), addr, true);
    tokio::time::timeout(IO_TIMEOUT, stream.write_all(&raw))
        .await
        .expect("write timed out")
        .expect("write failed");
    let res = wire::read_one_response(stream, method == "HEAD").await;
    assert_eq!(res.version, "HTTP/1.1");
    assert!(
        res.header("connection").is_none(),
        "{method} {target}: the server announced `connection: {}`",
        res.header("connection").unwrap_or_default()
    );
    assert!(
        !wire::closed_within(stream, QUIET).await,
        "{method} {target}: the server closed the keep-alive connection"
    );
    res
}

/// The header names in the order sent, but for `date`.
fn names(res: &RawResponse) -> Vec<String> {
    res.headers
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .filter(|n| n != "date")
        .collect()
}

/// Checks FastAPI's 500 page, byte for byte, and that it reveals nothing of the panic.
fn assert_plain_500(res: &RawResponse, what: &str) {
    assert_eq!(res.status, 500, "{what}");
    assert_eq!(
        res.header("content-type"),
        Some("text/plain; charset=utf-8"),
        "{what}"
    );
    assert_eq!(res.header("content-length"), Some("21"), "{what}");
    assert_eq!(res.body, b"Internal Server Error", "{what}");
    // Headers set on the handle before the panic are lost, as in FastAPI.
    assert_eq!(names(res), ["content-length", "content-type"], "{what}");
    let text = String::from_utf8_lossy(&res.body).to_ascii_lowercase();
    for internal in [
        "kaboom",
        "panic",
        ".rs",
        "errors_app",
        "thread",
        "backtrace",
    ] {
        assert!(
            !text.contains(internal),
            "{what}: the 500 body mentions {internal:?}"
        );
    }
}

#[tokio::test]
async fn panicking_handler_answers_500_and_the_connection_goes_on() {
    let server = Server::start(errors_app::app()).await;
    let addr = server.addr.to_string();
    let mut stream = wire::connect(server.addr).await;

    let res = send(&mut stream, &addr, "GET", "/boom").await;
    assert_plain_500(&res, "GET /boom");

    let res = send(&mut stream, &addr, "GET", "/hx/foo").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.body, br#"{"item":"The Foo"}"#);

    let res = send(&mut stream, &addr, "GET", "/boom-header").await;
    assert_plain_500(&res, "GET /boom-header");

    let res = send(&mut stream, &addr, "GET", "/hx/bar").await;
    assert_eq!(res.status, 404);
    assert_eq!(res.body, br#"{"detail":"Item not found"}"#);

    drop(stream);
    server.stop().await;
}

/// A parameter type whose parser panics (an `unwrap` on bad input): extraction runs before
/// the handler's future exists, and a panic there must be caught like one in the handler.
struct Fussy(u32);

impl brisk::extract::Scalar for Fussy {
    const SCHEMA_TYPE: &'static str = "integer";

    fn parse(s: &str) -> Result<Self, brisk::extract::ScalarError> {
        Ok(Fussy(s.parse().expect("kaboom: not a number")))
    }
}

#[brisk::get("/fussy/{n}")]
async fn fussy(n: Fussy) -> brisk::Value {
    brisk::json!({ "n": n.0 })
}

#[brisk::post("/fussy-body/{n}")]
async fn fussy_body(n: Fussy, body: brisk::Value) -> brisk::Value {
    brisk::json!({ "n": n.0, "body": body })
}

#[tokio::test]
async fn a_panic_while_extracting_answers_500_and_the_connection_goes_on() {
    let server = Server::start(brisk::App::new().routes(brisk::routes![fussy, fussy_body])).await;
    let addr = server.addr.to_string();
    let mut stream = wire::connect(server.addr).await;

    let res = send(&mut stream, &addr, "GET", "/fussy/7").await;
    assert_eq!(
        (res.status, res.body.as_slice()),
        (200, br#"{"n":7}"#.as_slice())
    );

    let res = send(&mut stream, &addr, "GET", "/fussy/x").await;
    assert_plain_500(&res, "GET /fussy/x");

    let res = send(&mut stream, &addr, "POST", "/fussy-body/x").await;
    assert_plain_500(&res, "POST /fussy-body/x");

    let res = send(&mut stream, &addr, "GET", "/fussy/8").await;
    assert_eq!(
        (res.status, res.body.as_slice()),
        (200, br#"{"n":8}"#.as_slice())
    );

    drop(stream);
    server.stop().await;

    // The test client runs the same service: the same 500.
    let client = brisk::testing::TestClient::new(brisk::App::new().routes(brisk::routes![fussy]));
    let res = client.get("/fussy/x").send().await;
    assert_eq!(
        (res.status().as_u16(), res.text()),
        (500, "Internal Server Error")
    );
    assert_eq!(
        res.header_pairs(),
        [
            ("content-length".to_owned(), "21".to_owned()),
            (
                "content-type".to_owned(),
                "text/plain; charset=utf-8".to_owned()
            )
        ]
    );
}

#[tokio::test]
async fn bodies_on_bodyless_answers_never_reach_the_wire() {
    let server = Server::start(edge_app::app()).await;
    let addr = server.addr.to_string();
    let mut stream = wire::connect(server.addr).await;

    // `Response::with_content("oops").status_code(204)` and `JsonResponse(None, 204)`: the
    // body is dropped; were any byte of it sent, the next response would not parse.
    for target in ["/d204/resp-body", "/d204/json-resp", "/d204/dict"] {
        let res = send(&mut stream, &addr, "DELETE", target).await;
        assert_eq!(res.status, 204, "{target}");
        assert!(names(&res).is_empty(), "{target}: {:?}", res.headers);
        assert!(res.body.is_empty());
    }

    // HEAD keeps the GET headers, sends no body.
    let res = send(&mut stream, &addr, "HEAD", "/plain").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-length"), Some("11"));
    assert_eq!(
        res.header("content-type"),
        Some("text/plain; charset=utf-8")
    );

    // 205 and 304 likewise.
    let res = send(&mut stream, &addr, "GET", "/s205").await;
    assert_eq!(
        (res.status, names(&res)),
        (205, vec!["content-length".to_owned()])
    );
    assert_eq!(res.header("content-length"), Some("0"));
    let res = send(&mut stream, &addr, "GET", "/n304/resp").await;
    assert_eq!((res.status, names(&res)), (304, vec!["etag".to_owned()]));

    let res = send(&mut stream, &addr, "GET", "/plain").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.body, b"hello world");

    drop(stream);
    server.stop().await;
}

// Handlers that state a length of their own, every way the API lets them, on responses brisk
// frames itself (the final stage skips its check for those unless something could have
// changed the framing).

#[brisk::get("/len/plain-header")]
async fn len_plain_header() -> brisk::Response {
    use brisk::IntoResponse;
    brisk::PlainText("hello".into())
        .into_response()
        .header("Content-Length", "99")
}

#[brisk::get("/len/plain-headers-mut")]
async fn len_plain_headers_mut() -> brisk::Response {
    use brisk::IntoResponse;
    let mut res = brisk::PlainText("hello".into()).into_response();
    res.headers_mut().insert(
        http::header::CONTENT_LENGTH,
        http::HeaderValue::from_static("2"),
    );
    res
}

#[brisk::get("/len/json-response")]
async fn len_json_response() -> brisk::JsonResponse {
    brisk::JsonResponse::new(brisk::json!({ "a": 1 })).header("content-length", "1")
}

#[brisk::get("/len/json-response-chunked")]
async fn len_json_response_chunked() -> brisk::JsonResponse {
    brisk::JsonResponse::new(brisk::json!({ "a": 1 })).header("transfer-encoding", "chunked")
}

#[brisk::get("/len/handle")]
async fn len_handle(response: &mut brisk::ResponseHandle) -> brisk::Value {
    response.set_header("content-length", "3");
    brisk::json!({ "a": 1 })
}

#[brisk::get("/len/handle-chunked")]
async fn len_handle_chunked(response: &mut brisk::ResponseHandle) -> brisk::Value {
    response.headers_mut().insert(
        "transfer-encoding",
        http::HeaderValue::from_static("chunked"),
    );
    brisk::json!({ "a": 1 })
}

#[brisk::get("/len/error")]
async fn len_error() -> Result<brisk::Value, brisk::HttpError> {
    Err(brisk::HttpError::new(409, "taken").header("content-length", "4"))
}

#[tokio::test]
async fn lengths_stated_by_handlers_are_corrected_and_the_connection_goes_on() {
    let app = brisk::App::new().routes(brisk::routes![
        len_plain_header,
        len_plain_headers_mut,
        len_json_response,
        len_json_response_chunked,
        len_handle,
        len_handle_chunked,
        len_error
    ]);
    let server = Server::start(app).await;
    let addr = server.addr.to_string();
    let mut stream = wire::connect(server.addr).await;
    for (target, status, body) in [
        ("/len/plain-header", 200, &b"hello"[..]),
        ("/len/plain-headers-mut", 200, b"hello"),
        ("/len/json-response", 200, br#"{"a":1}"#),
        ("/len/json-response-chunked", 200, br#"{"a":1}"#),
        ("/len/handle", 200, br#"{"a":1}"#),
        ("/len/handle-chunked", 200, br#"{"a":1}"#),
        ("/len/error", 409, br#"{"detail":"taken"}"#),
    ] {
        // Two rounds: a wrong length on the wire would make the next response unreadable.
        for _ in 0..2 {
            let res = send(&mut stream, &addr, "GET", target).await;
            assert_eq!((res.status, &res.body[..]), (status, body), "{target}");
            let lengths: Vec<_> = res
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .map(|(_, v)| v.as_str())
                .collect();
            assert_eq!(lengths, [body.len().to_string()], "{target}");
            assert!(res.header("transfer-encoding").is_none(), "{target}");
        }
    }
    drop(stream);
    server.stop().await;
}

#[brisk::get("/sized/{n}")]
async fn sized(n: usize) -> brisk::PlainText {
    brisk::PlainText("abcdefghij".repeat(n).into())
}

/// HTTP/1 responses go out the same whether the body is copied after its head (the default)
/// or written beside it (`vectored_writes`): small and large bodies, one after the other on
/// one connection.
#[tokio::test]
async fn both_write_modes_send_the_same_bytes() {
    for vectored in [false, true] {
        let config = brisk::ServeConfig::default().vectored_writes(vectored);
        let server =
            Server::start_with(brisk::App::new().routes(brisk::routes![sized]), config).await;
        let addr = server.addr;
        let mut stream = wire::connect(addr).await;
        // 10 B, 10 KB, 1 MB (past hyper's 64 KiB write buffer), then small again.
        for n in [1, 1_000, 100_000, 3] {
            let target = format!("/sized/{n}");
            let res = send(&mut stream, &addr.to_string(), "GET", &target).await;
            assert_eq!(res.status, 200, "{target} vectored={vectored}");
            assert_eq!(
                res.header("content-length"),
                Some(&*(n * 10).to_string()),
                "{target}"
            );
            assert_eq!(res.body, "abcdefghij".repeat(n).as_bytes(), "{target}");
        }
        drop(stream);
        server.stop().await;
    }
}
