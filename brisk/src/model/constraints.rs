//! Constraints declared next to a parameter or a field (`#[brisk(min_length = 3, gt = 0)]`),
//! checked with pydantic's error codes, messages and `ctx`.

use serde_json::{json, Value};

#[cfg(feature = "pattern")]
use super::Pattern;

/// A numeric bound as written in the source: `0` stays an integer in messages and `ctx`,
/// `0.5` a float.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    /// The value.
    pub value: f64,
    /// The literal's text, as written (`0`, `0.5`).
    pub text: &'static str,
    /// Whether the literal was an integer.
    pub is_int: bool,
}

impl Bound {
    fn json(&self) -> Value {
        if self.is_int {
            self.text
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| json!(self.value))
        } else {
            json!(self.value)
        }
    }

    fn display(&self) -> String {
        if self.is_int {
            self.text.to_owned()
        } else {
            // Python prints floats with their shortest repr: 0.5, 1e-05 …
            let bytes = crate::response::json_bytes(&self.value).unwrap_or_default();
            String::from_utf8(bytes).unwrap_or_default()
        }
    }
}

/// Every constraint a parameter or field can declare. Unset constraints are `None`.
#[derive(Debug)]
pub struct Constraints {
    /// Minimum length of a string (characters) or list (items).
    pub min_length: Option<usize>,
    /// Maximum length of a string (characters) or list (items).
    pub max_length: Option<usize>,
    /// A regular expression a string must contain a match of (cargo feature `pattern`).
    #[cfg(feature = "pattern")]
    pub pattern: Option<Pattern>,
    /// Exclusive lower bound.
    pub gt: Option<Bound>,
    /// Inclusive lower bound.
    pub ge: Option<Bound>,
    /// Exclusive upper bound.
    pub lt: Option<Bound>,
    /// Inclusive upper bound.
    pub le: Option<Bound>,
    /// The number must be a multiple of this.
    pub multiple_of: Option<Bound>,
}

impl Constraints {
    /// No constraints.
    pub const NONE: Constraints = Constraints {
        min_length: None,
        max_length: None,
        #[cfg(feature = "pattern")]
        pattern: None,
        gt: None,
        ge: None,
        lt: None,
        le: None,
        multiple_of: None,
    };
}

/// One violated constraint: pydantic's `type`, `msg` and `ctx`.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The error code.
    pub kind: &'static str,
    /// The message.
    pub msg: String,
    /// The constraint values.
    pub ctx: Value,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Checks a string: `min_length`, `max_length`, then `pattern` (cargo feature `pattern`), as
/// pydantic does.
///
/// The generated code calls it for `#[brisk(...)]` constraints; call it yourself to check a
/// string with pydantic's rules and words, e.g. in a [`Scalar`](crate::extract::Scalar):
///
/// ```
/// use brisk::model::{check_str, Constraints};
///
/// let c = Constraints { min_length: Some(3), ..Constraints::NONE };
/// let v = check_str("ab", &c).unwrap();
/// assert_eq!(v.kind, "string_too_short");
/// assert_eq!(v.msg, "String should have at least 3 characters");
/// assert_eq!(v.ctx, brisk::json!({ "min_length": 3 }));
/// assert_eq!(check_str("abc", &c), None);
/// ```
pub fn check_str(s: &str, c: &Constraints) -> Option<Violation> {
    let len = s.chars().count();
    if let Some(min) = c.min_length {
        if len < min {
            return Some(Violation {
                kind: "string_too_short",
                msg: format!(
                    "String should have at least {}",
                    plural(min, "character", "characters")
                ),
                ctx: json!({ "min_length": min }),
            });
        }
    }
    if let Some(max) = c.max_length {
        if len > max {
            return Some(Violation {
                kind: "string_too_long",
                msg: format!(
                    "String should have at most {}",
                    plural(max, "character", "characters")
                ),
                ctx: json!({ "max_length": max }),
            });
        }
    }
    #[cfg(feature = "pattern")]
    if let Some(p) = &c.pattern {
        if !p.is_match(s) {
            return Some(Violation {
                kind: "string_pattern_mismatch",
                msg: format!("String should match pattern '{}'", p.source()),
                ctx: json!({ "pattern": p.source() }),
            });
        }
    }
    None
}

/// Checks a number: `multiple_of`, `le`, `lt`, `ge`, `gt` — pydantic's order.
pub fn check_number(v: f64, c: &Constraints) -> Option<Violation> {
    if let Some(m) = c.multiple_of {
        if m.value != 0.0 && (v / m.value).fract().abs() > 1e-9 {
            return Some(Violation {
                kind: "multiple_of",
                msg: format!("Input should be a multiple of {}", m.display()),
                ctx: json!({ "multiple_of": m.json() }),
            });
        }
    }
    type Check<'a> = (
        &'a Option<Bound>,
        fn(f64, f64) -> bool,
        &'static str,
        &'static str,
        &'static str,
    );
    let checks: [Check<'_>; 4] = [
        (
            &c.le,
            |v, b| v <= b,
            "less_than_equal",
            "less than or equal to",
            "le",
        ),
        (&c.lt, |v, b| v < b, "less_than", "less than", "lt"),
        (
            &c.ge,
            |v, b| v >= b,
            "greater_than_equal",
            "greater than or equal to",
            "ge",
        ),
        (&c.gt, |v, b| v > b, "greater_than", "greater than", "gt"),
    ];
    for (bound, ok, kind, words, key) in checks {
        if let Some(b) = bound {
            if !ok(v, b.value) {
                let mut ctx = serde_json::Map::new();
                ctx.insert(key.to_owned(), b.json());
                return Some(Violation {
                    kind,
                    msg: format!("Input should be {words} {}", b.display()),
                    ctx: Value::Object(ctx),
                });
            }
        }
    }
    None
}

/// Checks a list's length.
pub fn check_len(len: usize, c: &Constraints) -> Option<Violation> {
    if let Some(min) = c.min_length {
        if len < min {
            return Some(Violation {
                kind: "too_short",
                msg: format!(
                    "List should have at least {} after validation, not {len}",
                    plural(min, "item", "items")
                ),
                ctx: json!({ "field_type": "List", "min_length": min, "actual_length": len }),
            });
        }
    }
    if let Some(max) = c.max_length {
        if len > max {
            return Some(Violation {
                kind: "too_long",
                msg: format!(
                    "List should have at most {} after validation, not {len}",
                    plural(max, "item", "items")
                ),
                ctx: json!({ "field_type": "List", "max_length": max, "actual_length": len }),
            });
        }
    }
    None
}

/// A value that constraints apply to.
pub trait Constrained {
    /// The first violated constraint, if any.
    fn violation(&self, c: &Constraints) -> Option<Violation>;
}

impl Constrained for String {
    fn violation(&self, c: &Constraints) -> Option<Violation> {
        check_str(self, c)
    }
}

impl Constrained for bool {
    fn violation(&self, _: &Constraints) -> Option<Violation> {
        None
    }
}

macro_rules! constrained_number {
    ($($t:ty),*) => {$(
        impl Constrained for $t {
            #[allow(clippy::cast_precision_loss)]
            fn violation(&self, c: &Constraints) -> Option<Violation> {
                check_number(*self as f64, c)
            }
        }
    )*};
}
constrained_number!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

/// pydantic stores a float field's bounds as floats: `Field(gt=0)` on a `float` reports
/// `ctx: {"gt": 0.0}` (the message keeps the bound as written: "greater than 0").
fn float_ctx(mut v: Violation) -> Violation {
    if let Value::Object(ctx) = &mut v.ctx {
        for bound in ctx.values_mut() {
            if let Some(f) = bound.as_f64().filter(|_| !bound.is_f64()) {
                *bound = json!(f);
            }
        }
    }
    v
}

macro_rules! constrained_float {
    ($($t:ty),*) => {$(
        impl Constrained for $t {
            fn violation(&self, c: &Constraints) -> Option<Violation> {
                check_number(f64::from(*self), c).map(float_ctx)
            }
        }
    )*};
}
constrained_float!(f32, f64);

impl<T: Constrained> Constrained for Option<T> {
    fn violation(&self, c: &Constraints) -> Option<Violation> {
        self.as_ref().and_then(|v| v.violation(c))
    }
}

impl<T> Constrained for Vec<T> {
    /// Length constraints apply to the list itself.
    fn violation(&self, c: &Constraints) -> Option<Violation> {
        check_len(self.len(), c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn bound(value: f64, text: &'static str, is_int: bool) -> Option<Bound> {
        Some(Bound {
            value,
            text,
            is_int,
        })
    }

    #[test]
    fn messages_match_pydantic() {
        let c = Constraints {
            min_length: Some(3),
            max_length: Some(5),
            #[cfg(feature = "pattern")]
            pattern: Some(crate::model::pattern!("^[a-z]+$")),
            ..Constraints::NONE
        };
        let v = check_str("ab", &c).unwrap();
        assert_eq!(
            (v.kind, v.msg.as_str()),
            (
                "string_too_short",
                "String should have at least 3 characters"
            )
        );
        assert_eq!(v.ctx, json!({"min_length": 3}));
        assert_eq!(
            check_str("abcdef", &c).unwrap().msg,
            "String should have at most 5 characters"
        );
        #[cfg(feature = "pattern")]
        assert_eq!(
            check_str("ABC", &c).unwrap().msg,
            "String should match pattern '^[a-z]+$'"
        );
        let one = Constraints {
            min_length: Some(1),
            ..Constraints::NONE
        };
        assert_eq!(
            check_str("", &one).unwrap().msg,
            "String should have at least 1 character"
        );

        let n = Constraints {
            gt: bound(0.0, "0", true),
            le: bound(1000.0, "1000", true),
            ..Constraints::NONE
        };
        let v = check_number(0.0, &n).unwrap();
        assert_eq!(
            (v.kind, v.msg.as_str()),
            ("greater_than", "Input should be greater than 0")
        );
        assert_eq!(v.ctx.to_string(), r#"{"gt":0}"#);
        let v = check_number(1001.0, &n).unwrap();
        assert_eq!(v.msg, "Input should be less than or equal to 1000");
        assert_eq!(v.ctx.to_string(), r#"{"le":1000}"#);
        let f = Constraints {
            ge: bound(0.5, "0.5", false),
            ..Constraints::NONE
        };
        assert_eq!(
            check_number(0.25, &f).unwrap().msg,
            "Input should be greater than or equal to 0.5"
        );

        let v = 0.0f64.violation(&n).unwrap();
        assert_eq!(v.msg, "Input should be greater than 0");
        assert_eq!(v.ctx.to_string(), r#"{"gt":0.0}"#);

        let l = Constraints {
            min_length: Some(1),
            ..Constraints::NONE
        };
        let v = check_len(0, &l).unwrap();
        assert_eq!(
            v.msg,
            "List should have at least 1 item after validation, not 0"
        );
        assert_eq!(
            v.ctx.to_string(),
            r#"{"field_type":"List","min_length":1,"actual_length":0}"#
        );
    }
}
