//! The server's settings ([`ServeConfig`]) and the per-connection view of them.

use std::time::Duration;

use super::forwarded::TrustedProxies;

/// What the server does with a new connection once [`ServeConfig::max_connections`] are
/// open.
///
/// ```
/// use brisk::{ConnectionOverflow, ServeConfig};
///
/// let config = ServeConfig::default()
///     .max_connections(2_000)
///     .connection_overflow(ConnectionOverflow::Refuse);
/// assert_eq!(config.connection_overflow, ConnectionOverflow::Refuse);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConnectionOverflow {
    /// Stop accepting until a connection closes: new clients wait in the listen backlog
    /// (the default — nothing is refused while the backlog has room).
    #[default]
    Queue,
    /// Accept, answer `503` with a JSON `detail` and `connection: close`, and close.
    Refuse,
}

/// Server settings: timeouts, limits, HTTP/2 protections, shutdown and request ids.
///
/// Every default is safe for a server facing the internet; see the README's *Production*
/// section for each value and why. A body's size limit is set on the app
/// ([`App::body_limit`](crate::App::body_limit)) because routes may override it;
/// [`body_limit`](Self::body_limit) here replaces the app's. Every setting can also come
/// from the environment ([`from_env`](Self::from_env)).
///
/// ```
/// use std::time::Duration;
/// let config = brisk::ServeConfig::default()
///     .handler_timeout(Some(Duration::from_secs(10)))
///     .echo_request_id(true);
/// # let _ = config;
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServeConfig {
    /// How long a client may take to send a request head, from its first byte (and, for a
    /// connection's first request, from the connection's accept). A head still incomplete
    /// then is answered `408`; a connection that sent nothing is closed. Default 10 s.
    /// hyper has no such limit unless a timer is set, which lets slow clients hold
    /// connections forever.
    pub header_read_timeout: Option<Duration>,
    /// How long reading a request body may take in all, from the moment the request head
    /// arrived. A body still incomplete then is answered `408` and the connection closed.
    /// Default 60 s.
    pub body_read_timeout: Option<Duration>,
    /// How long a keep-alive connection (HTTP/1.1 or HTTP/2) may stay open with no request
    /// in flight before it is closed. Default 75 s (longer than the usual 60 s of load
    /// balancers, so they close first). Never earlier than this after the connection's last
    /// answer; up to a quarter of it later: a helper thread per server (`brisk-idle-sweeper`)
    /// has every connection look every eighth of the timeout, which is cheaper than a timer
    /// per connection or a clock read per answer.
    pub idle_timeout: Option<Duration>,
    /// How long a handler may take to produce its response; when exceeded the request is
    /// answered `503` with a JSON `detail`. Default: no limit.
    pub handler_timeout: Option<Duration>,
    /// How long shutdown waits for requests in flight before closing the remaining
    /// connections (default 30 s).
    pub grace_period: Duration,
    /// On shutdown, how long an idle HTTP/1 keep-alive connection stays open for a request
    /// that may already be on its way (answered, with `connection: close`) before it is
    /// closed. Closing it at once would lose a request a proxy sent in the same instant,
    /// and proxies do not retry a POST they have sent. Default 1 s; never past the grace
    /// period. HTTP/2 connections get a `GOAWAY` instead, which has no such race.
    pub shutdown_drain: Duration,
    /// The largest request head (request line and headers) in bytes; larger heads are
    /// answered `431`. Default 16 KiB.
    pub max_head_size: usize,
    /// The longest request target (path and query) in bytes; longer targets are answered
    /// `414`. Default 8 KiB.
    pub max_uri_length: usize,
    /// The most header fields a request may carry; more are answered `431`. Default 100.
    pub max_headers: usize,
    /// The most connections open at once (default 10 000); see [`ConnectionOverflow`].
    pub max_connections: usize,
    /// What happens to a connection past [`max_connections`](Self::max_connections).
    pub connection_overflow: ConnectionOverflow,
    /// HTTP/2: the most streams a client may have open on one connection (default 100).
    pub h2_max_concurrent_streams: u32,
    /// HTTP/2: how many streams the client may reset before the server has accepted them
    /// before the connection is closed with `ENHANCE_YOUR_CALM` — the "rapid reset" attack
    /// (default 20).
    pub h2_max_pending_accept_reset_streams: usize,
    /// HTTP/2: how many streams the server may reset for protocol errors before it closes
    /// the connection (default 1024).
    pub h2_max_local_error_reset_streams: usize,
    /// HTTP/2: send a PING this often on an otherwise silent connection, and close it if the
    /// answer takes longer than 20 s. Default: off (the idle timeout closes idle
    /// connections).
    pub h2_keep_alive_interval: Option<Duration>,
    /// Whether every response carries the request's id in `x-request-id` (the incoming
    /// header's value, or a generated one). Default off, so a brisk app answers exactly as
    /// its FastAPI twin.
    pub echo_request_id: bool,
    /// HTTP/1: whether a response's head and body go to the socket as separate buffers in
    /// one vectored write, instead of the body being copied after the head into one buffer.
    /// Default off: for the small bodies of a JSON API the copy costs less than keeping a
    /// queue of buffers (~400 instructions a response on the benchmark's routes, and one
    /// plain `send` instead of a `writev`). Turn it on for an app that sends large bodies
    /// (files, big exports), which then skip one copy of each chunk.
    pub vectored_writes: bool,
    /// Replaces the app's body limit ([`App::body_limit`](crate::App::body_limit)) when set;
    /// routes with their own `body_limit = …` keep theirs. Default: `None`, the app's
    /// (2 MiB unless the app says otherwise). Set by `BRISK_BODY_LIMIT`
    /// ([`from_env`](Self::from_env)).
    pub body_limit: Option<usize>,
    /// The peers whose `Forwarded` and `X-Forwarded-Proto` headers are believed where brisk
    /// builds an absolute URL (the trailing-slash `307`). Default: loopback, a proxy on the
    /// same machine.
    pub trusted_proxies: TrustedProxies,
    /// Serve HTTPS with this rustls configuration (feature `tls`): HTTP/1.1, and with the
    /// `http2` feature HTTP/2 when the client offers it by ALPN (`h2` and `http/1.1` are
    /// offered when the configuration lists no protocols). The TLS handshake must finish within the
    /// header-read timeout. Default: plain TCP.
    #[cfg(feature = "tls")]
    pub tls: Option<std::sync::Arc<tokio_rustls::rustls::ServerConfig>>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            header_read_timeout: Some(Duration::from_secs(10)),
            body_read_timeout: Some(Duration::from_secs(60)),
            idle_timeout: Some(Duration::from_secs(75)),
            handler_timeout: None,
            grace_period: Duration::from_secs(30),
            shutdown_drain: Duration::from_secs(1),
            max_head_size: 16 * 1024,
            max_uri_length: 8 * 1024,
            max_headers: 100,
            max_connections: 10_000,
            connection_overflow: ConnectionOverflow::Queue,
            h2_max_concurrent_streams: 100,
            h2_max_pending_accept_reset_streams: 20,
            h2_max_local_error_reset_streams: 1024,
            h2_keep_alive_interval: None,
            echo_request_id: false,
            vectored_writes: false,
            body_limit: None,
            trusted_proxies: TrustedProxies::loopback(),
            #[cfg(feature = "tls")]
            tls: None,
        }
    }
}

macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident: $t:ty;)*) => {$(
        $(#[$doc])*
        #[must_use]
        pub fn $name(mut self, value: $t) -> Self {
            self.$name = value;
            self
        }
    )*};
}

impl ServeConfig {
    /// Serves HTTPS with this rustls configuration (see [`tls`](Self::tls)).
    #[cfg(feature = "tls")]
    #[must_use]
    pub fn tls(mut self, config: std::sync::Arc<tokio_rustls::rustls::ServerConfig>) -> Self {
        self.tls = Some(config);
        self
    }

    setters! {
        /// Sets [`header_read_timeout`](Self::header_read_timeout) (`None`: no limit).
        header_read_timeout: Option<Duration>;
        /// Sets [`body_read_timeout`](Self::body_read_timeout) (`None`: no limit).
        body_read_timeout: Option<Duration>;
        /// Sets [`idle_timeout`](Self::idle_timeout) (`None`: no limit).
        idle_timeout: Option<Duration>;
        /// Sets [`handler_timeout`](Self::handler_timeout) (`None`: no limit).
        handler_timeout: Option<Duration>;
        /// Sets [`grace_period`](Self::grace_period).
        grace_period: Duration;
        /// Sets [`shutdown_drain`](Self::shutdown_drain).
        shutdown_drain: Duration;
        /// Sets [`max_head_size`](Self::max_head_size).
        max_head_size: usize;
        /// Sets [`max_uri_length`](Self::max_uri_length).
        max_uri_length: usize;
        /// Sets [`max_headers`](Self::max_headers).
        max_headers: usize;
        /// Sets [`max_connections`](Self::max_connections).
        max_connections: usize;
        /// Sets [`connection_overflow`](Self::connection_overflow).
        connection_overflow: ConnectionOverflow;
        /// Sets [`h2_max_concurrent_streams`](Self::h2_max_concurrent_streams).
        h2_max_concurrent_streams: u32;
        /// Sets [`h2_max_pending_accept_reset_streams`](Self::h2_max_pending_accept_reset_streams).
        h2_max_pending_accept_reset_streams: usize;
        /// Sets [`h2_max_local_error_reset_streams`](Self::h2_max_local_error_reset_streams).
        h2_max_local_error_reset_streams: usize;
        /// Sets [`h2_keep_alive_interval`](Self::h2_keep_alive_interval).
        h2_keep_alive_interval: Option<Duration>;
        /// Sets [`echo_request_id`](Self::echo_request_id).
        echo_request_id: bool;
        /// Sets [`vectored_writes`](Self::vectored_writes).
        vectored_writes: bool;
        /// Sets [`body_limit`](Self::body_limit) (`None`: the app's).
        body_limit: Option<usize>;
        /// Sets [`trusted_proxies`](Self::trusted_proxies).
        trusted_proxies: TrustedProxies;
    }
}

/// What the gatekeeper and the connection service need from the settings, shared by every
/// connection.
#[derive(Debug)]
pub(crate) struct Limits {
    pub header_read_timeout: Option<Duration>,
    pub body_read_timeout: Option<Duration>,
    pub idle_timeout: Option<Duration>,
    pub handler_timeout: Option<Duration>,
    pub shutdown_drain: Duration,
    pub max_head_size: usize,
    pub max_uri_length: usize,
    pub max_headers: usize,
    pub echo_request_id: bool,
}

impl Limits {
    pub(crate) fn new(config: &ServeConfig) -> Self {
        Limits {
            header_read_timeout: config.header_read_timeout.filter(|d| !d.is_zero()),
            body_read_timeout: config.body_read_timeout.filter(|d| !d.is_zero()),
            idle_timeout: config.idle_timeout.filter(|d| !d.is_zero()),
            handler_timeout: config.handler_timeout.filter(|d| !d.is_zero()),
            shutdown_drain: config.shutdown_drain.min(config.grace_period),
            max_head_size: config.max_head_size.max(256),
            max_uri_length: config.max_uri_length.max(16),
            max_headers: config.max_headers.max(1),
            echo_request_id: config.echo_request_id,
        }
    }

    /// The longest request line the guard waits for before answering 414: the target's
    /// limit plus room for a method and the version.
    pub(crate) fn max_request_line(&self) -> usize {
        self.max_uri_length + 64
    }
}

/// `1500 ms` → `"1.5 s"`, `300 ms` → `"300 ms"`, `30 s` → `"30 s"`.
pub(crate) fn human(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every default against the README's settings table (*Production*) and the
    /// `BRISK_…` table (*Deploying*). The pattern names every field, so a new setting does
    /// not compile here until its default is written down.
    #[test]
    fn the_defaults_are_the_readmes() {
        let ServeConfig {
            header_read_timeout,
            body_read_timeout,
            idle_timeout,
            handler_timeout,
            grace_period,
            shutdown_drain,
            max_head_size,
            max_uri_length,
            max_headers,
            max_connections,
            connection_overflow,
            h2_max_concurrent_streams,
            h2_max_pending_accept_reset_streams,
            h2_max_local_error_reset_streams,
            h2_keep_alive_interval,
            echo_request_id,
            vectored_writes,
            body_limit,
            trusted_proxies,
            #[cfg(feature = "tls")]
            tls,
        } = ServeConfig::default();
        let s = Duration::from_secs;
        assert_eq!(
            header_read_timeout,
            Some(s(10)),
            "header_read_timeout: 10 s"
        );
        assert_eq!(body_read_timeout, Some(s(60)), "body_read_timeout: 60 s");
        assert_eq!(idle_timeout, Some(s(75)), "idle_timeout: 75 s");
        assert_eq!(handler_timeout, None, "handler_timeout: off");
        assert_eq!(grace_period, s(30), "grace_period: 30 s");
        assert_eq!(shutdown_drain, s(1), "shutdown_drain: 1 s");
        assert_eq!(max_head_size, 16_384, "max_head_size: 16 KiB");
        assert_eq!(max_uri_length, 8_192, "max_uri_length: 8 KiB");
        assert_eq!(max_headers, 100, "max_headers: 100");
        assert_eq!(max_connections, 10_000, "max_connections: 10 000");
        assert_eq!(connection_overflow, ConnectionOverflow::Queue, "Queue");
        assert_eq!(h2_max_concurrent_streams, 100, "h2_max_concurrent_streams");
        assert_eq!(h2_max_pending_accept_reset_streams, 20, "rapid reset");
        assert_eq!(h2_max_local_error_reset_streams, 1024, "local error resets");
        assert_eq!(h2_keep_alive_interval, None, "h2_keep_alive_interval: off");
        assert!(!echo_request_id, "echo_request_id: off");
        assert!(!vectored_writes, "vectored_writes: off");
        assert_eq!(body_limit, None, "body_limit: the app's");
        assert_eq!(crate::DEFAULT_BODY_LIMIT, 2 << 20, "the app's: 2 MiB");
        let app = format!("{:?}", crate::App::new());
        assert!(
            app.contains("body_limit: 2097152,"),
            "App::new: 2 MiB: {app}"
        );
        // `BRISK_TRUSTED_PROXIES`' default as the README writes it: loopback.
        let loopback: TrustedProxies = "127.0.0.0/8, ::1".parse().unwrap();
        assert_eq!(trusted_proxies, loopback, "trusted_proxies: loopback");
        assert_eq!(trusted_proxies, TrustedProxies::loopback());
        assert!(trusted_proxies.contains("127.255.0.1".parse().unwrap()));
        assert!(trusted_proxies.contains("::1".parse().unwrap()));
        assert!(!trusted_proxies.contains("10.0.0.1".parse().unwrap()));
        assert!(!trusted_proxies.contains("::2".parse().unwrap()));
        #[cfg(feature = "tls")]
        assert!(tls.is_none(), "plain TCP");
    }

    /// The limits a connection sees from the defaults are the defaults themselves: none is
    /// raised to a floor or cut to the grace period.
    #[test]
    fn the_default_limits_are_taken_as_they_are() {
        let config = ServeConfig::default();
        let limits = Limits::new(&config);
        assert_eq!(limits.header_read_timeout, config.header_read_timeout);
        assert_eq!(limits.body_read_timeout, config.body_read_timeout);
        assert_eq!(limits.idle_timeout, config.idle_timeout);
        assert_eq!(limits.handler_timeout, None);
        assert_eq!(limits.shutdown_drain, Duration::from_secs(1));
        assert_eq!(limits.max_head_size, 16_384);
        assert_eq!(limits.max_uri_length, 8_192);
        assert_eq!(limits.max_headers, 100);
        assert!(!limits.echo_request_id);
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human(Duration::from_millis(300)), "300 ms");
        assert_eq!(human(Duration::from_secs(30)), "30 s");
        assert_eq!(human(Duration::from_millis(1500)), "1.5 s");
    }
}
