//! Every key of `#[brisk(...)]` on a Model field, each checked by a direct parse: what the
//! key accepts passes, what it refuses is the error the guide's table names.

use brisk::error::Errors;
use brisk::{json, Model, Value};

fn default_currency() -> String {
    "EUR".to_owned()
}

#[derive(brisk::Model, Debug)]
struct Item {
    #[brisk(min_length = 1, max_length = 5)]
    name: String,
    #[brisk(gt = 0, lt = 1000.5)]
    price: f64,
    #[brisk(ge = -10, le = 10, multiple_of = 2)]
    offset: i32,
    #[brisk(min_length = 1, max_length = 2)]
    tags: Vec<String>,
    #[brisk(default)]
    quantity: u32,
    #[brisk(default = default_currency())]
    currency: String,
    #[brisk(alias = "itemCode", default = 7.0, multiple_of = 0.5)]
    item_code: f64,
}

/// The `(type, loc)` of every error `value` gives, or the parsed item.
fn parse(value: Value) -> Result<Item, Vec<(String, Value)>> {
    let mut errors = Errors::new();
    match Item::from_json(&value, &mut Vec::new(), &mut errors) {
        Some(item) => Ok(item),
        None => Err(errors
            .into_result()
            .unwrap()
            .errors()
            .iter()
            .map(|e| (e.kind.to_string(), json!(e.loc)))
            .collect()),
    }
}

fn main() {
    let item =
        parse(json!({ "name": "Pen", "price": 2.5, "offset": -4, "tags": ["a"], "itemCode": 1.5 }))
            .unwrap();
    assert_eq!(item.quantity, 0);
    assert_eq!(item.currency, "EUR");
    assert_eq!(item.item_code, 1.5);
    assert_eq!(
        (item.name.as_str(), item.price, item.offset, item.tags.len()),
        ("Pen", 2.5, -4, 1)
    );

    let item =
        parse(json!({ "name": "Pen", "price": 1, "offset": 0, "tags": ["a", "b"] })).unwrap();
    assert_eq!(item.item_code, 7.0);

    let errors = parse(json!({
        "name": "",
        "price": 1000.5,
        "offset": 3,
        "tags": [],
        "item_code": "ignored: the alias is the key",
        "itemCode": 0.25,
    }))
    .unwrap_err();
    let expected = [
        ("string_too_short", json!(["name"])),
        ("less_than", json!(["price"])),
        ("multiple_of", json!(["offset"])),
        ("too_short", json!(["tags"])),
        ("multiple_of", json!(["itemCode"])),
    ];
    let expected: Vec<(String, Value)> = expected
        .into_iter()
        .map(|(k, l)| (k.to_owned(), l))
        .collect();
    assert_eq!(errors, expected);

    let errors =
        parse(json!({ "name": "Pencil", "price": 0, "offset": -12, "tags": ["a", "b", "c"] }))
            .unwrap_err();
    let kinds: Vec<&str> = errors.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "string_too_long",
            "greater_than",
            "greater_than_equal",
            "too_long"
        ]
    );
}
