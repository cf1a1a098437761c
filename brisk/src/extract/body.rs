//! The JSON request body.

use std::borrow::Cow;

use bytes::Bytes;
use http::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::json_syntax::{self, Problem};
use super::param::split_at_byte;
use super::Request;
use crate::body::{Body, BodyReadTimeout};
use crate::error::{ErrorDetail, Errors, HttpError, Loc};
use crate::model::Model;
use crate::response::{IntoResponse, Response};

/// A request body read in full, or the answer when it cannot be: 413 over `limit` bytes
/// (before reading, when the length is stated), 408 when the server's body-read timeout
/// passes, 400 when the connection fails.
pub(crate) async fn read_limited(body: Body, limit: usize) -> Result<Bytes, Response> {
    if body.exact_len().is_some_and(|n| n > limit as u64) {
        return Err(too_large(limit));
    }
    match body.collect_limited(limit).await {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(too_large(limit)),
        Err(e) => match e.downcast_ref::<BodyReadTimeout>() {
            Some(timeout) => {
                Err(HttpError::new(StatusCode::REQUEST_TIMEOUT, timeout.detail()).into_response())
            }
            None => {
                tracing::debug!(error = %e, "request body could not be read");
                Err(HttpError::new(
                    StatusCode::BAD_REQUEST,
                    "The request body could not be read",
                )
                .into_response())
            }
        },
    }
}

fn too_large(limit: usize) -> Response {
    HttpError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("Request body too large: the limit is {limit} bytes"),
    )
    .into_response()
}

/// Whether a `content-type` is JSON: `application/json` (with any parameters such as
/// `charset`) or `application/<anything>+json`, as FastAPI ≥0.132 accepts.
///
/// ```
/// use brisk::extract::is_json_content_type;
/// assert!(is_json_content_type("application/json; charset=utf-8"));
/// assert!(is_json_content_type("application/vnd.api+json"));
/// assert!(!is_json_content_type("text/plain"));
/// assert!(is_json_content_type(" Application/JSON "));
/// assert!(!is_json_content_type("application/jsonp"));
/// ```
pub fn is_json_content_type(content_type: &str) -> bool {
    // What nearly every client sends, then the general case.
    if content_type == "application/json" {
        return true;
    }
    // Compared in place, case-insensitively: this runs on every JSON body.
    let essence = split_at_byte(content_type, b';').0.trim().as_bytes();
    let Some((head, sub)) = essence.split_at_checked(12) else {
        return false;
    };
    if !head.eq_ignore_ascii_case(b"application/") {
        return false;
    }
    sub.eq_ignore_ascii_case(b"json")
        || sub
            .len()
            .checked_sub(5)
            .is_some_and(|at| sub[at..].eq_ignore_ascii_case(b"+json"))
}

fn body_loc() -> Vec<Loc> {
    vec![Loc::from("body")]
}

/// Parses the buffered body as JSON, recording FastAPI's errors: `missing` for an empty
/// body, `model_attributes_type` for a body not declared as JSON (FastAPI ≥0.132), and for a
/// body that does not parse, `json_invalid` with Python's message and character offset — the
/// only error of the request, as FastAPI parses the body before validating anything. A body
/// that is not UTF-8 or holds an integer of more than 4300 digits is answered 400 `There was
/// an error parsing the body`, as FastAPI answers what `json.loads` fails on outside its
/// decoder. A leading UTF-8 byte-order mark is skipped, as Python does. NaN, infinities,
/// numbers beyond `f64`, lone surrogates and nesting deeper than 127 levels, which Python
/// accepts, are `json_invalid` (decision 0002).
pub fn parse_json_body(req: &Request, errors: &mut Errors) -> Option<Value> {
    parse_json_text(json_text(req, errors)?, errors)
}

/// A JSON body's text: there, declared JSON, UTF-8 (a BOM is skipped), or FastAPI's error.
fn json_text<'r>(req: &'r Request, errors: &mut Errors) -> Option<&'r str> {
    let bytes = req.body();
    if bytes.is_empty() {
        errors.push(ErrorDetail::new(
            "missing",
            body_loc(),
            "Field required",
            Value::Null,
        ));
        return None;
    }
    let is_json = super::first_header(req.headers(), &http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(is_json_content_type);
    if !is_json {
        errors.push(ErrorDetail::new(
            "model_attributes_type",
            body_loc(),
            "Input should be a valid dictionary or object to extract fields from",
            Value::String(String::from_utf8_lossy(bytes).into_owned()),
        ));
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        errors.fail(unparseable());
        return None;
    };
    Some(text)
}

/// Parses a JSON body's text as Python's `json` module does, or records FastAPI's error.
fn parse_json_text(text: &str, errors: &mut Errors) -> Option<Value> {
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(e) => {
            match json_syntax::first_problem(text) {
                Some(Problem::Syntax { msg, pos }) => errors.push_alone(json_invalid(pos, msg)),
                Some(Problem::Unparseable) => errors.fail(unparseable()),
                None => {
                    // serde_json and the scanner disagree: should not happen; say where serde
                    // stopped.
                    tracing::warn!(error = %e, "JSON body refused by serde_json only");
                    let pos = char_offset(text, e.line(), e.column());
                    errors.push_alone(json_invalid(pos, "Expecting value"));
                }
            }
            None
        }
    }
}

/// FastAPI's answer when reading the body fails outside the JSON decoder.
fn unparseable() -> crate::response::Response {
    crate::error::HttpError::bad_request("There was an error parsing the body").into_response()
}

/// Reads the JSON body into a [`Model`], with every validation error at once.
pub fn model_body<T: Model>(req: &Request, errors: &mut Errors) -> Option<T> {
    let text = json_text(req, errors)?;
    // A valid body in canonical form is read straight from the text; anything else takes
    // the field-by-field path, which finds every error (see `model::direct`).
    let mut direct = serde_json::Deserializer::from_str(text);
    if let Ok(v) = T::read_valid(&mut direct).and_then(|v| direct.end().map(|()| v)) {
        return Some(v);
    }
    let value = parse_json_text(text, errors)?;
    let mut loc = body_loc();
    T::from_json(&value, &mut loc, errors)
}

/// Reads the JSON body into any `serde` type: only the first data error is reported (serde
/// stops there); derive [`Model`] to get them all.
pub fn json_body<T: DeserializeOwned>(req: &Request, errors: &mut Errors) -> Option<T> {
    let value = parse_json_body(req, errors)?;
    match serde_path_to_error::deserialize::<_, T>(&value) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(data_error(&value, e));
            None
        }
    }
}

/// `json_invalid` as FastAPI reports it: `loc` is `["body", <character offset>]`, `ctx.error`
/// Python's `json` module message.
fn json_invalid(pos: usize, msg: &'static str) -> ErrorDetail {
    ErrorDetail::new(
        "json_invalid",
        vec![Loc::from("body"), Loc::Index(pos)],
        "JSON decode error",
        json!({}),
    )
    .with_ctx(json!({ "error": msg }))
}

/// The character offset of serde_json's 1-based line and (byte) column.
fn char_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            offset += column.saturating_sub(1).min(l.len());
            break;
        }
        offset += l.len();
    }
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    text[..offset].chars().count()
}

fn data_error(value: &Value, e: serde_path_to_error::Error<serde_json::Error>) -> ErrorDetail {
    let mut loc = body_loc();
    let mut at = value;
    for seg in e.path().iter() {
        match seg {
            serde_path_to_error::Segment::Map { key } => {
                loc.push(Loc::from(key.clone()));
                at = at.get(key.as_str()).unwrap_or(&Value::Null);
            }
            serde_path_to_error::Segment::Seq { index } => {
                loc.push(Loc::Index(*index));
                at = at.get(*index).unwrap_or(&Value::Null);
            }
            _ => {}
        }
    }
    let message = e.inner().to_string();
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        // serde reports a missing field at the object that lacks it.
        loc.push(Loc::from(field.to_owned()));
        return ErrorDetail::new("missing", loc, "Field required", at.clone());
    }
    let (kind, msg): (&'static str, Cow<'static, str>) =
        if let Some(expected) = message.split(", expected ").nth(1) {
            let expected = expected.split(" at line").next().unwrap_or(expected);
            if expected.contains("struct") || expected.contains("map") {
                (
                    "model_attributes_type",
                    "Input should be a valid dictionary or object to extract fields from".into(),
                )
            } else if expected.contains("sequence") || expected.contains("tuple") {
                ("list_type", "Input should be a valid list".into())
            } else if expected.contains("string") || expected.contains("char") {
                ("string_type", "Input should be a valid string".into())
            } else if expected.contains("bool") {
                ("bool_type", "Input should be a valid boolean".into())
            } else if expected.contains("f64") || expected.contains("f32") {
                ("float_type", "Input should be a valid number".into())
            } else if expected.contains("i8")
                || expected.contains("i16")
                || expected.contains("i32")
                || expected.contains("i64")
                || expected.contains("u8")
                || expected.contains("u16")
                || expected.contains("u32")
                || expected.contains("u64")
                || expected.contains("integer")
            {
                ("int_type", "Input should be a valid integer".into())
            } else {
                ("value_error", format!("Value error, {message}").into())
            }
        } else {
            ("value_error", format!("Value error, {message}").into())
        };
    ErrorDetail::new(kind, loc, msg, at.clone())
}

#[cfg(test)]
mod tests {
    use super::char_offset;

    #[test]
    fn serde_positions_as_characters() {
        assert_eq!(char_offset("{\"é\": ]", 1, 8), 6);
        assert_eq!(char_offset("{\n  \"a\": tru }", 2, 8), 9);
    }
}
