use std::future::Future;
use std::pin::Pin;

use serde_json::Value;

use crate::error::Errors;
use crate::extract::Request;
use crate::model::{Constraints, SchemaGen};
use crate::response::Response;
use crate::response::ResponseDoc;

/// What a generated handler returns: the response, or the request's extraction errors (which
/// the app turns into its validation answer).
pub type HandlerFuture = Pin<Box<dyn Future<Output = Result<Response, Errors>> + Send + 'static>>;

/// What a generated handler returns: its future, or the request's extraction errors when
/// extraction failed before the future was made (no future, no allocation, for a request
/// answered 422).
pub type Handled = Result<HandlerFuture, Errors>;

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

/// A parameter, as OpenAPI documents it.
#[derive(Debug, Clone, Copy)]
pub struct ParamDoc {
    /// The name on the wire.
    pub name: &'static str,
    /// The handler parameter's name (for the schema title).
    pub ident: &'static str,
    /// `path`, `query`, `header` or `cookie`.
    pub location: &'static str,
    /// Whether a request must give it.
    pub required: bool,
    /// Its JSON Schema.
    pub schema: fn() -> Value,
    /// Its constraints (a function, so a `const` can name the `static` that holds them).
    pub constraints: Option<fn() -> &'static Constraints>,
    /// Its default, as JSON.
    pub default: Option<fn() -> Value>,
}

/// A response declared on the route with `responses = [...]`.
#[derive(Debug, Clone, Copy)]
pub struct DeclaredResponse {
    /// `"404"`, `"4XX"` or `"default"`.
    pub status: &'static str,
    /// Its description (the reason phrase when not given).
    pub description: Option<&'static str>,
    /// Its JSON body's schema.
    pub schema: Option<fn(&mut SchemaGen) -> Value>,
}

/// What OpenAPI needs to know about a route beyond its [`RouteSpec`].
#[derive(Debug, Clone, Copy)]
pub struct OperationDoc {
    /// Path, query, header and cookie parameters, in declaration order.
    pub params: &'static [ParamDoc],
    /// The JSON body's schema, if the handler reads one.
    pub body: Option<fn(&mut SchemaGen) -> Value>,
    /// What the handler's return type says about the response.
    pub response: fn(&mut SchemaGen) -> ResponseDoc,
    /// Extra responses declared on the route.
    pub responses: &'static [DeclaredResponse],
}

/// A route: its spec and its generated handler. Made by the route attributes; add it to an
/// [`App`](crate::App) with [`routes!`](crate::routes).
#[derive(Clone, Copy)]
pub struct Route {
    pub(crate) spec: &'static RouteSpec,
    pub(crate) handler: fn(Request) -> Handled,
    pub(crate) doc: Option<&'static OperationDoc>,
}

impl Route {
    #[doc(hidden)]
    pub const fn __new(spec: &'static RouteSpec, handler: fn(Request) -> Handled) -> Self {
        Route {
            spec,
            handler,
            doc: None,
        }
    }

    #[doc(hidden)]
    pub const fn __doc(mut self, doc: &'static OperationDoc) -> Self {
        self.doc = Some(doc);
        self
    }

    /// What the route attribute recorded: name, path, methods, status, OpenAPI keys.
    ///
    /// ```
    /// #[brisk::post("/items", status_code = 201, tags = ["items"])]
    /// async fn create_item(name: String) -> brisk::Value {
    ///     brisk::json!({ "name": name })
    /// }
    ///
    /// let [route] = brisk::routes![create_item];
    /// let spec = route.spec();
    /// assert_eq!((spec.name, spec.path, spec.methods, spec.status), ("create_item", "/items", &["POST"][..], 201));
    /// assert_eq!(spec.tags, ["items"]);
    /// ```
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
///
/// ```
/// use brisk::Endpoint;
///
/// #[brisk::get("/items/{item_id}")]
/// async fn read_item(item_id: i64) -> brisk::Value {
///     brisk::json!({ "item_id": item_id })
/// }
///
/// assert_eq!(<read_item as Endpoint>::ROUTE.spec().path, "/items/{item_id}");
/// ```
pub trait Endpoint {
    /// The route.
    const ROUTE: Route;
}
