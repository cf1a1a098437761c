//! What the server knows about the connection a request came on: the peer's address, whether
//! its forwarding headers are believed, and the request's id. The server attaches it to every
//! request; [`Request`](crate::Request) hands it to handlers. Requests made by
//! [`TestClient`](crate::testing::TestClient) carry none of it.

use std::hash::{BuildHasher, Hasher};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use http::HeaderValue;

/// The address and port of the peer, known for every request that came through the server
/// (not for [`TestClient`](crate::testing::TestClient)'s, which have no peer).
///
/// ```
/// use brisk::Request;
///
/// #[brisk::get("/ip")]
/// async fn ip(request: &Request) -> String {
///     match request.connect_info() {
///         Some(info) => info.remote_addr.ip().to_string(),
///         None => "unknown".to_owned(),
///     }
/// }
/// # let _ = brisk::App::new().routes(brisk::routes![ip]);
/// ```
///
/// Tower layers find it in the request's extensions
/// (`request.extensions().get::<ConnectInfo>()`).
#[derive(Debug, Clone, Copy)]
pub struct ConnectInfo {
    /// The client's address.
    pub remote_addr: SocketAddr,
}

/// What the server knows about the connection a request came on, for absolute URLs. Absent
/// on requests that did not come through the server ([`TestClient`](crate::testing::TestClient)),
/// which are treated as coming from a trusted proxy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConnOrigin {
    /// The peer is a trusted proxy: its `Forwarded` / `X-Forwarded-Proto` are believed.
    pub trust_forwarded: bool,
    /// The connection is TLS: `https` unless a trusted proxy says otherwise.
    pub tls: bool,
}

/// A request's id: the incoming `x-request-id` when it is sensible (1 to 128 visible ASCII
/// characters), otherwise a generated one (32 hex digits). Handlers read it with
/// [`Request::request_id`](crate::Request::request_id); it is in the access log, and echoed in
/// the response when [`ServeConfig::echo_request_id`](crate::ServeConfig::echo_request_id)
/// is on.
///
/// ```
/// use brisk::{Request, RequestId};
///
/// #[brisk::get("/whoami")]
/// async fn whoami(request: &Request) -> String {
///     let id = request.request_id().map(RequestId::as_str);
///     format!("request {}", id.unwrap_or("-"))
/// }
/// # let _ = brisk::App::new().routes(brisk::routes![whoami]);
/// ```
///
/// Tower layers find it in the request's extensions
/// (`request.extensions().get::<RequestId>()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub(crate) IdRepr);

/// A generated id is a counter value until its text is asked for (by a handler, the log or
/// the echo): most requests never ask, and then cost no formatting.
#[derive(Debug, Clone)]
pub(crate) enum IdRepr {
    Given(HeaderValue),
    Generated(u64, OnceLock<[u8; 32]>),
}

impl PartialEq for IdRepr {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (IdRepr::Given(a), IdRepr::Given(b)) => a == b,
            (IdRepr::Generated(a, _), IdRepr::Generated(b, _)) => a == b,
            _ => false,
        }
    }
}

impl Eq for IdRepr {}

impl RequestId {
    /// The id's text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            IdRepr::Given(v) => v.to_str().unwrap_or_default(),
            IdRepr::Generated(n, text) => {
                std::str::from_utf8(text.get_or_init(|| hex_id(*n))).unwrap_or_default()
            }
        }
    }

    pub(crate) fn header_value(&self) -> HeaderValue {
        match &self.0 {
            IdRepr::Given(v) => v.clone(),
            IdRepr::Generated(..) => {
                HeaderValue::from_str(self.as_str()).expect("hex digits are a valid header value")
            }
        }
    }

    /// A new id: 32 hex digits, unique in this process and unlikely to repeat across
    /// processes (a per-process random seed mixed with a counter).
    pub(crate) fn generate() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        RequestId(IdRepr::Generated(
            COUNTER.fetch_add(1, Ordering::Relaxed),
            OnceLock::new(),
        ))
    }
}

/// The text of generated id number `n`: two 64-bit halves, each `n` under its own per-process
/// random seed. (One seed mixed into both halves by `^` and `+` gave the same half twice
/// whenever the seed and `n` shared no set bit: most ids repeated 16 digits.)
fn hex_id(n: u64) -> [u8; 32] {
    static SEEDS: OnceLock<[u64; 2]> = OnceLock::new();
    let seeds = SEEDS.get_or_init(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        // std seeds `RandomState` from the OS; the clock and the half's number are mixed in.
        [0u8, 1].map(|half| {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(now);
            h.write_u8(half);
            h.finish()
        })
    });
    hex_of(n, *seeds)
}

fn hex_of(n: u64, seeds: [u64; 2]) -> [u8; 32] {
    let mut hex = [0u8; 32];
    for (i, seed) in seeds.into_iter().enumerate() {
        let word = mix(seed ^ n);
        for j in 0..16 {
            let nibble = (word >> (60 - 4 * j)) & 0xf;
            hex[i * 16 + j] = b"0123456789abcdef"[nibble as usize];
        }
    }
    hex
}

/// splitmix64's finalizer.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything the server attaches to a request. Handed to the router directly; inserted into
/// the request's extensions only when tower layers sit in between (they may want it, and the
/// extensions map costs four allocations a request).
#[derive(Debug, Clone)]
pub(crate) struct ConnMeta {
    pub info: ConnectInfo,
    pub origin: ConnOrigin,
    pub id: RequestId,
}

impl ConnMeta {
    /// Puts the parts into `extensions`, for tower layers.
    pub(crate) fn insert_into(self, extensions: &mut http::Extensions) {
        extensions.insert(self.info);
        extensions.insert(self.origin);
        extensions.insert(self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_are_32_distinct_hex_digits_with_unlike_halves() {
        let mut seen = std::collections::HashSet::new();
        for n in 0..10_000 {
            let id = RequestId(IdRepr::Generated(n, OnceLock::new()));
            let text = id.as_str().to_owned();
            assert_eq!(text.len(), 32);
            assert!(text
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
            assert_ne!(text[..16], text[16..], "{text}");
            assert!(seen.insert(text));
        }
        // The old scheme's failure: a seed sharing no bit with `n` made both halves equal.
        // With two seeds, equal halves need equal seeds.
        assert_ne!(hex_of(0, [1, 2])[..16], hex_of(0, [1, 2])[16..]);
        assert_eq!(hex_of(0, [1, 1])[..16], hex_of(0, [1, 1])[16..]);
    }
}
