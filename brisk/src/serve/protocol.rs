//! Which protocols a connection speaks, and hyper's connection for them.
//!
//! By default HTTP/1.1 (and 1.0) only, as uvicorn serves FastAPI and as axum does by default:
//! hyper's HTTP/1 connection directly. The `http2` cargo feature adds HTTP/2 — h2c with prior
//! knowledge (the gatekeeper recognises the preface) and, with `tls`, ALPN `h2` — through
//! hyper-util's auto connection, which reads the first bytes to pick the protocol. HTTP/2 is
//! a feature because its code is a sixth of a brisk binary and a fifth of its build time.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};

use super::conn::{ConnService, GracefulConn};
use super::guard::Guard;
use super::ServeConfig;
use crate::body::BoxError;

/// hyper's own limit on HTTP/1 request headers when none is set.
const HYPER_DEFAULT_MAX_HEADERS: usize = 100;

#[cfg(feature = "http2")]
pub(crate) type Builder = hyper_util::server::conn::auto::Builder<hyper_util::rt::TokioExecutor>;
#[cfg(not(feature = "http2"))]
pub(crate) type Builder = hyper::server::conn::http1::Builder;

#[cfg(feature = "http2")]
type Connection<IO> = hyper_util::server::conn::auto::Connection<
    'static,
    TokioIo<Guard<IO>>,
    ConnService,
    hyper_util::rt::TokioExecutor,
>;
#[cfg(not(feature = "http2"))]
type Connection<IO> = hyper::server::conn::http1::Connection<TokioIo<Guard<IO>>, ConnService>;

/// The protocols TLS offers by ALPN, most preferred first.
#[cfg(feature = "tls")]
pub(crate) fn alpn_protocols() -> Vec<Vec<u8>> {
    #[cfg(feature = "http2")]
    return vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    #[cfg(not(feature = "http2"))]
    return vec![b"http/1.1".to_vec()];
}

/// The HTTP/1 settings every connection shares (on hyper's builder, or hyper-util's, which
/// mirrors it): the gatekeeper applies the head limits and the header-read timeout with JSON
/// answers; hyper's own limits stay above them as a backstop.
macro_rules! http1_settings {
    ($h1:expr, $config:expr) => {{
        let h1 = $h1;
        h1.timer(TokioTimer::new())
            .header_read_timeout(None)
            .max_buf_size(($config.max_head_size * 2).max(64 * 1024))
            .writev($config.vectored_writes);
        // hyper parses up to 100 headers into a stack array; setting any `max_headers` makes
        // it allocate and fill a vector of that size for every head instead (1.7 k
        // instructions a request). The gatekeeper enforces the limit, so hyper's only needs
        // raising.
        if $config.max_headers > HYPER_DEFAULT_MAX_HEADERS {
            h1.max_headers($config.max_headers);
        }
    }};
}

#[cfg(not(feature = "http2"))]
pub(crate) fn builder(config: &ServeConfig) -> Builder {
    let mut builder = hyper::server::conn::http1::Builder::new();
    http1_settings!(&mut builder, config);
    builder
}

#[cfg(feature = "http2")]
pub(crate) fn builder(config: &ServeConfig) -> Builder {
    use std::time::Duration;

    let mut builder = Builder::new(hyper_util::rt::TokioExecutor::new());
    http1_settings!(&mut builder.http1(), config);
    let mut h2 = builder.http2();
    h2.timer(TokioTimer::new())
        .max_concurrent_streams(config.h2_max_concurrent_streams)
        .max_pending_accept_reset_streams(config.h2_max_pending_accept_reset_streams)
        .max_local_error_reset_streams(config.h2_max_local_error_reset_streams)
        .max_header_list_size(
            u32::try_from(config.max_head_size.saturating_mul(2)).unwrap_or(u32::MAX),
        )
        .max_send_buf_size(256 * 1024)
        .keep_alive_interval(config.h2_keep_alive_interval);
    if config.h2_keep_alive_interval.is_some() {
        h2.keep_alive_timeout(Duration::from_secs(20));
    }
    builder
}

/// Serves `svc` on `io` (behind the gatekeeper).
pub(crate) fn serve<IO>(builder: &Builder, io: TokioIo<Guard<IO>>, svc: ConnService) -> Conn<IO>
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    #[cfg(feature = "http2")]
    let conn = builder.serve_connection(io, svc).into_owned();
    #[cfg(not(feature = "http2"))]
    let conn = builder.serve_connection(io, svc);
    Conn(Box::pin(conn))
}

/// hyper's connection, with its graceful shutdown behind [`GracefulConn`].
pub(crate) struct Conn<IO>(Pin<Box<Connection<IO>>>);

impl<IO> Future for Conn<IO>
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Output = Result<(), BoxError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.0.as_mut().poll(cx).map_err(Into::into)
    }
}

impl<IO> GracefulConn for Conn<IO>
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    fn graceful_shutdown(mut self: Pin<&mut Self>) {
        self.0.as_mut().graceful_shutdown();
    }
}
