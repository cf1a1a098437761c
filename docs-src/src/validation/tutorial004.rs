use brisk::App;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize)]
struct User {
    name: String,
    age: u8,
}

#[brisk::post("/users", status_code = 201)]
async fn create_user(user: User) -> User {
    user
}

pub fn app() -> App {
    App::new().routes(brisk::routes![create_user])
}
