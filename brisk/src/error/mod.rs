//! Errors a request can end in.
//!
//! brisk's error model has three layers, from the most to the least intended:
//!
//! 1. [`HttpError`]: an error the handler chose, FastAPI's `HTTPException`. Its status, its
//!    `{"detail": ...}` body and its headers are sent as given.
//! 2. [`ValidationError`]: the request did not fit the handler's signature. Every problem of
//!    the request is collected (path, query, header, cookie, body, each in declaration order)
//!    and answered at once as FastAPI's 422 `{"detail": [{type, loc, msg, input, ctx?}]}`.
//! 3. Anything else (a handler's `Err` that is not a response, or a panic) is a bug: it is
//!    logged with `tracing` and answered `500 Internal Server Error` in plain text, with
//!    nothing internal in the body, and the connection goes on serving.

mod http_error;
mod validation;

pub use http_error::HttpError;
pub use validation::{ErrorDetail, Errors, Loc, ValidationError};
