use std::any::{Any, TypeId};
use std::sync::Arc;

use bytes::Bytes;
use http::request::Parts;
use http::{HeaderMap, Method, StatusCode, Uri};

/// Shared application state, keyed by type.
#[derive(Default)]
pub struct StateMap {
    entries: Vec<(TypeId, &'static str, Box<dyn Any + Send + Sync>)>,
}

impl StateMap {
    /// Adds (or replaces) the value of type `T`.
    pub fn insert<T: Clone + Send + Sync + 'static>(&mut self, value: T) {
        let id = TypeId::of::<T>();
        self.entries.retain(|(t, _, _)| *t != id);
        self.entries
            .push((id, std::any::type_name::<T>(), Box::new(value)));
    }

    /// The value of type `T`.
    pub fn get<T: 'static>(&self) -> Option<&T> {
        let id = TypeId::of::<T>();
        self.entries
            .iter()
            .find(|(t, _, _)| *t == id)
            .and_then(|(_, _, v)| v.downcast_ref())
    }

    /// Whether a value of this type is present.
    pub fn contains(&self, id: TypeId) -> bool {
        self.entries.iter().any(|(t, _, _)| *t == id)
    }
}

impl std::fmt::Debug for StateMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.entries.iter().map(|(_, name, _)| name))
            .finish()
    }
}

/// The request as a handler sees it: FastAPI's `request: Request`.
///
/// Take it as `request: &Request` next to other parameters, or as `request: Request` to own
/// it. It gives the method, URI, headers, path parameters, the buffered body and the app
/// state.
///
/// ```
/// use brisk::Request;
///
/// #[brisk::get("/whoami")]
/// async fn whoami(request: &Request) -> brisk::Value {
///     let agent = request.headers().get("user-agent").and_then(|v| v.to_str().ok());
///     brisk::json!({ "path": request.path(), "agent": agent })
/// }
/// ```
pub struct Request {
    parts: Parts,
    /// Byte ranges of the matched path parameters in `parts.uri.path()`, in template order.
    params: Vec<(usize, usize)>,
    body: Bytes,
    state: Arc<StateMap>,
    status: StatusCode,
}

impl Request {
    #[doc(hidden)]
    pub fn __new(
        parts: Parts,
        params: Vec<(usize, usize)>,
        body: Bytes,
        state: Arc<StateMap>,
        status: StatusCode,
    ) -> Self {
        Request {
            parts,
            params,
            body,
            state,
            status,
        }
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.parts.method
    }

    /// The URI as received.
    pub fn uri(&self) -> &Uri {
        &self.parts.uri
    }

    /// The path, not decoded.
    pub fn path(&self) -> &str {
        self.parts.uri.path()
    }

    /// The query string without `?`, if there is one.
    pub fn query_string(&self) -> Option<&str> {
        self.parts.uri.query()
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.parts.headers
    }

    /// The request extensions (set by tower layers, for instance).
    pub fn extensions(&self) -> &http::Extensions {
        &self.parts.extensions
    }

    /// The body, read in full before the handler ran. Empty unless the handler takes a body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// A value of the app's state (see [`App::state`](crate::App::state)).
    pub fn state<T: Clone + 'static>(&self) -> Option<T> {
        self.state.get::<T>().cloned()
    }

    /// The raw (percent-encoded) value of the `index`-th path parameter of the template.
    pub fn raw_path_param(&self, index: usize) -> Option<&str> {
        let (start, end) = *self.params.get(index)?;
        self.parts.uri.path().get(start..end)
    }

    /// The route's default status.
    #[doc(hidden)]
    pub fn __route_status(&self) -> StatusCode {
        self.status
    }

    pub(crate) fn state_map(&self) -> &StateMap {
        &self.state
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.parts.method)
            .field("uri", &self.parts.uri)
            .field("headers", &self.parts.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}
