//! `docs/guide/validation.md`.

mod common;

use brisk::testing::TestClient;
use common::{assert_json, openapi};
use docs_src::validation::*;
use serde_json::json;

#[tokio::test]
async fn tutorial001_every_error_at_once() {
    let client = TestClient::new(tutorial001::app());
    let res = client
        .post("/items")
        .json(&json!({"name": "Pen", "price": "2.5"}))
        .send()
        .await;
    // Lax coercion, as pydantic's: "2.5" is a number; the default fills `tags`.
    assert_json(
        &res,
        201,
        r#"{"name":"Pen","price":2.5,"tags":[],"description":null}"#,
    );
    let res = client
        .post("/items")
        .json(&json!({"name": "", "price": -1, "tags": "red"}))
        .send()
        .await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}},{"type":"greater_than","loc":["body","price"],"msg":"Input should be greater than 0","input":-1,"ctx":{"gt":0.0}},{"type":"list_type","loc":["body","tags"],"msg":"Input should be a valid list","input":"red"}]}"#,
    );
    let res = client
        .post("/items")
        .header("content-type", "application/json")
        .body(r#"{"name":"Pen","price":1.5,}"#)
        .send()
        .await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"json_invalid","loc":["body",26],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting property name enclosed in double quotes"}}]}"#,
    );
    let res = client
        .post("/items")
        .body(r#"{"name":"Pen","price":1.5}"#)
        .send()
        .await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"{\"name\":\"Pen\",\"price\":1.5}"}]}"#,
    );

    let doc = openapi(&client).await;
    assert_eq!(
        doc["components"]["schemas"]["Item"]["properties"]["price"],
        json!({"type": "number", "exclusiveMinimum": 0.0, "title": "Price"})
    );
    assert_eq!(
        doc["paths"]["/items"]["post"]["responses"]["422"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/HTTPValidationError"})
    );
}

#[tokio::test]
async fn tutorial002_parameter_constraints() {
    let client = TestClient::new(tutorial002::app());
    let res = client.get("/users/0/search?q=ab&limit=500").send().await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"greater_than","loc":["path","user_id"],"msg":"Input should be greater than 0","input":"0","ctx":{"gt":0}},{"type":"string_too_short","loc":["query","q"],"msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}},{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}}]}"#,
    );
    let res = client.get("/users/1/search?q=Pens").send().await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"string_pattern_mismatch","loc":["query","q"],"msg":"String should match pattern '^[a-z ]+$'","input":"Pens","ctx":{"pattern":"^[a-z ]+$"}}]}"#,
    );
    let res = client
        .get("/users/1/search?q=pens&sort-by=price")
        .header("X-Request-Source", "cli")
        .send()
        .await;
    assert_json(
        &res,
        200,
        r#"{"user_id":1,"q":"pens","limit":10,"sort_by":"price","source":"cli"}"#,
    );
    let res = client.get("/users/1/search?q=pens").send().await;
    assert_json(
        &res,
        200,
        r#"{"user_id":1,"q":"pens","limit":10,"sort_by":"name","source":null}"#,
    );

    let doc = openapi(&client).await;
    let params = &doc["paths"]["/users/{user_id}/search"]["get"]["parameters"];
    assert_eq!(
        params[2],
        json!({"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "maximum": 100, "minimum": 1, "default": 10, "title": "Limit"}})
    );
    assert_eq!(params[3]["name"], "sort-by");
}

#[tokio::test]
async fn tutorial003_answering_400_instead() {
    let client = TestClient::new(tutorial003::app());
    let res = client.get("/items/x?limit=500").send().await;
    assert_json(
        &res,
        400,
        r#"{"detail":"Invalid request","errors":["path.item_id: Input should be a valid integer, unable to parse string as an integer","query.limit: Input should be less than or equal to 100"]}"#,
    );
    let res = client.get("/items/1").send().await;
    assert_json(&res, 200, r#"{"item_id":1,"limit":10}"#);

    // The document still describes FastAPI's 422: the hook replaces the answer, not the
    // description (see the page).
    let doc = openapi(&client).await;
    let responses = &doc["paths"]["/items/{item_id}"]["get"]["responses"];
    assert!(responses["422"].is_object());
    assert!(responses["400"].is_null());
}

#[tokio::test]
async fn tutorial004_serde_bodies_report_the_first_error() {
    let client = TestClient::new(tutorial004::app());
    let res = client
        .post("/users")
        .json(&json!({"name": "Ada", "age": 36}))
        .send()
        .await;
    assert_json(&res, 201, r#"{"name":"Ada","age":36}"#);
    let res = client
        .post("/users")
        .json(&json!({"name": 1, "age": 300}))
        .send()
        .await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"string_type","loc":["body","name"],"msg":"Input should be a valid string","input":1}]}"#,
    );

    // A serde-only type is documented as any JSON.
    let doc = openapi(&client).await;
    assert_eq!(
        doc["paths"]["/users"]["post"]["requestBody"]["content"]["application/json"]["schema"],
        json!({})
    );
}
