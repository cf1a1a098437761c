//! Header names given as arguments, and the cache that makes a name written as text cheap
//! after its first use.

use http::header::HeaderName;

use super::kept::{Kept, LONGEST};

/// A header name argument: a [`HeaderName`] (such as `http::header::CACHE_CONTROL`) or the
/// name as text (`"X-Cache"`, in any case; names are sent lower-case).
///
/// Every method that takes a header name takes one of these, so a name written as text is
/// converted once per process rather than on every call: converting a name that is not one
/// of the standard ones means lower-casing it into a fresh allocation.
///
/// ```
/// use brisk::ResponseHandle;
///
/// let mut response = ResponseHandle::new(brisk::StatusCode::OK);
/// response.set_header("X-Cache", "MISS");
/// response.set_header(http::header::CACHE_CONTROL, "no-store");
/// assert_eq!(response.headers()["x-cache"], "MISS");
/// assert_eq!(response.headers()["cache-control"], "no-store");
/// ```
pub trait IntoHeaderName {
    /// The name.
    ///
    /// # Panics
    /// If the text is not a valid header name.
    fn into_header_name(self) -> HeaderName;
}

impl IntoHeaderName for HeaderName {
    fn into_header_name(self) -> HeaderName {
        self
    }
}

impl IntoHeaderName for &HeaderName {
    fn into_header_name(self) -> HeaderName {
        self.clone()
    }
}

impl IntoHeaderName for &str {
    fn into_header_name(self) -> HeaderName {
        from_text(self.as_bytes())
    }
}

impl IntoHeaderName for &String {
    fn into_header_name(self) -> HeaderName {
        from_text(self.as_bytes())
    }
}

impl IntoHeaderName for String {
    fn into_header_name(self) -> HeaderName {
        from_text(self.as_bytes())
    }
}

impl IntoHeaderName for &[u8] {
    fn into_header_name(self) -> HeaderName {
        from_text(self)
    }
}

impl IntoHeaderName for Vec<u8> {
    fn into_header_name(self) -> HeaderName {
        from_text(&self)
    }
}

/// Text as given → its name, built from `'static` text so that a copy costs no reference
/// count.
static NAMES: Kept<(&'static [u8], HeaderName)> = Kept::new();

fn from_text(text: &[u8]) -> HeaderName {
    if let Some((_, name)) = NAMES.find(|(given, _)| *given == text) {
        return name.clone();
    }
    let name = HeaderName::from_bytes(text).unwrap_or_else(|e| {
        panic!(
            "invalid header name {:?}: {e}",
            String::from_utf8_lossy(text)
        )
    });
    if text.len() <= LONGEST {
        NAMES.keep(
            || {
                let given: &'static [u8] = Box::leak(text.into());
                let lower: &'static str = Box::leak(name.as_str().into());
                Some((given, HeaderName::from_static(lower)))
            },
            |(given, _)| *given == text,
        );
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_given_as_text_are_the_names_http_makes() {
        for text in ["X-Cache", "x-cache", "Content-Type", "X-Request-ID", "vary"] {
            let want = HeaderName::from_bytes(text.as_bytes()).unwrap();
            // First from scratch, then from the cache.
            assert_eq!(text.into_header_name(), want);
            assert_eq!(text.into_header_name(), want);
            assert_eq!(text.to_owned().into_header_name(), want);
            assert_eq!(text.as_bytes().to_vec().into_header_name(), want);
        }
        let long = "x-".repeat(40);
        assert_eq!(long.as_str().into_header_name().as_str(), long);
    }

    #[test]
    #[should_panic(expected = "invalid header name \"bad name\"")]
    fn an_invalid_name_panics_naming_it() {
        let _ = "bad name".into_header_name();
    }
}
