use std::future::Future;
use std::pin::Pin;

use crate::error::Errors;
use crate::extract::Request;
use crate::response::Response;

/// What a generated handler returns: the response, or the request's extraction errors (which
/// the app turns into its validation answer).
pub type HandlerFuture = Pin<Box<dyn Future<Output = Result<Response, Errors>> + Send + 'static>>;

/// Everything the route macro knows about a route, fixed at compile time.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    /// The handler function's name.
    pub name: &'static str,
    /// The path template, e.g. `/items/{item_id}`.
    pub path: &'static str,
    /// The methods, upper-case.
    pub methods: &'static [&'static str],
    /// The default status.
    pub status: u16,
    /// Whether the handler reads the body (it is then buffered before the handler runs).
    pub needs_body: bool,
    /// The body size limit for this route, overriding the app's.
    pub body_limit: Option<usize>,
    /// State types the handler takes, checked when the app is built.
    pub states: &'static [fn() -> (std::any::TypeId, &'static str)],
    /// The doc comment.
    pub doc: &'static str,
    /// OpenAPI summary, overriding the doc comment's first line.
    pub summary: Option<&'static str>,
    /// OpenAPI description, overriding the doc comment.
    pub description: Option<&'static str>,
    /// OpenAPI operationId, overriding the generated one.
    pub operation_id: Option<&'static str>,
    /// OpenAPI tags.
    pub tags: &'static [&'static str],
    /// Whether the operation is marked deprecated.
    pub deprecated: bool,
    /// Whether the operation appears in the OpenAPI document.
    pub include_in_schema: bool,
}

/// A route: its spec and its generated handler. Made by the route attributes; add it to an
/// [`App`](crate::App) with [`routes!`](crate::routes).
#[derive(Clone, Copy)]
pub struct Route {
    pub(crate) spec: &'static RouteSpec,
    pub(crate) handler: fn(Request) -> HandlerFuture,
}

impl Route {
    #[doc(hidden)]
    pub const fn __new(spec: &'static RouteSpec, handler: fn(Request) -> HandlerFuture) -> Self {
        Route { spec, handler }
    }

    /// The spec.
    pub fn spec(&self) -> &'static RouteSpec {
        self.spec
    }
}

impl std::fmt::Debug for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Route")
            .field("name", &self.spec.name)
            .field("methods", &self.spec.methods)
            .field("path", &self.spec.path)
            .finish()
    }
}

/// Implemented by the item a route attribute generates next to the handler function (a
/// struct with the function's name), so [`routes!`](crate::routes) can find the route.
pub trait Endpoint {
    /// The route.
    const ROUTE: Route;
}
