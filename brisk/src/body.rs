//! The body type brisk uses for requests and responses.
//!
//! One concrete enum instead of a boxed trait object: the common cases (no body, a buffered
//! body, hyper's incoming stream) cost no allocation, and anything else (a tower layer's body,
//! a stream) is boxed once.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Frame, SizeHint};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::BodyExt;

/// A boxed error, as used by bodies and services.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A request or response body.
///
/// ```
/// use brisk::Body;
/// let body = Body::from("hello");
/// assert_eq!(body.as_bytes().map(|b| b.len()), Some(5));
/// ```
pub struct Body(Kind);

enum Kind {
    Empty,
    Full(Bytes),
    Incoming(hyper::body::Incoming),
    Boxed(UnsyncBoxBody<Bytes, BoxError>),
}

impl Body {
    /// An empty body.
    pub const fn empty() -> Self {
        Body(Kind::Empty)
    }

    /// A body from bytes held in memory.
    pub fn full(bytes: impl Into<Bytes>) -> Self {
        let bytes = bytes.into();
        if bytes.is_empty() {
            Body(Kind::Empty)
        } else {
            Body(Kind::Full(bytes))
        }
    }

    /// Wraps any [`http_body::Body`], e.g. a stream or a body from a tower layer.
    ///
    /// ```
    /// use brisk::{Body, Response};
    /// use http_body_util::Full;
    ///
    /// let body = Body::new(Full::new(bytes::Bytes::from_static(b"streamed")));
    /// assert_eq!(body.as_bytes(), None); // not held in memory as far as brisk knows
    /// assert_eq!(body.exact_len(), Some(8));
    /// let res = Response::with_body(200, body).media_type("text/plain");
    /// # let _ = res;
    /// ```
    pub fn new<B>(body: B) -> Self
    where
        B: http_body::Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        Body(Kind::Boxed(body.map_err(Into::into).boxed_unsync()))
    }

    pub(crate) fn incoming(body: hyper::body::Incoming) -> Self {
        Body(Kind::Incoming(body))
    }

    /// The bytes of a body held in memory (`Some(empty)` for an empty body), `None` for a
    /// streaming body.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.0 {
            Kind::Empty => Some(&[]),
            Kind::Full(b) => Some(b),
            _ => None,
        }
    }

    /// The exact length when it is known without reading the body.
    pub fn exact_len(&self) -> Option<u64> {
        http_body::Body::size_hint(self).exact()
    }

    /// Reads the whole body, failing with [`LengthLimitError`](http_body_util::LengthLimitError)
    /// (inside the boxed error) if it is longer than `limit` bytes.
    ///
    /// ```
    /// use brisk::Body;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// assert_eq!(Body::from("hello").collect_limited(5).await.unwrap(), "hello");
    /// assert!(Body::from("hello!").collect_limited(5).await.is_err());
    /// # }
    /// ```
    pub async fn collect_limited(self, limit: usize) -> Result<Bytes, BoxError> {
        match self.0 {
            Kind::Empty => Ok(Bytes::new()),
            Kind::Full(b) if b.len() <= limit => Ok(b),
            _ => Ok(http_body_util::Limited::new(self, limit)
                .collect()
                .await?
                .to_bytes()),
        }
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::empty()
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Kind::Empty => f.write_str("Body::Empty"),
            Kind::Full(b) => f.debug_tuple("Body::Full").field(&b.len()).finish(),
            Kind::Incoming(_) => f.write_str("Body::Incoming"),
            Kind::Boxed(_) => f.write_str("Body::Boxed"),
        }
    }
}

macro_rules! body_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Body {
            fn from(v: $t) -> Self {
                Body::full(v)
            }
        }
    )*};
}
body_from!(Bytes, Vec<u8>, String, &'static str, &'static [u8]);

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match &mut self.0 {
            Kind::Empty => Poll::Ready(None),
            Kind::Full(_) => {
                let Kind::Full(bytes) = std::mem::replace(&mut self.0, Kind::Empty) else {
                    unreachable!("matched Full above")
                };
                Poll::Ready(Some(Ok(Frame::data(bytes))))
            }
            Kind::Incoming(b) => Pin::new(b).poll_frame(cx).map_err(Into::into),
            Kind::Boxed(b) => Pin::new(b).poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.0 {
            Kind::Empty => true,
            Kind::Full(_) => false,
            Kind::Incoming(b) => b.is_end_stream(),
            Kind::Boxed(b) => b.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.0 {
            Kind::Empty => SizeHint::with_exact(0),
            Kind::Full(b) => SizeHint::with_exact(b.len() as u64),
            Kind::Incoming(b) => b.size_hint(),
            Kind::Boxed(b) => b.size_hint(),
        }
    }
}
