//! Request bodies validated like pydantic models: every error at once, field by field.
//!
//! serde stops at the first error, so a body type implements [`Model`] instead (derive it with
//! `#[derive(brisk::Model)]`): the JSON is parsed once into a [`serde_json::Value`], then the
//! derived code walks it, coercing as pydantic's lax mode does (numbers from numeric strings,
//! `1.0` for an integer, …) and recording every problem with its `loc`. A body that is
//! already valid and canonical is read straight from its text instead, with the same result
//! ([`direct`]).
//!
//! ```
//! #[derive(brisk::Model, serde::Serialize)]
//! struct Item {
//!     #[brisk(min_length = 1, max_length = 50)]
//!     name: String,
//!     #[brisk(gt = 0)]
//!     price: f64,
//!     #[brisk(default)]
//!     tags: Vec<String>,
//!     description: Option<String>,
//! }
//!
//! #[brisk::post("/items", status_code = 201)]
//! async fn create_item(item: Item) -> Item {
//!     item
//! }
//! ```

mod constraints;
#[doc(hidden)]
pub mod direct;
mod impls;
#[cfg(feature = "pattern")]
mod pattern;
mod schema;

/// `pattern!("regex")`: a `Pattern` compiled at build time, for [`Constraints`] built by hand
/// (cargo feature `pattern`; without it, a compile error saying so).
pub use brisk_macros::pattern;
pub use constraints::{
    check_len, check_number, check_str, takes, Bound, Constrained, Constraints, Violation,
};
#[cfg(feature = "pattern")]
pub use pattern::Pattern;
#[doc(hidden)]
pub use schema::ObjectSchema;
pub use schema::{
    param_schema_with_constraints, param_title, schema_with_constraints, title_case, SchemaGen,
};

use serde_json::Value;

use crate::error::{ErrorDetail, Errors, Loc};

/// A type validated from JSON with pydantic's rules, collecting every error.
///
/// Derive it with `#[derive(brisk::Model)]` on structs (objects) and on enums of unit
/// variants (string choices). Field attributes: `#[brisk(default)]`, `#[brisk(alias =
/// "...")]`, and the constraints `min_length`, `max_length`, `pattern`, `gt`, `ge`, `lt`,
/// `le`, `multiple_of`. `#[serde(rename = ..)]`, `#[serde(rename_all = ..)]`,
/// `#[serde(default)]` (on a field or on the struct), `#[serde(deny_unknown_fields)]` and
/// `#[serde(skip)]` / `#[serde(skip_deserializing)]` (the field is not read and takes its
/// default, as serde does; the schema leaves it out) are honoured too, so one set of
/// attributes serves both directions.
///
/// Handlers validate their body through it; call it yourself to validate any JSON value
/// (from a file, a queue, another service) with the same rules and errors:
///
/// ```
/// use brisk::error::Errors;
/// use brisk::Model;
///
/// #[derive(brisk::Model, Debug)]
/// struct Item {
///     #[brisk(min_length = 1)]
///     name: String,
///     #[brisk(gt = 0)]
///     price: f64,
/// }
///
/// let mut errors = Errors::new();
/// let item = Item::from_json(&brisk::json!({ "name": "Pen", "price": "2.5" }), &mut Vec::new(), &mut errors);
/// assert_eq!(item.map(|i| i.price), Some(2.5));
///
/// let mut errors = Errors::new();
/// let item = Item::from_json(&brisk::json!({ "name": "", "price": 0 }), &mut Vec::new(), &mut errors);
/// assert!(item.is_none());
/// let kinds: Vec<String> = errors
///     .into_result()
///     .unwrap()
///     .errors()
///     .iter()
///     .map(|e| e.kind.to_string())
///     .collect();
/// assert_eq!(kinds, ["string_too_short", "greater_than"]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `brisk::Model`",
    label = "`{Self}` does not implement `brisk::Model`",
    note = "add `#[derive(brisk::Model)]` to `{Self}` (a struct with named fields, or an enum of unit variants): a Model's fields are validated by their own types, which must be Models too",
    note = "brisk validates `String`, `bool`, integers, floats, `Option<T>`, `Vec<T>`, `Box<T>`, `HashMap<String, T>`, `BTreeMap<String, T>` and `serde_json::Value`; a field brisk should not read can be `#[serde(skip)]`"
)]
pub trait Model: Sized {
    /// Validates `value` found at `loc`; on failure records the errors and returns `None`.
    fn from_json(value: &Value, loc: &mut Vec<Loc>, errors: &mut Errors) -> Option<Self>;

    /// The value of a field whose key is absent, if the type has one (`None` for `Option`).
    fn absent() -> Option<Self> {
        None
    }

    /// The JSON Schema of the type (named types register themselves in `gen` and return a
    /// `$ref`).
    fn schema(gen: &mut SchemaGen) -> Value;

    /// Reads a valid value straight from JSON, or gives up
    /// ([`direct::give_up`]) on anything [`from_json`](Model::from_json) would coerce or
    /// refuse: an error here only means "validate field by field" (see [`direct`]). The
    /// default always gives up. An implementation must accept nothing `from_json` would
    /// refuse, and produce what `from_json` would.
    #[doc(hidden)]
    fn read_valid<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        drop(d);
        Err(direct::give_up())
    }

    /// Reads the value of the current map entry with [`read_valid`](Model::read_valid): a
    /// derived Model reads its fields through this, so that a field type that is not a Model
    /// is one error at the type.
    #[doc(hidden)]
    fn read_entry<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        map.next_value_seed(direct::ValidSeed::<Self>::new())
    }
}

/// Records an error at `loc`.
pub fn push_error(
    errors: &mut Errors,
    loc: &[Loc],
    kind: &'static str,
    msg: impl Into<std::borrow::Cow<'static, str>>,
    input: &Value,
) {
    errors.push(ErrorDetail::new(kind, loc.to_vec(), msg, input.clone()));
}

/// Records a violated constraint at `loc`.
pub fn push_violation(errors: &mut Errors, loc: &[Loc], v: Violation, input: &Value) {
    errors.push(ErrorDetail::new(v.kind, loc.to_vec(), v.msg, input.clone()).with_ctx(v.ctx));
}
