use brisk::{json, App, Value};

#[brisk::get("/")]
async fn root() -> Value {
    json!({ "message": "Hello World" })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![root])
}

#[tokio::main]
pub async fn main() -> std::io::Result<()> {
    app().run().await
}
