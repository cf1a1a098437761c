use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use brisk::{json, status, App, Header, HttpError, State, Value};

type Items = Arc<Mutex<HashMap<i64, String>>>;

/// 200 OK, or 404 Not Found.
#[brisk::get("/items/{item_id}", responses = [(404, "Item not found")])]
async fn read_item(item_id: i64, State(items): State<Items>) -> Result<Value, HttpError> {
    match items.lock().unwrap().get(&item_id) {
        Some(name) => Ok(json!({ "item_id": item_id, "name": name })),
        None => Err(HttpError::not_found("Item not found")),
    }
}

/// 201 Created, or 409 Conflict.
#[brisk::post(
    "/items/{item_id}",
    status_code = status::HTTP_201_CREATED,
    responses = [(409, "Item already exists")]
)]
async fn create_item(
    item_id: i64,
    name: String,
    State(items): State<Items>,
) -> Result<Value, HttpError> {
    let mut items = items.lock().unwrap();
    if items.contains_key(&item_id) {
        return Err(HttpError::conflict("Item already exists"));
    }
    items.insert(item_id, name.clone());
    Ok(json!({ "item_id": item_id, "name": name }))
}

/// 202 Accepted: the work is queued, not done.
#[brisk::post("/reports", status_code = status::HTTP_202_ACCEPTED)]
async fn queue_report() -> Value {
    json!({ "status": "queued" })
}

/// 204 No Content.
#[brisk::delete("/items/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
async fn delete_item(item_id: i64, State(items): State<Items>) {
    items.lock().unwrap().remove(&item_id);
}

/// 400 Bad Request: the request breaks a rule of the API.
#[brisk::post("/transfers", responses = [(400, "Amount over the limit")])]
async fn transfer(amount: u64) -> Result<Value, HttpError> {
    if amount > 1000 {
        return Err(HttpError::bad_request("Amount over the limit of 1000"));
    }
    Ok(json!({ "transferred": amount }))
}

/// 401 Unauthorized without credentials, 403 Forbidden with the wrong ones.
#[brisk::get("/admin", responses = [(401, "Not authenticated"), (403, "Not an administrator")])]
async fn admin(authorization: Header<Option<String>>) -> Result<Value, HttpError> {
    match authorization.as_deref() {
        None => {
            Err(HttpError::unauthorized("Not authenticated").header("WWW-Authenticate", "Bearer"))
        }
        Some("Bearer admin-token") => Ok(json!({ "admin": true })),
        Some(_) => Err(HttpError::forbidden("Not an administrator")),
    }
}

/// 500 Internal Server Error: an error the handler does not answer itself.
#[brisk::get("/export")]
async fn export() -> Result<Value, std::io::Error> {
    Err(std::io::Error::other("disk full"))
}

pub fn app() -> App {
    let items: Items = Arc::new(Mutex::new(HashMap::from([(1, "Pen".to_owned())])));
    App::new().state(items).routes(brisk::routes![
        read_item,
        create_item,
        queue_report,
        delete_item,
        transfer,
        admin,
        export
    ])
}
