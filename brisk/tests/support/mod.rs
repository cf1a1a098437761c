//! Helpers shared by the integration test files (each is its own crate: `mod support;`).

use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// Reads one answer (head and `content-length` body) from a keep-alive connection and
/// returns it exactly as sent, but for the `date` header's value (`*`).
pub async fn read_answer(stream: &mut TcpStream) -> String {
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut byte))
            .await
            .expect("an answer in time")
            .expect("an answer, not a reset");
        assert!(n == 1, "the connection closed before the answer");
        raw.push(byte[0]);
    }
    let head = String::from_utf8(raw).unwrap();
    let len: usize = head
        .split("\r\n")
        .find_map(|line| line.strip_prefix("content-length: "))
        .expect("a content-length")
        .parse()
        .unwrap();
    let mut body = vec![0; len];
    tokio::time::timeout(Duration::from_secs(5), stream.read_exact(&mut body))
        .await
        .expect("a body in time")
        .unwrap();
    let head: Vec<&str> = head
        .split("\r\n")
        .map(|line| match line.starts_with("date: ") {
            true => "date: *",
            false => line,
        })
        .collect();
    head.join("\r\n") + std::str::from_utf8(&body).unwrap()
}
