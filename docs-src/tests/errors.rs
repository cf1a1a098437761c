//! `docs/guide/errors.md`.

mod common;

use brisk::testing::TestClient;
use common::{assert_answer, assert_json, openapi};
use docs_src::errors::*;
use serde_json::json;

#[tokio::test]
async fn tutorial001_http_error() {
    let client = TestClient::new(tutorial001::app());
    let res = client.get("/items/foo").send().await;
    assert_json(&res, 200, r#"{"item":"The Foo"}"#);
    let res = client.get("/items/bar").send().await;
    assert_json(&res, 404, r#"{"detail":"Item not found"}"#);

    let doc = openapi(&client).await;
    assert_eq!(
        doc["paths"]["/items/{item_id}"]["get"]["responses"]["404"],
        json!({"description": "Item not found"})
    );
}

#[tokio::test]
async fn tutorial002_headers_details_and_phrases() {
    let client = TestClient::new(tutorial002::app());
    let res = client.get("/private").send().await;
    assert_answer(
        &res,
        401,
        &[
            ("www-authenticate", "Bearer"),
            ("content-length", "30"),
            ("content-type", "application/json"),
        ],
        r#"{"detail":"Not authenticated"}"#,
    );
    let res = client.put("/items/1?version=2").send().await;
    assert_json(
        &res,
        409,
        r#"{"detail":{"code":"stale_version","current":3,"given":2}}"#,
    );
    let res = client.put("/items/1?version=3").send().await;
    assert_json(&res, 200, r#"{"item_id":1,"version":4}"#);
    let res = client.get("/teapot").send().await;
    assert_json(&res, 418, r#"{"detail":"I'm a Teapot"}"#);

    // Declared without a description, a status is described by its reason phrase.
    let doc = openapi(&client).await;
    assert_eq!(
        doc["paths"]["/teapot"]["get"]["responses"]["418"],
        json!({"description": "I'm a Teapot"})
    );
}

#[tokio::test]
async fn tutorial003_custom_error_type() {
    let client = TestClient::new(tutorial003::app());
    let res = client.post("/items/1/reservations?quantity=2").send().await;
    assert_json(&res, 200, r#"{"item_id":1,"reserved":2,"left":3}"#);
    let res = client.post("/items/1/reservations?quantity=9").send().await;
    assert_json(
        &res,
        409,
        r#"{"detail":"Out of stock","item_id":1,"left":3}"#,
    );
    let res = client.post("/items/2/reservations?quantity=1").send().await;
    assert_json(&res, 404, r#"{"detail":"Item 2 not found"}"#);
}

#[tokio::test]
async fn tutorial004_internal_server_error() {
    let client = TestClient::new(tutorial004::app());
    let plain_500 = |res: &brisk::testing::TestResponse| {
        assert_answer(
            res,
            500,
            &[
                ("content-length", "21"),
                ("content-type", "text/plain; charset=utf-8"),
            ],
            "Internal Server Error",
        )
    };
    plain_500(&client.get("/settings").send().await);
    plain_500(&client.get("/divide?a=1&b=0").send().await);
    // The same client goes on: a panic costs one request, not the server.
    let res = client.get("/divide?a=7&b=2").send().await;
    assert_json(&res, 200, r#"{"result":3}"#);
}
