//! A small HTTP/1.1 load generator that accounts for every request: each one is counted when
//! it is sent, and again when its response has arrived in full with the status expected for
//! it. Nothing is retried, so a request the server side lost shows as "unanswered".
//!
//! Standard library only, built by `nginx-rolling.sh` with `rustc -O`:
//!
//! ```sh
//! loadgen HOST:PORT SECONDS CONNECTIONS
//! ```
//!
//! Each connection is a keep-alive client sending, in turn: GET /items/{n}, PUT /items/{n},
//! POST /items, DELETE /items/{n}, HEAD /healthz, and GET /items/ (a 307 whose `location`
//! must be `http://HOST:PORT/items`: the absolute URL the client used, not the backend's).
//! Prints one line per second and a summary; exits 1 when any request failed or went
//! unanswered. Loopback only: it refuses any other address.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const IO_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Default)]
struct Stats {
    sent: u64,
    answered: u64,
    ok: u64,
    /// Answered, but not as expected: (request, what was wrong).
    wrong: Vec<(String, String)>,
    /// Sent but not answered: (request, error).
    lost: Vec<(String, String)>,
    connect_errors: u64,
    connections: u64,
    latencies_us: Vec<u32>,
}

struct Answer {
    status: u16,
    close: bool,
    location: Option<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: loadgen HOST:PORT SECONDS CONNECTIONS");
        std::process::exit(2);
    }
    let addr: SocketAddr = args[1].parse().expect("HOST:PORT");
    assert!(
        addr.ip().is_loopback(),
        "loadgen only targets loopback addresses"
    );
    let seconds: u64 = args[2].parse().expect("SECONDS");
    let connections: usize = args[3].parse().expect("CONNECTIONS");
    assert!((1..=600).contains(&seconds) && (1..=256).contains(&connections));

    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    // Answers per second since the start, for the per-second lines.
    let per_second: Arc<Vec<AtomicU64>> =
        Arc::new((0..=seconds + 15).map(|_| AtomicU64::new(0)).collect());
    let workers: Vec<_> = (0..connections)
        .map(|id| {
            let per_second = per_second.clone();
            std::thread::spawn(move || worker(id, addr, start, deadline, &per_second))
        })
        .collect();
    let mut shown = 0;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
        let now = start.elapsed().as_secs();
        while shown < now {
            println!(
                "t={:>2}s answered {:>6}/s",
                shown + 1,
                per_second[shown as usize].load(Ordering::Relaxed)
            );
            shown += 1;
        }
    }
    let mut total = Stats::default();
    for w in workers {
        let s = w.join().expect("a worker panicked");
        total.sent += s.sent;
        total.answered += s.answered;
        total.ok += s.ok;
        total.wrong.extend(s.wrong);
        total.lost.extend(s.lost);
        total.connect_errors += s.connect_errors;
        total.connections += s.connections;
        total.latencies_us.extend(s.latencies_us);
    }
    let elapsed = start.elapsed().as_secs_f64();
    total.latencies_us.sort_unstable();
    let pct = |p: f64| {
        let l = &total.latencies_us;
        if l.is_empty() {
            0.0
        } else {
            f64::from(l[((l.len() - 1) as f64 * p) as usize]) / 1000.0
        }
    };
    for (request, what) in total.wrong.iter().take(20) {
        println!("failed: {request}: {what}");
    }
    for (request, error) in total.lost.iter().take(20) {
        println!("unanswered: {request}: {error}");
    }
    println!(
        "latency ms: p50 {:.2}  p99 {:.2}  max {:.2}",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "sent={} answered={} ok={} failed={} unanswered={} connect_errors={} connections={} seconds={:.1} rps={:.0}",
        total.sent,
        total.answered,
        total.ok,
        total.wrong.len(),
        total.lost.len(),
        total.connect_errors,
        total.connections,
        elapsed,
        total.answered as f64 / elapsed
    );
    let clean = total.sent == total.answered
        && total.wrong.is_empty()
        && total.lost.is_empty()
        && total.connect_errors == 0
        && total.sent > 0;
    std::process::exit(if clean { 0 } else { 1 });
}

fn worker(
    id: usize,
    addr: SocketAddr,
    start: Instant,
    deadline: Instant,
    per_second: &[AtomicU64],
) -> Stats {
    let mut stats = Stats::default();
    let mut conn: Option<BufReader<TcpStream>> = None;
    let mut n: u64 = 0;
    while Instant::now() < deadline {
        if conn.is_none() {
            match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
                Ok(s) => {
                    s.set_nodelay(true).ok();
                    s.set_read_timeout(Some(IO_TIMEOUT)).ok();
                    s.set_write_timeout(Some(IO_TIMEOUT)).ok();
                    stats.connections += 1;
                    conn = Some(BufReader::new(s));
                }
                Err(_) => {
                    stats.connect_errors += 1;
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
            }
        }
        let stream = conn.as_mut().expect("connected");
        // Item ids are spread over the connections so that PUT, GET and DELETE of one id
        // come from one connection, in order.
        let item = (id as u64) * 1_000_000 + n / 6;
        let (method, target, expected): (&str, String, &[u16]) = match n % 6 {
            0 => ("PUT", format!("/items/{item}?name=n{item}"), &[200, 201]),
            1 => ("GET", format!("/items/{item}"), &[200]),
            2 => ("POST", format!("/items?name=n{item}"), &[201]),
            3 => ("DELETE", format!("/items/{item}"), &[204]),
            4 => ("HEAD", "/healthz".to_owned(), &[200]),
            _ => ("GET", format!("/items/?n={item}"), &[307]),
        };
        n += 1;
        let request = format!(
            "{method} {target} HTTP/1.1\r\nhost: {addr}\r\nuser-agent: brisk-loadgen\r\ncontent-length: 0\r\n\r\n"
        );
        let label = format!("{method} {target}");
        let began = Instant::now();
        if let Err(e) = stream.get_mut().write_all(request.as_bytes()) {
            stats.sent += 1;
            stats.lost.push((label, format!("write: {e}")));
            conn = None;
            continue;
        }
        stats.sent += 1;
        match read_answer(stream, method == "HEAD") {
            Ok(answer) => {
                stats.answered += 1;
                let latency = began.elapsed();
                stats
                    .latencies_us
                    .push(u32::try_from(latency.as_micros()).unwrap_or(u32::MAX));
                let second = start.elapsed().as_secs() as usize;
                if let Some(slot) = per_second.get(second) {
                    slot.fetch_add(1, Ordering::Relaxed);
                }
                let want = format!("http://{addr}/items?n={item}");
                if !expected.contains(&answer.status) {
                    stats
                        .wrong
                        .push((label, format!("status {}", answer.status)));
                } else if answer.status == 307 && answer.location.as_deref() != Some(&want) {
                    let got = answer.location.unwrap_or_default();
                    stats
                        .wrong
                        .push((label, format!("location {got:?}, expected {want:?}")));
                } else {
                    stats.ok += 1;
                }
                if answer.close {
                    conn = None;
                }
            }
            Err(e) => {
                stats.lost.push((label, e));
                conn = None;
            }
        }
    }
    stats
}

/// Reads one response: status line, headers, and the body (by `content-length`, or
/// chunked).
fn read_answer(stream: &mut BufReader<TcpStream>, head_request: bool) -> Result<Answer, String> {
    let mut line = String::new();
    let read_line = |stream: &mut BufReader<TcpStream>, line: &mut String| {
        line.clear();
        match stream.read_line(line) {
            Ok(0) => Err("connection closed before the answer".to_owned()),
            Ok(_) => Ok(()),
            Err(e) => Err(format!("read: {e}")),
        }
    };
    read_line(stream, &mut line)?;
    let status: u16 = line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {line:?}"))?;
    let mut length: Option<usize> = None;
    let mut chunked = false;
    let mut close = false;
    let mut location = None;
    loop {
        read_line(stream, &mut line)?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header
            .split_once(':')
            .ok_or_else(|| format!("bad header {header:?}"))?;
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.parse().ok(),
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "connection" => close = value.eq_ignore_ascii_case("close"),
            "location" => location = Some(value.to_owned()),
            _ => {}
        }
    }
    let no_body = head_request || status == 204 || status == 304 || (100..200).contains(&status);
    if !no_body {
        if chunked {
            loop {
                read_line(stream, &mut line)?;
                let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                    .map_err(|_| format!("bad chunk size {line:?}"))?;
                let mut chunk = vec![0; size + 2];
                stream
                    .read_exact(&mut chunk)
                    .map_err(|e| format!("body: {e}"))?;
                if size == 0 {
                    break;
                }
            }
        } else if let Some(length) = length {
            let mut body = vec![0; length];
            stream
                .read_exact(&mut body)
                .map_err(|e| format!("body: {e}"))?;
        } else {
            return Err("a response without a length".to_owned());
        }
    }
    Ok(Answer {
        status,
        close,
        location,
    })
}
