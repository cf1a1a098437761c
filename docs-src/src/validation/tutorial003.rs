use brisk::error::Loc;
use brisk::{json, App, IntoResponse, JsonResponse, Value};

#[brisk::get("/items/{item_id}")]
async fn read_item(item_id: i64, #[brisk(default = 10, le = 100)] limit: u32) -> Value {
    json!({ "item_id": item_id, "limit": limit })
}

pub fn app() -> App {
    App::new()
        .routes(brisk::routes![read_item])
        .on_validation_error(|err| {
            let errors: Vec<String> = err
                .errors()
                .iter()
                .map(|e| {
                    let loc: Vec<String> = e
                        .loc
                        .iter()
                        .map(|l| match l {
                            Loc::Key(k) => k.to_string(),
                            Loc::Index(i) => i.to_string(),
                        })
                        .collect();
                    format!("{}: {}", loc.join("."), e.msg)
                })
                .collect();
            JsonResponse::new(json!({ "detail": "Invalid request", "errors": errors }))
                .status_code(400)
                .into_response()
        })
}
