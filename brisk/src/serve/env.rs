//! Settings from the environment: [`ServeConfig::from_env`] and the address
//! [`App::run`](crate::App::run) binds (`HOST`, `PORT`).

use std::ffi::OsString;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use super::forwarded::TrustedProxies;
use super::limits::{ConnectionOverflow, ServeConfig};

/// An environment variable brisk could not use: names the variable, its value and what it
/// should look like, e.g. `invalid BRISK_MAX_CONNECTIONS="lots": expected a whole number of
/// at least 1`.
///
/// ```no_run
/// match brisk::ServeConfig::from_env() {
///     Ok(config) => println!("idle timeout: {:?}", config.idle_timeout),
///     Err(error) => eprintln!("{error} (in {})", error.variable()),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvError {
    variable: &'static str,
    value: String,
    expected: &'static str,
}

impl EnvError {
    /// The variable's name, e.g. `BRISK_BODY_LIMIT`.
    pub fn variable(&self) -> &str {
        self.variable
    }

    /// The value it had (lossily converted when it was not UTF-8).
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl std::fmt::Display for EnvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid {}={:?}: expected {}",
            self.variable, self.value, self.expected
        )
    }
}

impl std::error::Error for EnvError {}

impl From<EnvError> for std::io::Error {
    fn from(error: EnvError) -> Self {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, error.to_string())
    }
}

/// Reads one variable: `None` when unset or blank.
pub(crate) type Lookup<'a> = &'a dyn Fn(&str) -> Option<OsString>;

pub(crate) fn process_env(name: &str) -> Option<OsString> {
    std::env::var_os(name)
}

const DURATION: &str = "a duration like 30s, 500ms, 2m or 1.5s (a bare number is seconds)";
const OPTIONAL_DURATION: &str =
    "a duration like 30s, 500ms, 2m or 1.5s (a bare number is seconds), or off";
const SIZE: &str = "a size in bytes like 1048576, 512KiB, 2MiB or 1MB";
const COUNT: &str = "a whole number of at least 1";
const NUMBER: &str = "a whole number";
const BOOL: &str = "true or false";
const OVERFLOW: &str = "queue or refuse";
const PROXIES: &str =
    "IP addresses and CIDR blocks separated by commas (like 127.0.0.1, 10.0.0.0/8), * or none";
const HOST: &str = "an IP address like 127.0.0.1, 0.0.0.0 or ::";
const PORT: &str = "a port number from 0 to 65535";

/// The variable's value parsed by `parse`; `Ok(None)` when it is unset or blank.
fn var<T>(
    lookup: Lookup<'_>,
    variable: &'static str,
    expected: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<Option<T>, EnvError> {
    // Only the parse is generic: the rest is compiled once, not once per setting.
    let Some(text) = text_var(lookup, variable, expected)? else {
        return Ok(None);
    };
    match parse(text.trim()) {
        Some(value) => Ok(Some(value)),
        None => Err(EnvError {
            variable,
            value: text,
            expected,
        }),
    }
}

/// The variable's text; `Ok(None)` when it is unset or blank, an error when not UTF-8.
fn text_var(
    lookup: Lookup<'_>,
    variable: &'static str,
    expected: &'static str,
) -> Result<Option<String>, EnvError> {
    let Some(raw) = lookup(variable) else {
        return Ok(None);
    };
    let text = raw.into_string().map_err(|raw| EnvError {
        variable,
        value: raw.to_string_lossy().into_owned(),
        expected,
    })?;
    Ok((!text.trim().is_empty()).then_some(text))
}

/// `30s`, `500ms`, `2m`, `1h`, `1.5s`; a bare number is seconds.
pub(crate) fn parse_duration(text: &str) -> Option<Duration> {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    if number.is_empty() || number.starts_with('.') || number.ends_with('.') {
        return None;
    }
    let number: f64 = number.parse().ok()?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "ms" => 0.001,
        "" | "s" | "sec" | "secs" => 1.0,
        "m" | "min" | "mins" => 60.0,
        "h" => 3600.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(number * scale).ok()
}

/// A duration, or `off` / `none` / `0` for no limit.
fn parse_optional_duration(text: &str) -> Option<Option<Duration>> {
    if text.eq_ignore_ascii_case("off") || text.eq_ignore_ascii_case("none") {
        return Some(None);
    }
    parse_duration(text).map(|d| (!d.is_zero()).then_some(d))
}

/// `1048576`, `512KiB` (or `512K`), `2MiB` (`2M`), `1GiB` (`1G`); `1KB`, `1MB`, `1GB` are
/// powers of 1000.
pub(crate) fn parse_size(text: &str) -> Option<usize> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: usize = number.parse().ok()?;
    let scale: usize = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        _ => return None,
    };
    number.checked_mul(scale)
}

fn parse_count(text: &str) -> Option<usize> {
    text.parse().ok().filter(|n| *n >= 1)
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn parse_overflow(text: &str) -> Option<ConnectionOverflow> {
    match text.to_ascii_lowercase().as_str() {
        "queue" => Some(ConnectionOverflow::Queue),
        "refuse" => Some(ConnectionOverflow::Refuse),
        _ => None,
    }
}

impl ServeConfig {
    /// The defaults, with every setting the environment gives replaced: see
    /// [`apply_env`](Self::apply_env). [`App::run`](crate::App::run) serves with this.
    ///
    /// # Errors
    /// An [`EnvError`] naming the first variable whose value is not valid.
    pub fn from_env() -> Result<Self, EnvError> {
        ServeConfig::default().apply_env()
    }

    /// Replaces each setting that has an environment variable set: `BRISK_` and the
    /// setting's name in upper case. Blank variables count as unset.
    ///
    /// | variable | value |
    /// | --- | --- |
    /// | `BRISK_HEADER_READ_TIMEOUT`, `BRISK_BODY_READ_TIMEOUT`, `BRISK_IDLE_TIMEOUT`, `BRISK_HANDLER_TIMEOUT`, `BRISK_H2_KEEP_ALIVE_INTERVAL` | a duration (`30s`, `500ms`, `2m`, `1.5s`; a bare number is seconds), or `off` |
    /// | `BRISK_GRACE_PERIOD`, `BRISK_SHUTDOWN_DRAIN` | a duration |
    /// | `BRISK_BODY_LIMIT` | a size (`1048576`, `512KiB`, `2MiB`, `1MB`): replaces [`App::body_limit`](crate::App::body_limit) (routes with their own `body_limit` keep it) |
    /// | `BRISK_MAX_HEAD_SIZE`, `BRISK_MAX_URI_LENGTH` | a size |
    /// | `BRISK_MAX_HEADERS`, `BRISK_MAX_CONNECTIONS`, `BRISK_H2_MAX_CONCURRENT_STREAMS` | a whole number, at least 1 |
    /// | `BRISK_H2_MAX_PENDING_ACCEPT_RESET_STREAMS`, `BRISK_H2_MAX_LOCAL_ERROR_RESET_STREAMS` | a whole number |
    /// | `BRISK_CONNECTION_OVERFLOW` | `queue` or `refuse` |
    /// | `BRISK_ECHO_REQUEST_ID`, `BRISK_VECTORED_WRITES` | `true` or `false` (also `1`/`0`, `yes`/`no`, `on`/`off`) |
    /// | `BRISK_TRUSTED_PROXIES` | [`TrustedProxies`]: `127.0.0.1, 10.0.0.0/8`, `*` or `none` |
    ///
    /// So the code sets the app's defaults and the environment has the last word:
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// use std::time::Duration;
    /// let config = brisk::ServeConfig::default()
    ///     .handler_timeout(Some(Duration::from_secs(10)))
    ///     .apply_env()?; // BRISK_HANDLER_TIMEOUT=off still switches it off
    /// brisk::App::new().run_with(config).await
    /// # }
    /// ```
    ///
    /// # Errors
    /// An [`EnvError`] naming the first variable whose value is not valid.
    pub fn apply_env(self) -> Result<Self, EnvError> {
        self.apply_lookup(&process_env)
    }

    pub(crate) fn apply_lookup(mut self, lookup: Lookup<'_>) -> Result<Self, EnvError> {
        let optional_durations = [
            ("BRISK_HEADER_READ_TIMEOUT", &mut self.header_read_timeout),
            ("BRISK_BODY_READ_TIMEOUT", &mut self.body_read_timeout),
            ("BRISK_IDLE_TIMEOUT", &mut self.idle_timeout),
            ("BRISK_HANDLER_TIMEOUT", &mut self.handler_timeout),
            (
                "BRISK_H2_KEEP_ALIVE_INTERVAL",
                &mut self.h2_keep_alive_interval,
            ),
        ];
        for (name, field) in optional_durations {
            if let Some(value) = var(lookup, name, OPTIONAL_DURATION, parse_optional_duration)? {
                *field = value;
            }
        }
        if let Some(value) = var(lookup, "BRISK_GRACE_PERIOD", DURATION, parse_duration)? {
            self.grace_period = value;
        }
        if let Some(value) = var(lookup, "BRISK_SHUTDOWN_DRAIN", DURATION, parse_duration)? {
            self.shutdown_drain = value;
        }
        if let Some(value) = var(lookup, "BRISK_BODY_LIMIT", SIZE, parse_size)? {
            self.body_limit = Some(value);
        }
        let sizes = [
            ("BRISK_MAX_HEAD_SIZE", &mut self.max_head_size),
            ("BRISK_MAX_URI_LENGTH", &mut self.max_uri_length),
        ];
        for (name, field) in sizes {
            if let Some(value) = var(lookup, name, SIZE, parse_size)? {
                *field = value;
            }
        }
        let counts = [
            ("BRISK_MAX_HEADERS", &mut self.max_headers),
            ("BRISK_MAX_CONNECTIONS", &mut self.max_connections),
        ];
        for (name, field) in counts {
            if let Some(value) = var(lookup, name, COUNT, parse_count)? {
                *field = value;
            }
        }
        if let Some(value) = var(lookup, "BRISK_H2_MAX_CONCURRENT_STREAMS", COUNT, |t| {
            t.parse::<u32>().ok().filter(|n| *n >= 1)
        })? {
            self.h2_max_concurrent_streams = value;
        }
        let numbers = [
            (
                "BRISK_H2_MAX_PENDING_ACCEPT_RESET_STREAMS",
                &mut self.h2_max_pending_accept_reset_streams,
            ),
            (
                "BRISK_H2_MAX_LOCAL_ERROR_RESET_STREAMS",
                &mut self.h2_max_local_error_reset_streams,
            ),
        ];
        for (name, field) in numbers {
            if let Some(value) = var(lookup, name, NUMBER, |t| t.parse().ok())? {
                *field = value;
            }
        }
        if let Some(value) = var(
            lookup,
            "BRISK_CONNECTION_OVERFLOW",
            OVERFLOW,
            parse_overflow,
        )? {
            self.connection_overflow = value;
        }
        if let Some(value) = var(lookup, "BRISK_ECHO_REQUEST_ID", BOOL, parse_bool)? {
            self.echo_request_id = value;
        }
        if let Some(value) = var(lookup, "BRISK_VECTORED_WRITES", BOOL, parse_bool)? {
            self.vectored_writes = value;
        }
        if let Some(value) = var(lookup, "BRISK_TRUSTED_PROXIES", PROXIES, |t| {
            t.parse::<TrustedProxies>().ok()
        })? {
            self.trusted_proxies = value;
        }
        Ok(self)
    }
}

/// The address [`App::run`](crate::App::run) binds: `HOST` (default `127.0.0.1`) and `PORT`
/// (default `8000`).
pub(crate) fn bind_addr(lookup: Lookup<'_>) -> Result<SocketAddr, EnvError> {
    let host = var(lookup, "HOST", HOST, |t| {
        let t = t
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(t);
        t.parse::<IpAddr>().ok()
    })?
    .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let port = var(lookup, "PORT", PORT, |t| t.parse::<u16>().ok())?.unwrap_or(8000);
    Ok(SocketAddr::new(host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    fn config(pairs: &[(&str, &str)]) -> Result<ServeConfig, EnvError> {
        ServeConfig::default().apply_lookup(&env(pairs))
    }

    #[test]
    fn durations_sizes_and_flags_parse() {
        let d = |s| parse_duration(s);
        assert_eq!(d("30s"), Some(Duration::from_secs(30)));
        assert_eq!(d("30"), Some(Duration::from_secs(30)));
        assert_eq!(d("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(d("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(d("2m"), Some(Duration::from_secs(120)));
        assert_eq!(d("1h"), Some(Duration::from_secs(3600)));
        assert_eq!(d("10 s"), Some(Duration::from_secs(10)));
        for bad in ["", "s", "-1s", "1.s", ".5s", "1x", "1e3", "1..2s", "1s2"] {
            assert_eq!(d(bad), None, "{bad}");
        }
        assert_eq!(parse_size("1048576"), Some(1 << 20));
        assert_eq!(parse_size("512KiB"), Some(512 << 10));
        assert_eq!(parse_size("2MiB"), Some(2 << 20));
        assert_eq!(parse_size("2m"), Some(2 << 20));
        assert_eq!(parse_size("1MB"), Some(1_000_000));
        assert_eq!(parse_size("1 GiB"), Some(1 << 30));
        for bad in ["", "MiB", "-1", "1.5MiB", "2 gigs", "99999999999999999999"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
        assert_eq!(parse_optional_duration("off"), Some(None));
        assert_eq!(parse_optional_duration("0"), Some(None));
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool("maybe"), None);
    }

    #[test]
    fn an_empty_environment_keeps_the_defaults() {
        let got = config(&[]).unwrap();
        let want = ServeConfig::default();
        assert_eq!(format!("{got:?}"), format!("{want:?}"));
        // Blank counts as unset.
        let got = config(&[("BRISK_MAX_CONNECTIONS", " "), ("BRISK_BODY_LIMIT", "")]).unwrap();
        assert_eq!(got.max_connections, 10_000);
        assert_eq!(got.body_limit, None);
    }

    #[test]
    fn every_variable_sets_its_setting() {
        let got = config(&[
            ("BRISK_HEADER_READ_TIMEOUT", "5s"),
            ("BRISK_BODY_READ_TIMEOUT", "off"),
            ("BRISK_IDLE_TIMEOUT", "90"),
            ("BRISK_HANDLER_TIMEOUT", "2500ms"),
            ("BRISK_H2_KEEP_ALIVE_INTERVAL", "20s"),
            ("BRISK_GRACE_PERIOD", "10s"),
            ("BRISK_SHUTDOWN_DRAIN", "250ms"),
            ("BRISK_BODY_LIMIT", "8MiB"),
            ("BRISK_MAX_HEAD_SIZE", "32KiB"),
            ("BRISK_MAX_URI_LENGTH", "4096"),
            ("BRISK_MAX_HEADERS", "50"),
            ("BRISK_MAX_CONNECTIONS", "256"),
            ("BRISK_H2_MAX_CONCURRENT_STREAMS", "64"),
            ("BRISK_H2_MAX_PENDING_ACCEPT_RESET_STREAMS", "10"),
            ("BRISK_H2_MAX_LOCAL_ERROR_RESET_STREAMS", "0"),
            ("BRISK_CONNECTION_OVERFLOW", "Refuse"),
            ("BRISK_ECHO_REQUEST_ID", "1"),
            ("BRISK_VECTORED_WRITES", "on"),
            ("BRISK_TRUSTED_PROXIES", "10.0.0.0/8, ::1"),
        ])
        .unwrap();
        assert_eq!(got.header_read_timeout, Some(Duration::from_secs(5)));
        assert_eq!(got.body_read_timeout, None);
        assert_eq!(got.idle_timeout, Some(Duration::from_secs(90)));
        assert_eq!(got.handler_timeout, Some(Duration::from_millis(2500)));
        assert_eq!(got.h2_keep_alive_interval, Some(Duration::from_secs(20)));
        assert_eq!(got.grace_period, Duration::from_secs(10));
        assert_eq!(got.shutdown_drain, Duration::from_millis(250));
        assert_eq!(got.body_limit, Some(8 << 20));
        assert_eq!(got.max_head_size, 32 << 10);
        assert_eq!(got.max_uri_length, 4096);
        assert_eq!(got.max_headers, 50);
        assert_eq!(got.max_connections, 256);
        assert_eq!(got.h2_max_concurrent_streams, 64);
        assert_eq!(got.h2_max_pending_accept_reset_streams, 10);
        assert_eq!(got.h2_max_local_error_reset_streams, 0);
        assert_eq!(got.connection_overflow, ConnectionOverflow::Refuse);
        assert!(got.echo_request_id);
        assert!(got.vectored_writes);
        assert!(got.trusted_proxies.contains("10.2.3.4".parse().unwrap()));
        assert!(!got.trusted_proxies.contains("127.0.0.1".parse().unwrap()));
    }

    #[test]
    fn errors_name_the_variable_its_value_and_the_expected_form() {
        let cases = [
            ("BRISK_BODY_LIMIT", "2 gigs", "a size in bytes"),
            ("BRISK_MAX_CONNECTIONS", "0", "at least 1"),
            ("BRISK_MAX_CONNECTIONS", "lots", "at least 1"),
            ("BRISK_MAX_HEADERS", "-3", "at least 1"),
            ("BRISK_HEADER_READ_TIMEOUT", "10 parsecs", "a duration"),
            ("BRISK_GRACE_PERIOD", "off", "a duration"),
            ("BRISK_IDLE_TIMEOUT", "-5s", "a duration"),
            ("BRISK_CONNECTION_OVERFLOW", "drop", "queue or refuse"),
            ("BRISK_ECHO_REQUEST_ID", "maybe", "true or false"),
            (
                "BRISK_TRUSTED_PROXIES",
                "10.0.0.0/8, proxy.local",
                "IP addresses",
            ),
            (
                "BRISK_H2_MAX_CONCURRENT_STREAMS",
                "5000000000",
                "at least 1",
            ),
        ];
        for (name, value, expected) in cases {
            let err = config(&[(name, value)]).unwrap_err();
            assert_eq!(err.variable(), name);
            assert_eq!(err.value(), value);
            let text = err.to_string();
            assert!(
                text.starts_with(&format!("invalid {name}={value:?}: expected ")),
                "{text}"
            );
            assert!(text.contains(expected), "{text}");
            let io: std::io::Error = err.into();
            assert_eq!(io.kind(), std::io::ErrorKind::InvalidInput);
            assert_eq!(io.to_string(), text);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_value_that_is_not_utf8_is_an_error() {
        use std::os::unix::ffi::OsStringExt;
        let lookup = |_: &str| Some(OsString::from_vec(vec![b'1', 0xff]));
        let err = ServeConfig::default().apply_lookup(&lookup).unwrap_err();
        assert_eq!(err.variable(), "BRISK_HEADER_READ_TIMEOUT");
        assert_eq!(err.value(), "1\u{fffd}");
    }

    #[test]
    fn host_and_port_make_the_bind_address() {
        let addr = |pairs: &[(&str, &str)]| bind_addr(&env(pairs));
        assert_eq!(addr(&[]).unwrap(), "127.0.0.1:8000".parse().unwrap());
        assert_eq!(
            addr(&[("HOST", "0.0.0.0"), ("PORT", "9000")]).unwrap(),
            "0.0.0.0:9000".parse().unwrap()
        );
        assert_eq!(
            addr(&[("HOST", "::")]).unwrap(),
            "[::]:8000".parse().unwrap()
        );
        assert_eq!(
            addr(&[("HOST", "[::1]"), ("PORT", "0")]).unwrap(),
            "[::1]:0".parse().unwrap()
        );
        let err = addr(&[("PORT", "80000")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"invalid PORT="80000": expected a port number from 0 to 65535"#
        );
        let err = addr(&[("HOST", "example.com")]).unwrap_err();
        assert_eq!(err.variable(), "HOST");
        assert!(err.to_string().contains("an IP address"));
    }
}
