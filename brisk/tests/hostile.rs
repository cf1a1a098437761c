//! The hostile-client suite: raw bytes over loopback TCP (HTTP/1.1 and HTTP/2) against a
//! server run by `brisk::serve_with` with short timeouts and small limits, so that every
//! slow case is fast. Every read is bounded.
//!
//! Each case checks the status (or that the connection was closed), that nothing internal
//! leaked into the answer (no panic message, no file path, no backtrace), and that the
//! server still answers a normal request afterwards.
//!
//! Groups: timeouts, limits, framing, faults, HTTP/2, observability, stress. Each `#[tokio::test]`
//! runs one group's cases and prints their names; `cargo test --test hostile -- --nocapture`
//! lists them. The HTTP/2 group needs brisk's `http2` feature and the TLS group its `tls`
//! feature: `.ci/run` runs the suite without features (as `cargo add brisk` users get it),
//! then with each.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use brisk::{json, App, Body, ConnectionOverflow, Request, Response, ServeConfig, Value};
use bytes::Bytes;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::time::timeout;

// ---------------------------------------------------------------------------------------
// The app under attack
// ---------------------------------------------------------------------------------------

#[brisk::get("/ok")]
async fn ok() -> Value {
    json!({ "ok": true })
}

#[brisk::get("/n/{n}")]
async fn numbered(n: u64) -> Value {
    json!({ "n": n })
}

#[brisk::post("/echo")]
async fn echo(request: &Request) -> Value {
    json!({ "len": request.body().len(), "body": String::from_utf8_lossy(request.body()) })
}

#[brisk::get("/slow")]
async fn slow(ms: u64) -> Value {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    json!({ "slept": ms })
}

#[brisk::get("/never")]
async fn never() -> Value {
    std::future::pending::<()>().await;
    json!({})
}

/// Set when `/never-dropped`'s future is dropped.
static NEVER_DROPPED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets [`NEVER_DROPPED`] when dropped.
struct DropFlag;

impl Drop for DropFlag {
    fn drop(&mut self) {
        NEVER_DROPPED.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Never answers, and says when its future is gone.
#[brisk::get("/never-dropped")]
async fn never_dropped() -> Value {
    let _flag = DropFlag;
    std::future::pending::<()>().await;
    json!({})
}

#[brisk::get("/panic")]
async fn panics() -> Value {
    panic!("secret-kaboom in /src/secret/handler.rs");
}

#[brisk::post("/panic-body")]
async fn panics_with_body(request: &Request) -> Value {
    panic!("secret-kaboom after {} bytes", request.body().len());
}

#[brisk::get("/panic-any")]
async fn panics_any() -> Value {
    std::panic::panic_any(42_u32);
}

#[brisk::get("/id")]
async fn request_id(request: &Request) -> Value {
    let id = request.request_id().map(|id| id.as_str().to_owned());
    let peer = request
        .connect_info()
        .map(|info| info.remote_addr.ip().to_string());
    json!({ "id": id, "peer": peer })
}

/// One data frame, then an error: the response is cut off mid-body.
struct Broken(u8);

impl http_body::Body for Broken {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        self.0 += 1;
        match self.0 {
            1 => Poll::Ready(Some(Ok(http_body::Frame::data(Bytes::from_static(
                b"partial-",
            ))))),
            _ => Poll::Ready(Some(Err(std::io::Error::other("secret-stream-failure")))),
        }
    }
}

#[brisk::get("/stream-error")]
async fn stream_error() -> Response {
    Response::with_body(200, Body::new(Broken(0)))
}

fn app() -> App {
    App::new().body_limit(1024).routes(brisk::routes![
        ok,
        numbered,
        echo,
        slow,
        never,
        never_dropped,
        panics,
        panics_with_body,
        panics_any,
        request_id,
        stream_error
    ])
}

/// Short timeouts and small limits, so the slow cases are quick.
fn config() -> ServeConfig {
    ServeConfig::default()
        .header_read_timeout(Some(Duration::from_millis(400)))
        .body_read_timeout(Some(Duration::from_millis(400)))
        .idle_timeout(Some(Duration::from_millis(400)))
        .max_head_size(8 * 1024)
        .max_uri_length(1024)
        .max_headers(50)
        .grace_period(Duration::from_secs(2))
}

// ---------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------

/// Longest wait for any single connect, write or read.
const IO: Duration = Duration::from_secs(3);
/// A connection silent this long after its answers is considered done (kept alive).
const QUIET: Duration = Duration::from_millis(150);

struct Server {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    async fn start(config: ServeConfig) -> Server {
        Server::start_app(config, app()).await
    }

    async fn start_app(config: ServeConfig, app: App) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(brisk::serve_with(
            listener,
            app,
            async move {
                let _ = stopped.await;
            },
            config,
        ));
        Server { addr, stop, task }
    }

    async fn stop(self) {
        let _ = self.stop.send(());
        let done = timeout(Duration::from_secs(5), self.task).await;
        assert!(
            matches!(done, Ok(Ok(Ok(())))),
            "the server did not stop cleanly: {done:?}"
        );
    }
}

#[derive(Debug, Clone)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    fn detail(&self) -> String {
        self.json()["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

/// What came back for some bytes: the answers in order, and whether the server closed.
#[derive(Debug)]
struct Outcome {
    responses: Vec<Resp>,
    closed: bool,
    raw: Vec<u8>,
}

impl Outcome {
    fn statuses(&self) -> Vec<u16> {
        self.responses.iter().map(|r| r.status).collect()
    }

    fn only(&self) -> &Resp {
        assert_eq!(
            self.responses.len(),
            1,
            "expected one answer, got {:?} ({:?})",
            self.statuses(),
            String::from_utf8_lossy(&self.raw)
        );
        &self.responses[0]
    }
}

async fn connect(addr: SocketAddr) -> TcpStream {
    let s = timeout(IO, TcpStream::connect(addr))
        .await
        .expect("connect timed out")
        .expect("connect failed");
    s.set_nodelay(true).unwrap();
    s
}

async fn write(stream: &mut TcpStream, bytes: &[u8]) {
    // A write may fail once the server has answered and closed: that is an outcome, not
    // a harness error.
    let _ = timeout(IO, stream.write_all(bytes)).await;
}

/// Parses as many complete responses as `buf` holds. 1xx answers are kept too.
fn parse_responses(mut buf: &[u8], head_only: bool) -> Vec<Resp> {
    let mut out = Vec::new();
    loop {
        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
            return out;
        };
        let head = String::from_utf8_lossy(&buf[..end]).into_owned();
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let status: u16 = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
            .collect();
        let rest = &buf[end + 4..];
        let mut resp = Resp {
            status,
            headers,
            body: Vec::new(),
        };
        let len = if (100..200).contains(&status) || status == 204 || status == 304 || head_only {
            Some(0)
        } else {
            resp.header("content-length")
                .and_then(|v| v.parse::<usize>().ok())
        };
        let chunked = resp
            .header("transfer-encoding")
            .is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
        if chunked && len.is_none() {
            // Decode chunks; stop at an incomplete one.
            let mut body = Vec::new();
            let mut p = rest;
            loop {
                let Some(le) = p.windows(2).position(|w| w == b"\r\n") else {
                    return out;
                };
                let size = usize::from_str_radix(
                    std::str::from_utf8(&p[..le])
                        .unwrap_or("x")
                        .split(';')
                        .next()
                        .unwrap_or("x"),
                    16,
                );
                let Ok(size) = size else { return out };
                p = &p[le + 2..];
                if p.len() < size + 2 {
                    return out;
                }
                body.extend_from_slice(&p[..size]);
                p = &p[size + 2..];
                if size == 0 {
                    break;
                }
            }
            resp.body = body;
            out.push(resp);
            buf = p;
            continue;
        }
        let len = len.unwrap_or(rest.len());
        if rest.len() < len {
            return out;
        }
        resp.body = rest[..len].to_vec();
        out.push(resp);
        buf = &rest[len..];
    }
}

/// Reads until the server closes, or has been silent for `quiet` after at least `want`
/// complete answers (0: any), or `limit` passes.
async fn collect(stream: &mut TcpStream, want: usize, quiet: Duration, limit: Duration) -> Outcome {
    let deadline = Instant::now() + limit;
    let mut raw = Vec::new();
    let mut closed = false;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        let have = parse_responses(&raw, false)
            .iter()
            .filter(|r| r.status >= 200)
            .count();
        let wait = if have >= want && (want > 0 || !raw.is_empty()) {
            quiet.min(deadline - now)
        } else {
            deadline - now
        };
        match timeout(wait, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                closed = true;
                break;
            }
            Ok(Ok(n)) => raw.extend_from_slice(&buf[..n]),
            Err(_) => {
                if have >= want {
                    break;
                }
            }
        }
    }
    Outcome {
        responses: parse_responses(&raw, false),
        closed,
        raw,
    }
}

/// Sends `bytes` on a fresh connection and gathers what comes back.
async fn exchange(addr: SocketAddr, bytes: &[u8], want: usize) -> Outcome {
    let mut s = connect(addr).await;
    write(&mut s, bytes).await;
    collect(&mut s, want, QUIET, IO).await
}

/// Nothing internal in what the server sent: no panic text, no paths, no backtraces.
fn assert_no_leak(what: &str, raw: &[u8]) {
    let text = String::from_utf8_lossy(raw).to_ascii_lowercase();
    for needle in [
        "panicked at",
        "secret",
        ".rs:",
        "/src/",
        "/root/",
        "/home/",
        "backtrace",
        "stack backtrace",
        "thread '",
        "hyper::",
        "tokio::",
        "rust_begin_unwind",
        "called `result::unwrap()`",
    ] {
        assert!(
            !text.contains(needle),
            "{what}: the answer leaks {needle:?}: {text}"
        );
    }
}

/// The connection, whose last request was sent at `sent`, is closed no earlier than the
/// idle timeout (400 ms) after the answer, which came after `sent`; and not much later (the
/// close may come up to a quarter of the timeout late).
async fn assert_closed_when_idle(what: &str, s: &mut TcpStream, sent: Instant) {
    let out = collect(s, 0, Duration::from_secs(2), Duration::from_secs(2)).await;
    assert!(out.closed && out.raw.is_empty(), "{what}: {out:?}");
    let idle = sent.elapsed();
    assert!(
        (Duration::from_millis(400)..Duration::from_millis(1500)).contains(&idle),
        "{what}: closed {idle:?} after the last request"
    );
}

/// The server answers a plain request on a fresh connection.
async fn assert_alive(what: &str, addr: SocketAddr) {
    let out = exchange(
        addr,
        b"GET /ok HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        1,
    )
    .await;
    let r = out.only();
    assert_eq!(
        (r.status, r.body.as_slice()),
        (200, br#"{"ok":true}"#.as_slice()),
        "{what}: the server no longer answers normally"
    );
}

/// What a case expects.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// One answer with this status; `close`: the server then closed the connection.
    Status(u16, bool),
    /// Answers with these statuses in order; then closed or not.
    Statuses(&'static [u16], bool),
    /// One answer with this status; the connection may stay open or close (a body sent
    /// whole may be drained and the connection reused, or not).
    StatusEither(u16),
}

struct Case {
    name: &'static str,
    raw: Vec<u8>,
    expect: Expect,
    /// Words the JSON `detail` must contain (case-insensitive), if any.
    detail: &'static [&'static str],
}

fn case(name: &'static str, raw: impl AsRef<[u8]>, expect: Expect) -> Case {
    Case {
        name,
        raw: raw.as_ref().to_vec(),
        expect,
        detail: &[],
    }
}

impl Case {
    fn detail(mut self, words: &'static [&'static str]) -> Self {
        self.detail = words;
        self
    }
}

/// Runs table cases against one server, each case twice: first on a fresh connection, then
/// as the second request on a connection whose first request was answered (the server reads
/// a head differently when it starts a connection and when it comes after an answer).
async fn run_cases(group: &str, server: &Server, cases: Vec<Case>) -> usize {
    let n = cases.len();
    for c in cases {
        let want = match c.expect {
            Expect::Status(..) => 1,
            Expect::Statuses(s, _) => s.len(),
            Expect::StatusEither(_) => 1,
        };
        let what = format!("[{group}] {}", c.name);
        let out = exchange(server.addr, &c.raw, want).await;
        check_case(&what, &c, &out);
        assert_alive(&what, server.addr).await;
        let what = format!("[{group}, after a request] {}", c.name);
        let mut s = connect(server.addr).await;
        write(&mut s, b"GET /ok HTTP/1.1\r\nHost: t\r\n\r\n").await;
        let first = collect(&mut s, 1, QUIET, IO).await;
        assert_eq!(first.statuses(), [200], "{what}: the first request");
        write(&mut s, &c.raw).await;
        let out = collect(&mut s, want, QUIET, IO).await;
        check_case(&what, &c, &out);
        assert_alive(&what, server.addr).await;
        println!("ok [{group}] {}", c.name);
    }
    n
}

/// The checks every table case gets: the statuses, closing, JSON refusals, no leak.
fn check_case(what: &str, c: &Case, out: &Outcome) {
    match c.expect {
        Expect::Status(status, close) => {
            let r = out.only();
            assert_eq!(
                r.status,
                status,
                "{what}: {:?}",
                String::from_utf8_lossy(&out.raw)
            );
            assert_eq!(out.closed, close, "{what}: closed = {}", out.closed);
            if status >= 400 && status != 500 {
                assert_eq!(
                    r.header("content-type"),
                    Some("application/json"),
                    "{what}: refusals are JSON"
                );
                assert!(
                    !r.detail().is_empty(),
                    "{what}: no JSON detail in {:?}",
                    String::from_utf8_lossy(&r.body)
                );
            }
        }
        Expect::Statuses(statuses, close) => {
            assert_eq!(out.statuses(), statuses, "{what}");
            assert_eq!(out.closed, close, "{what}: closed = {}", out.closed);
        }
        Expect::StatusEither(status) => {
            assert_eq!(
                out.only().status,
                status,
                "{what}: {:?}",
                String::from_utf8_lossy(&out.raw)
            );
        }
    }
    if !c.detail.is_empty() {
        let detail = out.responses.last().map(Resp::detail).unwrap_or_default();
        for word in c.detail {
            assert!(
                detail
                    .to_ascii_lowercase()
                    .contains(&word.to_ascii_lowercase()),
                "{what}: the detail {detail:?} does not mention {word:?}"
            );
        }
    }
    assert_no_leak(what, &out.raw);
}

fn get(target: &str) -> String {
    format!("GET {target} HTTP/1.1\r\nHost: t\r\n\r\n")
}

fn post(target: &str, extra: &str, body: &str) -> String {
    format!(
        "POST {target} HTTP/1.1\r\nHost: t\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

// ---------------------------------------------------------------------------------------
// Timeouts
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn timeouts() {
    let server = Server::start(config()).await;
    let addr = server.addr;
    let mut count = 0;

    // 1. A head that stops halfway is answered 408 and closed.
    let mut s = connect(addr).await;
    write(&mut s, b"GET /ok HTTP/1.1\r\nHost: t\r\nX-Slow: ").await;
    let started = Instant::now();
    let out = collect(&mut s, 1, QUIET, IO).await;
    let r = out.only();
    assert_eq!(r.status, 408, "{:?}", String::from_utf8_lossy(&out.raw));
    assert!(r.detail().contains("header read timeout"), "{}", r.detail());
    assert!(out.closed);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_no_leak("partial head", &out.raw);
    assert_alive("partial head", addr).await;
    count += 1;

    // 2. Slowloris: a byte every 50 ms never completes a head in time.
    let mut s = connect(addr).await;
    let head = b"GET /ok HTTP/1.1\r\nHost: t\r\nX-A: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let started = Instant::now();
    let mut closed_early = false;
    for b in head {
        if s.write_all(&[*b]).await.is_err() {
            closed_early = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        if started.elapsed() > Duration::from_millis(800) {
            break;
        }
    }
    let out = collect(&mut s, 1, QUIET, IO).await;
    assert!(
        closed_early || out.statuses() == [408],
        "slowloris: {:?}",
        out.statuses()
    );
    assert!(out.closed, "slowloris: still open");
    assert_no_leak("slowloris", &out.raw);
    assert_alive("slowloris", addr).await;
    count += 1;

    // 3. A connection that never sends a byte is closed, silently.
    let mut s = connect(addr).await;
    let started = Instant::now();
    let out = collect(&mut s, 0, Duration::from_secs(2), Duration::from_secs(2)).await;
    assert!(out.closed && out.raw.is_empty(), "silent: {out:?}");
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert_alive("silent connection", addr).await;
    count += 1;

    // 4. An idle keep-alive connection is closed after the idle timeout.
    let mut s = connect(addr).await;
    let sent = Instant::now();
    write(&mut s, get("/ok").as_bytes()).await;
    let out = collect(&mut s, 1, QUIET, IO).await;
    assert_eq!(out.statuses(), [200]);
    assert!(!out.closed, "closed right after the answer");
    assert_closed_when_idle("idle", &mut s, sent).await;
    count += 1;

    // 5. ... but a connection used within the idle timeout stays open, and once it falls
    // idle, the timeout counts from its last answer.
    let mut s = connect(addr).await;
    for round in 0..4 {
        let sent = Instant::now();
        write(&mut s, get("/ok").as_bytes()).await;
        let out = collect(&mut s, 1, Duration::from_millis(150), IO).await;
        assert_eq!(out.statuses(), [200]);
        assert!(!out.closed);
        if round == 3 {
            assert_closed_when_idle("idle after use", &mut s, sent).await;
        }
    }
    count += 1;

    // 6. A slow handler is not cut off by the header-read or idle timeouts.
    let out = exchange(addr, get("/slow?ms=900").as_bytes(), 1).await;
    assert_eq!(out.only().status, 200);
    count += 1;

    // 7. A body that stops halfway: 408 and closed.
    let mut s = connect(addr).await;
    write(
        &mut s,
        b"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789",
    )
    .await;
    let out = collect(&mut s, 1, QUIET, IO).await;
    let r = out.only();
    assert_eq!(r.status, 408, "{:?}", String::from_utf8_lossy(&out.raw));
    assert!(r.detail().contains("body read timeout"), "{}", r.detail());
    assert!(out.closed);
    assert_no_leak("stalled body", &out.raw);
    assert_alive("stalled body", addr).await;
    count += 1;

    // 8. A chunked body that stops after one chunk: 408 and closed.
    let mut s = connect(addr).await;
    write(
        &mut s,
        b"POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
    )
    .await;
    let out = collect(&mut s, 1, QUIET, IO).await;
    assert_eq!(out.only().status, 408);
    assert!(out.closed);
    assert_alive("stalled chunked body", addr).await;
    count += 1;

    // 9. A body trickled a byte at a time past the body-read timeout: 408.
    let mut s = connect(addr).await;
    write(
        &mut s,
        b"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 40\r\n\r\n",
    )
    .await;
    for _ in 0..12 {
        if s.write_all(b"x").await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    let out = collect(&mut s, 1, QUIET, IO).await;
    assert_eq!(out.statuses(), [408]);
    assert_alive("trickled body", addr).await;
    count += 1;

    server.stop().await;

    // Handler timeout, on a server that sets one.
    let server = Server::start(config().handler_timeout(Some(Duration::from_millis(300)))).await;
    let addr = server.addr;
    let cases = vec![
        case(
            "slow handler → 503",
            get("/slow?ms=5000"),
            Expect::Status(503, false),
        )
        .detail(&["handler", "300 ms"]),
        case(
            "never-finishing handler → 503",
            get("/never"),
            Expect::Status(503, false),
        )
        .detail(&["timed out"]),
        case(
            "handler within the limit → 200",
            get("/slow?ms=50"),
            Expect::Status(200, false),
        ),
    ];
    count += run_cases("timeouts", &server, cases).await;
    // After a 503 the connection goes on serving.
    let mut s = connect(addr).await;
    write(&mut s, get("/never").as_bytes()).await;
    write(&mut s, get("/ok").as_bytes()).await;
    let out = collect(&mut s, 2, QUIET, IO).await;
    assert_eq!(out.statuses(), [503, 200]);
    count += 1;
    // The timed-out handler's future is dropped with its 503 (nothing of it keeps running).
    let out = exchange(addr, get("/never-dropped").as_bytes(), 1).await;
    assert_eq!(out.only().status, 503);
    assert!(
        NEVER_DROPPED.load(std::sync::atomic::Ordering::SeqCst),
        "the timed-out handler's future is still alive"
    );
    count += 1;
    server.stop().await;
    println!("timeouts: {count} cases");
}

/// After the first request, the header-read timeout counts from the next head's first byte,
/// not from the last answer: a keep-alive connection idle for longer than the header-read
/// timeout (but within the idle timeout) still gets the whole header-read time for its next
/// head.
#[tokio::test]
async fn header_read_timeout_counts_from_the_heads_first_byte() {
    let config = config()
        .header_read_timeout(Some(Duration::from_millis(400)))
        .idle_timeout(Some(Duration::from_millis(3000)));
    let server = Server::start(config).await;
    let mut s = connect(server.addr).await;
    write(&mut s, get("/ok").as_bytes()).await;
    let out = collect(&mut s, 1, QUIET, IO).await;
    assert_eq!(out.statuses(), [200]);
    // Idle for twice the header-read timeout: still open.
    tokio::time::sleep(Duration::from_millis(800)).await;
    write(&mut s, get("/ok").as_bytes()).await;
    let out = collect(&mut s, 1, QUIET, IO).await;
    assert_eq!(out.statuses(), [200], "idle past the header-read timeout");
    assert!(!out.closed);
    // A head that starts after another idle spell and stops halfway: its 408 comes the
    // header-read timeout after its first byte (give or take the timer's tick).
    tokio::time::sleep(Duration::from_millis(800)).await;
    write(&mut s, b"GET /ok HTTP/1.1\r\nHost: t\r\nX-Slow: ").await;
    let started = Instant::now();
    let out = collect(&mut s, 1, Duration::from_secs(2), IO).await;
    let took = started.elapsed();
    let r = out.only();
    assert_eq!(r.status, 408, "{:?}", String::from_utf8_lossy(&out.raw));
    assert!(r.detail().contains("header read timeout"), "{}", r.detail());
    assert!(out.closed);
    assert!(
        (Duration::from_millis(350)..Duration::from_millis(1500)).contains(&took),
        "408 after {took:?}"
    );
    server.stop().await;
}

// ---------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn limits() {
    let server = Server::start(config()).await;
    let addr = server.addr;
    let long = "a".repeat(2000);
    let big = "b".repeat(9000);
    let many: String = (0..60).map(|i| format!("X-H{i}: v\r\n")).collect();
    let medium: String = (0..40)
        .map(|i| format!("X-M{i}: {}\r\n", "m".repeat(250)))
        .collect();
    let at_limit = format!("/ok?q={}", "1".repeat(1024 - 6));
    let cases = vec![
        case(
            "target over the limit → 414",
            get(&format!("/n/{long}")),
            Expect::Status(414, true),
        )
        .detail(&["target", "1024"]),
        case(
            "query over the limit → 414",
            get(&format!("/ok?q={long}")),
            Expect::Status(414, true),
        ),
        case(
            "target at the limit is not refused",
            get(&at_limit),
            Expect::Status(200, false),
        ),
        case(
            "request line never ends → 414",
            format!("GET /{long}{long}"),
            Expect::Status(414, true),
        ),
        case(
            "one huge header → 431",
            format!("GET /ok HTTP/1.1\r\nHost: t\r\nX-Big: {big}\r\n\r\n"),
            Expect::Status(431, true),
        )
        .detail(&["head", "8192"]),
        case(
            "many medium headers → 431",
            format!("GET /ok HTTP/1.1\r\nHost: t\r\n{medium}\r\n"),
            Expect::Status(431, true),
        ),
        case(
            "too many headers → 431",
            format!("GET /ok HTTP/1.1\r\nHost: t\r\n{many}\r\n"),
            Expect::Status(431, true),
        )
        .detail(&["headers", "50"]),
        case(
            "head that never ends → 431",
            format!("GET /ok HTTP/1.1\r\nHost: t\r\nX-Big: {big}"),
            Expect::Status(431, true),
        ),
        case(
            "body over the limit → 413",
            post("/echo", "", &"z".repeat(2000)),
            Expect::StatusEither(413),
        )
        .detail(&["1024"]),
        case(
            "declared length over the limit, no body sent → 413",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999\r\n\r\n",
            Expect::Status(413, true),
        ),
        case(
            "chunked body over the limit → 413",
            format!(
                "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n{}\r\n0\r\n\r\n",
                "c".repeat(0x800)
            ),
            Expect::StatusEither(413),
        ),
        case(
            "Expect: 100-continue with an oversize length → 413, no 100",
            "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 10000000\r\n\r\n",
            Expect::Status(413, true),
        ),
        case(
            "body at the limit → 200",
            post("/echo", "", &"z".repeat(1024)),
            Expect::Status(200, false),
        ),
    ];
    let mut count = run_cases("limits", &server, cases).await;

    // Expect: 100-continue within the limit: 100, then the answer once the body comes.
    let mut s = connect(addr).await;
    write(
        &mut s,
        b"POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n",
    )
    .await;
    let mut first = [0u8; 25];
    timeout(IO, s.read_exact(&mut first))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(&first, b"HTTP/1.1 100 Continue\r\n\r\n");
    write(&mut s, b"hello").await;
    let out = collect(&mut s, 1, QUIET, IO).await;
    assert_eq!(out.only().status, 200);
    assert_eq!(out.only().json()["body"], "hello");
    count += 1;
    server.stop().await;

    // Connection limit, queueing: the third connection waits for a free slot.
    let server = Server::start(config().max_connections(2).idle_timeout(None)).await;
    let mut a = connect(server.addr).await;
    let mut b = connect(server.addr).await;
    for s in [&mut a, &mut b] {
        write(s, get("/ok").as_bytes()).await;
        assert_eq!(collect(s, 1, QUIET, IO).await.statuses(), [200]);
    }
    let mut c = connect(server.addr).await;
    write(&mut c, get("/ok").as_bytes()).await;
    let waiting = collect(
        &mut c,
        1,
        Duration::from_millis(300),
        Duration::from_millis(300),
    )
    .await;
    assert!(
        waiting.raw.is_empty(),
        "the third connection was served at once"
    );
    drop(a);
    let out = collect(&mut c, 1, QUIET, IO).await;
    assert_eq!(out.statuses(), [200], "queued connection");
    drop((b, c));
    count += 1;
    server.stop().await;

    // Connection limit, refusing: 503 with a JSON detail, and the server carries on.
    let server = Server::start(
        config()
            .max_connections(1)
            .connection_overflow(ConnectionOverflow::Refuse)
            .idle_timeout(None),
    )
    .await;
    let mut a = connect(server.addr).await;
    write(&mut a, get("/ok").as_bytes()).await;
    assert_eq!(collect(&mut a, 1, QUIET, IO).await.statuses(), [200]);
    let out = exchange(server.addr, get("/ok").as_bytes(), 1).await;
    assert_eq!(out.only().status, 503);
    assert!(out.only().detail().contains("Too many connections"));
    assert!(out.closed);
    assert_no_leak("refused connection", &out.raw);
    drop(a);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_alive("refused connection", server.addr).await;
    count += 1;
    server.stop().await;
    println!("limits: {count} cases");
}

// ---------------------------------------------------------------------------------------
// Framing
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn framing() {
    let server = Server::start(config()).await;
    let addr = server.addr;
    let te = "Transfer-Encoding: chunked\r\n";
    let cases = vec![
        case(
            "Content-Length and Transfer-Encoding → 400",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n{te}\r\n5\r\nhello\r\n0\r\n\r\n"),
            Expect::Status(400, true),
        )
        .detail(&["content-length", "transfer-encoding"]),
        case(
            "Transfer-Encoding then Content-Length → 400",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}Content-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "CL.TE smuggling: nothing behind it is served",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n{te}\r\n0\r\n\r\nGET /panic HTTP/1.1\r\nHost: t\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "TE.CL smuggling: nothing behind it is served",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n{te}\r\n2c\r\nGET /panic HTTP/1.1\r\nHost: t\r\nX: \r\n0\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "duplicate differing Content-Length → 400",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            Expect::Status(400, true),
        )
        .detail(&["content-length"]),
        case(
            "duplicate identical Content-Length is one length",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
            Expect::Status(200, false),
        ),
        case(
            "Content-Length list → 400",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5, 5\r\n\r\nhello",
            Expect::Status(400, true),
        ),
        case(
            "Content-Length with a sign → 400",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: +5\r\n\r\nhello",
            Expect::Status(400, true),
        ),
        case(
            "negative Content-Length → 400",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "non-numeric Content-Length → 400",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: five\r\n\r\nhello",
            Expect::Status(400, true),
        ),
        case(
            "Content-Length past u64 → 400",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 184467440737095516160\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "Transfer-Encoding gzip, chunked → 501",
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            Expect::Status(501, true),
        )
        .detail(&["chunked"]),
        case(
            "Transfer-Encoding identity → 501",
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: identity\r\n\r\n",
            Expect::Status(501, true),
        ),
        case(
            "Transfer-Encoding xchunked → 501",
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
            Expect::Status(501, true),
        ),
        case(
            "two Transfer-Encoding lines → 501",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}{te}\r\n0\r\n\r\n"),
            Expect::Status(501, true),
        ),
        case(
            "Transfer-Encoding in HTTP/1.0 → 400",
            format!("POST /echo HTTP/1.0\r\nHost: t\r\n{te}\r\n0\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "space before the colon → 400",
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "chunk size not hex → 400",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}\r\nzz\r\nhello\r\n0\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "chunk size overflows → 400",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}\r\n1ffffffffffffffff\r\nhello\r\n0\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "negative chunk size → 400",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}\r\n-5\r\nhello\r\n0\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "whitespace after chunk size → 400",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}\r\n5 \r\nhello\r\n0\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "chunk data longer than its size → 400",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}\r\n3\r\nhello\r\n0\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "bare LF in a chunk extension → 400",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}\r\n5;a=b\nc\r\nhello\r\n0\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "smuggled request after a bad chunk is never served",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}\r\nzz\r\n\r\nGET /ok HTTP/1.1\r\nHost: t\r\n\r\n"),
            Expect::Status(400, true),
        ),
        case(
            "valid chunked body with extension and trailers → 200",
            format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"),
            Expect::Status(200, false),
        ),
        case(
            "obs-fold header → 400",
            "GET /ok HTTP/1.1\r\nHost: t\r\nX-Folded: a\r\n  b\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "bare LF line endings → 400",
            "GET /ok HTTP/1.1\nHost: t\n\n",
            Expect::Status(400, true),
        )
        .detail(&["crlf"]),
        case(
            "one bare LF among CRLFs → 400",
            "GET /ok HTTP/1.1\r\nHost: t\nX-A: b\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "bare CR in a header value → 400",
            "GET /ok HTTP/1.1\r\nHost: t\r\nX-A: a\rb\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "NUL in a header value → 400",
            "GET /ok HTTP/1.1\r\nHost: t\r\nX-A: a\0b\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "control byte in a header name → 400",
            "GET /ok HTTP/1.1\r\nHost: t\r\nX-\x01A: b\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "space in a header name → 400",
            "GET /ok HTTP/1.1\r\nHost: t\r\nX A: b\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "header without a colon → 400",
            "GET /ok HTTP/1.1\r\nHost: t\r\nNoColonHere\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "invalid method token → 400",
            "GE(T /ok HTTP/1.1\r\nHost: t\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "space inside the target → 400",
            "GET /o k HTTP/1.1\r\nHost: t\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "non-ASCII byte in the target → 400",
            b"GET /\xc3\xa9 HTTP/1.1\r\nHost: t\r\n\r\n".as_slice(),
            Expect::Status(400, true),
        ),
        case(
            "HTTP/1.2 → 505",
            "GET /ok HTTP/1.2\r\nHost: t\r\n\r\n",
            Expect::Status(505, true),
        ),
        case(
            "HTTP/2.0 request line without preface → 505",
            "GET /ok HTTP/2.0\r\nHost: t\r\n\r\n",
            Expect::Status(505, true),
        ),
        case(
            "HTTP/0.9 simple request → 400",
            "GET /ok\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "missing Host in HTTP/1.1 → 400",
            "GET /ok HTTP/1.1\r\n\r\n",
            Expect::Status(400, true),
        )
        .detail(&["host"]),
        case(
            "two Host headers → 400",
            "GET /ok HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            Expect::Status(400, true),
        ),
        case(
            "binary garbage → 400",
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".as_slice(),
            Expect::Status(400, true),
        ),
        case(
            "empty lines before the request line are ignored",
            "\r\n\r\nGET /ok HTTP/1.1\r\nHost: t\r\n\r\n",
            Expect::Status(200, false),
        ),
        case(
            "obs-text in a header value is accepted",
            b"GET /ok HTTP/1.1\r\nHost: t\r\nX-Name: caf\xe9\r\n\r\n".as_slice(),
            Expect::Status(200, false),
        ),
        case(
            "absolute-form target",
            "GET http://t/ok HTTP/1.1\r\nHost: t\r\n\r\n",
            Expect::Status(200, false),
        ),
        case(
            "HTTP/1.0 without keep-alive is closed after the answer",
            "GET /ok HTTP/1.0\r\n\r\n",
            Expect::Status(200, true),
        ),
        case(
            "Connection: close is honoured",
            "GET /ok HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
            Expect::Status(200, true),
        ),
        case(
            "Upgrade: h2c is ignored, answered over HTTP/1.1",
            "GET /ok HTTP/1.1\r\nHost: t\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n",
            Expect::Status(200, false),
        ),
        case(
            "pipelined requests are answered in order",
            format!("{}{}{}", get("/n/1"), get("/n/2"), get("/n/3")),
            Expect::Statuses(&[200, 200, 200], false),
        ),
        case(
            "pipelined requests with bodies are answered in order",
            format!("{}{}{}", post("/echo", "", "first"), post("/echo", "", "second"), get("/n/3")),
            Expect::Statuses(&[200, 200, 200], false),
        ),
        case(
            "pipelined: a bad request ends the pipeline after the good ones",
            format!("{}{}GET /ok HTTP/1.1\nHost: t\n\n{}", get("/n/1"), get("/n/2"), get("/n/3")),
            Expect::Statuses(&[200, 200, 400], true),
        ),
        case(
            "HTTP/2 preface after an HTTP/1 request → 505",
            format!("{}PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", get("/n/1")),
            Expect::Statuses(&[200, 505], true),
        ),
        case(
            "pipelined behind a panic: 500 then the rest",
            format!("{}{}", get("/panic"), get("/n/7")),
            Expect::Statuses(&[500, 200], false),
        ),
    ];
    // Without the `http2` feature (the default) the HTTP/2 preface is a request line like any
    // other, in a version brisk does not speak (README "HTTP/2").
    #[cfg(not(feature = "http2"))]
    let cases = {
        let mut cases = cases;
        cases.push(
            case(
                "HTTP/2 preface without the http2 feature → 505",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                Expect::Status(505, true),
            )
            .detail(&["use HTTP/1.0 or HTTP/1.1"]),
        );
        cases
    };
    let count = run_cases("framing", &server, cases).await;

    // Pipelined answers are in order, and their bodies match their requests.
    let mut s = connect(addr).await;
    let mut burst = String::new();
    for i in 0..20 {
        burst.push_str(&get(&format!("/n/{i}")));
    }
    write(&mut s, burst.as_bytes()).await;
    let out = collect(&mut s, 20, QUIET, IO).await;
    let ns: Vec<u64> = out
        .responses
        .iter()
        .map(|r| r.json()["n"].as_u64().unwrap())
        .collect();
    assert_eq!(ns, (0..20).collect::<Vec<u64>>());
    // The echoed chunked body really was the chunks.
    let out = exchange(
        addr,
        format!("POST /echo HTTP/1.1\r\nHost: t\r\n{te}\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n").as_bytes(),
        1,
    )
    .await;
    assert_eq!(out.only().json()["body"], "hello world");
    server.stop().await;
    println!("framing: {} cases", count + 1);
}

// ---------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn faults() {
    let server = Server::start(config()).await;
    let addr = server.addr;
    let mut count = run_cases(
        "faults",
        &server,
        vec![
            case(
                "panicking handler → 500",
                get("/panic"),
                Expect::Status(500, false),
            ),
            case(
                "panic after reading the body → 500",
                post("/panic-body", "", "data"),
                Expect::Status(500, false),
            ),
            case(
                "panic with a non-string payload → 500",
                get("/panic-any"),
                Expect::Status(500, false),
            ),
        ],
    )
    .await;

    // Ten panics in a row on one connection, and it still serves.
    let mut s = connect(addr).await;
    for _ in 0..10 {
        write(&mut s, get("/panic").as_bytes()).await;
        let out = collect(&mut s, 1, Duration::from_millis(100), IO).await;
        assert_eq!(out.statuses(), [500]);
        assert_eq!(out.only().body, b"Internal Server Error");
        assert!(!out.closed);
        assert_no_leak("repeated panics", &out.raw);
    }
    write(&mut s, get("/ok").as_bytes()).await;
    assert_eq!(collect(&mut s, 1, QUIET, IO).await.statuses(), [200]);
    count += 1;

    // A response body that fails midway closes its connection, and only that one.
    let mut bystander = connect(addr).await;
    write(&mut bystander, get("/ok").as_bytes()).await;
    assert_eq!(
        collect(&mut bystander, 1, QUIET, IO).await.statuses(),
        [200]
    );
    let mut s = connect(addr).await;
    write(&mut s, get("/stream-error").as_bytes()).await;
    let out = collect(&mut s, 1, QUIET, IO).await;
    assert!(out.closed, "the failed stream's connection stayed open");
    assert!(
        out.responses.is_empty(),
        "a cut-off body must not parse as complete"
    );
    assert_no_leak("stream error", &out.raw);
    write(&mut bystander, get("/n/5").as_bytes()).await;
    let out = collect(&mut bystander, 1, QUIET, IO).await;
    assert_eq!(out.statuses(), [200], "the other connection was disturbed");
    assert_alive("stream error", addr).await;
    count += 1;

    // Clients that vanish mid-request, mid-body or mid-handler.
    for raw in [
        "GET /ok HTTP/1.1\r\nHo".to_owned(),
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 50\r\n\r\nabc".to_owned(),
        get("/slow?ms=200"),
        get("/never"),
    ] {
        for _ in 0..10 {
            let mut s = connect(addr).await;
            write(&mut s, raw.as_bytes()).await;
            drop(s);
        }
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_alive("vanishing clients", addr).await;
    count += 1;
    server.stop().await;
    println!("faults: {count} cases");
}

// ---------------------------------------------------------------------------------------
// HTTP/2 (feature `http2`): `cargo test -p brisk --features http2 --test hostile`
// ---------------------------------------------------------------------------------------

#[cfg(feature = "http2")]
mod http2 {
    use super::*;

    type H2Client = h2::client::SendRequest<Bytes>;

    async fn h2_connect(addr: SocketAddr) -> H2Client {
        let tcp = connect(addr).await;
        let (client, conn) = timeout(IO, h2::client::handshake(tcp))
            .await
            .expect("h2 handshake timed out")
            .expect("h2 handshake failed");
        tokio::spawn(async move {
            let _ = conn.await;
        });
        client
    }

    pub(super) async fn h2_request(
        client: &mut H2Client,
        method: &str,
        target: &str,
        headers: &[(String, String)],
        body: Option<Vec<u8>>,
    ) -> Result<(u16, Vec<u8>), h2::Error> {
        let mut req = http::Request::builder()
            .method(method)
            .uri(format!("http://t{target}"));
        for (n, v) in headers {
            req = req.header(n.as_str(), v.as_str());
        }
        let req = req.body(()).unwrap();
        let fut = async {
            let mut client = client.clone().ready().await?;
            let (resp, mut send) = client.send_request(req, body.is_none())?;
            if let Some(body) = body {
                send.send_data(Bytes::from(body), true)?;
            }
            let resp = resp.await?;
            let status = resp.status().as_u16();
            let mut body = resp.into_body();
            let mut out = Vec::new();
            while let Some(chunk) = body.data().await {
                let chunk = chunk?;
                let _ = body.flow_control().release_capacity(chunk.len());
                out.extend_from_slice(&chunk);
            }
            Ok((status, out))
        };
        timeout(IO, fut).await.expect("h2 request timed out")
    }

    /// A raw HTTP/2 frame.
    fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
        let len = payload.len();
        let mut f = vec![(len >> 16) as u8, (len >> 8) as u8, len as u8, kind, flags];
        f.extend_from_slice(&stream.to_be_bytes());
        f.extend_from_slice(payload);
        f
    }

    /// HPACK: literal header field without indexing, new name, no Huffman.
    fn hpack(fields: &[(&str, &str)]) -> Vec<u8> {
        fn int(out: &mut Vec<u8>, prefix_bits: u8, first: u8, mut n: usize) {
            let max = (1usize << prefix_bits) - 1;
            if n < max {
                out.push(first | n as u8);
                return;
            }
            out.push(first | max as u8);
            n -= max;
            while n >= 128 {
                out.push((n % 128) as u8 | 0x80);
                n /= 128;
            }
            out.push(n as u8);
        }
        let mut out = Vec::new();
        for (name, value) in fields {
            out.push(0x00);
            int(&mut out, 7, 0, name.len());
            out.extend_from_slice(name.as_bytes());
            int(&mut out, 7, 0, value.len());
            out.extend_from_slice(value.as_bytes());
        }
        out
    }

    fn get_fields(path: &str) -> Vec<u8> {
        hpack(&[
            (":method", "GET"),
            (":scheme", "http"),
            (":path", path),
            (":authority", "t"),
        ])
    }

    const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    const END_STREAM: u8 = 0x1;
    const END_HEADERS: u8 = 0x4;

    /// Opens a raw HTTP/2 connection (preface and empty SETTINGS sent).
    async fn h2_raw(addr: SocketAddr) -> TcpStream {
        let mut s = connect(addr).await;
        let mut hello = PREFACE.to_vec();
        hello.extend(frame(0x4, 0, 0, &[]));
        write(&mut s, &hello).await;
        s
    }

    /// Reads frames until the server closes or goes quiet; returns (frame types seen, GOAWAY
    /// error code if any, closed).
    async fn h2_drain(s: &mut TcpStream, limit: Duration) -> (Vec<u8>, Option<u32>, bool) {
        h2_drain_quiet(s, QUIET, limit).await
    }

    /// [`h2_drain`], giving up after `quiet` of silence.
    async fn h2_drain_quiet(
        s: &mut TcpStream,
        quiet: Duration,
        limit: Duration,
    ) -> (Vec<u8>, Option<u32>, bool) {
        let (frames, closed) = h2_read_frames(s, quiet, limit).await;
        let kinds = frames.iter().map(|(kind, _)| *kind).collect();
        let goaway = frames
            .iter()
            .find(|(kind, payload)| *kind == 0x7 && payload.len() >= 8)
            .map(|(_, p)| u32::from_be_bytes([p[4], p[5], p[6], p[7]]));
        (kinds, goaway, closed)
    }

    /// Every whole frame the server sends (type and payload) until `quiet` of silence or
    /// `limit`, and whether it closed the connection.
    async fn h2_read_frames(
        s: &mut TcpStream,
        quiet: Duration,
        limit: Duration,
    ) -> (Vec<(u8, Vec<u8>)>, bool) {
        let deadline = Instant::now() + limit;
        let mut raw = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut closed = false;
        loop {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            match timeout(quiet.min(deadline - now), s.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => {
                    closed = true;
                    break;
                }
                Ok(Ok(n)) => raw.extend_from_slice(&buf[..n]),
                Err(_) => break,
            }
        }
        let mut frames = Vec::new();
        let mut p = raw.as_slice();
        while p.len() >= 9 {
            let len = (usize::from(p[0]) << 16) | (usize::from(p[1]) << 8) | usize::from(p[2]);
            if p.len() < 9 + len {
                break;
            }
            frames.push((p[3], p[9..9 + len].to_vec()));
            p = &p[9 + len..];
        }
        assert_no_leak("h2 frames", &raw);
        (frames, closed)
    }

    async fn assert_h2_alive(what: &str, addr: SocketAddr) {
        let mut c = h2_connect(addr).await;
        let (status, body) = h2_request(&mut c, "GET", "/ok", &[], None)
            .await
            .unwrap_or_else(|e| panic!("{what}: h2 request failed: {e}"));
        assert_eq!(
            (status, body.as_slice()),
            (200, br#"{"ok":true}"#.as_slice()),
            "{what}"
        );
        assert_alive(what, addr).await;
    }

    #[tokio::test]
    async fn http2() {
        let server =
            Server::start(config().handler_timeout(Some(Duration::from_millis(500)))).await;
        let addr = server.addr;
        let mut count = 0;
        let mut c = h2_connect(addr).await;

        // Plain requests over prior knowledge, several on one connection.
        let (status, body) = h2_request(&mut c, "GET", "/ok", &[], None).await.unwrap();
        assert_eq!(
            (status, body.as_slice()),
            (200, br#"{"ok":true}"#.as_slice())
        );
        count += 1;
        let (status, body) = h2_request(&mut c, "POST", "/echo", &[], Some(b"over h2".to_vec()))
            .await
            .unwrap();
        assert_eq!(status, 200);
        assert_eq!(
            serde_json::from_slice::<Value>(&body).unwrap()["body"],
            "over h2"
        );
        count += 1;

        // Limits apply over HTTP/2 too, with the same JSON answers.
        let long_query = format!("/ok?q={}", "x".repeat(1100));
        let big_headers: Vec<(String, String)> = (0..20)
            .map(|i| (format!("x-big-{i}"), "v".repeat(500)))
            .collect();
        let many_headers: Vec<(String, String)> = (0..60)
            .map(|i| (format!("x-many-{i}"), "v".to_owned()))
            .collect();
        type Check = (
            &'static str,
            &'static str,
            String,
            Vec<(String, String)>,
            Option<Vec<u8>>,
            u16,
        );
        let checks: Vec<Check> = vec![
            (
                "h2 body over the limit → 413",
                "POST",
                "/echo".into(),
                vec![],
                Some(vec![b'z'; 4000]),
                413,
            ),
            (
                "h2 target over the limit → 414",
                "GET",
                long_query,
                vec![],
                None,
                414,
            ),
            (
                "h2 headers over the head limit → 431",
                "GET",
                "/ok".into(),
                big_headers,
                None,
                431,
            ),
            (
                "h2 too many headers → 431",
                "GET",
                "/ok".into(),
                many_headers,
                None,
                431,
            ),
            (
                "h2 panicking handler → 500",
                "GET",
                "/panic".into(),
                vec![],
                None,
                500,
            ),
            (
                "h2 handler timeout → 503",
                "GET",
                "/never".into(),
                vec![],
                None,
                503,
            ),
        ];
        for (what, method, target, headers, body, want) in checks {
            let (status, body) = h2_request(&mut c, method, &target, &headers, body)
                .await
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(status, want, "{what}: {}", String::from_utf8_lossy(&body));
            if want != 500 {
                let detail = serde_json::from_slice::<Value>(&body).unwrap()["detail"].clone();
                assert!(detail.is_string(), "{what}: no detail");
            }
            assert_no_leak(what, &body);
            // The same connection goes on serving.
            let (status, _) = h2_request(&mut c, "GET", "/ok", &[], None).await.unwrap();
            assert_eq!(status, 200, "{what}: the connection stopped serving");
            assert_alive(what, addr).await;
            println!("ok [http2] {what}");
            count += 1;
        }

        // PING flood: the server answers or sheds them, and keeps serving.
        let mut s = h2_raw(addr).await;
        let mut flood = Vec::new();
        for i in 0..20_000u64 {
            flood.extend(frame(0x6, 0, 0, &i.to_be_bytes()));
        }
        write(&mut s, &flood).await;
        let _ = h2_drain(&mut s, Duration::from_millis(500)).await;
        drop(s);
        assert_h2_alive("PING flood", addr).await;
        count += 1;

        // Rapid reset: open and cancel streams as fast as possible.
        let mut s = h2_raw(addr).await;
        let mut burst = Vec::new();
        for i in 0..2000u32 {
            let id = 2 * i + 1;
            burst.extend(frame(
                0x1,
                END_HEADERS | END_STREAM,
                id,
                &get_fields("/slow?ms=1000"),
            ));
            burst.extend(frame(0x3, 0, id, &8u32.to_be_bytes()));
        }
        write(&mut s, &burst).await;
        let (_, goaway, _) = h2_drain(&mut s, Duration::from_secs(1)).await;
        assert_eq!(
            goaway,
            Some(0xb),
            "rapid reset: expected GOAWAY ENHANCE_YOUR_CALM"
        );
        drop(s);
        assert_h2_alive("rapid reset", addr).await;
        count += 1;

        // CONTINUATION flood: a header block that never ends.
        let mut s = h2_raw(addr).await;
        write(&mut s, &frame(0x1, 0, 1, &get_fields("/ok"))).await;
        let filler = hpack(&[("x-filler", &"f".repeat(4000))]);
        let mut sent_all = true;
        for _ in 0..2000 {
            if timeout(IO, s.write_all(&frame(0x9, 0, 1, &filler)))
                .await
                .map_or(true, |r| r.is_err())
            {
                sent_all = false;
                break;
            }
        }
        let (_, goaway, closed) = h2_drain(&mut s, Duration::from_secs(1)).await;
        assert!(
            !sent_all || goaway.is_some() || closed,
            "CONTINUATION flood: the server buffered 8 MB of headers"
        );
        drop(s);
        assert_h2_alive("CONTINUATION flood", addr).await;
        count += 1;

        // More streams than allowed at once: the excess is refused, nothing crashes.
        let mut s = h2_raw(addr).await;
        let mut burst = Vec::new();
        for i in 0..150u32 {
            burst.extend(frame(
                0x1,
                END_HEADERS | END_STREAM,
                2 * i + 1,
                &get_fields("/slow?ms=300"),
            ));
        }
        write(&mut s, &burst).await;
        let (frames, _) = h2_read_frames(&mut s, QUIET, Duration::from_secs(1)).await;
        // The streams over the limit (100, the default) are refused one by one: RST_STREAM
        // with REFUSED_STREAM (0x7), which tells the client it may retry them; the
        // connection and the streams within the limit go on.
        let refused: Vec<u32> = frames
            .iter()
            .filter(|(kind, payload)| *kind == 0x3 && payload.len() == 4)
            .map(|(_, p)| u32::from_be_bytes([p[0], p[1], p[2], p[3]]))
            .collect();
        // 150 opened at once, each answered after 300 ms: the 50 over the limit.
        assert_eq!(
            refused, [0x7; 50],
            "over max_concurrent_streams: RST_STREAM codes"
        );
        assert!(
            !frames.iter().any(|(kind, _)| *kind == 0x7),
            "over max_concurrent_streams: a GOAWAY"
        );
        drop(s);
        assert_h2_alive("too many streams", addr).await;
        count += 1;

        // Garbage after the preface: the connection is closed with a GOAWAY.
        let mut s = connect(addr).await;
        let mut bad = PREFACE.to_vec();
        bad.extend_from_slice(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff");
        write(&mut s, &bad).await;
        let (_, goaway, closed) = h2_drain(&mut s, Duration::from_secs(1)).await;
        assert!(goaway.is_some() || closed, "garbage frames");
        assert_h2_alive("garbage frames", addr).await;
        count += 1;

        // A stream-level error (DATA on a closed stream) does not take the server down.
        let mut s = h2_raw(addr).await;
        write(&mut s, &frame(0x0, END_STREAM, 99, b"orphan data")).await;
        let (_, goaway, closed) = h2_drain(&mut s, Duration::from_secs(1)).await;
        assert!(goaway.is_some() || closed, "DATA on an idle stream");
        assert_h2_alive("DATA on an idle stream", addr).await;
        count += 1;

        // An idle HTTP/2 connection is closed after the idle timeout.
        let mut s = h2_raw(addr).await;
        let started = Instant::now();
        let (_, goaway, closed) =
            h2_drain_quiet(&mut s, Duration::from_secs(2), Duration::from_secs(2)).await;
        assert!(goaway.is_some(), "idle h2: no GOAWAY");
        assert!(closed, "idle h2: still open");
        assert!(started.elapsed() < Duration::from_millis(1900));
        count += 1;

        server.stop().await;
        println!("http2: {count} cases");
    }

    /// `h2_max_local_error_reset_streams`: a client that keeps provoking stream errors gets
    /// a GOAWAY ENHANCE_YOUR_CALM once it is over the limit; under the limit each bad stream
    /// is reset alone. Other connections are served either way.
    #[tokio::test]
    async fn http2_stream_errors_past_the_limit_end_the_connection() {
        /// Six malformed requests (a connection-specific header field, RFC 9113 §8.2.2: a
        /// stream error) on one connection: the RST_STREAM and GOAWAY codes, and whether
        /// the server closed it.
        async fn six_bad_streams(addr: SocketAddr) -> (Vec<u32>, Vec<(u32, String)>, bool) {
            let mut s = h2_raw(addr).await;
            let mut burst = Vec::new();
            for i in 0..6u32 {
                let mut fields = get_fields("/ok");
                fields.extend(hpack(&[("connection", "keep-alive")]));
                burst.extend(frame(0x1, END_HEADERS | END_STREAM, 2 * i + 1, &fields));
            }
            write(&mut s, &burst).await;
            let (frames, closed) = h2_read_frames(&mut s, QUIET, Duration::from_secs(2)).await;
            let resets = frames
                .iter()
                .filter(|(kind, p)| *kind == 0x3 && p.len() == 4)
                .map(|(_, p)| u32::from_be_bytes([p[0], p[1], p[2], p[3]]))
                .collect();
            let goaways = frames
                .iter()
                .filter(|(kind, p)| *kind == 0x7 && p.len() >= 8)
                .map(|(_, p)| {
                    let code = u32::from_be_bytes([p[4], p[5], p[6], p[7]]);
                    (code, String::from_utf8_lossy(&p[8..]).into_owned())
                })
                .collect();
            (resets, goaways, closed)
        }

        // The default (1024): six PROTOCOL_ERROR resets, the connection stays.
        let server = Server::start(config()).await;
        let (resets, goaways, closed) = six_bad_streams(server.addr).await;
        assert_eq!(resets, [0x1; 6]);
        assert_eq!(goaways, []);
        assert!(!closed);
        server.stop().await;

        // A limit of 3: the connection ends with ENHANCE_YOUR_CALM (0xb).
        let server = Server::start(config().h2_max_local_error_reset_streams(3)).await;
        let (_, goaways, closed) = six_bad_streams(server.addr).await;
        assert_eq!(goaways, [(0xb, "too_many_internal_resets".to_owned())]);
        assert!(closed);
        assert_h2_alive("stream errors past the limit", server.addr).await;
        server.stop().await;
    }

    /// The body-read timeout applies to an HTTP/2 stream as to an HTTP/1 body: a body that
    /// stops halfway is answered 408 with the JSON detail, and the connection goes on.
    #[tokio::test]
    async fn http2_body_read_timeout() {
        let server = Server::start(config()).await;
        let addr = server.addr;
        let mut client = h2_connect(addr).await.ready().await.unwrap();
        let req = http::Request::builder()
            .method("POST")
            .uri("http://t/echo")
            .header("content-type", "application/json")
            .header("content-length", "10")
            .body(())
            .unwrap();
        let (resp, mut send) = client.send_request(req, false).unwrap();
        send.send_data(Bytes::from_static(b"[1,"), false).unwrap();
        let started = Instant::now();
        let resp = timeout(IO, resp).await.expect("no answer").unwrap();
        assert_eq!(resp.status(), 408);
        assert!(started.elapsed() >= Duration::from_millis(350));
        let mut body = resp.into_body();
        let mut out = Vec::new();
        while let Some(chunk) = body.data().await {
            out.extend_from_slice(&chunk.unwrap());
        }
        let detail: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert!(
            detail["detail"]
                .as_str()
                .is_some_and(|d| d.contains("body read timeout")),
            "{detail}"
        );
        // The same connection serves the next request.
        let (status, body) = h2_request(&mut client, "GET", "/ok", &[], None)
            .await
            .unwrap();
        assert_eq!(
            (status, body.as_slice()),
            (200, br#"{"ok":true}"#.as_slice())
        );
        server.stop().await;
    }

    /// On shutdown an HTTP/2 connection gets a GOAWAY (NO_ERROR) and is closed, after the
    /// request in flight is answered.
    #[tokio::test]
    async fn http2_shutdown_sends_goaway() {
        let server = Server::start(config()).await;
        let mut s = h2_raw(server.addr).await;
        write(
            &mut s,
            &frame(
                0x1,
                END_HEADERS | END_STREAM,
                1,
                &get_fields("/slow?ms=300"),
            ),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let stopping = tokio::spawn(server.stop());
        let (frames, closed) =
            h2_read_frames(&mut s, Duration::from_secs(2), Duration::from_secs(4)).await;
        stopping.await.unwrap();
        let kinds: Vec<u8> = frames.iter().map(|(kind, _)| *kind).collect();
        let goaway = frames
            .iter()
            .find(|(kind, p)| *kind == 0x7 && p.len() >= 8)
            .map(|(_, p)| u32::from_be_bytes([p[4], p[5], p[6], p[7]]));
        assert_eq!(goaway, Some(0x0), "{kinds:?}");
        // The answer to the request in flight: HEADERS and DATA on stream 1.
        assert!(
            frames.iter().any(|(kind, _)| *kind == 0x0),
            "the request in flight was not answered: {kinds:?}"
        );
        assert!(closed, "still open after the GOAWAY");
    }
}

// ---------------------------------------------------------------------------------------
// Observability
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn request_ids() {
    let server = Server::start(config()).await;
    let out = exchange(
        server.addr,
        b"GET /id HTTP/1.1\r\nHost: t\r\nX-Request-Id: abc-123\r\n\r\n",
        1,
    )
    .await;
    let r = out.only();
    assert_eq!(r.header("x-request-id"), None, "echoed while off");
    assert_eq!(
        r.json()["id"],
        "abc-123",
        "the handler sees the incoming id"
    );
    assert_eq!(r.json()["peer"], "127.0.0.1", "and the peer's address");
    let out = exchange(server.addr, get("/id").as_bytes(), 1).await;
    let generated = out.only().json()["id"].as_str().unwrap().to_owned();
    assert_eq!(generated.len(), 32);
    assert!(generated.bytes().all(|b| b.is_ascii_hexdigit()));
    server.stop().await;

    let server = Server::start(config().echo_request_id(true)).await;
    let out = exchange(
        server.addr,
        b"GET /id HTTP/1.1\r\nHost: t\r\nX-Request-Id: abc-123\r\n\r\n",
        1,
    )
    .await;
    assert_eq!(out.only().header("x-request-id"), Some("abc-123"));
    let out = exchange(server.addr, get("/id").as_bytes(), 1).await;
    let r = out.only();
    let echoed = r.header("x-request-id").unwrap().to_owned();
    assert_eq!(r.json()["id"], echoed.as_str());
    assert_ne!(echoed, generated, "ids repeat");
    let long = "x".repeat(300);
    let out = exchange(
        server.addr,
        format!("GET /id HTTP/1.1\r\nHost: t\r\nX-Request-Id: {long}\r\n\r\n").as_bytes(),
        1,
    )
    .await;
    let replaced = out.only().header("x-request-id").unwrap().to_owned();
    assert_eq!(
        replaced.len(),
        32,
        "an unreasonable incoming id is replaced"
    );
    // Refusals carry an id too.
    let out = exchange(server.addr, b"GET /ok HTTP/1.1\r\n\r\n", 1).await;
    assert!(out.only().header("x-request-id").is_some());
    server.stop().await;

    // Behind tower layers the server's data travels in the extensions: same answers.
    let layered = app().layer(tower::layer::util::Identity::new());
    let server = Server::start_app(config(), layered).await;
    let out = exchange(
        server.addr,
        b"GET /id HTTP/1.1\r\nHost: t\r\nX-Request-Id: abc-123\r\n\r\n",
        1,
    )
    .await;
    let r = out.only();
    assert_eq!(r.json()["id"], "abc-123", "through layers");
    assert_eq!(r.json()["peer"], "127.0.0.1", "through layers");
    server.stop().await;
    println!("observability: 5 cases");
}

/// The edges of "a sensible id" (README, *Observability*: 1 to 128 visible ASCII
/// characters): exactly 128 is kept as is, 129 is replaced, and so is an id with a space, a
/// tab (the one control byte a header value may hold), a byte past ASCII, or none at all.
/// The answer is checked whole: the id the handler saw is the one echoed.
#[tokio::test]
async fn request_id_edges() {
    let server = Server::start(config().echo_request_id(true)).await;
    /// `GET /id` with this `x-request-id` value: the echoed id, and the answer's status,
    /// headers (the date's value `*`) and body.
    async fn ask(addr: SocketAddr, id: &[u8]) -> (String, (u16, Vec<(String, String)>, String)) {
        let mut request = b"GET /id HTTP/1.1\r\nHost: t\r\nX-Request-Id: ".to_vec();
        request.extend_from_slice(id);
        request.extend_from_slice(b"\r\n\r\n");
        let out = exchange(addr, &request, 1).await;
        let r = out.only();
        let echoed = r.header("x-request-id").expect("an echoed id").to_owned();
        let headers = r
            .headers
            .iter()
            .map(|(n, v)| match n.as_str() {
                "date" => (n.clone(), "*".to_owned()),
                _ => (n.clone(), v.clone()),
            })
            .collect();
        let body = String::from_utf8(r.body.clone()).unwrap();
        (echoed, (r.status, headers, body))
    }
    /// The whole answer for a request whose id is `id`.
    fn answer(id: &str) -> (u16, Vec<(String, String)>, String) {
        let body = format!(
            r#"{{"id":{},"peer":"127.0.0.1"}}"#,
            serde_json::to_string(id).unwrap()
        );
        let headers = [
            ("content-length", body.len().to_string()),
            ("content-type", "application/json".to_owned()),
            ("x-request-id", id.to_owned()),
            ("date", "*".to_owned()),
        ];
        (200, headers.map(|(n, v)| (n.to_owned(), v)).to_vec(), body)
    }
    let mut count = 0;

    // Kept as is: 1 character, exactly 128 of one, and 128 that are every visible
    // character from `!` to `~` (`"` and `\` among them, escaped in the JSON body).
    let visible: String = (0x21..=0x7e_u8).cycle().take(128).map(char::from).collect();
    for id in ["a".to_owned(), "a".repeat(128), visible] {
        let (echoed, got) = ask(server.addr, id.as_bytes()).await;
        assert_eq!(echoed, id, "{} visible characters are kept", id.len());
        assert_eq!(got, answer(&id));
        count += 1;
    }

    // Replaced by a generated id: 129 characters, a space, a tab, bytes past ASCII, none.
    let long = "a".repeat(129);
    for id in [
        long.as_bytes(),
        b"abc def",
        b"abc\tdef",
        b"caf\xc3\xa9",
        b"\xff",
        b"",
    ] {
        let (echoed, got) = ask(server.addr, id).await;
        assert!(
            echoed.len() == 32 && echoed.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id:?} is replaced by a generated id, not {echoed:?}"
        );
        assert_eq!(got, answer(&echoed), "{id:?}");
        count += 1;
    }
    server.stop().await;
    println!("request id edges: {count} cases");
}

/// Collects the `brisk::access` events and the `request` spans, as `name=value` text.
struct Capture(Arc<std::sync::Mutex<Vec<String>>>);

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={:?} ", field.name(), value));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attrs: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        if attrs.metadata().name() == "request" {
            let mut fields = Fields(String::from("span "));
            attrs.record(&mut fields);
            self.0.lock().unwrap().push(fields.0);
        }
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        if event.metadata().target() == "brisk::access" {
            // At INFO, as the README says (`RUST_LOG=warn` drops the access log): a line at
            // another level is captured with its level, and matches no expected line.
            let level = *event.metadata().level();
            let mut fields = match level {
                tracing::Level::INFO => Fields(String::new()),
                other => Fields(format!("level={other} ")),
            };
            event.record(&mut fields);
            self.0.lock().unwrap().push(fields.0);
        }
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// Every request is logged with its id, method, path, status and latency — refusals too —
/// inside a `request` span. (A current-thread runtime, so the server's tasks log through this
/// thread's subscriber.)
#[tokio::test(flavor = "current_thread")]
async fn access_log() {
    // tracing-core caches whether each callsite is enabled. While exactly one dispatcher is
    // registered it takes that answer from the thread that reaches the callsite first: the
    // other tests' servers, on threads without this subscriber, would cache "never" for
    // brisk's span and events, for every thread (seen: the span missing in 1–4 of 8 runs of
    // this suite). A second registered dispatcher makes it ask every registered one instead.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let lines = Arc::new(std::sync::Mutex::new(Vec::new()));
    let _guard = tracing::subscriber::set_default(Capture(lines.clone()));
    let server = Server::start(config()).await;
    let out = exchange(
        server.addr,
        b"GET /n/42 HTTP/1.1\r\nHost: t\r\nX-Request-Id: log-me-1\r\n\r\n",
        1,
    )
    .await;
    assert_eq!(out.only().status, 200);
    let out = exchange(server.addr, b"GET /ok HTTP/1.1\nHost: t\n\n", 1).await;
    assert_eq!(out.only().status, 400);
    let _ = exchange(server.addr, get("/panic").as_bytes(), 1).await;
    server.stop().await;
    let lines = lines.lock().unwrap().clone();
    assert!(
        lines.iter().all(|l| !l.starts_with("level=")),
        "access log lines not at INFO: {lines:#?}"
    );
    let find = |needle: &str| {
        lines
            .iter()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no access log line with {needle}: {lines:#?}"))
            .clone()
    };
    let line = find("request_id=log-me-1");
    for part in ["method=GET", "path=/n/42", "status=200", "latency_us="] {
        assert!(line.contains(part), "{part} missing from {line}");
    }
    let id_of = |line: &str| {
        let id = line.split("request_id=").nth(1).unwrap().split(' ').next();
        id.unwrap().to_owned()
    };
    let line = find("status=400");
    assert!(line.contains("path=-"), "{line}");
    let refused_id = id_of(&line);
    assert!(
        refused_id.len() == 32 && refused_id.bytes().all(|b| b.is_ascii_hexdigit()),
        "a generated id: {line}"
    );
    let line = find("status=500");
    assert!(line.contains("path=/panic"), "{line}");
    // One span a request (this thread's only), with the request's id: the given one or the
    // generated one, and `-` for the method and path of the refused head.
    let spans: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("span "))
        .collect();
    assert_eq!(
        spans,
        [
            "id=log-me-1 method=GET path=/n/42 ".to_owned(),
            format!("id={refused_id} method=- path=- "),
            format!("id={} method=GET path=/panic ", id_of(&line)),
        ],
        "{lines:#?}"
    );
    println!("observability: 1 case (access log)");
}

// ---------------------------------------------------------------------------------------
// Stress
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn stress() {
    let server = Server::start(config()).await;
    let addr = server.addr;

    // 200 concurrent connections.
    let done = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for i in 0..200 {
        let done = done.clone();
        tasks.push(tokio::spawn(async move {
            let out = exchange(addr, get(&format!("/n/{i}")).as_bytes(), 1).await;
            assert_eq!(out.only().json()["n"], i);
            done.fetch_add(1, Ordering::Relaxed);
        }));
    }
    for t in tasks {
        timeout(Duration::from_secs(10), t).await.unwrap().unwrap();
    }
    assert_eq!(done.load(Ordering::Relaxed), 200);
    println!("ok [stress] 200 concurrent connections");

    // 500 pipelined requests on one connection, in order.
    let mut s = connect(addr).await;
    let burst: String = (0..500).map(|i| get(&format!("/n/{i}"))).collect();
    write(&mut s, burst.as_bytes()).await;
    let out = collect(&mut s, 500, QUIET, Duration::from_secs(10)).await;
    let ns: Vec<u64> = out
        .responses
        .iter()
        .map(|r| r.json()["n"].as_u64().unwrap())
        .collect();
    assert_eq!(ns, (0..500).collect::<Vec<u64>>());
    println!("ok [stress] 500 pipelined requests");

    // 100 slowloris connections do not delay a normal client.
    let mut lorises = Vec::new();
    for _ in 0..100 {
        let mut s = connect(addr).await;
        write(&mut s, b"GET /ok HTTP/1.1\r\nHost: t\r\nX-Slow: ").await;
        lorises.push(s);
    }
    let started = Instant::now();
    assert_alive("slowloris crowd", addr).await;
    assert!(started.elapsed() < Duration::from_millis(300));
    for mut s in lorises {
        let out = collect(&mut s, 1, QUIET, IO).await;
        assert_eq!(out.statuses(), [408]);
        assert!(out.closed);
    }
    println!("ok [stress] 100 slowloris connections");
    server.stop().await;
    println!("stress: 3 cases");
}

// ---------------------------------------------------------------------------------------
// TLS (feature `tls`): `cargo test -p brisk --features tls --test hostile tls`
// ---------------------------------------------------------------------------------------

/// A test-only CA, and a `localhost` / `127.0.0.1` certificate it signed (P-256, valid for
/// 100 years). Never use these keys for anything else.
#[cfg(feature = "tls")]
mod tls {
    use super::*;
    use brisk::rustls;
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};

    const CA: &str = "-----BEGIN CERTIFICATE-----
MIIBlzCCAT2gAwIBAgIUWpFpg5xebXZpGKnJaK+8vAT3U6owCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNYnJpc2sgdGVzdCBDQTAgFw0yNjExMjUxNDMzMDVaGA8yMTI2
MTEwMTE0MzMwNVowGDEWMBQGA1UEAwwNYnJpc2sgdGVzdCBDQTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABJ3vmoLRakHKuASxkVpAIIG7+31bKBfbjR+F3JVb3Mej
t6Kt4F38fo5VsPVlKVpoyKOWZ9xKj/VEDe6PWuRNusOjYzBhMB0GA1UdDgQWBBSJ
jsXg/938hxAs3zqN0wvdCFFmRTAfBgNVHSMEGDAWgBSJjsXg/938hxAs3zqN0wvd
CFFmRTAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwICBDAKBggqhkjOPQQD
AgNIADBFAiAQcHBVNSMiAN5tW+bN9zMNQt/hRsmp922miSk/Yh28tgIhAMrpO6ga
Qi8vYxpEEovq6S3aBpryxhvlclhjyL7lBAm7
-----END CERTIFICATE-----";
    const LEAF: &str = "-----BEGIN CERTIFICATE-----
MIIBxDCCAWmgAwIBAgIUXY7RrBP+H5WJTXL1pVCQrFMuX9EwCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNYnJpc2sgdGVzdCBDQTAgFw0yNjExMjUxNDMzMDVaGA8yMTI2
MTEwMTE0MzMwNVowFDESMBAGA1UEAwwJbG9jYWxob3N0MFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAETv7VbvuQ0o1BOEaGD3FtgP9fhYiHtNcP520z0n9UJP3+zLf3
VlpCsb3rBUhAFkI2MDSbRgfx9WLCukz9lr255KOBkjCBjzAMBgNVHRMBAf8EAjAA
MBoGA1UdEQQTMBGCCWxvY2FsaG9zdIcEfwAAATATBgNVHSUEDDAKBggrBgEFBQcD
ATAOBgNVHQ8BAf8EBAMCB4AwHQYDVR0OBBYEFCqJHj3YhpvHrUjYuHt4yPou7K4A
MB8GA1UdIwQYMBaAFImOxeD/3fyHECzfOo3TC90IUWZFMAoGCCqGSM49BAMCA0kA
MEYCIQC7AZunmKx30Q+l3K/nk+UP88MRCkfYmIpQxjPmwG5iqgIhAKEXrUuoPk4S
f/klFYhKss86t87gCxMQbydijNiKO1Wv
-----END CERTIFICATE-----";
    const KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQghQn6mFf79k835BmG
RlLOm+XjyQsAYAKN5pg4H/O6o+OhRANCAARO/tVu+5DSjUE4RoYPcW2A/1+FiIe0
1w/nbTPSf1Qk/f7Mt/dWWkKxvesFSEAWQjYwNJtGB/H1YsK6TP2Wvbnk
-----END PRIVATE KEY-----";

    fn provider() -> Arc<rustls::crypto::CryptoProvider> {
        Arc::new(rustls::crypto::ring::default_provider())
    }

    fn server_config() -> Arc<rustls::ServerConfig> {
        let cert = CertificateDer::from_pem_slice(LEAF.as_bytes()).unwrap();
        let key = PrivateKeyDer::from_pem_slice(KEY.as_bytes()).unwrap();
        Arc::new(
            rustls::ServerConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(vec![cert], key)
                .unwrap(),
        )
    }

    async fn tls_connect(
        addr: SocketAddr,
        alpn: &[&[u8]],
    ) -> tokio_rustls::client::TlsStream<TcpStream> {
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(CertificateDer::from_pem_slice(CA.as_bytes()).unwrap())
            .unwrap();
        let mut config = rustls::ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
        let tcp = connect(addr).await;
        timeout(
            IO,
            connector.connect(ServerName::try_from("localhost").unwrap(), tcp),
        )
        .await
        .expect("TLS handshake timed out")
        .expect("TLS handshake failed")
    }

    #[tokio::test]
    async fn https() {
        let server = Server::start(config().tls(server_config())).await;
        let addr = server.addr;

        // HTTP/1.1 over TLS, keep-alive, and the gatekeeper's refusals.
        let mut s = tls_connect(addr, &[b"http/1.1"]).await;
        assert_eq!(s.get_ref().1.alpn_protocol(), Some(&b"http/1.1"[..]));
        s.write_all(get("/ok").as_bytes()).await.unwrap();
        s.write_all(b"GET /ok HTTP/1.1\r\nHost: t\nX: y\r\n\r\n")
            .await
            .unwrap();
        let mut raw = Vec::new();
        let _ = timeout(IO, s.read_to_end(&mut raw)).await;
        let answers = parse_responses(&raw, false);
        let statuses: Vec<u16> = answers.iter().map(|r| r.status).collect();
        assert_eq!(statuses, [200, 400], "{:?}", String::from_utf8_lossy(&raw));
        assert!(answers[1].detail().contains("CRLF"));
        println!("ok [tls] HTTP/1.1 over TLS, with a framing refusal");

        // An absolute URL brisk builds over TLS is https, with no proxy header to say so.
        let mut s = tls_connect(addr, &[b"http/1.1"]).await;
        s.write_all(b"GET /ok/ HTTP/1.1\r\nHost: api.example\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut raw = Vec::new();
        let _ = timeout(IO, s.read_to_end(&mut raw)).await;
        let answers = parse_responses(&raw, false);
        assert_eq!(answers.len(), 1, "{:?}", String::from_utf8_lossy(&raw));
        assert_eq!(answers[0].status, 307);
        assert_eq!(
            answers[0].header("location"),
            Some("https://api.example/ok")
        );
        println!("ok [tls] the trailing-slash redirect keeps https");

        // HTTP/2 negotiated by ALPN (without the `http2` feature, HTTP/1.1 is chosen).
        #[cfg(not(feature = "http2"))]
        {
            let s = tls_connect(addr, &[b"h2", b"http/1.1"]).await;
            assert_eq!(s.get_ref().1.alpn_protocol(), Some(&b"http/1.1"[..]));
            println!("ok [tls] h2 offered by ALPN, HTTP/1.1 chosen without the http2 feature");
        }
        #[cfg(feature = "http2")]
        {
            use super::http2::h2_request;
            let s = tls_connect(addr, &[b"h2", b"http/1.1"]).await;
            assert_eq!(s.get_ref().1.alpn_protocol(), Some(&b"h2"[..]));
            let (mut client, conn) = h2::client::handshake(s).await.unwrap();
            tokio::spawn(async move {
                let _ = conn.await;
            });
            let (status, body) = h2_request(&mut client, "GET", "/ok", &[], None)
                .await
                .unwrap();
            assert_eq!(
                (status, body.as_slice()),
                (200, br#"{"ok":true}"#.as_slice())
            );
            let (status, _) = h2_request(&mut client, "POST", "/echo", &[], Some(vec![0; 4000]))
                .await
                .unwrap();
            assert_eq!(status, 413);
            println!("ok [tls] HTTP/2 by ALPN, limits apply");
        }

        // A configuration that lists its own ALPN protocols keeps them: HTTP/1.1 only here,
        // so a client offering h2 first still gets HTTP/1.1.
        #[cfg(feature = "http2")]
        {
            let mut own = (*server_config()).clone();
            own.alpn_protocols = vec![b"http/1.1".to_vec()];
            let other = Server::start(config().tls(Arc::new(own))).await;
            let mut s = tls_connect(other.addr, &[b"h2", b"http/1.1"]).await;
            assert_eq!(s.get_ref().1.alpn_protocol(), Some(&b"http/1.1"[..]));
            s.write_all(b"GET /ok HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                .await
                .unwrap();
            let mut raw = Vec::new();
            let _ = timeout(IO, s.read_to_end(&mut raw)).await;
            let answers = parse_responses(&raw, false);
            assert_eq!(answers.len(), 1, "{:?}", String::from_utf8_lossy(&raw));
            assert_eq!(answers[0].status, 200);
            other.stop().await;
            println!("ok [tls] the configuration's own ALPN list is kept");
        }

        // Plain HTTP and a stalled handshake on the TLS port: closed, server fine.
        let out = exchange(addr, get("/ok").as_bytes(), 0).await;
        assert!(out.closed && out.responses.is_empty(), "plain HTTP on TLS");
        let mut stalled = connect(addr).await;
        let started = Instant::now();
        let out = collect(
            &mut stalled,
            0,
            Duration::from_secs(2),
            Duration::from_secs(2),
        )
        .await;
        assert!(out.closed && started.elapsed() < Duration::from_millis(1500));
        let mut s = tls_connect(addr, &[b"http/1.1"]).await;
        s.write_all(b"GET /ok HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut raw = Vec::new();
        let _ = timeout(IO, s.read_to_end(&mut raw)).await;
        assert_eq!(parse_responses(&raw, false)[0].status, 200);
        println!("ok [tls] plain HTTP and stalled handshakes are closed");
        server.stop().await;
        println!("tls: 3 cases");
    }
}
