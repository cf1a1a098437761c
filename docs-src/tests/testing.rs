//! `docs/guide/testing.md`: the page shows these tests (the regions between `ANCHOR` lines).

mod common;

use common::assert_json;
use docs_src::testing::*;

// ANCHOR: tests
use brisk::testing::TestClient;
use serde_json::json;

use docs_src::testing::tutorial001::app;

#[tokio::test]
async fn read_item() {
    let client = TestClient::new(app());
    let res = client
        .get("/items/foo")
        .header("X-Token", "coneofsilence")
        .send()
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(
        res.json::<serde_json::Value>(),
        json!({"id": "foo", "title": "Foo", "description": "There goes my hero"})
    );
}

#[tokio::test]
async fn read_item_bad_token() {
    let client = TestClient::new(app());
    let res = client
        .get("/items/foo")
        .header("X-Token", "hailhydra")
        .send()
        .await;
    assert_eq!(res.status(), 400);
    assert_eq!(res.text(), r#"{"detail":"Invalid X-Token header"}"#);
}

#[tokio::test]
async fn read_nonexistent_item() {
    let client = TestClient::new(app());
    let res = client
        .get("/items/baz")
        .header("X-Token", "coneofsilence")
        .send()
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.text(), r#"{"detail":"Item not found"}"#);
}

#[tokio::test]
async fn create_item() {
    let client = TestClient::new(app());
    let item = json!({"id": "foobar", "title": "Foo Bar", "description": "The Foo Barters"});
    let res = client
        .post("/items")
        .header("X-Token", "coneofsilence")
        .json(&item)
        .send()
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(res.json::<serde_json::Value>(), item);
}

#[tokio::test]
async fn create_item_without_token() {
    let client = TestClient::new(app());
    let res = client
        .post("/items")
        .json(&json!({"id": "bazz", "title": "Bazz"}))
        .send()
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        res.text(),
        r#"{"detail":[{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}]}"#
    );
}

#[tokio::test]
async fn create_existing_item() {
    let client = TestClient::new(app());
    let res = client
        .post("/items")
        .header("X-Token", "coneofsilence")
        .json(&json!({"id": "foo", "title": "The Foo ID Stealers"}))
        .send()
        .await;
    assert_eq!(res.status(), 409);
    assert_eq!(res.text(), r#"{"detail":"Item already exists"}"#);
}
// ANCHOR_END: tests

/// The whole answer, headers included, for the record.
#[tokio::test]
async fn tutorial001_whole_answers() {
    let client = TestClient::new(tutorial001::app());
    let res = client
        .get("/items/foo")
        .header("X-Token", "coneofsilence")
        .send()
        .await;
    assert_json(
        &res,
        200,
        r#"{"id":"foo","title":"Foo","description":"There goes my hero"}"#,
    );
    let doc = common::openapi(&client).await;
    let codes: Vec<&String> = doc["paths"]["/items/{item_id}"]["get"]["responses"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(codes, ["200", "400", "404", "422"]);
}

// ANCHOR: undocumented
#[tokio::test]
#[cfg_attr(not(debug_assertions), ignore = "the check runs in debug builds")]
#[should_panic(
    expected = "route `read_item` answered 404, a status its OpenAPI description does not list"
)]
async fn an_undeclared_status_fails_the_test() {
    let client = TestClient::new(tutorial002::app());
    client.get("/items/2").send().await;
}

#[tokio::test]
async fn unless_the_client_allows_it() {
    let client = TestClient::new(tutorial002::app()).allow_undocumented_statuses();
    let res = client.get("/items/2").send().await;
    assert_eq!(res.status(), 404);
}
// ANCHOR_END: undocumented

#[tokio::test]
async fn tutorial002_documented_statuses_pass() {
    let client = TestClient::new(tutorial002::app());
    let res = client.get("/items/1").send().await;
    assert_json(&res, 200, r#"{"item_id":1}"#);
}
