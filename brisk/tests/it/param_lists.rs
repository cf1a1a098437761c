//! List-valued query and header parameters (`Vec<T>`, `Option<Vec<T>>`) with
//! `#[brisk(max_length = N)]` / `min_length` answer exactly as FastAPI does: past
//! `max_length` the answer is one `too_long` whatever the items hold (pydantic-core counts the
//! items as it validates them and stops there), below `min_length` the items' errors come
//! first, and a length error's `input` is the list of raw strings.
//!
//! Every expected answer was produced by FastAPI 0.165.0 / pydantic 2.14.4 (pydantic-core
//! 2.50.5, the pins of `tools/oracle/requirements.txt`) through `fastapi.testclient`, on the
//! Python twin written next to each route; FastAPI's headers were exactly `content-length`
//! (the body's length) and `content-type: application/json`.

use brisk::testing::TestClient;

use crate::harness::assert_json_answer;
use brisk::{Header, Value};

/// One exchange: the query string (or, for headers, the `x-n` values, one header line each,
/// comma-separated here), then FastAPI's status and body bytes.
type Case = (&'static str, u16, &'static str);

/// Sends each case to `path` and asserts FastAPI's answer: status, headers (exactly
/// `content-length` and `content-type: application/json`, in order), body bytes.
async fn assert_answers(app: brisk::App, path: &str, header: bool, cases: &[Case]) {
    let client = TestClient::new(app);
    for &(request, status, body) in cases {
        let res = if header {
            let mut req = client.get(path);
            for value in request.split(',').filter(|v| !v.is_empty()) {
                req = req.header("x-n", value);
            }
            req.send().await
        } else if request.is_empty() {
            client.get(path).send().await
        } else {
            client.get(&format!("{path}?{request}")).send().await
        };
        assert_json_answer(&res, status, body, &format!("GET {path} {request}"));
    }
}

// The Python twin:
//
//     @app.get("/max")
//     def qmax(ids: list[int] = Query(max_length=2)):
//         return {"ids": ids}
#[brisk::get("/max")]
async fn qmax(#[brisk(max_length = 2)] ids: Vec<i64>) -> Value {
    brisk::json!({ "ids": ids })
}

/// FastAPI 0.165.0 answers: three or four items are one `too_long` with the raw strings as
/// `input`, bad items or not; within the limit, the items' errors.
const MAX: &[Case] = &[
    (
        "ids=1&ids=2&ids=3",
        422,
        r#"{"detail":[{"type":"too_long","loc":["query","ids"],"msg":"List should have at most 2 items after validation, not 3","input":["1","2","3"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]}"#,
    ),
    (
        "ids=1&ids=x&ids=3",
        422,
        r#"{"detail":[{"type":"too_long","loc":["query","ids"],"msg":"List should have at most 2 items after validation, not 3","input":["1","x","3"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]}"#,
    ),
    (
        "ids=1&ids=x",
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["query","ids",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    ),
    (
        "ids=x&ids=y&ids=z",
        422,
        r#"{"detail":[{"type":"too_long","loc":["query","ids"],"msg":"List should have at most 2 items after validation, not 3","input":["x","y","z"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]}"#,
    ),
    ("ids=1&ids=2", 200, r#"{"ids":[1,2]}"#),
    ("ids=1", 200, r#"{"ids":[1]}"#),
    (
        "",
        422,
        r#"{"detail":[{"type":"missing","loc":["query","ids"],"msg":"Field required","input":null}]}"#,
    ),
    (
        "ids=x&ids=2&ids=3&ids=y",
        422,
        r#"{"detail":[{"type":"too_long","loc":["query","ids"],"msg":"List should have at most 2 items after validation, not 4","input":["x","2","3","y"],"ctx":{"field_type":"List","max_length":2,"actual_length":4}}]}"#,
    ),
];

#[tokio::test]
async fn query_list_max_length() {
    assert_answers(
        brisk::App::new().routes(brisk::routes![qmax]),
        "/max",
        false,
        MAX,
    )
    .await;
}

//     @app.get("/optmax")
//     def qoptmax(ids: list[int] | None = Query(None, max_length=2)):
//         return {"ids": ids}
#[brisk::get("/optmax")]
async fn qoptmax(#[brisk(max_length = 2)] ids: Option<Vec<i64>>) -> Value {
    brisk::json!({ "ids": ids })
}

/// FastAPI 0.165.0 answers: as `/max`, and no list at all is `null`.
const OPT_MAX: &[Case] = &[
    (
        "ids=1&ids=2&ids=3",
        422,
        r#"{"detail":[{"type":"too_long","loc":["query","ids"],"msg":"List should have at most 2 items after validation, not 3","input":["1","2","3"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]}"#,
    ),
    (
        "ids=1&ids=x&ids=3",
        422,
        r#"{"detail":[{"type":"too_long","loc":["query","ids"],"msg":"List should have at most 2 items after validation, not 3","input":["1","x","3"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]}"#,
    ),
    (
        "ids=1&ids=x",
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["query","ids",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    ),
    (
        "ids=x&ids=y&ids=z",
        422,
        r#"{"detail":[{"type":"too_long","loc":["query","ids"],"msg":"List should have at most 2 items after validation, not 3","input":["x","y","z"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]}"#,
    ),
    ("ids=1&ids=2", 200, r#"{"ids":[1,2]}"#),
    ("ids=1", 200, r#"{"ids":[1]}"#),
    ("", 200, r#"{"ids":null}"#),
    (
        "ids=x&ids=2&ids=3&ids=y",
        422,
        r#"{"detail":[{"type":"too_long","loc":["query","ids"],"msg":"List should have at most 2 items after validation, not 4","input":["x","2","3","y"],"ctx":{"field_type":"List","max_length":2,"actual_length":4}}]}"#,
    ),
];

#[tokio::test]
async fn optional_query_list_max_length() {
    let app = brisk::App::new().routes(brisk::routes![qoptmax]);
    assert_answers(app, "/optmax", false, OPT_MAX).await;
}

//     @app.get("/min")
//     def qmin(ids: list[int] = Query(min_length=2)):
//         return {"ids": ids}
#[brisk::get("/min")]
async fn qmin(#[brisk(min_length = 2)] ids: Vec<i64>) -> Value {
    brisk::json!({ "ids": ids })
}

/// FastAPI 0.165.0 answers: one item is `too_short` with the raw strings as `input`; a bad
/// item is its own error, never `too_short` (the length is checked after the items).
const MIN: &[Case] = &[
    ("ids=1&ids=2&ids=3", 200, r#"{"ids":[1,2,3]}"#),
    (
        "ids=1",
        422,
        r#"{"detail":[{"type":"too_short","loc":["query","ids"],"msg":"List should have at least 2 items after validation, not 1","input":["1"],"ctx":{"field_type":"List","min_length":2,"actual_length":1}}]}"#,
    ),
    (
        "ids=x",
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["query","ids",0],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    ),
    ("ids=1&ids=2", 200, r#"{"ids":[1,2]}"#),
    (
        "ids=x&ids=y",
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["query","ids",0],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"int_parsing","loc":["query","ids",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"y"}]}"#,
    ),
    (
        "ids=1&ids=x",
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["query","ids",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    ),
    (
        "",
        422,
        r#"{"detail":[{"type":"missing","loc":["query","ids"],"msg":"Field required","input":null}]}"#,
    ),
];

#[tokio::test]
async fn query_list_min_length() {
    assert_answers(
        brisk::App::new().routes(brisk::routes![qmin]),
        "/min",
        false,
        MIN,
    )
    .await;
}

//     @app.get("/hmax")
//     def hmax(x_n: list[int] = Header(max_length=2)):
//         return {"x_n": x_n}
#[brisk::get("/hmax")]
async fn hmax(#[brisk(max_length = 2)] x_n: Header<Vec<i64>>) -> Value {
    brisk::json!({ "x_n": x_n.0 })
}

/// FastAPI 0.165.0 answers, each value on its own `x-n` header line.
const HEADER_MAX: &[Case] = &[
    (
        "1,2,3",
        422,
        r#"{"detail":[{"type":"too_long","loc":["header","x-n"],"msg":"List should have at most 2 items after validation, not 3","input":["1","2","3"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]}"#,
    ),
    (
        "1,x,3",
        422,
        r#"{"detail":[{"type":"too_long","loc":["header","x-n"],"msg":"List should have at most 2 items after validation, not 3","input":["1","x","3"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]}"#,
    ),
    (
        "1,x",
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["header","x-n",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    ),
    ("1,2", 200, r#"{"x_n":[1,2]}"#),
    ("1", 200, r#"{"x_n":[1]}"#),
    (
        "x",
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["header","x-n",0],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    ),
    (
        "",
        422,
        r#"{"detail":[{"type":"missing","loc":["header","x-n"],"msg":"Field required","input":null}]}"#,
    ),
];

#[tokio::test]
async fn header_list_max_length() {
    let app = brisk::App::new().routes(brisk::routes![hmax]);
    assert_answers(app, "/hmax", true, HEADER_MAX).await;
}

//     @app.get("/hmin")
//     def hmin(x_n: list[int] = Header(min_length=2)):
//         return {"x_n": x_n}
#[brisk::get("/hmin")]
async fn hmin(#[brisk(min_length = 2)] x_n: Header<Vec<i64>>) -> Value {
    brisk::json!({ "x_n": x_n.0 })
}

/// FastAPI 0.165.0 answers, each value on its own `x-n` header line.
const HEADER_MIN: &[Case] = &[
    ("1,2,3", 200, r#"{"x_n":[1,2,3]}"#),
    (
        "1,x,3",
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["header","x-n",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    ),
    (
        "1,x",
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["header","x-n",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    ),
    ("1,2", 200, r#"{"x_n":[1,2]}"#),
    (
        "1",
        422,
        r#"{"detail":[{"type":"too_short","loc":["header","x-n"],"msg":"List should have at least 2 items after validation, not 1","input":["1"],"ctx":{"field_type":"List","min_length":2,"actual_length":1}}]}"#,
    ),
    (
        "x",
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["header","x-n",0],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#,
    ),
    (
        "",
        422,
        r#"{"detail":[{"type":"missing","loc":["header","x-n"],"msg":"Field required","input":null}]}"#,
    ),
];

#[tokio::test]
async fn header_list_min_length() {
    let app = brisk::App::new().routes(brisk::routes![hmin]);
    assert_answers(app, "/hmin", true, HEADER_MIN).await;
}
