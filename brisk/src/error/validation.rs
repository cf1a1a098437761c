use std::borrow::Cow;

use http::StatusCode;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::response::{json_bytes, serialized, IntoResponse, Response};

/// One step of an error's location: a field name or a list index. Serialized as a JSON
/// string or number, as in FastAPI's `loc`.
///
/// ```
/// use brisk::error::Loc;
///
/// let loc: Vec<Loc> = vec!["body".into(), "tags".into(), 2.into()];
/// assert_eq!(brisk::json!(loc).to_string(), r#"["body","tags",2]"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loc {
    /// A source (`"path"`, `"query"`, `"header"`, `"cookie"`, `"body"`) or a field name.
    Key(Cow<'static, str>),
    /// A position in a list.
    Index(usize),
}

impl Serialize for Loc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Loc::Key(k) => s.serialize_str(k),
            Loc::Index(i) => s.serialize_u64(*i as u64),
        }
    }
}

impl From<&'static str> for Loc {
    fn from(k: &'static str) -> Self {
        Loc::Key(Cow::Borrowed(k))
    }
}

impl From<String> for Loc {
    fn from(k: String) -> Self {
        Loc::Key(Cow::Owned(k))
    }
}

impl From<usize> for Loc {
    fn from(i: usize) -> Self {
        Loc::Index(i)
    }
}

/// One validation problem, as pydantic v2 writes it: `type`, `loc`, `msg`, `input` and, for
/// constraint errors, `ctx`.
///
/// ```
/// use brisk::error::ErrorDetail;
///
/// let e = ErrorDetail::new("missing", vec!["query".into(), "name".into()], "Field required", brisk::Value::Null);
/// assert_eq!(
///     brisk::json!(e).to_string(),
///     r#"{"type":"missing","loc":["query","name"],"msg":"Field required","input":null}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorDetail {
    /// The error code (`missing`, `int_parsing`, `string_too_short` …).
    pub kind: Cow<'static, str>,
    /// Where: the source first, then field names and list indexes.
    pub loc: Vec<Loc>,
    /// The human-readable message.
    pub msg: Cow<'static, str>,
    /// The offending input (`null` when missing).
    pub input: serde_json::Value,
    /// Constraint values, e.g. `{"gt": 0}`.
    pub ctx: Option<serde_json::Value>,
}

impl ErrorDetail {
    /// An error without `ctx`.
    pub fn new(
        kind: impl Into<Cow<'static, str>>,
        loc: Vec<Loc>,
        msg: impl Into<Cow<'static, str>>,
        input: serde_json::Value,
    ) -> Self {
        ErrorDetail {
            kind: kind.into(),
            loc,
            msg: msg.into(),
            input,
            ctx: None,
        }
    }

    /// Adds `ctx`.
    pub fn with_ctx(mut self, ctx: serde_json::Value) -> Self {
        self.ctx = Some(ctx);
        self
    }
}

impl Serialize for ErrorDetail {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4 + usize::from(self.ctx.is_some())))?;
        map.serialize_entry("type", &self.kind)?;
        map.serialize_entry("loc", &self.loc)?;
        map.serialize_entry("msg", &self.msg)?;
        map.serialize_entry("input", &self.input)?;
        if let Some(ctx) = &self.ctx {
            map.serialize_entry("ctx", ctx)?;
        }
        map.end()
    }
}

/// A request that does not fit the handler: every problem found, in FastAPI's order.
///
/// Answered as `422 {"detail": [...]}` unless the app replaces the answer with
/// [`App::on_validation_error`](crate::App::on_validation_error), which receives it.
///
/// ```
/// use brisk::error::{ErrorDetail, ValidationError};
/// use brisk::IntoResponse;
///
/// let err = ValidationError::from(vec![ErrorDetail::new(
///     "missing",
///     vec!["query".into(), "name".into()],
///     "Field required",
///     brisk::Value::Null,
/// )]);
/// assert_eq!(err.errors()[0].msg, "Field required");
/// let res = err.into_response();
/// assert_eq!(res.status(), 422);
/// assert_eq!(res.headers()["content-length"], "90");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidationError {
    errors: Vec<ErrorDetail>,
}

impl ValidationError {
    /// The errors, in order.
    pub fn errors(&self) -> &[ErrorDetail] {
        &self.errors
    }

    /// Takes the errors.
    pub fn into_errors(self) -> Vec<ErrorDetail> {
        self.errors
    }
}

impl From<Vec<ErrorDetail>> for ValidationError {
    fn from(errors: Vec<ErrorDetail>) -> Self {
        ValidationError { errors }
    }
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} validation error(s)", self.errors.len())
    }
}

impl std::error::Error for ValidationError {}

impl IntoResponse for ValidationError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            detail: &'a [ErrorDetail],
        }
        match json_bytes(&Body {
            detail: &self.errors,
        }) {
            Ok(bytes) => serialized(
                StatusCode::UNPROCESSABLE_ENTITY,
                Default::default(),
                bytes,
                None,
            ),
            Err(error) => {
                tracing::error!(%error, "validation error could not be serialized");
                crate::response::internal_server_error()
            }
        }
    }
}

/// What extraction collects: validation problems, or a response that ends the request at once
/// (e.g. 413 for a body over the limit).
///
/// Generated handlers fill one per request; you meet it when validating a [`Model`] by hand
/// or implementing [`FromParam`](crate::extract::FromParam).
///
/// ```
/// use brisk::error::{Errors, ErrorDetail};
///
/// let mut errors = Errors::new();
/// assert!(errors.is_empty());
/// errors.push(ErrorDetail::new("missing", vec!["body".into()], "Field required", brisk::Value::Null));
/// let validation = errors.into_result().expect("no fatal response");
/// assert_eq!(validation.errors().len(), 1);
/// ```
///
/// [`Model`]: crate::Model
#[derive(Debug, Default)]
pub struct Errors {
    // Boxed and absent until the first problem: every request carries an `Errors`, and
    // generated handlers return `Result<Response, Errors>`, so it stays one pointer wide.
    recorded: Option<Box<Recorded>>,
}

#[derive(Debug, Default)]
struct Recorded {
    details: Vec<ErrorDetail>,
    fatal: Option<Response>,
    alone: Option<ErrorDetail>,
}

impl Errors {
    /// No errors yet.
    pub fn new() -> Self {
        Errors::default()
    }

    fn recorded(&mut self) -> &mut Recorded {
        self.recorded.get_or_insert_with(Box::default)
    }

    /// Records a validation problem.
    pub fn push(&mut self, detail: ErrorDetail) {
        let details = &mut self.recorded().details;
        if details.capacity() == 0 {
            // Made at a small size: growing an empty list goes the amortized way.
            *details = Vec::with_capacity(2);
        }
        details.push(detail);
    }

    /// Records a problem that is reported alone: the 422 lists it and no other (the first one
    /// wins). FastAPI parses the JSON body before it validates anything and stops at a
    /// malformed one, so `json_invalid` is such a problem.
    pub fn push_alone(&mut self, detail: ErrorDetail) {
        let alone = &mut self.recorded().alone;
        if alone.is_none() {
            *alone = Some(detail);
        }
    }

    /// Ends the request with `response` (the first one wins).
    pub fn fail(&mut self, response: Response) {
        let fatal = &mut self.recorded().fatal;
        if fatal.is_none() {
            *fatal = Some(response);
        }
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.recorded
            .as_deref()
            .is_none_or(|r| r.details.is_empty() && r.fatal.is_none() && r.alone.is_none())
    }

    /// The fatal response if there is one, else the validation error (only the problem
    /// reported alone, if there is one).
    pub fn into_result(self) -> Result<ValidationError, Box<Response>> {
        // Taken from the box in place: moving the whole record out copied ~400 bytes.
        let Some(mut recorded) = self.recorded else {
            return Ok(ValidationError { errors: Vec::new() });
        };
        if let Some(res) = recorded.fatal.take() {
            return Err(Box::new(res));
        }
        let errors = match recorded.alone.take() {
            Some(alone) => vec![alone],
            None => std::mem::take(&mut recorded.details),
        };
        Ok(ValidationError { errors })
    }
}
