//! Extraction: how a handler's parameters are read from the request.
//!
//! The route macro decides, from the signature, where each parameter comes from (FastAPI's
//! rules: a name in the path template is a path parameter, a plain scalar is a query
//! parameter, any other type is the JSON body; the wrappers [`Path`], [`Query`], [`Header`],
//! [`Cookie`], [`Json`] and [`State`] say it explicitly). This module reads the values.
//! Every problem is recorded in an [`Errors`](crate::error::Errors) instead of stopping at the
//! first, so one 422 lists them all.
//!
//! This module knows nothing of routing or serving: it sees a [`Request`] that routing built.

mod body;
mod json_syntax;
mod param;
mod request;
mod wrappers;

pub use body::{is_json_content_type, json_body, model_body, parse_json_body};
pub(crate) use param::{int_in_range, parse_int_text};
pub use param::{FromParam, Scalar, ScalarError, Source, SourceKind};
pub(crate) use request::{first_header, ParamRanges};
pub use request::{Request, StateMap};
pub use wrappers::{Cookie, Header, Json, Path, Query, State};
