//! Serving an app over TCP: HTTP/1.1 and HTTP/2 (prior knowledge) on one port, with limits,
//! timeouts, a strict HTTP/1 gatekeeper, an access log and graceful shutdown. The only
//! module that knows about hyper's connection builders.
//!
//! - [`limits`]: [`ServeConfig`] and its defaults;
//! - [`env`]: settings from the environment ([`ServeConfig::from_env`], `HOST` and `PORT`);
//! - [`forwarded`]: [`TrustedProxies`] and the `Forwarded` / `X-Forwarded-Proto` headers
//!   behind absolute URLs;
//! - [`guard`]: the HTTP/1 gatekeeper between the socket and hyper (framing, head limits,
//!   header-read timeout);
//! - [`conn`]: the per-connection service (request ids, HTTP/2 head limits, body-read and
//!   handler timeouts, access log) and the task that runs a connection (idle timeout,
//!   graceful shutdown);
//! - [`sweeper`]: the thread that wakes idle connections' tasks, so that no connection
//!   keeps a timer in the runtime.

mod conn;
mod env;
pub(crate) mod forwarded;
mod guard;
mod limits;
mod protocol;
mod sweeper;

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;

use crate::App;

pub use crate::connection::{ConnectInfo, RequestId};
pub use env::EnvError;
pub use forwarded::{InvalidTrustedProxies, TrustedProxies};
pub use limits::{ConnectionOverflow, ServeConfig};
/// The rustls crate brisk serves HTTPS with (feature `tls`), to build a
/// [`ServeConfig::tls`] configuration.
#[cfg(feature = "tls")]
pub use tokio_rustls::rustls;

use crate::connection::ConnOrigin;
use conn::{ConnService, ConnShared};
use guard::Guard;
use limits::Limits;

impl App {
    /// Serves until SIGINT or SIGTERM, configured by the environment: on `HOST` (default
    /// `127.0.0.1`) and `PORT` (default `8000`), with [`ServeConfig::from_env`] (`BRISK_*`
    /// variables); then stops accepting, lets requests in flight finish and returns.
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// brisk::App::new().run().await
    /// # }
    /// ```
    ///
    /// # Errors
    /// A variable whose value is not valid (`InvalidInput`, naming it), or an address that
    /// cannot be bound.
    pub async fn run(self) -> std::io::Result<()> {
        self.run_with(ServeConfig::from_env()?).await
    }

    /// [`run`](App::run) with explicit server settings, used as they are (build them with
    /// [`ServeConfig::apply_env`] to let the environment override them); the address is
    /// still `HOST` and `PORT`.
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// use std::time::Duration;
    /// let config = brisk::ServeConfig::default().handler_timeout(Some(Duration::from_secs(10)));
    /// brisk::App::new().run_with(config).await
    /// # }
    /// ```
    ///
    /// # Errors
    /// `HOST` or `PORT` not valid (`InvalidInput`, naming it), or an address that cannot be
    /// bound.
    pub async fn run_with(self, config: ServeConfig) -> std::io::Result<()> {
        run_boxed(self, config).await
    }
}

/// A server's future, boxed. An `async fn`'s body (its coroutine's `poll`) is compiled in
/// every crate that polls it, even when the function is not generic (rust-lang/rust#143290):
/// awaited by an app's `main`, the server's accept loop, connection set and shutdown were
/// ~13,000 lines of LLVM IR in every app's binary (a fifth of the bench app's, about a second
/// of each release build of it). Polled through the box's vtable, they are compiled once,
/// in brisk.
type Served = Pin<Box<dyn Future<Output = std::io::Result<()>> + Send>>;

/// What stops a server (see [`Served`]).
type Shutdown = Pin<Box<dyn Future<Output = ()> + Send>>;

/// [`App::run_with`]'s work, behind a box (see [`Served`]; the loop is awaited inside it,
/// already behind the vtable, so it needs no box of its own).
fn run_boxed(app: App, config: ServeConfig) -> Served {
    Box::pin(async move {
        let addr = env::bind_addr(&env::process_env)?;
        let listener = TcpListener::bind(addr).await?;
        tracing::info!("brisk listening on http://{}", listener.local_addr()?);
        serve_loop(listener, app, Box::pin(shutdown_signal()), config).await
    })
}

/// Serves `app` on `listener` until `shutdown` completes; then stops accepting, lets
/// requests in flight finish (up to the grace period) and returns.
///
/// `shutdown` can be any future: it need not be `Send` or `'static` (it may borrow), and the
/// returned future is `Send` when `shutdown` is, so it can be spawned.
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
    // Only this wrapper is compiled in the app (see [`Served`]). `shutdown` need be neither
    // `Send` nor `'static`, so it is not boxed: it is awaited here and relayed.
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let stopped = Box::pin(async move {
        let _ = stopped.await;
    });
    let mut served = serve_until(listener, app, stopped, config);
    tokio::select! {
        biased;
        done = &mut served => return done,
        () = shutdown => {}
    }
    let _ = stop.send(());
    served.await
}

/// The server of [`serve_with`], boxed (see [`Served`]).
fn serve_until(listener: TcpListener, app: App, shutdown: Shutdown, config: ServeConfig) -> Served {
    Box::pin(serve_loop(listener, app, shutdown, config))
}

/// Accepts and serves connections until `shutdown` completes, then drains them.
async fn serve_loop(
    listener: TcpListener,
    app: App,
    mut shutdown: Shutdown,
    config: ServeConfig,
) -> std::io::Result<()> {
    let app = match config.body_limit {
        Some(limit) => app.body_limit(limit),
        None => app,
    };
    let service = app.into_service();
    let limits = Arc::new(Limits::new(&config));
    let builder = Arc::new(protocol::builder(&config));
    let permits = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let (stop_tx, stop_rx) = watch::channel(false);
    #[cfg(feature = "tls")]
    let tls = config.tls.clone().map(|tls| {
        let mut tls = (*tls).clone();
        if tls.alpn_protocols.is_empty() {
            tls.alpn_protocols = protocol::alpn_protocols();
        }
        tokio_rustls::TlsAcceptor::from(Arc::new(tls))
    });
    // Every eighth of the idle timeout, so an idle connection closes at most a quarter of it
    // late (`conn::IdleMark`).
    let sweeper = limits
        .idle_timeout
        .map(|limit| sweeper::Sweeper::start((limit / 8).max(Duration::from_millis(1))));
    let spawner = Spawner {
        service,
        limits: limits.clone(),
        sweeper,
        builder,
        stop: stop_rx,
        trusted_proxies: config.trusted_proxies.clone(),
        #[cfg(feature = "tls")]
        tls,
    };
    let mut tasks = JoinSet::new();
    loop {
        while tasks.try_join_next().is_some() {}
        let permit = match config.connection_overflow {
            ConnectionOverflow::Queue => tokio::select! {
                permit = permits.clone().acquire_owned() => match permit {
                    Ok(p) => Some(p),
                    Err(_) => break,
                },
                () = &mut shutdown => break,
            },
            ConnectionOverflow::Refuse => None,
        };
        let (stream, remote_addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(error) => {
                    // e.g. too many open files: back off instead of spinning.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let permit = match permit {
            Some(p) => p,
            None => match permits.clone().try_acquire_owned() {
                Ok(p) => p,
                Err(_) => {
                    refuse(stream, config.max_connections);
                    continue;
                }
            },
        };
        spawner.spawn(&mut tasks, stream, remote_addr, permit);
    }
    let _ = stop_tx.send(true);
    // Connections the kernel completed before we stopped listening may carry a request
    // already (a proxy sends its request right after the handshake): closing the listener
    // would reset them. Accept them too; they are served like the others (every answer now
    // says `connection: close`).
    let backlog = drain_backlog(listener);
    for (stream, remote_addr) in backlog {
        match permits.clone().try_acquire_owned() {
            Ok(permit) => spawner.spawn(&mut tasks, stream, remote_addr, permit),
            Err(_) => refuse(stream, config.max_connections),
        }
    }
    tracing::info!(
        connections = tasks.len(),
        "shutting down: answering the requests already received"
    );
    let drained = tokio::time::timeout(config.grace_period, async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            connections = tasks.len(),
            "grace period over; closing the remaining connections"
        );
        tasks.abort_all();
        while tasks.join_next().await.is_some() {}
    }
    Ok(())
}

/// Accepts, without waiting, every connection already in the listen backlog, then closes the
/// listener. Bounded: at most 4096 connections.
fn drain_backlog(listener: TcpListener) -> Vec<(TcpStream, SocketAddr)> {
    let mut accepted = Vec::new();
    // The standard listener accepts with a real system call, so a connection that arrived
    // since the runtime last looked is found too.
    let Ok(listener) = listener.into_std() else {
        return accepted;
    };
    while accepted.len() < 4096 {
        match listener.accept() {
            Ok((stream, addr)) => {
                if stream.set_nonblocking(true).is_err() {
                    continue;
                }
                if let Ok(stream) = TcpStream::from_std(stream) {
                    accepted.push((stream, addr));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    if !accepted.is_empty() {
        tracing::debug!(
            connections = accepted.len(),
            "accepted the connections left in the listen backlog"
        );
    }
    accepted
}

/// What every connection is started with.
struct Spawner {
    service: crate::service::AppService,
    limits: Arc<Limits>,
    sweeper: Option<sweeper::Sweeper>,
    builder: Arc<protocol::Builder>,
    stop: watch::Receiver<bool>,
    trusted_proxies: forwarded::TrustedProxies,
    #[cfg(feature = "tls")]
    tls: Option<tokio_rustls::TlsAcceptor>,
}

impl Spawner {
    fn spawn(
        &self,
        tasks: &mut JoinSet<()>,
        stream: TcpStream,
        remote_addr: SocketAddr,
        permit: tokio::sync::OwnedSemaphorePermit,
    ) {
        let _ = stream.set_nodelay(true);
        #[allow(unused_mut)]
        let mut start = Start {
            service: self.service.clone(),
            info: ConnectInfo { remote_addr },
            origin: ConnOrigin {
                trust_forwarded: self.trusted_proxies.contains(remote_addr.ip()),
                tls: false,
            },
            limits: self.limits.clone(),
            builder: self.builder.clone(),
            stop: self.stop.clone(),
            ticket: self.sweeper.as_ref().and_then(|s| s.register()),
        };
        #[cfg(feature = "tls")]
        if let Some(acceptor) = &self.tls {
            start.origin.tls = true;
            let acceptor = acceptor.clone();
            let handshake_limit = self
                .limits
                .header_read_timeout
                .unwrap_or(Duration::from_secs(10));
            tasks.spawn(async move {
                match tokio::time::timeout(handshake_limit, acceptor.accept(stream)).await {
                    Ok(Ok(tls)) => start.run(tls).await,
                    Ok(Err(error)) => tracing::debug!(%error, "TLS handshake failed"),
                    Err(_) => tracing::debug!("TLS handshake timed out"),
                }
                drop(permit);
            });
            return;
        }
        tasks.spawn(async move {
            start.run(stream).await;
            drop(permit);
        });
    }
}

/// Answers a connection past the limit with a 503 and closes it, without waiting on it for
/// long.
fn refuse(stream: TcpStream, limit: usize) {
    tracing::warn!(limit, "connection limit reached; refusing a connection");
    let body = format!(r#"{{"detail":"Too many connections: the limit is {limit}"}}"#);
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.try_write(answer.as_bytes());
    // Send FIN at once: the client sees the answer and the close together.
    let stream = match stream.into_std() {
        Ok(std) => {
            let _ = std.shutdown(std::net::Shutdown::Write);
            match TcpStream::from_std(std) {
                Ok(s) => s,
                Err(_) => return,
            }
        }
        Err(_) => return,
    };
    // At most this many refused connections linger at once; past that they close at once.
    static LINGERING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    if LINGERING.fetch_add(1, std::sync::atomic::Ordering::AcqRel) >= 256 {
        LINGERING.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
        return;
    }
    tokio::spawn(async move {
        // Read what the client sent (briefly) so closing does not reset the answer away.
        let _ = tokio::time::timeout(Duration::from_millis(500), async {
            let mut buf = [0u8; 4096];
            loop {
                if stream.readable().await.is_err() {
                    return;
                }
                match stream.try_read(&mut buf) {
                    Ok(0) => return,
                    Ok(_) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(_) => return,
                }
            }
        })
        .await;
        LINGERING.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    });
}

/// What a connection needs to be served, whatever its transport.
struct Start {
    service: crate::service::AppService,
    info: ConnectInfo,
    origin: ConnOrigin,
    limits: Arc<Limits>,
    builder: Arc<protocol::Builder>,
    stop: watch::Receiver<bool>,
    ticket: Option<sweeper::Ticket>,
}

impl Start {
    async fn run<IO>(self, io: IO)
    where
        IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let shared = Arc::new(ConnShared::new());
        let io = TokioIo::new(Guard::new(io, self.limits.clone(), shared.clone()));
        let svc = ConnService {
            service: self.service,
            info: self.info,
            origin: self.origin,
            limits: self.limits.clone(),
            shared: shared.clone(),
        };
        let conn = protocol::serve(&self.builder, io, svc);
        conn::drive(
            conn,
            shared,
            self.limits.idle_timeout,
            self.ticket,
            self.limits.shutdown_drain,
            self.stop,
        )
        .await;
    }
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
