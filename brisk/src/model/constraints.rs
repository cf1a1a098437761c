//! Constraints declared next to a parameter or a field (`#[brisk(min_length = 3, gt = 0)]`),
//! checked with pydantic's error codes, messages and `ctx`.

use std::cmp::Ordering;

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

/// Whether `v` is a multiple of `m` as pydantic-core's float validator judges it: within
/// `1e-9` of the nearest multiple, `round(v / m) * m`. Testing the quotient's fraction
/// instead (`(v / m).fract()`) refuses 0.3 for 0.1 (0.3 / 0.1 is 2.9999999999999996) and
/// every negative multiple, which pydantic accepts; the tolerance is absolute, not relative,
/// so 100000000.1 is refused for 0.1 as pydantic refuses it (the nearest multiple computes to
/// 1.5e-8 away).
fn is_multiple_of(v: f64, m: f64) -> bool {
    (v - (v / m).round() * m).abs() <= 1e-9
}

/// The bound as an integer, when it was written as one that fits.
fn int_bound(b: &Bound) -> Option<i128> {
    if b.is_int {
        b.text.parse().ok()
    } else {
        None
    }
}

/// pydantic's checks in its order — `multiple_of`, `le`, `lt`, `ge`, `gt` — given how the
/// value compares to a bound and whether it is a multiple of one (`multiple_of = 0` checks
/// nothing: pydantic refuses to build such a field at all).
fn check_bounds(
    c: &Constraints,
    is_multiple: impl Fn(&Bound) -> bool,
    cmp: impl Fn(&Bound) -> Option<Ordering>,
) -> Option<Violation> {
    if let Some(m) = c.multiple_of {
        if m.value != 0.0 && !is_multiple(&m) {
            return Some(Violation {
                kind: "multiple_of",
                msg: format!("Input should be a multiple of {}", m.display()),
                ctx: json!({ "multiple_of": m.json() }),
            });
        }
    }
    type Check<'a> = (
        &'a Option<Bound>,
        fn(Ordering) -> bool,
        &'static str,
        &'static str,
        &'static str,
    );
    let checks: [Check<'_>; 4] = [
        (
            &c.le,
            Ordering::is_le,
            "less_than_equal",
            "less than or equal to",
            "le",
        ),
        (&c.lt, Ordering::is_lt, "less_than", "less than", "lt"),
        (
            &c.ge,
            Ordering::is_ge,
            "greater_than_equal",
            "greater than or equal to",
            "ge",
        ),
        (&c.gt, Ordering::is_gt, "greater_than", "greater than", "gt"),
    ];
    for (bound, ok, kind, words, key) in checks {
        if let Some(b) = bound {
            // NaN compares to nothing, and fails every bound (as in pydantic).
            if !cmp(b).is_some_and(ok) {
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

/// Checks a number: `multiple_of`, `le`, `lt`, `ge`, `gt` — pydantic's order, and its float
/// validator's arithmetic.
///
/// ```
/// use brisk::model::{check_number, Bound, Constraints};
///
/// let c = Constraints {
///     multiple_of: Some(Bound { value: 0.1, text: "0.1", is_int: false }),
///     ..Constraints::NONE
/// };
/// // 0.3 / 0.1 is 2.9999999999999996 in floating point; pydantic accepts 0.3 all the same.
/// assert_eq!(check_number(0.3, &c), None);
/// assert_eq!(check_number(-0.3, &c), None);
/// let v = check_number(0.35, &c).unwrap();
/// assert_eq!(v.kind, "multiple_of");
/// assert_eq!(v.msg, "Input should be a multiple of 0.1");
/// assert_eq!(v.ctx, brisk::json!({ "multiple_of": 0.1 }));
/// ```
pub fn check_number(v: f64, c: &Constraints) -> Option<Violation> {
    check_bounds(
        c,
        |m| is_multiple_of(v, m.value),
        |b| v.partial_cmp(&b.value),
    )
}

/// Checks an integer as pydantic's int validator does: exactly, against bounds written as
/// integers (`v % m` for `multiple_of`), where an `f64` would round past 2^53 and take
/// `i64::MAX` for a multiple of 3. A bound written as a float compares as a float (pydantic
/// refuses to build an int field with one, so there is no answer to match).
fn check_int(v: i128, c: &Constraints) -> Option<Violation> {
    #[allow(clippy::cast_precision_loss)]
    let f = v as f64;
    check_bounds(
        c,
        |m| match int_bound(m) {
            Some(m) => v % m == 0,
            None => is_multiple_of(f, m.value),
        },
        |b| match int_bound(b) {
            Some(b) => Some(v.cmp(&b)),
            None => f.partial_cmp(&b.value),
        },
    )
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
#[diagnostic::on_unimplemented(
    message = "`{Self}` takes no `#[brisk(...)]` constraint",
    label = "`{Self}` has no `min_length`, `max_length`, `pattern`, `gt`, `ge`, `lt`, `le` or `multiple_of`",
    note = "`min_length` and `max_length` apply to `String` and `Vec<T>`, `pattern` to `String`, `gt`, `ge`, `lt`, `le` and `multiple_of` to integers and floats (each also to an `Option` of those)",
    note = "to constrain a nested Model, put the constraints on its own fields; otherwise remove them from this field"
)]
pub trait Constrained {
    /// The first violated constraint, if any.
    fn violation(&self, c: &Constraints) -> Option<Violation>;

    /// A violation the JSON shows before it is read, reported instead of whatever reading it
    /// would find (the generated code asks before it validates the value): only a list's
    /// `max_length`, which pydantic checks while it counts the items, so a list one item too
    /// long answers a single `too_long`, never its items' errors.
    fn raw_violation(raw: &Value, c: &Constraints) -> Option<Violation>
    where
        Self: Sized,
    {
        let _ = (raw, c);
        None
    }
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
            fn violation(&self, c: &Constraints) -> Option<Violation> {
                // (Lossless: every integer type fits in i128.)
                check_int(*self as i128, c)
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

    fn raw_violation(raw: &Value, c: &Constraints) -> Option<Violation> {
        if raw.is_null() {
            None
        } else {
            T::raw_violation(raw, c)
        }
    }
}

impl<T> Constrained for Vec<T> {
    /// Length constraints apply to the list itself.
    fn violation(&self, c: &Constraints) -> Option<Violation> {
        check_len(self.len(), c)
    }

    /// pydantic-core counts a list's items as it validates them and stops with `too_long` as
    /// soon as the count passes `max_length`, dropping the errors of the items before it:
    /// `["a", 1, "b"]` for at most 2 strings is one `too_long`, not `string_type` at index 1.
    /// (`min_length` is checked after the items, so it waits for them, as `violation` does.)
    fn raw_violation(raw: &Value, c: &Constraints) -> Option<Violation> {
        let items = raw.as_array()?;
        let max_only = Constraints {
            max_length: c.max_length,
            ..Constraints::NONE
        };
        check_len(items.len(), &max_only)
    }
}

/// Which field types take which `#[brisk(...)]` constraint: one trait per key, so that a key
/// on a type it does not apply to (`gt` on a `String`, `min_length` on a number or on a nested
/// Model) is a compile error at the key, naming it. `#[derive(brisk::Model)]` checks a
/// field's constraints through these; implement the ones that fit for a type of your own that
/// implements [`Constrained`].
pub mod takes {
    use serde_json::Value;

    use super::{Constrained, Constraints, Violation};

    macro_rules! key_trait {
        ($(#[$doc:meta])* $name:ident, $message:literal, $label:literal, $note:literal) => {
            $(#[$doc])*
            #[diagnostic::on_unimplemented(
                message = $message,
                label = $label,
                note = $note,
                note = "to constrain a nested Model, put the constraints on its own fields; otherwise remove this key"
            )]
            pub trait $name: Constrained {
                /// [`Constrained::violation`], for a field that has this key.
                fn check(&self, c: &Constraints) -> Option<Violation> {
                    self.violation(c)
                }

                /// [`Constrained::raw_violation`], for a field that has this key.
                fn check_raw(raw: &Value, c: &Constraints) -> Option<Violation>
                where
                    Self: Sized,
                {
                    Self::raw_violation(raw, c)
                }
            }
        };
    }

    key_trait!(
        /// Takes `min_length`.
        MinLength,
        "`min_length` does not apply to `{Self}`",
        "`min_length` constrains a length",
        "`min_length` and `max_length` apply to `String` and `Vec<T>` (and an `Option` of one); for a number use `ge` / `le`"
    );
    key_trait!(
        /// Takes `max_length`.
        MaxLength,
        "`max_length` does not apply to `{Self}`",
        "`max_length` constrains a length",
        "`min_length` and `max_length` apply to `String` and `Vec<T>` (and an `Option` of one); for a number use `ge` / `le`"
    );
    key_trait!(
        /// Takes `pattern`.
        Pattern,
        "`pattern` does not apply to `{Self}`",
        "`pattern` constrains a string",
        "`pattern` applies to `String` (and `Option<String>`)"
    );
    key_trait!(
        /// Takes `gt`.
        Gt,
        "`gt` does not apply to `{Self}`",
        "`gt` bounds a number",
        "`gt`, `ge`, `lt`, `le` and `multiple_of` apply to integers and floats (and an `Option` of one); for the length of a string or a list use `min_length` / `max_length`"
    );
    key_trait!(
        /// Takes `ge`.
        Ge,
        "`ge` does not apply to `{Self}`",
        "`ge` bounds a number",
        "`gt`, `ge`, `lt`, `le` and `multiple_of` apply to integers and floats (and an `Option` of one); for the length of a string or a list use `min_length` / `max_length`"
    );
    key_trait!(
        /// Takes `lt`.
        Lt,
        "`lt` does not apply to `{Self}`",
        "`lt` bounds a number",
        "`gt`, `ge`, `lt`, `le` and `multiple_of` apply to integers and floats (and an `Option` of one); for the length of a string or a list use `min_length` / `max_length`"
    );
    key_trait!(
        /// Takes `le`.
        Le,
        "`le` does not apply to `{Self}`",
        "`le` bounds a number",
        "`gt`, `ge`, `lt`, `le` and `multiple_of` apply to integers and floats (and an `Option` of one); for the length of a string or a list use `min_length` / `max_length`"
    );
    key_trait!(
        /// Takes `multiple_of`.
        MultipleOf,
        "`multiple_of` does not apply to `{Self}`",
        "`multiple_of` applies to a number",
        "`gt`, `ge`, `lt`, `le` and `multiple_of` apply to integers and floats (and an `Option` of one); for the length of a string or a list use `min_length` / `max_length`"
    );

    // Written out (not by a macro), so that the compiler's list of the types that take a
    // key shows these lines.
    impl MinLength for String {}
    impl<T> MinLength for Vec<T> {}
    impl<T: MinLength> MinLength for Option<T> {}
    impl MaxLength for String {}
    impl<T> MaxLength for Vec<T> {}
    impl<T: MaxLength> MaxLength for Option<T> {}
    impl Pattern for String {}
    impl<T: Pattern> Pattern for Option<T> {}

    macro_rules! numbers {
        ($($key:ident),*) => {$(
            impl<T: $key> $key for Option<T> {}
            impl $key for i8 {}
            impl $key for i16 {}
            impl $key for i32 {}
            impl $key for i64 {}
            impl $key for isize {}
            impl $key for u8 {}
            impl $key for u16 {}
            impl $key for u32 {}
            impl $key for u64 {}
            impl $key for usize {}
            impl $key for f32 {}
            impl $key for f64 {}
        )*};
    }
    numbers!(Gt, Ge, Lt, Le, MultipleOf);
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

    /// pydantic-core's verdicts (pydantic 2.14.4 / pydantic-core 2.50.5,
    /// `TypeAdapter(Annotated[float, Field(multiple_of=m)])`) on values near multiples.
    #[test]
    fn float_multiple_of_matches_pydantic() {
        let verdicts = [
            (0.3, 0.1, true),
            (-0.3, 0.1, true),
            (0.7, 0.1, true),
            (-9.9, 0.1, true),
            (12.2, 0.1, true),
            (0.35, 0.1, false),
            (-0.35, 0.1, false),
            (100_000_000.1, 0.1, false),
            (100_000_000.0, 0.1, true),
            (0.300_000_000_01, 0.1, true),
            (1e-9, 0.1, true),
            (1.1e-9, 0.1, false),
            (-0.09, 0.01, true),
            (-0.06, 0.01, true),
            (47.498, 0.0001, true),
            (3.1254, 0.0001, true),
            (5.000_000_004, 5.0, false),
            (7.5, 5.0, false),
            (-15.0, 5.0, true),
            (2.5, 0.5, true),
            (1e300, 0.1, true),
            (0.0, 0.1, true),
        ];
        for (v, m, multiple) in verdicts {
            assert_eq!(is_multiple_of(v, m), multiple, "{v} for {m}");
        }
        let c = Constraints {
            multiple_of: bound(0.1, "0.1", false),
            ..Constraints::NONE
        };
        assert_eq!(check_number(f64::NAN, &c).unwrap().kind, "multiple_of");
        let v = 0.35f64.violation(&c).unwrap();
        assert_eq!(
            (v.kind, v.msg.as_str()),
            ("multiple_of", "Input should be a multiple of 0.1")
        );
        assert_eq!(v.ctx.to_string(), r#"{"multiple_of":0.1}"#);
        // An integer bound on a float field: as written in `msg`, a float in `ctx`.
        let five = Constraints {
            multiple_of: bound(5.0, "5", true),
            ..Constraints::NONE
        };
        let v = 7.5f64.violation(&five).unwrap();
        assert_eq!(v.msg, "Input should be a multiple of 5");
        assert_eq!(v.ctx.to_string(), r#"{"multiple_of":5.0}"#);
    }

    /// Integers are checked exactly, as Python's ints are: past 2^53 an `f64` rounds.
    #[test]
    fn integers_check_exactly() {
        let three = Constraints {
            multiple_of: bound(3.0, "3", true),
            ..Constraints::NONE
        };
        assert_eq!(9_007_199_254_740_993_i64.violation(&three), None);
        let v = i64::MAX.violation(&three).unwrap();
        assert_eq!(v.msg, "Input should be a multiple of 3");
        assert_eq!(v.ctx.to_string(), r#"{"multiple_of":3}"#);
        assert!((-7_i32).violation(&three).is_some());
        assert_eq!((-9_i32).violation(&three), None);
        assert_eq!(u64::MAX.violation(&three), None);

        let le = Constraints {
            le: bound(9_007_199_254_740_992.0, "9007199254740992", true),
            ..Constraints::NONE
        };
        assert_eq!(9_007_199_254_740_992_i64.violation(&le), None);
        let v = 9_007_199_254_740_993_i64.violation(&le).unwrap();
        assert_eq!(
            v.msg,
            "Input should be less than or equal to 9007199254740992"
        );
        // A bound written as a float compares as a float (pydantic refuses to build such an
        // int field at all: "'lt' must be coercible to an integer").
        let lt = Constraints {
            lt: bound(2.5, "2.5", false),
            ..Constraints::NONE
        };
        assert_eq!(2_i32.violation(&lt), None);
        assert_eq!(
            3_i32.violation(&lt).unwrap().ctx.to_string(),
            r#"{"lt":2.5}"#
        );
    }

    /// A list past `max_length` is judged on the JSON, before its items; `min_length` is not.
    #[test]
    fn a_long_list_is_too_long_before_its_items_are_read() {
        let c = Constraints {
            min_length: Some(2),
            max_length: Some(2),
            ..Constraints::NONE
        };
        let v = <Vec<String>>::raw_violation(&json!(["a", 1, "b"]), &c).unwrap();
        assert_eq!(v.kind, "too_long");
        assert_eq!(
            v.ctx.to_string(),
            r#"{"field_type":"List","max_length":2,"actual_length":3}"#
        );
        assert_eq!(<Vec<String>>::raw_violation(&json!([1]), &c), None);
        assert_eq!(<Vec<String>>::raw_violation(&json!("abc"), &c), None);
        assert_eq!(<Option<Vec<String>>>::raw_violation(&json!(null), &c), None);
        assert!(<Option<Vec<String>>>::raw_violation(&json!([1, 2, 3]), &c).is_some());
        assert_eq!(String::raw_violation(&json!("abc"), &c), None);
    }
}
