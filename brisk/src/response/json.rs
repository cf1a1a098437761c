use std::cell::Cell;
use std::io;

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
use http::{HeaderMap, StatusCode};
use serde::Serialize;

use super::{header_pair, IntoHeaderName, IntoHeaderValue, IntoResponse, IntoStatus, Response};
use crate::body::Body;

/// A JSON response built explicitly: FastAPI's `JSONResponse(content, status_code, headers)`.
///
/// Its status (200 unless set) and headers are sent as given; the route's default status and
/// the injected [`ResponseHandle`](crate::ResponseHandle) do not apply. Headers come first,
/// then `content-length` and `content-type`, as in FastAPI.
///
/// ```
/// use brisk::JsonResponse;
///
/// #[brisk::get("/items/{item_id}")]
/// async fn get_item(item_id: i64) -> JsonResponse {
///     JsonResponse::new(brisk::json!({ "item_id": item_id })).header("X-Cache", "MISS")
/// }
/// ```
#[derive(Debug)]
pub struct JsonResponse {
    status: StatusCode,
    headers: HeaderMap,
    content: Result<Vec<u8>, String>,
}

impl JsonResponse {
    /// A 200 response whose body is `content` as compact JSON.
    pub fn new(content: impl Serialize) -> Self {
        JsonResponse {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            content: json_bytes(&content).map_err(|e| e.to_string()),
        }
    }

    /// Sets the status.
    ///
    /// ```
    /// use brisk::{status, IntoResponse, JsonResponse};
    ///
    /// let res = JsonResponse::new(brisk::json!({ "queued": true }))
    ///     .status_code(status::HTTP_202_ACCEPTED)
    ///     .into_response();
    /// assert_eq!(res.status(), 202);
    /// assert_eq!(res.headers()["content-type"], "application/json");
    /// ```
    pub fn status_code(mut self, status: impl IntoStatus) -> Self {
        self.status = status.into_status();
        self
    }

    /// Appends a header.
    ///
    /// # Panics
    /// If the name or value is not valid in a header.
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        K: IntoHeaderName,
        V: IntoHeaderValue,
    {
        let (name, value) = header_pair(name, value);
        self.headers.append(name, value);
        self
    }
}

impl IntoResponse for JsonResponse {
    fn into_response(self) -> Response {
        match self.content {
            Ok(bytes) => serialized(self.status, self.headers, bytes, None),
            Err(error) => {
                tracing::error!(%error, "JsonResponse content could not be serialized");
                super::internal_server_error()
            }
        }
    }
}

/// Builds a JSON response from serialized bytes: `headers` first, then `content-length`,
/// `content-type`, then `after` (the injected handle's headers).
pub(crate) fn serialized(
    status: StatusCode,
    mut headers: HeaderMap,
    bytes: Vec<u8>,
    after: Option<super::handle::Added>,
) -> Response {
    let more = after.as_ref().map_or(0, super::handle::Added::len);
    // Framed by brisk unless a header given states a length or a transfer coding.
    let mut framed = after.as_ref().is_none_or(|after| !after.frames());
    if headers.capacity() == 0 {
        // Nothing of its own (nearly every response): the request's map, passed on. (The
        // empty map holds no allocation: forgotten, not dropped, which would check so.)
        std::mem::forget(std::mem::replace(
            &mut headers,
            super::spare::take(2 + more),
        ));
    } else {
        // One pass over the few names given: two lookups hash both names (~120 instructions).
        framed &= !headers
            .keys()
            .any(|name| name == CONTENT_LENGTH || name == TRANSFER_ENCODING);
        headers.reserve(2 + more);
    }
    headers.append(CONTENT_LENGTH, super::content_length(bytes.len() as u64));
    headers.append(
        CONTENT_TYPE,
        const { HeaderValue::from_static("application/json") },
    );
    if let Some(after) = after {
        after.append_to(&mut headers);
    }
    Response {
        status,
        headers,
        body: Body::full(Bytes::from(bytes)),
        extensions: http::Extensions::new(),
        framed,
    }
}

/// Serializes `value` as FastAPI does for a plain return value (Python's
/// `json.dumps(ensure_ascii=False, allow_nan=False, separators=(",", ":"))`): compact,
/// UTF-8 unescaped, floats written as Python writes them (`1.0`, `1e+20`, `1e-07`).
///
/// Written into a buffer this thread keeps, then copied out at its exact length: a `Vec`
/// with room to spare becomes `Bytes` through a second allocation (its shared header), and
/// growing one from a guess reallocates. A large body is handed over as written.
pub(crate) fn json_bytes<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    json_bytes_with(|buf| write_json(buf, value))
}

/// Writes `value` at the end of `buf` as [`json_bytes`] does.
pub(crate) fn write_json<T: Serialize + ?Sized>(
    buf: &mut Vec<u8>,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        buf,
        PyFormatter,
    ))
}

/// A JSON body written by `write` into the thread's buffer (see [`json_bytes`]), copied out
/// at its exact length.
pub(crate) fn json_bytes_with(
    write: impl FnOnce(&mut Vec<u8>) -> serde_json::Result<()>,
) -> serde_json::Result<Vec<u8>> {
    thread_local! {
        static BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    }
    /// The most a thread keeps between responses, and the most copied out.
    const KEPT: usize = 16 * 1024;
    // Taken, not borrowed: a `Serialize` impl that serializes with brisk again finds an
    // empty buffer instead of a borrowed one.
    let mut buf = BUFFER.try_with(Cell::take).unwrap_or_default();
    buf.clear();
    let out = write(&mut buf).map(|()| {
        if buf.len() <= KEPT {
            buf.as_slice().to_vec()
        } else {
            std::mem::take(&mut buf)
        }
    });
    if buf.capacity() <= KEPT {
        let _ = BUFFER.try_with(|cell| cell.set(buf));
    }
    out
}

/// serde_json's compact formatter with Python's float text.
struct PyFormatter;

impl serde_json::ser::Formatter for PyFormatter {
    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        let mut buffer = zmij::Buffer::new();
        if let Some(text) = positional(&mut buffer, value) {
            return writer.write_all(text.as_bytes());
        }
        if value == 0.0 || !value.is_finite() {
            return write_py_float(writer, format_args!("{value:e}"));
        }
        // zmij's digits (ties to even, as Python; Rust's `{:e}` rounds ties up), reshaped.
        let text = buffer.format_finite(value);
        match text.split_once('e') {
            Some(_) => write_py_float(writer, format_args!("{text}")),
            None => write_py_float(writer, format_args!("{}", Scientific(text))),
        }
    }

    fn write_f32<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        write_py_float(writer, format_args!("{value:e}"))
    }
}

/// The fast path of Python's `repr` for most floats: between 1e-4 and 1e16 Python prints the
/// shortest round-trip digits positionally, with a fractional part; so does zmij (serde_json's
/// own float printer, Schubfach: shortest digits, the closest on ties, as Python's dtoa)
/// whenever its text has a point and no exponent. Anything else takes [`write_py_float`].
fn positional(buffer: &mut zmij::Buffer, value: f64) -> Option<&str> {
    if !(1e-4..1e16).contains(&value.abs()) {
        return None;
    }
    let text = buffer.format_finite(value);
    (text.contains('.') && !text.contains('e')).then_some(text)
}

/// zmij's positional text of a number below 1e-4 (`0.00001234`, `-0.000015`) in `{:e}`'s
/// shape (`1.234e-5`), for [`write_py_float`].
struct Scientific<'a>(&'a str);

impl std::fmt::Display for Scientific<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (sign, text) = match self.0.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", self.0),
        };
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits: String = int.chars().chain(frac.chars()).collect();
        let lead = digits.bytes().take_while(|&b| b == b'0').count();
        let significant = digits[lead..].trim_end_matches('0');
        let Some(first) = significant.get(..1) else {
            return write!(f, "{sign}0e0");
        };
        let exp = int.len() as i64 - lead as i64 - 1;
        let rest = &significant[1..];
        if rest.is_empty() {
            write!(f, "{sign}{first}e{exp}")
        } else {
            write!(f, "{sign}{first}.{rest}e{exp}")
        }
    }
}

/// Writes a float like Python's `repr`: the shortest digits that round-trip, positional
/// between 1e-4 and 1e16 (always with a fractional part), scientific with a signed exponent
/// of at least two digits outside that range.
fn write_py_float<W: ?Sized + io::Write>(
    w: &mut W,
    shortest: std::fmt::Arguments<'_>,
) -> io::Result<()> {
    // The text is made by one non-generic function: this one is compiled for every writer
    // type serde_json is used with, in brisk and again in each app.
    let mut text = [0u8; 64];
    let len = py_float(shortest, &mut text)?;
    w.write_all(&text[..len])
}

/// [`write_py_float`]'s text, into `out`; returns its length. (At most 25 bytes: a sign, 17
/// digits, a point and `e-308`.)
fn py_float(shortest: std::fmt::Arguments<'_>, out: &mut [u8; 64]) -> io::Result<usize> {
    use io::Write as _;
    let mut w = io::Cursor::new(&mut out[..]);
    let w = &mut w;
    // Rust's `{:e}` gives the shortest round-trip digits as `d.ddde-x`.
    let mut buf = [0u8; 40];
    let text = {
        let mut cursor = io::Cursor::new(&mut buf[..]);
        io::Write::write_fmt(&mut cursor, shortest)?;
        let len = cursor.position() as usize;
        std::str::from_utf8(&buf[..len]).map_err(io::Error::other)?
    };
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let exp: i32 = exp.parse().map_err(io::Error::other)?;
    let (int_digit, frac_digits) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if negative {
        w.write_all(b"-")?;
    }
    if (-4..16).contains(&exp) {
        let digits_len = 1 + frac_digits.len();
        if exp >= 0 {
            let exp = exp as usize;
            w.write_all(int_digit.as_bytes())?;
            let int_from_frac = exp.min(frac_digits.len());
            w.write_all(&frac_digits.as_bytes()[..int_from_frac])?;
            for _ in digits_len..=exp {
                w.write_all(b"0")?;
            }
            w.write_all(b".")?;
            let rest = &frac_digits[int_from_frac..];
            w.write_all(if rest.is_empty() {
                b"0"
            } else {
                rest.as_bytes()
            })?;
        } else {
            w.write_all(b"0.")?;
            for _ in 0..(-exp - 1) {
                w.write_all(b"0")?;
            }
            w.write_all(int_digit.as_bytes())?;
            w.write_all(frac_digits.as_bytes())?;
        }
    } else {
        w.write_all(int_digit.as_bytes())?;
        if !frac_digits.is_empty() {
            w.write_all(b".")?;
            w.write_all(frac_digits.as_bytes())?;
        }
        let sign = if exp < 0 { '-' } else { '+' };
        write!(w, "e{sign}{:02}", exp.unsigned_abs())?;
    }
    Ok(w.position() as usize)
}

#[cfg(test)]
mod tests {
    use super::json_bytes;

    /// Serializes a value with brisk again inside its own `serialize`, as a user's
    /// `Serialize` impl may.
    struct Nested(Vec<u32>);

    impl serde::Serialize for Nested {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let inner = json_bytes(&self.0).map_err(serde::ser::Error::custom)?;
            s.serialize_str(std::str::from_utf8(&inner).unwrap())
        }
    }

    /// Fails after writing part of its output.
    struct Failing;

    impl serde::Serialize for Failing {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeSeq;
            let mut seq = s.serialize_seq(None)?;
            seq.serialize_element("written")?;
            Err(serde::ser::Error::custom("no"))
        }
    }

    #[test]
    fn each_body_is_exactly_its_own_json() {
        let long = "x".repeat(40_000);
        let cases: Vec<(Vec<u8>, String)> = vec![
            (json_bytes(&[1, 2, 3]).unwrap(), "[1,2,3]".to_owned()),
            (json_bytes(&"é").unwrap(), "\"é\"".to_owned()),
            // Over what the thread keeps: handed over as written, and the next is right.
            (json_bytes(&long).unwrap(), format!("\"{long}\"")),
            (json_bytes(&true).unwrap(), "true".to_owned()),
            (
                json_bytes(&Nested(vec![1, 2])).unwrap(),
                "\"[1,2]\"".to_owned(),
            ),
            (json_bytes(&Nested(vec![])).unwrap(), "\"[]\"".to_owned()),
        ];
        for (got, want) in cases {
            assert_eq!(String::from_utf8(got).unwrap(), want);
        }
        // A failure leaves nothing behind for the next body.
        assert!(json_bytes(&Failing).is_err());
        let after = json_bytes(&[7]).unwrap();
        assert_eq!(after, b"[7]");
        assert_eq!(
            after.capacity(),
            after.len(),
            "copied out at its exact length"
        );
    }

    fn py(v: f64) -> String {
        String::from_utf8(json_bytes(&v).unwrap()).unwrap()
    }

    #[test]
    fn floats_print_as_python_json_dumps() {
        // The "plain" column of reference §8.
        let table = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (0.1, "0.1"),
            (0.3333333333333333, "0.3333333333333333"),
            (100.0, "100.0"),
            (1000000000000000.0, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.5e300, "1.5e+300"),
            (0.0001, "0.0001"),
            (1e-5, "1e-05"),
            (1.5e-5, "1.5e-05"),
            (1e-6, "1e-06"),
            (1e-7, "1e-07"),
            (2.5e-10, "2.5e-10"),
            (5e-324, "5e-324"),
            (1e20, "1e+20"),
            (3.25159, "3.25159"),
            (2.5, "2.5"),
            (-123.25, "-123.25"),
            (123456789.0, "123456789.0"),
            // An exact tie (…076.25): Python rounds half to even.
            (1527566058238076.2, "1527566058238076.2"),
        ];
        for (v, want) in table {
            assert_eq!(py(v), want, "{v:e}");
        }
    }

    /// The fast path prints exactly what the general one does, wherever it applies.
    #[test]
    fn the_positional_fast_path_agrees_with_the_general_path() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut taken, mut ties) = (0, 0);
        for i in 0..200_000 {
            let value = match i % 3 {
                // Any bit pattern (most fall outside the range).
                0 => f64::from_bits(next()),
                // Short decimals, as people write prices and measures.
                1 => (next() % 10_000_000) as f64 / 10f64.powi((next() % 8) as i32),
                // Across the whole range, log-uniformly.
                _ => 10f64.powf((next() % 20_000) as f64 / 1000.0 - 4.0),
            };
            if !value.is_finite() {
                continue;
            }
            let mut general = Vec::new();
            super::write_py_float(&mut general, format_args!("{value:e}")).unwrap();
            if let Some(fast) = super::positional(&mut zmij::Buffer::new(), value) {
                taken += 1;
                if fast.as_bytes() != &general[..] {
                    // Only on an exact tie between two shortest candidates: Python (and zmij)
                    // round half to even, Rust's `{:e}` half up. Both read back as the value.
                    let general = std::str::from_utf8(&general).unwrap();
                    assert_eq!(fast.len(), general.len(), "{value:e}: {fast} / {general}");
                    assert_eq!(fast.parse::<f64>().unwrap(), value, "{fast}");
                    assert_eq!(general.parse::<f64>().unwrap(), value, "{general}");
                    ties += 1;
                }
            }
        }
        assert!(taken > 100_000, "the fast path was taken {taken} times");
        assert!(ties * 100 < taken, "{ties} ties in {taken}");
    }

    /// 2000 floats (any bit pattern, log-uniform from 1e-12 to 1e30, integers around 1e17
    /// where ties between shortest candidates are common, tiny decimals) as Python 3.11's
    /// `json.dumps` printed them.
    #[test]
    fn floats_print_as_python_prints_them() {
        let fixture = include_str!("../../tests/fixtures/python-floats.txt");
        let mut checked = 0;
        for line in fixture.lines().filter(|l| !l.starts_with('#')) {
            let (bits, want) = line.split_once(' ').unwrap();
            let value = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
            assert_eq!(py(value), want, "{value:e}");
            checked += 1;
        }
        assert_eq!(checked, 2000);
    }

    #[test]
    fn non_finite_floats_become_null() {
        // serde_json writes NaN and infinities as `null` before a formatter sees them; FastAPI
        // answers 500 here. Recorded in docs/decisions/0002-fastapi-differences.md.
        assert_eq!(json_bytes(&f64::NAN).unwrap(), b"null");
    }

    #[test]
    fn strings_are_compact_and_unescaped() {
        let v = serde_json::json!({"u": "héllo ☃ 日本", "ctrl": "a\"b\\c\n\t\u{1}", "slash": "</script>", "l": [1, 2.5, null]});
        assert_eq!(
            String::from_utf8(json_bytes(&v).unwrap()).unwrap(),
            r#"{"u":"héllo ☃ 日本","ctrl":"a\"b\\c\n\t\u0001","slash":"</script>","l":[1,2.5,null]}"#
        );
    }
}
