use brisk::{status, App, Response};

#[brisk::delete("/items/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
async fn delete_item(item_id: i64) -> Response {
    // Wrong: a body on a 204. brisk drops it (and logs a warning) instead of sending it.
    Response::with_content(format!("deleted {item_id}")).status_code(status::HTTP_204_NO_CONTENT)
}

pub fn app() -> App {
    App::new().routes(brisk::routes![delete_item])
}
