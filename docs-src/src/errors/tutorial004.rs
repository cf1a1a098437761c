use brisk::{json, App, Value};

#[brisk::get("/settings")]
async fn read_settings() -> Result<Value, std::io::Error> {
    let text = std::fs::read_to_string("/no/such/dir/settings.toml")?;
    Ok(json!({ "length": text.len() }))
}

#[brisk::get("/divide")]
async fn divide(a: i64, b: i64) -> Value {
    json!({ "result": a / b })
}

pub fn app() -> App {
    App::new().routes(brisk::routes![read_settings, divide])
}
