//! Items the route macro's expansions name. Not public API: it changes without notice.

use std::any::TypeId;
use std::borrow::Cow;
use std::fmt::{Debug, Display, Write as _};

use http::HeaderMap;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use crate::error::Errors;
pub use crate::extract::{FromParam, Request, Source, SourceKind};
pub use crate::response::{IntoResponse, Response, ResponseHandle};
pub use crate::routing::{Endpoint, Handled, HandlerFuture, Route, RouteSpec};
pub use crate::status::is_bodyless;
pub use http::StatusCode;
pub use serde;
pub use serde_json;
pub use std::boxed::Box;

use crate::body::Body;
use crate::response::{internal_server_error, json_bytes, serialized, NoContent};

/// Reads a named parameter.
#[inline]
pub fn param<T: FromParam>(
    req: &Request,
    kind: SourceKind,
    name: &'static str,
    index: usize,
    errors: &mut Errors,
) -> Option<T> {
    T::from_param(&Source::new(kind, name, index, req), errors)
}

/// Reads a named parameter with a default and constraints (`#[brisk(default = .., gt = ..)]`).
pub fn param_full<T: FromParam + crate::model::Constrained>(
    req: &Request,
    kind: SourceKind,
    name: &'static str,
    index: usize,
    errors: &mut Errors,
    default: Option<fn() -> T>,
    constraints: &crate::model::Constraints,
) -> Option<T> {
    let source = Source::new(kind, name, index, req);
    let raw = source.last();
    if let (true, Some(default)) = (raw.is_none(), default) {
        return Some(default());
    }
    // (`T::LIST` is a constant: a scalar's copy of this function has no list code.)
    if T::LIST && constraints.max_length.is_some() {
        // pydantic-core counts a list's items as it validates them and stops with `too_long`
        // as soon as the count passes `max_length`, dropping the errors of the items before
        // it: `?ids=1&ids=x&ids=3` for at most 2 integers is one `too_long`, not `int_parsing`
        // at index 1 (`Constrained::raw_violation` is the same rule for bodies).
        let input = list_input(&source);
        if let Some(v) = T::raw_violation(&input, constraints) {
            crate::model::push_violation(errors, &source.loc(), v, &input);
            return None;
        }
    }
    let value = T::from_param(&source, errors)?;
    match value.violation(constraints) {
        None => Some(value),
        Some(v) => {
            // pydantic reports the value it judged: a list's every raw string, a scalar's one.
            let input = if T::LIST {
                list_input(&source)
            } else {
                raw.map_or(serde_json::Value::Null, |r| {
                    serde_json::Value::String(r.into_owned())
                })
            };
            crate::model::push_violation(errors, &source.loc(), v, &input);
            None
        }
    }
}

/// A list parameter's input as FastAPI reports it: every value given, as strings.
fn list_input(source: &Source<'_>) -> serde_json::Value {
    serde_json::Value::Array(
        source
            .all()
            .into_iter()
            .map(|r| serde_json::Value::String(r.into_owned()))
            .collect(),
    )
}

/// Picks how a body type is read: [`Model`](crate::Model) (every error at once) before plain
/// `serde` (first error), by autoref specialization like the return values below.
#[derive(Debug)]
pub struct BodyProbe<T>(std::marker::PhantomData<T>);

impl<T> BodyProbe<T> {
    /// The probe.
    pub const NEW: Self = BodyProbe(std::marker::PhantomData);
}

/// Reads a [`Model`](crate::Model) body.
pub trait ModelBody<T> {
    #[inline]
    fn __brisk_body(&self, req: &Request, errors: &mut Errors) -> Option<T>
    where
        T: crate::Model,
    {
        crate::extract::model_body(req, errors)
    }

    #[inline]
    fn __brisk_body_schema(&self, gen: &mut crate::model::SchemaGen) -> serde_json::Value
    where
        T: crate::Model,
    {
        T::schema(gen)
    }
}
impl<T: crate::Model> ModelBody<T> for BodyProbe<T> {}

/// Reads a `serde` body.
#[diagnostic::on_unimplemented(
    message = "`{T}` cannot be the JSON body",
    note = "derive `brisk::Model` on it (every validation error at once) or `serde::Deserialize`"
)]
pub trait SerdeBody<T> {
    #[inline]
    fn __brisk_body(&self, req: &Request, errors: &mut Errors) -> Option<T>
    where
        T: DeserializeOwned,
    {
        crate::extract::json_body(req, errors)
    }

    #[inline]
    fn __brisk_body_schema(&self, _: &mut crate::model::SchemaGen) -> serde_json::Value {
        serde_json::Value::Object(serde_json::Map::new())
    }
}
impl<T: DeserializeOwned> SerdeBody<T> for &BodyProbe<T> {}

/// Reads a state value; its presence was checked when the app was built.
#[inline]
pub fn state<T: Clone + 'static>(req: &Request, errors: &mut Errors) -> Option<T> {
    let v = req.state_map().get::<T>().cloned();
    if v.is_none() {
        tracing::error!("state of type {} is missing", std::any::type_name::<T>());
        errors.fail(internal_server_error());
    }
    v
}

/// Identifies a state type, for the start-up check.
pub fn state_type<T: 'static>() -> (TypeId, &'static str) {
    (TypeId::of::<T>(), std::any::type_name::<T>())
}

/// Appends a path parameter's value to a URL path, percent-encoded as one segment.
pub fn push_segment(out: &mut String, value: &dyn Display) {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'/')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    // Written in place, then encoded only if it has to be: most values (numbers, plain
    // words) need no escaping, and formatting them to a string first cost an allocation.
    let start = out.len();
    let _ = write!(out, "{value}");
    // Letters, digits and `-._~` are never encoded: such a value (every number) skips the
    // encoder's iterator (~65 instructions for a short one).
    let unreserved = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
    if out.as_bytes()[start..].iter().all(unreserved) {
        return;
    }
    let encoded = match percent_encoding::utf8_percent_encode(&out[start..], SEGMENT).into() {
        Cow::Owned(encoded) => Some(encoded),
        Cow::Borrowed(_) => None,
    };
    if let Some(encoded) = encoded {
        out.truncate(start);
        out.push_str(&encoded);
    }
}

// --- Turning a handler's return value into a response -------------------------------------
//
// The macro cannot see whether a type implements `IntoResponse` or only `Serialize`, so it
// uses autoref specialization: `(&v).__brisk_kind()` finds `ResponseKind` (by value) before
// `SerializeKind` (needs an extra reference), and the tag it returns does the conversion.

/// The return value is a response object: it wins over the route status and the handle.
#[derive(Debug)]
pub struct ResponseTag;
/// The return value is data: JSON with the handle's status and headers.
#[derive(Debug)]
pub struct SerializeTag;

/// Picks [`ResponseTag`].
pub trait ResponseKind {
    #[inline]
    fn __brisk_kind(&self) -> ResponseTag {
        ResponseTag
    }
}
impl<T: IntoResponse> ResponseKind for T {}

/// Picks [`SerializeTag`].
pub trait SerializeKind {
    #[inline]
    fn __brisk_kind(&self) -> SerializeTag {
        SerializeTag
    }
}
impl<T: Serialize> SerializeKind for &T {}

impl ResponseTag {
    #[inline]
    pub fn finish<T: IntoResponse>(self, value: T, _handle: ResponseHandle) -> Response {
        value.into_response()
    }

    /// [`finish`](Self::finish) for a handler without a response handle, which then never
    /// makes one: only the route's status.
    #[inline]
    pub fn finish_status<T: IntoResponse>(self, value: T, _status: StatusCode) -> Response {
        value.into_response()
    }
}

impl SerializeTag {
    #[inline]
    pub fn finish<T: Serialize>(self, value: T, handle: ResponseHandle) -> Response {
        let (status, headers) = handle.into_parts();
        if crate::status::is_bodyless(status.as_u16()) {
            // Nothing to serialize: this status never carries content.
            return bodyless(status, headers.into_map());
        }
        match json_bytes(&value) {
            Ok(bytes) => serialized(status, HeaderMap::new(), bytes, Some(headers)),
            Err(error) => unserializable(&error),
        }
    }

    /// [`finish`](Self::finish) for a handler without a response handle, which then never
    /// makes one (moving it through the handler's future and taking it apart cost ~100
    /// instructions a request): only the route's status.
    #[inline]
    pub fn finish_status<T: Serialize>(self, value: T, status: StatusCode) -> Response {
        if crate::status::is_bodyless(status.as_u16()) {
            // (The request's map even so: it goes on to hyper for the next request.)
            return bodyless(status, crate::response::spare::take(0));
        }
        match json_bytes(&value) {
            Ok(bytes) => serialized(status, HeaderMap::new(), bytes, None),
            Err(error) => unserializable(&error),
        }
    }
}

fn bodyless(status: StatusCode, headers: HeaderMap) -> Response {
    Response {
        status,
        headers,
        body: Body::empty(),
        extensions: http::Extensions::new(),
        framed: false,
    }
}

#[cold]
fn unserializable(error: &serde_json::Error) -> Response {
    tracing::error!(%error, "the handler's return value could not be serialized as JSON; answered 500");
    internal_server_error()
}

/// The error is a response (e.g. `HttpError`): sent as built.
#[derive(Debug)]
pub struct ErrResponseTag;
/// Any other error: logged, answered 500.
#[derive(Debug)]
pub struct ErrOtherTag;

/// Picks [`ErrResponseTag`].
pub trait ErrResponseKind {
    #[inline]
    fn __brisk_err_kind(&self) -> ErrResponseTag {
        ErrResponseTag
    }
}
impl<E: IntoResponse> ErrResponseKind for E {}

/// Picks [`ErrOtherTag`].
pub trait ErrOtherKind {
    #[inline]
    fn __brisk_err_kind(&self) -> ErrOtherTag {
        ErrOtherTag
    }
}
impl<E: Debug> ErrOtherKind for &E {}

impl ErrResponseTag {
    #[inline]
    pub fn finish<E: IntoResponse>(self, error: E, _route: &'static str) -> Response {
        error.into_response()
    }
}

impl ErrOtherTag {
    pub fn finish<E: Debug>(self, error: E, route: &'static str) -> Response {
        tracing::error!(route, error = ?error, "unhandled error; answered 500");
        internal_server_error()
    }
}

// --- No body on 204/205/304 routes, checked at compile time -------------------------------

/// Implemented by every type for routes whose status can carry a body, and only by bodiless
/// types for routes declared 204, 205 or 304.
#[diagnostic::on_unimplemented(
    message = "this route's status_code (1xx, 204, 205 or 304) never carries a body, but the handler returns `{Self}`, which does",
    label = "a body is returned here",
    note = "return `()`, `brisk::NoContent` or a bodyless `brisk::Response` (e.g. `Response::new(status::HTTP_204_NO_CONTENT)`), or declare a status that has a body"
)]
pub trait BodyAllowed<const BODYLESS: bool> {}

impl<T: ?Sized> BodyAllowed<false> for T {}
impl BodyAllowed<true> for () {}
impl BodyAllowed<true> for NoContent {}
impl BodyAllowed<true> for Response {}
impl BodyAllowed<true> for http::StatusCode {}
impl BodyAllowed<true> for http::Response<Body> {}

/// Compiles only if `T` may be returned by a route whose status is (or is not) bodyless.
#[inline(always)]
pub fn check_body<T: BodyAllowed<BODYLESS>, const BODYLESS: bool>(_: &T) {}

// --- What the return type says for OpenAPI, by autoref specialization ----------------------

/// Probes a return type's documentation: its own ([`DescribeResponse`]), else its
/// [`Model`](crate::Model) schema, else any JSON.
#[derive(Debug)]
pub struct DocProbe<T>(std::marker::PhantomData<T>);

impl<T> DocProbe<T> {
    /// The probe.
    pub const NEW: Self = DocProbe(std::marker::PhantomData);
}

pub use crate::model::SchemaGen;
pub use crate::response::{DescribeResponse, ResponseDoc};
pub use crate::routing::{DeclaredResponse, OperationDoc, ParamDoc};

/// `Created<T>`: 201 with a `Location`, and `T`'s schema when `T` is a model (`Created<()>`
/// has no body at all). A level above [`DocDescribed`], which documents any other
/// `Created<T>` as JSON of any shape.
pub trait DocCreated {
    fn __brisk_doc(&self, gen: &mut SchemaGen) -> ResponseDoc;
}
impl<T: crate::Model> DocCreated for &&&DocProbe<crate::response::Created<T>> {
    fn __brisk_doc(&self, gen: &mut SchemaGen) -> ResponseDoc {
        ResponseDoc {
            status: Some(201),
            content: Some(("application/json", T::schema(gen))),
            location: true,
        }
    }
}
impl DocCreated for &&&DocProbe<crate::response::Created<()>> {
    fn __brisk_doc(&self, _: &mut SchemaGen) -> ResponseDoc {
        ResponseDoc {
            status: Some(201),
            content: None,
            location: true,
        }
    }
}

/// The type describes itself.
pub trait DocDescribed {
    fn __brisk_doc(&self, gen: &mut SchemaGen) -> ResponseDoc;
}
impl<T: DescribeResponse> DocDescribed for &&DocProbe<T> {
    fn __brisk_doc(&self, gen: &mut SchemaGen) -> ResponseDoc {
        T::describe(gen)
    }
}

/// The type is a model.
pub trait DocModel {
    fn __brisk_doc(&self, gen: &mut SchemaGen) -> ResponseDoc;
}
impl<T: crate::Model> DocModel for &DocProbe<T> {
    fn __brisk_doc(&self, gen: &mut SchemaGen) -> ResponseDoc {
        ResponseDoc::json(T::schema(gen))
    }
}

/// Any other type: JSON of any shape.
pub trait DocAny {
    fn __brisk_doc(&self, gen: &mut SchemaGen) -> ResponseDoc;
}
impl<T> DocAny for DocProbe<T> {
    fn __brisk_doc(&self, _: &mut SchemaGen) -> ResponseDoc {
        ResponseDoc::json(serde_json::Value::Object(serde_json::Map::new()))
    }
}

/// A parameter's default as JSON, for the document.
pub fn default_json<T: Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// A parameter type's schema.
pub fn param_schema<T: FromParam>() -> serde_json::Value {
    T::schema()
}

#[cfg(test)]
mod tests {
    use super::push_segment;

    #[test]
    fn segments_are_encoded_only_where_they_must_be() {
        let mut path = String::from("/users/");
        push_segment(&mut path, &"a b/c");
        path.push_str("/items/");
        push_segment(&mut path, &7);
        path.push('/');
        push_segment(&mut path, &"mé?#%{}");
        path.push('/');
        push_segment(&mut path, &"plain-word_1.2~");
        assert_eq!(
            path,
            "/users/a%20b%2Fc/items/7/m%C3%A9%3F%23%25%7B%7D/plain-word_1.2~"
        );
    }
}
