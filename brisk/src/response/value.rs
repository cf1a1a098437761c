//! Header values given as arguments, and the cache that makes a constant value written as
//! text cheap after its first uses.

use std::cell::Cell;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, InvalidHeaderValue};

use super::kept::{Kept, LONGEST};

/// A header value argument: a [`HeaderValue`], text (`&str`, `String`), bytes, or a number.
///
/// Every method that takes a header value takes one of these (the types `http` converts to a
/// `HeaderValue`). A value written as text that an app sets again and again, such as
/// `response.set_header("X-Cache", "MISS")`, is copied into a header once per process
/// instead of on every call: converting text means copying it into a fresh allocation.
///
/// ```
/// use brisk::ResponseHandle;
///
/// let mut response = ResponseHandle::new(brisk::StatusCode::OK);
/// response.set_header("X-Cache", "MISS");
/// response.set_header("X-Count", 3u32);
/// response.set_header("X-Owned", String::from("yes"));
/// response.set_header("X-Given", http::HeaderValue::from_static("given"));
/// assert_eq!(response.headers()["x-cache"], "MISS");
/// assert_eq!(response.headers()["x-count"], "3");
/// assert_eq!(response.headers()["x-owned"], "yes");
/// assert_eq!(response.headers()["x-given"], "given");
/// ```
pub trait IntoHeaderValue {
    /// The value, or why it cannot be one (a control character, say).
    fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue>;
}

impl IntoHeaderValue for HeaderValue {
    fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue> {
        Ok(self)
    }
}

impl IntoHeaderValue for &HeaderValue {
    fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue> {
        Ok(self.clone())
    }
}

impl IntoHeaderValue for &str {
    fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue> {
        from_text(self)
    }
}

impl IntoHeaderValue for &String {
    fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue> {
        from_text(self)
    }
}

impl IntoHeaderValue for String {
    fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue> {
        HeaderValue::try_from(self)
    }
}

impl IntoHeaderValue for &[u8] {
    fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue> {
        HeaderValue::from_bytes(self)
    }
}

impl IntoHeaderValue for Vec<u8> {
    fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue> {
        HeaderValue::try_from(self)
    }
}

impl IntoHeaderValue for Bytes {
    fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue> {
        HeaderValue::from_maybe_shared(self)
    }
}

impl IntoHeaderValue for HeaderName {
    fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue> {
        Ok(self.into())
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl IntoHeaderValue for $t {
            fn into_header_value(self) -> Result<HeaderValue, InvalidHeaderValue> {
                Ok(self.into())
            }
        }
    )*};
}

numbers!(u16, i16, u32, i32, u64, i64, usize, isize);

/// A value remembered: where the text was (a literal's address never changes, so comparing
/// addresses first makes a miss cheap), the text, and its value sharing a `'static` copy (a
/// clone costs no reference count).
struct Remembered {
    at: usize,
    text: &'static str,
    value: HeaderValue,
}

static VALUES: Kept<Remembered> = Kept::new();

/// How many recent misses a thread keeps in mind.
const RECENT: usize = 32;

thread_local! {
    /// This thread's recent misses (address, length, fingerprint), each in the place its
    /// fingerprint picks: text is remembered when it is met again, at the same address with
    /// the same content, which a literal is on every call and a value built afresh each time
    /// rarely is.
    static MISSES: [Cell<(usize, usize, u64)>; RECENT] =
        const { [const { Cell::new((0, 0, 0)) }; RECENT] };
}

fn from_text(text: &str) -> Result<HeaderValue, InvalidHeaderValue> {
    let at = text.as_ptr() as usize;
    let is = |seen: &Remembered| seen.at == at && seen.text == text;
    if let Some(seen) = VALUES.find(is) {
        return Ok(seen.value.clone());
    }
    let value = HeaderValue::from_str(text)?;
    if text.len() <= LONGEST && met_again(at, text) {
        VALUES.keep(
            || {
                let text: &'static str = Box::leak(text.into());
                let value = HeaderValue::from_maybe_shared(Bytes::from_static(text.as_bytes()));
                Some(Remembered {
                    at,
                    text,
                    value: value.ok()?,
                })
            },
            is,
        );
    }
    Ok(value)
}

/// Whether `text` at `at` is among this thread's recent misses; if not, it becomes one.
fn met_again(at: usize, text: &str) -> bool {
    // FNV-1a: the texts are short, and a fingerprint only has to tell a changed text at a
    // reused address.
    let fingerprint = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let key = (at, text.len(), fingerprint);
    // (Multiplied: heap addresses share their low bits.)
    let place = ((fingerprint ^ at as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize;
    MISSES
        .try_with(|misses| misses[place % RECENT].replace(key) == key)
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_gives_the_value_http_makes_before_and_after_it_is_remembered() {
        let texts = [
            "MISS",
            "no-store, max-age=0",
            "",
            "caf\u{e9}",
            "a\tb",
            &"x".repeat(LONGEST + 1),
        ];
        for _ in 0..3 {
            for text in texts {
                let want = HeaderValue::from_str(text).unwrap();
                let got = text.into_header_value().unwrap();
                assert_eq!(got, want);
                assert_eq!(got.as_bytes(), text.as_bytes());
                assert_eq!(text.to_owned().into_header_value().unwrap(), want);
                assert_eq!((&text.to_owned()).into_header_value().unwrap(), want);
            }
        }
    }

    /// Text is remembered when met again at the same address with the same content, right
    /// after (the table it then goes to is `kept`'s, tested there; asserting on this
    /// process-wide table here would depend on what other tests put in it first).
    #[test]
    fn text_counts_as_met_again_only_at_the_same_address_with_the_same_content() {
        let literal = "met-again";
        let at = literal.as_ptr() as usize;
        assert!(!met_again(at, literal));
        assert!(met_again(at, literal));
        // Changed content at the same address (a reused buffer): not the same text.
        let mut buf = String::from("value-1");
        let at = buf.as_ptr() as usize;
        assert!(!met_again(at, &buf));
        buf.replace_range(6.., "2");
        assert_eq!(buf.as_ptr() as usize, at);
        assert!(!met_again(at, &buf));
        assert!(met_again(at, &buf));
    }

    #[test]
    fn changed_text_at_the_same_address_is_never_mistaken() {
        // One buffer, rewritten in place: the address stays, the content changes.
        let mut buf = String::from("value-0");
        for round in 0..40 {
            buf.clear();
            buf.push_str(&format!("value-{}", round % 3));
            let got = buf.as_str().into_header_value().unwrap();
            assert_eq!(got.as_bytes(), buf.as_bytes(), "round {round}");
        }
    }

    #[test]
    fn invalid_text_is_an_error_every_time() {
        for _ in 0..3 {
            assert!("bad\r\nvalue".into_header_value().is_err());
            assert!("nul\0".into_header_value().is_err());
        }
    }

    #[test]
    fn numbers_bytes_and_names_convert() {
        assert_eq!(7u16.into_header_value().unwrap(), "7");
        assert_eq!((-7i64).into_header_value().unwrap(), "-7");
        assert_eq!(Bytes::from_static(b"b").into_header_value().unwrap(), "b");
        assert_eq!((&b"s"[..]).into_header_value().unwrap(), "s");
        assert_eq!(b"v".to_vec().into_header_value().unwrap(), "v");
        assert_eq!(http::header::ACCEPT.into_header_value().unwrap(), "accept");
        assert!((&b"\x01"[..]).into_header_value().is_err());
    }
}
