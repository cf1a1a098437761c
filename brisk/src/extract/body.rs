//! The JSON request body.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::Request;
use crate::error::{ErrorDetail, Errors, Loc};
use crate::model::Model;

/// Whether a `content-type` is JSON: `application/json` (with any parameters such as
/// `charset`) or `application/<anything>+json`, as FastAPI ≥0.132 accepts.
///
/// ```
/// use brisk::extract::is_json_content_type;
/// assert!(is_json_content_type("application/json; charset=utf-8"));
/// assert!(is_json_content_type("application/vnd.api+json"));
/// assert!(!is_json_content_type("text/plain"));
/// ```
pub fn is_json_content_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.strip_prefix("application/") {
        Some("json") => true,
        Some(sub) => sub.ends_with("+json"),
        None => false,
    }
}

fn body_loc() -> Vec<Loc> {
    vec![Loc::from("body")]
}

/// Parses the buffered body as JSON, recording FastAPI's 422 errors: `missing` for an empty
/// body, `model_attributes_type` for a body not declared as JSON (FastAPI ≥0.132), and
/// `json_invalid` with the character offset for malformed JSON (including NaN, infinities,
/// numbers out of range, lone surrogates and nesting deeper than 128).
pub fn parse_json_body(req: &Request, errors: &mut Errors) -> Option<Value> {
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
    let is_json = req
        .headers()
        .get(http::header::CONTENT_TYPE)
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
    match serde_json::from_slice(bytes) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(json_invalid(bytes, &e));
            None
        }
    }
}

/// Reads the JSON body into a [`Model`], with every validation error at once.
pub fn model_body<T: Model>(req: &Request, errors: &mut Errors) -> Option<T> {
    let value = parse_json_body(req, errors)?;
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
fn json_invalid(bytes: &[u8], e: &serde_json::Error) -> ErrorDetail {
    let offset = if e.is_eof() {
        // Python points past the end of a truncated document.
        String::from_utf8_lossy(bytes).chars().count()
    } else {
        char_offset(bytes, e.line(), e.column())
    };
    let message = e.to_string();
    let python = if e.is_eof() {
        if message.contains("EOF while parsing an object") {
            "Expecting ',' delimiter"
        } else if message.contains("EOF while parsing a string") {
            "Unterminated string starting at"
        } else {
            "Expecting value"
        }
    } else if message.contains("expected `,` or `}`") || message.contains("expected `,` or `]`") {
        "Expecting ',' delimiter"
    } else if message.contains("expected `:`") {
        "Expecting ':' delimiter"
    } else if message.contains("key must be a string") {
        "Expecting property name enclosed in double quotes"
    } else if message.contains("trailing characters") {
        "Extra data"
    } else {
        "Expecting value"
    };
    ErrorDetail::new(
        "json_invalid",
        vec![Loc::from("body"), Loc::Index(offset)],
        "JSON decode error",
        json!({}),
    )
    .with_ctx(json!({ "error": python }))
}

/// serde_json reports 1-based line and column (in bytes) of the failure; Python reports the
/// 0-based character offset of the token that failed.
fn char_offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let text = String::from_utf8_lossy(bytes);
    let mut offset_bytes = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            offset_bytes += column.saturating_sub(1).min(l.len());
            break;
        }
        offset_bytes += l.len();
    }
    let offset_bytes = text.floor_char_boundary_compat(offset_bytes.min(text.len()));
    // serde reports where it gave up; Python points at the start of the failing token, e.g.
    // the `t` of a misspelt `tru`.
    let before = &text[..offset_bytes];
    let word = before.trim_end();
    let token_start = word.trim_end_matches(|c: char| c.is_alphanumeric() || "+-._".contains(c));
    let at = if token_start.len() < word.len() {
        token_start.len()
    } else {
        offset_bytes
    };
    text[..at].chars().count()
}

trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while i > 0 && !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

fn data_error(value: &Value, e: serde_path_to_error::Error<serde_json::Error>) -> ErrorDetail {
    let mut loc = body_loc();
    let mut at = value;
    let mut parent = value;
    for seg in e.path().iter() {
        parent = at;
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
    let _ = parent;
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
    use super::json_invalid;
    use crate::error::Loc;

    #[test]
    fn offsets_match_python() {
        // Python's `json.loads` positions (`e.pos`), the first two from reference §7.2.
        let cases: [(&[u8], usize); 4] = [
            (br#"{"name":"a","price":}"#, 20),
            (br#"{"name":"a""#, 11),
            (b"{\n  \"a\": tru }", 9),
            ("{\"é\": ]".as_bytes(), 6),
        ];
        for (body, want) in cases {
            let e = serde_json::from_slice::<serde_json::Value>(body).unwrap_err();
            assert_eq!(json_invalid(body, &e).loc[1], Loc::Index(want), "{e}");
        }
    }
}
