//! JSON Schema generation for OpenAPI: named models go to `components/schemas`.

use serde_json::{Map, Value};

/// Collects the named schemas met while describing types.
#[derive(Debug, Default)]
pub struct SchemaGen {
    defs: Vec<(String, Value)>,
    in_progress: Vec<String>,
}

impl SchemaGen {
    /// An empty generator.
    pub fn new() -> Self {
        SchemaGen::default()
    }

    /// A `$ref` to the named schema, building it with `build` the first time.
    pub fn named(&mut self, name: &str, build: impl FnOnce(&mut SchemaGen) -> Value) -> Value {
        let known =
            self.defs.iter().any(|(n, _)| n == name) || self.in_progress.iter().any(|n| n == name);
        if !known {
            self.in_progress.push(name.to_owned());
            let schema = build(self);
            self.in_progress.retain(|n| n != name);
            self.defs.push((name.to_owned(), schema));
        }
        let mut m = Map::new();
        m.insert(
            "$ref".to_owned(),
            Value::String(format!("#/components/schemas/{name}")),
        );
        Value::Object(m)
    }

    /// Adds a named schema as is.
    pub fn insert(&mut self, name: &str, schema: Value) {
        if !self.defs.iter().any(|(n, _)| n == name) {
            self.defs.push((name.to_owned(), schema));
        }
    }

    /// The named schemas, sorted by name as FastAPI writes them.
    pub fn into_defs(mut self) -> Vec<(String, Value)> {
        self.defs.sort_by(|a, b| a.0.cmp(&b.0));
        self.defs
    }
}

/// FastAPI's titles: `item_id` → `Item Id`.
///
/// ```
/// assert_eq!(brisk::model::title_case("item_id"), "Item Id");
/// ```
pub fn title_case(name: &str) -> String {
    name.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Python's `str.title()`: `x-token` → `X-Token`, `item_id` → `Item_Id`.
fn py_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_letter = false;
    for c in s.chars() {
        if c.is_alphabetic() {
            if prev_letter {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_letter = true;
        } else {
            out.push(c);
            prev_letter = false;
        }
    }
    out
}

/// A parameter's title as FastAPI writes it, from its name on the wire: `item_id` →
/// `Item Id`, `x-token` → `X-Token`.
///
/// ```
/// assert_eq!(brisk::model::param_title("x-token"), "X-Token");
/// assert_eq!(brisk::model::param_title("item_id"), "Item Id");
/// ```
pub fn param_title(wire_name: &str) -> String {
    py_title(wire_name).replace('_', " ")
}

/// Adds a field's constraints to its schema, as pydantic writes them (for an optional value,
/// to the non-null branch).
pub fn schema_with_constraints(schema: Value, c: &super::Constraints) -> Map<String, Value> {
    constrained(schema, c, false)
}

/// A model's object schema, field by field, in pydantic's layout: what `#[derive(Model)]`
/// builds its `schema` with. (The work is here, compiled once, rather than written out by
/// the derive in every model of every app.)
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct ObjectSchema {
    properties: Map<String, Value>,
    required: Vec<Value>,
}

impl ObjectSchema {
    /// No fields yet.
    pub fn new() -> Self {
        ObjectSchema::default()
    }

    /// A field: its type's `schema` with its constraints, its title and default; listed in
    /// `required` when `required`.
    pub fn field(
        &mut self,
        key: &str,
        title: &str,
        schema: Value,
        c: &super::Constraints,
        default: Option<Value>,
        required: bool,
    ) {
        let mut m = schema_with_constraints(schema, c);
        m.insert("title".to_owned(), Value::String(title.to_owned()));
        if let Some(default) = default {
            m.insert("default".to_owned(), default);
        }
        if required {
            self.required.push(Value::String(key.to_owned()));
        }
        self.properties.insert(key.to_owned(), Value::Object(m));
    }

    /// The object schema titled `title`; `deny_unknown_fields` adds
    /// `"additionalProperties": false`.
    pub fn finish(self, title: &str, deny_unknown_fields: bool) -> Value {
        let mut obj = Map::new();
        obj.insert("properties".to_owned(), Value::Object(self.properties));
        obj.insert("type".to_owned(), "object".into());
        if deny_unknown_fields {
            obj.insert("additionalProperties".to_owned(), Value::Bool(false));
        }
        if !self.required.is_empty() {
            obj.insert("required".to_owned(), Value::Array(self.required));
        }
        obj.insert("title".to_owned(), title.into());
        Value::Object(obj)
    }
}

/// Adds a parameter's constraints to its schema: FastAPI writes `minLength` before
/// `maxLength` there, where a model field has them the other way round.
pub fn param_schema_with_constraints(schema: Value, c: &super::Constraints) -> Map<String, Value> {
    constrained(schema, c, true)
}

fn constrained(schema: Value, c: &super::Constraints, min_first: bool) -> Map<String, Value> {
    let mut map = match schema {
        Value::Object(m) => m,
        other => {
            let mut m = Map::new();
            m.insert("allOf".to_owned(), Value::Array(vec![other]));
            m
        }
    };
    if let Some(Value::Array(branches)) = map.get_mut("anyOf") {
        if let Some(Value::Object(first)) = branches.first_mut() {
            add_constraints(first, c, min_first);
            return map;
        }
    }
    add_constraints(&mut map, c, min_first);
    map
}

fn add_constraints(map: &mut Map<String, Value>, c: &super::Constraints, min_first: bool) {
    let is_array = map.get("type").and_then(Value::as_str) == Some("array");
    // pydantic keeps a float field's bounds as floats: `Field(gt=0)` → `"exclusiveMinimum": 0.0`.
    let is_float = map.get("type").and_then(Value::as_str) == Some("number");
    let num = |b: &super::Bound| -> Value {
        if b.is_int && !is_float {
            b.text
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or(Value::from(b.value))
        } else {
            Value::from(b.value)
        }
    };
    if let Some(m) = &c.multiple_of {
        map.insert("multipleOf".to_owned(), num(m));
    }
    if let Some(b) = &c.le {
        map.insert("maximum".to_owned(), num(b));
    }
    if let Some(b) = &c.lt {
        map.insert("exclusiveMaximum".to_owned(), num(b));
    }
    if let Some(b) = &c.ge {
        map.insert("minimum".to_owned(), num(b));
    }
    if let Some(b) = &c.gt {
        map.insert("exclusiveMinimum".to_owned(), num(b));
    }
    let (max_key, min_key) = if is_array {
        ("maxItems", "minItems")
    } else {
        ("maxLength", "minLength")
    };
    let max = c.max_length.map(|n| (max_key, n));
    let min = c.min_length.map(|n| (min_key, n));
    let order = if min_first { [min, max] } else { [max, min] };
    for (key, n) in order.into_iter().flatten() {
        map.insert(key.to_owned(), Value::from(n));
    }
    #[cfg(feature = "pattern")]
    if let Some(p) = &c.pattern {
        map.insert("pattern".to_owned(), Value::from(p.source()));
    }
}
