//! The validation golden replay: `brisk/tests/golden/validation_app.json` (FastAPI's answers to
//! `tools/oracle/apps/validation_app.py`, reference §7) against brisk's twin, the
//! `validation` example, in order, through [`TestClient`] and over a socket. Every case is
//! compared on status, the set of headers from `content-length` on (minus
//! `date`/`server`/`connection`) and the body bytes — with FastAPI's recorded answer, or with
//! brisk's exact answer from [`DIFFERENCES`]. Requests are the oracle's, header values in
//! ISO-8859-1 as `record.py` sends them.

use std::collections::HashSet;

use brisk::testing::TestClient;
use http::{HeaderValue, Method};

use crate::golden::{recorded_answer, Answer, Case, GoldenFile};
use crate::harness::Server;
use crate::wire;

/// The twin: `brisk/examples/validation.rs`, included as a module (its `main` unused).
/// `fuzz` uses it from here; `openapi` includes the file once more for itself, hence the
/// `duplicate_mod` allowance.
#[path = "../../examples/validation.rs"]
#[allow(dead_code, clippy::duplicate_mod)]
pub mod example;

const GOLDEN: &str = include_str!("../golden/validation_app.json");

/// Why brisk answers a case differently from FastAPI (decision 0002, plus one reported gap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// `NaN`, `Infinity`, `-Infinity` or a number beyond `f64` (`1e400`) in a JSON body.
    NonFiniteJson,
    /// A float field given the string `"nan"`, `"inf"` or `"-inf"`.
    FiniteFloat,
    /// A `\uD800`-style escape without its pair.
    LoneSurrogate,
    /// JSON nested deeper than 127 arrays/objects.
    NestingLimit,
    /// Integers beyond `i64` for an `i64` parameter.
    IntOutOfRange,
}

impl Why {
    /// The reason in words.
    fn explain(self) -> &'static str {
        match self {
            Why::NonFiniteJson => {
                "RFC 8259 JSON has no NaN or infinities. Python's `json` reads `NaN`, \
                 `Infinity`, `-Infinity` and `1e400` as floats; FastAPI then answers 201 if the \
                 field is ignored and 500 when it writes the value (or the 422 echoing it) back. \
                 brisk refuses the body: 422 `json_invalid` at the token, `Expecting value` \
                 (Python's word for an unknown token) or `Number out of range`."
            }
            Why::FiniteFloat => {
                "A float given \"nan\"/\"inf\"/\"-inf\" is refused with 422 `finite_number`, as \
                 for parameters. pydantic accepts them, then FastAPI fails a constraint with the \
                 value (`greater_than` for nan and -inf) or answers 500 writing inf back."
            }
            Why::LoneSurrogate => {
                "A lone UTF-16 surrogate cannot be in a Rust string (nor in UTF-8 output). Python \
                 keeps it; FastAPI answers 201 if the field is ignored and 500 when it writes it \
                 back. brisk refuses the body: 422 `json_invalid`, `Unpaired surrogate in \
                 \\uXXXX escape`, at the escape's backslash."
            }
            Why::NestingLimit => {
                "brisk parses at most 127 nested arrays/objects (serde_json's recursion limit): a \
                 deeper body is 422 `json_invalid` `Nesting too deep: the limit is 127 levels` at \
                 the bracket that goes too deep, never a crash. FastAPI parses up to Python's \
                 recursion limit (about 960 levels) and answers 400 past it."
            }
            Why::IntOutOfRange => {
                "Rust integers are bounded: beyond i64 is 422 `less_than_equal` / \
                 `greater_than_equal` with the i64 bound in ctx. Python keeps big ints."
            }
        }
    }
}

/// One case where brisk's answer is not FastAPI's: brisk's status and body (always
/// `content-type: application/json` with its `content-length`).
#[derive(Debug, Clone, Copy)]
struct Difference {
    case: &'static str,
    why: Why,
    status: u16,
    body: &'static str,
}

impl Difference {
    fn answer(&self) -> Answer {
        json_answer(self.status, self.body)
    }
}

fn json_answer(status: u16, body: &str) -> Answer {
    Answer::new(
        status,
        [
            ("content-length", body.len().to_string()),
            ("content-type", "application/json".to_owned()),
        ],
        body.as_bytes().to_vec(),
    )
}

/// `diff!(case, Why => status, body)`
macro_rules! diff {
    ($case:literal, $why:ident => $status:literal, $body:expr $(,)?) => {
        Difference {
            case: $case,
            why: Why::$why,
            status: $status,
            body: $body,
        }
    };
}

/// `json_invalid` at `$pos` with `$error`.
macro_rules! json_invalid {
    ($pos:literal, $error:literal) => {
        concat!(
            r#"{"detail":[{"type":"json_invalid","loc":["body","#,
            $pos,
            r#"],"msg":"JSON decode error","input":{},"ctx":{"error":""#,
            $error,
            r#""}}]}"#
        )
    };
}

/// THE table: every validation_app case where brisk answers differently from FastAPI, with
/// brisk's exact answer. Everything else must match FastAPI's recording byte for byte.
#[rustfmt::skip]
static DIFFERENCES: &[Difference] = &[
    // ---- NaN / infinities / overflow in the JSON text (FastAPI: 500, or 201 if ignored) ----
    diff!("price NaN literal", NonFiniteJson => 422, json_invalid!(22, "Expecting value")),
    diff!("price Infinity literal", NonFiniteJson => 422, json_invalid!(22, "Expecting value")),
    diff!("price -Infinity literal", NonFiniteJson => 422, json_invalid!(22, "Expecting value")),
    diff!("price 1e400 overflows", NonFiniteJson => 422, json_invalid!(22, "Number out of range")),
    diff!("NaN in an ignored field", NonFiniteJson => 422, json_invalid!(32, "Expecting value")),
    diff!("NaN in a string field", NonFiniteJson => 422, json_invalid!(8, "Expecting value")),
    diff!("offer nested NaN", NonFiniteJson => 422, json_invalid!(42, "Expecting value")),
    diff!("offer nested Infinity", NonFiniteJson => 422, json_invalid!(42, "Expecting value")),

    // ---- "nan"/"inf" strings for a float (FastAPI: greater_than on nan/-inf, 500 on inf) ----
    diff!("price string nan", FiniteFloat => 422,
        r#"{"detail":[{"type":"finite_number","loc":["body","price"],"msg":"Input should be a finite number","input":"nan"}]}"#),
    diff!("price string inf", FiniteFloat => 422,
        r#"{"detail":[{"type":"finite_number","loc":["body","price"],"msg":"Input should be a finite number","input":"inf"}]}"#),
    diff!("price string -inf", FiniteFloat => 422,
        r#"{"detail":[{"type":"finite_number","loc":["body","price"],"msg":"Input should be a finite number","input":"-inf"}]}"#),

    // ---- lone surrogates (FastAPI: 500, or 201 if ignored) ---------------------------------
    diff!("lone high surrogate in name", LoneSurrogate => 422,
        json_invalid!(9, "Unpaired surrogate in \\\\uXXXX escape")),
    diff!("lone low surrogate in name", LoneSurrogate => 422,
        json_invalid!(9, "Unpaired surrogate in \\\\uXXXX escape")),
    diff!("lone surrogate in an ignored field", LoneSurrogate => 422,
        json_invalid!(27, "Unpaired surrogate in \\\\uXXXX escape")),
    diff!("lone surrogate in a bad field", LoneSurrogate => 422,
        json_invalid!(21, "Unpaired surrogate in \\\\uXXXX escape")),

    // ---- nesting: 128+ levels (FastAPI parses up to about 960) ------------------------------
    // "nesting 126 deep in tags" (127 levels) matches FastAPI.
    diff!("nesting 127 deep in tags", NestingLimit => 422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",155],"msg":"JSON decode error","input":{},"ctx":{"error":"Nesting too deep: the limit is 127 levels"}}]}"#),
    diff!("nesting 128 deep in tags", NestingLimit => 422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",155],"msg":"JSON decode error","input":{},"ctx":{"error":"Nesting too deep: the limit is 127 levels"}}]}"#),
    diff!("nesting 200 deep in tags", NestingLimit => 422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",155],"msg":"JSON decode error","input":{},"ctx":{"error":"Nesting too deep: the limit is 127 levels"}}]}"#),
    diff!("nesting 200 deep in an ignored field", NestingLimit => 422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",152],"msg":"JSON decode error","input":{},"ctx":{"error":"Nesting too deep: the limit is 127 levels"}}]}"#),
    diff!("nesting 200 deep objects as body", NestingLimit => 422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",635],"msg":"JSON decode error","input":{},"ctx":{"error":"Nesting too deep: the limit is 127 levels"}}]}"#),

    diff!("nesting 5000 deep", NestingLimit => 422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",127],"msg":"JSON decode error","input":{},"ctx":{"error":"Nesting too deep: the limit is 127 levels"}}]}"#),

    diff!("update bad path + body nested 5000 deep", NestingLimit => 422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",127],"msg":"JSON decode error","input":{},"ctx":{"error":"Nesting too deep: the limit is 127 levels"}}]}"#),

    // ---- integers beyond i64 (FastAPI: 200 with the big int) -------------------------------
    diff!("update id beyond i64", IntOutOfRange => 422,
        r#"{"detail":[{"type":"less_than_equal","loc":["path","item_id"],"msg":"Input should be less than or equal to 9223372036854775807","input":"99999999999999999999","ctx":{"le":9223372036854775807}}]}"#),
    diff!("search limit beyond i64", IntOutOfRange => 422,
        r#"{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 9223372036854775807","input":"99999999999999999999","ctx":{"le":9223372036854775807}}]}"#),
    diff!("order user_id beyond i64", IntOutOfRange => 422,
        r#"{"detail":[{"type":"less_than_equal","loc":["path","user_id"],"msg":"Input should be less than or equal to 9223372036854775807","input":"99999999999999999999","ctx":{"le":9223372036854775807}}]}"#),

];

fn golden() -> GoldenFile {
    GoldenFile::parse("validation_app", GOLDEN)
}

/// Sends `case` as the oracle did (header values as ISO-8859-1 bytes).
async fn send(client: &TestClient, case: &Case) -> Answer {
    let method = Method::from_bytes(case.method.as_bytes()).expect("method");
    let mut req = client.request(method, &case.target);
    for (name, value) in &case.headers {
        req = req.header(name.as_str(), latin1(value));
    }
    if let Some(body) = &case.body {
        req = req
            .header("content-length", body.len().to_string())
            .body(body.clone());
    }
    let res = req.send().await;
    Answer::new(
        res.status().as_u16(),
        res.header_pairs(),
        res.bytes().to_vec(),
    )
}

/// The oracle's request bytes for `case` (tools/oracle/README.md), header values in
/// ISO-8859-1 as `record.py` encodes the head.
fn request_bytes(case: &Case, host: &str) -> Vec<u8> {
    let mut raw = format!(
        "{} {} HTTP/1.1\r\nHost: {host}\r\n",
        case.method, case.target
    )
    .into_bytes();
    for (name, value) in &case.headers {
        raw.extend_from_slice(name.as_bytes());
        raw.extend_from_slice(b": ");
        raw.extend_from_slice(latin1(value).as_bytes());
        raw.extend_from_slice(b"\r\n");
    }
    if let Some(body) = &case.body {
        raw.extend_from_slice(format!("Content-Length: {}\r\n", body.len()).as_bytes());
    }
    raw.extend_from_slice(b"Connection: close\r\n\r\n");
    if let Some(body) = &case.body {
        raw.extend_from_slice(body.as_bytes());
    }
    raw
}

/// A header value as the oracle sent it: ISO-8859-1 bytes.
fn latin1(value: &str) -> HeaderValue {
    let bytes: Vec<u8> = value
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("header values are latin-1"))
        .collect();
    HeaderValue::from_bytes(&bytes).expect("valid header value")
}

/// A fresh twin, in process or served on 127.0.0.1.
enum Twin {
    Client(TestClient),
    Socket(Server),
}

impl Twin {
    async fn send(&self, case: &Case) -> Answer {
        match self {
            Twin::Client(client) => send(client, case).await,
            Twin::Socket(server) => {
                let raw = request_bytes(case, &server.addr.to_string());
                let res = wire::parse_response(&wire::exchange(server.addr, &raw).await);
                assert_eq!(res.version, "HTTP/1.1", "{}", case.name);
                Answer::new(res.status, res.headers, res.body)
            }
        }
    }
}

/// Every case, in order, against `twin`; panics with every mismatch.
async fn replay(twin: Twin) {
    let file = golden();
    let mut failures = Vec::new();
    for case in &file.cases {
        let diff = DIFFERENCES.iter().find(|d| d.case == case.name);
        let want = diff.map_or_else(|| recorded_answer(case), Difference::answer);
        let got = twin.send(case).await;
        if got != want {
            failures.push(crate::harness::describe(
                case,
                diff.map(|d| format!("deliberate difference ({:?})", d.why)),
                &want,
                &got,
            ));
        }
    }
    let over = match twin {
        Twin::Client(_) => "TestClient",
        Twin::Socket(server) => {
            server.stop().await;
            "socket"
        }
    };
    assert!(
        failures.is_empty(),
        "validation_app via {over}: {} of {} cases differ\n\n{}",
        failures.len(),
        file.cases.len(),
        failures.join("\n\n")
    );
}

#[tokio::test]
async fn replay_test_client() {
    replay(Twin::Client(TestClient::new(example::app()))).await;
}

#[tokio::test]
async fn replay_socket() {
    replay(Twin::Socket(Server::start(example::app()).await)).await;
}

/// Every entry of the table names a case, once, and differs from FastAPI's answer.
#[test]
fn differences_name_real_cases() {
    let file = golden();
    let mut seen = HashSet::new();
    for d in DIFFERENCES {
        let case = file
            .cases
            .iter()
            .find(|c| c.name == d.case)
            .unwrap_or_else(|| panic!("difference {:?} names no case", d.case));
        assert!(seen.insert(d.case), "{:?} listed twice", d.case);
        assert_ne!(
            d.answer(),
            recorded_answer(case),
            "{:?} is listed as a difference but brisk's answer equals FastAPI's",
            d.case
        );
        assert!(!d.why.explain().is_empty());
        assert!(
            d.status < 500,
            "{:?}: brisk never answers a 5xx here",
            d.case
        );
    }
}
