#![doc = include_str!("../../README.md")]
#![warn(missing_docs)]

// Lets the route macros, which name `::brisk`, work inside this crate too.
extern crate self as brisk;

mod app;
pub mod body;
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
    Created, Html, IntoResponse, IntoStatus, JsonResponse, NoContent, PlainText, Redirect,
    Response, ResponseHandle,
};
pub use routing::{Endpoint, Route, RouteSpec};
/// The rustls crate HTTPS is served with (feature `tls`).
#[cfg(feature = "tls")]
pub use serve::rustls;
pub use serve::{
    serve, serve_with, shutdown_signal, ConnectInfo, ConnectionOverflow, RequestId, ServeConfig,
};
pub use service::AppService;

pub use http::StatusCode;
pub use serde_json::{json, Value};

/// Route attributes: `#[brisk::get("/path")]` and friends. See the crate docs.
pub use brisk_macros::{delete, get, head, options, patch, post, put, route};

/// `#[derive(brisk::Model)]`: validate a JSON body like a pydantic model. See [`model`].
pub use brisk_macros::Model;
pub use model::Model;

/// Collects routes for [`App::routes`]: `brisk::routes![create_item, get_item]`.
///
/// Each name is a handler annotated with a route attribute (a path like `items::get_item`
/// works too).
#[macro_export]
macro_rules! routes {
    ($($handler:path),* $(,)?) => {
        [$(<$handler as $crate::Endpoint>::ROUTE),*]
    };
}
