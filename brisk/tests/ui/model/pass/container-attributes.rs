//! The keys `#[brisk(...)]` takes on the struct itself: `rename_all`, `deny_unknown_fields`
//! (or pydantic's name for it, `forbid_extra`) and `default`, read as serde reads its own.

use brisk::error::Errors;
use brisk::{json, Model};

#[derive(brisk::Model, Debug)]
#[brisk(rename_all = "camelCase", forbid_extra)]
struct Item {
    item_name: String,
}

#[derive(brisk::Model, Default, Debug)]
#[brisk(default, deny_unknown_fields)]
struct Settings {
    page_size: u32,
}

fn main() {
    let mut errors = Errors::new();
    let item = Item::from_json(&json!({ "itemName": "Pen" }), &mut Vec::new(), &mut errors);
    assert_eq!(item.unwrap().item_name, "Pen");
    let item = Item::from_json(&json!({ "itemName": "Pen", "x": 1 }), &mut Vec::new(), &mut errors);
    assert!(item.is_none());

    let settings = Settings::from_json(&json!({}), &mut Vec::new(), &mut Errors::new());
    assert_eq!(settings.unwrap().page_size, 0);
    let settings = Settings::from_json(&json!({ "x": 1 }), &mut Vec::new(), &mut Errors::new());
    assert!(settings.is_none());
}
