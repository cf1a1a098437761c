//! What the server knows about the connection a request came on: the peer's address, whether
//! its forwarding headers are believed, and the request's id. The server attaches it to every
//! request; [`Request`](crate::Request) hands it to handlers. Requests made by
//! [`TestClient`](crate::testing::TestClient) carry none of it.

use std::net::SocketAddr;

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

/// A generated id stays 32 ASCII hex bytes inline: no allocation and no formatting machinery
/// on the request path; a header value is made only when the id is echoed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IdRepr {
    Given(HeaderValue),
    Generated([u8; 32]),
}

impl RequestId {
    /// The id's text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            IdRepr::Given(v) => v.to_str().unwrap_or_default(),
            IdRepr::Generated(hex) => std::str::from_utf8(hex).unwrap_or_default(),
        }
    }

    pub(crate) fn header_value(&self) -> HeaderValue {
        match &self.0 {
            IdRepr::Given(v) => v.clone(),
            IdRepr::Generated(hex) => {
                HeaderValue::from_bytes(hex).expect("hex digits are a valid header value")
            }
        }
    }
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
