use http::header::{HeaderName, HeaderValue, SET_COOKIE};
use http::{HeaderMap, StatusCode};

use super::{header_pair, IntoStatus};

/// The injected response handle: FastAPI's `response: Response` parameter.
///
/// Take it as `response: &mut ResponseHandle` in a route handler to change the status and add
/// headers at run time while still returning a plain value that becomes the JSON body. Its
/// status starts as the route's `status_code`. Headers are sent after `content-length` and
/// `content-type`, in the order they were added.
///
/// When the handler returns a response object instead ([`Response`](crate::Response),
/// [`JsonResponse`](crate::JsonResponse), an [`HttpError`](crate::HttpError) …), that object
/// wins and the handle is ignored, exactly as in FastAPI.
///
/// ```
/// use brisk::{status, ResponseHandle};
///
/// #[brisk::get("/items/{item_id}")]
/// async fn get_item(item_id: i64, response: &mut ResponseHandle) -> brisk::Value {
///     response.set_header("X-Cache", "MISS");
///     if item_id == 0 {
///         response.set_status(status::HTTP_202_ACCEPTED);
///     }
///     brisk::json!({ "item_id": item_id })
/// }
/// ```
#[derive(Debug, Clone)]
pub struct ResponseHandle {
    status: StatusCode,
    headers: HeaderMap,
}

impl ResponseHandle {
    /// A handle whose status starts at `status`.
    pub fn new(status: StatusCode) -> Self {
        ResponseHandle {
            status,
            headers: HeaderMap::new(),
        }
    }

    /// The status the response will have.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Sets the status (FastAPI's `response.status_code = ...`).
    pub fn set_status(&mut self, status: impl IntoStatus) {
        self.status = status.into_status();
    }

    /// Sets a header, replacing any value it had (FastAPI's `response.headers[k] = v`).
    ///
    /// # Panics
    /// If the name or value is not valid in a header.
    pub fn set_header<K, V>(&mut self, name: K, value: V)
    where
        K: TryInto<HeaderName>,
        K::Error: std::fmt::Debug,
        V: TryInto<HeaderValue>,
        V::Error: std::fmt::Debug,
    {
        let (name, value) = header_pair(name, value);
        self.headers.insert(name, value);
    }

    /// Adds a header, keeping earlier values (FastAPI's `response.headers.append(k, v)`).
    ///
    /// # Panics
    /// If the name or value is not valid in a header.
    ///
    /// ```
    /// let mut response = brisk::ResponseHandle::new(brisk::StatusCode::OK);
    /// response.append_header("vary", "accept");
    /// response.append_header("vary", "cookie");
    /// assert_eq!(response.headers().get_all("vary").iter().count(), 2);
    /// ```
    pub fn append_header<K, V>(&mut self, name: K, value: V)
    where
        K: TryInto<HeaderName>,
        K::Error: std::fmt::Debug,
        V: TryInto<HeaderValue>,
        V::Error: std::fmt::Debug,
    {
        let (name, value) = header_pair(name, value);
        self.headers.append(name, value);
    }

    /// Adds a `set-cookie` header as FastAPI's `response.set_cookie(key, value)` writes it:
    /// `key=value; Path=/; SameSite=lax`.
    ///
    /// # Panics
    /// If the cookie is not valid in a header.
    ///
    /// ```
    /// let mut response = brisk::ResponseHandle::new(brisk::StatusCode::OK);
    /// response.set_cookie("session", "abc123");
    /// assert_eq!(response.headers()["set-cookie"], "session=abc123; Path=/; SameSite=lax");
    /// ```
    pub fn set_cookie(&mut self, key: &str, value: &str) {
        let cookie = format!("{key}={value}; Path=/; SameSite=lax");
        self.append_header(SET_COOKIE, cookie.as_str());
    }

    /// The headers added so far.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers, to change them directly.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    pub(crate) fn into_parts(self) -> (StatusCode, HeaderMap) {
        (self.status, self.headers)
    }
}
