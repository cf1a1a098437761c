//! `docs/guide/path-operations.md`.

mod common;

use brisk::testing::TestClient;
use common::{assert_answer, assert_json, openapi};
use docs_src::path_operations::*;
use serde_json::json;

#[tokio::test]
async fn tutorial001_one_attribute_per_operation() {
    let client = TestClient::new(tutorial001::app());
    let res = client.get("/items").send().await;
    assert_json(&res, 200, r#"[{"item_id":1,"name":"Pen"}]"#);
    let res = client.post("/items?name=Pen").send().await;
    assert_json(&res, 201, r#"{"name":"Pen"}"#);
    for method in ["PUT", "PATCH"] {
        let res = client
            .request(method.parse().unwrap(), "/items/3?name=Cup")
            .send()
            .await;
        assert_json(&res, 200, r#"{"item_id":3,"name":"Cup"}"#);
    }
    // A sync handler; a `&str` is JSON like any other value.
    let res = client.get("/ping").send().await;
    assert_json(&res, 200, r#""pong""#);
    // HEAD on a GET route: the GET answer's headers, no body.
    let res = client.head("/items").send().await;
    assert_answer(
        &res,
        200,
        &[
            ("content-length", "28"),
            ("content-type", "application/json"),
        ],
        "",
    );
    // OPTIONS and 405 list every method of the path.
    let res = client.options("/items").send().await;
    assert_answer(
        &res,
        200,
        &[
            ("allow", "GET, HEAD, POST, OPTIONS"),
            ("content-length", "0"),
        ],
        "",
    );
    let res = client.delete("/items/3").send().await;
    assert_answer(
        &res,
        405,
        &[
            ("allow", "PUT, PATCH, OPTIONS"),
            ("content-length", "31"),
            ("content-type", "application/json"),
        ],
        r#"{"detail":"Method Not Allowed"}"#,
    );
    // A trailing slash that no route has: 307 to the route without it.
    let res = client.get("/items/").send().await;
    assert_answer(
        &res,
        307,
        &[
            ("content-length", "0"),
            ("location", "http://testserver/items"),
        ],
        "",
    );

    let doc = openapi(&client).await;
    let item = doc["paths"]["/items/{item_id}"].as_object().unwrap();
    assert_eq!(item.keys().collect::<Vec<_>>(), ["put", "patch"]);
}

#[tokio::test]
async fn tutorial002_path_parameters() {
    let client = TestClient::new(tutorial002::app());
    let res = client.get("/items/3").send().await;
    assert_json(&res, 200, r#"{"item_id":3}"#);
    let res = client.get("/items/3.5").send().await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"3.5"}]}"#,
    );
    let res = client.get("/users/ada%20l/items/7").send().await;
    assert_json(&res, 200, r#"{"user_id":"ada l","item_id":7}"#);
    let res = client.get("/users/ada/items/-1").send().await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"greater_than_equal","loc":["path","item_id"],"msg":"Input should be greater than or equal to 0","input":"-1","ctx":{"ge":0}}]}"#,
    );
    let res = client.get("/files/home/johndoe/myfile.txt").send().await;
    assert_json(&res, 200, r#"{"file_path":"home/johndoe/myfile.txt"}"#);

    let doc = openapi(&client).await;
    assert_eq!(
        doc["paths"]["/files/{file_path}"]["get"]["parameters"][0]["name"],
        "file_path"
    );
}

#[tokio::test]
async fn tutorial003_query_parameters() {
    let client = TestClient::new(tutorial003::app());
    let res = client.get("/items").send().await;
    assert_json(
        &res,
        200,
        r#"{"skip":0,"limit":10,"q":null,"tags":[],"short":false}"#,
    );
    let res = client
        .get("/items?skip=20&q=pen&tags=red&tags=blue&short=yes")
        .send()
        .await;
    assert_json(
        &res,
        200,
        r#"{"skip":20,"limit":10,"q":"pen","tags":["red","blue"],"short":true}"#,
    );
    let res = client.get("/items?short=maybe").send().await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"bool_parsing","loc":["query","short"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]}"#,
    );
    let res = client.get("/search?q=pen&ids=1&ids=2").send().await;
    assert_json(&res, 200, r#"{"q":"pen","ids":[1,2]}"#);
    let res = client.get("/search").send().await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"missing","loc":["query","q"],"msg":"Field required","input":null},{"type":"missing","loc":["query","ids"],"msg":"Field required","input":null}]}"#,
    );

    let doc = openapi(&client).await;
    let params = &doc["paths"]["/items"]["get"]["parameters"];
    assert_eq!(
        params[0],
        json!({"name": "skip", "in": "query", "required": false, "schema": {"type": "integer", "default": 0, "title": "Skip"}})
    );
}

#[tokio::test]
async fn tutorial004_explicit_wrappers() {
    let client = TestClient::new(tutorial004::app());
    let res = client
        .get("/items/5?limit=3")
        .header("User-Agent", "curl/8.5.0")
        .header("Cookie", "session=abc123")
        .send()
        .await;
    assert_json(
        &res,
        200,
        r#"{"item_id":5,"limit":3,"user_agent":"curl/8.5.0","session":"abc123"}"#,
    );
    let res = client.get("/items/5").send().await;
    assert_json(
        &res,
        200,
        r#"{"item_id":5,"limit":null,"user_agent":null,"session":null}"#,
    );
    let res = client.get("/whoami").send().await;
    assert_json(&res, 200, r#"{"method":"GET","path":"/whoami"}"#);

    let doc = openapi(&client).await;
    let locations: Vec<&str> = doc["paths"]["/items/{item_id}"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["in"].as_str().unwrap())
        .collect();
    assert_eq!(locations, ["path", "query", "header", "cookie"]);
}

#[tokio::test]
async fn tutorial005_the_body() {
    let client = TestClient::new(tutorial005::app());
    let res = client
        .put("/items/5?q=fresh")
        .json(&json!({"name": "Pen", "price": 1.5}))
        .send()
        .await;
    assert_json(
        &res,
        200,
        r#"{"item_id":5,"item":{"name":"Pen","price":1.5,"description":null},"q":"fresh"}"#,
    );
    let res = client.put("/items/5").send().await;
    assert_json(
        &res,
        422,
        r#"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#,
    );
    let res = client
        .post("/totals")
        .json(&json!([1.5, 2.25]))
        .send()
        .await;
    assert_json(&res, 200, r#"{"total":3.75}"#);

    let doc = openapi(&client).await;
    let body = &doc["paths"]["/items/{item_id}"]["put"]["requestBody"];
    assert_eq!(body["required"], true);
}
