//! What brisk logs when an answer goes wrong, as the guide promises: the unhandled error's
//! `Debug` text with its route's name, or the panic's message, as an ERROR event (never in
//! the answer); a body dropped from a bodiless status as a WARN event.

use std::sync::{Arc, Mutex};

use brisk::testing::TestClient;
use brisk::{App, Response, ResponseHandle, Value};

/// Every event: `LEVEL target: message field=value ...`.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        match field.name() {
            "message" => self.0.push_str(&format!(" {value:?}")),
            name => self.0.push_str(&format!(" {name}={value:?}")),
        }
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let meta = event.metadata();
        let mut fields = Fields(format!("{} {}:", meta.level(), meta.target()));
        event.record(&mut fields);
        self.0.lock().unwrap().push(fields.0);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[derive(Debug)]
struct DiskError {
    #[allow(dead_code)] // read through `Debug`
    path: &'static str,
}

#[brisk::get("/failing", responses = [500])]
async fn failing() -> Result<Value, DiskError> {
    Err(DiskError {
        path: "/var/secret/db",
    })
}

#[brisk::get("/panicking", responses = [500])]
async fn panicking() -> Value {
    panic!("secret-kaboom");
}

/// A status chosen at run time that carries no body, with a body anyway.
#[brisk::get("/not-modified", responses = [304])]
async fn not_modified(response: &mut ResponseHandle) -> Response {
    response.set_status(304);
    Response::with_content("stale body").status_code(304)
}

/// The events logged while `client` answers `path`, and the answer's status and body.
async fn logged(client: &TestClient, path: &str) -> (Vec<String>, u16, String) {
    // tracing-core caches each callsite's interest from the first thread that reaches it
    // while one dispatcher is registered; a second one makes it ask every dispatcher (see
    // README, "Logs").
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let res = client.get(path).send().await;
    let lines = capture.0.lock().unwrap().clone();
    (lines, res.status().as_u16(), res.text().to_owned())
}

#[tokio::test(flavor = "current_thread")]
async fn failures_are_logged_not_answered() {
    let client =
        TestClient::new(App::new().routes(brisk::routes![failing, panicking, not_modified]));

    let (lines, status, body) = logged(&client, "/failing").await;
    assert_eq!((status, body.as_str()), (500, "Internal Server Error"));
    assert_eq!(
        lines,
        [
            r#"ERROR brisk::__private: unhandled error; answered 500 route="failing" error=DiskError { path: "/var/secret/db" }"#
        ]
    );

    let (lines, status, body) = logged(&client, "/panicking").await;
    assert_eq!((status, body.as_str()), (500, "Internal Server Error"));
    assert_eq!(
        lines,
        [r#"ERROR brisk::service: a handler panicked; answered 500 panic="secret-kaboom""#]
    );

    let (lines, status, body) = logged(&client, "/not-modified").await;
    assert_eq!((status, body.as_str()), (304, ""));
    assert_eq!(
        lines,
        [
            r#"WARN brisk::service: a response with status 304 had a body; it was dropped (this status never carries content) status=304"#
        ]
    );
}
