use std::any::{Any, TypeId};
use std::sync::Arc;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::request::Parts;
use http::{HeaderMap, Method, StatusCode, Uri};

use crate::body::Body;
use crate::connection::{ConnMeta, ConnectInfo, RequestId};
use crate::response::Response;

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
    method: Method,
    uri: Uri,
    /// Always there but while the request drops: its `Drop` passes the map on, and an
    /// emptied `Option` costs nothing to drop where an emptied map still would.
    headers: Option<HeaderMap>,
    extensions: http::Extensions,
    params: ParamRanges,
    body: Bytes,
    state: Arc<StateMap>,
    status: StatusCode,
    /// The body as it arrived and the most it may hold, until the generated handler reads it
    /// into `body` ([`Request::__read_body`]). In a `Mutex` only so that the request stays
    /// `Sync` (handlers hold `&Request` across awaits; a body is only `Send`): it is reached
    /// through `&mut self`, which needs no locking.
    unread: std::sync::Mutex<Option<(Body, usize)>>,
    /// What the server attached; read from the extensions instead when absent (a request that
    /// went through tower layers).
    meta: Option<ConnMeta>,
}

/// Where the path parameters are in the path (byte ranges), in template order: up to four
/// inline, more on the heap. Kept small: the request is moved into the handler's future.
pub(crate) struct ParamRanges {
    inline: [(u32, u32); 4],
    len: u32,
    more: Vec<(u32, u32)>,
}

impl ParamRanges {
    /// No parameters.
    pub(crate) fn new() -> Self {
        ParamRanges {
            inline: [(0, 0); 4],
            len: 0,
            more: Vec::new(),
        }
    }

    fn get(&self, index: usize) -> Option<(usize, usize)> {
        let (start, end) = if index < 4 {
            *self.inline[..(self.len as usize).min(4)].get(index)?
        } else {
            *self.more.get(index - 4)?
        };
        Some((start as usize, end as usize))
    }
}

impl FromIterator<(usize, usize)> for ParamRanges {
    /// Ranges past `u32::MAX` cannot occur (the head size limit is far below it); they
    /// would read as empty.
    fn from_iter<I: IntoIterator<Item = (usize, usize)>>(iter: I) -> Self {
        let mut ranges = ParamRanges::new();
        for (start, end) in iter {
            let range = (
                u32::try_from(start).unwrap_or(0),
                u32::try_from(end).unwrap_or(0),
            );
            match ranges.inline.get_mut(ranges.len as usize) {
                Some(slot) => *slot = range,
                None => ranges.more.push(range),
            }
            ranges.len += 1;
        }
        ranges
    }
}

impl Request {
    /// Made by the router once it has matched the route; `unread` is the body and its
    /// size limit when the handler reads it.
    pub(crate) fn new(
        parts: Parts,
        params: ParamRanges,
        unread: Option<(Body, usize)>,
        state: Arc<StateMap>,
        status: StatusCode,
        meta: Option<ConnMeta>,
    ) -> Self {
        // (Parts has private fields: `..` passes them over.)
        let Parts {
            method,
            uri,
            headers,
            extensions,
            ..
        } = parts;
        Request {
            method,
            uri,
            headers: Some(headers),
            extensions,
            params,
            body: Bytes::new(),
            state,
            status,
            unread: std::sync::Mutex::new(unread),
            meta,
        }
    }

    /// Reads the body the router handed over unread (generated handlers call it first): a
    /// body over the limit answers 413, one that stops arriving in time 408, one that cannot
    /// be read 400.
    #[doc(hidden)]
    pub async fn __read_body(&mut self) -> Result<(), Response> {
        let unread = self
            .unread
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some((body, limit)) = unread {
            self.body = super::body::read_limited(body, limit).await?;
        }
        Ok(())
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The URI as received.
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// The path, not decoded.
    pub fn path(&self) -> &str {
        self.uri.path()
    }

    /// The query string without `?`, if there is one.
    pub fn query_string(&self) -> Option<&str> {
        self.uri.query()
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        self.headers
            .as_ref()
            .expect("a request has its headers until it drops")
    }

    /// The request extensions (set by tower layers, for instance).
    pub fn extensions(&self) -> &http::Extensions {
        &self.extensions
    }

    /// The request's id (the client's `x-request-id`, or one the server made): `None` for a
    /// request that did not come through the server ([`TestClient`](crate::testing::TestClient)).
    /// See [`RequestId`](crate::RequestId).
    pub fn request_id(&self) -> Option<&RequestId> {
        match &self.meta {
            Some(meta) => Some(&meta.id),
            None => self.extensions.get(),
        }
    }

    /// The peer's address: `None` for a request that did not come through the server. See
    /// [`ConnectInfo`](crate::ConnectInfo).
    pub fn connect_info(&self) -> Option<&ConnectInfo> {
        match &self.meta {
            Some(meta) => Some(&meta.info),
            None => self.extensions.get(),
        }
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
    #[inline]
    pub fn raw_path_param(&self, index: usize) -> Option<&str> {
        let (start, end) = self.params.get(index)?;
        self.uri.path().get(start..end)
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

impl Drop for Request {
    // The request's header map goes on to the response (see `response::spare`).
    fn drop(&mut self) {
        if let Some(headers) = self.headers.take() {
            crate::response::spare::give(headers);
        }
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("uri", &self.uri)
            .field(
                "headers",
                self.headers.as_ref().unwrap_or(&HeaderMap::new()),
            )
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// The first value of `name`, as `HeaderMap::get` finds it. A request has a handful of
/// headers, and the header looked for is often absent (`x-request-id`): comparing the
/// names one by one tells so for less than hashing the name (`get`) or walking the values
/// (`iter`, which also follows each name's extra values). A long list is looked up.
pub(crate) fn first_header<'h>(
    headers: &'h HeaderMap,
    name: &HeaderName,
) -> Option<&'h HeaderValue> {
    if headers.keys_len() <= 8 && !headers.keys().any(|n| n == name) {
        return None;
    }
    headers.get(name)
}

#[cfg(test)]
mod tests {
    use super::{first_header, ParamRanges};
    use http::header::{HeaderName, HeaderValue, CONTENT_TYPE, HOST};
    use http::HeaderMap;

    #[test]
    fn the_first_header_is_the_one_get_finds() {
        let custom = HeaderName::from_static("x-request-id");
        for len in 0..40 {
            let mut headers = HeaderMap::new();
            for i in 0..len {
                let name = match i % 4 {
                    0 => HOST,
                    1 => CONTENT_TYPE,
                    2 => custom.clone(),
                    _ => HeaderName::from_bytes(format!("x-h{i}").as_bytes()).unwrap(),
                };
                headers.append(name, HeaderValue::from(i));
            }
            for name in [&HOST, &CONTENT_TYPE, &custom, &http::header::ACCEPT] {
                assert_eq!(
                    first_header(&headers, name),
                    headers.get(name),
                    "{len} {name}"
                );
            }
        }
    }

    #[test]
    fn param_ranges_keep_order_past_the_inline_four() {
        let ranges: ParamRanges = (0..7).map(|i| (i * 10, i * 10 + 3)).collect();
        for i in 0..7 {
            assert_eq!(ranges.get(i), Some((i * 10, i * 10 + 3)));
        }
        assert_eq!(ranges.get(7), None);
        let few: ParamRanges = [(1, 2)].into_iter().collect();
        assert_eq!(few.get(0), Some((1, 2)));
        assert_eq!(few.get(1), None);
        assert_eq!(few.get(5), None);
    }
}
