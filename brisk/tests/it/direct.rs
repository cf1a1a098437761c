//! The direct path of `#[derive(Model)]` (`Model::read_valid`, see `brisk::model::direct`)
//! against the field-by-field path it shortcuts: whenever it accepts a body, the
//! field-by-field path accepts it too and builds the same value. Fixed bodies pin the cases
//! it must take (canonical input) and must leave alone (coercions, broken constraints,
//! what Python's `json` refuses beyond serde's scan); random bodies from the fuzz module's
//! generators do the rest.

use brisk::error::Errors;
use brisk::{Model, Value};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{TestCaseError, TestRunner};

// Fields are compared through `Debug`.
#[allow(dead_code)]
#[derive(brisk::Model, Debug)]
struct Item {
    #[brisk(min_length = 1, max_length = 50)]
    name: String,
    #[brisk(gt = 0)]
    price: f64,
    #[brisk(default, max_length = 10)]
    tags: Vec<String>,
    description: Option<String>,
}

// Fields are compared through `Debug`.
#[allow(dead_code)]
#[derive(brisk::Model, Debug)]
struct Offer {
    title: Option<String>,
    items: Vec<Item>,
}

#[derive(brisk::Model, Debug)]
enum Kind {
    #[serde(rename = "pen")]
    Pen,
    Pencil,
}

#[allow(dead_code)]
#[derive(brisk::Model, Debug)]
#[serde(deny_unknown_fields)]
struct Strict {
    #[brisk(alias = "title")]
    label: String,
    #[brisk(ge = 1, le = 200)]
    price: u8,
    description: Option<f32>,
}

// Fields are compared through `Debug`.
#[allow(dead_code)]
#[derive(brisk::Model, Debug)]
struct Loose {
    name: Value,
    price: i64,
    #[brisk(default)]
    tags: Option<Vec<bool>>,
    description: Option<Kind>,
    #[brisk(default = Box::new(serde_json::Map::new()))]
    items: Box<serde_json::Map<String, Value>>,
}

/// What each path makes of `text`: the direct path's value, if it took the body, and the
/// field-by-field path's.
fn both<T: Model + std::fmt::Debug>(text: &str) -> (Option<String>, Option<String>) {
    let mut de = serde_json::Deserializer::from_str(text);
    let direct = T::read_valid(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .ok()
        .map(|v| format!("{v:?}"));
    let slow = serde_json::from_str::<Value>(text).ok().and_then(|value| {
        T::from_json(&value, &mut Vec::new(), &mut Errors::new()).map(|v| format!("{v:?}"))
    });
    (direct, slow)
}

/// The direct path agrees with the field-by-field path on `text`; whether it took it.
fn agrees<T: Model + std::fmt::Debug>(text: &str) -> Result<bool, String> {
    match both::<T>(text) {
        (None, _) => Ok(false),
        (Some(d), Some(s)) if d == s => Ok(true),
        (Some(d), s) => Err(format!(
            "{}: {text}\n  direct: {d}\n  field by field: {s:?}",
            std::any::type_name::<T>()
        )),
    }
}

fn agrees_all(text: &str) -> Result<u8, String> {
    let mut taken = 0;
    for took in [
        agrees::<Item>(text)?,
        agrees::<Offer>(text)?,
        agrees::<Strict>(text)?,
        agrees::<Loose>(text)?,
    ] {
        taken = taken * 2 + u8::from(took);
    }
    Ok(taken)
}

#[test]
fn canonical_bodies_take_the_direct_path() {
    let taken = [
        (r#"{"name":"Pen","price":2.5}"#, "Item"),
        (
            r#"{"name":"Pen","price":2,"tags":["a","b"],"description":null,"x":[1,{"y":2}]}"#,
            "Item",
        ),
        (
            r#" {"price":1e2,"name":"\u00e9\ud83d\ude00","name":"Pen"} "#,
            "Item",
        ),
        (r#"{"items":[{"name":"a","price":1}],"title":"t"}"#, "Offer"),
        (r#"{"title":"Pen","price":200,"description":1.5}"#, "Strict"),
        (
            r#"{"name":{"a":[1,2.5,null]},"price":-7,"tags":[true],"description":"pen"}"#,
            "Loose",
        ),
        (
            r#"{"name":null,"price":0,"description":"Pencil","items":{"k":1}}"#,
            "Loose",
        ),
    ];
    for (text, model) in taken {
        let took = match model {
            "Item" => agrees::<Item>(text),
            "Offer" => agrees::<Offer>(text),
            "Strict" => agrees::<Strict>(text),
            _ => agrees::<Loose>(text),
        };
        assert_eq!(took, Ok(true), "{model} {text}");
    }
}

#[test]
fn everything_else_takes_the_field_by_field_path() {
    let left = [
        // pydantic's coercions
        (r#"{"name":"Pen","price":"2.5"}"#, "Item"),
        (r#"{"name":"Pen","price":true}"#, "Item"),
        (r#"{"title":"Pen","price":2.0}"#, "Strict"),
        (r#"{"title":"Pen","price":"2"}"#, "Strict"),
        (r#"{"name":1,"price":1.0}"#, "Loose"),
        // constraints, missing and unknown fields, choices
        (r#"{"name":"","price":1}"#, "Item"),
        (r#"{"name":"Pen","price":0}"#, "Item"),
        (
            r#"{"name":"Pen","price":1,"tags":["1","2","3","4","5","6","7","8","9","10","11"]}"#,
            "Item",
        ),
        (r#"{"name":"Pen"}"#, "Item"),
        (r#"{"title":"Pen","price":0}"#, "Strict"),
        (r#"{"title":"Pen","price":256}"#, "Strict"),
        (r#"{"label":"Pen","price":1}"#, "Strict"),
        (r#"{"title":"Pen","price":1,"x":1}"#, "Strict"),
        (r#"{"title":"Pen","price":1,"description":1e39}"#, "Strict"),
        (r#"{"name":1,"price":1,"description":"Pen"}"#, "Loose"),
        // Python's json refuses these; serde's scan of an unknown field would not
        (r#"{"name":"Pen","price":1,"x":1e400}"#, "Item"),
        (r#"{"name":"Pen","price":1,"x":"\ud800"}"#, "Item"),
        (
            &format!(
                r#"{{"name":"Pen","price":1,"x":{}{}}}"#,
                "[".repeat(200),
                "]".repeat(200)
            ),
            "Item",
        ),
        // not an object, trailing bytes
        (r#"[{"name":"Pen","price":1}]"#, "Item"),
        (r#"{"name":"Pen","price":1} x"#, "Item"),
    ];
    for (text, model) in left {
        let took = match model {
            "Item" => agrees::<Item>(text),
            "Offer" => agrees::<Offer>(text),
            "Strict" => agrees::<Strict>(text),
            _ => agrees::<Loose>(text),
        };
        assert_eq!(took, Ok(false), "{model} {text}");
    }
}

/// Objects with the test models' keys, their values mostly plausible for the key, sometimes
/// anything.
fn model_like() -> impl Strategy<Value = String> {
    fn value(plausible: &[&'static str]) -> impl Strategy<Value = String> {
        let any = select(vec![
            r#""""#, r#""2.5""#, "2.5", "0", "-1", "-0", "1.0", "null", "true", "[]", "{}",
        ]);
        prop_oneof![
            6 => select(plausible.to_vec()).prop_map(str::to_owned),
            2 => any.prop_map(str::to_owned),
            1 => crate::fuzz::json_value(),
        ]
    }
    let fields = (
        value(&[r#""Pen""#, r#""\u00e9\ud83d\ude00""#, r#"{"a":[1]}"#]),
        value(&["2.5", "200", "1e2", "7"]),
        value(&[r#"["a","b"]"#, "[true,false]", "null"]),
        value(&[r#""pen""#, r#""Pencil""#, "1.5", "null"]),
        value(&[r#""Pen""#, "null"]),
        value(&[r#"[{"name":"a","price":1}]"#, r#"{"k":[1,null]}"#, "[]"]),
        value(&[r#""Pen""#]),
        value(&["1", r#"{"y":[]}"#]),
    );
    let present = prop::collection::vec(prop::bool::weighted(0.6), 8);
    (fields, present).prop_map(|(f, present)| {
        let values = [f.0, f.1, f.2, f.3, f.4, f.5, f.6, f.7];
        let keys = [
            "name",
            "price",
            "tags",
            "description",
            "title",
            "items",
            "label",
            "x",
        ];
        let fields: Vec<String> = keys
            .iter()
            .zip(values)
            .zip(present)
            .filter(|(_, p)| *p)
            .map(|((k, v), _)| format!("\"{k}\":{v}"))
            .collect();
        format!("{{{}}}", fields.join(","))
    })
}

#[test]
fn random_bodies_agree() {
    let mut runner = TestRunner::new(crate::fuzz::config());
    let taken = std::cell::Cell::new(0u32);
    let bodies = prop_oneof![model_like(), crate::fuzz::json_body()];
    runner
        .run(&bodies, |text| {
            let t = agrees_all(&text).map_err(TestCaseError::fail)?;
            taken.set(taken.get() + t.count_ones());
            Ok(())
        })
        .unwrap();
    // Random items are valid often enough for the direct path to be exercised.
    assert!(taken.get() >= 20, "direct path taken {} times", taken.get());
}

/// The schemas `#[derive(Model)]` writes: keys in pydantic's order, `required` only for
/// fields without a default that cannot be absent, `additionalProperties` for
/// `deny_unknown_fields`, defaults written out.
#[test]
fn derived_schemas() {
    let mut gen = brisk::model::SchemaGen::new();
    assert_eq!(
        Strict::schema(&mut gen).to_string(),
        r##"{"$ref":"#/components/schemas/Strict"}"##
    );
    Loose::schema(&mut gen);
    let defs: Vec<String> = gen
        .into_defs()
        .into_iter()
        .map(|(name, schema)| format!("{name}: {schema}"))
        .collect();
    assert_eq!(
        defs,
        [
            r##"Kind: {"enum":["pen","Pencil"],"title":"Kind","type":"string"}"##,
            r##"Loose: {"properties":{"name":{"title":"Name"},"price":{"type":"integer","title":"Price"},"tags":{"anyOf":[{"items":{"type":"boolean"},"type":"array"},{"type":"null"}],"title":"Tags","default":null},"description":{"anyOf":[{"$ref":"#/components/schemas/Kind"},{"type":"null"}],"title":"Description"},"items":{"type":"object","title":"Items","default":{}}},"type":"object","required":["name","price"],"title":"Loose"}"##,
            r##"Strict: {"properties":{"title":{"type":"string","title":"Label"},"price":{"type":"integer","maximum":200,"minimum":1,"title":"Price"},"description":{"anyOf":[{"type":"number"},{"type":"null"}],"title":"Description"}},"type":"object","additionalProperties":false,"required":["title","price"],"title":"Strict"}"##,
        ]
    );
}
