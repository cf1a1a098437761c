//! What a return type tells OpenAPI about the response.

use serde_json::{json, Value};

use super::{Created, Html, JsonResponse, NoContent, PlainText, Redirect, Response};
use crate::model::SchemaGen;

/// The documented shape of a handler's response, from its return type.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseDoc {
    /// A status the type always has (`Created` → 201), overriding the route's.
    pub status: Option<u16>,
    /// The media type and schema of the body; `None` for a type that never has one.
    pub content: Option<(&'static str, Value)>,
    /// Whether the response carries a `Location` header.
    pub location: bool,
}

impl ResponseDoc {
    /// A JSON body with this schema.
    pub fn json(schema: Value) -> Self {
        ResponseDoc {
            status: None,
            content: Some(("application/json", schema)),
            location: false,
        }
    }
}

/// A response type that describes itself for OpenAPI (brisk's own response types). Types
/// without it are documented from [`Model`](crate::Model) when they implement it, else as
/// JSON of any shape (`{}`), as FastAPI does without a `response_model`.
pub trait DescribeResponse {
    /// The description.
    fn describe(gen: &mut SchemaGen) -> ResponseDoc;
}

/// A `Created<T>` whose `T` is not a [`Model`](crate::Model): 201, `Location`, JSON of any
/// shape. With a model (or `()`, no body) the route macro finds a more precise description
/// first (`__private::DocCreated`).
impl<T> DescribeResponse for Created<T> {
    fn describe(_: &mut SchemaGen) -> ResponseDoc {
        ResponseDoc {
            status: Some(201),
            content: Some(("application/json", json!({}))),
            location: true,
        }
    }
}

impl DescribeResponse for NoContent {
    fn describe(_: &mut SchemaGen) -> ResponseDoc {
        ResponseDoc {
            status: Some(204),
            content: None,
            location: false,
        }
    }
}

impl DescribeResponse for PlainText {
    fn describe(_: &mut SchemaGen) -> ResponseDoc {
        ResponseDoc {
            status: None,
            content: Some(("text/plain", json!({ "type": "string" }))),
            location: false,
        }
    }
}

impl DescribeResponse for Html {
    fn describe(_: &mut SchemaGen) -> ResponseDoc {
        ResponseDoc {
            status: None,
            content: Some(("text/html", json!({ "type": "string" }))),
            location: false,
        }
    }
}

impl DescribeResponse for Redirect {
    fn describe(_: &mut SchemaGen) -> ResponseDoc {
        ResponseDoc {
            status: Some(307),
            content: None,
            location: true,
        }
    }
}

macro_rules! any_json {
    ($($t:ty),*) => {$(
        impl DescribeResponse for $t {
            fn describe(_: &mut SchemaGen) -> ResponseDoc {
                ResponseDoc::json(json!({}))
            }
        }
    )*};
}
any_json!(Response, JsonResponse, Value);
