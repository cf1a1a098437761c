//! Latency at a fixed rate, open loop: the p99 that does not depend on the load generator.
//!
//! wrk is a closed loop: each connection sends its next request when the last answer is in,
//! as fast as it can. On a 2-core machine its one core saturates before the server's does,
//! so wrk's p99 measures in what order a busy wrk gets to the answers as much as the
//! server (and a slow answer delays the requests behind it instead of being counted against
//! them: "coordinated omission"). Here requests are due on a fixed schedule (`rate` a
//! second, evenly spaced), whatever the server does; a due request goes out on the first
//! idle keep-alive connection, and its latency runs from when it was *due* to the last byte
//! of its answer, so a server that falls behind is charged for every request that waited.
//! At a rate well under what the server sustains, this is the latency a user of the server
//! would see. The loop spins on its own core (epoll with a zero timeout): its clock is as
//! good as `Instant`, not the timer wheel's milliseconds.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct OpenResult {
    /// Requests that fell due in the measured time.
    pub due: u64,
    /// The latency of each of those answered before the run ended (its count, quantiles,
    /// and the pooled figures of several runs).
    pub histogram: Histogram,
    /// Times the load generator itself stopped for more than 200 µs in the measured time
    /// (between two turns of its loop: preempted by the kernel or the hypervisor), and the
    /// longest stop (µs): latency it adds is the machine's, not the server's.
    pub client_stalls: u64,
    pub client_stall_max_us: f64,
}

/// Latencies in microseconds: 1 µs buckets below 1 ms, 10 µs buckets up to 100 ms, then one
/// bucket for everything slower (reported as 100 ms).
#[derive(Debug, Clone)]
pub struct Histogram(Vec<u64>);

const FINE: u64 = 1_000;
const COARSE: u64 = 10;
const LAST: usize = (FINE + (100_000 - FINE) / COARSE) as usize;

impl Default for Histogram {
    fn default() -> Self {
        Histogram(vec![0; LAST + 1])
    }
}

impl Histogram {
    pub fn record(&mut self, us: u64) {
        let i = if us < FINE {
            us as usize
        } else {
            ((FINE + (us - FINE) / COARSE) as usize).min(LAST)
        };
        self.0[i] += 1;
    }

    pub fn add(&mut self, other: &Histogram) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a += b;
        }
    }

    pub fn count(&self) -> u64 {
        self.0.iter().sum()
    }

    /// The latency (µs, the bucket's lower edge) below which a share `q` of the requests fell.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let want = ((n as f64 * q).ceil() as u64).clamp(1, n);
        let mut seen = 0;
        for (i, c) in self.0.iter().enumerate() {
            seen += c;
            if seen >= want {
                let i = i as u64;
                return Some(if i < FINE {
                    i
                } else {
                    FINE + (i - FINE) * COARSE
                } as f64);
            }
        }
        None
    }
}

/// One keep-alive connection and the answer it is reading.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    /// When the request in flight was due (`None`: idle).
    due: Option<Instant>,
    /// Whether that request falls in the measured time (not the warm-up).
    measured: bool,
}

/// Sends `requests` in turn (a cycle) at `rate` a second over `connections` keep-alive
/// connections to 127.0.0.1:`port`: `warmup` unmeasured, then `duration` measured; waits up
/// to 2 s for the answers still out. An answer is its head and `content-length` bytes
/// (none on 204 and 304).
pub fn run(
    port: u16,
    requests: &[Vec<u8>],
    rate: f64,
    connections: usize,
    warmup: Duration,
    duration: Duration,
) -> io::Result<OpenResult> {
    let epoll = Epoll::new()?;
    let mut conns = Vec::with_capacity(connections);
    for i in 0..connections {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_nodelay(true)?;
        stream.set_nonblocking(true)?;
        epoll.add(stream.as_raw_fd(), i as u64)?;
        conns.push(Conn {
            stream,
            buf: Vec::with_capacity(1024),
            due: None,
            measured: false,
        });
    }
    let mut idle: Vec<usize> = (0..connections).rev().collect();
    let mut waiting: VecDeque<(Instant, bool)> = VecDeque::new();
    let interval = Duration::from_secs_f64(1.0 / rate);
    let start = Instant::now();
    let measure_from = start + warmup;
    let stop_sending = measure_from + duration;
    let give_up = stop_sending + Duration::from_secs(2);
    let mut next_due = start;
    let mut next_request = 0usize;
    let mut histogram = Histogram::default();
    let mut due_measured = 0u64;
    let mut events = [libc::epoll_event { events: 0, u64: 0 }; 64];
    let mut chunk = [0u8; 4096];
    let (mut last_turn, mut stalls, mut stall_max) = (start, 0u64, Duration::ZERO);
    loop {
        let now = Instant::now();
        let gap = now - last_turn;
        last_turn = now;
        if gap > Duration::from_micros(200) && now > measure_from && now < stop_sending {
            stalls += 1;
            stall_max = stall_max.max(gap);
        }
        while next_due <= now && next_due < stop_sending {
            let measured = next_due >= measure_from;
            due_measured += u64::from(measured);
            waiting.push_back((next_due, measured));
            next_due += interval;
        }
        while !waiting.is_empty() && !idle.is_empty() {
            let (due, measured) = waiting.pop_front().unwrap();
            let c = &mut conns[idle.pop().unwrap()];
            let request = &requests[next_request % requests.len()];
            next_request += 1;
            // A small request on an idle connection fits the socket buffer: one write.
            let n = c.stream.write(request)?;
            if n != request.len() {
                return Err(io::Error::other("a request did not go out in one write"));
            }
            c.due = Some(due);
            c.measured = measured;
        }
        let in_flight = connections - idle.len();
        if now >= stop_sending && waiting.is_empty() && in_flight == 0 {
            break;
        }
        if now >= give_up {
            break;
        }
        let ready = epoll.wait(&mut events)?;
        for ev in &events[..ready] {
            let i = ev.u64 as usize;
            let c = &mut conns[i];
            loop {
                match c.stream.read(&mut chunk) {
                    Ok(0) => return Err(io::Error::other("the server closed a connection")),
                    Ok(n) => c.buf.extend_from_slice(&chunk[..n]),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) => return Err(e),
                }
            }
            if let Some(len) = answer_len(&c.buf)? {
                if c.buf.len() > len {
                    return Err(io::Error::other("bytes after an answer nobody asked for"));
                }
                if let Some(due) = c.due.take() {
                    if c.measured {
                        histogram.record(Instant::now().duration_since(due).as_micros() as u64);
                    }
                    c.buf.clear();
                    idle.push(i);
                } else {
                    return Err(io::Error::other("an answer to no request"));
                }
            }
        }
    }
    Ok(OpenResult {
        due: due_measured,
        histogram,
        client_stalls: stalls,
        client_stall_max_us: stall_max.as_secs_f64() * 1e6,
    })
}

/// The length of the whole answer at the front of `buf` once its head is in (`None` before).
fn answer_len(buf: &[u8]) -> io::Result<Option<usize>> {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = std::str::from_utf8(&buf[..end]).map_err(|_| io::Error::other("head not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap_or_default();
    let bodiless = status.starts_with("HTTP/1.1 204") || status.starts_with("HTTP/1.1 304");
    let mut length = 0;
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value
                    .trim()
                    .parse()
                    .map_err(|_| io::Error::other("bad content-length"))?;
            }
        }
    }
    let total = end + 4 + if bodiless { 0 } else { length };
    Ok((buf.len() >= total).then_some(total))
}

/// Level-triggered epoll, polled without waiting.
struct Epoll(i32);

impl Epoll {
    fn new() -> io::Result<Epoll> {
        // SAFETY: epoll_create1 has no memory-safety preconditions.
        let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Epoll(fd))
    }

    fn add(&self, fd: i32, key: u64) -> io::Result<()> {
        let mut ev = libc::epoll_event {
            events: libc::EPOLLIN as u32,
            u64: key,
        };
        // SAFETY: `ev` is a valid epoll_event for the call's duration.
        if unsafe { libc::epoll_ctl(self.0, libc::EPOLL_CTL_ADD, fd, &mut ev) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// The ready events, now (a zero timeout: the caller spins).
    fn wait(&self, events: &mut [libc::epoll_event]) -> io::Result<usize> {
        // SAFETY: the kernel writes at most `events.len()` entries into `events`.
        let n = unsafe { libc::epoll_wait(self.0, events.as_mut_ptr(), events.len() as i32, 0) };
        if n < 0 {
            let e = io::Error::last_os_error();
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok(0)
            } else {
                Err(e)
            };
        }
        Ok(n as usize)
    }
}

impl Drop for Epoll {
    fn drop(&mut self) {
        // SAFETY: the fd is ours and closed once.
        unsafe {
            libc::close(self.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_lengths() {
        let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nabc";
        assert_eq!(answer_len(ok).unwrap(), Some(ok.len()));
        assert_eq!(answer_len(&ok[..ok.len() - 1]).unwrap(), None);
        assert_eq!(answer_len(b"HTTP/1.1 200 OK\r\ncontent-le").unwrap(), None);
        let none = b"HTTP/1.1 204 No Content\r\ndate: x\r\n\r\n";
        assert_eq!(answer_len(none).unwrap(), Some(none.len()));
        let caps = b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nlocation: /items/2\r\n\r\n";
        assert_eq!(answer_len(caps).unwrap(), Some(caps.len()));
        assert!(answer_len(b"HTTP/1.1 200 OK\r\ncontent-length: x\r\n\r\n").is_err());
    }

    #[test]
    fn histogram_quantiles() {
        let mut h = Histogram::default();
        for us in 1..=98 {
            h.record(us);
        }
        h.record(5_004);
        h.record(1_000_000);
        assert_eq!(h.count(), 100);
        assert_eq!(h.quantile(0.5), Some(50.0));
        assert_eq!(h.quantile(0.98), Some(98.0));
        assert_eq!(h.quantile(0.99), Some(5_000.0));
        assert_eq!(h.quantile(1.0), Some(100_000.0));
        let mut twice = h.clone();
        twice.add(&h);
        assert_eq!(twice.count(), 200);
        assert_eq!(twice.quantile(0.99), Some(5_000.0));
        assert_eq!(Histogram::default().quantile(0.5), None);
    }

    #[test]
    fn times_a_local_server_on_schedule() {
        // A server that answers every request at once: 200 requests at 2000 a second on two
        // connections take 0.1 s, and every one is answered well inside a second.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(2) {
                let mut s = stream.unwrap();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 1024];
                    let mut pending = Vec::new();
                    while let Ok(n) = s.read(&mut buf) {
                        if n == 0 {
                            break;
                        }
                        pending.extend_from_slice(&buf[..n]);
                        while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                            pending.drain(..end + 4);
                            s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
                                .unwrap();
                        }
                    }
                });
            }
        });
        let req = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec();
        let t = Instant::now();
        let r = run(
            port,
            &[req],
            2000.0,
            2,
            Duration::from_millis(20),
            Duration::from_millis(100),
        )
        .unwrap();
        assert!(t.elapsed() < Duration::from_secs(1));
        assert_eq!(r.due, 200);
        assert_eq!(r.histogram.count(), 200);
        let q = |q| r.histogram.quantile(q).unwrap();
        assert!(q(0.5) > 0.0 && q(0.5) <= q(0.99) && q(0.99) <= q(1.0));
        assert!(q(1.0) < 100_000.0, "{:?}", (q(0.5), q(0.99), q(1.0)));
    }
}
