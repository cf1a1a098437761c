//! Helpers shared by the guide's test files.

#![allow(dead_code)]

use brisk::testing::{TestClient, TestResponse};
use serde_json::Value;

/// Asserts the whole answer: status, every header in order, and the body bytes.
#[track_caller]
pub fn assert_answer(res: &TestResponse, status: u16, headers: &[(&str, &str)], body: &str) {
    let got: Vec<(String, String)> = res.header_pairs();
    let want: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(
        (
            res.status().as_u16(),
            &got,
            String::from_utf8_lossy(res.bytes())
        ),
        (status, &want, body.into()),
        "status, headers, body"
    );
}

/// `content-length` and `content-type: application/json` for a JSON body, as brisk writes
/// them (in that order).
#[track_caller]
pub fn assert_json(res: &TestResponse, status: u16, body: &str) {
    let len = body.len().to_string();
    assert_answer(
        res,
        status,
        &[
            ("content-length", len.as_str()),
            ("content-type", "application/json"),
        ],
        body,
    );
}

/// The app's served OpenAPI document, parsed.
pub async fn openapi(client: &TestClient) -> Value {
    let res = client.get("/openapi.json").send().await;
    assert_eq!(res.status(), 200, "GET /openapi.json");
    res.json()
}
