//! What is measured: the peers, the scenarios and the answers every peer must give.

/// A peer: one implementation of the same API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerSpec {
    pub name: &'static str,
    pub kind: PeerKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeerKind {
    /// A package of this workspace and its binary.
    Rust {
        package: &'static str,
        bin: &'static str,
    },
    /// `bench/peers/fastapi/app.py` under uvicorn.
    FastApi,
}

/// In the order the tables list them; `hyper` is the baseline of every ratio.
pub const PEERS: &[PeerSpec] = &[
    PeerSpec {
        name: "brisk",
        kind: PeerKind::Rust {
            package: "brisk-bench-items",
            bin: "brisk-bench-items",
        },
    },
    PeerSpec {
        name: "hyper",
        kind: PeerKind::Rust {
            package: "hyper-bench-items",
            bin: "hyper-bench-items",
        },
    },
    PeerSpec {
        name: "axum",
        kind: PeerKind::Rust {
            package: "axum-bench-items",
            bin: "axum-bench-items",
        },
    },
    PeerSpec {
        name: "actix",
        kind: PeerKind::Rust {
            package: "actix-bench-items",
            bin: "actix-bench-items",
        },
    },
    PeerSpec {
        name: "fastapi",
        kind: PeerKind::FastApi,
    },
];

pub const BASELINE: &str = "hyper";

/// One request of a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Req {
    pub method: &'static str,
    pub path: &'static str,
    /// A JSON body (sent with `content-type: application/json`).
    pub body: Option<&'static str>,
}

const fn req(method: &'static str, path: &'static str) -> Req {
    Req {
        method,
        path,
        body: None,
    }
}

const fn json_req(method: &'static str, path: &'static str, body: &'static str) -> Req {
    Req {
        method,
        path,
        body: Some(body),
    }
}

pub const PLAINTEXT: Req = req("GET", "/plaintext");
pub const GET_ITEM: Req = req("GET", "/items/1");
pub const POST_ITEM: Req = req("POST", "/items?name=x");
pub const DELETE_ITEM: Req = req("DELETE", "/items/1");
pub const BAD_PATH: Req = req("GET", "/items/abc");
/// Issue 6's JSON-body POST with validation: a model with constraints on every field.
pub const POST_MODEL: Req = json_req(
    "POST",
    "/inventory",
    r#"{"name":"Pen","price":1.5,"tags":["office"]}"#,
);

/// The mix, one cycle of ten: 40 % reads, 20 % plaintext, 20 % creates, 10 % deletes,
/// 10 % path errors.
pub const MIX: &[Req] = &[
    GET_ITEM,
    PLAINTEXT,
    POST_ITEM,
    GET_ITEM,
    DELETE_ITEM,
    GET_ITEM,
    PLAINTEXT,
    POST_ITEM,
    GET_ITEM,
    BAD_PATH,
];

/// A scenario: a request, or a cycle of requests, sent again and again.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    pub name: &'static str,
    pub what: &'static str,
    pub requests: &'static [Req],
}

pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "plaintext",
        what: "GET /plaintext → 200 text/plain",
        requests: &[PLAINTEXT],
    },
    Scenario {
        name: "get-item",
        what: "GET /items/1 → 200 JSON + X-Cache",
        requests: &[GET_ITEM],
    },
    Scenario {
        name: "post-item",
        what: "POST /items?name=x → 201 JSON + Location",
        requests: &[POST_ITEM],
    },
    Scenario {
        name: "delete-item",
        what: "DELETE /items/1 → 204",
        requests: &[DELETE_ITEM],
    },
    Scenario {
        name: "path-422",
        what: "GET /items/abc → 422 JSON",
        requests: &[BAD_PATH],
    },
    Scenario {
        name: "post-model",
        what: "POST /inventory with a JSON body validated against a model (name 1–50 characters, price > 0, at most 10 tags) → 200 JSON",
        requests: &[POST_MODEL],
    },
    Scenario {
        name: "mix",
        what: "a cycle of ten: 4× GET /items/1, 2× /plaintext, 2× POST, 1× DELETE, 1× /items/abc (wrk Lua script)",
        requests: MIX,
    },
];

/// What a `location` header must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Absent,
    /// `/items/<n>` for a whole number n.
    Item,
}

/// The answer every peer must give, header for header where it matters.
#[derive(Debug, Clone, Copy)]
pub struct Expect {
    pub status: u16,
    /// `None`: no `content-type` at all.
    pub content_type: Option<&'static str>,
    pub location: Location,
    /// `None`: no `x-cache`.
    pub x_cache: Option<&'static str>,
    /// Exact bytes. A non-empty body must come with a matching `content-length`; an empty 204
    /// with none.
    pub body: &'static str,
}

const JSON: Option<&str> = Some("application/json");

const INT_PARSING: &str = r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#;
const NAME_TOO_SHORT: &str = r#"{"detail":[{"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}"#;
const NAME_MISSING: &str =
    r#"{"detail":[{"type":"missing","loc":["query","name"],"msg":"Field required","input":null}]}"#;

/// The answer to one of the scenario requests.
pub fn expect(r: Req) -> Expect {
    let plain = Expect {
        status: 200,
        content_type: JSON,
        location: Location::Absent,
        x_cache: None,
        body: "",
    };
    match r {
        PLAINTEXT => Expect {
            content_type: Some("text/plain; charset=utf-8"),
            body: "Hello, World!",
            ..plain
        },
        GET_ITEM => Expect {
            x_cache: Some("MISS"),
            body: r#"{"item_id":1}"#,
            ..plain
        },
        POST_ITEM => Expect {
            status: 201,
            location: Location::Item,
            body: r#"{"name":"x"}"#,
            ..plain
        },
        DELETE_ITEM => Expect {
            status: 204,
            content_type: None,
            ..plain
        },
        BAD_PATH => Expect {
            status: 422,
            body: INT_PARSING,
            ..plain
        },
        POST_MODEL => Expect {
            body: r#"{"name":"Pen","price":1.5,"tags":["office"]}"#,
            ..plain
        },
        other => panic!("no expectation for {other:?}"),
    }
}

/// Checks beyond the scenarios, run in this order (the PUTs depend on it): the rest of the
/// items API, so the peers are the same app and not only the same benchmark.
pub fn extra_checks() -> Vec<(Req, Expect)> {
    let json = |status, body| Expect {
        status,
        content_type: JSON,
        location: Location::Absent,
        x_cache: None,
        body,
    };
    vec![
        (req("PUT", "/items/7?name=y"), json(201, r#"{"created":7}"#)),
        (req("PUT", "/items/7?name=z"), json(200, r#"{"updated":7}"#)),
        (
            req("GET", "/items/-5"),
            Expect {
                x_cache: Some("MISS"),
                ..json(200, r#"{"item_id":-5}"#)
            },
        ),
        (req("POST", "/items"), json(422, NAME_MISSING)),
        (
            json_req("POST", "/inventory", r#"{"name":"","price":1.5}"#),
            json(422, NAME_TOO_SHORT),
        ),
        (req("GET", "/nope"), json(404, r#"{"detail":"Not Found"}"#)),
    ]
}

/// Compares an answer with what is expected; every difference, in words.
pub fn differences(answer: &crate::http::Answer, want: &Expect) -> Vec<String> {
    let mut diffs = Vec::new();
    if answer.status != want.status {
        diffs.push(format!("status {} (want {})", answer.status, want.status));
    }
    let one = |name: &str, diffs: &mut Vec<String>| {
        if answer.header_count(name) > 1 {
            diffs.push(format!("{} `{name}` headers", answer.header_count(name)));
        }
    };
    for name in ["content-type", "content-length", "location", "x-cache"] {
        one(name, &mut diffs);
    }
    match (answer.header("content-type"), want.content_type) {
        (got, want) if got == want => {}
        (got, want) => diffs.push(format!("content-type {got:?} (want {want:?})")),
    }
    let location = answer.header("location");
    match want.location {
        Location::Absent if location.is_some() => {
            diffs.push(format!("location {location:?} (want none)"))
        }
        Location::Item => {
            let ok = location
                .and_then(|l| l.strip_prefix("/items/"))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if !ok {
                diffs.push(format!("location {location:?} (want /items/<n>)"));
            }
        }
        Location::Absent => {}
    }
    if answer.header("x-cache") != want.x_cache {
        diffs.push(format!(
            "x-cache {:?} (want {:?})",
            answer.header("x-cache"),
            want.x_cache
        ));
    }
    if answer.body != want.body.as_bytes() {
        diffs.push(format!(
            "body {:?} (want {:?})",
            String::from_utf8_lossy(&answer.body),
            want.body
        ));
    }
    let length = answer.header("content-length");
    if want.status == 204 {
        if length.is_some() {
            diffs.push(format!("content-length {length:?} on a 204 (want none)"));
        }
    } else if length != Some(want.body.len().to_string().as_str()) {
        diffs.push(format!(
            "content-length {length:?} (want {})",
            want.body.len()
        ));
    }
    diffs
}
