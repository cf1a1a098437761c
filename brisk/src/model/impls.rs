//! [`Model`] for std types, with pydantic v2's lax-mode coercions and messages.

use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde_json::{json, Map, Value};

use super::direct::{give_up, ValidSeed};
use super::{push_error, Model, SchemaGen};
use crate::error::{Errors, Loc};
use crate::extract::Scalar;

fn ty(t: &str) -> Value {
    json!({ "type": t })
}

impl Model for String {
    fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self> {
        match value {
            Value::String(s) => Some(s.clone()),
            _ => {
                push_error(
                    errors,
                    loc,
                    "string_type",
                    "Input should be a valid string",
                    value,
                );
                None
            }
        }
    }

    fn schema(_: &mut SchemaGen) -> Value {
        ty("string")
    }

    fn read_valid<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)
    }
}

impl Model for bool {
    fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self> {
        let parsing = "Input should be a valid boolean, unable to interpret input";
        match value {
            Value::Bool(b) => Some(*b),
            Value::Number(n) => match n.as_i64() {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => {
                    push_error(errors, loc, "bool_parsing", parsing, value);
                    None
                }
            },
            Value::String(s) => match <bool as Scalar>::parse(s) {
                Ok(b) => Some(b),
                Err(_) => {
                    push_error(errors, loc, "bool_parsing", parsing, value);
                    None
                }
            },
            _ => {
                push_error(
                    errors,
                    loc,
                    "bool_type",
                    "Input should be a valid boolean",
                    value,
                );
                None
            }
        }
    }

    fn schema(_: &mut SchemaGen) -> Value {
        ty("boolean")
    }

    fn read_valid<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        bool::deserialize(d)
    }
}

/// A JSON integer (or what pydantic's lax mode takes for one) within `min..=max`: the whole of
/// every integer type's [`Model::from_json`], which only passes its bounds.
fn int_from_json(
    value: &Value,
    loc: &[Loc],
    errors: &mut Errors,
    min: i128,
    max: i128,
) -> Option<i128> {
    let wide: i128 = match value {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i128::from(i)
            } else if let Some(u) = n.as_u64() {
                i128::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if f.fract() != 0.0 || !f.is_finite() {
                    push_error(
                        errors,
                        loc,
                        "int_from_float",
                        "Input should be a valid integer, got a number with a fractional part",
                        value,
                    );
                    return None;
                }
                // Whole floats beyond i128 saturate and fail the range check below.
                f as i128
            }
        }
        Value::Bool(b) => i128::from(*b),
        Value::String(s) => match <i128 as Scalar>::parse(s) {
            Ok(i) => i,
            Err(_) => {
                push_error(
                    errors,
                    loc,
                    "int_parsing",
                    "Input should be a valid integer, unable to parse string as an integer",
                    value,
                );
                return None;
            }
        },
        _ => {
            push_error(
                errors,
                loc,
                "int_type",
                "Input should be a valid integer",
                value,
            );
            return None;
        }
    };
    match crate::extract::int_in_range(wide, min, max) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e.into_detail_for(loc.to_vec(), value.clone()));
            None
        }
    }
}

macro_rules! model_int {
    ($($t:ty),*) => {$(
        impl Model for $t {
            fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self> {
                // (In range: the cast is exact.)
                int_from_json(value, loc, errors, <$t>::MIN as i128, <$t>::MAX as i128)
                    .map(|v| v as $t)
            }

            fn schema(_: &mut SchemaGen) -> Value {
                ty("integer")
            }

            /// A JSON integer in range; serde refuses floats, strings, booleans.
            fn read_valid<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t>::deserialize(d)
            }
        }
    )*};
}
model_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl Scalar for i128 {
    const SCHEMA_TYPE: &'static str = "integer";

    fn parse(s: &str) -> Result<Self, crate::extract::ScalarError> {
        crate::extract::parse_int_text(s)
    }
}

macro_rules! model_float {
    ($($t:ty),*) => {$(
        impl Model for $t {
            #[allow(clippy::cast_possible_truncation)]
            fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self> {
                match value {
                    Value::Number(n) => match n.as_f64() {
                        Some(f) if (f as $t).is_finite() => Some(f as $t),
                        _ => {
                            push_error(errors, loc, "finite_number", "Input should be a finite number", value);
                            None
                        }
                    },
                    Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
                    Value::String(s) => match <$t as Scalar>::parse(s) {
                        Ok(f) => Some(f),
                        Err(e) => {
                            let detail = e.into_detail(loc.clone(), s);
                            errors.push(crate::error::ErrorDetail { input: value.clone(), ..detail });
                            None
                        }
                    },
                    _ => {
                        push_error(errors, loc, "float_type", "Input should be a valid number", value);
                        None
                    }
                }
            }

            fn schema(_: &mut SchemaGen) -> Value {
                ty("number")
            }

            /// A JSON number (integers too, as `as_f64` does) that stays finite.
            #[allow(clippy::cast_possible_truncation)]
            fn read_valid<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let f = f64::deserialize(d)? as $t;
                if f.is_finite() { Ok(f) } else { Err(give_up()) }
            }
        }
    )*};
}
model_float!(f32, f64);

impl<T: Model> Model for Option<T> {
    fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            v => T::from_json(v, loc, errors).map(Some),
        }
    }

    fn absent() -> Option<Self> {
        Some(None)
    }

    fn schema(gen: &mut SchemaGen) -> Value {
        json!({ "anyOf": [T::schema(gen), { "type": "null" }] })
    }

    fn read_valid<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<fn() -> T>);
        impl<'de, T: Model> Visitor<'de> for V<T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("null or a value")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
                T::read_valid(d).map(Some)
            }
        }
        d.deserialize_option(V(PhantomData))
    }
}

impl<T: Model> Model for Box<T> {
    fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self> {
        T::from_json(value, loc, errors).map(Box::new)
    }

    fn absent() -> Option<Self> {
        T::absent().map(Box::new)
    }

    fn schema(gen: &mut SchemaGen) -> Value {
        T::schema(gen)
    }

    fn read_valid<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::read_valid(d).map(Box::new)
    }
}

impl<T: Model> Model for Vec<T> {
    fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self> {
        let Value::Array(items) = value else {
            push_error(
                errors,
                loc,
                "list_type",
                "Input should be a valid list",
                value,
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            loc.push(Loc::Index(i));
            match T::from_json(item, loc, errors) {
                Some(v) => out.push(v),
                None => ok = false,
            }
            loc.pop();
        }
        ok.then_some(out)
    }

    fn schema(gen: &mut SchemaGen) -> Value {
        json!({ "items": T::schema(gen), "type": "array" })
    }

    fn read_valid<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<fn() -> T>);
        impl<'de, T: Model> Visitor<'de> for V<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element_seed(ValidSeed::<T>::new())? {
                    out.push(item);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(V(PhantomData))
    }
}

fn object_entries<'v, T: Model>(
    value: &'v Value,
    loc: &mut Vec<Loc>,
    errors: &mut Errors,
) -> Option<Vec<(&'v String, T)>> {
    let Value::Object(map) = value else {
        push_error(
            errors,
            loc,
            "dict_type",
            "Input should be a valid dictionary",
            value,
        );
        return None;
    };
    let mut out = Vec::with_capacity(map.len());
    let mut ok = true;
    for (k, v) in map {
        loc.push(Loc::Key(k.clone().into()));
        match T::from_json(v, loc, errors) {
            Some(v) => out.push((k, v)),
            None => ok = false,
        }
        loc.pop();
    }
    ok.then_some(out)
}

impl<T: Model, S: std::hash::BuildHasher + Default> Model for HashMap<String, T, S> {
    fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self> {
        object_entries(value, loc, errors)
            .map(|e| e.into_iter().map(|(k, v)| (k.clone(), v)).collect())
    }

    fn schema(gen: &mut SchemaGen) -> Value {
        json!({ "additionalProperties": T::schema(gen), "type": "object" })
    }
}

impl<T: Model> Model for BTreeMap<String, T> {
    fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self> {
        object_entries(value, loc, errors)
            .map(|e| e.into_iter().map(|(k, v)| (k.clone(), v)).collect())
    }

    fn schema(gen: &mut SchemaGen) -> Value {
        json!({ "additionalProperties": T::schema(gen), "type": "object" })
    }
}

impl Model for Value {
    fn from_json(value: &Value, _: &mut Vec<Loc>, _: &mut Errors) -> Option<Self> {
        Some(value.clone())
    }

    fn absent() -> Option<Self> {
        None
    }

    fn schema(_: &mut SchemaGen) -> Value {
        json!({})
    }

    fn read_valid<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Value::deserialize(d)
    }
}

impl Model for Map<String, Value> {
    fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self> {
        match value {
            Value::Object(m) => Some(m.clone()),
            _ => {
                push_error(
                    errors,
                    loc,
                    "dict_type",
                    "Input should be a valid dictionary",
                    value,
                );
                None
            }
        }
    }

    fn schema(_: &mut SchemaGen) -> Value {
        json!({ "type": "object" })
    }

    fn read_valid<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Map::deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `T::from_json` makes of `input`: the value, or the errors as FastAPI writes them.
    fn read<T: Model + std::fmt::Debug>(input: Value) -> Result<T, String> {
        let mut errors = Errors::new();
        let mut loc = vec![Loc::from("body"), Loc::from("n")];
        match T::from_json(&input, &mut loc, &mut errors) {
            Some(v) => Ok(v),
            None => match errors.into_result() {
                Ok(e) => Err(json!(e.errors()).to_string()),
                Err(_) => Err("a fatal response".to_owned()),
            },
        }
    }

    #[test]
    fn integers_out_of_their_types_range_name_the_bound() {
        assert_eq!(read::<i8>(json!(-128)), Ok(-128));
        assert_eq!(
            read::<i8>(json!(200)),
            Err(r#"[{"type":"less_than_equal","loc":["body","n"],"msg":"Input should be less than or equal to 127","input":200,"ctx":{"le":127}}]"#.to_owned())
        );
        assert_eq!(
            read::<u64>(json!("-1")),
            Err(r#"[{"type":"greater_than_equal","loc":["body","n"],"msg":"Input should be greater than or equal to 0","input":"-1","ctx":{"ge":0}}]"#.to_owned())
        );
        assert_eq!(read::<u64>(json!(u64::MAX)), Ok(u64::MAX));
        // Past u64, serde_json holds the number as a float: whole, so only the range fails.
        assert_eq!(
            read::<u64>(serde_json::from_str("18446744073709551616").unwrap()),
            Err(r#"[{"type":"less_than_equal","loc":["body","n"],"msg":"Input should be less than or equal to 18446744073709551615","input":1.8446744073709552e+19,"ctx":{"le":18446744073709551615}}]"#.to_owned())
        );
        assert_eq!(read::<i64>(json!(i64::MIN)), Ok(i64::MIN));
        assert_eq!(read::<u16>(json!(true)), Ok(1));
        assert_eq!(read::<i32>(json!(" 42 ")), Ok(42));
    }

    #[test]
    fn integers_refuse_fractions_and_other_types() {
        assert_eq!(
            read::<i32>(json!(1.5)),
            Err(r#"[{"type":"int_from_float","loc":["body","n"],"msg":"Input should be a valid integer, got a number with a fractional part","input":1.5}]"#.to_owned())
        );
        assert_eq!(
            read::<i32>(json!([1])),
            Err(r#"[{"type":"int_type","loc":["body","n"],"msg":"Input should be a valid integer","input":[1]}]"#.to_owned())
        );
        assert_eq!(
            read::<usize>(json!("x")),
            Err(r#"[{"type":"int_parsing","loc":["body","n"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]"#.to_owned())
        );
    }
}
