//! Response types with a fixed shape: text, HTML, redirects, 204 and 201.

use std::borrow::Cow;

use bytes::Bytes;
use http::header::{HeaderValue, LOCATION};
use http::StatusCode;
use serde::Serialize;

use super::{header_pair, json_bytes, serialized, IntoResponse, IntoStatus, Response};
use crate::body::Body;

/// Static text is shared, not copied.
fn text_bytes(text: Cow<'static, str>) -> Bytes {
    match text {
        Cow::Borrowed(text) => Bytes::from_static(text.as_bytes()),
        Cow::Owned(text) => Bytes::from(text),
    }
}

/// A response with this body, its `content-length` and `content-type` (FastAPI's order).
pub(crate) fn with_type(status: StatusCode, body: Bytes, media_type: HeaderValue) -> Response {
    Response {
        status,
        headers: super::length_and_type(media_type, body.len() as u64),
        body: Body::full(body),
        extensions: http::Extensions::new(),
        framed: true,
    }
}

/// A `text/plain; charset=utf-8` response (FastAPI's `PlainTextResponse`).
///
/// ```
/// use brisk::PlainText;
///
/// #[brisk::get("/plain")]
/// async fn plain() -> PlainText {
///     PlainText("hello world".into())
/// }
///
/// #[brisk::get("/greet/{name}")]
/// async fn greet(name: String) -> PlainText {
///     PlainText(format!("hello {name}").into())
/// }
/// ```
///
/// The text is a `Cow`: static text is sent as it is, without a copy or an allocation.
#[derive(Debug, Clone)]
pub struct PlainText(pub Cow<'static, str>);

impl IntoResponse for PlainText {
    fn into_response(self) -> Response {
        let media_type = const { HeaderValue::from_static("text/plain; charset=utf-8") };
        with_type(StatusCode::OK, text_bytes(self.0), media_type)
    }
}

/// A `text/html; charset=utf-8` response (FastAPI's `HTMLResponse`).
///
/// ```
/// use brisk::Html;
///
/// #[brisk::get("/html")]
/// async fn html() -> Html {
///     Html("<h1>hi</h1>".into())
/// }
/// ```
///
/// The text is a `Cow`: static text is sent as it is, without a copy or an allocation.
#[derive(Debug, Clone)]
pub struct Html(pub Cow<'static, str>);

impl IntoResponse for Html {
    fn into_response(self) -> Response {
        let media_type = const { HeaderValue::from_static("text/html; charset=utf-8") };
        with_type(StatusCode::OK, text_bytes(self.0), media_type)
    }
}

/// A redirect: `location` and an empty body (FastAPI's `RedirectResponse`, 307 by default).
///
/// ```
/// use brisk::Redirect;
///
/// assert_eq!(brisk::IntoResponse::into_response(Redirect::to("/things")).status(), 307);
/// assert_eq!(brisk::IntoResponse::into_response(Redirect::permanent("/things")).status(), 301);
/// ```
#[derive(Debug, Clone)]
pub struct Redirect {
    status: StatusCode,
    location: String,
}

impl Redirect {
    /// `307 Temporary Redirect` to `location` (kept as given, relative or absolute).
    pub fn to(location: impl Into<String>) -> Self {
        Redirect {
            status: StatusCode::TEMPORARY_REDIRECT,
            location: location.into(),
        }
    }

    /// `301 Moved Permanently` to `location`.
    pub fn permanent(location: impl Into<String>) -> Self {
        Redirect::to(location).status_code(StatusCode::MOVED_PERMANENTLY)
    }

    /// `303 See Other` to `location`.
    pub fn see_other(location: impl Into<String>) -> Self {
        Redirect::to(location).status_code(StatusCode::SEE_OTHER)
    }

    /// Sets the status (e.g. 302 or 308).
    pub fn status_code(mut self, status: impl IntoStatus) -> Self {
        self.status = status.into_status();
        self
    }
}

impl IntoResponse for Redirect {
    fn into_response(self) -> Response {
        // (The `String` itself: a location is rarely the same twice, so the cache of values
        // given as text would only cost it a look.)
        let (_, location) = header_pair(LOCATION, self.location);
        let mut headers = super::spare::take(2);
        headers.append(
            http::header::CONTENT_LENGTH,
            const { HeaderValue::from_static("0") },
        );
        headers.append(LOCATION, location);
        Response {
            status: self.status,
            headers,
            body: Body::empty(),
            extensions: http::Extensions::new(),
            framed: true,
        }
    }
}

/// `204 No Content`: no body, no `content-type`, no `content-length`.
///
/// A route declared with `status_code = 204` must return `()`, `NoContent` or a
/// [`Response`]; returning a body there does not compile.
///
/// ```
/// use brisk::{status, NoContent};
///
/// #[brisk::delete("/items/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
/// async fn delete_item(item_id: i64) -> NoContent {
///     let _ = item_id;
///     NoContent
/// }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct NoContent;

impl IntoResponse for NoContent {
    fn into_response(self) -> Response {
        Response::new(StatusCode::NO_CONTENT)
    }
}

/// `201 Created` with a `Location` header and an optional JSON body.
///
/// Build the location from the route it points to: every route attribute generates a
/// `path(...)` function that fills its template, so `Created::at(get_item::path(42))` is
/// `/items/42` and stays right when the route changes.
///
/// In the OpenAPI document the route answers `201` with its `Location` header, and the body's
/// schema when `T` is a [`Model`](crate::Model) (`Created<Item>`), no content for a bare
/// `Created`, JSON of any shape otherwise.
///
/// ```
/// use brisk::{status, Created};
///
/// #[brisk::get("/items/{item_id}")]
/// async fn get_item(item_id: i64) -> brisk::Value {
///     brisk::json!({ "item_id": item_id })
/// }
///
/// #[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
/// async fn create_item(name: String) -> Created<brisk::Value> {
///     let id = 42;
///     Created::at(get_item::path(id)).with_body(brisk::json!({ "id": id, "name": name }))
/// }
///
/// assert_eq!(get_item::path(42), "/items/42");
/// ```
#[derive(Debug, Clone)]
pub struct Created<T = ()> {
    location: String,
    body: Option<T>,
}

impl Created<()> {
    /// A 201 pointing at `location`, with an empty body.
    pub fn at(location: impl Into<String>) -> Self {
        Created {
            location: location.into(),
            body: None,
        }
    }

    /// Adds a JSON body.
    pub fn with_body<T: Serialize>(self, body: T) -> Created<T> {
        Created {
            location: self.location,
            body: Some(body),
        }
    }
}

impl<T> Created<T> {
    /// The location the response points at.
    pub fn location(&self) -> &str {
        &self.location
    }
}

impl<T: Serialize> IntoResponse for Created<T> {
    fn into_response(self) -> Response {
        // (The `String` itself: see `Redirect`.)
        let (_, location) = header_pair(LOCATION, self.location);
        let mut headers = super::spare::take(3);
        headers.append(LOCATION, location);
        match self.body {
            None => {
                headers.append(
                    http::header::CONTENT_LENGTH,
                    const { HeaderValue::from_static("0") },
                );
                Response {
                    status: StatusCode::CREATED,
                    headers,
                    body: Body::empty(),
                    extensions: http::Extensions::new(),
                    framed: true,
                }
            }
            Some(body) => match json_bytes(&body) {
                Ok(bytes) => serialized(StatusCode::CREATED, headers, bytes, None),
                Err(error) => {
                    tracing::error!(%error, "Created body could not be serialized");
                    super::internal_server_error()
                }
            },
        }
    }
}
