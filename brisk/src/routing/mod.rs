//! Routing: from a request's method and path to the route that answers it, or to FastAPI's
//! routing answers (404, 405 with `allow`, the 307 trailing-slash redirect), plus the two
//! answers FastAPI lacks: HEAD for every GET route and OPTIONS with `allow`.

mod route;
mod table;

pub use route::{
    DeclaredResponse, Endpoint, Handled, HandlerFuture, OperationDoc, ParamDoc, Route, RouteSpec,
};
pub(crate) use table::{Dispatch, Router, RouterConfig, UndocumentedStatus};
