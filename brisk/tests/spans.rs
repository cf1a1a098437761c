//! The server's `request` span, seen by a process-wide subscriber.
//!
//! A binary of its own, with a global subscriber, as an application installs one. (A
//! subscriber set for one thread, as `hostile.rs`'s access-log test does, needs a second
//! registered dispatcher to see brisk's callsites reliably: while only one is registered,
//! tracing-core caches each callsite's interest from whichever thread reaches it first. See
//! that test.)

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use brisk::{App, ServeConfig};

#[brisk::get("/n/{n}")]
async fn number(n: i64) -> i64 {
    n
}

/// Records every `request` span's fields as `name=value ` text.
struct Spans(Arc<Mutex<Vec<String>>>);

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={:?} ", field.name(), value));
    }
}

impl tracing::Subscriber for Spans {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attrs: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        if attrs.metadata().name() == "request" {
            let mut fields = Fields(String::new());
            attrs.record(&mut fields);
            self.0.lock().unwrap().push(fields.0);
        }
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// Sends `raw` on a new connection and reads until the server closes it.
fn exchange(addr: std::net::SocketAddr, raw: &[u8]) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(raw).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Each request runs in a `request` span with its id, method and path; a refused head's
/// span shows `-` for both.
#[test]
fn every_request_has_a_span() {
    let spans = Arc::new(Mutex::new(Vec::new()));
    tracing::subscriber::set_global_default(Spans(spans.clone())).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = App::new().routes(brisk::routes![number]);
    let server = runtime.spawn(brisk::serve_with(
        listener,
        app,
        async {
            let _ = stopped.await;
        },
        ServeConfig::default(),
    ));

    let answer = exchange(
        addr,
        b"GET /n/42 HTTP/1.1\r\nHost: t\r\nX-Request-Id: span-me-1\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    // A bare LF: refused before routing.
    let answer = exchange(addr, b"GET /n/1 HTTP/1.1\nHost: t\n\n");
    assert!(
        answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{answer}"
    );

    let _ = stop.send(());
    runtime.block_on(server).unwrap().unwrap();
    let spans = spans.lock().unwrap().clone();
    assert_eq!(spans.len(), 2, "one span a request: {spans:#?}");
    assert_eq!(spans[0], "id=span-me-1 method=GET path=/n/42 ");
    let refused = &spans[1];
    assert!(
        refused.starts_with("id=") && refused.ends_with(" method=- path=- "),
        "{refused}"
    );
    // A generated id: 32 hex digits.
    let id = refused.trim_start_matches("id=").split(' ').next().unwrap();
    assert!(
        id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
}
