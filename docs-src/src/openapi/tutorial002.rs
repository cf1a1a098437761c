use brisk::{App, JsonResponse};
use serde::Serialize;

#[derive(brisk::Model, Serialize)]
struct Item {
    item_id: i64,
    name: String,
}

#[derive(brisk::Model, Serialize)]
struct Message {
    message: String,
}

#[brisk::get(
    "/items/{item_id}",
    responses = [(404, "Item not found", Message), 410, "5XX"]
)]
async fn read_item(item_id: i64) -> Result<Item, JsonResponse> {
    match item_id {
        1 => Ok(Item {
            item_id,
            name: "Pen".into(),
        }),
        2 => Err(JsonResponse::new(Message {
            message: "Item 2 was removed".into(),
        })
        .status_code(410)),
        _ => Err(JsonResponse::new(Message {
            message: format!("Item {item_id} not found"),
        })
        .status_code(404)),
    }
}

pub fn app() -> App {
    App::new().routes(brisk::routes![read_item])
}
