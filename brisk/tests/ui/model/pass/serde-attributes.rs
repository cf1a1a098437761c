//! The serde attributes a Model honours, so that one set of attributes serves both
//! directions: `rename`, `rename(deserialize = ...)`, `rename_all`, `default` on a field or
//! on the struct, `deny_unknown_fields`; serde's other attributes are left to serde.

use brisk::error::Errors;
use brisk::{json, Model, Value};
use serde::{Deserialize, Serialize};

fn one() -> u32 {
    1
}

#[derive(brisk::Model, Deserialize, Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Item {
    item_name: String,
    #[serde(rename = "cost")]
    unit_price: f64,
    #[serde(rename(serialize = "qty_out", deserialize = "qty"), default = "one")]
    quantity: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(brisk::Model, Deserialize, Default, Debug)]
#[serde(default)]
struct Settings {
    page_size: u32,
    #[brisk(le = 10)]
    retries: u8,
}

fn errors(value: Value) -> Vec<(String, Value)> {
    let mut errors = Errors::new();
    assert!(Item::from_json(&value, &mut Vec::new(), &mut errors).is_none());
    errors
        .into_result()
        .unwrap()
        .errors()
        .iter()
        .map(|e| (e.kind.to_string(), json!(e.loc)))
        .collect()
}

fn main() {
    let value = json!({ "itemName": "Pen", "cost": 2.5 });
    let item = Item::from_json(&value, &mut Vec::new(), &mut Errors::new()).unwrap();
    // brisk reads what serde reads.
    assert_eq!(item, serde_json::from_value::<Item>(value).unwrap());
    assert_eq!(item.quantity, 1);
    let value = json!({ "itemName": "Pen", "cost": 2.5, "qty": 3, "note": "blue" });
    let item = Item::from_json(&value, &mut Vec::new(), &mut Errors::new()).unwrap();
    assert_eq!(item, serde_json::from_value::<Item>(value).unwrap());

    // The field's own errors come first, then `extra_forbidden` for each unknown key.
    assert_eq!(
        errors(json!({ "item_name": "Pen", "cost": "free", "unit_price": 1 })),
        [
            ("missing".to_owned(), json!(["itemName"])),
            ("float_parsing".to_owned(), json!(["cost"])),
            ("extra_forbidden".to_owned(), json!(["item_name"])),
            ("extra_forbidden".to_owned(), json!(["unit_price"])),
        ]
    );

    // `#[serde(default)]` on the struct: every missing field takes its value in `Default`.
    let settings = Settings::from_json(
        &json!({ "retries": 3 }),
        &mut Vec::new(),
        &mut Errors::new(),
    )
    .unwrap();
    assert_eq!((settings.page_size, settings.retries), (0, 3));
    assert!(Settings::from_json(
        &json!({ "retries": 11 }),
        &mut Vec::new(),
        &mut Errors::new()
    )
    .is_none());
}
