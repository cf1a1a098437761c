//! Replacing the validation answer in one place (FastAPI's `RequestValidationError`
//! handler, issue #643): reference §6's handler_app answers 400 with the errors and the body.

use brisk::{IntoResponse, JsonResponse, Value};

#[brisk::get("/items/{item_id}", responses = [400])]
async fn read_item(item_id: i64) -> Value {
    brisk::json!({ "item_id": item_id })
}

fn app() -> brisk::App {
    brisk::App::new()
        .routes(brisk::routes![read_item])
        .on_validation_error(|err| {
            JsonResponse::new(brisk::json!({ "detail": err.errors(), "body": null }))
                .status_code(400)
                .into_response()
        })
}

#[tokio::test]
async fn validation_answer_is_replaced() {
    let client = brisk::testing::TestClient::new(app());
    let res = client.get("/items/abc").send().await;
    assert_eq!(res.status(), 400);
    assert_eq!(res.header("content-length"), Some("164"));
    assert_eq!(res.header("content-type"), Some("application/json"));
    // Reference §6, "validation error through the overridden handler", byte for byte.
    assert_eq!(
        res.text(),
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}],"body":null}"#
    );
    let ok = client.get("/items/5").send().await;
    assert_eq!((ok.status().as_u16(), ok.text()), (200, r#"{"item_id":5}"#));
}
