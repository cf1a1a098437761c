//! `status_code` as a literal, a `brisk::status` constant, an `http::StatusCode` (re-exported
//! as `brisk::StatusCode`), a constant of the user's, and 1xx-5xx bounds.

use brisk::{status, StatusCode};

const TEAPOT: StatusCode = match StatusCode::from_u16(418) {
    Ok(code) => code,
    Err(_) => panic!("not a status code"),
};

#[brisk::post("/literal", status_code = 201)]
async fn literal() -> brisk::Value {
    brisk::json!({})
}

#[brisk::post("/suffixed", status_code = 201u16)]
async fn suffixed() -> brisk::Value {
    brisk::json!({})
}

#[brisk::post("/constant", status_code = status::HTTP_201_CREATED)]
async fn constant() -> brisk::Value {
    brisk::json!({})
}

#[brisk::post("/full-path", status_code = brisk::status::HTTP_202_ACCEPTED)]
async fn full_path() -> brisk::Value {
    brisk::json!({})
}

#[brisk::post("/http", status_code = http::StatusCode::CREATED)]
async fn http_constant() -> brisk::Value {
    brisk::json!({})
}

#[brisk::post("/reexport", status_code = StatusCode::CREATED)]
async fn reexport() -> brisk::Value {
    brisk::json!({})
}

#[brisk::get("/teapot", status_code = TEAPOT)]
async fn teapot() -> brisk::Value {
    brisk::json!({})
}

#[brisk::get("/lowest", status_code = 100)]
async fn lowest() {}

#[brisk::get("/highest", status_code = 599)]
async fn highest() -> brisk::Value {
    brisk::json!({})
}

#[brisk::get("/default")]
async fn default_status() -> brisk::Value {
    brisk::json!({})
}

fn main() {
    assert_eq!(literal::STATUS, 201);
    assert_eq!(suffixed::STATUS, 201);
    assert_eq!(constant::STATUS, 201);
    assert_eq!(full_path::STATUS, 202);
    assert_eq!(http_constant::STATUS, 201);
    assert_eq!(reexport::STATUS, 201);
    assert_eq!(teapot::STATUS, 418);
    assert_eq!(lowest::STATUS, 100);
    assert_eq!(highest::STATUS, 599);
    assert_eq!(default_status::STATUS, 200);
    let routes = brisk::routes![
        literal,
        suffixed,
        constant,
        full_path,
        http_constant,
        reexport,
        teapot,
        lowest,
        highest,
        default_status,
    ];
    assert_eq!(routes[0].spec().status, 201);
    let _ = brisk::App::new().routes(routes).into_service();
}
