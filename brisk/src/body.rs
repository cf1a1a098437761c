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

/// The error a request body's read fails with when the server's body-read timeout passes.
#[derive(Debug)]
pub(crate) struct BodyReadTimeout {
    /// The timeout, as people read it (`30 s`).
    after: String,
}

impl BodyReadTimeout {
    pub(crate) fn new(after: &str) -> Self {
        BodyReadTimeout {
            after: after.to_owned(),
        }
    }

    /// The JSON `detail` of the `408` answer.
    pub(crate) fn detail(&self) -> String {
        format!(
            "Request body read timeout: the body must arrive within {}",
            self.after
        )
    }
}

impl std::fmt::Display for BodyReadTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "request body read timeout ({})", self.after)
    }
}

impl std::error::Error for BodyReadTimeout {}

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

    /// Whether this is [`Body::empty`] (told without a size hint: the final stage asks it of
    /// every answer brisk frames itself).
    pub(crate) const fn is_empty(&self) -> bool {
        matches!(self.0, Kind::Empty)
    }

    /// This body, if of exact length 0, as one hyper sees as not yet ended, so it writes the
    /// `content-length: 0` the headers state where they state it (for an ended body it drops
    /// that header and adds its own after all the others). See `service::finalize`.
    pub(crate) fn not_ended(self) -> Self {
        match self.0 {
            Kind::Empty => Body(Kind::Full(Bytes::new())),
            // Not empty, or already seen as not ended.
            Kind::Full(_) => self,
            // A tower layer's body, kept (it may act when it ends): behind a wrapper.
            _ => Body::new(NotEnded(self)),
        }
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
            _ => {
                let mut body = http_body_util::Limited::new(self, limit);
                // Nearly always one frame holds the whole body (hyper has read it with the
                // head): it is kept as it came, not gathered into a list and copied out.
                let mut first = Bytes::new();
                let mut joined: Option<bytes::BytesMut> = None;
                while !http_body::Body::is_end_stream(&body) {
                    let Some(frame) = body.frame().await else {
                        break;
                    };
                    let Ok(data) = frame?.into_data() else {
                        continue; // trailers
                    };
                    match &mut joined {
                        Some(buf) => buf.extend_from_slice(&data),
                        None if first.is_empty() => first = data,
                        None => {
                            let mut buf = bytes::BytesMut::with_capacity(first.len() + data.len());
                            buf.extend_from_slice(&first);
                            buf.extend_from_slice(&data);
                            joined = Some(buf);
                        }
                    }
                }
                Ok(joined.map_or(first, bytes::BytesMut::freeze))
            }
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

/// A body of exact length 0 that does not say it has ended until polled (see
/// [`Body::not_ended`]).
struct NotEnded(Body);

impl http_body::Body for NotEnded {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        Pin::new(&mut self.0).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        false
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body that gives its chunks one frame at a time, then trailers.
    struct Chunks(std::collections::VecDeque<&'static str>, bool);

    impl http_body::Body for Chunks {
        type Data = Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
            Poll::Ready(match self.0.pop_front() {
                Some(c) => Some(Ok(Frame::data(Bytes::from_static(c.as_bytes())))),
                None if self.1 => {
                    self.1 = false;
                    Some(Ok(Frame::trailers(http::HeaderMap::new())))
                }
                None => None,
            })
        }
    }

    #[tokio::test]
    async fn a_body_of_several_frames_is_joined_within_the_limit() {
        let body =
            |chunks: &[&'static str]| Body::new(Chunks(chunks.iter().copied().collect(), true));
        for (chunks, limit, want) in [
            (&["hello"][..], 5, Some("hello")),
            (&["he", "", "llo"], 5, Some("hello")),
            (&["", "hello"], 5, Some("hello")),
            (&["h", "e", "l", "l", "o"], 5, Some("hello")),
            (&[], 5, Some("")),
            (&["he", "llo!"], 5, None),
            (&["hello!"], 5, None),
        ] {
            let got = body(chunks).collect_limited(limit).await;
            match want {
                Some(want) => assert_eq!(got.unwrap(), want, "{chunks:?}"),
                None => assert!(
                    got.unwrap_err().is::<http_body_util::LengthLimitError>(),
                    "{chunks:?}"
                ),
            }
        }
    }
}
