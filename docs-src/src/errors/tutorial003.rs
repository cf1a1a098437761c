use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use brisk::{json, App, HttpError, IntoResponse, JsonResponse, Response, State, Value};

type Stock = Arc<Mutex<HashMap<i64, u32>>>;

#[derive(Debug)]
enum StoreError {
    NotFound(i64),
    OutOfStock { item_id: i64, left: u32 },
}

impl IntoResponse for StoreError {
    fn into_response(self) -> Response {
        match self {
            StoreError::NotFound(item_id) => {
                HttpError::not_found(format!("Item {item_id} not found")).into_response()
            }
            StoreError::OutOfStock { item_id, left } => JsonResponse::new(
                json!({ "detail": "Out of stock", "item_id": item_id, "left": left }),
            )
            .status_code(409)
            .into_response(),
        }
    }
}

fn reserve(stock: &mut HashMap<i64, u32>, item_id: i64, quantity: u32) -> Result<u32, StoreError> {
    let left = stock
        .get_mut(&item_id)
        .ok_or(StoreError::NotFound(item_id))?;
    if *left < quantity {
        return Err(StoreError::OutOfStock {
            item_id,
            left: *left,
        });
    }
    *left -= quantity;
    Ok(*left)
}

#[brisk::post(
    "/items/{item_id}/reservations",
    responses = [(404, "No such item"), (409, "Not enough in stock")]
)]
async fn reserve_item(
    item_id: i64,
    quantity: u32,
    State(stock): State<Stock>,
) -> Result<Value, StoreError> {
    let left = reserve(&mut stock.lock().unwrap(), item_id, quantity)?;
    Ok(json!({ "item_id": item_id, "reserved": quantity, "left": left }))
}

pub fn app() -> App {
    let stock: Stock = Arc::new(Mutex::new(HashMap::from([(1, 5)])));
    App::new().state(stock).routes(brisk::routes![reserve_item])
}
