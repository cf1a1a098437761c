use brisk::{json, status, App, HttpError, Value};

#[brisk::get("/private", responses = [401])]
async fn private() -> Result<Value, HttpError> {
    Err(HttpError::unauthorized("Not authenticated").header("WWW-Authenticate", "Bearer"))
}

#[brisk::put("/items/{item_id}", responses = [409])]
async fn update_item(item_id: i64, version: u32) -> Result<Value, HttpError> {
    if version != 3 {
        let detail = json!({ "code": "stale_version", "current": 3, "given": version });
        return Err(HttpError::new(status::HTTP_409_CONFLICT, detail));
    }
    Ok(json!({ "item_id": item_id, "version": 4 }))
}

#[brisk::get("/teapot", responses = [418])]
async fn teapot() -> Result<Value, HttpError> {
    Err(HttpError::from_status(status::HTTP_418_IM_A_TEAPOT))
}

pub fn app() -> App {
    App::new().routes(brisk::routes![private, update_item, teapot])
}
