//! `#[serde(skip)]` and `#[serde(skip_deserializing)]` as serde reads them: the field is not
//! read from the JSON (its key is unknown, an extra key under `deny_unknown_fields`), takes
//! its default (`Default::default()`, the field's `default = "path"`, or the struct's
//! `#[serde(default)]`), and is left out of the schema; its type need not be a Model. A
//! skipped enum variant is not a choice. `skip_serializing` only changes the output.

use brisk::error::Errors;
use brisk::model::SchemaGen;
use brisk::{json, Model, Value};
use serde::{Deserialize, Serialize};

/// Not a Model: a skipped field's type only needs a default.
#[derive(Default, Debug, PartialEq)]
struct Cache {
    hits: u32,
}

fn seven() -> u32 {
    7
}

#[derive(brisk::Model, Deserialize, Serialize, Debug, PartialEq)]
struct Item {
    name: String,
    #[serde(skip)]
    cache: Cache,
    #[serde(skip_deserializing, default = "seven")]
    revision: u32,
    #[serde(skip_serializing)]
    secret: String,
}

#[derive(brisk::Model, Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Strict {
    name: String,
    #[serde(skip_deserializing)]
    internal: u32,
}

#[derive(brisk::Model, Deserialize, Debug, PartialEq)]
#[serde(default)]
struct Settings {
    page_size: u32,
    #[serde(skip)]
    retries: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            page_size: 10,
            retries: 3,
        }
    }
}

#[derive(brisk::Model, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Size {
    Small,
    #[serde(skip_deserializing)]
    Internal,
    Large,
}

fn read<T: Model>(value: Value) -> Result<T, Vec<(String, Value)>> {
    let mut errors = Errors::new();
    T::from_json(&value, &mut Vec::new(), &mut errors).ok_or_else(|| {
        errors
            .into_result()
            .unwrap()
            .errors()
            .iter()
            .map(|e| (e.kind.to_string(), json!(e.loc)))
            .collect()
    })
}

fn schema<T: Model>() -> Value {
    let mut gen = SchemaGen::new();
    T::schema(&mut gen);
    gen.into_defs().remove(0).1
}

fn main() {
    // A body without the skipped fields is accepted; they take their defaults, as serde's.
    let value = json!({ "name": "Pen", "secret": "s" });
    let item: Item = read(value.clone()).unwrap();
    assert_eq!(item, serde_json::from_value::<Item>(value).unwrap());
    assert_eq!((item.cache.hits, item.revision), (0, 7));
    // Their keys are not read, whatever they hold.
    let value = json!({ "name": "Pen", "secret": "s", "cache": "x", "revision": "y" });
    let item: Item = read(value.clone()).unwrap();
    assert_eq!(item, serde_json::from_value::<Item>(value).unwrap());
    assert_eq!(item.revision, 7);
    // `skip_serializing` is output only: the field is read and required.
    assert_eq!(
        read::<Item>(json!({ "name": "Pen" })),
        Err(vec![("missing".to_owned(), json!(["secret"]))])
    );
    // The output leaves out what serde's Serialize skips (`skip`, `skip_serializing`).
    assert_eq!(
        serde_json::to_value(&item).unwrap(),
        json!({ "name": "Pen", "revision": 7 })
    );
    // The direct path (a valid body read straight from its text) agrees.
    let mut de = serde_json::Deserializer::from_str(r#"{"name": "Pen", "secret": "s", "cache": 1}"#);
    let item = Item::read_valid(&mut de).unwrap();
    assert_eq!((item.cache.hits, item.revision), (0, 7));
    let mut de = serde_json::Deserializer::from_str(r#"{"name": "Pen", "internal": 1}"#);
    assert!(Strict::read_valid(&mut de).is_err());

    // The schema leaves the skipped fields out of `properties` and `required`.
    let s = schema::<Item>();
    assert_eq!(
        s["properties"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["name", "secret"]
    );
    assert_eq!(s["required"], json!(["name", "secret"]));

    // Under `deny_unknown_fields`, a skipped field's key is an unknown key (serde: "unknown
    // field"; brisk: `extra_forbidden`).
    let strict: Strict = read(json!({ "name": "Pen" })).unwrap();
    assert_eq!(strict.internal, 0);
    let value = json!({ "name": "Pen", "internal": 1 });
    assert!(serde_json::from_value::<Strict>(value.clone()).is_err());
    assert_eq!(
        read::<Strict>(value),
        Err(vec![("extra_forbidden".to_owned(), json!(["internal"]))])
    );
    let s = schema::<Strict>();
    assert_eq!(s["properties"].as_object().unwrap().len(), 1);
    assert_eq!(s["required"], json!(["name"]));

    // With `#[serde(default)]` on the struct, a skipped field takes its value in the struct's
    // default.
    let value = json!({ "retries": 9 });
    let settings: Settings = read(value.clone()).unwrap();
    assert_eq!(settings, serde_json::from_value::<Settings>(value).unwrap());
    assert_eq!((settings.page_size, settings.retries), (10, 3));

    // A skipped variant is not a choice.
    assert_eq!(read::<Size>(json!("large")), Ok(Size::Large));
    assert!(serde_json::from_value::<Size>(json!("internal")).is_err());
    assert_eq!(
        read::<Size>(json!("internal")),
        Err(vec![("enum".to_owned(), json!([]))])
    );
    assert_eq!(schema::<Size>()["enum"], json!(["small", "large"]));
    let _ = Size::Internal;
}
