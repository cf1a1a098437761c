//! One connection: the state its gatekeeper and its service share, the service hyper calls
//! for each request (limits, timeouts, request ids, the access log), and the task that runs
//! it (idle timeout, graceful shutdown).

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONNECTION};
use http::{StatusCode, Version};
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use tokio::time::{Instant, Sleep};

use super::limits::{human, Limits};
use super::sweeper::Ticket;
use crate::body::{Body, BodyReadTimeout, BoxError};
use crate::connection::{ConnMeta, ConnOrigin, ConnectInfo, IdRepr, RequestId};
use crate::error::HttpError;
use crate::response::IntoResponse;
use crate::service::AppService;

/// The request's id: its own `x-request-id` when sensible, else a generated one.
fn request_id(headers: &http::HeaderMap) -> RequestId {
    let incoming = crate::extract::first_header(headers, &X_REQUEST_ID).filter(|v| {
        let b = v.as_bytes();
        (1..=128).contains(&b.len()) && b.iter().all(|c| (0x21..=0x7e).contains(c))
    });
    match incoming {
        Some(v) => RequestId(IdRepr::Given(v.clone())),
        None => RequestId::generate(),
    }
}

/// A `HeaderName` made once: looking a header up by `&str` parses the name every time.
static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A request refused before it reached the app: its status and JSON `detail`.
#[derive(Debug, Clone)]
pub(crate) struct Reject {
    pub status: StatusCode,
    pub detail: String,
}

impl Reject {
    pub(crate) fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Reject {
            status,
            detail: detail.into(),
        }
    }

    pub(crate) fn bad_request(detail: &str) -> Self {
        Reject::new(StatusCode::BAD_REQUEST, detail)
    }

    pub(crate) fn uri_too_long(limit: usize) -> Self {
        Reject::new(
            StatusCode::URI_TOO_LONG,
            format!("Request target too long: the limit is {limit} bytes"),
        )
    }

    pub(crate) fn head_too_large(limit: usize) -> Self {
        Reject::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!("Request head too large: the limit is {limit} bytes"),
        )
    }

    /// The answer: `{"detail": ...}`, and the connection closes after it.
    fn into_http(self) -> http::Response<Body> {
        let mut res = HttpError::new(self.status, self.detail)
            .into_response()
            .into_http();
        crate::service::finalize(&mut res, false, false);
        res.headers_mut()
            .insert(CONNECTION, const { HeaderValue::from_static("close") });
        res
    }
}

/// What a connection's gatekeeper, its service and its task share.
#[derive(Debug)]
pub(crate) struct ConnShared {
    /// Requests handed to the service.
    started: AtomicU64,
    /// HTTP/1 heads the gatekeeper handed to hyper.
    released: AtomicU64,
    /// One more than the position of the last head whose whole body the gatekeeper handed
    /// to hyper together with it (0: none): reading that body cannot wait on the socket.
    whole_body: AtomicU64,
    /// Responses not yet fully sent.
    in_flight: AtomicUsize,
    /// The gatekeeper holds bytes hyper has not seen yet.
    buffered: AtomicBool,
    h2: AtomicBool,
    /// The server is shutting down: HTTP/1 answers say `connection: close` when no other
    /// request is waiting behind them.
    closing: AtomicBool,
    /// The refused head: its position among the heads, and the answer.
    reject: Mutex<Option<(u64, Reject)>>,
    /// Whether `reject` may hold one: every request checks, nearly none is refused, and a
    /// load costs less than taking the lock.
    rejected: AtomicBool,
}

impl ConnShared {
    pub(crate) fn new() -> Self {
        ConnShared {
            started: AtomicU64::new(0),
            released: AtomicU64::new(0),
            whole_body: AtomicU64::new(0),
            in_flight: AtomicUsize::new(0),
            buffered: AtomicBool::new(false),
            h2: AtomicBool::new(false),
            closing: AtomicBool::new(false),
            reject: Mutex::new(None),
            rejected: AtomicBool::new(false),
        }
    }

    pub(crate) fn set_h2(&self) {
        self.h2.store(true, Ordering::Relaxed);
    }

    pub(crate) fn released(&self) -> u64 {
        self.released.load(Ordering::Acquire)
    }

    /// Counts a head handed to hyper; its position.
    pub(crate) fn head_released(&self) -> u64 {
        self.released.fetch_add(1, Ordering::AcqRel)
    }

    /// The head at `index` went to hyper with its whole body.
    pub(crate) fn whole_body_released(&self, index: u64) {
        self.whole_body.store(index + 1, Ordering::Release);
    }

    fn has_whole_body(&self, index: u64) -> bool {
        self.whole_body.load(Ordering::Acquire) == index + 1
    }

    pub(crate) fn set_buffered(&self, on: bool) {
        self.buffered.store(on, Ordering::Release);
    }

    /// Records a refused head: the next head released is the stand-in for it.
    pub(crate) fn set_reject(&self, reject: Reject) {
        let index = self.released();
        *self.reject.lock().unwrap_or_else(|e| e.into_inner()) = Some((index, reject));
        self.rejected.store(true, Ordering::Release);
    }

    fn take_reject(&self, index: u64) -> Option<Reject> {
        if !self.rejected.load(Ordering::Acquire) {
            return None;
        }
        let mut slot = self.reject.lock().unwrap_or_else(|e| e.into_inner());
        match &*slot {
            Some((i, _)) if *i == index => slot.take().map(|(_, r)| r),
            _ => None,
        }
    }

    /// No response in flight and nothing received beyond what the app has answered: an
    /// HTTP/1 connection waiting for its next request.
    fn idle_h1(&self) -> bool {
        !self.h2.load(Ordering::Relaxed)
            && self.in_flight.load(Ordering::Acquire) == 0
            && self.quiescent()
    }

    /// Whether the answer to request number `index` may close the connection: nothing
    /// else has arrived behind it.
    fn last_request(&self, index: u64) -> bool {
        !self.buffered.load(Ordering::Acquire) && self.released.load(Ordering::Acquire) <= index + 1
    }

    /// Nothing received that the app has not been handed yet: a graceful shutdown now
    /// loses no request.
    fn quiescent(&self) -> bool {
        !self.buffered.load(Ordering::Acquire)
            && self.released.load(Ordering::Acquire) <= self.started.load(Ordering::Acquire)
    }

    /// Whether the connection is idle: no response in flight, no bytes waiting. The count of
    /// requests started so far comes with it: see [`IdleMark`].
    fn idle(&self) -> Option<u64> {
        let started = self.started.load(Ordering::Acquire);
        if self.in_flight.load(Ordering::Acquire) > 0
            || self.buffered.load(Ordering::Acquire)
            || self.released.load(Ordering::Acquire) > started
        {
            return None;
        }
        // A fresh HTTP/1 connection is the header-read timeout's business.
        if !self.h2.load(Ordering::Relaxed) && started == 0 {
            return None;
        }
        Some(started)
    }
}

/// How long a connection has been seen idle, for the idle timeout, without reading the
/// clock for every answer: the connection task looks when the idle sweeper wakes it (every
/// eighth of the timeout) or, without one, when its own timer fires; the idle time counts
/// from the first look that found the connection idle with no request started since. So an
/// idle connection is closed no earlier than the timeout after its last answer, and at most
/// a quarter of it later (see [`drive`]).
#[derive(Default)]
struct IdleMark(Option<(u64, Instant)>);

impl IdleMark {
    fn idle_for(&mut self, shared: &ConnShared) -> Option<Duration> {
        let Some(started) = shared.idle() else {
            self.0 = None;
            return None;
        };
        let now = Instant::now();
        match self.0 {
            Some((seen, since)) if seen == started => Some(now.saturating_duration_since(since)),
            _ => {
                self.0 = Some((started, now));
                Some(Duration::ZERO)
            }
        }
    }
}

/// Counts a response as in flight until its body is dropped (sent, or abandoned).
struct InFlight(Arc<ConnShared>);

impl InFlight {
    fn new(shared: Arc<ConnShared>) -> Self {
        shared.in_flight.fetch_add(1, Ordering::AcqRel);
        InFlight(shared)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A response body that keeps its request counted as in flight. hyper is handed this type
/// itself, not a boxed body: one allocation fewer per response.
pub(crate) struct Tracked {
    inner: Body,
    _in_flight: InFlight,
}

impl http_body::Body for Tracked {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// A request body with a deadline.
struct TimedBody {
    inner: Incoming,
    timeout: Duration,
    deadline: Instant,
    /// Made the first time the body has to wait, so a body that is never read costs no
    /// timer.
    sleep: Option<Pin<Box<Sleep>>>,
    timed_out: Arc<AtomicBool>,
}

impl TimedBody {
    /// `incoming` with its read timed from `started` (or now), and the flag that says it
    /// timed out. (Out of line: most requests have no body to time.)
    #[inline(never)]
    fn wrap(
        incoming: Incoming,
        timeout: Duration,
        started: Option<Instant>,
    ) -> (Body, Arc<AtomicBool>) {
        let flag = Arc::new(AtomicBool::new(false));
        let deadline = started.unwrap_or_else(Instant::now) + timeout;
        let body = Body::new(TimedBody {
            inner: incoming,
            timeout,
            deadline,
            sleep: None,
            timed_out: flag.clone(),
        });
        (body, flag)
    }

    fn timed_out_error(&self) -> BoxError {
        Box::new(BodyReadTimeout::new(&human(self.timeout)))
    }
}

impl http_body::Body for TimedBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if self.timed_out.load(Ordering::Relaxed) {
            return Poll::Ready(Some(Err(self.timed_out_error())));
        }
        match Pin::new(&mut self.inner).poll_frame(cx) {
            Poll::Ready(frame) => Poll::Ready(frame.map(|f| f.map_err(Into::into))),
            Poll::Pending => {
                let deadline = self.deadline;
                let sleep = self
                    .sleep
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                if sleep.as_mut().poll(cx).is_ready() {
                    self.timed_out.store(true, Ordering::Relaxed);
                    return Poll::Ready(Some(Err(self.timed_out_error())));
                }
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The service hyper calls for each request on one connection.
#[derive(Clone)]
pub(crate) struct ConnService {
    pub service: AppService,
    pub info: ConnectInfo,
    pub origin: ConnOrigin,
    pub limits: Arc<Limits>,
    pub shared: Arc<ConnShared>,
}

impl ConnService {
    /// Limits the gatekeeper cannot apply because it does not see HTTP/2 heads.
    fn check_h2(&self, req: &http::request::Parts) -> Option<Reject> {
        if req.version != Version::HTTP_2 {
            return None;
        }
        let limits = &*self.limits;
        let target = req.uri.path_and_query().map_or(0, |p| p.as_str().len());
        if target > limits.max_uri_length {
            return Some(Reject::uri_too_long(limits.max_uri_length));
        }
        if req.headers.len() > limits.max_headers {
            return Some(Reject::new(
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                format!(
                    "Too many request headers: the limit is {}",
                    limits.max_headers
                ),
            ));
        }
        let size: usize = target
            + req
                .headers
                .iter()
                .map(|(n, v)| n.as_str().len() + v.len() + 4)
                .sum::<usize>();
        (size > limits.max_head_size).then(|| Reject::head_too_large(limits.max_head_size))
    }
}

impl hyper::service::Service<http::Request<Incoming>> for ConnService {
    type Response = http::Response<Tracked>;
    type Error = Infallible;
    type Future = ConnFuture;

    fn call(&self, req: http::Request<Incoming>) -> ConnFuture {
        // The clock is read only when something needs it: a body to time, a handler
        // timeout, or an access log that may be listened to. (The global level hint, not
        // `event_enabled!`: a callsite's cached interest can miss a subscriber that was
        // installed for one thread while other threads were logging.)
        let log = {
            use tracing::level_filters::{LevelFilter, STATIC_MAX_LEVEL};
            STATIC_MAX_LEVEL >= LevelFilter::INFO && LevelFilter::current() >= LevelFilter::INFO
        };
        let started = log.then(Instant::now);
        // Taken apart once: the parts go down to the handler's `Request` as they are (each
        // `map` or re-assembly on the way copied them).
        let (req, incoming) = req.into_parts();
        let index = self.shared.started.fetch_add(1, Ordering::AcqRel);
        let in_flight = InFlight::new(self.shared.clone());
        let id = request_id(&req.headers);
        let malformed = self.shared.take_reject(index);
        let is_malformed = malformed.is_some();
        let refused = malformed.or_else(|| self.check_h2(&req));
        // (An INFO span is disabled whenever `log` is false: no subscriber listens at INFO.)
        let span = match log {
            true => request_span(&id, &req, is_malformed),
            false => tracing::Span::none(),
        };
        // Cheap copies for the log and the answer (no allocation: `Uri` shares its bytes,
        // standard methods are inline).
        let mut after = After {
            index,
            in_flight: Some(in_flight),
            head: req.method == http::Method::HEAD,
            logged: log.then(|| Box::new((req.method.clone(), req.uri.clone()))),
            version: req.version,
            is_malformed,
            started,
            body_timed_out: None,
            echo_request_id: self.limits.echo_request_id,
            handler_timeout: self.limits.handler_timeout,
        };
        let work = match refused {
            Some(reject) => Work::Refused(Some(reject)),
            None => {
                let limits = &*self.limits;
                let body = match limits.body_read_timeout {
                    // A body that is already complete (every GET) has nothing to time.
                    _ if http_body::Body::is_end_stream(&incoming) => Body::empty(),
                    // Nor has one hyper already holds in full (it came with its head).
                    _ if req.version < Version::HTTP_2 && self.shared.has_whole_body(index) => {
                        Body::incoming(incoming)
                    }
                    Some(timeout) => {
                        let (body, flag) = TimedBody::wrap(incoming, timeout, started);
                        after.body_timed_out = Some(flag);
                        body
                    }
                    None => Body::incoming(incoming),
                };
                let meta = ConnMeta {
                    info: self.info,
                    origin: self.origin,
                    id: id.clone(),
                };
                let fut = self.service.call_with(req, body, Some(meta));
                match limits.handler_timeout {
                    None => Work::App(fut),
                    Some(limit) => Work::timed(limit, fut),
                }
            }
        };
        ConnFuture {
            work,
            after,
            id,
            span,
        }
    }
}

/// The request's span (kept out of [`ConnService::call`]: the code that makes an enabled
/// span is large, and every request would run past it).
#[inline(never)]
fn request_span(id: &RequestId, req: &http::request::Parts, is_malformed: bool) -> tracing::Span {
    tracing::info_span!(
        "request",
        id = %id,
        method = %if is_malformed { "-" } else { req.method.as_str() },
        path = %if is_malformed { "-" } else { req.uri.path() },
    )
}

/// One request's answer on its way to hyper: the app's future (or a refusal), then what the
/// connection adds to every answer. A named future so hyper holds it without a box.
pub(crate) struct ConnFuture {
    work: Work,
    after: After,
    id: RequestId,
    span: tracing::Span,
}

enum Work {
    /// Refused before routing: the answer is the refusal.
    Refused(Option<Reject>),
    App(crate::service::AppFuture),
    /// With the handler timeout on (it is off by default).
    Timed(Pin<Box<tokio::time::Timeout<crate::service::AppFuture>>>),
}

impl Work {
    /// The app's future under the handler timeout (off by default: out of line).
    #[inline(never)]
    fn timed(limit: Duration, fut: crate::service::AppFuture) -> Work {
        Work::Timed(Box::pin(tokio::time::timeout(limit, fut)))
    }
}

/// What the connection needs once the answer is there.
struct After {
    index: u64,
    in_flight: Option<InFlight>,
    head: bool,
    /// The method and target for the access log, when it may be listened to (boxed: the
    /// future is moved around, and usually nobody listens).
    logged: Option<Box<(http::Method, http::Uri)>>,
    version: Version,
    is_malformed: bool,
    started: Option<Instant>,
    body_timed_out: Option<Arc<AtomicBool>>,
    /// The two limits the answer needs (copied: the server's `Limits` is shared by every
    /// connection, and a reference count on it per request is contended).
    echo_request_id: bool,
    handler_timeout: Option<Duration>,
}

impl Future for ConnFuture {
    type Output = Result<http::Response<Tracked>, Infallible>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let _entered = this.span.enter();
        let res = match &mut this.work {
            // The common case: the answer is finished where the app makes it.
            Work::App(fut) => {
                let (after, id) = (&mut this.after, &this.id);
                return fut.poll_then(cx, |res| Ok(after.answer(id, res)));
            }
            Work::Refused(reject) => refusal(reject),
            Work::Timed(fut) => {
                match poll_timed(fut, this.after.handler_timeout, this.after.head, cx) {
                    Poll::Ready(res) => res,
                    Poll::Pending => return Poll::Pending,
                }
            }
        };
        Poll::Ready(Ok(this.after.answer(&this.id, res)))
    }
}

/// The answer to a request refused before routing. (This and [`poll_timed`] are out of
/// line: the common case's code stays short.)
#[inline(never)]
fn refusal(reject: &mut Option<Reject>) -> http::Response<Body> {
    let reject = reject.take().expect("ConnFuture polled after completion");
    tracing::debug!(
        status = reject.status.as_u16(),
        detail = %reject.detail,
        "request refused before routing"
    );
    reject.into_http()
}

/// The app's future under the handler timeout, or the 503 when the time is up.
#[inline(never)]
fn poll_timed(
    fut: &mut Pin<Box<tokio::time::Timeout<crate::service::AppFuture>>>,
    limit: Option<Duration>,
    head: bool,
    cx: &mut Context<'_>,
) -> Poll<http::Response<Body>> {
    match std::task::ready!(fut.as_mut().poll(cx)) {
        Ok(res) => Poll::Ready(res),
        Err(_) => {
            let limit = limit.unwrap_or_default();
            tracing::warn!(
                limit_ms = limit.as_millis() as u64,
                "handler timed out; answered 503"
            );
            let mut res = HttpError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "Request timed out: the handler did not answer within {}",
                    human(limit)
                ),
            )
            .into_response()
            .into_http();
            crate::service::finalize(&mut res, head, false);
            Poll::Ready(res)
        }
    }
}

impl After {
    /// The answer as hyper gets it: finished, and counted in flight until its body is gone.
    #[inline]
    fn answer(&mut self, id: &RequestId, mut res: http::Response<Body>) -> http::Response<Tracked> {
        // The in-flight count holds the connection's shared state: no second reference.
        let in_flight = self
            .in_flight
            .take()
            .expect("ConnFuture polled after completion");
        finish(self, &in_flight.0, id, &mut res);
        res.map(|inner| Tracked {
            inner,
            _in_flight: in_flight,
        })
    }
}

/// What the connection adds to every answer: `connection: close` when it is about to close,
/// the echoed request id, and the access log line.
fn finish(after: &mut After, shared: &ConnShared, id: &RequestId, res: &mut http::Response<Body>) {
    if after
        .body_timed_out
        .as_ref()
        .is_some_and(|flag| flag.load(Ordering::Relaxed))
    {
        res.headers_mut()
            .insert(CONNECTION, const { HeaderValue::from_static("close") });
    }
    // Shutting down: the client learns from this answer not to send another request
    // on this connection, so closing it after the answer loses nothing.
    if shared.closing.load(Ordering::Acquire)
        && after.version < Version::HTTP_2
        && shared.last_request(after.index)
    {
        res.headers_mut()
            .insert(CONNECTION, const { HeaderValue::from_static("close") });
    }
    if after.echo_request_id {
        res.headers_mut().insert(&X_REQUEST_ID, id.header_value());
    }
    if let (Some(started), Some(logged)) = (after.started, &after.logged) {
        log_access(after, started, logged, id, res.status());
    }
}

/// The access log line (out of line: the code that formats it is large, and most requests
/// are not logged).
#[inline(never)]
fn log_access(
    after: &After,
    started: Instant,
    (method, uri): &(http::Method, http::Uri),
    id: &RequestId,
    status: StatusCode,
) {
    let latency = started.elapsed();
    let status = status.as_u16();
    let (shown_method, path) = match after.is_malformed {
        true => ("-", "-"),
        false => (method.as_str(), uri.path()),
    };
    tracing::info!(
        target: "brisk::access",
        request_id = %id,
        method = %shown_method,
        %path,
        version = ?after.version,
        status,
        latency_us = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX),
        "{shown_method} {path} {status} {:.1} ms",
        latency.as_secs_f64() * 1000.0
    );
}

/// Runs one connection: until it ends, closing it when idle too long, and shutting it down
/// gracefully when `shutdown` fires: once nothing it received is still unseen by the app,
/// and, for an idle HTTP/1 connection, after `drain` (a request already on its way is
/// answered, with `connection: close`, instead of being lost with the connection).
pub(crate) async fn drive<C>(
    conn: C,
    shared: Arc<ConnShared>,
    idle_timeout: Option<Duration>,
    ticket: Option<Ticket>,
    drain: Duration,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) where
    C: Future<Output = Result<(), BoxError>> + GracefulConn,
{
    let mut conn = std::pin::pin!(conn);
    let mut shutting = *shutdown.borrow();
    // When an idle HTTP/1 connection may be closed, once shutting down.
    let mut drain_until: Option<Instant> = None;
    // When the connection was asked to finish because it sat idle: a peer that does not
    // complete the close (an HTTP/2 client that never acknowledges the GOAWAY's PING) is
    // dropped one more idle timeout later.
    let mut idle_closing: Option<Instant> = None;
    let mut idle = IdleMark::default();
    let mut signalled = false;
    let mut changed = wait_for_change(shutdown.clone());
    let mut changed_armed = false;
    let mut sleep = std::pin::pin!(tokio::time::sleep(Duration::ZERO));
    loop {
        if shutting && drain_until.is_none() {
            shared.closing.store(true, Ordering::Release);
            drain_until = Some(Instant::now() + drain);
        }
        // Serving as usual, the idle sweeper wakes this task to look (a timer of its own
        // would cost every request: see `sweeper`); shutting down, or with no sweeper, the
        // timer does.
        let sweeping = ticket.as_ref().filter(|_| !shutting && !signalled);
        if sweeping.is_none() {
            let wait = if signalled {
                // Only the idle-close deadline is left to check.
                idle_timeout.unwrap_or(Duration::from_secs(3600))
            } else if shutting {
                Duration::from_millis(10)
            } else {
                // Wake when the connection would have been idle long enough (re-checked
                // then); while it is busy, look again after a quarter of the timeout.
                match (idle_timeout, idle.idle_for(&shared)) {
                    (Some(limit), Some(idle)) => limit.saturating_sub(idle),
                    (Some(limit), None) => limit / 4,
                    (None, _) => Duration::from_secs(3600),
                }
                .max(Duration::from_millis(10))
            };
            sleep.as_mut().reset(Instant::now() + wait);
        }
        let mut sleep_armed = false;
        let mut ticket_armed = false;
        // The connection is polled on every wake-up (every read and write); the shutdown
        // signal and the timer only need polling once to register this task's waker. After
        // that, a cheap check says whether they fired: polling all three on every wake-up
        // cost ~300 instructions a request.
        let event = std::future::poll_fn(|cx| {
            // The connection first: what it has received is read before shutdown decides.
            if let Poll::Ready(res) = conn.as_mut().poll(cx) {
                return Poll::Ready(Event::Done(res));
            }
            if !shutting {
                if !changed_armed {
                    if changed.as_mut().poll(cx).is_ready() {
                        return Poll::Ready(Event::Signal);
                    }
                    changed_armed = true;
                } else if shutdown.has_changed().unwrap_or(true) {
                    return Poll::Ready(Event::Signal);
                }
            }
            if let Some(ticket) = sweeping {
                if !ticket_armed {
                    ticket.arm(cx.waker());
                    ticket_armed = true;
                }
                return match ticket.fired() {
                    true => Poll::Ready(Event::Timer),
                    false => Poll::Pending,
                };
            }
            if !sleep_armed {
                if sleep.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(Event::Timer);
                }
                sleep_armed = true;
            } else if sleep.is_elapsed() {
                return Poll::Ready(Event::Timer);
            }
            Poll::Pending
        })
        .await;
        match event {
            Event::Done(res) => {
                if let Err(error) = res {
                    tracing::debug!(%error, "connection ended with an error");
                }
                return;
            }
            Event::Signal => {
                let changed_to = shutdown
                    .has_changed()
                    .map(|_| *shutdown.borrow_and_update());
                shutting = changed_to.unwrap_or(true);
                if shutting {
                    // Mark the connection closing, then let it read what has arrived.
                    continue;
                }
                // A change back to running: wait for the next one.
                changed = wait_for_change(shutdown.clone());
                changed_armed = false;
            }
            Event::Timer => {}
        }
        if let (Some(since), Some(limit)) = (idle_closing, idle_timeout) {
            if since.elapsed() >= limit {
                tracing::debug!("an idle connection did not close in time; dropping it");
                return;
            }
        }
        if signalled {
            continue;
        }
        if shutting {
            let drained = drain_until.is_some_and(|t| Instant::now() >= t);
            if shared.quiescent() && (drained || !shared.idle_h1()) {
                conn.as_mut().graceful_shutdown();
                signalled = true;
            }
        } else if let (Some(limit), Some(idle)) = (idle_timeout, idle.idle_for(&shared)) {
            if idle >= limit {
                tracing::debug!("closing an idle connection");
                conn.as_mut().graceful_shutdown();
                signalled = true;
                idle_closing = Some(Instant::now());
            }
        }
    }
}

/// What woke [`drive`].
enum Event {
    Done(Result<(), BoxError>),
    Signal,
    Timer,
}

/// Completes when the shutdown signal changes (or its sender is gone).
fn wait_for_change(
    mut receiver: tokio::sync::watch::Receiver<bool>,
) -> Pin<Box<dyn Future<Output = ()> + Send>> {
    Box::pin(async move {
        let _ = receiver.changed().await;
    })
}

/// A hyper connection that can be asked to finish gracefully.
pub(crate) trait GracefulConn {
    fn graceful_shutdown(self: Pin<&mut Self>);
}
