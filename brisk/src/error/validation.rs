use std::borrow::Cow;

use http::StatusCode;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::response::{json_bytes_with, serialized, write_json, IntoResponse, Response};

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
        match json_bytes_with(|buf| write_detail(buf, &self.errors)) {
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

/// Writes `{"detail":[...]}`, byte for byte what serializing the errors gives
/// (`tests::the_direct_writer_agrees_with_serde`), without serde_json's byte-by-byte escaping
/// loop for the text that needs none — nearly all of it: codes, messages and field names.
/// (Through serde the body of one 422 cost ~2.2 k instructions.)
fn write_detail(buf: &mut Vec<u8>, errors: &[ErrorDetail]) -> serde_json::Result<()> {
    buf.extend_from_slice(br#"{"detail":["#);
    for (i, e) in errors.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(br#"{"type":"#);
        write_str(buf, &e.kind)?;
        buf.extend_from_slice(br#","loc":["#);
        for (j, step) in e.loc.iter().enumerate() {
            if j > 0 {
                buf.push(b',');
            }
            match step {
                Loc::Key(key) => write_str(buf, key)?,
                Loc::Index(index) => write_json(buf, index)?,
            }
        }
        buf.extend_from_slice(br#"],"msg":"#);
        write_str(buf, &e.msg)?;
        buf.extend_from_slice(br#","input":"#);
        write_json(buf, &e.input)?;
        if let Some(ctx) = &e.ctx {
            buf.extend_from_slice(br#","ctx":"#);
            write_json(buf, ctx)?;
        }
        buf.push(b'}');
    }
    buf.extend_from_slice(b"]}");
    Ok(())
}

/// A JSON string: as it is between quotes when nothing in it needs escaping (no `"`, `\` or
/// control character, the only bytes serde_json escapes), else through serde_json.
fn write_str(buf: &mut Vec<u8>, text: &str) -> serde_json::Result<()> {
    if needs_escape(text.as_bytes()) {
        return write_json(buf, text);
    }
    buf.reserve(text.len() + 2);
    buf.push(b'"');
    buf.extend_from_slice(text.as_bytes());
    buf.push(b'"');
    Ok(())
}

/// Whether `bytes` hold a `"`, a `\` or a control character, eight bytes at a time (a
/// message is ~70 bytes; byte by byte the check cost more than the copy).
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Some byte of `word` is zero (exact as a yes/no answer).
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGH != 0;
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or_default());
        // Some byte below 0x20 (exact as a yes/no answer: 0x20 is below 0x80).
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
        if control
            || has_zero(word ^ (ONES * u64::from(b'"')))
            || has_zero(word ^ (ONES * u64::from(b'\\')))
        {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;

    /// Every byte value at every position of a word and of the tail, among plain ASCII and
    /// among high bytes (which the word check must not mistake for control characters).
    #[test]
    fn escapes_are_found_wherever_they_are() {
        for filler in [b'a', 0xc3, 0xff, 0x7f, b' '] {
            for at in 0..20 {
                for b in 0..=255u8 {
                    let mut bytes = vec![filler; 20];
                    bytes[at] = b;
                    let want = b < 0x20 || b == b'"' || b == b'\\';
                    assert_eq!(
                        needs_escape(&bytes),
                        want,
                        "{b:#x} at {at} among {filler:#x}"
                    );
                }
            }
        }
    }

    /// Whatever the errors hold — text that needs escaping or not, non-ASCII, list indexes,
    /// inputs of every JSON kind with Python's float text, `ctx` or not — the direct writer
    /// writes what serializing them through serde does.
    #[test]
    fn the_direct_writer_agrees_with_serde() {
        #[derive(Serialize)]
        struct Body<'a> {
            detail: &'a [ErrorDetail],
        }
        let text = || {
            select(vec![
                "",
                "missing",
                "int_parsing",
                "Field required",
                "Input should be a valid integer, unable to parse string as an integer",
                "say \"hi\"",
                "back\\slash",
                "tab\there",
                "line\nbreak",
                "nul\u{0}",
                "\u{1f}",
                "del\u{7f}",
                "caf\u{e9}",
                "\u{1f600}",
                "</script>",
                "a/b",
            ])
        };
        let input = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            select(vec![0.1, 1.0, 1e20, 1e-7, -2.5, 123456.789]).prop_map(serde_json::Value::from),
            text().prop_map(serde_json::Value::from),
            (text(), any::<i32>()).prop_map(|(k, v)| serde_json::json!({ k: v, "z": [k, 1.5] })),
        ];
        let loc = prop_oneof![
            text().prop_map(Loc::from),
            (0usize..100_000).prop_map(Loc::from),
        ];
        let detail = (
            text(),
            prop::collection::vec(loc, 0..4),
            text(),
            input.clone(),
            prop::option::of(input),
        )
            .prop_map(|(kind, loc, msg, input, ctx)| {
                let mut e = ErrorDetail::new(kind, loc, msg, input);
                e.ctx = ctx;
                e
            });
        proptest!(|(errors in prop::collection::vec(detail, 0..4))| {
            let mut direct = Vec::new();
            write_detail(&mut direct, &errors).unwrap();
            let mut through_serde = Vec::new();
            write_json(&mut through_serde, &Body { detail: &errors }).unwrap();
            prop_assert_eq!(
                String::from_utf8(direct).unwrap(),
                String::from_utf8(through_serde).unwrap()
            );
        });
    }
}
