//! **brisk** is a Rust web framework with FastAPI's ergonomics: you write a plain function,
//! and brisk works out where its parameters come from, which status codes it answers, what its
//! errors look like and how the OpenAPI document describes it — and it answers on the wire
//! exactly as the same FastAPI app would, except where FastAPI breaks RFC 9110.
//!
//! # Quick start
//!
//! ```no_run
//! use brisk::{json, status, App, HttpError, Value};
//!
//! /// Reads one item.
//! #[brisk::get("/items/{item_id}", responses = [404])]
//! async fn read_item(item_id: i64, q: Option<String>) -> Result<Value, HttpError> {
//!     if item_id > 100 {
//!         return Err(HttpError::not_found("Item not found"));
//!     }
//!     Ok(json!({ "item_id": item_id, "q": q }))
//! }
//!
//! /// Creates an item.
//! #[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
//! async fn create_item(name: String) -> Value {
//!     json!({ "name": name })
//! }
//!
//! fn app() -> App {
//!     App::new().routes(brisk::routes![read_item, create_item])
//! }
//!
//! #[tokio::main]
//! async fn main() -> std::io::Result<()> {
//!     app().run().await // http://127.0.0.1:8000, docs at /docs
//! }
//! ```
//!
//! `cargo run`, then `curl -i 'localhost:8000/items/5?q=hi'`. The same app, tested in process
//! with [`TestClient`](testing::TestClient):
//!
//! ```
//! # use brisk::{json, status, App, HttpError, Value};
//! # #[brisk::get("/items/{item_id}", responses = [404])]
//! # async fn read_item(item_id: i64, q: Option<String>) -> Result<Value, HttpError> {
//! #     if item_id > 100 {
//! #         return Err(HttpError::not_found("Item not found"));
//! #     }
//! #     Ok(json!({ "item_id": item_id, "q": q }))
//! # }
//! # #[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
//! # async fn create_item(name: String) -> Value {
//! #     json!({ "name": name })
//! # }
//! # fn app() -> App {
//! #     App::new().routes(brisk::routes![read_item, create_item])
//! # }
//! use brisk::testing::TestClient;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let client = TestClient::new(app());
//!
//! let res = client.get("/items/5?q=hi").send().await;
//! assert_eq!(res.status(), 200);
//! assert_eq!(res.text(), r#"{"item_id":5,"q":"hi"}"#);
//!
//! let res = client.post("/items?name=Pen").send().await;
//! assert_eq!(res.status(), status::HTTP_201_CREATED);
//!
//! // Invalid input never reaches the handler: FastAPI's 422, byte for byte.
//! let res = client.get("/items/five").send().await;
//! assert_eq!(res.status(), 422);
//! assert_eq!(
//!     res.text(),
//!     r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"five"}]}"#
//! );
//! # }
//! ```
//!
//! # Handlers and their parameters
//!
//! A route attribute — [`get`](macro@get), [`post`](macro@post), [`put`](macro@put),
//! [`patch`](macro@patch), [`delete`](macro@delete), [`head`](macro@head),
//! [`options`](macro@options), or [`route`](macro@route) for several methods — turns a plain
//! function (async or not) into a route, and [`routes!`] collects routes for [`App::routes`].
//! Each parameter's source is decided from the signature, in this order:
//!
//! 1. an explicit form: [`Path<T>`], [`Query<T>`], [`Header<T>`], [`Cookie<T>`], [`Json<T>`],
//!    [`State<T>`], [`&Request`](Request), or [`&mut ResponseHandle`](ResponseHandle);
//! 2. a name of the path template (`item_id` in `/items/{item_id}`) is a path parameter;
//! 3. a plain scalar (integers, floats, `bool`, `String`, and `Option`/`Vec` of those) is a
//!    query parameter;
//! 4. anything else is the JSON body — a [`Model`] (every validation error at once) or any
//!    `serde::Deserialize` type. One body per handler.
//!
//! Mistakes — a `{name}` without its parameter, two bodies, a body on a `204` route, a
//! `status_code` out of range — are compile errors that say how to fix them.
//!
//! # Responses and status codes
//!
//! A returned value that is `serde::Serialize` is sent as JSON with the route's
//! `status_code` (200 by default; [`status`] has FastAPI's named constants). The injected
//! [`ResponseHandle`] changes the status and adds headers at run time. A response object —
//! [`JsonResponse`], [`Response`], [`Created`] (201 with `Location`), [`NoContent`],
//! [`Html`], [`PlainText`], [`Redirect`], [`HttpError`], or any [`IntoResponse`] — is sent as
//! built. The precedence is FastAPI's: route status, then the handle, then a returned object.
//!
//! # Errors and the 422 contract
//!
//! Return `Result<T, HttpError>` (FastAPI's `HTTPException`) or your own error type that
//! implements [`IntoResponse`]. A request that does not fit the signature is answered
//! `422 {"detail": [...]}` in pydantic's words, every problem at once ([`ValidationError`];
//! [`App::on_validation_error`] answers otherwise). A panic, or an `Err` that is not a
//! response, is logged and answered FastAPI's plain `500`; the connection goes on serving.
//! See [`error`].
//!
//! # OpenAPI and docs
//!
//! Every app serves its OpenAPI 3.1 document at `/openapi.json`, Swagger UI at `/docs` and
//! ReDoc at `/redoc` (embedded, no CDN). Statuses a route answers besides its own are declared
//! with `responses = [...]`; in debug builds [`TestClient`](testing::TestClient) fails a test
//! whose route answers an undeclared status. See [`openapi`].
//!
//! # Serving
//!
//! [`App::run`] serves on `127.0.0.1:8000` (`HOST` and `PORT` in the environment change it)
//! until `SIGINT`/`SIGTERM`, and shuts down gracefully; [`serve`] and [`serve_with`] take your own listener, [`ServeConfig`] the
//! server's timeouts and limits, all on by default and safe to face the internet. HTTP/1.1 is
//! served (as uvicorn serves FastAPI), and HTTP/2 on the same port with the `http2` feature.
//!
//! # Cargo features
//!
//! | Feature | Default | What it adds |
//! |---|---|---|
//! | `http2` | off | HTTP/2 on the same port: h2c with prior knowledge, and `h2` by ALPN with `tls`; the `h2_*` settings of [`ServeConfig`] apply to it. Off by default as in uvicorn and axum: its code is about a sixth of a binary and a fifth of the build |
//! | `tls` | off | HTTPS through rustls: `ServeConfig::tls`, and `brisk::rustls` re-exported to build its configuration; HTTP/2 is negotiated by ALPN with `http2` |
//!
//! # The guide
//!
//! The repository's `docs/guide/` is a guide in the manner of FastAPI's tutorial — first
//! steps, parameter inference and every compile error, status codes and custom responses,
//! validation, errors, OpenAPI, testing, and a page for FastAPI users — whose every snippet is
//! a tested app of the `docs-src` crate (`cargo doc -p docs-src --open` renders it).
#![warn(missing_docs)]

// Lets the route macros, which name `::brisk`, work inside this crate too.
extern crate self as brisk;

mod app;
pub mod body;
mod boxed;
mod connection;
pub mod error;
pub mod extract;
pub mod model;
pub mod openapi;
pub mod response;
mod routing;
mod serve;
mod service;
pub mod status;
pub mod testing;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use app::{App, BoxedService, DEFAULT_BODY_LIMIT};
pub use body::Body;
pub use error::{HttpError, ValidationError};
pub use extract::{Cookie, Header, Json, Path, Query, Request, State};
pub use response::{
    Created, Html, IntoHeaderName, IntoHeaderValue, IntoResponse, IntoStatus, JsonResponse,
    NoContent, PlainText, Redirect, Response, ResponseHandle,
};
pub use routing::{Endpoint, Route, RouteSpec};
/// The rustls crate HTTPS is served with (feature `tls`).
#[cfg(feature = "tls")]
pub use serve::rustls;
pub use serve::{
    serve, serve_with, shutdown_signal, ConnectInfo, ConnectionOverflow, EnvError,
    InvalidTrustedProxies, RequestId, ServeConfig, TrustedProxies,
};
pub use service::AppService;

pub use http::StatusCode;
pub use serde_json::{json, Value};

/// `#[brisk::get("/path", key = value, ...)]`: the function becomes the route for `GET` on
/// `/path` (and `HEAD`, which brisk answers for every `GET` route).
///
/// This is the reference for every route attribute: [`post`](macro@post),
/// [`put`](macro@put), [`patch`](macro@patch), [`delete`](macro@delete),
/// [`head`](macro@head) and [`options`](macro@options) take the same path and keys, and
/// [`route`](macro@route) adds `methods`.
///
/// ```
/// use brisk::{json, App, HttpError, Value};
///
/// /// Reads one item.
/// ///
/// /// The doc comment's first paragraph is the OpenAPI summary, the rest its description.
/// #[brisk::get("/items/{item_id}", tags = ["items"], responses = [(404, "Item not found")])]
/// async fn read_item(item_id: i64, q: Option<String>) -> Result<Value, HttpError> {
///     match item_id {
///         1 => Ok(json!({ "item_id": item_id, "q": q })),
///         _ => Err(HttpError::not_found("Item not found")),
///     }
/// }
///
/// // What the attribute adds next to the function:
/// assert_eq!(read_item::PATH, "/items/{item_id}");
/// assert_eq!(read_item::STATUS, 200);
/// assert_eq!(read_item::path(7), "/items/7");
/// let app = App::new().routes(brisk::routes![read_item]);
/// # let _ = app;
/// ```
///
/// # The path
///
/// A string starting with `/`. `{name}` is a path parameter, read by the handler parameter
/// of that name; `{*name}` at the end takes the rest of the path, slashes included. Each name
/// appears once and is a Rust identifier.
///
/// # Keys
///
/// | Key | Takes | Default |
/// |---|---|---|
/// | `status_code` | an integer 100–599, a [`status`] constant or any [`StatusCode`] constant | `200` |
/// | `responses` | `[404, (404, "Item not found"), (404, "Item not found", Message), "4XX", "default"]`: statuses the route also answers, for OpenAPI (`Message`'s schema if it is a [`Model`]) | none |
/// | `summary`, `description` | a string | from the doc comment; the summary falls back to the title-cased function name |
/// | `tags` | a list of strings | none |
/// | `operation_id` | a string | FastAPI's `<function>_<path>_<method>` |
/// | `deprecated` | `true` or `false` | `false` |
/// | `include_in_schema` | `true` or `false` | `true` |
/// | `body_limit` | a number of bytes | the app's, [`App::body_limit`] (2 MiB) |
///
/// A route whose `status_code` never carries content (1xx, 204, 205, 304) must return `()`,
/// [`NoContent`] or a bodyless [`Response`]; anything else does not compile.
///
/// # Parameters
///
/// Explicit forms first ([`Path`], [`Query`], [`Header`], [`Cookie`], [`Json`], [`State`],
/// `&Request`/[`Request`], `&mut ResponseHandle`), then a name of the template (path), then a
/// plain scalar or an `Option`/`Vec` of one (query), else the JSON body. On a path, query,
/// header or cookie parameter, `#[brisk(default = .., min_length = .., max_length = ..,
/// pattern = .., gt = .., ge = .., lt = .., le = .., multiple_of = ..)]` declares a default and
/// constraints, and `#[brisk(alias = "..")]` the name on the wire of a query parameter found
/// by rule 3 (a `Query`, `Header` or `Cookie` wrapper is named by its binding only).
///
/// # Return values
///
/// Anything `serde::Serialize` (JSON with the route's status and the [`ResponseHandle`]'s
/// status and headers), a response object ([`IntoResponse`], sent as built), or
/// `Result<T, E>` of those, where an `E` that is not a response is logged and answered 500.
///
/// # What it generates
///
/// The function stays as written (callable in unit tests). Next to it, in the type
/// namespace, a struct of the same name carries the route: `PATH`, `STATUS`, `path(..)`
/// (the template filled with percent-encoded values, for links and `Location`), and an
/// [`Endpoint`] implementation that [`routes!`] reads.
pub use brisk_macros::get;

/// `#[brisk::post("/path", ...)]`: the route for `POST`. Keys as for [`get`](macro@get).
///
/// ```
/// use brisk::{status, Created};
///
/// #[brisk::get("/items/{item_id}")]
/// async fn read_item(item_id: i64) -> brisk::Value {
///     brisk::json!({ "item_id": item_id })
/// }
///
/// #[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
/// async fn create_item(name: String) -> Created<brisk::Value> {
///     Created::at(read_item::path(1)).with_body(brisk::json!({ "item_id": 1, "name": name }))
/// }
/// # let _ = brisk::App::new().routes(brisk::routes![read_item, create_item]);
/// ```
pub use brisk_macros::post;

/// `#[brisk::put("/path", ...)]`: the route for `PUT`. Keys as for [`get`](macro@get).
///
/// ```
/// use brisk::{status, ResponseHandle};
///
/// #[brisk::put("/items/{item_id}", responses = [(201, "Item created")])]
/// async fn upsert_item(item_id: i64, name: String, response: &mut ResponseHandle) -> brisk::Value {
///     if item_id > 100 {
///         response.set_status(status::HTTP_201_CREATED);
///     }
///     brisk::json!({ "item_id": item_id, "name": name })
/// }
/// # let _ = brisk::App::new().routes(brisk::routes![upsert_item]);
/// ```
pub use brisk_macros::put;

/// `#[brisk::patch("/path", ...)]`: the route for `PATCH`. Keys as for [`get`](macro@get).
///
/// ```
/// #[derive(brisk::Model, serde::Serialize)]
/// struct Changes {
///     name: Option<String>,
/// }
///
/// #[brisk::patch("/items/{item_id}")]
/// async fn update_item(item_id: i64, changes: Changes) -> brisk::Value {
///     brisk::json!({ "item_id": item_id, "changes": changes })
/// }
/// # let _ = brisk::App::new().routes(brisk::routes![update_item]);
/// ```
pub use brisk_macros::patch;

/// `#[brisk::delete("/path", ...)]`: the route for `DELETE`. Keys as for [`get`](macro@get).
///
/// ```
/// use brisk::status;
///
/// #[brisk::delete("/items/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
/// async fn delete_item(item_id: i64) {
///     let _ = item_id; // delete it
/// }
/// # let _ = brisk::App::new().routes(brisk::routes![delete_item]);
/// ```
pub use brisk_macros::delete;

/// `#[brisk::head("/path", ...)]`: a route for `HEAD` alone. Keys as for [`get`](macro@get).
///
/// Rarely needed: brisk answers `HEAD` on every `GET` route with the `GET` answer's headers.
///
/// ```
/// #[brisk::head("/probe")]
/// async fn probe(response: &mut brisk::ResponseHandle) {
///     response.set_header("x-alive", "1");
/// }
/// # let _ = brisk::App::new().routes(brisk::routes![probe]);
/// ```
pub use brisk_macros::head;

/// `#[brisk::options("/path", ...)]`: a route for `OPTIONS`. Keys as for
/// [`get`](macro@get).
///
/// Without one, brisk answers `OPTIONS` on every known path with `200` and `allow`.
///
/// ```
/// #[brisk::options("/items")]
/// async fn items_options(response: &mut brisk::ResponseHandle) {
///     response.set_header("allow", "GET, POST, OPTIONS");
/// }
/// # let _ = brisk::App::new().routes(brisk::routes![items_options]);
/// ```
pub use brisk_macros::options;

/// `#[brisk::route("/path", methods = ["GET", "POST"], ...)]`: one handler for several
/// methods (FastAPI's `api_route`). `methods` is required: any of `GET`, `HEAD`, `POST`,
/// `PUT`, `PATCH`, `DELETE`, `OPTIONS`, each once; the other keys are as for
/// [`get`](macro@get).
///
/// ```
/// #[brisk::route("/items/{item_id}", methods = ["PUT", "PATCH"])]
/// async fn update_item(item_id: i64, name: String) -> brisk::Value {
///     brisk::json!({ "item_id": item_id, "name": name })
/// }
/// # let _ = brisk::App::new().routes(brisk::routes![update_item]);
/// ```
pub use brisk_macros::route;

/// `#[derive(brisk::Model)]`: validate a JSON body like a pydantic model, every error at
/// once, and describe it in OpenAPI. See [`model`] for the field attributes.
///
/// ```
/// #[derive(brisk::Model, serde::Serialize)]
/// struct Item {
///     #[brisk(min_length = 1)]
///     name: String,
///     #[brisk(gt = 0)]
///     price: f64,
/// }
///
/// #[brisk::post("/items", status_code = 201)]
/// async fn create_item(item: Item) -> Item {
///     item
/// }
/// # let _ = brisk::App::new().routes(brisk::routes![create_item]);
/// ```
pub use brisk_macros::Model;
pub use model::Model;

/// Collects routes for [`App::routes`]: `brisk::routes![create_item, get_item]`.
///
/// Each name is a handler annotated with a route attribute (a path like `items::get_item`
/// works too). The result is an array of [`Route`]s.
///
/// ```
/// mod items {
///     #[brisk::get("/items")]
///     pub async fn list_items() -> Vec<String> {
///         vec!["Pen".into()]
///     }
/// }
///
/// #[brisk::get("/")]
/// async fn root() -> &'static str {
///     "hello"
/// }
///
/// let routes = brisk::routes![root, items::list_items];
/// assert_eq!(routes[1].spec().path, "/items");
/// let app = brisk::App::new().routes(routes);
/// # let _ = app;
/// ```
#[macro_export]
macro_rules! routes {
    ($($handler:path),* $(,)?) => {
        [$(<$handler as $crate::Endpoint>::ROUTE),*]
    };
}
