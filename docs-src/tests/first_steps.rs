//! `docs/guide/first-steps.md`.

mod common;

use brisk::testing::TestClient;
use common::{assert_json, openapi};
use docs_src::first_steps::*;
use serde_json::json;

#[tokio::test]
async fn tutorial001_hello_world() {
    let client = TestClient::new(tutorial001::app());
    let res = client.get("/").send().await;
    assert_json(&res, 200, r#"{"message":"Hello World"}"#);
    // Unknown paths and methods answer as FastAPI does.
    let res = client.get("/nope").send().await;
    assert_json(&res, 404, r#"{"detail":"Not Found"}"#);

    let doc = openapi(&client).await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"], json!({"title": "FastAPI", "version": "0.1.0"}));
    assert_eq!(doc["paths"]["/"]["get"]["summary"], "Root");
    assert_eq!(doc["paths"]["/"]["get"]["operationId"], "root__get");
    // The interactive docs are served too.
    for page in ["/docs", "/redoc"] {
        let res = client.get(page).send().await;
        assert_eq!(res.status(), 200, "{page}");
        assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    }
}

#[tokio::test]
async fn tutorial002_parameters() {
    let client = TestClient::new(tutorial002::app());
    let res = client.get("/items/5?q=somequery").send().await;
    assert_json(&res, 200, r#"{"item_id":5,"q":"somequery"}"#);
    let res = client.get("/items/5").send().await;
    assert_json(&res, 200, r#"{"item_id":5,"q":null}"#);
    let res = client.get("/items/five").send().await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"five"}]}"#,
    );

    let doc = openapi(&client).await;
    let op = &doc["paths"]["/items/{item_id}"]["get"];
    // The doc comment's first line is the summary.
    assert_eq!(op["summary"], "Reads one item.");
    assert_eq!(
        op["parameters"],
        json!([
            {"name": "item_id", "in": "path", "required": true, "schema": {"type": "integer", "title": "Item Id"}},
            {"name": "q", "in": "query", "required": false, "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Q"}}
        ])
    );
}
