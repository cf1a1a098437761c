//! `#[brisk(alias = "...")]` names a query, header or cookie parameter on the wire, on the
//! explicit wrappers as on inferred query parameters (FastAPI's `alias=`).

use brisk::{Cookie, Header, Query, Value};

#[brisk::get("/alias")]
async fn alias(
    #[brisk(alias = "item-query")] item_query: Option<String>,
    #[brisk(alias = "page-size")] page_size: Query<Option<u32>>,
    #[brisk(alias = "x-api-key")] key: Header<String>,
    #[brisk(alias = "session-id")] session: Cookie<Option<String>>,
) -> Value {
    brisk::json!({ "q": item_query, "size": page_size.0, "key": key.0, "session": session.0 })
}

#[tokio::test]
async fn aliases_name_parameters_on_the_wire() {
    let client = brisk::testing::TestClient::new(brisk::App::new().routes(brisk::routes![alias]));
    let res = client
        .get("/alias?item-query=abc&page-size=5")
        .header("x-api-key", "k1")
        .header("cookie", "session-id=s1")
        .send()
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.text(),
        r#"{"q":"abc","size":5,"key":"k1","session":"s1"}"#
    );
    let missing = client.get("/alias").send().await;
    assert_eq!(missing.status(), 422);
    assert_eq!(
        missing.text(),
        r#"{"detail":[{"type":"missing","loc":["header","x-api-key"],"msg":"Field required","input":null}]}"#
    );
    let doc =
        serde_json::to_value(brisk::App::new().routes(brisk::routes![alias]).openapi()).unwrap();
    let names: Vec<&str> = doc["paths"]["/alias"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["item-query", "page-size", "x-api-key", "session-id"]
    );
}
