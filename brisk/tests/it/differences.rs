//! THE table of deliberate differences from FastAPI (docs/decisions/0002-fastapi-differences.md).
//!
//! Each entry names a golden case and gives brisk's whole answer for it, asserted exactly by
//! the replay — over `TestClient` and over the socket — instead of FastAPI's. Everything not
//! in this table must match FastAPI's recorded answer. The reason phrase on the status line is
//! never compared (hyper writes the `http` crate's, e.g. `418 I'm a teapot`), so it has no
//! entries here.

use crate::golden::Answer;

/// Why brisk answers differently. Each reason is a row of decision 0002.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// HEAD on a GET route.
    AutoHead,
    /// OPTIONS on a known path.
    AutoOptions,
    /// The contents and order of `allow` on a 405.
    AllowEveryMethod,
    /// 204/304 from a serialised return value.
    NoContentType,
    /// 205 from a serialised return value.
    ResetContent,
    /// A response object built with 204 and a body.
    Body204Dropped,
    /// `nan`, `inf`, `1e400` for a float parameter.
    FiniteFloat,
    /// Integers beyond `i64` for an `i64` parameter.
    IntOutOfRange,
    /// NaN in a returned value.
    NanAsNull,
    /// Repeated header names interleaved with others.
    GroupedFieldLines,
}

impl Why {
    /// The reason in words.
    pub fn explain(self) -> &'static str {
        match self {
            Why::AutoHead => {
                "RFC 9110 §9.3.2: every GET route answers HEAD with the GET answer's headers \
                 (same content-length) and no body. FastAPI answers 405 (issue #1773)."
            }
            Why::AutoOptions => {
                "RFC 9110 §9.3.7: OPTIONS on a known path is answered 200 with `allow` and \
                 `content-length: 0`. FastAPI answers 405."
            }
            Why::AllowEveryMethod => {
                "RFC 9110 §15.5.6: `allow` lists the methods the resource supports — every \
                 route of the path, HEAD with GET, and OPTIONS — in the fixed order GET, HEAD, \
                 POST, PUT, PATCH, DELETE, OPTIONS. FastAPI lists the first matching route's \
                 methods only, in Python set order."
            }
            Why::NoContentType => {
                "RFC 9110 §15.3.5/§15.4.5: a 204 or 304 has no content, so nothing to type: no \
                 content-type and no content-length. FastAPI sends `content-type: \
                 application/json` when it empties a serialised return value."
            }
            Why::ResetContent => {
                "RFC 9110 §15.3.6: no content on 205. FastAPI sends the dropped body's stale \
                 `content-length: 7` and the server closes the connection; brisk sends \
                 `content-length: 0` (a 205 is framed like any response, RFC 9112 §6.3) and no \
                 content-type."
            }
            Why::Body204Dropped => {
                "A 204 response object built with a body: brisk drops the body and its \
                 content-type, logs a warning and keeps the connection. FastAPI sends the head, \
                 then the server refuses the body and drops the connection."
            }
            Why::FiniteFloat => {
                "A float parameter given nan/inf/1e400 is refused with 422 `finite_number` \
                 (\"Input should be a finite number\"): a bad request is the client's error. \
                 FastAPI accepts it and then fails with 500 writing it back as JSON."
            }
            Why::IntOutOfRange => {
                "Rust integers are bounded: beyond i64 is 422 `less_than_equal` / \
                 `greater_than_equal` with the i64 bound in ctx, as a constrained pydantic int \
                 reports it. Python keeps big ints."
            }
            Why::NanAsNull => {
                "NaN in a returned value: serde_json writes `null` before brisk's float \
                 formatter sees it, so brisk answers 200 `{\"x\":null}`. FastAPI answers 500. A \
                 known gap (decision 0002), recorded as brisk behaves today."
            }
            Why::GroupedFieldLines => {
                "A header map (the `http` crate's, as in hyper and axum) keeps a name's values \
                 together: a second content-type set after x-cache lines follows the first \
                 content-type. Every value is sent, and in order among its name's lines; RFC \
                 9110 §5.3 gives the order of lines with different names no meaning. FastAPI \
                 sends raw lines in the order they were added."
            }
        }
    }
}

/// brisk's answer for a case, in full.
#[derive(Debug, Clone, Copy)]
pub struct Brisk {
    pub status: u16,
    /// Every header except `date`, `server`, `connection`, in the order sent.
    pub headers: &'static [(&'static str, &'static str)],
    pub body: &'static str,
}

impl Brisk {
    /// As an [`Answer`].
    pub fn answer(&self) -> Answer {
        Answer::new(
            self.status,
            self.headers.iter().map(|(n, v)| (*n, (*v).to_owned())),
            self.body.as_bytes().to_vec(),
        )
    }
}

/// One deliberate difference: the case, why, and what brisk answers instead.
#[derive(Debug, Clone, Copy)]
pub struct Difference {
    /// The oracle app, e.g. `seed_app`.
    pub app: &'static str,
    /// The case's name in that app's golden file.
    pub case: &'static str,
    pub why: Why,
    pub brisk: Brisk,
}

/// `content-type: application/json`.
const JSON: (&str, &str) = ("content-type", "application/json");
/// FastAPI's 405 body.
const MNA: &str = r#"{"detail":"Method Not Allowed"}"#;

/// `diff!(app, case, Why => status, [headers], body)`
macro_rules! diff {
    ($app:literal, $case:literal, $why:ident => $status:literal, [$($h:expr),* $(,)?], $body:expr $(,)?) => {
        Difference {
            app: $app,
            case: $case,
            why: Why::$why,
            brisk: Brisk { status: $status, headers: &[$($h),*], body: $body },
        }
    };
}

/// The table: every case where brisk deliberately answers differently from FastAPI, with
/// brisk's exact answer.
#[rustfmt::skip]
pub static DIFFERENCES: &[Difference] = &[
    // ---- seed_app -------------------------------------------------------------------
    diff!("seed_app", "delete 204 return None", NoContentType => 204, [], ""),
    diff!("seed_app", "get big id", IntOutOfRange => 422, [("content-length", "194"), JSON],
        r#"{"detail":[{"type":"less_than_equal","loc":["path","item_id"],"msg":"Input should be less than or equal to 9223372036854775807","input":"12345678901234567890","ctx":{"le":9223372036854775807}}]}"#),
    diff!("seed_app", "HEAD on GET route 405 (allow lists first matching route: DELETE)", AutoHead => 200,
        [("content-length", "8"), JSON, ("x-cache", "MISS")], ""),
    diff!("seed_app", "OPTIONS 405", AutoOptions => 200,
        [("allow", "GET, HEAD, PUT, DELETE, OPTIONS"), ("content-length", "0")], ""),
    diff!("seed_app", "PATCH 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, PUT, DELETE, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("seed_app", "GET on POST-only path 405", AllowEveryMethod => 405,
        [("allow", "POST, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("seed_app", "HEAD on POST-only path 405", AllowEveryMethod => 405,
        [("allow", "POST, OPTIONS"), ("content-length", "31"), JSON], ""),
    diff!("seed_app", "GET on DELETE-only path 405", AllowEveryMethod => 405,
        [("allow", "DELETE, OPTIONS"), ("content-length", "31"), JSON], MNA),

    // ---- edge_app -------------------------------------------------------------------
    // "204 Response with body (server refuses body)" has no entry: FastAPI's client-visible
    // answer (a bare 204) is brisk's too. What differs there — brisk keeps the connection,
    // FastAPI's server drops it — cannot show on a `Connection: close` exchange and is
    // asserted on a keep-alive connection in `keepalive`.
    diff!("edge_app", "204 return None", NoContentType => 204, [], ""),
    diff!("edge_app", "204 return dict (body dropped)", NoContentType => 204, [], ""),
    diff!("edge_app", "204 JSONResponse(None) (server refuses body)", Body204Dropped => 204, [], ""),
    diff!("edge_app", "runtime 204 return dict", NoContentType => 204, [], ""),
    diff!("edge_app", "304 return dict", NoContentType => 304, [], ""),
    diff!("edge_app", "205 return dict (stale content-length)", ResetContent => 205,
        [("content-length", "0")], ""),
    diff!("edge_app", "HEAD on GET route 405", AutoHead => 304, [], ""),
    diff!("edge_app", "GET on DELETE route 405", AllowEveryMethod => 405,
        [("allow", "DELETE, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("edge_app", "OPTIONS on GET route 405", AutoOptions => 200,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "0")], ""),
    diff!("edge_app", "POST on GET route 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("edge_app", "GET on POST route 405", AllowEveryMethod => 405,
        [("allow", "POST, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("edge_app", "204 route after the buggy ones still works", NoContentType => 204, [], ""),
    diff!("edge_app", "injected duplicate header and content-type override", GroupedFieldLines => 200,
        [("content-length", "11"), JSON, ("content-type", "text/x-custom"), ("x-cache", "MISS"), ("x-cache", "HIT")],
        r#"{"ok":true}"#),

    // ---- routing_app ----------------------------------------------------------------
    diff!("routing_app", "PUT on GET+POST path: allow lists first route only", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, POST, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("routing_app", "DELETE on GET-only path 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("routing_app", "HEAD on GET route 405", AutoHead => 200, [("content-length", "13"), JSON], ""),
    diff!("routing_app", "OPTIONS 405", AutoOptions => 200,
        [("allow", "GET, HEAD, POST, OPTIONS"), ("content-length", "0")], ""),
    diff!("routing_app", "DELETE on GET+POST path 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, POST, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("routing_app", "PATCH on GET+POST path 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, POST, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("routing_app", "GET on POST-only path 405", AllowEveryMethod => 405,
        [("allow", "POST, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("routing_app", "HEAD on POST-only path 405", AllowEveryMethod => 405,
        [("allow", "POST, OPTIONS"), ("content-length", "31"), JSON], ""),
    diff!("routing_app", "HEAD on GET-only path 405", AutoHead => 200, [("content-length", "19"), JSON], ""),
    diff!("routing_app", "OPTIONS on GET-only path 405", AutoOptions => 200,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "0")], ""),
    diff!("routing_app", "HEAD on GET-only slash path 405", AutoHead => 200, [("content-length", "17"), JSON], ""),
    diff!("routing_app", "POST on GET-only slash path 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("routing_app", "POST on api_route GET+HEAD 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("routing_app", "OPTIONS on api_route GET+HEAD 405", AutoOptions => 200,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "0")], ""),
    diff!("routing_app", "POST openapi.json 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "31"), JSON], MNA),

    // ---- errors_app -----------------------------------------------------------------
    diff!("errors_app", "NaN in returned dict 500", NanAsNull => 200, [("content-length", "10"), JSON],
        r#"{"x":null}"#),
    diff!("errors_app", "HEAD on GET route 405", AutoHead => 200, [("content-length", "18"), JSON], ""),
    diff!("errors_app", "POST on GET route 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "31"), JSON], MNA),
    diff!("errors_app", "POST on 500 route 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "31"), JSON], MNA),

    // ---- params_app -----------------------------------------------------------------
    diff!("params_app", "float query nan echoed 500", FiniteFloat => 422, [("content-length", "111"), JSON],
        r#"{"detail":[{"type":"finite_number","loc":["query","f"],"msg":"Input should be a finite number","input":"nan"}]}"#),
    diff!("params_app", "typed f=inf echoed", FiniteFloat => 422, [("content-length", "111"), JSON],
        r#"{"detail":[{"type":"finite_number","loc":["query","f"],"msg":"Input should be a finite number","input":"inf"}]}"#),
    diff!("params_app", "int path big int", IntOutOfRange => 422, [("content-length", "188"), JSON],
        r#"{"detail":[{"type":"less_than_equal","loc":["path","n"],"msg":"Input should be less than or equal to 9223372036854775807","input":"99999999999999999999","ctx":{"le":9223372036854775807}}]}"#),
    diff!("params_app", "int path big negative int", IntOutOfRange => 422, [("content-length", "197"), JSON],
        r#"{"detail":[{"type":"greater_than_equal","loc":["path","n"],"msg":"Input should be greater than or equal to -9223372036854775808","input":"-99999999999999999999","ctx":{"ge":-9223372036854775808}}]}"#),
    diff!("params_app", "int path huge int", IntOutOfRange => 422, [("content-length", "218"), JSON],
        r#"{"detail":[{"type":"less_than_equal","loc":["path","n"],"msg":"Input should be less than or equal to 9223372036854775807","input":"12345678901234567890123456789012345678901234567890","ctx":{"le":9223372036854775807}}]}"#),
    diff!("params_app", "int query big int", IntOutOfRange => 422, [("content-length", "189"), JSON],
        r#"{"detail":[{"type":"less_than_equal","loc":["query","i"],"msg":"Input should be less than or equal to 9223372036854775807","input":"99999999999999999999","ctx":{"le":9223372036854775807}}]}"#),
    diff!("params_app", "float query 1e400 (overflow)", FiniteFloat => 422, [("content-length", "113"), JSON],
        r#"{"detail":[{"type":"finite_number","loc":["query","f"],"msg":"Input should be a finite number","input":"1e400"}]}"#),
    diff!("params_app", "float query inf", FiniteFloat => 422, [("content-length", "111"), JSON],
        r#"{"detail":[{"type":"finite_number","loc":["query","f"],"msg":"Input should be a finite number","input":"inf"}]}"#),
    diff!("params_app", "float query -inf", FiniteFloat => 422, [("content-length", "112"), JSON],
        r#"{"detail":[{"type":"finite_number","loc":["query","f"],"msg":"Input should be a finite number","input":"-inf"}]}"#),
    diff!("params_app", "float query Infinity", FiniteFloat => 422, [("content-length", "116"), JSON],
        r#"{"detail":[{"type":"finite_number","loc":["query","f"],"msg":"Input should be a finite number","input":"Infinity"}]}"#),
    diff!("params_app", "float query INF", FiniteFloat => 422, [("content-length", "111"), JSON],
        r#"{"detail":[{"type":"finite_number","loc":["query","f"],"msg":"Input should be a finite number","input":"INF"}]}"#),
    diff!("params_app", "float query nan", FiniteFloat => 422, [("content-length", "111"), JSON],
        r#"{"detail":[{"type":"finite_number","loc":["query","f"],"msg":"Input should be a finite number","input":"nan"}]}"#),
    diff!("params_app", "float query NaN", FiniteFloat => 422, [("content-length", "111"), JSON],
        r#"{"detail":[{"type":"finite_number","loc":["query","f"],"msg":"Input should be a finite number","input":"NaN"}]}"#),

    // ---- noslash_app ----------------------------------------------------------------
    diff!("noslash_app", "redirect_slashes=False: POST /items 405", AllowEveryMethod => 405,
        [("allow", "GET, HEAD, OPTIONS"), ("content-length", "31"), JSON], MNA),
];

/// The entry for `case` of `app`, if any.
pub fn lookup(app: &str, case: &str) -> Option<&'static Difference> {
    DIFFERENCES.iter().find(|d| d.app == app && d.case == case)
}
