//! `App::run` and `App::run_with` as a deployed program uses them: in a child process (this
//! test binary again), configured by its environment, over a real socket on 127.0.0.1, and
//! stopped by SIGINT. Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use brisk::{json, App, ServeConfig, Value};

/// Set in the child: which of `run` / `run_with` it calls.
const CHILD_ENV: &str = "BRISK_RUN_ENV_TEST_CHILD";

#[brisk::get("/items")]
async fn list_items() -> Value {
    json!([])
}

#[brisk::post("/echo")]
async fn echo(body: brisk::Json<Value>) -> Value {
    body.0
}

/// The program: runs only in the child process, and prints what `run` returned.
#[test]
fn child_program() {
    let Some(mode) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let app = App::new().routes(brisk::routes![list_items, echo]);
    let result = runtime.block_on(async {
        match mode.to_str() {
            Some("run") => app.run().await,
            _ => {
                let config = ServeConfig::default().body_limit(Some(4));
                app.run_with(config).await
            }
        }
    });
    match result {
        Ok(()) => println!("RUN_RETURNED=ok"),
        Err(error) => println!("RUN_RETURNED={:?}: {error}", error.kind()),
    }
    std::io::stdout().flush().unwrap();
}

/// The child process and the lines it prints.
struct Program {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Program {
    fn start(mode: &str, env: &[(&str, &str)]) -> Program {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args([
                "child_program",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, mode)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        // Only what the test sets: an operator's BRISK_* must not leak into the child.
        for (name, _) in std::env::vars() {
            if name.starts_with("BRISK_") && name != CHILD_ENV || name == "HOST" || name == "PORT" {
                command.env_remove(name);
            }
        }
        command.envs(env.iter().copied());
        let mut child = command.spawn().expect("spawn the program");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Program { child, lines }
    }

    /// What `run` returned, as the child printed it (libtest may print the test's name on
    /// the same line).
    fn returned(&self, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .expect("the program did not return in time");
            if let Some((_, value)) = line.split_once("RUN_RETURNED=") {
                return value.to_owned();
            }
        }
    }

    fn interrupt(&self) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 exchange (`connection: close`), retried while the server is not up yet.
/// Returns the answer with `date`'s value masked.
fn exchange(addr: SocketAddr, request: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut stream = loop {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(1)) {
            Ok(stream) => break stream,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Err(error) => panic!("the program never listened on {addr}: {error}"),
        }
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    raw.split("\r\n")
        .map(|line| match line.starts_with("date: ") {
            true => "date: *",
            false => line,
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// `POST /echo` with `body`.
fn post_echo(body: &str) -> String {
    format!(
        "POST /echo HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

const ITEMS: &str = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: application/json\r\n\
                     connection: close\r\ndate: *\r\n\r\n[]";

/// The 413 for a body over `limit` bytes.
fn too_large(limit: usize) -> String {
    let body = format!(r#"{{"detail":"Request body too large: the limit is {limit} bytes"}}"#);
    format!(
        "HTTP/1.1 413 Payload Too Large\r\ncontent-length: {}\r\ncontent-type: application/json\r\n\
         connection: close\r\ndate: *\r\n\r\n{body}",
        body.len()
    )
}

/// `run` binds `HOST`:`PORT`, serves with the `BRISK_*` settings, and returns `Ok` on
/// SIGINT.
#[test]
fn run_binds_host_and_port_and_reads_brisk_variables() {
    let port = free_port();
    let program = Program::start(
        "run",
        &[
            ("HOST", "127.0.0.1"),
            ("PORT", &port.to_string()),
            ("BRISK_BODY_LIMIT", "8"),
        ],
    );
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    assert_eq!(
        exchange(
            addr,
            "GET /items HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"
        ),
        ITEMS
    );
    assert_eq!(exchange(addr, &post_echo("[1,2,3,4]")), too_large(8));
    assert_eq!(
        exchange(addr, &post_echo("[1,2,3]")),
        "HTTP/1.1 200 OK\r\ncontent-length: 7\r\ncontent-type: application/json\r\n\
         connection: close\r\ndate: *\r\n\r\n[1,2,3]"
    );
    program.interrupt();
    assert_eq!(program.returned(Duration::from_secs(10)), "ok");
}

/// A `BRISK_*`, `HOST` or `PORT` value that does not parse stops the start-up with an
/// error naming it, instead of serving with a default nobody asked for.
#[test]
fn a_bad_variable_stops_run_with_an_error_naming_it() {
    let port = free_port().to_string();
    let cases = [
        (
            ("BRISK_BODY_LIMIT", "2 gigs"),
            r#"InvalidInput: invalid BRISK_BODY_LIMIT="2 gigs": expected a size in bytes like 1048576, 512KiB, 2MiB or 1MB"#,
        ),
        (
            ("BRISK_IDLE_TIMEOUT", "soon"),
            r#"InvalidInput: invalid BRISK_IDLE_TIMEOUT="soon": expected a duration like 30s, 500ms, 2m or 1.5s (a bare number is seconds), or off"#,
        ),
    ];
    for ((name, value), want) in cases {
        let program = Program::start("run", &[("PORT", &port), (name, value)]);
        assert_eq!(program.returned(Duration::from_secs(20)), want);
    }
    let program = Program::start("run", &[("PORT", "80000")]);
    assert_eq!(
        program.returned(Duration::from_secs(20)),
        r#"InvalidInput: invalid PORT="80000": expected a port number from 0 to 65535"#
    );
}

/// `run_with` uses its config as given: `BRISK_*` is not read (a bad value is no error), but
/// `PORT` still is.
#[test]
fn run_with_ignores_brisk_variables_but_not_port() {
    let port = free_port();
    let program = Program::start(
        "run_with",
        &[("PORT", &port.to_string()), ("BRISK_BODY_LIMIT", "2 gigs")],
    );
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    assert_eq!(exchange(addr, &post_echo("[1,2]")), too_large(4));
    program.interrupt();
    assert_eq!(program.returned(Duration::from_secs(10)), "ok");
}
