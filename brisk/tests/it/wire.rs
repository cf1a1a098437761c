//! A raw HTTP/1.1 client over TCP on 127.0.0.1: the oracle's request bytes, bounded reads,
//! and a small response parser. No HTTP library on this side, so what is checked is exactly
//! what went over the wire.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use crate::golden::Case;

/// Longest wait for one connect, write or read.
pub const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// Largest response we accept (the biggest golden body is under 3 KiB).
const MAX_RESPONSE: usize = 1 << 20;

/// The bytes the oracle sent for `case` (tools/oracle/README.md, "Request"): request line,
/// `Host`, the case's headers in order, `Content-Length` only when there is a body,
/// `Connection: close` unless `keep_alive`, a blank line, the body.
pub fn request_bytes(case: &Case, host: &str, keep_alive: bool) -> Vec<u8> {
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {host}\r\n",
        case.method, case.target
    );
    for (name, value) in &case.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = &case.body {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    if !keep_alive {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    let mut raw = head.into_bytes();
    if let Some(body) = &case.body {
        raw.extend_from_slice(body.as_bytes());
    }
    raw
}

/// A request on its own: method and target, no headers or body.
pub fn simple_case(method: &str, target: &str) -> Case {
    Case {
        name: format!("{method} {target}"),
        method: method.to_owned(),
        target: target.to_owned(),
        headers: Vec::new(),
        body: None,
        status: 0,
        reason: String::new(),
        response_headers: Vec::new(),
        response_body: None,
        response_body_b64: None,
        note: None,
    }
}

/// Connects to `addr`, bounded by [`IO_TIMEOUT`].
pub async fn connect(addr: SocketAddr) -> TcpStream {
    timeout(IO_TIMEOUT, TcpStream::connect(addr))
        .await
        .unwrap_or_else(|_| panic!("connect to {addr} timed out"))
        .unwrap_or_else(|e| panic!("connect to {addr}: {e}"))
}

/// Longest time one whole exchange may take.
pub const EXCHANGE_DEADLINE: Duration = Duration::from_secs(10);

/// Sends `raw` on a fresh connection and reads until the server closes it (the request says
/// `Connection: close`). Every step is bounded by [`IO_TIMEOUT`], the whole exchange by
/// [`EXCHANGE_DEADLINE`].
pub async fn exchange(addr: SocketAddr, raw: &[u8]) -> Vec<u8> {
    timeout(EXCHANGE_DEADLINE, exchange_unbounded(addr, raw))
        .await
        .unwrap_or_else(|_| panic!("exchange with {addr} exceeded {EXCHANGE_DEADLINE:?}"))
}

async fn exchange_unbounded(addr: SocketAddr, raw: &[u8]) -> Vec<u8> {
    let mut stream = connect(addr).await;
    timeout(IO_TIMEOUT, stream.write_all(raw))
        .await
        .expect("write timed out")
        .expect("write failed");
    let mut data = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = timeout(IO_TIMEOUT, stream.read(&mut chunk))
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "no EOF within {IO_TIMEOUT:?} (the server kept a Connection: close connection open); got so far: {:?}",
                    String::from_utf8_lossy(&data)
                )
            })
            .expect("read failed");
        if n == 0 {
            return data;
        }
        data.extend_from_slice(&chunk[..n]);
        assert!(
            data.len() <= MAX_RESPONSE,
            "response larger than {MAX_RESPONSE} bytes"
        );
    }
}

/// A response as it came over the wire.
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub version: String,
    pub status: u16,
    /// Every header in wire order, names as sent.
    pub headers: Vec<(String, String)>,
    /// The body, with chunked framing removed if the response was chunked.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Splits a response read to EOF into status line, headers and body.
///
/// # Panics
/// If the head is incomplete or malformed.
pub fn parse_response(data: &[u8]) -> RawResponse {
    let end = find(data, b"\r\n\r\n").unwrap_or_else(|| {
        panic!(
            "incomplete response head: {:?}",
            String::from_utf8_lossy(data)
        )
    });
    let mut res = parse_head(&data[..end]);
    let rest = &data[end + 4..];
    res.body = if res
        .header("transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
    {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    res
}

fn parse_head(head: &[u8]) -> RawResponse {
    let head = std::str::from_utf8(head).expect("response head is ASCII");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default().to_owned();
    let status = parts
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .map(|line| {
            let (name, value) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("bad header line {line:?}"));
            (name.to_owned(), value.trim_matches([' ', '\t']).to_owned())
        })
        .collect();
    RawResponse {
        version,
        status,
        headers,
        body: Vec::new(),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Removes chunked framing (brisk sends in-memory bodies with `content-length`, so this runs
/// only if a body ends up streamed, which the header comparison then reports anyway).
fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = find(data, b"\r\n") else {
            return out;
        };
        let size_text = std::str::from_utf8(&data[..eol]).unwrap_or("0");
        let size_text = size_text.split(';').next().unwrap_or("0").trim();
        let size = usize::from_str_radix(size_text, 16).unwrap_or(0);
        data = &data[eol + 2..];
        if size == 0 || data.len() < size {
            return out;
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
}

/// Reads exactly one response from a keep-alive connection: the head, then `content-length`
/// bytes of body (none for a HEAD request or a 1xx/204/304 status). Bounded by
/// [`IO_TIMEOUT`] per read.
pub async fn read_one_response(stream: &mut TcpStream, head_request: bool) -> RawResponse {
    let mut data = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            break end;
        }
        let n = timeout(IO_TIMEOUT, stream.read(&mut chunk))
            .await
            .expect("response head timed out")
            .expect("read failed");
        assert!(n > 0, "connection closed before a full response head");
        data.extend_from_slice(&chunk[..n]);
        assert!(data.len() <= MAX_RESPONSE, "response head too large");
    };
    let mut res = parse_head(&data[..head_end]);
    let bodyless = head_request || matches!(res.status, 100..=199 | 204 | 304);
    let len: usize = if bodyless {
        0
    } else {
        res.header("content-length")
            .expect("a keep-alive response states its content-length")
            .parse()
            .expect("content-length is a number")
    };
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < len {
        let n = timeout(IO_TIMEOUT, stream.read(&mut chunk))
            .await
            .expect("response body timed out")
            .expect("read failed");
        assert!(n > 0, "connection closed inside the body");
        body.extend_from_slice(&chunk[..n]);
    }
    assert_eq!(
        body.len(),
        len,
        "more bytes than the response's content-length arrived: {:?}",
        String::from_utf8_lossy(&body)
    );
    res.body = body;
    res
}

/// Whether the peer has closed `stream`: a read that returns EOF (or a reset) within
/// `wait`. Data arriving instead is a test failure: nothing was asked for.
pub async fn closed_within(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut byte = [0u8; 1];
    match timeout(wait, stream.read(&mut byte)).await {
        Err(_) => false,
        Ok(Ok(0)) | Ok(Err(_)) => true,
        Ok(Ok(_)) => panic!("unexpected bytes from the server: {byte:?}"),
    }
}

#[test]
fn requests_are_written_as_the_oracle_wrote_them() {
    let mut case = simple_case("POST", "/noslash-post/");
    case.headers = vec![("content-type".into(), "application/json".into())];
    case.body = Some(r#"{"a":1}"#.into());
    assert_eq!(
        String::from_utf8(request_bytes(&case, "127.0.0.1:18103", false)).unwrap(),
        "POST /noslash-post/ HTTP/1.1\r\nHost: 127.0.0.1:18103\r\ncontent-type: application/json\r\n\
         Content-Length: 7\r\nConnection: close\r\n\r\n{\"a\":1}"
    );
    assert_eq!(
        String::from_utf8(request_bytes(&simple_case("GET", "/x"), "h", true)).unwrap(),
        "GET /x HTTP/1.1\r\nHost: h\r\n\r\n"
    );
}

#[test]
fn chunked_bodies_are_decoded() {
    let res = parse_response(
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n1;x=y\r\n!\r\n0\r\n\r\n",
    );
    assert_eq!(res.body, b"hello!");
    assert_eq!(res.status, 200);
    assert_eq!(res.version, "HTTP/1.1");
}
