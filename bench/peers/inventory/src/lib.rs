//! The JSON-body POST of issue 6 (`POST /inventory`) for the hand-written peers: FastAPI's
//! `Item` model with its constraints, checked by hand, every failed constraint reported in
//! FastAPI's 422 body. One copy for hyper, axum and actix-web: the framework-specific part
//! (reading the body, answering) stays in each peer.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// An inventory item: name 1–50 characters, price > 0, at most 10 tags (default none).
#[derive(Deserialize, Serialize)]
pub struct Item {
    pub name: String,
    pub price: f64,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Serialize)]
pub struct BodyError {
    #[serde(rename = "type")]
    kind: &'static str,
    loc: [&'static str; 2],
    msg: String,
    input: Value,
    ctx: Value,
}

/// FastAPI's 422 body for a request body.
#[derive(Serialize)]
pub struct Detail {
    detail: Vec<BodyError>,
}

/// The item, or the 422 body naming every constraint it breaks. A body that is not an
/// `Item` at all gets a short 422 (not compared by the harness).
pub fn validate_item(body: &[u8]) -> Result<Item, Detail> {
    let item: Item = serde_json::from_slice(body).map_err(|e| Detail {
        detail: vec![BodyError {
            kind: "json_invalid",
            loc: ["body", "item"],
            msg: e.to_string(),
            input: Value::Null,
            ctx: json!({}),
        }],
    })?;
    let mut errors = Vec::new();
    let chars = item.name.chars().count();
    if chars < 1 {
        errors.push(BodyError {
            kind: "string_too_short",
            loc: ["body", "name"],
            msg: "String should have at least 1 character".to_owned(),
            input: json!(item.name),
            ctx: json!({ "min_length": 1 }),
        });
    } else if chars > 50 {
        errors.push(BodyError {
            kind: "string_too_long",
            loc: ["body", "name"],
            msg: "String should have at most 50 characters".to_owned(),
            input: json!(item.name),
            ctx: json!({ "max_length": 50 }),
        });
    }
    if item.price <= 0.0 || item.price.is_nan() {
        errors.push(BodyError {
            kind: "greater_than",
            loc: ["body", "price"],
            msg: "Input should be greater than 0".to_owned(),
            input: json!(item.price),
            ctx: json!({ "gt": 0.0 }),
        });
    }
    if item.tags.len() > 10 {
        errors.push(BodyError {
            kind: "too_long",
            loc: ["body", "tags"],
            msg: format!(
                "List should have at most 10 items after validation, not {}",
                item.tags.len()
            ),
            input: json!(item.tags),
            ctx: json!({ "field_type": "List", "max_length": 10, "actual_length": item.tags.len() }),
        });
    }
    if errors.is_empty() {
        Ok(item)
    } else {
        Err(Detail { detail: errors })
    }
}
