//! Absolute URLs behind a proxy: which peers may describe the client's scheme and host
//! ([`TrustedProxies`]), and reading what they say (RFC 7239 `Forwarded`, then
//! `X-Forwarded-Proto`).

use std::net::IpAddr;
use std::str::FromStr;

use http::header::HOST;

use crate::connection::ConnOrigin;

/// The peers whose `Forwarded` and `X-Forwarded-Proto` headers brisk believes when it builds
/// an absolute URL (uvicorn's `--forwarded-allow-ips`). From anyone else those headers are
/// ignored: a client could otherwise send a `307` redirect anywhere it likes.
///
/// The default is loopback (`127.0.0.0/8` and `::1`): a proxy on the same machine.
///
/// ```
/// use brisk::TrustedProxies;
///
/// let proxies: TrustedProxies = "10.0.0.0/8, 192.168.1.7, fd00::/8".parse().unwrap();
/// assert!(proxies.contains("10.1.2.3".parse().unwrap()));
/// assert!(!proxies.contains("127.0.0.1".parse().unwrap()));
/// assert!(TrustedProxies::default().contains("127.0.0.1".parse().unwrap()));
/// assert!("*".parse::<TrustedProxies>().unwrap().contains("203.0.113.9".parse().unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedProxies(Trust);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Trust {
    Any,
    Nets(Vec<(IpAddr, u8)>),
}

impl Default for TrustedProxies {
    fn default() -> Self {
        TrustedProxies::loopback()
    }
}

impl TrustedProxies {
    /// `127.0.0.0/8` and `::1`: a proxy on the same machine (the default).
    pub fn loopback() -> Self {
        TrustedProxies(Trust::Nets(vec![
            (IpAddr::from([127, 0, 0, 0]), 8),
            (IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]), 128),
        ]))
    }

    /// No peer: proxy headers are never read.
    pub fn none() -> Self {
        TrustedProxies(Trust::Nets(Vec::new()))
    }

    /// Every peer (`*`): only when nothing but the proxy can reach the app (for instance,
    /// the app's port is reachable from the load balancer alone).
    pub fn any() -> Self {
        TrustedProxies(Trust::Any)
    }

    /// Whether a peer at `ip` is trusted. An IPv4 address mapped into IPv6
    /// (`::ffff:127.0.0.1`, as a dual-stack listener reports it) counts as the IPv4 address.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        match &self.0 {
            Trust::Any => true,
            Trust::Nets(nets) => nets.iter().any(|&(net, prefix)| in_net(ip, net, prefix)),
        }
    }
}

fn in_net(ip: IpAddr, net: IpAddr, prefix: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

/// A list of trusted proxies that did not parse: names the entry that is not an IP address
/// or CIDR block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidTrustedProxies {
    entry: String,
}

impl std::fmt::Display for InvalidTrustedProxies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?} is not an IP address or CIDR block (like 10.0.0.0/8 or ::1)",
            self.entry
        )
    }
}

impl std::error::Error for InvalidTrustedProxies {}

impl FromStr for TrustedProxies {
    type Err = InvalidTrustedProxies;

    /// A comma-separated list of IP addresses and CIDR blocks (`10.0.0.0/8, ::1`); `*` for
    /// every peer; an empty list (or `none`) for no peer.
    fn from_str(list: &str) -> Result<Self, Self::Err> {
        let list = list.trim();
        if list == "*" {
            return Ok(TrustedProxies::any());
        }
        if list.eq_ignore_ascii_case("none") {
            return Ok(TrustedProxies::none());
        }
        let mut nets = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let bad = || InvalidTrustedProxies {
                entry: entry.to_owned(),
            };
            let (addr, prefix) = match entry.split_once('/') {
                Some((addr, prefix)) => (addr, Some(prefix)),
                None => (entry, None),
            };
            let addr = addr.trim_start_matches('[').trim_end_matches(']');
            let addr: IpAddr = addr.parse().map_err(|_| bad())?;
            let addr = addr.to_canonical();
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let prefix = match prefix {
                Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(bad)?,
                None => max,
            };
            nets.push((addr, prefix));
        }
        Ok(TrustedProxies(Trust::Nets(nets)))
    }
}

/// `scheme://host` of the URL the client used: the scheme and host a trusted proxy reports
/// (the last element of `Forwarded`, then the last value of `X-Forwarded-Proto`), else the
/// connection's scheme and the `Host` header (HTTP/2: `:authority`).
pub(crate) fn base_url(
    headers: &http::HeaderMap,
    uri: &http::Uri,
    origin: Option<&ConnOrigin>,
) -> String {
    let trusted = origin.is_none_or(|o| o.trust_forwarded);
    let (mut scheme, mut host) = (None, None);
    if trusted {
        if let Some(element) = last_forwarded_element(headers) {
            scheme = element.proto;
            host = element.host;
        }
        if scheme.is_none() {
            scheme = headers
                .get_all("x-forwarded-proto")
                .iter()
                .next_back()
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(scheme_of);
        }
    }
    let scheme = scheme.unwrap_or_else(|| {
        if origin.is_some_and(|o| o.tls) {
            "https"
        } else {
            uri.scheme_str().and_then(scheme_of).unwrap_or("http")
        }
    });
    let host = host.unwrap_or_else(|| {
        headers
            .get(HOST)
            .and_then(|h| h.to_str().ok())
            .or(uri.authority().map(|a| a.as_str()))
            .unwrap_or("localhost")
            .to_owned()
    });
    format!("{scheme}://{host}")
}

fn scheme_of(value: &str) -> Option<&'static str> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("https") {
        Some("https")
    } else if value.eq_ignore_ascii_case("http") {
        Some("http")
    } else {
        None
    }
}

/// What brisk reads from one `Forwarded` element.
#[derive(Debug, Default, PartialEq, Eq)]
struct Element {
    proto: Option<&'static str>,
    host: Option<String>,
}

/// The last element of the `Forwarded` field (every line of it, in order): the one the
/// proxy in front of brisk added. `None` when there is none, or when that element is
/// malformed (then the whole field is ignored).
fn last_forwarded_element(headers: &http::HeaderMap) -> Option<Element> {
    let mut lines = headers.get_all("forwarded").iter().peekable();
    lines.peek()?;
    let mut field = String::new();
    for line in lines {
        if !field.is_empty() {
            field.push(',');
        }
        field.push_str(line.to_str().ok()?);
    }
    parse_last_element(&field)
}

/// RFC 7239: `Forwarded = 1#forwarded-element`, `forwarded-element = [pair] *(";" [pair])`,
/// `pair = token "=" (token / quoted-string)`.
fn parse_last_element(field: &str) -> Option<Element> {
    let elements = split_outside_quotes(field, ',')?;
    let last = elements.into_iter().rev().find(|e| !e.trim().is_empty())?;
    let mut element = Element::default();
    let mut seen: Vec<String> = Vec::new();
    for pair in split_outside_quotes(last, ';')? {
        let pair = pair.trim();
        if pair.is_empty() {
            continue;
        }
        let (name, value) = pair.split_once('=')?;
        let name = name.trim_end().to_ascii_lowercase();
        if name.is_empty() || !name.bytes().all(is_tchar) || seen.contains(&name) {
            return None;
        }
        let value = unquote(value.trim_start())?;
        match name.as_str() {
            // A proto that is not http/https is ignored, not believed.
            "proto" => element.proto = scheme_of(&value),
            "host" => element.host = valid_host(&value),
            _ => {}
        }
        seen.push(name);
    }
    Some(element)
}

/// Splits at `sep` outside quoted strings; `None` if a quoted string is not closed.
fn split_outside_quotes(text: &str, sep: char) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if quoted {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
        } else if c == '"' {
            quoted = true;
        } else if c == sep {
            parts.push(&text[start..i]);
            start = i + 1;
        }
    }
    if quoted {
        return None;
    }
    parts.push(&text[start..]);
    Some(parts)
}

/// A token, or a quoted string with its escapes undone.
fn unquote(value: &str) -> Option<String> {
    let value = value.trim_end();
    if let Some(inner) = value.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push(chars.next()?),
                '"' => return None,
                c => out.push(c),
            }
        }
        Some(out)
    } else if !value.is_empty() && value.bytes().all(is_tchar) {
        Some(value.to_owned())
    } else {
        None
    }
}

/// RFC 9110 `tchar`.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A host (and port) fit for a URL: an authority without user information.
fn valid_host(value: &str) -> Option<String> {
    let authority = http::uri::Authority::from_str(value).ok()?;
    (!value.contains('@') && !value.is_empty()).then(|| authority.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &str) -> TrustedProxies {
        list.parse().unwrap()
    }

    #[test]
    fn trusted_proxies_parse_addresses_blocks_and_wildcards() {
        let list = nets(" 10.0.0.0/8 , 192.168.1.7,fd00::/8, [::1] ");
        for ip in [
            "10.255.0.1",
            "192.168.1.7",
            "fd12::1",
            "::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(list.contains(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["11.0.0.1", "192.168.1.8", "fe80::1", "127.0.0.1"] {
            assert!(!list.contains(ip.parse().unwrap()), "{ip}");
        }
        assert!(nets("*").contains("203.0.113.9".parse().unwrap()));
        assert!(nets("0.0.0.0/0").contains("203.0.113.9".parse().unwrap()));
        assert!(!nets("0.0.0.0/0").contains("::1".parse().unwrap()));
        assert_eq!(nets(""), TrustedProxies::none());
        assert_eq!(nets("None"), TrustedProxies::none());
        let loopback = TrustedProxies::default();
        for ip in ["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"] {
            assert!(loopback.contains(ip.parse().unwrap()), "{ip}");
        }
        assert!(!loopback.contains("10.0.0.1".parse().unwrap()));
        for bad in [
            "10.0.0.0/33",
            "::1/129",
            "localhost",
            "10.0.0.0/",
            "1.2.3",
            "10.0.0.1/x",
        ] {
            let err = bad.parse::<TrustedProxies>().unwrap_err();
            assert!(err.to_string().contains(bad.trim()), "{bad}: {err}");
        }
    }

    fn element(field: &str) -> Option<Element> {
        parse_last_element(field)
    }

    #[test]
    fn forwarded_reads_the_last_element() {
        assert_eq!(
            element(
                r#"for=192.0.2.60;proto=http;by=203.0.113.43, for="[2001:db8::1]:80";proto=HTTPS;host="api.example.com:8443""#
            ),
            Some(Element {
                proto: Some("https"),
                host: Some("api.example.com:8443".to_owned()),
            })
        );
        // The client's own element comes first; the proxy's (last) one wins.
        assert_eq!(
            element("proto=https;host=evil.example, proto=http").unwrap(),
            Element {
                proto: Some("http"),
                host: None
            }
        );
        assert_eq!(element("for=_hidden").unwrap(), Element::default());
        assert_eq!(
            element("Proto=https ; Host=x.example").unwrap().proto,
            Some("https")
        );
        assert_eq!(element("proto=https,").unwrap().proto, Some("https"));
        assert_eq!(
            element(r#"host="a\.example""#).unwrap().host.as_deref(),
            Some("a.example")
        );
    }

    #[test]
    fn malformed_forwarded_is_ignored() {
        for bad in [
            "proto",
            "proto=https;proto=http",
            "proto=\"https",
            "pro to=https",
            "proto=ht tps",
            "=https",
            "",
        ] {
            assert_eq!(element(bad).and_then(|e| e.proto), None, "{bad}");
        }
        // Values brisk does not believe are dropped, the rest of the element still counts.
        assert_eq!(element("proto=ftp;host=ok.example").unwrap().proto, None);
        for host in [
            "user@evil.example",
            "\"user@evil.example\"",
            "a/b",
            "\"a/b\"",
            "a b",
            "\"\"",
        ] {
            let e = element(&format!("proto=https;host={host}"));
            assert_eq!(e.and_then(|e| e.host), None, "{host}");
        }
    }

    /// The base URL the way the router asks for it.
    fn url(req: &http::Request<()>) -> String {
        base_url(req.headers(), req.uri(), req.extensions().get())
    }

    fn req(headers: &[(&str, &str)], origin: Option<ConnOrigin>) -> http::Request<()> {
        let mut builder = http::Request::builder().uri("/a");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let mut req = builder.body(()).unwrap();
        if let Some(origin) = origin {
            req.extensions_mut().insert(origin);
        }
        req
    }

    const PROXY: Option<ConnOrigin> = Some(ConnOrigin {
        trust_forwarded: true,
        tls: false,
    });
    const STRANGER: Option<ConnOrigin> = Some(ConnOrigin {
        trust_forwarded: false,
        tls: false,
    });

    #[test]
    fn base_url_believes_trusted_proxies_only() {
        let headers = [
            ("host", "internal:9000"),
            ("forwarded", "for=1.2.3.4;proto=https;host=api.example.com"),
            ("x-forwarded-proto", "http"),
        ];
        assert_eq!(url(&req(&headers, PROXY)), "https://api.example.com");
        assert_eq!(url(&req(&headers, None)), "https://api.example.com");
        assert_eq!(url(&req(&headers, STRANGER)), "http://internal:9000");
        // X-Forwarded-Proto when Forwarded says nothing of the scheme; the last value wins.
        let xfp = [("host", "h"), ("x-forwarded-proto", "http, https")];
        assert_eq!(url(&req(&xfp, PROXY)), "https://h");
        let xfp = [
            ("host", "h"),
            ("forwarded", "for=x"),
            ("x-forwarded-proto", "https"),
        ];
        assert_eq!(url(&req(&xfp, PROXY)), "https://h");
        let junk = [("host", "h"), ("x-forwarded-proto", "gopher")];
        assert_eq!(url(&req(&junk, PROXY)), "http://h");
        // A TLS connection is https unless a trusted proxy says otherwise.
        let tls = Some(ConnOrigin {
            trust_forwarded: false,
            tls: true,
        });
        assert_eq!(url(&req(&[("host", "h")], tls)), "https://h");
        assert_eq!(url(&req(&[], STRANGER)), "http://localhost");
    }
}
