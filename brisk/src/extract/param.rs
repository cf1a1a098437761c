//! Path, query, header and cookie parameters: FastAPI's lax coercion of strings to scalars,
//! with pydantic v2's error codes and messages.

use std::borrow::Cow;

use serde_json::{json, Value};

use super::Request;
use crate::error::{ErrorDetail, Errors, Loc};

/// Where a named parameter is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A `{name}` segment of the path template.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

impl SourceKind {
    /// The first element of an error's `loc`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Path => "path",
            SourceKind::Query => "query",
            SourceKind::Header => "header",
            SourceKind::Cookie => "cookie",
        }
    }
}

/// The raw values a named parameter has in one request.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    kind: SourceKind,
    name: &'static str,
    index: usize,
    req: &'a Request,
}

impl<'a> Source<'a> {
    /// The parameter `name` (for headers, the header name, e.g. `x-token`) of `req`; `index`
    /// is the position of a path parameter in the template.
    pub fn new(kind: SourceKind, name: &'static str, index: usize, req: &'a Request) -> Self {
        Source {
            kind,
            name,
            index,
            req,
        }
    }

    /// The value a scalar parameter takes, as FastAPI picks it: the last of a repeated query
    /// parameter or cookie, but the **first** of a repeated header (Starlette's
    /// `headers.get`).
    #[inline]
    pub fn last(&self) -> Option<Cow<'a, str>> {
        match self.kind {
            SourceKind::Path => self.req.raw_path_param(self.index).map(decode_path),
            SourceKind::Query => self.queries().last(),
            SourceKind::Header => self
                .req
                .headers()
                .get(self.name)
                .map(|v| latin1(v.as_bytes())),
            SourceKind::Cookie => self.cookies().last(),
        }
    }

    /// Every value given, in order.
    pub fn all(&self) -> Vec<Cow<'a, str>> {
        match self.kind {
            SourceKind::Path => self.last().into_iter().collect(),
            SourceKind::Query => self.queries().collect(),
            SourceKind::Header => self
                .req
                .headers()
                .get_all(self.name)
                .iter()
                .map(|v| latin1(v.as_bytes()))
                .collect(),
            SourceKind::Cookie => self.cookies().collect(),
        }
    }

    /// The error location of this parameter: `[source, name]`.
    pub fn loc(&self) -> Vec<Loc> {
        vec![Loc::from(self.kind.as_str()), Loc::from(self.name)]
    }

    fn queries(&self) -> impl Iterator<Item = Cow<'a, str>> + 'a {
        query_values(self.req.query_string().unwrap_or(""), self.name)
    }

    fn cookies(&self) -> impl Iterator<Item = Cow<'a, str>> + 'a {
        let name = self.name;
        self.req
            .headers()
            .get_all(http::header::COOKIE)
            .iter()
            .flat_map(|v| v.as_bytes().split(|b| *b == b';'))
            .filter_map(move |pair| {
                let pair = latin1(pair);
                let (k, v) = pair.trim().split_once('=')?;
                (k.trim() == name).then(|| Cow::Owned(v.trim().trim_matches('"').to_owned()))
            })
    }
}

/// The values of `name` in a query string, decoded as `application/x-www-form-urlencoded`
/// (`form_urlencoded::parse`). A key or value without `%` or `+` is its own decoding: it is
/// compared or borrowed as it is, and only the other pairs go through the decoder (which
/// cost ~280 instructions a pair, a plain `?name=x` included).
fn query_values<'a>(query: &'a str, name: &'a str) -> impl Iterator<Item = Cow<'a, str>> + 'a {
    let plain = |s: &str| !s.bytes().any(|b| b == b'%' || b == b'+');
    let mut rest = Some(query);
    let pairs = std::iter::from_fn(move || {
        let s = rest?;
        let (pair, after) = split_at_byte(s, b'&');
        rest = after;
        Some(pair)
    });
    pairs.filter_map(move |pair| {
        if pair.is_empty() {
            return None;
        }
        let (key, value) = split_at_byte(pair, b'=');
        let value = value.unwrap_or("");
        if plain(key) && plain(value) {
            return (key == name).then_some(Cow::Borrowed(value));
        }
        let (key, value) = form_urlencoded::parse(pair.as_bytes()).next()?;
        (key == name).then_some(value)
    })
}

/// `s` before and after the first `sep` (an ASCII byte, so both sides are whole `str`s). On
/// request paths: `str::split` by a `char` sets up a `memchr` search per piece (~90
/// instructions on a short query's `name=x`).
pub(super) fn split_at_byte(s: &str, sep: u8) -> (&str, Option<&str>) {
    match s.bytes().position(|b| b == sep) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    }
}

/// Header bytes as text: ISO-8859-1, as Starlette decodes them (RFC 9110 §5.5 `obs-text`), so
/// no byte is lost and ASCII stays borrowed.
fn latin1(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) if s.is_ascii() => Cow::Borrowed(s),
        _ => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    }
}

fn decode_path(raw: &str) -> Cow<'_, str> {
    // Nearly every path parameter has nothing to decode: skip the decoder's UTF-8 pass.
    if !raw.as_bytes().contains(&b'%') {
        return Cow::Borrowed(raw);
    }
    percent_encoding::percent_decode_str(raw).decode_utf8_lossy()
}

/// A type a named parameter (path, query, header, cookie) can be: a [`Scalar`], an `Option`
/// of one (optional), or a `Vec` of one (repeated query keys).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a path, query, header or cookie parameter",
    note = "parameters read from strings must be integers, floats, `bool`, `String`, or an `Option` or `Vec` of those; to read a JSON body use a struct that implements `serde::Deserialize`, or `Json<T>`"
)]
pub trait FromParam: Sized {
    /// Whether a request must give the parameter.
    const REQUIRED: bool;

    /// Whether the parameter is a list (`Vec<T>`, `Option<Vec<T>>`): its length constraints
    /// and their errors' `input` are about every value given, not the last one.
    const LIST: bool = false;

    /// Reads the parameter, recording every problem in `errors`.
    fn from_param(source: &Source<'_>, errors: &mut Errors) -> Option<Self>;

    /// The JSON Schema of the parameter, for OpenAPI.
    fn schema() -> Value;
}

/// A failed conversion of one string: pydantic's error `type`, `msg` and `ctx`.
#[derive(Debug, Clone)]
pub struct ScalarError {
    kind: &'static str,
    msg: Cow<'static, str>,
    ctx: Option<Value>,
}

impl ScalarError {
    /// An error with this pydantic type code and message.
    pub fn new(kind: &'static str, msg: impl Into<Cow<'static, str>>) -> Self {
        ScalarError {
            kind,
            msg: msg.into(),
            ctx: None,
        }
    }

    /// Adds `ctx`.
    pub fn with_ctx(mut self, ctx: Value) -> Self {
        self.ctx = Some(ctx);
        self
    }

    /// The error at `loc` for the raw `input`.
    pub fn into_detail(self, loc: Vec<Loc>, input: &str) -> ErrorDetail {
        self.into_detail_for(loc, Value::String(input.to_owned()))
    }

    /// The error at `loc` for an input that was JSON (a body field).
    pub(crate) fn into_detail_for(self, loc: Vec<Loc>, input: Value) -> ErrorDetail {
        ErrorDetail {
            kind: Cow::Borrowed(self.kind),
            loc,
            msg: self.msg,
            input,
            ctx: self.ctx,
        }
    }
}

/// `v` if it is within `min..=max`, else the constraint error pydantic reports for a bounded
/// `int` (`greater_than_equal` / `less_than_equal` with the bound in `ctx`). Every integer
/// type's parameter and body field parse through here with their own bounds: one copy of
/// the error code, not ten.
pub(crate) fn int_in_range(v: i128, min: i128, max: i128) -> Result<i128, ScalarError> {
    let (kind, relation, key, bound) = if v < min {
        ("greater_than_equal", "greater than or equal to", "ge", min)
    } else if v > max {
        ("less_than_equal", "less than or equal to", "le", max)
    } else {
        return Ok(v);
    };
    // (The bounds of the types up to 64 bits are all JSON integers.)
    let bound_json = serde_json::Number::from_i128(bound).map_or(Value::Null, Value::Number);
    Err(
        ScalarError::new(kind, format!("Input should be {relation} {bound}")).with_ctx(
            Value::Object([(key.to_owned(), bound_json)].into_iter().collect()),
        ),
    )
}

/// A value parsed from one string, with FastAPI's (pydantic's lax mode) rules.
///
/// brisk implements it for the integers, floats, `bool` and `String`. Implement it for your
/// own type to read it from the path, the query, a header or a cookie; the type is then a
/// [`FromParam`], and so are `Option` and `Vec` of it. Inference (rule 3) knows only the
/// built-in scalar names, so a query parameter of your type is written `Query<T>`; a path
/// parameter is found by its name as usual.
///
/// ```
/// use brisk::extract::{Scalar, ScalarError};
/// use brisk::testing::TestClient;
/// use brisk::Query;
///
/// /// A stock-keeping unit: three letters, a dash, digits.
/// struct Sku(String);
///
/// impl Scalar for Sku {
///     const SCHEMA_TYPE: &'static str = "string";
///
///     fn parse(s: &str) -> Result<Self, ScalarError> {
///         let ok = s.len() > 4
///             && s[..3].bytes().all(|b| b.is_ascii_uppercase())
///             && s.as_bytes()[3] == b'-'
///             && s[4..].bytes().all(|b| b.is_ascii_digit());
///         match ok {
///             true => Ok(Sku(s.to_owned())),
///             false => Err(ScalarError::new("sku_parsing", "Input should be a SKU like ABC-123")),
///         }
///     }
/// }
///
/// #[brisk::get("/items/{sku}")]
/// async fn read_item(sku: Sku, related: Query<Option<Sku>>) -> brisk::Value {
///     brisk::json!({ "sku": sku.0, "related": related.0.map(|s| s.0) })
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let client = TestClient::new(brisk::App::new().routes(brisk::routes![read_item]));
/// let res = client.get("/items/PEN-42?related=INK-7").send().await;
/// assert_eq!(res.text(), r#"{"sku":"PEN-42","related":"INK-7"}"#);
/// let res = client.get("/items/pen").send().await;
/// assert_eq!(res.status(), 422);
/// assert_eq!(
///     res.text(),
///     r#"{"detail":[{"type":"sku_parsing","loc":["path","sku"],"msg":"Input should be a SKU like ABC-123","input":"pen"}]}"#
/// );
/// # }
/// ```
pub trait Scalar: Sized {
    /// The JSON Schema type (`integer`, `number`, `boolean`, `string`).
    const SCHEMA_TYPE: &'static str;

    /// Parses one value.
    fn parse(s: &str) -> Result<Self, ScalarError>;
}

pub(crate) fn missing(loc: Vec<Loc>) -> ErrorDetail {
    ErrorDetail::new("missing", loc, "Field required", Value::Null)
}

fn scalar_schema<T: Scalar>() -> Value {
    json!({ "type": T::SCHEMA_TYPE })
}

impl<T: Scalar> FromParam for T {
    const REQUIRED: bool = true;

    fn schema() -> Value {
        scalar_schema::<T>()
    }

    fn from_param(source: &Source<'_>, errors: &mut Errors) -> Option<Self> {
        let Some(raw) = source.last() else {
            errors.push(missing(source.loc()));
            return None;
        };
        match T::parse(&raw) {
            Ok(v) => Some(v),
            Err(e) => {
                errors.push(e.into_detail(source.loc(), &raw));
                None
            }
        }
    }
}

impl<T: Scalar> FromParam for Option<T> {
    const REQUIRED: bool = false;

    fn schema() -> Value {
        json!({ "anyOf": [scalar_schema::<T>(), { "type": "null" }] })
    }

    fn from_param(source: &Source<'_>, errors: &mut Errors) -> Option<Self> {
        let Some(raw) = source.last() else {
            return Some(None);
        };
        match T::parse(&raw) {
            Ok(v) => Some(Some(v)),
            Err(e) => {
                errors.push(e.into_detail(source.loc(), &raw));
                None
            }
        }
    }
}

fn parse_all<T: Scalar>(source: &Source<'_>, errors: &mut Errors) -> Option<Option<Vec<T>>> {
    let raws = source.all();
    if raws.is_empty() {
        return Some(None);
    }
    let mut out = Vec::with_capacity(raws.len());
    let mut ok = true;
    for (i, raw) in raws.iter().enumerate() {
        match T::parse(raw) {
            Ok(v) => out.push(v),
            Err(e) => {
                let mut loc = source.loc();
                loc.push(Loc::Index(i));
                errors.push(e.into_detail(loc, raw));
                ok = false;
            }
        }
    }
    ok.then_some(Some(out))
}

impl<T: Scalar> FromParam for Vec<T> {
    /// Like FastAPI's `list[int] = Query()`: required. Use `Option<Vec<T>>` for an optional
    /// list.
    const REQUIRED: bool = true;
    const LIST: bool = true;

    fn schema() -> Value {
        json!({ "type": "array", "items": scalar_schema::<T>() })
    }

    fn from_param(source: &Source<'_>, errors: &mut Errors) -> Option<Self> {
        match parse_all(source, errors)? {
            Some(v) => Some(v),
            None => {
                errors.push(missing(source.loc()));
                None
            }
        }
    }
}

impl<T: Scalar> FromParam for Option<Vec<T>> {
    const REQUIRED: bool = false;
    const LIST: bool = true;

    fn schema() -> Value {
        json!({ "anyOf": [{ "type": "array", "items": scalar_schema::<T>() }, { "type": "null" }] })
    }

    fn from_param(source: &Source<'_>, errors: &mut Errors) -> Option<Self> {
        parse_all(source, errors)
    }
}

impl Scalar for String {
    const SCHEMA_TYPE: &'static str = "string";

    fn parse(s: &str) -> Result<Self, ScalarError> {
        Ok(s.to_owned())
    }
}

impl Scalar for bool {
    const SCHEMA_TYPE: &'static str = "boolean";

    /// pydantic's words: `true/false/1/0/yes/no/on/off/t/f/y/n`, any case.
    fn parse(s: &str) -> Result<Self, ScalarError> {
        match s.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" | "t" | "y" => Ok(true),
            "false" | "0" | "no" | "off" | "f" | "n" => Ok(false),
            _ => Err(ScalarError::new(
                "bool_parsing",
                "Input should be a valid boolean, unable to interpret input",
            )),
        }
    }
}

fn int_parsing() -> ScalarError {
    ScalarError::new(
        "int_parsing",
        "Input should be a valid integer, unable to parse string as an integer",
    )
}

/// Python's `int(str)` as pydantic applies it: surrounding whitespace, a sign, `_` between
/// digits and trailing `.0`s are accepted.
pub(crate) fn parse_int_text(s: &str) -> Result<i128, ScalarError> {
    // Plain digits (nearly every id in a path) need none of Python's extras.
    if (1..=18).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(s.bytes().fold(0, |v, b| v * 10 + i128::from(b - b'0')));
    }
    // Text that cannot start a number (`abc`) is told at its first byte: only digits, a
    // sign, whitespace or (non-ASCII) Unicode whitespace can come first.
    if let Some(&b) = s.as_bytes().first() {
        if b.is_ascii()
            && !(b.is_ascii_digit() || b == b'+' || b == b'-' || char::from(b).is_whitespace())
        {
            return Err(int_parsing());
        }
    }
    let s = s.trim();
    if s.len() > 4300 {
        return Err(ScalarError::new(
            "int_parsing_size",
            "Unable to parse input string as an integer, exceeded maximum size",
        ));
    }
    let s = match s.split_once('.') {
        Some((int, zeros)) if zeros.bytes().all(|b| b == b'0') => int,
        _ => s,
    };
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let bytes = digits.as_bytes();
    let well_formed = !bytes.is_empty()
        && bytes[0].is_ascii_digit()
        && bytes[bytes.len() - 1].is_ascii_digit()
        && bytes
            .windows(2)
            .all(|w| w[0].is_ascii_digit() || w[1].is_ascii_digit())
        && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'_');
    if !well_formed {
        return Err(int_parsing());
    }
    let mut value: i128 = 0;
    for b in bytes.iter().filter(|b| **b != b'_') {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i128::from(b - b'0')))
            .unwrap_or(if negative { i128::MIN } else { i128::MAX });
    }
    Ok(if negative { -value } else { value })
}

macro_rules! scalar_int {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            const SCHEMA_TYPE: &'static str = "integer";

            /// Out of the type's range is a constraint error (`greater_than_equal` /
            /// `less_than_equal` with the bound), as a constrained pydantic `int` reports it.
            fn parse(s: &str) -> Result<Self, ScalarError> {
                // Plain digits that fit (nearly every id in a path), without the general
                // path's wide result.
                let b = s.as_bytes();
                if (1..=18).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) {
                    let v = b.iter().fold(0u64, |v, &d| v * 10 + u64::from(d - b'0'));
                    // (Always fits for `u64`.)
                    #[allow(irrefutable_let_patterns)]
                    if let Ok(v) = <$t>::try_from(v) {
                        return Ok(v);
                    }
                }
                let v = int_in_range(parse_int_text(s)?, <$t>::MIN as i128, <$t>::MAX as i128)?;
                Ok(v as $t)
            }
        }
    )*};
}
scalar_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

macro_rules! scalar_float {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            const SCHEMA_TYPE: &'static str = "number";

            /// Python's `float(str)`. NaN and infinities are refused (`finite_number`): FastAPI
            /// accepts them and then fails with a 500 when it writes them back as JSON.
            fn parse(s: &str) -> Result<Self, ScalarError> {
                let t = s.trim();
                let cleaned;
                let t = if t.contains('_') {
                    cleaned = t.replace('_', "");
                    cleaned.as_str()
                } else {
                    t
                };
                match t.parse::<$t>() {
                    Ok(v) if v.is_finite() => Ok(v),
                    Ok(_) => Err(ScalarError::new("finite_number", "Input should be a finite number")),
                    Err(_) => Err(ScalarError::new(
                        "float_parsing",
                        "Input should be a valid number, unable to parse string as a number",
                    )),
                }
            }
        }
    )*};
}
scalar_float!(f32, f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_follow_python() {
        assert_eq!(i64::parse(" 42 ").unwrap(), 42);
        assert_eq!(i64::parse("+5").unwrap(), 5);
        assert_eq!(i64::parse("-5").unwrap(), -5);
        assert_eq!(i64::parse("1_000").unwrap(), 1000);
        assert_eq!(i64::parse("7.00").unwrap(), 7);
        // The plain-digits fast path and the general path agree at its edges.
        for text in [
            "0",
            "007",
            "999999999999999999",
            "9999999999999999999",
            "1000000000000000000",
        ] {
            assert_eq!(
                i128::parse(text).unwrap(),
                text.parse::<i128>().unwrap(),
                "{text}"
            );
            assert_eq!(
                i128::parse(&format!(" {text}")).unwrap(),
                text.parse::<i128>().unwrap()
            );
        }
        for bad in [
            "", " ", "abc", "1.5", "1__0", "_1", "1_", "--1", "1e3", ".0", "x1",
        ] {
            assert_eq!(i64::parse(bad).unwrap_err().kind, "int_parsing", "{bad:?}");
        }
        // What may come first: a digit, a sign, whitespace (Unicode's too); anything else
        // is refused at once.
        for b in 0..=0x7fu8 {
            let c = char::from(b);
            let starts = c.is_ascii_digit() || c == '+' || c == '-' || c.is_whitespace();
            assert_eq!(i64::parse(&format!("{c}1")).is_ok(), starts, "{c:?}");
        }
        assert_eq!(i64::parse("\u{3000}12\u{2003}").unwrap(), 12);
        assert_eq!(i64::parse("\t-3\n").unwrap(), -3);
        assert_eq!(u8::parse("256").unwrap_err().kind, "less_than_equal");
        assert_eq!(u32::parse("-1").unwrap_err().kind, "greater_than_equal");
        assert_eq!(
            i64::parse("99999999999999999999999999999999999999999")
                .unwrap_err()
                .kind,
            "less_than_equal"
        );
    }

    #[test]
    fn query_values_decode_as_form_urlencoded_does() {
        let queries = [
            "",
            "&",
            "&&a=1&",
            "name=x",
            "name=",
            "name",
            "=x",
            "name=a&name=b&other=c",
            "na%6De=x",
            "name=a+b%20c",
            "name=%zz%4",
            "name=%E2%82%AC",
            "name=%FF",
            "+name=1",
            "name+=1",
            "name=1=2",
            "a=1&name=q%26r&name",
            "name%3Dx=y",
            "x=%2B&name=%2B",
        ];
        for query in queries {
            for name in ["name", "a", "other", "", " name", "name ", "x"] {
                let want: Vec<String> = form_urlencoded::parse(query.as_bytes())
                    .filter(|(k, _)| k == name)
                    .map(|(_, v)| v.into_owned())
                    .collect();
                let got: Vec<String> = query_values(query, name).map(Cow::into_owned).collect();
                assert_eq!(got, want, "{query:?} {name:?}");
            }
        }
    }

    #[test]
    fn floats_and_bools() {
        assert_eq!(f64::parse("1e3").unwrap(), 1000.0);
        assert_eq!(f64::parse(" 2.5").unwrap(), 2.5);
        assert_eq!(f64::parse("abc").unwrap_err().kind, "float_parsing");
        assert_eq!(f64::parse("nan").unwrap_err().kind, "finite_number");
        for t in ["true", "1", "YES", "On", "t", "y"] {
            assert!(bool::parse(t).unwrap());
        }
        for f in ["false", "0", "no", "OFF", "f", "N"] {
            assert!(!bool::parse(f).unwrap());
        }
        assert_eq!(bool::parse("maybe").unwrap_err().kind, "bool_parsing");
    }
}
