//! What a deployment needs, over real sockets and through `TestClient`: the health route,
//! absolute URLs behind a proxy (`Forwarded` / `X-Forwarded-Proto`, believed from trusted
//! peers only), and `ServeConfig::body_limit` (what `BRISK_BODY_LIMIT` sets). Loopback only;
//! every wait is bounded.

use std::net::SocketAddr;
use std::time::Duration;

use brisk::testing::TestClient;
use brisk::{json, App, ServeConfig, TrustedProxies, Value};
use std::io::Write as _;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::oneshot;

mod support;
use support::read_answer;

#[brisk::get("/items")]
async fn list_items() -> Value {
    json!([])
}

#[brisk::post("/echo")]
async fn echo(body: brisk::Json<Value>) -> Value {
    body.0
}

fn app() -> App {
    App::new()
        .routes(brisk::routes![list_items, echo])
        .health("/healthz")
}

/// A server on 127.0.0.1 that stops when dropped.
struct Server {
    addr: SocketAddr,
    _stop: oneshot::Sender<()>,
}

async fn start(app: App, config: ServeConfig) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(brisk::serve_with(
        listener,
        app,
        async {
            let _ = stopped.await;
        },
        config,
    ));
    Server { addr, _stop: stop }
}

/// Sends `request` (a full HTTP/1.1 request that ends with `connection: close`) from
/// `from` and returns the status line and headers, lower-cased names.
async fn exchange(
    server: SocketAddr,
    from: &str,
    request: &str,
) -> (u16, Vec<(String, String)>, String) {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(format!("{from}:0").parse().unwrap()).unwrap();
    let mut stream = tokio::time::timeout(Duration::from_secs(5), socket.connect(server))
        .await
        .expect("connect in time")
        .unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut raw))
        .await
        .expect("answer in time")
        .unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete head");
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap()[9..12].parse().unwrap();
    let headers = lines
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.trim().to_ascii_lowercase(), v.trim().to_owned())
        })
        .collect();
    (status, headers, body.to_owned())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `GET /items/` with extra header lines; returns the redirect's `location`.
async fn redirect_from(server: &Server, from: &str, extra: &str) -> String {
    let request = format!(
        "GET /items/?page=2 HTTP/1.1\r\nhost: internal:9000\r\n{extra}connection: close\r\n\r\n"
    );
    let (status, headers, _) = exchange(server.addr, from, &request).await;
    assert_eq!(status, 307);
    header(&headers, "location").unwrap().to_owned()
}

#[tokio::test]
async fn health_answers_get_and_head_and_stays_out_of_the_document() {
    let client = TestClient::new(app());
    let res = client.get("/healthz").send().await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.json::<Value>(), json!({ "status": "ok" }));
    let head = client.head("/healthz").send().await;
    assert_eq!(head.status(), 200);
    assert_eq!(head.header("content-length"), Some("15"));
    assert!(head.bytes().is_empty());
    assert_eq!(client.post("/healthz").send().await.status(), 405);
    // Not in the document, served or built.
    let doc: Value = client.get("/openapi.json").send().await.json();
    assert!(doc["paths"].get("/healthz").is_none(), "{doc}");
    assert!(doc["paths"].get("/items").is_some());
    assert!(!serde_json::to_string(&app().openapi())
        .unwrap()
        .contains("healthz"));
    // No health route unless asked for.
    let plain = TestClient::new(App::new().routes(brisk::routes![list_items]));
    assert_eq!(plain.get("/healthz").send().await.status(), 404);
}

#[tokio::test]
async fn health_answers_over_the_wire() {
    let server = start(app(), ServeConfig::default()).await;
    let (status, headers, body) = exchange(
        server.addr,
        "127.0.0.1",
        "GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert_eq!((status, body.as_str()), (200, r#"{"status":"ok"}"#));
    assert_eq!(but_date(&headers), JSON_HEADERS_15);
    let (status, headers, body) = exchange(
        server.addr,
        "127.0.0.1",
        "HEAD /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert_eq!((status, body.as_str()), (200, ""));
    assert_eq!(but_date(&headers), JSON_HEADERS_15);
}

/// Every header but `date`, in order.
fn but_date(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .filter(|(name, _)| name != "date")
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect()
}

/// The health answer's headers but `date`, to `GET` and to `HEAD` alike: FastAPI's order
/// for a JSON answer.
const JSON_HEADERS_15: [(&str, &str); 3] = [
    ("content-length", "15"),
    ("content-type", "application/json"),
    ("connection", "close"),
];

#[tokio::test]
async fn a_proxy_on_loopback_is_believed_by_default() {
    let server = start(app(), ServeConfig::default()).await;
    // No proxy headers: the Host header, plain http.
    assert_eq!(
        redirect_from(&server, "127.0.0.1", "").await,
        "http://internal:9000/items?page=2"
    );
    // FastAPI issue #4990: behind a TLS-terminating proxy the redirect must stay https.
    assert_eq!(
        redirect_from(&server, "127.0.0.1", "x-forwarded-proto: https\r\n").await,
        "https://internal:9000/items?page=2"
    );
    // RFC 7239: the last element (the proxy's own) gives the scheme and the public host.
    assert_eq!(
        redirect_from(
            &server,
            "127.0.0.1",
            "forwarded: proto=http;host=evil.example\r\nforwarded: for=192.0.2.1;proto=https;host=\"api.example.com\"\r\n",
        )
        .await,
        "https://api.example.com/items?page=2"
    );
    // Forwarded wins over X-Forwarded-Proto.
    assert_eq!(
        redirect_from(
            &server,
            "127.0.0.1",
            "forwarded: proto=https\r\nx-forwarded-proto: http\r\n",
        )
        .await,
        "https://internal:9000/items?page=2"
    );
    // Nonsense is not believed.
    assert_eq!(
        redirect_from(
            &server,
            "127.0.0.1",
            "forwarded: proto=javascript;host=\"a@b\"\r\nx-forwarded-proto: gopher\r\n",
        )
        .await,
        "http://internal:9000/items?page=2"
    ); // X-Forwarded-Host is not read, not even from a trusted proxy (nor by uvicorn): the
       // host comes from `Host` or `Forwarded: host=`.
    assert_eq!(
        redirect_from(
            &server,
            "127.0.0.1",
            "x-forwarded-host: evil.example\r\nx-forwarded-proto: https\r\n",
        )
        .await,
        "https://internal:9000/items?page=2"
    );
}

#[tokio::test]
async fn proxy_headers_from_untrusted_peers_are_ignored() {
    let headers = "forwarded: proto=https;host=evil.example\r\nx-forwarded-proto: https\r\n";
    // Only 127.0.0.1 is trusted: a peer on 127.0.0.2 (still loopback) is not.
    let only_one: TrustedProxies = "127.0.0.1".parse().unwrap();
    let server = start(app(), ServeConfig::default().trusted_proxies(only_one)).await;
    assert_eq!(
        redirect_from(&server, "127.0.0.2", headers).await,
        "http://internal:9000/items?page=2"
    );
    assert_eq!(
        redirect_from(&server, "127.0.0.1", headers).await,
        "https://evil.example/items?page=2"
    );
    // Trusting no one.
    let server = start(
        app(),
        ServeConfig::default().trusted_proxies(TrustedProxies::none()),
    )
    .await;
    assert_eq!(
        redirect_from(&server, "127.0.0.1", headers).await,
        "http://internal:9000/items?page=2"
    );
}

#[tokio::test]
async fn test_client_requests_count_as_coming_from_a_trusted_proxy() {
    let client = TestClient::new(app());
    let res = client
        .get("/items/")
        .header("forwarded", "proto=https;host=api.example.com")
        .send()
        .await;
    assert_eq!(res.status(), 307);
    assert_eq!(
        res.header("location"),
        Some("https://api.example.com/items")
    );
    let res = client
        .get("/items/")
        .header("x-forwarded-proto", "https")
        .send()
        .await;
    assert_eq!(res.header("location"), Some("https://testserver/items"));
}

#[tokio::test]
async fn serve_config_body_limit_replaces_the_apps() {
    let server = start(
        app().body_limit(1024),
        ServeConfig::default().body_limit(Some(8)),
    )
    .await;
    let post = |body: &'static str| {
        format!(
            "POST /echo HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let (status, _, body) = exchange(server.addr, "127.0.0.1", &post("[1,2,3]")).await;
    assert_eq!((status, body.as_str()), (200, "[1,2,3]"));
    let (status, _, body) = exchange(server.addr, "127.0.0.1", &post("[1,2,3,4]")).await;
    assert_eq!(status, 413);
    assert_eq!(
        body,
        r#"{"detail":"Request body too large: the limit is 8 bytes"}"#
    );
}

#[brisk::post("/small", body_limit = 16)]
async fn small(body: brisk::Json<Value>) -> Value {
    body.0
}

/// A route's own `body_limit = …` outranks both the app's limit and the server-wide one
/// (`ServeConfig::body_limit`, what `BRISK_BODY_LIMIT` sets); routes without one get the
/// server-wide limit.
#[tokio::test]
async fn a_routes_own_body_limit_outlives_the_server_wide_one() {
    let server = start(
        app().body_limit(1024).routes(brisk::routes![small]),
        ServeConfig::default().body_limit(Some(8)),
    )
    .await;
    let post = |path: &str, body: &str| {
        format!(
            "POST {path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let too_large = |limit: usize| {
        format!(r#"{{"detail":"Request body too large: the limit is {limit} bytes"}}"#)
    };

    // The route's 16 bytes: 17 is refused, 16 and 10 are read (neither the app's 1024 nor
    // the server's 8 applies).
    let body17 = "[1,2,3,4,5,6,7,8]";
    assert_eq!(body17.len(), 17);
    let (status, headers, body) = exchange(server.addr, "127.0.0.1", &post("/small", body17)).await;
    assert_eq!((status, body), (413, too_large(16)));
    assert_eq!(
        but_date(&headers),
        [
            ("content-length", "58"),
            ("content-type", "application/json"),
            ("connection", "close"),
        ]
    );
    for ok in ["[1,2,3,4,5,6,78]", "[1,2,3,45]"] {
        let (status, headers, body) = exchange(server.addr, "127.0.0.1", &post("/small", ok)).await;
        assert_eq!((status, body.as_str()), (200, ok));
        let length = ok.len().to_string();
        assert_eq!(
            but_date(&headers),
            [
                ("content-length", length.as_str()),
                ("content-type", "application/json"),
                ("connection", "close"),
            ]
        );
    }

    // A route without its own limit gets the server-wide 8, not the app's 1024.
    let (status, headers, body) =
        exchange(server.addr, "127.0.0.1", &post("/echo", "[1,2,34]")).await;
    assert_eq!((status, body.as_str()), (200, "[1,2,34]"));
    assert_eq!(
        but_date(&headers),
        [
            ("content-length", "8"),
            ("content-type", "application/json"),
            ("connection", "close"),
        ]
    );
    let (status, headers, body) =
        exchange(server.addr, "127.0.0.1", &post("/echo", "[1,2,3,4]")).await;
    assert_eq!((status, body), (413, too_large(8)));
    assert_eq!(
        but_date(&headers),
        [
            ("content-length", "57"),
            ("content-type", "application/json"),
            ("connection", "close"),
        ]
    );
}

/// `POST /echo` with `{}`, answered on a connection that stays open.
const ECHOED: &str = concat!(
    "HTTP/1.1 200 OK\r\n",
    "content-length: 2\r\n",
    "content-type: application/json\r\n",
    "date: *\r\n\r\n",
    "{}",
);
/// The same during the shutdown drain: the connection closes after it.
const ECHOED_THEN_CLOSE: &str = concat!(
    "HTTP/1.1 200 OK\r\n",
    "content-length: 2\r\n",
    "content-type: application/json\r\n",
    "connection: close\r\n",
    "date: *\r\n\r\n",
    "{}",
);
/// `GET /healthz` answered during the shutdown drain.
const HEALTHY_THEN_CLOSE: &str = concat!(
    "HTTP/1.1 200 OK\r\n",
    "content-length: 15\r\n",
    "content-type: application/json\r\n",
    "connection: close\r\n",
    "date: *\r\n\r\n",
    r#"{"status":"ok"}"#,
);

/// Whether the server closes the connection (EOF) within `limit`.
async fn closed_within(stream: &mut tokio::net::TcpStream, limit: Duration) -> bool {
    let mut buf = [0u8; 64];
    matches!(
        tokio::time::timeout(limit, stream.read(&mut buf)).await,
        Ok(Ok(0) | Err(_))
    )
}

/// Shutdown does not close an idle keep-alive connection at once: a request a proxy sent
/// in that instant would be lost (and a proxy does not retry a POST). Within the drain a
/// request is answered with `connection: close`; a connection that stays idle is closed
/// when the drain ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_answers_a_request_arriving_on_an_idle_connection() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let config = ServeConfig::default().shutdown_drain(Duration::from_millis(1500));
    let server = tokio::spawn(brisk::serve_with(
        listener,
        app(),
        async {
            let _ = stopped.await;
        },
        config,
    ));
    let get = b"POST /echo HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
    let mut busy = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    for stream in [&mut busy, &mut idle] {
        stream.write_all(get).await.unwrap();
        assert_eq!(read_answer(stream).await, ECHOED);
    }

    let signalled = std::time::Instant::now();
    stop.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    busy.write_all(get).await.unwrap();
    assert_eq!(read_answer(&mut busy).await, ECHOED_THEN_CLOSE);
    assert!(closed_within(&mut busy, Duration::from_secs(2)).await);

    // The other one stays idle: closed when the drain is over, not before.
    assert!(!closed_within(&mut idle, Duration::from_millis(300)).await);
    assert!(closed_within(&mut idle, Duration::from_secs(5)).await);
    let took = signalled.elapsed();
    assert!(took >= Duration::from_millis(1400), "closed after {took:?}");
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("serve returns after the drain")
        .unwrap()
        .unwrap();
}

/// A connection still in the listen backlog when shutdown comes, its request already sent,
/// is accepted and answered rather than reset with the listener.
#[tokio::test]
async fn shutdown_answers_connections_left_in_the_backlog() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(brisk::serve_with(
        listener,
        app(),
        async {
            let _ = stopped.await;
        },
        ServeConfig::default(),
    ));
    // Let the server start waiting for connections.
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    // This test's runtime has one thread, and it is ours until the next `.await`: the
    // kernel completes the connection, the request goes into its buffer, and the server
    // sees none of it before it sees the shutdown.
    let mut client = std::net::TcpStream::connect(addr).unwrap();
    client
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n")
        .unwrap();
    stop.send(()).unwrap();
    client.set_nonblocking(true).unwrap();
    let mut client = tokio::net::TcpStream::from_std(client).unwrap();
    assert_eq!(read_answer(&mut client).await, HEALTHY_THEN_CLOSE);
    assert!(closed_within(&mut client, Duration::from_secs(2)).await);
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}

/// `serve`'s shutdown future need be neither `Send` nor `'static` (the server behind it is
/// boxed, the future is not): here it holds an `Rc` and borrows a local, and the server,
/// awaited on this task rather than spawned, answers and then returns when it completes.
#[tokio::test]
async fn a_shutdown_future_may_borrow_and_need_not_be_send() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let stops = std::rc::Rc::new(std::cell::Cell::new(0));
    let shutdown = async {
        let _ = stopped.await;
        stops.set(stops.get() + 1);
    };
    let client = async move {
        let answer = exchange(
            addr,
            "127.0.0.1",
            "GET /items HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
        )
        .await;
        stop.send(()).unwrap();
        answer
    };
    let (served, (status, _, body)) = tokio::time::timeout(Duration::from_secs(10), async {
        tokio::join!(brisk::serve(listener, app(), shutdown), client)
    })
    .await
    .expect("the server returns once its shutdown future completes");
    served.unwrap();
    assert_eq!((status, body.as_str()), (200, "[]"));
    assert_eq!(stops.get(), 1);
}
