//! Responses: what a handler returns, and the handle it can use to change the status and
//! headers at run time.
//!
//! The precedence is FastAPI's (reference R6): the route's `status_code` is the default, the
//! injected [`ResponseHandle`] overrides it, and a returned response object
//! ([`Response`], [`JsonResponse`], [`HttpError`](crate::HttpError), [`Created`] …) wins over
//! both, with its own status and headers.
//!
//! A returned value that is not a response object but implements [`serde::Serialize`] becomes
//! a compact JSON body (`content-type: application/json`) with the route's status and the
//! handle's headers appended after `content-length` and `content-type`.

mod doc;
mod handle;
mod json;
mod kept;
mod name;
pub(crate) mod spare;
mod typed;
mod value;

pub use doc::{DescribeResponse, ResponseDoc};
pub use handle::ResponseHandle;
pub use json::JsonResponse;
pub(crate) use json::{json_bytes, json_bytes_with, serialized, write_json};
pub use name::IntoHeaderName;
pub(crate) use typed::with_type;
pub use typed::{Created, Html, NoContent, PlainText, Redirect};
pub use value::IntoHeaderValue;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
use http::{HeaderMap, StatusCode};

use crate::body::Body;

/// A status given as an [`http::StatusCode`] (every `brisk::status` constant) or a `u16`.
///
/// ```
/// use brisk::{status, Response};
/// assert_eq!(Response::new(status::HTTP_204_NO_CONTENT).status(), 204);
/// assert_eq!(Response::new(204).status(), 204);
/// ```
pub trait IntoStatus {
    /// The status code.
    ///
    /// # Panics
    /// For a `u16` outside 100–999, which is not an HTTP status code.
    fn into_status(self) -> StatusCode;
}

impl IntoStatus for StatusCode {
    fn into_status(self) -> StatusCode {
        self
    }
}

impl IntoStatus for u16 {
    fn into_status(self) -> StatusCode {
        StatusCode::from_u16(self)
            .unwrap_or_else(|_| panic!("{self} is not an HTTP status code (100-999)"))
    }
}

/// Converts a header name and value, panicking with a message that
/// names the bad input: a malformed header in code is a programming error.
pub(crate) fn header_pair<K, V>(name: K, value: V) -> (HeaderName, HeaderValue)
where
    K: IntoHeaderName,
    V: IntoHeaderValue,
{
    let name = name.into_header_name();
    let value = value
        .into_header_value()
        .unwrap_or_else(|e| panic!("invalid value for header `{name}`: {e:?}"));
    (name, value)
}

/// Appends every value of `from` to `to`, after what `to` holds, moving the names (a
/// custom name is a shared buffer: cloning it allocates).
pub(crate) fn append_all(to: &mut HeaderMap, from: HeaderMap) {
    let mut current: Option<http::header::OccupiedEntry<'_, HeaderValue>> = None;
    for (name, value) in from {
        // `HeaderMap`'s owning iterator yields the name once per group of values.
        match (name, current.as_mut()) {
            (Some(name), _) => {
                current = Some(match to.entry(name) {
                    http::header::Entry::Occupied(mut e) => {
                        e.append(value);
                        e
                    }
                    http::header::Entry::Vacant(e) => e.insert_entry(value),
                });
            }
            (None, Some(entry)) => entry.append(value),
            (None, None) => {}
        }
    }
}

/// Whether a header states the body's framing (a length or a transfer coding): one set by
/// hand makes the final stage check the response (see `Response::framed`).
pub(crate) fn states_framing(name: &HeaderName) -> bool {
    name == CONTENT_LENGTH || name == TRANSFER_ENCODING
}

/// How many decimal digits `n` (below 10 000) has.
const fn digits(n: usize) -> usize {
    match n {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        _ => 4,
    }
}

/// Decimal text of 0..10 000, one 4-byte slot each (left-aligned), built at compile time.
static LENGTHS: [u8; 40_000] = {
    let mut table = [b' '; 40_000];
    let mut n = 0;
    while n < 10_000 {
        let digits = digits(n);
        let mut value = n;
        let mut d = digits;
        while d > 0 {
            d -= 1;
            table[n * 4 + d] = b'0' + (value % 10) as u8;
            value /= 10;
        }
        n += 1;
    }
    table
};

/// The `content-length` values of bodies under 1 KiB, made at compile time: a clone costs no
/// check of the digits (most answers are small, and every one with a body states its length).
static SMALL_LENGTHS: [HeaderValue; 1024] = {
    let mut values = [const { HeaderValue::from_static("0") }; 1024];
    let mut n = 0;
    while n < 1024 {
        let digits = digits(n);
        let (_, rest) = LENGTHS.split_at(n * 4);
        let (text, _) = rest.split_at(digits);
        let Ok(text) = std::str::from_utf8(text) else {
            panic!("LENGTHS holds digits");
        };
        // (Replaced and forgotten: a constant initializer cannot run a destructor.)
        std::mem::forget(std::mem::replace(
            &mut values[n],
            HeaderValue::from_static(text),
        ));
        n += 1;
    }
    values
};

/// A `content-length` value. Below 10 000 it points into a static table: `HeaderValue::from`
/// formats into a fresh allocation, and every response with a body needs one.
pub(crate) fn content_length(len: u64) -> HeaderValue {
    if let Some(value) = SMALL_LENGTHS.get(len as usize) {
        return value.clone();
    }
    if len < 10_000 {
        let n = len as usize;
        let digits = digits(n);
        let text: &'static [u8] = &LENGTHS[n * 4..n * 4 + digits];
        if let Ok(value) = HeaderValue::from_maybe_shared(Bytes::from_static(text)) {
            return value;
        }
    }
    HeaderValue::from(len)
}

/// A response's `content-length` (first, as FastAPI sends it) and `content-type`, in the
/// [spare](spare) map of the request before when there is one.
pub(crate) fn length_and_type(media_type: HeaderValue, len: u64) -> HeaderMap {
    let mut headers = spare::take(2);
    headers.append(http::header::CONTENT_LENGTH, content_length(len));
    headers.append(CONTENT_TYPE, media_type);
    headers
}

/// Whether a stated `content-length` says `len`.
pub(crate) fn states_length(value: &HeaderValue, len: u64) -> bool {
    let b = value.as_bytes();
    !b.is_empty()
        && b.len() <= 20
        && b.iter().all(u8::is_ascii_digit)
        && (b.len() == 1 || b[0] != b'0')
        && b.iter().try_fold(0u64, |acc, &d| {
            acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        }) == Some(len)
}

/// A complete response: status, headers and body, sent exactly as built.
///
/// The counterpart of FastAPI's `Response`: `Response::new(204)` is
/// `Response(status_code=204)`, `Response::with_content("hello")` is
/// `Response(content="hello")` (no `content-type`, like FastAPI), and
/// [`media_type`](Response::media_type) sets one.
///
/// ```
/// use brisk::{status, Response};
///
/// let r = Response::with_content(r#"{"a":1}"#)
///     .media_type("application/json")
///     .header("X-Cache", "MISS");
/// assert_eq!(r.status(), status::HTTP_200_OK);
/// assert_eq!(r.headers()["x-cache"], "MISS");
/// ```
#[derive(Debug)]
pub struct Response {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Body,
    pub(crate) extensions: http::Extensions,
    /// Whether brisk built the headers knowing the body: exactly one `content-length`, the
    /// body's, and no `transfer-encoding`. The final stage then has nothing to check (~100
    /// instructions on every response). Anything that could change that clears it.
    pub(crate) framed: bool,
}

impl Response {
    /// An empty response with this status (FastAPI's `Response(status_code=...)`).
    pub fn new(status: impl IntoStatus) -> Self {
        Response {
            status: status.into_status(),
            headers: HeaderMap::new(),
            body: Body::empty(),
            extensions: http::Extensions::new(),
            framed: false,
        }
    }

    /// A 200 response with these bytes and no `content-type` (FastAPI's
    /// `Response(content=...)`).
    pub fn with_content(content: impl Into<Bytes>) -> Self {
        Response {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Body::full(content),
            extensions: http::Extensions::new(),
            framed: false,
        }
    }

    /// A response with any [`Body`], e.g. a stream.
    ///
    /// ```
    /// use brisk::{Body, Response};
    ///
    /// #[brisk::get("/report.csv")]
    /// async fn report() -> Response {
    ///     let csv = "id,name\n1,Pen\n";
    ///     Response::with_body(200, Body::from(csv)).media_type("text/csv")
    /// }
    /// # let _ = brisk::App::new().routes(brisk::routes![report]);
    /// ```
    pub fn with_body(status: impl IntoStatus, body: Body) -> Self {
        Response {
            status: status.into_status(),
            headers: HeaderMap::new(),
            body,
            extensions: http::Extensions::new(),
            framed: false,
        }
    }

    /// Sets the status.
    pub fn status_code(mut self, status: impl IntoStatus) -> Self {
        self.status = status.into_status();
        self
    }

    /// Sets `content-type`. For a body of known length, `content-length` comes before it, as
    /// FastAPI's `Response(content=..., media_type=...)` sends them.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// #[brisk::get("/raw")]
    /// async fn raw() -> brisk::Response {
    ///     brisk::Response::with_content(r#"{"a":1}"#).media_type("application/json")
    /// }
    ///
    /// let client = brisk::testing::TestClient::new(brisk::App::new().routes(brisk::routes![raw]));
    /// let res = client.get("/raw").send().await;
    /// assert_eq!(
    ///     res.header_pairs(),
    ///     [
    ///         ("content-length".to_owned(), "7".to_owned()),
    ///         ("content-type".to_owned(), "application/json".to_owned()),
    ///     ]
    /// );
    /// # }
    /// ```
    ///
    /// # Panics
    /// If `media_type` is not a valid header value.
    pub fn media_type(mut self, media_type: &str) -> Self {
        if !self.headers.contains_key(CONTENT_LENGTH) && !self.headers.contains_key(CONTENT_TYPE) {
            if let Some(len) = self.body.exact_len() {
                self.headers.append(CONTENT_LENGTH, content_length(len));
            }
        }
        let (name, value) = header_pair(CONTENT_TYPE, media_type);
        self.headers.insert(name, value);
        self
    }

    /// Appends a header (names are sent lower-case, as HTTP/2 and FastAPI do).
    ///
    /// # Panics
    /// If the name or value is not valid in a header.
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        K: IntoHeaderName,
        V: IntoHeaderValue,
    {
        let (name, value) = header_pair(name, value);
        if states_framing(&name) {
            self.framed = false;
        }
        self.headers.append(name, value);
        self
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers, to change them.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.framed = false;
        &mut self.headers
    }

    /// The body.
    pub fn body(&self) -> &Body {
        &self.body
    }

    /// Converts into an [`http::Response`].
    ///
    /// ```
    /// let res = brisk::Response::new(204).header("x-id", "7").into_http();
    /// assert_eq!(res.status(), 204);
    /// assert_eq!(res.headers()["x-id"], "7");
    /// ```
    #[inline]
    pub fn into_http(self) -> http::Response<Body> {
        let mut res = http::Response::new(self.body);
        *res.status_mut() = self.status;
        let fresh = std::mem::replace(res.headers_mut(), self.headers);
        // The map `http::Response::new` made holds no allocation: dropping it would only
        // check so (~50 instructions on every response).
        if fresh.capacity() == 0 {
            std::mem::forget(fresh);
        }
        *res.extensions_mut() = self.extensions;
        res
    }

    /// Converts from an [`http::Response`] with any body.
    pub fn from_http<B>(res: http::Response<B>) -> Self
    where
        B: http_body::Body<Data = Bytes> + Send + 'static,
        B::Error: Into<crate::body::BoxError>,
    {
        let (parts, body) = res.into_parts();
        Response {
            status: parts.status,
            headers: parts.headers,
            body: Body::new(body),
            extensions: parts.extensions,
            framed: false,
        }
    }
}

impl From<http::Response<Body>> for Response {
    fn from(res: http::Response<Body>) -> Self {
        let (parts, body) = res.into_parts();
        Response {
            status: parts.status,
            headers: parts.headers,
            body,
            extensions: parts.extensions,
            framed: false,
        }
    }
}

/// Turns a value into a complete [`Response`]. Returning such a value from a handler sends it
/// as built: the route's default status and the [`ResponseHandle`] do not apply (FastAPI R6).
///
/// Values that are only [`serde::Serialize`] are handled by the route macro instead: they
/// become JSON with the route's status.
///
/// ```
/// use brisk::{IntoResponse, Response};
///
/// struct Teapot;
/// impl IntoResponse for Teapot {
///     fn into_response(self) -> Response {
///         Response::with_content("short and stout").status_code(418)
///     }
/// }
/// assert_eq!(Teapot.into_response().status(), 418);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be turned into a response",
    note = "return a value that implements `serde::Serialize` (sent as JSON), or a brisk response type such as `JsonResponse`, `Response`, `HttpError`, `Created` or `NoContent`"
)]
pub trait IntoResponse {
    /// Builds the response.
    fn into_response(self) -> Response;
}

impl IntoResponse for Response {
    fn into_response(self) -> Response {
        self
    }
}

impl IntoResponse for http::Response<Body> {
    fn into_response(self) -> Response {
        self.into()
    }
}

impl IntoResponse for StatusCode {
    /// A bare status: an empty response (FastAPI's `Response(status_code=...)`).
    fn into_response(self) -> Response {
        Response::new(self)
    }
}

impl<T: IntoResponse, E: IntoResponse> IntoResponse for Result<T, E> {
    fn into_response(self) -> Response {
        match self {
            Ok(v) => v.into_response(),
            Err(e) => e.into_response(),
        }
    }
}

/// FastAPI's plain 500 page: `Internal Server Error`, `text/plain; charset=utf-8`.
pub(crate) fn internal_server_error() -> Response {
    let mut headers = HeaderMap::with_capacity(2);
    headers.insert(
        http::header::CONTENT_LENGTH,
        const { HeaderValue::from_static("21") },
    );
    headers.insert(
        CONTENT_TYPE,
        const { HeaderValue::from_static("text/plain; charset=utf-8") },
    );
    Response {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        headers,
        body: Body::from("Internal Server Error"),
        extensions: http::Extensions::new(),
        framed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_lengths_read_like_the_numbers() {
        for n in [
            0u64, 7, 9, 10, 42, 99, 100, 999, 1000, 4096, 9999, 10_000, 123_456,
        ] {
            let value = content_length(n);
            assert_eq!(value.as_bytes(), n.to_string().as_bytes());
            assert!(states_length(&value, n));
            assert!(!states_length(&value, n + 1));
        }
        assert!(!states_length(&HeaderValue::from_static("07"), 7));
        assert!(!states_length(&HeaderValue::from_static(""), 0));
        assert!(!states_length(&HeaderValue::from_static("1 "), 1));
        assert!(!states_length(
            &HeaderValue::from_static("99999999999999999999999"),
            0
        ));
    }
}
