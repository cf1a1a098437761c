//! The HTTP/1 gatekeeper: a strict reader that sits between the socket and hyper.
//!
//! hyper's HTTP/1 parser is lenient where RFC 9112 lets a recipient be lenient (a bare LF
//! ends a line; a request with both `Content-Length` and `Transfer-Encoding` is read as
//! chunked and the connection closed afterwards), and answers the heads it refuses with an
//! empty body. The guard reads every request head before hyper does, holds it back until it
//! is complete, and checks it strictly: a bad head never reaches hyper. In its place hyper
//! is handed a tiny well-formed request (`connection: close`) that the connection service
//! answers with the refusal — a JSON `detail` naming the limit — in order after the answers
//! to the requests before it, and the connection closes.
//!
//! Most heads take a short way: a head made only of what nearly every client sends is
//! checked in one pass ([`common_head`]), and between requests it is read straight into
//! hyper's buffer and checked where it landed; only the bytes checked count as read, so a
//! head that is not accepted this way is taken back before hyper can see it and goes
//! through the full check ([`scan_head`], [`check_head`]), which names the problem.
//!
//! The guard follows message framing (a `Content-Length` body, or chunked framing down to
//! the trailers) so it always knows where the next head starts. Anything in a body it cannot
//! follow strictly ends the stream: hyper sees the body cut short, the handler's body read
//! fails with a 400, the connection closes, and nothing after it is ever parsed.
//!
//! An HTTP/2 prior-knowledge preface at the very start switches the guard to pass-through.
//!
//! The guard also times the first request's arrival and every head: a head that is not
//! complete within the header-read timeout is refused with 408 (or, if not one byte of it
//! came, the connection is closed quietly).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::{Buf, BytesMut};
use http::StatusCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

use super::conn::{ConnShared, Reject};
use super::limits::Limits;

const H2_PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// What hyper is handed in place of a refused head. It parses cleanly and carries no body;
/// the connection service recognises it by its position, not its content.
const SYNTHETIC_HEAD: &[u8] = b"GET / HTTP/1.1\r\nhost: brisk\r\nconnection: close\r\n\r\n";

/// How much the guard reads from the socket at a time.
const READ_CHUNK: usize = 8 * 1024;

/// Longest chunk-size line (size, extensions, CRLF) the guard follows.
const MAX_CHUNK_LINE: usize = 4 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chunk {
    /// Reading a chunk-size line.
    Size,
    /// Inside chunk data: this many bytes left.
    Data(u64),
    /// The CRLF after chunk data.
    DataEnd,
    /// Trailer lines after the last chunk; the count is the trailer bytes so far.
    Trailers(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing read yet: HTTP/1 head or HTTP/2 preface.
    Start,
    /// Reading a request head.
    Head,
    /// Inside a `Content-Length` body: this many bytes left.
    Body(u64),
    /// Inside a chunked body.
    Chunked(Chunk),
    /// HTTP/2: everything passes through.
    Passthrough,
    /// A head was refused: after the stand-in head nothing more is read.
    Rejected,
    /// The framing could not be followed: hyper sees the end of the stream.
    Ended,
}

impl State {
    /// Inside a `Content-Length` body with `left` bytes to go: the next head once none is.
    fn body(left: u64) -> State {
        if left == 0 {
            State::Head
        } else {
            State::Body(left)
        }
    }
}

/// A socket behind the gatekeeper.
pub(crate) struct Guard<IO> {
    io: IO,
    /// Bytes read from the socket; the first `ready` of them are checked and wait for hyper.
    /// Handing them over advances the buffer in place: splitting it per request would turn
    /// it into a shared buffer and allocate twice a request.
    inbuf: BytesMut,
    ready: usize,
    /// The ready bytes end with a complete head: count it as released once hyper has it all.
    out_is_head: bool,
    state: State,
    /// Whether the socket has reached end of stream.
    eof: bool,
    /// When the first byte of the head being read arrived.
    head_started: Option<Instant>,
    accepted: Instant,
    timer: Option<Pin<Box<Sleep>>>,
    limits: Arc<Limits>,
    shared: Arc<ConnShared>,
}

impl<IO> Guard<IO> {
    pub(crate) fn new(io: IO, limits: Arc<Limits>, shared: Arc<ConnShared>) -> Self {
        Guard {
            io,
            inbuf: BytesMut::new(),
            ready: 0,
            out_is_head: false,
            state: State::Start,
            eof: false,
            head_started: None,
            accepted: Instant::now(),
            timer: None,
            limits,
            shared,
        }
    }

    /// Turns the bytes read so far into checked output, as far as they go.
    fn process(&mut self) {
        loop {
            if self.ready > 0 {
                return;
            }
            let progressed = match self.state {
                State::Start => self.process_start(),
                State::Head => self.process_head(),
                State::Body(left) => {
                    let n = usize::try_from(left)
                        .unwrap_or(usize::MAX)
                        .min(self.inbuf.len());
                    if n > 0 {
                        self.ready = n;
                        self.state = State::body(left - n as u64);
                    }
                    n > 0
                }
                State::Chunked(chunk) => self.process_chunked(chunk),
                State::Passthrough => {
                    self.ready = self.inbuf.len();
                    false
                }
                State::Rejected | State::Ended => {
                    self.inbuf.clear();
                    false
                }
            };
            if !progressed {
                return;
            }
        }
    }

    fn process_start(&mut self) -> bool {
        let n = self.inbuf.len().min(H2_PREFACE.len());
        if n == 0 {
            return false;
        }
        // Without HTTP/2 the preface is a request line like any other (answered 505).
        if !cfg!(feature = "http2") {
            self.state = State::Head;
            return true;
        }
        if self.inbuf[..n] != H2_PREFACE[..n] {
            self.state = State::Head;
            return true;
        }
        if n == H2_PREFACE.len() {
            self.state = State::Passthrough;
            self.shared.set_h2();
            return true;
        }
        false
    }

    fn process_head(&mut self) -> bool {
        // Empty lines before a request line are ignored (RFC 9112 §2.2).
        while self.inbuf.starts_with(b"\r\n") {
            self.inbuf.advance(2);
        }
        if self.inbuf.is_empty() {
            self.head_started = None;
            return false;
        }
        // `head_started` is stamped only when the guard has to wait for the rest of a head
        // (see `poll_read`): a head that arrives whole costs no clock read.
        let limits = &*self.limits;
        if let Some((end, framing)) = common_head(&self.inbuf, limits) {
            self.release_head(end, framing);
            return true;
        }
        let (end, line_end) = match scan_head(&self.inbuf) {
            Ok(found) => found,
            Err(()) => {
                self.reject(Reject::bad_request(
                    "Invalid HTTP request: every line must end with CRLF",
                ));
                return true;
            }
        };
        let line_len = line_end.unwrap_or(self.inbuf.len());
        if line_len > limits.max_request_line() {
            self.reject(Reject::uri_too_long(limits.max_uri_length));
            return true;
        }
        let Some(end) = end else {
            if self.inbuf.len() > limits.max_head_size {
                self.reject(Reject::head_too_large(limits.max_head_size));
            } else if self.eof {
                // The client gave up halfway through a head: nothing to answer.
                self.state = State::Ended;
                self.inbuf.clear();
                return true;
            }
            return false;
        };
        if end > limits.max_head_size {
            self.reject(Reject::head_too_large(limits.max_head_size));
            return true;
        }
        match check_head(&self.inbuf[..end], limits) {
            Ok(framing) => self.release_head(end, framing),
            Err(reject) => self.reject(reject),
        }
        true
    }

    /// The first `end` bytes are a checked head: they go to hyper, then its body.
    fn release_head(&mut self, end: usize, framing: Framing) {
        self.ready = end;
        self.out_is_head = true;
        self.head_started = None;
        self.state = match framing {
            Framing::Empty => State::Head,
            Framing::Length(n) => State::Body(n),
            Framing::Chunked => State::Chunked(Chunk::Size),
        };
    }

    fn process_chunked(&mut self, chunk: Chunk) -> bool {
        match chunk {
            Chunk::Size => {
                let Some(line) = find_crlf(&self.inbuf, MAX_CHUNK_LINE) else {
                    if self.inbuf.len() >= MAX_CHUNK_LINE || has_bare_lf(&self.inbuf) {
                        self.end();
                        return true;
                    }
                    return false;
                };
                match parse_chunk_size(&self.inbuf[..line]) {
                    Some(size) => {
                        self.ready = line + 2;
                        self.state = State::Chunked(if size == 0 {
                            Chunk::Trailers(0)
                        } else {
                            Chunk::Data(size)
                        });
                    }
                    None => self.end(),
                }
                true
            }
            Chunk::Data(left) => {
                let n = usize::try_from(left)
                    .unwrap_or(usize::MAX)
                    .min(self.inbuf.len());
                if n == 0 {
                    return false;
                }
                self.ready = n;
                let left = left - n as u64;
                self.state = State::Chunked(if left == 0 {
                    Chunk::DataEnd
                } else {
                    Chunk::Data(left)
                });
                true
            }
            Chunk::DataEnd => {
                if self.inbuf.len() < 2 {
                    if !self.inbuf.is_empty() && self.inbuf[0] != b'\r' {
                        self.end();
                        return true;
                    }
                    return false;
                }
                if &self.inbuf[..2] != b"\r\n" {
                    self.end();
                    return true;
                }
                self.ready = 2;
                self.state = State::Chunked(Chunk::Size);
                true
            }
            Chunk::Trailers(seen) => {
                let max = self.limits.max_head_size;
                let Some(line) = find_crlf(&self.inbuf, max) else {
                    if seen + self.inbuf.len() > max || has_bare_lf(&self.inbuf) {
                        self.end();
                        return true;
                    }
                    return false;
                };
                let seen = seen + line + 2;
                if seen > max || !valid_trailer_line(&self.inbuf[..line]) {
                    self.end();
                    return true;
                }
                let done = line == 0;
                self.ready = line + 2;
                self.state = if done {
                    State::Head
                } else {
                    State::Chunked(Chunk::Trailers(seen))
                };
                true
            }
        }
    }

    /// Refuses the head being read: hyper gets the stand-in, the service the refusal.
    fn reject(&mut self, reject: Reject) {
        tracing::debug!(status = reject.status.as_u16(), detail = %reject.detail, "request head refused");
        self.shared.set_reject(reject);
        self.inbuf.clear();
        self.inbuf.extend_from_slice(SYNTHETIC_HEAD);
        self.ready = SYNTHETIC_HEAD.len();
        self.out_is_head = true;
        self.head_started = None;
        self.state = State::Rejected;
    }

    /// The body's framing could not be followed: end the stream here.
    fn end(&mut self) {
        tracing::debug!("request body framing is invalid; ending the connection");
        self.inbuf.clear();
        self.state = State::Ended;
    }

    /// When the guard gives up waiting for the head being read, if it is waiting for one.
    fn head_deadline(&self) -> Option<Instant> {
        let timeout = self.limits.header_read_timeout?;
        match self.state {
            State::Start | State::Head => {}
            _ => return None,
        }
        if let Some(started) = self.head_started {
            return Some(started + timeout);
        }
        if !self.inbuf.is_empty() {
            return Some(Instant::now() + timeout);
        }
        // A connection's first request must begin within the timeout too; between requests
        // the idle timeout applies instead.
        (self.shared.released() == 0).then(|| self.accepted + timeout)
    }

    fn update_shared(&self) {
        let holding = match self.state {
            State::Passthrough | State::Rejected | State::Ended => self.ready > 0,
            _ => !self.inbuf.is_empty(),
        };
        self.shared.set_buffered(holding);
    }
}

impl<IO: AsyncRead + Unpin> AsyncRead for Guard<IO> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        // The position of a head handed over in this read.
        let mut head = None;
        'read: loop {
            // Between requests with nothing held — a keep-alive request's first read, and the
            // read that finds the socket empty after an answer — there is nothing to process,
            // hand over or end: straight to the read below (~50 instructions a call).
            'held: {
                if this.ready == 0
                    && !this.eof
                    && this.state == State::Head
                    && this.inbuf.is_empty()
                {
                    // (What `process` does for an empty buffer.)
                    this.head_started = None;
                    break 'held;
                }
                this.process();
                if this.ready > 0 {
                    let n = this.ready.min(buf.remaining());
                    buf.put_slice(&this.inbuf[..n]);
                    this.inbuf.advance(n);
                    this.ready -= n;
                    if this.ready == 0 && this.out_is_head {
                        this.out_is_head = false;
                        head = Some(this.shared.head_released());
                    }
                    if let (0, Some(index)) = (this.ready, head) {
                        match this.state {
                            // The body bytes that came with their head go along in the same
                            // read: hyper would otherwise read twice, and the second read
                            // reallocates its buffer while the request's parts still share it.
                            // (Never past this request.)
                            State::Body(_) if !this.inbuf.is_empty() && buf.remaining() > 0 => {
                                continue 'read
                            }
                            // Head and whole body in one read: nothing of this request can
                            // keep hyper waiting on the socket, so its body needs no read timer.
                            State::Head => this.shared.whole_body_released(index),
                            _ => {}
                        }
                    }
                    this.update_shared();
                    return Poll::Ready(Ok(()));
                }
                match this.state {
                    // hyper has the stand-in for a refused head: it answers it and closes.
                    State::Rejected => return Poll::Pending,
                    State::Ended => return Poll::Ready(Ok(())),
                    _ => {}
                }
                if this.eof {
                    this.update_shared();
                    return Poll::Ready(Ok(()));
                }
                // Body bytes and HTTP/2 frames need no checking byte by byte: with nothing
                // buffered, read them straight into hyper's buffer.
                let direct = match this.state {
                    State::Passthrough => Some(usize::MAX),
                    State::Body(left) => Some(usize::try_from(left).unwrap_or(usize::MAX)),
                    _ => None,
                };
                if let (Some(max), true) = (direct, this.inbuf.is_empty()) {
                    let want = max.min(buf.remaining());
                    if want > 0 {
                        let mut read = ReadBuf::new(buf.initialize_unfilled_to(want));
                        let polled = Pin::new(&mut this.io).poll_read(cx, &mut read);
                        let got = read.filled().len();
                        if let Poll::Ready(Ok(())) = polled {
                            buf.advance(got);
                            if got == 0 {
                                this.eof = true;
                            } else if let State::Body(left) = this.state {
                                this.state = State::body(left - got as u64);
                            }
                        }
                        this.update_shared();
                        return polled;
                    }
                }
            }
            // Between requests, with nothing buffered: read straight into hyper's buffer and
            // check the head where it landed. A common head (with whatever of its body came
            // along) stays there; anything else is moved to the guard's buffer, taken back
            // from hyper's, and goes the long way below.
            if let (State::Head, true, true) =
                (this.state, this.inbuf.is_empty(), buf.remaining() > 0)
            {
                let before = buf.filled().len();
                let polled = Pin::new(&mut this.io).poll_read(cx, buf);
                if let Poll::Ready(Ok(())) = polled {
                    let got = &buf.filled()[before..];
                    if got.is_empty() {
                        this.eof = true;
                        continue;
                    }
                    let Some((end, framing)) = common_head(got, &this.limits) else {
                        this.inbuf.extend_from_slice(got);
                        buf.set_filled(before);
                        continue;
                    };
                    // What stays is the head and the part of a `Content-Length` body that came
                    // with it; a pipelined request after them is checked on the next read.
                    let (keep, next) = match framing {
                        Framing::Empty => (end, State::Head),
                        Framing::Length(n) => {
                            let body = usize::try_from(n)
                                .unwrap_or(usize::MAX)
                                .min(got.len() - end);
                            (end + body, State::body(n - body as u64))
                        }
                        Framing::Chunked => (end, State::Chunked(Chunk::Size)),
                    };
                    if keep < got.len() {
                        this.inbuf.extend_from_slice(&got[keep..]);
                        buf.set_filled(before + keep);
                    }
                    let index = this.shared.head_released();
                    this.head_started = None;
                    this.state = next;
                    if next == State::Head {
                        this.shared.whole_body_released(index);
                    }
                    this.update_shared();
                    return Poll::Ready(Ok(()));
                }
                if let Poll::Ready(Err(e)) = polled {
                    return Poll::Ready(Err(e));
                }
            } else {
                // Read more from the socket, into a zero-filled chunk at the buffer's end (the
                // workspace forbids the `unsafe` a read into spare capacity needs, and tokio's
                // `read_buf` would compile its whole `io-util` module in for this one call).
                // Only a head that is not common, or more of one, takes this way: ordinary
                // requests are read straight into hyper's buffer above, so the zeroing costs
                // nothing on them.
                let start = this.inbuf.len();
                this.inbuf.resize(start + READ_CHUNK, 0);
                let mut read = ReadBuf::new(&mut this.inbuf[start..]);
                let polled = Pin::new(&mut this.io).poll_read(cx, &mut read);
                let got = read.filled().len();
                this.inbuf.truncate(start + got);
                match polled {
                    Poll::Ready(Ok(())) => {
                        if got == 0 {
                            this.eof = true;
                        }
                        this.update_shared();
                        continue;
                    }
                    Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                    Poll::Pending => {}
                }
            }
            this.update_shared();
            // Nothing to read: arm the header-read deadline, if one applies.
            let Some(deadline) = this.head_deadline() else {
                this.timer = None;
                return Poll::Pending;
            };
            if this.head_started.is_none() && !this.inbuf.is_empty() {
                this.head_started = Some(Instant::now());
            }
            let timer = this
                .timer
                .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
            if timer.deadline() != deadline {
                timer.as_mut().reset(deadline);
            }
            if timer.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            this.timer = None;
            if this.inbuf.is_empty() {
                // Not one byte of a request: close quietly.
                tracing::debug!("no request within the header-read timeout; closing");
                this.state = State::Ended;
                this.update_shared();
                return Poll::Ready(Ok(()));
            }
            let timeout = this.limits.header_read_timeout.unwrap_or_default();
            this.reject(Reject::new(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "Request header read timeout: the head must arrive within {}",
                    super::limits::human(timeout)
                ),
            ));
        }
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for Guard<IO> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

/// How a request's body is framed.
#[derive(Debug, PartialEq, Eq)]
enum Framing {
    Empty,
    Length(u64),
    Chunked,
}

/// The heads nearly every client sends, checked in one pass over their bytes: an upper-case
/// method, an origin-form target of [plain bytes](is_plain_target_byte), `HTTP/1.1` or
/// `HTTP/1.0`, header names of letters, digits and `-`, values of visible ASCII and spaces,
/// exactly one `Host`, at most one plain-digit `Content-Length`, no `Transfer-Encoding`, all
/// within the limits. Returns where the head ends and its framing.
///
/// `None` for anything else, a head not complete yet included: then [`scan_head`] and
/// [`check_head`] decide, and name the problem if there is one. So this only has to accept
/// a subset of what they accept, with the same framing (`tests::common_heads_agree_with_the_full_check`
/// holds it to that), and it saves them on every ordinary request: with hyper parsing the
/// head again after the guard, the full check was a second parse.
fn common_head(buf: &[u8], limits: &Limits) -> Option<(usize, Framing)> {
    // The request line.
    let mut method = 0;
    while method < buf.len() && buf[method].is_ascii_uppercase() {
        method += 1;
    }
    if method == 0 || method > 16 || *buf.get(method)? != b' ' {
        return None;
    }
    let target = method + 1;
    if buf.get(target) != Some(&b'/') {
        return None;
    }
    let mut i = target + 1 + run_of(&buf[target + 1..], TARGET);
    if i - target > limits.max_uri_length {
        return None;
    }
    let version = buf.get(i..i + 11)?;
    if &version[..8] != b" HTTP/1."
        || !matches!(version[8], b'0' | b'1')
        || &version[9..] != b"\r\n"
    {
        return None;
    }
    i += 11;
    if i - 2 > limits.max_request_line() {
        return None;
    }
    // The header lines, up to the blank line.
    let mut headers = 0;
    let mut hosts = 0;
    let mut length = None;
    loop {
        if buf.get(i..i + 2)? == b"\r\n" {
            i += 2;
            break;
        }
        let name = &buf[i..i + run_of(&buf[i..], NAME)];
        i += name.len();
        if name.is_empty() || *buf.get(i)? != b':' {
            return None;
        }
        i += 1;
        while *buf.get(i)? == b' ' {
            i += 1;
        }
        let value = &buf[i..i + visible_run(&buf[i..])];
        i += value.len();
        if buf.get(i..i + 2)? != b"\r\n" {
            return None;
        }
        i += 2;
        headers += 1;
        if headers > limits.max_headers {
            return None;
        }
        match name.len() {
            4 if is_name(name, b"host") => hosts += 1,
            14 if is_name(name, b"content-length") => {
                if length.is_some()
                    || value.is_empty()
                    || value.len() > 19
                    || !value.iter().all(u8::is_ascii_digit)
                {
                    return None;
                }
                length = Some(
                    value
                        .iter()
                        .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')),
                );
            }
            17 if is_name(name, b"transfer-encoding") => return None,
            _ => {}
        }
    }
    // (An HTTP/1.0 head without `Host` is fine, but rare enough for the full check.)
    if hosts != 1 || i > limits.max_head_size {
        return None;
    }
    Some((
        i,
        match length {
            Some(0) | None => Framing::Empty,
            Some(n) => Framing::Length(n),
        },
    ))
}

/// Byte classes for [`common_head`]: a bit per kind of run.
const TARGET: u8 = 1;
const NAME: u8 = 2;
static CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if is_plain_target_byte(byte) {
            table[b] |= TARGET;
        }
        if byte.is_ascii_alphanumeric() || byte == b'-' {
            table[b] |= NAME;
        }
        b += 1;
    }
    table
};

/// How many bytes at the start of `buf` are of the `class`. (Byte by byte: unrolled four
/// at a time it was slower on the short names and targets of real heads.)
fn run_of(buf: &[u8], class: u8) -> usize {
    let mut n = 0;
    while n < buf.len() && CLASSES[usize::from(buf[n])] & class != 0 {
        n += 1;
    }
    n
}

/// Whether a header `name` of letters, digits and `-` is `lower` (lower case), ignoring
/// case. Setting bit 5 lower-cases a letter and leaves digits and `-` as they are, and no
/// other byte can be in such a name.
fn is_name(name: &[u8], lower: &[u8]) -> bool {
    name.len() == lower.len() && name.iter().zip(lower).all(|(&a, &b)| a | 0x20 == b)
}

/// How many bytes at the start of `buf` are visible ASCII or spaces (0x20 to 0x7e), eight
/// at a time: header values are most of a head.
fn visible_run(buf: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = 0;
    while let Some(chunk) = buf.get(i..i + 8) {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or_default());
        // Some byte below 0x20, or (adding one reaches the high bit) from 0x7f up.
        let below = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
        let above = (word.wrapping_add(ONES) | word) & HIGH;
        if below | above != 0 {
            break;
        }
        i += 8;
    }
    i + buf[i..]
        .iter()
        .position(|&b| !(b' '..=b'~').contains(&b))
        .unwrap_or(buf.len() - i)
}

/// Finds the end of the head (just past the blank line) and the end of the request line,
/// refusing any LF not preceded by CR and any CR not followed by LF.
#[allow(clippy::type_complexity)]
fn scan_head(buf: &[u8]) -> Result<(Option<usize>, Option<usize>), ()> {
    let mut line_end = None;
    let mut i = 0;
    while let Some(at) = next_control(buf, i) {
        i = at;
        match buf[i] {
            b'\n' => return Err(()),
            b'\r' => {
                match buf.get(i + 1) {
                    None => return Ok((None, line_end)),
                    Some(b'\n') => {}
                    Some(_) => return Err(()),
                }
                if line_end.is_none() {
                    line_end = Some(i);
                }
                // A line that ends right after the previous one: the blank line.
                if i >= 2 && buf[i - 2] == b'\r' && buf[i - 1] == b'\n' {
                    return Ok((Some(i + 2), line_end));
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    Ok((None, line_end))
}

/// The index of the first byte at or after `from` that is CR or below (LF, CR and the
/// other control bytes httparse judges), eight bytes at a time: a head is mostly text.
fn next_control(buf: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x0e; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = from;
    while let Some(chunk) = buf.get(i..i + 8) {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or_default());
        // Nonzero when some byte is below 0x0e (bytes from 0x80 up may set it too; the
        // byte loop below sorts them out).
        if word.wrapping_sub(ONES) & !word & HIGH != 0 {
            break;
        }
        i += 8;
    }
    buf.get(i..)?
        .iter()
        .position(|&b| b <= b'\r')
        .map(|at| i + at)
}

fn find_crlf(buf: &[u8], max: usize) -> Option<usize> {
    let n = buf.len().min(max + 2);
    buf[..n].windows(2).position(|w| w == b"\r\n")
}

fn has_bare_lf(buf: &[u8]) -> bool {
    buf.iter()
        .enumerate()
        .any(|(i, &b)| b == b'\n' && (i == 0 || buf[i - 1] != b'\r'))
}

/// `1*HEXDIG [ ";" extensions ]`, strictly: no whitespace, no control bytes, at most 16
/// digits.
fn parse_chunk_size(line: &[u8]) -> Option<u64> {
    let digits = line.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if digits == 0 || digits > 16 {
        return None;
    }
    let rest = &line[digits..];
    if !rest.is_empty() && (rest[0] != b';' || rest.iter().any(|&b| is_ctl(b) && b != b'\t')) {
        return None;
    }
    let text = std::str::from_utf8(&line[..digits]).ok()?;
    u64::from_str_radix(text, 16).ok()
}

fn valid_trailer_line(line: &[u8]) -> bool {
    if line.is_empty() {
        return true;
    }
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    colon > 0
        && line[..colon].iter().all(|&b| is_tchar(b))
        && line[colon + 1..].iter().all(|&b| !is_ctl(b) || b == b'\t')
}

/// RFC 3986 unreserved and sub-delims characters, `:`, `@`, `/`, `?` and `%`.
const fn is_plain_target_byte(b: u8) -> bool {
    matches!(b,
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9'
        | b'-' | b'.' | b'_' | b'~'
        | b'!' | b'$' | b'&' | b'\''..=b',' | b';' | b'='
        | b':' | b'@' | b'/' | b'?' | b'%')
}

fn is_ctl(b: u8) -> bool {
    b < 0x20 || b == 0x7f
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Whether the request line ends in a well-formed `HTTP/x.y` (that brisk does not speak).
fn names_a_version(head: &[u8]) -> bool {
    let line = head.split(|&b| b == b'\r').next().unwrap_or_default();
    let parts: Vec<&[u8]> = line.split(|&b| b == b' ').collect();
    let v = parts.last().copied().unwrap_or_default();
    parts.len() == 3
        && v.len() == 8
        && v.starts_with(b"HTTP/")
        && v[5].is_ascii_digit()
        && v[6] == b'.'
        && v[7].is_ascii_digit()
}

/// Checks a complete head (request line, headers, blank line) and works out its framing.
fn check_head(head: &[u8], limits: &Limits) -> Result<Framing, Reject> {
    // Up to hyper's default of 100 headers the slots live on the stack, uninitialised
    // (httparse fills what it uses); only a raised limit costs an allocation per head.
    const STACK_HEADERS: usize = 100;
    let mut stack =
        [const { std::mem::MaybeUninit::<httparse::Header<'_>>::uninit() }; STACK_HEADERS];
    let mut heap = Vec::new();
    let slots = if limits.max_headers <= STACK_HEADERS {
        &mut stack[..limits.max_headers]
    } else {
        heap.resize_with(limits.max_headers, std::mem::MaybeUninit::uninit);
        &mut heap[..]
    };
    let mut req = httparse::Request::new(&mut []);
    match req.parse_with_uninit_headers(head, slots) {
        Ok(httparse::Status::Complete(n)) if n == head.len() => {}
        Ok(_) => return Err(Reject::bad_request("Invalid HTTP request")),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(Reject::new(
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                format!(
                    "Too many request headers: the limit is {}",
                    limits.max_headers
                ),
            ))
        }
        Err(httparse::Error::Version) if names_a_version(head) => {
            return Err(Reject::new(
                StatusCode::HTTP_VERSION_NOT_SUPPORTED,
                if cfg!(feature = "http2") {
                    "HTTP version not supported: use HTTP/1.0, HTTP/1.1 or HTTP/2"
                } else {
                    "HTTP version not supported: use HTTP/1.0 or HTTP/1.1"
                },
            ))
        }
        Err(httparse::Error::Version) => {
            return Err(Reject::bad_request(
                "Invalid HTTP request: malformed request line",
            ))
        }
        Err(httparse::Error::Token) => {
            return Err(Reject::bad_request(
                "Invalid HTTP request: malformed request line",
            ))
        }
        Err(httparse::Error::HeaderName) => {
            return Err(Reject::bad_request("Invalid HTTP request: bad header name"))
        }
        Err(httparse::Error::HeaderValue) => {
            return Err(Reject::bad_request(
                "Invalid HTTP request: bad byte in a header value",
            ))
        }
        Err(_) => return Err(Reject::bad_request("Invalid HTTP request")),
    }
    let (Some(method), Some(path), Some(version)) = (req.method, req.path, req.version) else {
        return Err(Reject::bad_request("Invalid HTTP request"));
    };
    if path.len() > limits.max_uri_length {
        return Err(Reject::uri_too_long(limits.max_uri_length));
    }
    // The target must be visible ASCII (RFC 3986: anything else is percent-encoded), and a
    // URI hyper will accept. An origin-form target made only of RFC 3986's unreserved,
    // sub-delims, `:@/?%` characters always is; anything else is parsed to make sure.
    let plain = path.starts_with('/') && path.bytes().all(is_plain_target_byte);
    if http::Method::from_bytes(method.as_bytes()).is_err()
        || (!plain
            && (!path.bytes().all(|b| (0x21..=0x7e).contains(&b))
                || http::Uri::try_from(path).is_err()))
    {
        return Err(Reject::bad_request(
            "Invalid HTTP request: malformed request line",
        ));
    }
    let http11 = version == 1;
    let mut hosts = 0;
    let mut length: Option<u64> = None;
    let mut lengths = 0;
    let mut te: Vec<&[u8]> = Vec::new();
    for header in req.headers.iter() {
        let name = header.name;
        if name.eq_ignore_ascii_case("host") {
            hosts += 1;
        } else if name.eq_ignore_ascii_case("content-length") {
            lengths += 1;
            let value = header.value;
            let parsed =
                (!value.is_empty() && value.len() <= 19 && value.iter().all(u8::is_ascii_digit))
                    .then(|| std::str::from_utf8(value).ok()?.parse::<u64>().ok())
                    .flatten();
            let Some(n) = parsed else {
                return Err(Reject::bad_request(
                    "Invalid Content-Length: it must be a single non-negative integer",
                ));
            };
            if length.is_some_and(|m| m != n) {
                return Err(Reject::bad_request("Conflicting Content-Length headers"));
            }
            length = Some(n);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            te.push(header.value);
        }
    }
    if hosts > 1 || (http11 && hosts == 0) {
        return Err(Reject::bad_request(
            "Invalid HTTP request: exactly one Host header is required",
        ));
    }
    if !te.is_empty() {
        if lengths > 0 {
            return Err(Reject::bad_request(
                "A request must not carry both Content-Length and Transfer-Encoding",
            ));
        }
        if !http11 {
            return Err(Reject::bad_request(
                "Transfer-Encoding is not allowed in HTTP/1.0",
            ));
        }
        let chunked = te.len() == 1 && te[0].eq_ignore_ascii_case(b"chunked");
        if !chunked {
            return Err(Reject::new(
                StatusCode::NOT_IMPLEMENTED,
                "Unsupported Transfer-Encoding: only `chunked` is accepted",
            ));
        }
        return Ok(Framing::Chunked);
    }
    Ok(match length {
        Some(0) | None => Framing::Empty,
        Some(n) => Framing::Length(n),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_finds_the_blank_line_and_refuses_bare_lf() {
        assert_eq!(
            scan_head(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nrest"),
            Ok((Some(27), Some(14)))
        );
        assert_eq!(scan_head(b"GET / HTTP/1.1\r\nHo"), Ok((None, Some(14))));
        assert_eq!(scan_head(b"GET / HTTP/1.1\r"), Ok((None, None)));
        assert!(scan_head(b"GET / HTTP/1.1\nHost: a\r\n\r\n").is_err());
        assert!(scan_head(b"GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n").is_err());
        assert!(scan_head(b"GET / HTTP/1.1\r\nHost: a\r\r\n\r\n").is_err());
        assert!(scan_head(b"GET / HTTP/1.1\r\nHost: a\r\n\n").is_err());
        assert!(scan_head(b"GET / HTTP/1.1\r\nHo\rst").is_err());
        assert_eq!(
            scan_head(b"GET / HTTP/1.1\r\nHost: a\r"),
            Ok((None, Some(14)))
        );
        // Whatever follows the head is the next message's business.
        assert_eq!(
            scan_head(b"GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\nGET /\n\r\r"),
            Ok((Some(30), Some(14)))
        );
    }

    #[test]
    fn control_bytes_are_found_wherever_they_are() {
        for len in 0..40 {
            for at in 0..len {
                for control in [b'\r', b'\n', 0, b'\t'] {
                    let mut buf: Vec<u8> =
                        (0..len).map(|i| [b'a', 0xff, 0x80, b'~'][i % 4]).collect();
                    buf[at] = control;
                    assert_eq!(next_control(&buf, 0), Some(at), "{buf:?}");
                    assert_eq!(next_control(&buf, at + 1), None, "{buf:?}");
                }
            }
        }
    }

    /// `run` stops at the first byte outside its class, wherever it is: every byte value at
    /// every position of buffers of the class's `fill` bytes up to `max_len` long.
    fn check_run(run: fn(&[u8]) -> usize, in_class: fn(u8) -> bool, fill: [u8; 3], max_len: usize) {
        for len in 0..max_len {
            for at in 0..len {
                for other in 0..=255u8 {
                    let mut buf: Vec<u8> = (0..len).map(|i| fill[i % 3]).collect();
                    buf[at] = other;
                    let want = if in_class(other) { len } else { at };
                    assert_eq!(run(&buf), want, "{buf:?}");
                }
            }
        }
    }

    #[test]
    fn runs_end_at_the_first_other_byte() {
        check_run(
            |buf| run_of(buf, NAME),
            |b| b.is_ascii_alphanumeric() || b == b'-',
            [b'a', b'-', b'7'],
            14,
        );
        check_run(
            visible_run,
            |b| (b' '..=b'~').contains(&b),
            [b' ', b'~', b'a'],
            20,
        );
    }

    #[test]
    fn plain_targets_are_the_ones_hyper_accepts() {
        for b in 0x21..=0x7eu8 {
            if is_plain_target_byte(b) {
                let target = format!("/a{}b", b as char);
                assert!(http::Uri::try_from(target.as_str()).is_ok(), "{target}");
            }
        }
    }

    fn limits(max_uri_length: usize, max_headers: usize, max_head_size: usize) -> Limits {
        Limits::new(&crate::ServeConfig {
            max_uri_length,
            max_headers,
            max_head_size,
            ..Default::default()
        })
    }

    /// What the full check makes of a buffer: the head's end and framing, if accepted.
    fn full_check(buf: &[u8], limits: &Limits) -> Option<(usize, Framing)> {
        let (Some(end), Some(line_end)) = scan_head(buf).ok()? else {
            return None;
        };
        if line_end > limits.max_request_line() || end > limits.max_head_size {
            return None;
        }
        check_head(&buf[..end], limits).ok().map(|f| (end, f))
    }

    #[test]
    fn common_heads_take_the_short_way() {
        let defaults = limits(8 * 1024, 100, 16 * 1024);
        for (head, framing) in [
            (
                &b"GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n"[..],
                Framing::Empty,
            ),
            (
                b"GET /items/1?q=a%20b HTTP/1.0\r\nhost:x\r\nAccept: */*\r\n\r\n",
                Framing::Empty,
            ),
            (
                b"POST /items HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\n",
                Framing::Length(12),
            ),
            (
                b"PUT / HTTP/1.1\r\nContent-Length: 0\r\nHost: a\r\nX-Empty:\r\n\r\n",
                Framing::Empty,
            ),
        ] {
            let mut buf = head.to_vec();
            buf.extend_from_slice(b"{\"name\":\"x\"}GET / HTTP/1.1\r\n");
            let want = Some((head.len(), framing));
            assert_eq!(common_head(&buf, &defaults), want, "{head:?}");
            assert_eq!(full_check(&buf, &defaults), want, "{head:?}");
        }
        // Left to the full check: it accepts some, refuses the others with a reason.
        for head in [
            &b"GET / HTTP/1.1\r\nHost: a\r\n"[..],
            b"GET / HTTP/1.0\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\nUser_Agent: b\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\nX: \tb\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: \xc3\xa9\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 \r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
            b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
            b"GET /a|b HTTP/1.1\r\nHost: a\r\n\r\n",
            b"get / HTTP/1.1\r\nHost: a\r\n\r\n",
            b"GET / HTTP/1.1\nHost: a\r\n\r\n",
            b"GET / HTTP/2.0\r\nHost: a\r\n\r\n",
        ] {
            assert_eq!(common_head(head, &defaults), None, "{head:?}");
        }
    }

    /// Heads built from parts both checks have opinions about, valid and not, under limits
    /// small enough to be hit: whatever the one-pass check accepts, the full check accepts
    /// with the same end and framing.
    #[test]
    fn common_heads_agree_with_the_full_check() {
        use proptest::prelude::*;
        use proptest::sample::select;

        // Mostly good parts, so that whole heads are often good; a bad one now and then.
        fn pick(
            good: Vec<&'static str>,
            bad: Vec<&'static str>,
        ) -> impl Strategy<Value = &'static str> + Clone {
            prop_oneof![6 => select(good), 1 => select(bad)]
        }
        let method = pick(
            vec!["GET", "POST", "DELETE", "OPTIONS"],
            vec!["get", "G-T", "", "VERYLONGMETHODNAME"],
        );
        let target = (
            pick(vec!["/"], vec!["", "*", "http://a/"]),
            prop::collection::vec(
                pick(
                    vec![
                        "a", "Z", "9", "%", "%2", "?", "=", "&", "-", "/", "*", ":", "@", "~",
                    ],
                    vec!["|", "{", " ", "\"", "\u{e9}"],
                ),
                0..6,
            ),
        )
            .prop_map(|(first, parts)| format!("{first}{}", parts.concat()));
        let version = pick(
            vec![" HTTP/1.1", " HTTP/1.0"],
            vec![" HTTP/2.0", " HTTP/1.1 ", " http/1.1", " HTTP/1.12", ""],
        );
        let name = pick(
            vec![
                "Host",
                "host",
                "HOST",
                "Content-Length",
                "content-length",
                "Content-length",
                "Accept",
                "X-A-1",
            ],
            vec!["Transfer-Encoding", "X_A", "X A", "", "H\u{f3}st", "Host "],
        );
        let value = pick(
            vec!["", " ", "a", "0", "12", "007", ":", "\"x\"", "a b"],
            vec![
                "99999999999999999999",
                "1 ",
                "1,1",
                "chunked",
                "\t",
                "a\tb",
                "\u{7f}",
                "\u{e9}",
                "\r",
                "\n",
            ],
        );
        let line = (name, prop::collection::vec(value, 0..3))
            .prop_map(|(n, v)| format!("{n}:{}", v.concat()));
        let ending = pick(vec!["\r\n"], vec!["\n", "\r", ""]);
        let head = (
            method,
            target,
            version,
            prop::collection::vec((line, ending.clone()), 0..4),
            (any::<bool>(), any::<prop::sample::Index>()),
            ending,
            select(vec!["", "\r\n", "GET / HTTP/1.1\r\n", "body"]),
        )
            .prop_map(|(m, t, v, mut lines, (host, at), last, rest)| {
                if host {
                    let at = at.index(lines.len() + 1);
                    lines.insert(at, ("Host: a".to_string(), "\r\n"));
                }
                let mut s = format!("{m} {t}{v}\r\n");
                for (l, e) in lines {
                    s.push_str(&l);
                    s.push_str(e);
                }
                s.push_str(last);
                s.push_str(rest);
                s.into_bytes()
            });
        let limits = (
            select(vec![16usize, 20, 8 * 1024]),
            1usize..6,
            select(vec![256usize, 16 * 1024]),
        )
            .prop_map(|(u, h, s)| limits(u, h, s));

        let taken = std::cell::Cell::new(0);
        let config = proptest::test_runner::Config::with_cases(4096);
        let mut runner = proptest::test_runner::TestRunner::new(config);
        runner
            .run(&(head, limits), |(head, limits)| {
                if let Some(fast) = common_head(&head, &limits) {
                    taken.set(taken.get() + 1);
                    prop_assert_eq!(
                        Some(fast),
                        full_check(&head, &limits),
                        "{:?}",
                        String::from_utf8_lossy(&head)
                    );
                }
                Ok(())
            })
            .unwrap();
        let taken = taken.get();
        eprintln!("{taken} of 4096 generated heads took the short way");
        assert!(
            taken > 100,
            "only {taken} generated heads took the short way"
        );
    }

    #[test]
    fn chunk_sizes_are_strict() {
        assert_eq!(parse_chunk_size(b"1a"), Some(26));
        assert_eq!(parse_chunk_size(b"0;name=value"), Some(0));
        assert_eq!(parse_chunk_size(b""), None);
        assert_eq!(parse_chunk_size(b"1 "), None);
        assert_eq!(parse_chunk_size(b"-1"), None);
        assert_eq!(parse_chunk_size(b"0x10"), None);
        assert_eq!(parse_chunk_size(b"11111111111111111"), None);
    }
}
