use std::sync::OnceLock;

use http::header::{HeaderName, HeaderValue, SET_COOKIE};
use http::{HeaderMap, StatusCode};

use super::{header_pair, states_framing, IntoHeaderName, IntoHeaderValue, IntoStatus};

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
    /// The headers in the order they were added, as long as nobody asked for them as a
    /// `HeaderMap`: a handler adds one or two, and a map of their own would be allocated,
    /// hashed and taken apart again on every response.
    added: Pairs,
    /// Once [`headers`](Self::headers) or [`headers_mut`](Self::headers_mut) was called, the
    /// headers live here and `added` no longer counts. (A `OnceLock`, not a `OnceCell`, so
    /// that the handle stays `Sync`; boxed, because it sits in every handler's future, which
    /// is moved around.)
    map: OnceLock<Box<HeaderMap>>,
}

/// Headers in the order they were added: the first one inline (a handler usually adds one),
/// the rest in a `Vec`. `first` is filled before `more` and never emptied, so the pairs are
/// empty exactly when `first` is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pairs {
    first: Option<(HeaderName, HeaderValue)>,
    more: Vec<(HeaderName, HeaderValue)>,
}

impl Pairs {
    fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.more.len()
    }

    fn push(&mut self, name: HeaderName, value: HeaderValue) {
        match self.first {
            None => self.first = Some((name, value)),
            Some(_) => self.more.push((name, value)),
        }
    }

    /// As `HeaderMap::insert` (and Starlette): the first one with the name takes the value
    /// in place, later ones go.
    fn set(&mut self, name: HeaderName, value: HeaderValue) {
        // No pairs yet (nearly always): nothing to replace.
        if self.first.is_none() {
            self.first = Some((name, value));
            return;
        }
        let mut value = Some(value);
        if let Some((n, v)) = &mut self.first {
            if *n == name {
                *v = value.take().expect("not taken yet");
            }
        }
        self.more.retain_mut(|(n, v)| {
            if *n != name {
                return true;
            }
            match value.take() {
                Some(value) => {
                    *v = value;
                    true
                }
                None => false,
            }
        });
        if let Some(value) = value {
            self.push(name, value);
        }
    }
}

/// What a handle adds to a response, in order.
pub(crate) enum Added {
    Pairs(Pairs),
    Map(HeaderMap),
}

impl Added {
    pub(crate) fn len(&self) -> usize {
        match self {
            Added::Pairs(pairs) => pairs.len(),
            Added::Map(map) => map.len(),
        }
    }

    /// Whether a header here states a length or a transfer coding (which the final stage
    /// then checks against the body).
    pub(crate) fn frames(&self) -> bool {
        match self {
            Added::Pairs(Pairs { first, more }) => {
                first.as_ref().is_some_and(|(name, _)| states_framing(name))
                    || more.iter().any(|(name, _)| states_framing(name))
            }
            Added::Map(map) => map.keys().any(states_framing),
        }
    }

    /// Appends every header after what `to` holds.
    pub(crate) fn append_to(self, to: &mut HeaderMap) {
        match self {
            // (Not through the pairs' iterator: setting it up and dropping it cost ~100
            // instructions even with nothing in it.)
            Added::Pairs(Pairs { first, more }) => {
                if let Some((name, value)) = first {
                    to.append(name, value);
                }
                if !more.is_empty() {
                    for (name, value) in more {
                        to.append(name, value);
                    }
                }
            }
            Added::Map(map) => super::append_all(to, map),
        }
    }

    pub(crate) fn into_map(self) -> HeaderMap {
        match self {
            Added::Pairs(pairs) => {
                // Even with no headers: the map goes on to hyper, which parses the next
                // request's headers into it.
                let mut map = super::spare::take(pairs.len());
                if pairs.first.is_some() {
                    Added::Pairs(pairs).append_to(&mut map);
                }
                map
            }
            Added::Map(map) => map,
        }
    }
}

impl ResponseHandle {
    /// A handle whose status starts at `status`.
    pub fn new(status: StatusCode) -> Self {
        ResponseHandle {
            status,
            added: Pairs::default(),
            map: OnceLock::new(),
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
        K: IntoHeaderName,
        V: IntoHeaderValue,
    {
        let (name, value) = header_pair(name, value);
        match self.map.get_mut() {
            Some(map) => {
                map.insert(name, value);
            }
            None => self.added.set(name, value),
        }
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
        K: IntoHeaderName,
        V: IntoHeaderValue,
    {
        let (name, value) = header_pair(name, value);
        match self.map.get_mut() {
            Some(map) => {
                map.append(name, value);
            }
            None => self.added.push(name, value),
        }
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
        // (The `String` itself: a cookie is rarely the same twice, so the cache of values
        // given as text would only cost it a look.)
        self.append_header(SET_COOKIE, cookie);
    }

    /// The headers added so far.
    pub fn headers(&self) -> &HeaderMap {
        self.map
            .get_or_init(|| Box::new(Added::Pairs(self.added.clone()).into_map()))
    }

    /// The headers, to change them directly.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        if self.map.get().is_none() {
            let added = std::mem::take(&mut self.added);
            let _ = self.map.set(Box::new(Added::Pairs(added).into_map()));
        }
        self.added = Pairs::default();
        self.map.get_mut().expect("the map was just made")
    }

    pub(crate) fn into_parts(self) -> (StatusCode, Added) {
        let added = match self.map.into_inner() {
            Some(map) => Added::Map(*map),
            None => Added::Pairs(self.added),
        };
        (self.status, added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Set(usize, u8),
        Append(usize, u8),
        /// `headers()`: from then on the map holds the headers.
        Look,
        /// `headers_mut().remove(..)`.
        Remove(usize),
    }

    const NAMES: [&str; 3] = ["X-Cache", "vary", "set-cookie"];

    fn header_list(map: &HeaderMap) -> Vec<(String, String)> {
        map.iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
            .collect()
    }

    /// Whatever the calls, the handle ends up with the headers a `HeaderMap` given the same
    /// calls holds, in the same order: keeping them in a list first changes nothing a user
    /// or the response can see.
    #[test]
    fn the_handle_adds_headers_as_a_header_map_would() {
        let op = prop_oneof![
            (0..3usize, any::<u8>()).prop_map(|(n, v)| Op::Set(n, v)),
            (0..3usize, any::<u8>()).prop_map(|(n, v)| Op::Append(n, v)),
            Just(Op::Look),
            (0..3usize).prop_map(Op::Remove),
        ];
        proptest!(|(ops in prop::collection::vec(op, 0..12))| {
            let mut handle = ResponseHandle::new(StatusCode::OK);
            let mut want = HeaderMap::new();
            for op in &ops {
                match *op {
                    Op::Set(n, v) => {
                        handle.set_header(NAMES[n], v.to_string());
                        want.insert(
                            HeaderName::from_bytes(NAMES[n].as_bytes()).unwrap(),
                            u16::from(v).into(),
                        );
                    }
                    Op::Append(n, v) => {
                        handle.append_header(NAMES[n], v.to_string());
                        want.append(
                            HeaderName::from_bytes(NAMES[n].as_bytes()).unwrap(),
                            u16::from(v).into(),
                        );
                    }
                    Op::Look => {
                        prop_assert_eq!(header_list(handle.headers()), header_list(&want));
                    }
                    Op::Remove(n) => {
                        handle.headers_mut().remove(NAMES[n]);
                        want.remove(NAMES[n]);
                    }
                }
            }
            let mut got = HeaderMap::new();
            handle.into_parts().1.append_to(&mut got);
            prop_assert_eq!(header_list(&got), header_list(&want));
        });
    }
}
