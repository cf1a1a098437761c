use brisk::StatusCode;

// `StatusCode` holds 100-999, so a const can be 999; a route cannot.
const WEIRD: StatusCode = match StatusCode::from_u16(999) {
    Ok(code) => code,
    Err(_) => panic!("not a status code"),
};

#[brisk::get("/items", status_code = WEIRD)]
async fn list_items() {}

fn main() {}
