use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use brisk::{json, status, App, HttpError, State, Value};

type Users = Arc<Mutex<HashSet<String>>>;

#[brisk::post(
    "/users",
    status_code = status::HTTP_201_CREATED,
    responses = [(409, "Username already taken")]
)]
async fn create_user(username: String, State(users): State<Users>) -> Result<Value, HttpError> {
    if !users.lock().unwrap().insert(username.clone()) {
        // Not `Ok(json!({ "error": "..." }))`, which would answer 201.
        return Err(HttpError::conflict(format!(
            "Username {username} is already taken"
        )));
    }
    Ok(json!({ "username": username }))
}

pub fn app() -> App {
    App::new()
        .state(Users::default())
        .routes(brisk::routes![create_user])
}
