//! [`BoxedService`]: the type-erased, cloneable service tower layers wrap. (tower's own
//! `BoxCloneSyncService` needs tower's `util` feature, which brings futures-util along: a
//! few seconds of every clean build for three small adapters.)

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use tower::Service;

use crate::body::{Body, BoxError};

type Request = http::Request<Body>;
type Response = http::Response<Body>;

/// The future a [`BoxedService`] answers with.
pub type BoxedFuture = Pin<Box<dyn Future<Output = Result<Response, BoxError>> + Send>>;

/// The service type tower layers wrap ([`App::layer`](crate::App::layer)): any
/// `Service<http::Request<Body>>` whose response body and error brisk can take, boxed and
/// cloneable.
///
/// ```
/// use brisk::BoxedService;
///
/// // What a layer wraps: a `tower::Service` like any other, and itself boxed again after.
/// fn wrap(inner: BoxedService) -> BoxedService {
///     BoxedService::new(inner)
/// }
/// # let _ = wrap;
/// ```
pub struct BoxedService(Box<dyn Erased>);

trait Erased: Send + Sync {
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>>;
    fn call(&mut self, req: Request) -> BoxedFuture;
    fn clone_box(&self) -> Box<dyn Erased>;
}

struct Adapt<S>(S);

impl<S, B> Erased for Adapt<S>
where
    S: Service<Request, Response = http::Response<B>> + Clone + Send + Sync + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.0.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, req: Request) -> BoxedFuture {
        let fut = self.0.call(req);
        Box::pin(async move {
            match fut.await {
                Ok(res) => Ok(res.map(Body::new)),
                Err(error) => Err(error.into()),
            }
        })
    }

    fn clone_box(&self) -> Box<dyn Erased> {
        Box::new(Adapt(self.0.clone()))
    }
}

impl BoxedService {
    /// Boxes `service`, its body turned into a [`Body`] and its error into a [`BoxError`].
    pub fn new<S, B>(service: S) -> Self
    where
        S: Service<Request, Response = http::Response<B>> + Clone + Send + Sync + 'static,
        S::Future: Send + 'static,
        S::Error: Into<BoxError>,
        B: http_body::Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        BoxedService(Box::new(Adapt(service)))
    }

    /// Waits until the service is ready, then calls it (tower's `oneshot`).
    pub(crate) fn oneshot(mut self, req: Request) -> BoxedFuture {
        Box::pin(async move {
            std::future::poll_fn(|cx| self.0.poll_ready(cx)).await?;
            self.0.call(req).await
        })
    }
}

impl Clone for BoxedService {
    fn clone(&self) -> Self {
        BoxedService(self.0.clone_box())
    }
}

impl std::fmt::Debug for BoxedService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BoxedService")
    }
}

impl Service<Request> for BoxedService {
    type Response = Response;
    type Error = BoxError;
    type Future = BoxedFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> BoxedFuture {
        self.0.call(req)
    }
}
