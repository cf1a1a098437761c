//! `docs/guide/openapi.md`.

mod common;

use brisk::testing::TestClient;
use common::{assert_answer, assert_json, openapi};
use docs_src::openapi::*;
use serde_json::json;

#[tokio::test]
async fn tutorial001_metadata() {
    let client = TestClient::new(tutorial001::app());
    let res = client.get("/internal/stats").send().await;
    assert_json(&res, 200, "42");

    let doc = openapi(&client).await;
    assert_eq!(
        doc["info"],
        json!({"title": "Shop", "description": "Items of the shop.", "version": "2.1.0"})
    );
    let list = &doc["paths"]["/items"]["get"];
    assert_eq!(list["tags"], json!(["items"]));
    assert_eq!(list["summary"], "List the items.");
    assert_eq!(
        list["description"],
        "Every item of the shop, in the order they were added."
    );
    assert_eq!(list["operationId"], "list_items_items_get");
    // The return type documents the body, titled as FastAPI titles a `response_model` that is
    // not a bare model.
    assert_eq!(
        list["responses"]["200"]["content"]["application/json"]["schema"],
        json!({
            "items": {"$ref": "#/components/schemas/Item"},
            "type": "array",
            "title": "Response List Items Items Get"
        })
    );
    let create = &doc["paths"]["/items"]["post"];
    assert_eq!(create["summary"], "Create an item");
    assert_eq!(create["description"], "The item is stored as sent.");
    assert_eq!(create["operationId"], "create_item");
    assert_eq!(doc["paths"]["/v1/items"]["get"]["deprecated"], true);
    assert!(doc["paths"]["/internal/stats"].is_null());
}

#[tokio::test]
async fn tutorial002_declared_responses() {
    let client = TestClient::new(tutorial002::app());
    let res = client.get("/items/1").send().await;
    assert_json(&res, 200, r#"{"item_id":1,"name":"Pen"}"#);
    let res = client.get("/items/2").send().await;
    assert_json(&res, 410, r#"{"message":"Item 2 was removed"}"#);
    let res = client.get("/items/3").send().await;
    assert_json(&res, 404, r#"{"message":"Item 3 not found"}"#);

    let doc = openapi(&client).await;
    let responses = &doc["paths"]["/items/{item_id}"]["get"]["responses"];
    assert_eq!(
        responses["404"],
        json!({"description": "Item not found", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}}})
    );
    assert_eq!(responses["410"], json!({"description": "Gone"}));
    assert_eq!(
        responses["5XX"],
        json!({"description": "Additional Response"})
    );
}

#[tokio::test]
async fn tutorial003_where_the_docs_are_served() {
    let client = TestClient::new(tutorial003::app());
    let res = client.get("/api/openapi.json").send().await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<serde_json::Value>(),
        serde_json::to_value(tutorial003::app().openapi()).unwrap()
    );
    let res = client.get("/api/docs").send().await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(res.text().contains("/api/openapi.json"));
    for gone in ["/openapi.json", "/docs", "/redoc"] {
        let res = client.get(gone).send().await;
        assert_answer(
            &res,
            404,
            &[
                ("content-length", "22"),
                ("content-type", "application/json"),
            ],
            r#"{"detail":"Not Found"}"#,
        );
    }
}
