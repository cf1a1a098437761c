//! The replay harness: runs every non-skipped case of a golden file, in order, against a fresh
//! brisk twin — through [`TestClient`] or over a real TCP socket — and compares status, the
//! multiset of headers (minus `date`, `server`, `connection`) and the body bytes with what
//! FastAPI answered, or with the entry of [`crate::differences::DIFFERENCES`] for that case.

use std::net::SocketAddr;
use std::time::Duration;

use brisk::testing::TestClient;
use brisk::App;
use http::Method;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::differences::{self, Difference};
use crate::golden::{recorded_answer, Answer, Case, GoldenFile};
use crate::wire;

/// A case of a golden file that the twin does not replay, and the brisk feature it needs.
#[derive(Debug, Clone, Copy)]
pub struct Skip {
    /// The case's `name` in the golden file.
    pub case: &'static str,
    /// Why: the FastAPI feature brisk does not have, or where else the case is checked.
    pub missing: &'static str,
}

/// A twin app and its golden file.
#[derive(Debug, Clone, Copy)]
pub struct AppSpec {
    /// The oracle app's name, e.g. `seed_app` (its golden file is `<name>.json`).
    pub name: &'static str,
    /// The golden file's text.
    pub golden: &'static str,
    /// Builds a fresh twin (state starts empty, as the oracle's server did).
    pub app: fn() -> App,
    /// Cases not replayed.
    pub skipped: &'static [Skip],
}

impl AppSpec {
    /// The parsed golden file.
    pub fn golden(&self) -> GoldenFile {
        GoldenFile::parse(self.name, self.golden)
    }

    /// Why `case` is skipped, if it is.
    pub fn skip_of(&self, case: &str) -> Option<&'static Skip> {
        self.skipped.iter().find(|s| s.case == case)
    }
}

/// How requests reach the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// In process, through `brisk::testing::TestClient` (`host: testserver`).
    TestClient,
    /// Over TCP: `brisk::serve` on 127.0.0.1:0, raw HTTP/1.1 bytes as the oracle sent them.
    Socket,
}

/// A twin served by `brisk::serve` on 127.0.0.1:0 in a tokio task.
#[derive(Debug)]
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

/// How long the server may take to stop once asked (every replayed connection was
/// `Connection: close`, so nothing should be in flight).
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(5);

impl Server {
    /// Binds 127.0.0.1:0 and serves `app` until [`stop`](Server::stop).
    pub async fn start(app: App) -> Server {
        Server::start_with(app, brisk::ServeConfig::default()).await
    }

    /// [`start`](Server::start) with these settings.
    pub async fn start_with(app: App, config: brisk::ServeConfig) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
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

    /// Asks the server to shut down and waits (bounded) until `brisk::serve` returns.
    ///
    /// # Panics
    /// If it fails, panics or takes longer than 5 s.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        match tokio::time::timeout(SHUTDOWN_TIMEOUT, self.task).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(e))) => panic!("brisk::serve failed: {e}"),
            Ok(Err(e)) => panic!("the server task panicked: {e}"),
            Err(_) => panic!("the server did not stop within {SHUTDOWN_TIMEOUT:?}"),
        }
    }
}

/// A running twin.
enum Driver {
    Client(TestClient),
    Socket(Server),
}

impl Driver {
    async fn start(app: App, transport: Transport) -> Driver {
        match transport {
            Transport::TestClient => Driver::Client(TestClient::new(app)),
            Transport::Socket => Driver::Socket(Server::start(app).await),
        }
    }

    /// The `Host` requests carry, which a trailing-slash `location` repeats.
    fn host(&self) -> String {
        match self {
            Driver::Client(_) => "testserver".to_owned(),
            Driver::Socket(server) => server.addr.to_string(),
        }
    }

    async fn send(&self, case: &Case) -> Answer {
        match self {
            Driver::Client(client) => {
                let method = Method::from_bytes(case.method.as_bytes()).expect("method");
                let mut req = client.request(method, &case.target);
                for (name, value) in &case.headers {
                    req = req.header(name.as_str(), value.as_str());
                }
                if let Some(body) = &case.body {
                    req = req
                        .header("content-length", body.len().to_string())
                        .body(body.clone());
                }
                let res = req.send().await;
                Answer::new(
                    res.status().as_u16(),
                    res.header_pairs(),
                    res.bytes().to_vec(),
                )
            }
            Driver::Socket(server) => {
                let raw = wire::request_bytes(case, &server.addr.to_string(), false);
                let res = wire::parse_response(&wire::exchange(server.addr, &raw).await);
                assert_eq!(
                    res.version, "HTTP/1.1",
                    "{}: status line version",
                    case.name
                );
                Answer::new(res.status, res.headers, res.body)
            }
        }
    }

    async fn stop(self) {
        if let Driver::Socket(server) = self {
            server.stop().await;
        }
    }
}

/// What a replay did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Cases sent and compared.
    pub replayed: usize,
    /// Of those, how many were compared with a deliberate difference instead of FastAPI.
    pub different: usize,
    /// Cases not sent.
    pub skipped: usize,
}

/// The answer brisk must give for `case` of `app`: the entry of the differences table if
/// there is one, else FastAPI's recorded answer; the recorded host in `location` is replaced
/// by `host`.
pub fn expected_answer(
    app: &str,
    file: &GoldenFile,
    case: &Case,
    host: &str,
) -> (Answer, Option<&'static Difference>) {
    let diff = differences::lookup(app, &case.name);
    let answer = match diff {
        Some(d) => d.brisk.answer(),
        None => recorded_answer(case),
    };
    (answer.with_host(&file.recorded_host(), host), diff)
}

/// Replays every non-skipped case of `spec`'s golden file, in order, against `app` (a fresh
/// twin) over `transport`, and panics with every mismatch found.
pub async fn replay(spec: &AppSpec, app: App, transport: Transport) -> Summary {
    let file = spec.golden();
    let driver = Driver::start(app, transport).await;
    let host = driver.host();
    let mut summary = Summary::default();
    let mut failures = Vec::new();
    for case in &file.cases {
        if spec.skip_of(&case.name).is_some() {
            summary.skipped += 1;
            continue;
        }
        let (want, diff) = expected_answer(spec.name, &file, case, &host);
        let got = driver.send(case).await;
        summary.replayed += 1;
        summary.different += usize::from(diff.is_some());
        if got != want {
            failures.push(describe(
                case,
                diff.map(|d| format!("deliberate difference ({:?})", d.why)),
                &want,
                &got,
            ));
        }
    }
    driver.stop().await;
    assert!(
        failures.is_empty(),
        "{} via {transport:?}: {} of {} cases differ\n\n{}",
        spec.name,
        failures.len(),
        summary.replayed,
        failures.join("\n\n")
    );
    summary
}

/// A mismatch in words; `deliberate` names the difference-table entry the case expected.
pub fn describe(case: &Case, deliberate: Option<String>, want: &Answer, got: &Answer) -> String {
    let source = deliberate.unwrap_or_else(|| "FastAPI's recorded answer".to_owned());
    let mut out = format!(
        "case {:?}: {} {} (expected: {source})",
        case.name, case.method, case.target
    );
    if want.status != got.status {
        out += &format!("\n  status: want {} got {}", want.status, got.status);
    }
    if want.headers != got.headers {
        out += &format!(
            "\n  headers: want {:?}\n           got  {:?}",
            want.headers, got.headers
        );
    }
    if want.body != got.body {
        out += &format!(
            "\n  body: want {:?}\n        got  {:?}",
            String::from_utf8_lossy(&want.body),
            String::from_utf8_lossy(&got.body)
        );
    }
    out
}

/// Asserts a JSON answer as FastAPI sends it: `status`, then exactly `content-length` (the
/// body's) and `content-type: application/json`, in that order, and `body` byte for byte.
/// `what` names the request in a failure.
pub fn assert_json_answer(res: &brisk::testing::TestResponse, status: u16, body: &str, what: &str) {
    assert_eq!(
        (res.status().as_u16(), res.text()),
        (status, body),
        "{what}"
    );
    assert_eq!(
        res.header_pairs(),
        [
            ("content-length".to_owned(), body.len().to_string()),
            ("content-type".to_owned(), "application/json".to_owned()),
        ],
        "{what}"
    );
}
