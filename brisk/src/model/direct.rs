//! The direct path: a body that is already valid, read straight from its JSON text.
//!
//! Validating through a [`serde_json::Value`] costs a map, a hash per key and a copy of
//! every string before a single field is checked. Most bodies are valid and already in
//! canonical form (a JSON string for a `String`, a number for an `f64`), so
//! [`Model::read_valid`] first tries to read the value straight from the parser's events:
//! it accepts only input that the field-by-field path accepts unchanged, with the same
//! result, and gives up on anything else — a coercion, a missing field, a broken
//! constraint, a type it does not know. Giving up costs a second parse; the field-by-field
//! path then finds every error and reports it, so answers are the same either way.

use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, Error, Visitor};

use super::Model;

/// The error that sends a body down the field-by-field path.
pub fn give_up<E: Error>() -> E {
    E::custom("not canonical: validate field by field")
}

/// Reads a `T` with [`Model::read_valid`] wherever serde wants a seed (array items, map
/// values).
#[derive(Debug)]
pub struct ValidSeed<T>(PhantomData<fn() -> T>);

impl<T> ValidSeed<T> {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        ValidSeed(PhantomData)
    }
}

impl<'de, T: Model> DeserializeSeed<'de> for ValidSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::read_valid(d)
    }
}

/// An object key as the position of the field it names (`None`: not a field), without
/// copying the key.
#[derive(Debug)]
pub struct KeyIndex(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeyIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|k| *k == key))
    }
}

/// Reads a JSON string that must be one of `choices` (a unit enum's values); its index.
pub fn read_choice<'de, D: Deserializer<'de>>(
    d: D,
    choices: &'static [&'static str],
) -> Result<usize, D::Error> {
    KeyIndex(choices).deserialize(d)?.ok_or_else(give_up)
}

/// An unknown field's value, parsed in full and dropped. Not serde's `IgnoredAny`: that only
/// scans, so it would let through numbers beyond `f64` and nesting deeper than the parser's
/// limit, which the field-by-field path refuses.
#[derive(Debug)]
pub struct Skip;

impl<'de> serde::Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Skip, D::Error> {
        d.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E: Error>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E: Error>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E: Error>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E: Error>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_unit<E: Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}
