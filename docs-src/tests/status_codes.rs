//! `docs/guide/status-codes.md`: one test per snippet, each answer asserted in full.

mod common;

use brisk::testing::TestClient;
use common::{assert_answer, assert_json, openapi};
use docs_src::status_codes::*;
use serde_json::json;

const MISSING_NAME: &str =
    r#"{"detail":[{"type":"missing","loc":["query","name"],"msg":"Field required","input":null}]}"#;

#[tokio::test]
async fn tutorial001_200_by_default() {
    let client = TestClient::new(tutorial001::app());
    let res = client.get("/items/1").send().await;
    assert_json(&res, 200, r#"{"item_id":1}"#);
    let res = client.get("/things").send().await;
    assert_json(&res, 404, r#"{"detail":"Not Found"}"#);

    let doc = openapi(&client).await;
    assert!(doc["paths"]["/items/{item_id}"]["get"]["responses"]["200"].is_object());
}

// ANCHOR: contract
#[tokio::test]
async fn the_status_is_part_of_the_contract() {
    use brisk::status;
    use brisk::testing::TestClient;

    let client = TestClient::new(docs_src::status_codes::tutorial013::app());
    let res = client.post("/items?name=Pen").send().await;
    assert_eq!(res.status(), status::HTTP_201_CREATED);
    assert_eq!(res.header("location"), Some("/items/1"));

    let res = client.delete("/items/1").send().await;
    assert_eq!(res.status(), status::HTTP_204_NO_CONTENT);
    assert!(res.bytes().is_empty());
}
// ANCHOR_END: contract

#[tokio::test]
async fn tutorial002_default_status() {
    let client = TestClient::new(tutorial002::app());
    let res = client.post("/items?name=apple").send().await;
    assert_json(&res, 201, r#"{"name":"apple"}"#);
    // Validation runs before the handler: the route's 201 does not apply.
    let res = client.post("/items").send().await;
    assert_json(&res, 422, MISSING_NAME);

    let doc = openapi(&client).await;
    let responses = &doc["paths"]["/items"]["post"]["responses"];
    assert_eq!(
        responses["201"],
        json!({"description": "Successful Response", "content": {"application/json": {"schema": {}}}})
    );
    assert_eq!(responses["422"]["description"], "Validation Error");
}

#[tokio::test]
async fn tutorial003_status_constants() {
    let client = TestClient::new(tutorial003::app());
    let res = client.post("/items?name=apple").send().await;
    assert_json(&res, 201, r#"{"name":"apple"}"#);
    // 204: no body, and no content-length or content-type either.
    let res = client.delete("/items/5").send().await;
    assert_answer(&res, 204, &[], "");
    let res = client.delete("/items/abc").send().await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#,
    );

    let doc = openapi(&client).await;
    // A 204 is documented without content.
    assert_eq!(
        doc["paths"]["/items/{item_id}"]["delete"]["responses"]["204"],
        json!({"description": "Successful Response"})
    );
}

#[tokio::test]
async fn tutorial004_the_common_codes() {
    let client = TestClient::new(tutorial004::app());
    // 200
    let res = client.get("/items/1").send().await;
    assert_json(&res, 200, r#"{"item_id":1,"name":"Pen"}"#);
    // 404
    let res = client.get("/items/2").send().await;
    assert_json(&res, 404, r#"{"detail":"Item not found"}"#);
    // 201, then 409 for the same id
    let res = client.post("/items/2?name=Cup").send().await;
    assert_json(&res, 201, r#"{"item_id":2,"name":"Cup"}"#);
    let res = client.post("/items/2?name=Mug").send().await;
    assert_json(&res, 409, r#"{"detail":"Item already exists"}"#);
    // 202
    let res = client.post("/reports").send().await;
    assert_json(&res, 202, r#"{"status":"queued"}"#);
    // 204
    let res = client.delete("/items/2").send().await;
    assert_answer(&res, 204, &[], "");
    // 400
    let res = client.post("/transfers?amount=5000").send().await;
    assert_json(&res, 400, r#"{"detail":"Amount over the limit of 1000"}"#);
    let res = client.post("/transfers?amount=10").send().await;
    assert_json(&res, 200, r#"{"transferred":10}"#);
    // 401, with its challenge header first
    let res = client.get("/admin").send().await;
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
    // 403
    let res = client
        .get("/admin")
        .header("Authorization", "Bearer guest-token")
        .send()
        .await;
    assert_json(&res, 403, r#"{"detail":"Not an administrator"}"#);
    let res = client
        .get("/admin")
        .header("Authorization", "Bearer admin-token")
        .send()
        .await;
    assert_json(&res, 200, r#"{"admin":true}"#);
    // 422
    let res = client.get("/items/one").send().await;
    assert_eq!(res.status(), 422);
    // 500: plain text, nothing of the error in the body
    let res = client.get("/export").send().await;
    assert_answer(
        &res,
        500,
        &[
            ("content-length", "21"),
            ("content-type", "text/plain; charset=utf-8"),
        ],
        "Internal Server Error",
    );

    let doc = openapi(&client).await;
    let admin = &doc["paths"]["/admin"]["get"]["responses"];
    assert_eq!(admin["401"], json!({"description": "Not authenticated"}));
    assert_eq!(admin["403"], json!({"description": "Not an administrator"}));
    let create = &doc["paths"]["/items/{item_id}"]["post"]["responses"];
    let codes: Vec<&String> = create.as_object().unwrap().keys().collect();
    assert_eq!(codes, ["201", "409", "422"]);
}

#[tokio::test]
async fn tutorial005_status_at_run_time() {
    let client = TestClient::new(tutorial005::app());
    let res = client.put("/items/7?name=pear").send().await;
    assert_json(&res, 201, r#"{"created":7}"#);
    let res = client.put("/items/7?name=plum").send().await;
    assert_json(&res, 200, r#"{"updated":7}"#);
    let res = client.put("/items/1?name=Pencil").send().await;
    assert_json(&res, 200, r#"{"updated":1}"#);
    let res = client.put("/items/1").send().await;
    assert_json(&res, 422, MISSING_NAME);

    let doc = openapi(&client).await;
    let responses = &doc["paths"]["/items/{item_id}"]["put"]["responses"];
    assert_eq!(responses["201"], json!({"description": "Item created"}));
    assert_eq!(
        responses.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["200", "201", "422"]
    );
}

#[tokio::test]
async fn tutorial006_header_through_the_handle() {
    let client = TestClient::new(tutorial006::app());
    let res = client.get("/items/7").send().await;
    // The handle's headers come after content-length and content-type, lower-cased.
    assert_answer(
        &res,
        200,
        &[
            ("content-length", "13"),
            ("content-type", "application/json"),
            ("x-cache", "MISS"),
        ],
        r#"{"item_id":7}"#,
    );
}

#[tokio::test]
async fn tutorial007_json_response_with_headers() {
    let client = TestClient::new(tutorial007::app());
    let res = client.get("/items/7").send().await;
    // A response object's own headers come first.
    assert_answer(
        &res,
        200,
        &[
            ("x-cache", "MISS"),
            ("content-length", "13"),
            ("content-type", "application/json"),
        ],
        r#"{"item_id":7}"#,
    );
}

#[tokio::test]
async fn tutorial008_explicit_empty_response() {
    let client = TestClient::new(tutorial008::app());
    let res = client.delete("/items/5").send().await;
    assert_answer(&res, 204, &[], "");
}

#[tokio::test]
async fn tutorial009_one_status_per_operation() {
    let client = TestClient::new(tutorial009::app());
    let res = client.post("/items?name=Pen").send().await;
    assert_json(&res, 201, r#"{"item_id":1,"name":"Pen"}"#);
    let res = client.post("/items?name=Cup").send().await;
    assert_json(&res, 201, r#"{"item_id":2,"name":"Cup"}"#);
    let res = client.get("/items/1").send().await;
    assert_json(&res, 200, r#"{"item_id":1,"name":"Pen"}"#);
    let res = client.put("/items/1?name=Pencil").send().await;
    assert_json(&res, 200, r#"{"item_id":1,"name":"Pencil"}"#);
    let res = client.put("/items/9?name=Pencil").send().await;
    assert_json(&res, 404, r#"{"detail":"Item not found"}"#);
    let res = client.delete("/items/1").send().await;
    assert_answer(&res, 204, &[], "");
    let res = client.get("/items/1").send().await;
    assert_json(&res, 404, r#"{"detail":"Item not found"}"#);

    let doc = openapi(&client).await;
    let item = &doc["paths"]["/items/{item_id}"];
    for (method, code) in [("get", "200"), ("put", "200"), ("delete", "204")] {
        assert!(
            item[method]["responses"][code].is_object(),
            "{method} {code}"
        );
    }
    assert!(doc["paths"]["/items"]["post"]["responses"]["201"].is_object());
}

#[tokio::test]
async fn tutorial010_created_with_location() {
    let client = TestClient::new(tutorial010::app());
    let res = client.post("/items?name=Pen").send().await;
    assert_answer(
        &res,
        201,
        &[
            ("location", "/items/1"),
            ("content-length", "26"),
            ("content-type", "application/json"),
        ],
        r#"{"item_id":1,"name":"Pen"}"#,
    );
    let location = res.header("location").unwrap().to_owned();
    let res = client.get(&location).send().await;
    assert_json(&res, 200, r#"{"item_id":1,"name":"Pen"}"#);

    let doc = openapi(&client).await;
    assert_eq!(
        doc["paths"]["/items"]["post"]["responses"]["201"]["headers"],
        json!({"Location": {"description": "The URL of the resource", "schema": {"type": "string"}}})
    );
}

#[tokio::test]
async fn tutorial011_a_body_on_204_is_never_sent() {
    let client = TestClient::new(tutorial011::app());
    let res = client.delete("/items/5").send().await;
    assert_answer(&res, 204, &[], "");
}

#[tokio::test]
async fn tutorial012_errors_are_error_statuses() {
    let client = TestClient::new(tutorial012::app());
    let res = client.post("/users?username=ada").send().await;
    assert_json(&res, 201, r#"{"username":"ada"}"#);
    let res = client.post("/users?username=ada").send().await;
    assert_json(&res, 409, r#"{"detail":"Username ada is already taken"}"#);

    let doc = openapi(&client).await;
    assert_eq!(
        doc["paths"]["/users"]["post"]["responses"]["409"],
        json!({"description": "Username already taken"})
    );
}

#[tokio::test]
async fn tutorial013_summary() {
    let client = TestClient::new(tutorial013::app());
    let res = client.post("/items?name=Pen").send().await;
    assert_answer(
        &res,
        201,
        &[
            ("location", "/items/1"),
            ("content-length", "26"),
            ("content-type", "application/json"),
        ],
        r#"{"item_id":1,"name":"Pen"}"#,
    );
    let res = client.post("/items?name=Pen").send().await;
    assert_json(&res, 409, r#"{"detail":"Item already exists"}"#);
    let res = client.get("/items/1").send().await;
    assert_answer(
        &res,
        200,
        &[
            ("content-length", "26"),
            ("content-type", "application/json"),
            ("cache-control", "no-cache"),
        ],
        r#"{"item_id":1,"name":"Pen"}"#,
    );
    let res = client.put("/items/2?name=Cup").send().await;
    assert_json(&res, 201, r#"{"item_id":2,"name":"Cup"}"#);
    let res = client.put("/items/2?name=Mug").send().await;
    assert_json(&res, 200, r#"{"item_id":2,"name":"Mug"}"#);
    let res = client.delete("/items/2").send().await;
    assert_answer(&res, 204, &[], "");
    let res = client.delete("/items/2").send().await;
    assert_json(&res, 404, r#"{"detail":"Item not found"}"#);

    let doc = openapi(&client).await;
    let codes = |path: &str, method: &str| -> Vec<String> {
        doc["paths"][path][method]["responses"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(codes("/items", "post"), ["201", "409", "422"]);
    assert_eq!(codes("/items/{item_id}", "put"), ["200", "201", "422"]);
    assert_eq!(codes("/items/{item_id}", "delete"), ["204", "404", "422"]);
}
