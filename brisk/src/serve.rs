//! Serving an app over TCP: HTTP/1.1 and HTTP/2 (prior knowledge) on one port, with graceful
//! shutdown. The only module that knows about hyper's connection builders.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::time::Duration;

use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

use crate::body::Body;
use crate::service::AppService;
use crate::App;

/// The address and port of the peer, inserted into every request's extensions.
#[derive(Debug, Clone, Copy)]
pub struct ConnectInfo {
    /// The client's address.
    pub remote_addr: SocketAddr,
}

/// Server settings.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// How long a client may take to send a request's headers (default 30 s). hyper has no
    /// such limit unless a timer is set, which lets slow clients hold connections forever.
    pub header_read_timeout: Duration,
    /// How long shutdown waits for requests in flight before giving up (default 30 s).
    pub grace_period: Duration,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            header_read_timeout: Duration::from_secs(30),
            grace_period: Duration::from_secs(30),
        }
    }
}

impl App {
    /// Serves on `127.0.0.1:8000`, or the port in the `PORT` environment variable, until
    /// SIGINT or SIGTERM; then stops accepting, lets requests in flight finish and returns.
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// brisk::App::new().run().await
    /// # }
    /// ```
    pub async fn run(self) -> std::io::Result<()> {
        let port = match std::env::var("PORT") {
            Ok(p) => p.parse::<u16>().map_err(|_| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("PORT must be a number from 0 to 65535, not {p:?}"),
                )
            })?,
            Err(_) => 8000,
        };
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        tracing::info!("brisk listening on http://{}", listener.local_addr()?);
        serve(listener, self, shutdown_signal()).await
    }
}

/// Serves `app` on `listener` until `shutdown` completes; then stops accepting, lets
/// requests in flight finish (up to the grace period) and returns.
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// brisk::serve(listener, brisk::App::new(), brisk::shutdown_signal()).await
/// # }
/// ```
pub async fn serve(
    listener: TcpListener,
    app: App,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    serve_with(listener, app, shutdown, ServeConfig::default()).await
}

/// [`serve`] with explicit settings.
pub async fn serve_with(
    listener: TcpListener,
    app: App,
    shutdown: impl Future<Output = ()>,
    config: ServeConfig,
) -> std::io::Result<()> {
    let service = app.into_service();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout);
    builder.http2().timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, remote_addr) = match accepted {
                    Ok(a) => a,
                    Err(error) => {
                        // e.g. too many open files: back off instead of spinning.
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let conn = builder.serve_connection(
                    TokioIo::new(stream),
                    ConnService { service: service.clone(), info: ConnectInfo { remote_addr } },
                );
                let conn = graceful.watch(conn.into_owned());
                tokio::spawn(async move {
                    if let Err(error) = conn.await {
                        tracing::debug!(%error, "connection ended with an error");
                    }
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    tracing::info!("shutting down: waiting for requests in flight");
    if tokio::time::timeout(config.grace_period, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("grace period over; closing the remaining connections");
    }
    Ok(())
}

/// Completes on SIGINT (Ctrl-C) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[derive(Clone)]
struct ConnService {
    service: AppService,
    info: ConnectInfo,
}

impl hyper::service::Service<http::Request<Incoming>> for ConnService {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<http::Response<Body>, Infallible>> + Send>>;

    fn call(&self, req: http::Request<Incoming>) -> Self::Future {
        let mut req = req.map(Body::incoming);
        req.extensions_mut().insert(self.info);
        let fut = self.service.call(req);
        Box::pin(async move { Ok(fut.await) })
    }
}
