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
        self.call_with(req, None)
    }

    /// [`call`](Self::call) for a request that came through the server: `meta` goes to the
    /// handler's [`Request`](crate::Request) directly, or into the extensions when tower
    /// layers come first.
    pub(crate) fn call_with(
        &self,
        mut req: http::Request<Body>,
        meta: Option<ConnMeta>,
    ) -> AppFuture {
        let head = req.method() == Method::HEAD;
        let state = match &*self.inner {
            Inner::Router(router) => AppState::Router(router.dispatch(req, meta)),
            Inner::Layered(svc) => {
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

impl Future for AppFuture {
    type Output = http::Response<Body>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<http::Response<Body>> {
        let this = &mut *self;
        let polled = std::panic::catch_unwind(AssertUnwindSafe(|| match &mut this.state {
            AppState::Router(fut) => Pin::new(fut).poll(cx).map(Response::into_http),
            AppState::Layered(fut) => fut.as_mut().poll(cx).map(|res| {
                res.unwrap_or_else(|error| {
                    tracing::error!(%error, "a layer failed; answered 500");
                    internal_server_error().into_http()
                })
            }),
            AppState::Done => panic!("AppFuture polled after completion"),
        }));
        let res = match polled {
            Ok(Poll::Pending) => return Poll::Pending,
            Ok(Poll::Ready(res)) => res,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .copied()
                    .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
                    .unwrap_or("(no message)");
                tracing::error!(panic = message, "a handler panicked; answered 500");
                internal_server_error().into_http()
            }
        };
        // The future inside may hold request data; drop it now, not with the connection.
        this.state = AppState::Done;
        Poll::Ready(finalize(res, this.head))
    }
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
        let fut = self.0.dispatch(req, None);
        Box::pin(async move { Ok(fut.await.into_http()) })
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
pub(crate) fn finalize(res: http::Response<Body>, head: bool) -> http::Response<Body> {
    let (mut parts, body) = res.into_parts();
    let code = parts.status.as_u16();
    if crate::status::is_bodyless(code) {
        if body.exact_len() != Some(0) {
            tracing::warn!(
                status = code,
                "a response with status {code} had a body; it was dropped (this status never carries content)"
            );
        }
        parts.headers.remove(CONTENT_LENGTH);
        parts.headers.remove(CONTENT_TYPE);
        parts.headers.remove(TRANSFER_ENCODING);
        if code == 205 {
            parts
                .headers
                .insert(CONTENT_LENGTH, const { HeaderValue::from_static("0") });
        }
        return http::Response::from_parts(parts, Body::empty());
    }
    if let Some(len) = body.exact_len() {
        let stated = parts.headers.get(CONTENT_LENGTH);
        if !stated.is_some_and(|v| crate::response::states_length(v, len)) {
            if stated.is_some() {
                tracing::warn!(
                    "a response stated a content-length that differs from its body ({len} bytes); corrected"
                );
            }
            parts
                .headers
                .insert(CONTENT_LENGTH, crate::response::content_length(len));
        }
        if parts.headers.contains_key(TRANSFER_ENCODING) {
            parts.headers.remove(TRANSFER_ENCODING);
        }
    }
    if head {
        parts.headers.remove(TRANSFER_ENCODING);
        return http::Response::from_parts(parts, Body::empty());
    }
    http::Response::from_parts(parts, body)
}

impl From<Response> for http::Response<Body> {
    fn from(res: Response) -> Self {
        res.into_http()
    }
}
