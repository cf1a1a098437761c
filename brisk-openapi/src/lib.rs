//! The OpenAPI 3.1 document as plain data.
//!
//! Field order is the order FastAPI writes, so a brisk document and a FastAPI document for the
//! same app compare equal as text where they agree. Maps keep insertion order. JSON Schemas
//! are [`serde_json::Value`]s: brisk produces them, this crate only carries them.
//!
//! ```
//! use brisk_openapi::{Document, Info};
//!
//! let doc = Document::new(Info::new("Items API", "1.0.0"));
//! assert_eq!(
//!     serde_json::to_string(&doc).unwrap(),
//!     r#"{"openapi":"3.1.0","info":{"title":"Items API","version":"1.0.0"},"paths":{}}"#
//! );
//! ```

use serde::Serialize;
use serde_json::{Map, Value};

/// An ordered map with string keys.
pub type OrderedMap<V> = indexmap_like::OrderedMap<V>;

mod indexmap_like {
    use serde::ser::{Serialize, SerializeMap, Serializer};

    /// A small insertion-ordered map (documents have tens of entries, so a `Vec` is enough).
    #[derive(Debug, Clone, PartialEq)]
    pub struct OrderedMap<V>(Vec<(String, V)>);

    impl<V> Default for OrderedMap<V> {
        fn default() -> Self {
            OrderedMap(Vec::new())
        }
    }

    impl<V> OrderedMap<V> {
        /// An empty map.
        pub fn new() -> Self {
            OrderedMap(Vec::new())
        }

        /// The value for `key`.
        pub fn get(&self, key: &str) -> Option<&V> {
            self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
        }

        /// The value for `key`, to change it.
        pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
            self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
        }

        /// Sets `key`, keeping its place if it was there.
        pub fn insert(&mut self, key: impl Into<String>, value: V) {
            let key = key.into();
            match self.get_mut(&key) {
                Some(slot) => *slot = value,
                None => self.0.push((key, value)),
            }
        }

        /// The value for `key`, inserted with `f` at the end if absent.
        pub fn entry_or_insert_with(&mut self, key: &str, f: impl FnOnce() -> V) -> &mut V {
            let i = match self.0.iter().position(|(k, _)| k == key) {
                Some(i) => i,
                None => {
                    self.0.push((key.to_owned(), f()));
                    self.0.len() - 1
                }
            };
            &mut self.0[i].1
        }

        /// Whether the map is empty.
        pub fn is_empty(&self) -> bool {
            self.0.is_empty()
        }

        /// The number of entries.
        pub fn len(&self) -> usize {
            self.0.len()
        }

        /// The entries in order.
        pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
            self.0.iter().map(|(k, v)| (k, v))
        }
    }

    impl<V: Serialize> Serialize for OrderedMap<V> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                m.serialize_entry(k, v)?;
            }
            m.end()
        }
    }
}

/// The whole document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Document {
    /// Always `3.1.0`.
    pub openapi: &'static str,
    /// Title and version.
    pub info: Info,
    /// Operations by path, in registration order.
    pub paths: OrderedMap<PathItem>,
    /// Shared schemas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<Components>,
}

impl Document {
    /// An empty document.
    pub fn new(info: Info) -> Self {
        Document {
            openapi: "3.1.0",
            info,
            paths: OrderedMap::new(),
            components: None,
        }
    }
}

/// `info`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Info {
    /// The API's title (FastAPI's default: `FastAPI`).
    pub title: String,
    /// A description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The API's version (FastAPI's default: `0.1.0`).
    pub version: String,
}

impl Info {
    /// Title and version.
    pub fn new(title: impl Into<String>, version: impl Into<String>) -> Self {
        Info {
            title: title.into(),
            description: None,
            version: version.into(),
        }
    }
}

/// The operations of one path, by lower-case method.
pub type PathItem = OrderedMap<Operation>;

/// One operation.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// One-line summary.
    pub summary: String,
    /// Longer description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Unique id.
    pub operation_id: String,
    /// Path, query, header and cookie parameters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// The body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    /// Responses by status (`"200"`, `"4XX"`, `"default"`).
    pub responses: OrderedMap<Response>,
    /// Whether the operation is deprecated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
}

/// A parameter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Parameter {
    /// Its name on the wire.
    pub name: String,
    /// `path`, `query`, `header` or `cookie`.
    #[serde(rename = "in")]
    pub location: &'static str,
    /// Whether it must be given.
    pub required: bool,
    /// Its JSON Schema.
    pub schema: Value,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// Whether it must be given.
    pub required: bool,
    /// Schemas by media type.
    pub content: OrderedMap<MediaType>,
    /// Whether `required` is written before `content`. FastAPI writes it first on operations
    /// that also have parameters and last on the others; brisk follows so documents compare
    /// equal as text.
    pub required_first: bool,
}

impl Serialize for RequestBody {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        if self.required_first {
            m.serialize_entry("required", &self.required)?;
        }
        m.serialize_entry("content", &self.content)?;
        if !self.required_first {
            m.serialize_entry("required", &self.required)?;
        }
        m.end()
    }
}

/// A media type's schema.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct MediaType {
    /// The schema (absent for e.g. `image/png: {}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Value>,
}

/// A response.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Response {
    /// Its description (required by OpenAPI).
    pub description: String,
    /// Body schemas by media type; absent for bodiless statuses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<OrderedMap<MediaType>>,
    /// Headers it carries, e.g. `Location` on a 201.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers: Option<OrderedMap<Header>>,
}

/// A response header.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Header {
    /// What it means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its schema.
    pub schema: Value,
}

/// `components`.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Components {
    /// Named schemas, sorted by name.
    pub schemas: Map<String, Value>,
}
