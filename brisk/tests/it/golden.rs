//! The golden files recorded by `tools/oracle` (real FastAPI 0.165 under uvicorn, see
//! `tools/oracle/README.md`): loading them, and the answer each case expects.

use serde::Deserialize;

/// One golden file, `brisk/tests/golden/<app>.json`.
#[derive(Debug, Deserialize)]
pub struct GoldenFile {
    /// The oracle app, e.g. `seed_app.py`.
    pub app: String,
    /// The port uvicorn listened on; it appears in the recorded `location` headers.
    pub port: u16,
    /// How the oracle wrote each request (checked against [`crate::wire::request_bytes`]).
    pub request_format: String,
    /// Headers left out of `response_headers` (`connection`, `date`, `server`).
    pub excluded_response_headers: Vec<String>,
    /// The cases, in the order they were sent (they share one server: state matters).
    pub cases: Vec<Case>,
}

/// One recorded exchange.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub name: String,
    pub method: String,
    pub target: String,
    /// Request headers after `Host`, in order (never Host, Content-Length or Connection).
    pub headers: Vec<(String, String)>,
    /// The request body; `Content-Length` is sent only when this is not null.
    pub body: Option<String>,
    pub status: u16,
    /// Python's reason phrase; not compared (hyper writes the `http` crate's).
    #[allow(dead_code)]
    pub reason: String,
    /// Every response header in wire order, names lower-case, minus the excluded ones.
    pub response_headers: Vec<(String, String)>,
    #[serde(default)]
    pub response_body: Option<String>,
    #[serde(default)]
    pub response_body_b64: Option<String>,
    /// The oracle's remark where FastAPI/uvicorn misbehaved.
    #[allow(dead_code)]
    #[serde(default)]
    pub note: Option<String>,
}

impl GoldenFile {
    /// Parses a golden file's text.
    ///
    /// # Panics
    /// If the text is not a golden file.
    pub fn parse(name: &str, text: &str) -> GoldenFile {
        let file: GoldenFile = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("golden file {name}.json does not parse: {e}"));
        assert_eq!(
            file.app,
            format!("{name}.py"),
            "golden file for the wrong app"
        );
        file
    }

    /// `127.0.0.1:<port>` as the oracle's requests sent it in `Host`.
    pub fn recorded_host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Case {
    /// The recorded response body.
    pub fn body_bytes(&self) -> Vec<u8> {
        match (&self.response_body, &self.response_body_b64) {
            (Some(text), _) => text.as_bytes().to_vec(),
            (None, Some(b64)) => base64_decode(b64),
            (None, None) => panic!("case {:?} has no response body field", self.name),
        }
    }
}

/// An answer: status, headers and body. Header names are lower-case; the headers are kept
/// sorted so that two answers compare as multisets of `(name, value)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Server-level headers that are never compared (uvicorn adds `date` and `server`, hyper adds
/// `date`; `connection` follows the request's `Connection: close`).
pub const EXCLUDED_HEADERS: [&str; 3] = ["connection", "date", "server"];

impl Answer {
    /// Builds an answer, lower-casing names and dropping [`EXCLUDED_HEADERS`]; the rest keep
    /// their order, which is compared too.
    pub fn new<N, V>(status: u16, headers: impl IntoIterator<Item = (N, V)>, body: Vec<u8>) -> Self
    where
        N: AsRef<str>,
        V: Into<String>,
    {
        let headers: Vec<(String, String)> = headers
            .into_iter()
            .map(|(n, v)| (n.as_ref().to_ascii_lowercase(), v.into()))
            .filter(|(n, _)| !EXCLUDED_HEADERS.contains(&n.as_str()))
            .collect();
        Answer {
            status,
            headers,
            body,
        }
    }

    /// Replaces `from` with `to` in the `location` header (the trailing-slash 307s carry the
    /// request's `Host`, which differs between the oracle, `TestClient` and our socket).
    pub fn with_host(mut self, from: &str, to: &str) -> Self {
        for (name, value) in &mut self.headers {
            if name == "location" {
                *value = value.replace(from, to);
            }
        }
        self
    }
}

/// The answer FastAPI gave for `case`.
pub fn recorded_answer(case: &Case) -> Answer {
    Answer::new(
        case.status,
        case.response_headers.iter().map(|(n, v)| (n, v.clone())),
        case.body_bytes(),
    )
}

/// Standard base64 (the oracle stores a non-UTF-8 body as `response_body_b64`; no golden file
/// has one so far).
fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let v = ALPHABET
            .iter()
            .position(|a| *a == c)
            .unwrap_or_else(|| panic!("invalid base64 byte {c:#x}")) as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("/w=="), [0xff]);
    assert_eq!(base64_decode(""), b"");
}
