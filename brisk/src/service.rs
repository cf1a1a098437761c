//! The service the server and the test client run, and its final stage.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::header::{CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
use http::{HeaderValue, Method};

use crate::app::BoxedService;
use crate::body::{Body, BoxError};
use crate::connection::ConnMeta;
use crate::response::{internal_server_error, Response};
use crate::routing::{Dispatch, Router};

pub(crate) enum Inner {
    Router(Arc<Router>),
    Layered(BoxedService),
}

/// A built [`App`](crate::App): a cheap-to-clone service from requests to responses. The
/// server runs it for every connection, and [`TestClient`](crate::testing::TestClient) runs
/// it in process.
#[derive(Clone)]
pub struct AppService {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for AppService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AppService")
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl AppService {
    pub(crate) fn new(inner: Inner) -> Self {
        AppService {
            inner: Arc::new(inner),
        }
    }

    /// Answers one request. Never fails: every problem becomes a response, and the response
    /// has been through brisk's final stage (no body on 1xx/204/205/304 or `HEAD`, exact
    /// `content-length`, a panic turned into a 500). See [`App::into_service`] for an
    /// example.
    ///
    /// [`App::into_service`]: crate::App::into_service
    pub fn call(
        &self,
        req: http::Request<Body>,
    ) -> impl Future<Output = http::Response<Body>> + Send + 'static {
        let (parts, body) = req.into_parts();
        self.call_with(parts, body, None)
    }

    /// [`call`](Self::call) for a request that came through the server: `meta` goes to the
    /// handler's [`Request`](crate::Request) directly, or into the extensions when tower
    /// layers come first.
    #[inline]
    pub(crate) fn call_with(
        &self,
        parts: http::request::Parts,
        body: Body,
        meta: Option<ConnMeta>,
    ) -> AppFuture {
        let head = parts.method == Method::HEAD;
        let state = match &*self.inner {
            // Routing runs the route's extraction before its future exists (a parameter
            // type's parser is user code): a panic there is caught like one in the handler.
            Inner::Router(router) => AppState::Router(
                std::panic::catch_unwind(AssertUnwindSafe(|| router.dispatch(parts, body, meta)))
                    .unwrap_or_else(|panic| Dispatch::ready(panic_response(&*panic))),
            ),
            Inner::Layered(svc) => {
                let mut req = http::Request::from_parts(parts, body);
                if let Some(meta) = meta {
                    meta.insert_into(req.extensions_mut());
                }
                AppState::Layered(svc.clone().oneshot(req))
            }
        };
        AppFuture { state, head }
    }
}

/// A request being answered by the app: the router's or the layers' future, with panics
/// caught and the final stage applied to what comes out. A named type rather than an
/// `async` block, so the server can hold it without boxing it again.
pub(crate) struct AppFuture {
    state: AppState,
    head: bool,
}

enum AppState {
    Router(Dispatch),
    Layered(BoxFuture<Result<http::Response<Body>, BoxError>>),
    Done,
}

impl AppFuture {
    /// [`poll`](Future::poll), with `then` applied to the answer where it is made: the
    /// server wraps the answer in its own type there, instead of moving the ~150-byte
    /// response out of this future first (each move is a `memcpy`).
    #[inline]
    pub(crate) fn poll_then<T>(
        &mut self,
        cx: &mut Context<'_>,
        then: impl FnOnce(http::Response<Body>) -> T,
    ) -> Poll<T> {
        let polled = std::panic::catch_unwind(AssertUnwindSafe(|| match &mut self.state {
            AppState::Router(fut) => Pin::new(fut).poll(cx),
            // (A layer may have changed anything: the final stage checks everything.)
            AppState::Layered(fut) => fut.as_mut().poll(cx).map(|res| {
                let res = res.unwrap_or_else(|error| {
                    tracing::error!(%error, "a layer failed; answered 500");
                    internal_server_error().into_http()
                });
                (res, false)
            }),
            AppState::Done => panic!("AppFuture polled after completion"),
        }));
        let (mut res, framed) = match polled {
            Ok(Poll::Pending) => return Poll::Pending,
            Ok(Poll::Ready(out)) => out,
            Err(panic) => (panic_response(&*panic).into_http(), false),
        };
        // The future inside may hold request data; drop it now, not with the connection.
        self.state = AppState::Done;
        finalize(&mut res, self.head, framed);
        Poll::Ready(then(res))
    }
}

impl Future for AppFuture {
    type Output = http::Response<Body>;

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<http::Response<Body>> {
        self.poll_then(cx, |res| res)
    }
}

/// FastAPI's plain 500 for a panic, whose message goes to the log only.
fn panic_response(panic: &(dyn std::any::Any + Send)) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "a handler panicked; answered 500");
    internal_server_error()
}

/// The innermost service tower layers wrap.
#[derive(Clone)]
pub(crate) struct RouterService(pub(crate) Arc<Router>);

impl tower::Service<http::Request<Body>> for RouterService {
    type Response = http::Response<Body>;
    type Error = BoxError;
    type Future = BoxFuture<Result<http::Response<Body>, BoxError>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        // Requests reach the router through layers: what the server attached is in the
        // extensions.
        let (parts, body) = req.into_parts();
        let fut = self.0.dispatch(parts, body, None);
        Box::pin(async move { Ok(fut.await.0) })
    }
}

/// The final stage, run on every response whoever built it (handler, error, routing or a
/// layer), so the RFC 9110 rules hold by construction:
///
/// - 1xx, 204, 205 and 304 carry no body and no `content-type` or `transfer-encoding`, and
///   no `content-length` except `content-length: 0` on 205 (FastAPI sends `content-type` on
///   204 and a stale `content-length` on 205: brisk does not). A 205 is framed like any other
///   response (RFC 9112 §6.3), so hyper always writes `content-length: 0` for it; saying so
///   here keeps `TestClient` and the wire identical;
/// - a HEAD answer carries the headers of the GET answer, with its `content-length`, and no
///   body;
/// - a body held in memory is sent with its exact `content-length`.
///
/// `framed`: brisk built the headers knowing the body (see `Response::framed`), so the
/// length needs no check; false for anything a tower layer returned.
#[inline]
pub(crate) fn finalize(res: &mut http::Response<Body>, head: bool, framed: bool) {
    let code = res.status().as_u16();
    if crate::status::is_bodyless(code) {
        if res.body().exact_len() != Some(0) {
            tracing::warn!(
                status = code,
                "a response with status {code} had a body; it was dropped (this status never carries content)"
            );
        }
        let headers = res.headers_mut();
        // (Each removal hashes its name: most bodiless answers have no header at all.)
        if !headers.is_empty() {
            headers.remove(CONTENT_LENGTH);
            headers.remove(CONTENT_TYPE);
            headers.remove(TRANSFER_ENCODING);
        }
        if code == 205 {
            headers.insert(CONTENT_LENGTH, const { HeaderValue::from_static("0") });
        }
        *res.body_mut() = Body::empty();
        return;
    }
    // (Framed by brisk, or a right `content-length` first and alone: nothing to walk over.)
    let exact = match framed {
        true => None,
        false => res.body().exact_len(),
    };
    if let Some(len) = exact.filter(|&len| !states_length_alone(res.headers(), len)) {
        // One pass over the (few) headers instead of a hashed lookup per name.
        let (mut lengths, mut stated_right, mut chunked) = (0, false, false);
        for (name, value) in res.headers() {
            if name == CONTENT_LENGTH {
                lengths += 1;
                stated_right = crate::response::states_length(value, len);
            } else if name == TRANSFER_ENCODING {
                chunked = true;
            }
        }
        let headers = res.headers_mut();
        if lengths != 1 || !stated_right {
            if lengths > 0 {
                tracing::warn!(
                    "a response stated a content-length that differs from its body ({len} bytes); corrected"
                );
            }
            headers.insert(CONTENT_LENGTH, crate::response::content_length(len));
        }
        if chunked {
            headers.remove(TRANSFER_ENCODING);
        }
    }
    if head {
        res.headers_mut().remove(TRANSFER_ENCODING);
        *res.body_mut() = Body::empty();
    } else if exact == Some(0) || (framed && res.body().is_empty()) {
        // An empty body's `content-length: 0` goes out where the headers have it, as FastAPI
        // sends it (before `location` on a redirect): hyper moves it after every other header
        // for a body that has ended, not for one that is still to be read. (A framed answer
        // states its length, and its body, if empty, is `Body::empty`: told by its kind alone.)
        let body = std::mem::take(res.body_mut());
        *res.body_mut() = body.not_ended();
    }
}

/// Whether the headers are what brisk's own responses look like: the right
/// `content-length` first, no other `content-length` and no `transfer-encoding`. Told from
/// the names alone (a slice walk) and the first value, so that the common case skips the
/// general check's walk over every value.
fn states_length_alone(headers: &http::HeaderMap, len: u64) -> bool {
    let mut names = headers.keys();
    names.next() == Some(&CONTENT_LENGTH)
        && headers.len() == headers.keys_len()
        && names.all(|name| name != CONTENT_LENGTH && name != TRANSFER_ENCODING)
        && headers
            .iter()
            .next()
            .is_some_and(|(_, value)| crate::response::states_length(value, len))
}

impl From<Response> for http::Response<Body> {
    fn from(res: Response) -> Self {
        res.into_http()
    }
}

#[cfg(test)]
mod tests {
    use http::header::{HeaderName, CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
    use http::HeaderValue;

    use crate::body::Body;

    /// A status, headers in order, a body, whether the request was HEAD; what the final stage
    /// leaves: the headers in order and the body's length.
    type Case = (
        u16,
        &'static [(HeaderName, &'static str)],
        &'static str,
        bool,
        &'static [(&'static str, &'static str)],
        u64,
    );

    #[test]
    fn a_body_in_memory_gets_exactly_one_right_content_length() {
        const CASES: &[Case] = &[
            // Right and first (the short way).
            (
                200,
                &[(CONTENT_LENGTH, "5"), (CONTENT_TYPE, "text/plain")],
                "hello",
                false,
                &[("content-length", "5"), ("content-type", "text/plain")],
                5,
            ),
            (
                200,
                &[(CONTENT_LENGTH, "5"), (CONTENT_TYPE, "a/b")],
                "hello",
                true,
                &[("content-length", "5"), ("content-type", "a/b")],
                0,
            ),
            // Stated twice, wrongly, with transfer-encoding, or missing.
            (
                200,
                &[(CONTENT_LENGTH, "5"), (CONTENT_LENGTH, "7")],
                "hello",
                false,
                &[("content-length", "5")],
                5,
            ),
            (
                200,
                &[
                    (CONTENT_TYPE, "a/b"),
                    (CONTENT_LENGTH, "05"),
                    (TRANSFER_ENCODING, "chunked"),
                ],
                "hello",
                false,
                &[("content-type", "a/b"), ("content-length", "5")],
                5,
            ),
            // Right and first, but followed by what the general check removes or corrects.
            (
                200,
                &[(CONTENT_LENGTH, "5"), (TRANSFER_ENCODING, "chunked")],
                "hello",
                false,
                &[("content-length", "5")],
                5,
            ),
            (
                200,
                &[
                    (CONTENT_LENGTH, "5"),
                    (CONTENT_TYPE, "a/b"),
                    (CONTENT_LENGTH, "6"),
                ],
                "hello",
                false,
                &[("content-length", "5"), ("content-type", "a/b")],
                5,
            ),
            (200, &[], "hi", true, &[("content-length", "2")], 0),
            // A status that never carries content.
            (
                204,
                &[(CONTENT_LENGTH, "2"), (CONTENT_TYPE, "a/b")],
                "hi",
                false,
                &[],
                0,
            ),
        ];
        for (status, given, body, head, want, len) in CASES {
            let mut res = http::Response::new(Body::full(*body));
            *res.status_mut() = http::StatusCode::from_u16(*status).unwrap();
            for (name, value) in *given {
                res.headers_mut()
                    .append(name, HeaderValue::from_static(value));
            }
            super::finalize(&mut res, *head, false);
            let got: Vec<(&str, &str)> = res
                .headers()
                .iter()
                .map(|(n, v)| (n.as_str(), v.to_str().unwrap()))
                .collect();
            assert_eq!(got, *want, "{status} {given:?} head={head}");
            assert_eq!(
                res.body().exact_len(),
                Some(*len),
                "{status} {given:?} head={head}"
            );
        }
    }
}
