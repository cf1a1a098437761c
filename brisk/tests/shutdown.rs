//! Graceful shutdown, end to end: a real server process gets SIGTERM (or SIGINT) while
//! requests are in flight, and every request it had received is answered before it exits 0
//! within its grace period.
//!
//! The server process is this test binary itself, run again with `BRISK_SHUTDOWN_CHILD` set
//! so that only [`child_server`] runs: it serves the app below through
//! [`App::run_with`]-like settings and `brisk::shutdown_signal()`, and prints its port.
//! Signals are sent with the `kill` command. Loopback only; every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use brisk::{json, App, ServeConfig, Value};

const CHILD_ENV: &str = "BRISK_SHUTDOWN_CHILD";
const GRACE_ENV: &str = "BRISK_SHUTDOWN_GRACE_MS";

static STARTED: AtomicUsize = AtomicUsize::new(0);

#[brisk::get("/slow/{n}")]
async fn slow(n: u64, ms: u64) -> Value {
    STARTED.fetch_add(1, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    json!({ "n": n })
}

#[brisk::get("/never")]
async fn never() -> Value {
    STARTED.fetch_add(1, Ordering::SeqCst);
    std::future::pending::<()>().await;
    json!({})
}

#[brisk::get("/started")]
async fn started() -> Value {
    json!({ "started": STARTED.load(Ordering::SeqCst) })
}

/// The server side: runs only in the child process.
#[test]
fn child_server() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let grace = std::env::var(GRACE_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_secs(5), Duration::from_millis);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("BRISK_PORT={}", listener.local_addr().unwrap().port());
        std::io::stdout().flush().unwrap();
        let app = App::new().routes(brisk::routes![slow, never, started]);
        let config = ServeConfig::default().grace_period(grace);
        brisk::serve_with(listener, app, brisk::shutdown_signal(), config)
            .await
            .unwrap();
    });
    println!("BRISK_EXITED");
}

struct ChildServer {
    child: Child,
    addr: SocketAddr,
}

impl ChildServer {
    fn start(grace: Duration) -> ChildServer {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["child_server", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, "1")
            .env(GRACE_ENV, grace.as_millis().to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the server process");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // libtest may print the test's name on the same line.
                if let Some((_, port)) = line.split_once("BRISK_PORT=") {
                    let digits: String = port.chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(digits.parse::<u16>().unwrap());
                }
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the server process did not report its port");
        ChildServer {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        }
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits (bounded) for the process to exit.
    fn wait(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect_timeout(&self.addr, Duration::from_secs(3)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
        s.set_nodelay(true).unwrap();
        s
    }

    /// How many handlers have started, asked on a fresh connection.
    fn started(&self) -> usize {
        let mut s = self.connect();
        s.write_all(b"GET /started HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            .unwrap();
        let text = read_all(&mut s);
        let body = &text[text.find("\r\n\r\n").unwrap() + 4..];
        serde_json::from_str::<Value>(body).unwrap()["started"]
            .as_u64()
            .unwrap() as usize
    }

    fn wait_started(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.started() < n {
            assert!(Instant::now() < deadline, "the handlers did not start");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads until the server closes the connection (bounded by the socket's read timeout).
fn read_all(s: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn statuses_and_bodies(text: &str) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(end) = rest.find("\r\n\r\n") {
        let head = &rest[..end];
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let len = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse::<usize>().unwrap())
            })
            .unwrap_or(0);
        let body = &rest[end + 4..];
        let len = len.min(body.len());
        out.push((status, body[..len].to_owned()));
        rest = &body[len..];
    }
    out
}

#[test]
fn sigterm_answers_every_request_in_flight_and_exits_0() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let grace = Duration::from_secs(5);
    let mut server = ChildServer::start(grace);

    // An idle keep-alive connection, which shutdown must close without waiting for it.
    let mut idle = server.connect();
    idle.write_all(b"GET /started HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    let mut buf = [0u8; 1024];
    assert!(idle.read(&mut buf).unwrap() > 0);

    // Six slow requests on their own connections, and three pipelined on one more.
    let mut singles: Vec<TcpStream> = (0..6)
        .map(|i| {
            let mut s = server.connect();
            s.write_all(format!("GET /slow/{i}?ms=800 HTTP/1.1\r\nHost: t\r\n\r\n").as_bytes())
                .unwrap();
            s
        })
        .collect();
    let mut pipelined = server.connect();
    let mut burst = String::new();
    for i in 10..13 {
        burst.push_str(&format!("GET /slow/{i}?ms=200 HTTP/1.1\r\nHost: t\r\n\r\n"));
    }
    pipelined.write_all(burst.as_bytes()).unwrap();
    server.wait_started(7);

    let signalled = Instant::now();
    server.signal("TERM");

    for (i, s) in singles.iter_mut().enumerate() {
        let answers = statuses_and_bodies(&read_all(s));
        assert_eq!(
            answers,
            vec![(200, format!(r#"{{"n":{i}}}"#))],
            "slow request {i} was not answered"
        );
    }
    let answers = statuses_and_bodies(&read_all(&mut pipelined));
    assert_eq!(
        answers,
        (10..13)
            .map(|i| (200, format!(r#"{{"n":{i}}}"#)))
            .collect::<Vec<_>>(),
        "pipelined requests"
    );
    // The idle connection was closed, not left hanging.
    assert_eq!(idle.read(&mut buf).unwrap_or(0), 0);

    let status = server
        .wait(grace + Duration::from_secs(2))
        .expect("the server did not exit within the grace period");
    assert!(status.success(), "exit status {status}");
    assert!(
        signalled.elapsed() < grace,
        "exit took {:?}, past the grace period",
        signalled.elapsed()
    );
    // And nobody is listening any more.
    assert!(TcpStream::connect_timeout(&server.addr, Duration::from_secs(1)).is_err());
}

#[test]
fn a_handler_that_never_finishes_does_not_block_exit_past_the_grace_period() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let grace = Duration::from_millis(800);
    let mut server = ChildServer::start(grace);
    let mut stuck = server.connect();
    stuck
        .write_all(b"GET /never HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    let mut quick = server.connect();
    quick
        .write_all(b"GET /slow/1?ms=100 HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    server.wait_started(2);
    let signalled = Instant::now();
    server.signal("TERM");
    assert_eq!(
        statuses_and_bodies(&read_all(&mut quick)),
        vec![(200, r#"{"n":1}"#.to_owned())]
    );
    let status = server
        .wait(Duration::from_secs(5))
        .expect("the server did not exit");
    let took = signalled.elapsed();
    assert!(status.success(), "exit status {status}");
    assert!(took >= grace, "exited before the grace period: {took:?}");
    assert!(
        took < grace + Duration::from_millis(1500),
        "exit took {took:?}"
    );
    // The stuck request got no answer, and its connection was closed.
    assert_eq!(read_all(&mut stuck), "");
}

#[test]
fn sigint_on_an_idle_server_exits_0_at_once() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let mut server = ChildServer::start(Duration::from_secs(5));
    assert_eq!(server.started(), 0);
    let signalled = Instant::now();
    server.signal("INT");
    let status = server
        .wait(Duration::from_secs(5))
        .expect("the server did not exit");
    assert!(status.success(), "exit status {status}");
    assert!(signalled.elapsed() < Duration::from_secs(1));
}
