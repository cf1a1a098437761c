//! Header names given as arguments, and the cache that makes a name written as text cheap
//! after its first use.

use std::sync::OnceLock;

use http::header::HeaderName;

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

/// How many names given as text are remembered: an app sets a handful of its own headers.
/// Past that, names are converted on each call as before.
const SLOTS: usize = 16;

/// Names longer than this are not remembered, which bounds what the cache keeps.
const LONGEST: usize = 64;

/// Text as given → its name, built from `'static` text so that a copy costs no reference
/// count. Filled front to back, never emptied.
static NAMES: [OnceLock<(&'static [u8], HeaderName)>; SLOTS] = [const { OnceLock::new() }; SLOTS];

fn from_text(text: &[u8]) -> HeaderName {
    for slot in &NAMES {
        match slot.get() {
            Some((given, name)) if *given == text => return name.clone(),
            Some(_) => {}
            None => break,
        }
    }
    let name = HeaderName::from_bytes(text).unwrap_or_else(|e| {
        panic!(
            "invalid header name {:?}: {e}",
            String::from_utf8_lossy(text)
        )
    });
    if text.len() <= LONGEST {
        remember(text, &name);
    }
    name
}

#[cold]
fn remember(text: &[u8], name: &HeaderName) {
    // Full: nothing is copied (a copy that no slot takes would leak on every call).
    if NAMES.iter().all(|slot| slot.get().is_some()) {
        return;
    }
    let given: &'static [u8] = Box::leak(text.into());
    let lower: &'static str = Box::leak(name.as_str().into());
    let entry = (given, HeaderName::from_static(lower));
    for slot in &NAMES {
        match slot.set(entry.clone()) {
            Ok(()) => return,
            // Another thread may have just remembered the same text.
            Err(_) if slot.get().is_some_and(|(g, _)| *g == text) => return,
            Err(_) => {}
        }
    }
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
