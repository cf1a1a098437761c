//! `docs/guide/coming-from-fastapi.md`.

mod common;

use brisk::testing::TestClient;
use common::{assert_json, openapi};
use docs_src::coming_from_fastapi::*;
use serde_json::json;

#[tokio::test]
async fn tutorial001_a_ported_app() {
    let client = TestClient::new(tutorial001::app());
    let res = client.get("/items/1").send().await;
    assert_json(&res, 404, r#"{"detail":"Item not found"}"#);
    let item = json!({"name": "Pen", "price": 1.5});
    let res = client.put("/items/1").json(&item).send().await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}]}"#,
    );
    let res = client
        .put("/items/1")
        .header("X-Token", "wrong")
        .json(&item)
        .send()
        .await;
    assert_json(&res, 403, r#"{"detail":"Invalid token"}"#);
    let put = |body: serde_json::Value| {
        client
            .put("/items/1")
            .header("X-Token", "secret")
            .json(&body)
            .send()
    };
    let res = put(item.clone()).await;
    assert_json(&res, 201, r#"{"name":"Pen","price":1.5,"tags":[]}"#);
    let res = put(json!({"name": "Pen", "price": 2, "tags": ["blue"]})).await;
    assert_json(&res, 200, r#"{"name":"Pen","price":2.0,"tags":["blue"]}"#);
    let res = client.get("/items/1").send().await;
    assert_json(&res, 200, r#"{"name":"Pen","price":2.0,"tags":["blue"]}"#);
    let res = put(json!({"name": "", "price": 0})).await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}},{"type":"greater_than","loc":["body","price"],"msg":"Input should be greater than 0","input":0,"ctx":{"gt":0.0}}]}"#,
    );

    let doc = openapi(&client).await;
    let put_doc = &doc["paths"]["/items/{item_id}"]["put"];
    assert_eq!(
        put_doc["responses"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["200", "201", "403", "422"]
    );
    assert_eq!(
        put_doc["requestBody"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/Item"})
    );
}
