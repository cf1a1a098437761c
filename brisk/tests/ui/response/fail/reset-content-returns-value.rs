use brisk::StatusCode;

#[brisk::post("/forms", status_code = StatusCode::RESET_CONTENT)]
async fn submit_form(name: String) -> brisk::Value {
    brisk::json!({ "name": name })
}

fn main() {}
