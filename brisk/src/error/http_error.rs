use http::{HeaderMap, StatusCode};
use serde::Serialize;

use crate::response::{
    header_pair, json_bytes, serialized, IntoHeaderName, IntoHeaderValue, IntoResponse, IntoStatus,
    Response,
};

/// An error with an HTTP status: FastAPI's `HTTPException`.
///
/// The body is `{"detail": <detail>}` where the detail is any JSON value; without one it is
/// the status's reason phrase as FastAPI writes it (`{"detail":"I'm a Teapot"}`). Headers come
/// first, then `content-length` and `content-type`. For statuses that carry no body (204, 304)
/// only the headers are sent.
///
/// ```
/// use brisk::HttpError;
///
/// #[brisk::get("/hx/{item_id}")]
/// async fn read_item(item_id: String) -> Result<brisk::Value, HttpError> {
///     if item_id != "foo" {
///         return Err(HttpError::new(404, "Item not found"));
///     }
///     Ok(brisk::json!({ "item": "The Foo" }))
/// }
///
/// let e = HttpError::new(401, "Not authenticated").header("WWW-Authenticate", "Bearer");
/// assert_eq!(e.status(), 401);
/// ```
#[derive(Debug, Clone)]
pub struct HttpError(Box<Inner>);

/// Boxed so `Result<T, HttpError>` stays one pointer wide on the error side.
#[derive(Debug, Clone)]
struct Inner {
    status: StatusCode,
    detail: serde_json::Value,
    headers: HeaderMap,
}

impl HttpError {
    /// An error with this status and detail (a string, or any `Serialize` value such as
    /// `json!({"code": "conflict"})`).
    ///
    /// # Panics
    /// If `detail` cannot be represented as JSON (e.g. a map with non-string keys).
    ///
    /// ```
    /// use brisk::{status, HttpError, IntoResponse};
    ///
    /// let e = HttpError::new(status::HTTP_409_CONFLICT, brisk::json!({ "code": "stale", "version": 3 }));
    /// assert_eq!(e.status(), 409);
    /// assert_eq!(e.detail()["code"], "stale");
    /// let res = e.into_response();
    /// assert_eq!(res.headers()["content-length"], "39");
    /// ```
    pub fn new(status: impl IntoStatus, detail: impl Serialize) -> Self {
        HttpError(Box::new(Inner {
            status: status.into_status(),
            detail: serde_json::to_value(detail)
                .unwrap_or_else(|e| panic!("HttpError detail is not JSON: {e}")),
            headers: HeaderMap::new(),
        }))
    }

    /// An error whose detail is the status's reason phrase (`HTTPException(status_code=418)`).
    ///
    /// ```
    /// use brisk::{status, HttpError};
    ///
    /// assert_eq!(HttpError::from_status(404).detail(), "Not Found");
    /// // CPython's phrase, as FastAPI sends it (not the `http` crate's "I'm a teapot").
    /// assert_eq!(HttpError::from_status(status::HTTP_418_IM_A_TEAPOT).detail(), "I'm a Teapot");
    /// ```
    pub fn from_status(status: impl IntoStatus) -> Self {
        let status = status.into_status();
        let phrase = crate::status::reason_phrase(status.as_u16())
            .or(status.canonical_reason())
            .unwrap_or("");
        HttpError(Box::new(Inner {
            status,
            detail: serde_json::Value::String(phrase.to_owned()),
            headers: HeaderMap::new(),
        }))
    }

    /// 400 Bad Request.
    pub fn bad_request(detail: impl Serialize) -> Self {
        HttpError::new(StatusCode::BAD_REQUEST, detail)
    }

    /// 401 Unauthorized.
    pub fn unauthorized(detail: impl Serialize) -> Self {
        HttpError::new(StatusCode::UNAUTHORIZED, detail)
    }

    /// 403 Forbidden.
    pub fn forbidden(detail: impl Serialize) -> Self {
        HttpError::new(StatusCode::FORBIDDEN, detail)
    }

    /// 404 Not Found.
    pub fn not_found(detail: impl Serialize) -> Self {
        HttpError::new(StatusCode::NOT_FOUND, detail)
    }

    /// 409 Conflict.
    pub fn conflict(detail: impl Serialize) -> Self {
        HttpError::new(StatusCode::CONFLICT, detail)
    }

    /// Adds a header to the error response (`HTTPException(headers=...)`). The headers come
    /// first in the response, before `content-length` and `content-type`.
    ///
    /// ```
    /// use brisk::{HttpError, IntoResponse};
    ///
    /// let res = HttpError::unauthorized("Not authenticated")
    ///     .header("WWW-Authenticate", "Bearer")
    ///     .into_response();
    /// let names: Vec<&str> = res.headers().keys().map(|k| k.as_str()).collect();
    /// assert_eq!(names, ["www-authenticate", "content-length", "content-type"]);
    /// ```
    ///
    /// # Panics
    /// If the name or value is not valid in a header.
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        K: IntoHeaderName,
        V: IntoHeaderValue,
    {
        let (name, value) = header_pair(name, value);
        self.0.headers.append(name, value);
        self
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The detail.
    pub fn detail(&self) -> &serde_json::Value {
        &self.0.detail
    }
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.status.as_u16(), self.0.detail)
    }
}

impl std::error::Error for HttpError {}

#[derive(Serialize)]
struct DetailBody<'a> {
    detail: &'a serde_json::Value,
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let this = *self.0;
        if crate::status::is_bodyless(this.status.as_u16()) {
            let mut res = Response::new(this.status);
            res.headers = this.headers;
            return res;
        }
        match json_bytes(&DetailBody {
            detail: &this.detail,
        }) {
            Ok(bytes) => serialized(this.status, this.headers, bytes, None),
            Err(error) => {
                tracing::error!(%error, "HttpError detail could not be serialized");
                crate::response::internal_server_error()
            }
        }
    }
}
