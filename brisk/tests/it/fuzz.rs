//! Property tests against the validation example (the twin of `validation_app.py`): random
//! bodies, content types, JSON documents, query strings, path segments and headers. Whatever
//! comes in, brisk answers — no panic, never a 5xx, every 4xx a JSON `{"detail": ...}` with a
//! matching `content-length`, every 2xx JSON.
//!
//! 256 cases per property with a fixed seed (`PROPTEST_RNG_SEED` and `PROPTEST_CASES` explore
//! further); no failure files are written. The whole module runs in a few seconds.

use brisk::testing::{TestClient, TestResponse};
use http::{HeaderValue, Method};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serde::Deserialize;
use serde_json::Value;

use crate::validation::example;

const CASES: u32 = 256;

pub(crate) fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = CASES;
    }
    config.failure_persistence = None;
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(0x00b2_15c0);
    }
    config
}

/// Runs `test` on `CASES` values of `strategy`, each request through a fresh in-process
/// client of the example app on a single-threaded runtime.
fn run<S: Strategy>(
    strategy: S,
    test: impl Fn(&TestClient, &tokio::runtime::Runtime, S::Value) -> Result<(), TestCaseError>,
) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = TestClient::new(example::app());
    let mut runner = TestRunner::new(config());
    if let Err(e) = runner.run(&strategy, |value| test(&client, &rt, value)) {
        panic!("{e}");
    }
}

/// The invariants every answer keeps.
fn check(res: &TestResponse, what: &str) -> Result<(), TestCaseError> {
    let status = res.status().as_u16();
    let body = String::from_utf8_lossy(res.bytes());
    prop_assert!(status < 500, "{what}: answered {status} {body}");
    let length = res.header("content-length").and_then(|v| v.parse().ok());
    prop_assert_eq!(length, Some(res.bytes().len()), "{}: content-length", what);
    prop_assert_eq!(
        res.header("content-type"),
        Some("application/json"),
        "{}",
        what
    );
    // An answer may echo an input nested as deep as brisk accepts, inside `detail`.
    let mut de = serde_json::Deserializer::from_slice(res.bytes());
    de.disable_recursion_limit();
    let json = Value::deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| TestCaseError::fail(format!("{what}: body is not JSON ({e}): {body}")))?;
    if (400..500).contains(&status) {
        prop_assert!(
            json.get("detail").is_some(),
            "{what}: {status} without detail: {body}"
        );
    }
    Ok(())
}

// ---- strategies ----------------------------------------------------------------------------

/// The inside of a JSON string: plain characters, escapes and `\u` escapes (lone surrogates
/// included).
fn json_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 _.:/é☃😀-]{1,4}",
        1 => select(vec![
            r#"\n"#, r#"\""#, r#"\\"#, r#"\/"#, r#"\t"#, r#"\b"#, r#"\f"#, r#"\r"#,
            r#"\ud83d\ude00"#, r#"\u0000"#,
        ])
        .prop_map(str::to_owned),
        1 => (0u32..=0xffff).prop_map(|c| format!("\\u{c:04x}")),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|parts| format!("\"{}\"", parts.concat()))
}

/// Numbers as text: ordinary, huge, tiny, overflowing, and the non-JSON constants.
fn json_number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|i| i.to_string()),
        any::<u64>().prop_map(|u| u.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:?}")),
        "-?(0|[1-9][0-9]{0,40})(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,4})?",
        select(vec![
            "NaN",
            "Infinity",
            "-Infinity",
            "1e400",
            "-1e400",
            "1E-400",
            "-0",
            "0.0",
            "1e308",
            "5e-324",
        ])
        .prop_map(str::to_owned),
    ]
}

fn json_leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec!["null", "true", "false"]).prop_map(str::to_owned),
        json_number(),
        json_string(),
    ]
}

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(vec![
            r#""name""#, r#""price""#, r#""tags""#, r#""description""#, r#""title""#,
            r#""items""#,
        ])
        .prop_map(str::to_owned),
        1 => json_string(),
    ]
}

/// Any JSON text (plus NaN & co.), nested a few levels.
pub(crate) fn json_value() -> impl Strategy<Value = String> {
    json_leaf().prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((json_key(), inner), 0..6).prop_map(|kv| {
                let fields: Vec<String> = kv.into_iter().map(|(k, v)| format!("{k}:{v}")).collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

/// An `Item`-shaped object whose fields are plausible or random.
fn item() -> impl Strategy<Value = String> {
    let name = prop_oneof![json_string(), json_value()];
    let price = prop_oneof![json_number(), json_value()];
    let tags = prop_oneof![
        prop::collection::vec(json_string(), 0..4).prop_map(|t| format!("[{}]", t.join(","))),
        json_value(),
    ];
    let description = prop_oneof![Just("null".to_owned()), json_string(), json_value()];
    (
        prop::option::of(name),
        prop::option::of(price),
        prop::option::of(tags),
        prop::option::of(description),
    )
        .prop_map(|(name, price, tags, description)| {
            let fields: Vec<String> = [
                ("name", name),
                ("price", price),
                ("tags", tags),
                ("description", description),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("\"{k}\":{v}")))
            .collect();
            format!("{{{}}}", fields.join(","))
        })
}

/// Bodies for /items and /offers: items, offers, any JSON, deep nesting, and truncations.
pub(crate) fn json_body() -> impl Strategy<Value = String> {
    let offer = (
        prop::option::of(prop_oneof![json_string(), json_value()]),
        prop::collection::vec(item(), 0..4),
    )
        .prop_map(|(title, items)| match title {
            Some(t) => format!(r#"{{"title":{t},"items":[{}]}}"#, items.join(",")),
            None => format!(r#"{{"items":[{}]}}"#, items.join(",")),
        });
    let deep = (1usize..400, any::<bool>()).prop_map(|(depth, in_item)| {
        let nested = "[".repeat(depth) + &"]".repeat(depth);
        if in_item {
            format!(r#"{{"name":"a","price":1,"tags":{nested}}}"#)
        } else {
            nested
        }
    });
    let whole = prop_oneof![4 => item(), 2 => offer, 2 => json_value(), 1 => deep];
    (whole, any::<prop::sample::Index>(), any::<bool>()).prop_map(|(text, cut, truncate)| {
        if !truncate {
            return text;
        }
        let chars: Vec<char> = text.chars().collect();
        chars[..cut.index(chars.len() + 1)].iter().collect()
    })
}

fn content_type() -> impl Strategy<Value = Option<&'static str>> {
    prop::option::of(select(vec![
        "application/json",
        "application/json; charset=utf-8",
        "application/vnd.api+json",
        "APPLICATION/JSON",
        "application/json-patch+json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/",
        "json",
        ";",
    ]))
}

/// Raw bytes: anything, or bytes drawn mostly from JSON's alphabet.
fn raw_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        prop::collection::vec(
            prop_oneof![
                3 => select(b"{}[],:\"\\ -0123456789.eEtrufalsnNI".to_vec()),
                1 => any::<u8>(),
            ],
            0..300
        ),
        json_body().prop_map(String::into_bytes),
    ]
}

/// A query string: encoded pairs of known or random names, or raw query characters.
fn query() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        4 => select(vec!["q", "limit", "tags", "exact", "zzz"]).prop_map(str::to_owned),
        1 => "\\PC{0,6}",
    ];
    let value = prop_oneof![
        "\\PC{0,24}",
        "-?[0-9]{0,25}(\\.[0-9]{0,3})?",
        select(vec![
            "true", "FALSE", "On", "no", "1", "0", "nan", "inf", "tru", ""
        ])
        .prop_map(str::to_owned),
    ];
    let pairs = prop::collection::vec((name, value), 0..6).prop_map(|pairs| {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    });
    prop_oneof![3 => pairs, 1 => "[a-zA-Z0-9%&=+._~!$'()*,;:@/?-]{0,40}"]
}

/// A path segment: any text percent-encoded, or raw segment characters (`%` included).
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}".prop_map(|s| utf8_percent_encode(&s, NON_ALPHANUMERIC).to_string()),
        "-?[0-9]{1,25}",
        "[a-zA-Z0-9._~!$&'()*+,;=:@%-]{0,12}",
    ]
}

/// A header value's bytes: visible ASCII, spaces, tabs and ISO-8859-1.
fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![6 => 0x20u8..0x7f, 1 => 0x80u8..=0xff, 1 => Just(b'\t'), 1 => select(b";=\"".to_vec())],
        0..30,
    )
}

// ---- properties ----------------------------------------------------------------------------

/// Random bytes with random content types to every body route (and to a GET that ignores it).
#[test]
fn random_bodies_with_random_content_types() {
    let routes = select(vec![
        (Method::POST, "/items"),
        (Method::POST, "/offers"),
        (Method::PUT, "/items/7?q=x"),
        (Method::PUT, "/items/abc"),
        (Method::GET, "/search?q=abc"),
    ]);
    run(
        (routes, content_type(), raw_body()),
        |client, rt, ((method, target), ct, body)| {
            let what = format!(
                "{method} {target} [{ct:?}] {:?}",
                String::from_utf8_lossy(&body)
            );
            let mut req = client.request(method, target);
            if let Some(ct) = ct {
                req = req.header("content-type", ct);
            }
            let res = rt.block_on(req.body(body).send());
            check(&res, &what)
        },
    );
}

/// Random JSON documents (nested, big numbers, escapes, NaN, truncations) to /items, /offers
/// and PUT /items/{id}.
#[test]
fn random_json_bodies() {
    let routes = select(vec![
        (Method::POST, "/items"),
        (Method::POST, "/offers"),
        (Method::PUT, "/items/5"),
    ]);
    run(
        (routes, json_body()),
        |client, rt, ((method, target), body)| {
            let what = format!("{method} {target} {body:?}");
            let req = client
                .request(method, target)
                .header("content-type", "application/json")
                .body(body);
            let res = rt.block_on(req.send());
            check(&res, &what)
        },
    );
}

/// Random query strings to /search.
#[test]
fn random_search_queries() {
    run(query(), |client, rt, query| {
        let target = format!("/search?{query}");
        let res = rt.block_on(client.get(&target).send());
        check(&res, &target)
    });
}

/// Random path segments, `x-token` and cookie values to /users/{user_id}/orders/{order_id}.
#[test]
fn random_order_paths_and_headers() {
    run(
        (
            segment(),
            segment(),
            prop::option::of(header_bytes()),
            prop::option::of(header_bytes()),
        ),
        |client, rt, (user, order, token, cookie)| {
            let target = format!("/users/{user}/orders/{order}");
            let what = format!("{target} x-token {token:?} cookie {cookie:?}");
            let mut req = client.get(&target);
            for (name, value) in [("x-token", token), ("cookie", cookie)] {
                if let Some(value) = value {
                    let value = HeaderValue::from_bytes(&value).expect("valid header value");
                    req = req.header(name, value);
                }
            }
            let res = rt.block_on(req.send());
            check(&res, &what)
        },
    );
}
