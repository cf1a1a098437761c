//! The OpenAPI 3.1 document, built once from the routes when the app is built, and the pages
//! that serve it: `/openapi.json`, Swagger UI at `/docs` and ReDoc at `/redoc`.
//!
//! Every status a route can answer is documented: its declared `status_code` (or the status
//! its return type fixes, e.g. `Created` → 201, with its `Location` header), the statuses
//! declared with `responses = [...]`, and 422 for any route that reads input (unless a declared
//! `422`, `4XX` or `default` covers it, as in FastAPI).

mod assets;
mod pages;

use brisk_openapi::{
    Components, Document, Header, Info, MediaType, Operation, OrderedMap, Parameter, RequestBody,
    Response as DocResponse,
};
use serde_json::{json, Map, Value};

use crate::model::{param_schema_with_constraints, param_title, title_case, SchemaGen};
use crate::routing::Route;

pub use pages::{docs_html, redoc_html};

/// Where the document and its pages are served; `None` switches one off (FastAPI's
/// `openapi_url`, `docs_url`, `redoc_url`).
#[derive(Debug, Clone)]
pub struct OpenApiConfig {
    /// `info.title` (default `FastAPI`'s counterpart: `brisk`).
    pub title: String,
    /// `info.version` (default `0.1.0`).
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The document's path (default `/openapi.json`).
    pub openapi_url: Option<String>,
    /// Swagger UI's path (default `/docs`).
    pub docs_url: Option<String>,
    /// ReDoc's path (default `/redoc`).
    pub redoc_url: Option<String>,
}

impl Default for OpenApiConfig {
    fn default() -> Self {
        OpenApiConfig {
            title: "FastAPI".to_owned(),
            version: "0.1.0".to_owned(),
            description: None,
            openapi_url: Some("/openapi.json".to_owned()),
            docs_url: Some("/docs".to_owned()),
            redoc_url: Some("/redoc".to_owned()),
        }
    }
}

fn validation_error_schemas(gen: &mut SchemaGen) {
    // Read from text at startup: as `json!` literals these two values were ~2,700 lines of
    // LLVM IR in every build, for code that runs once.
    // (A constant: the golden OpenAPI documents in the tests hold it to FastAPI's.)
    let schemas: serde_json::Map<String, Value> = serde_json::from_str(VALIDATION_ERROR_SCHEMAS)
        .expect("VALIDATION_ERROR_SCHEMAS is a JSON object");
    for (name, schema) in schemas {
        gen.insert(&name, schema);
    }
}

/// FastAPI's schemas of a 422 answer's body, keys in its order.
const VALIDATION_ERROR_SCHEMAS: &str = r##"{
    "HTTPValidationError": {
        "properties": {
            "detail": {
                "items": { "$ref": "#/components/schemas/ValidationError" },
                "type": "array",
                "title": "Detail"
            }
        },
        "type": "object",
        "title": "HTTPValidationError"
    },
    "ValidationError": {
        "properties": {
            "loc": {
                "items": { "anyOf": [{ "type": "string" }, { "type": "integer" }] },
                "type": "array",
                "title": "Location"
            },
            "msg": { "type": "string", "title": "Message" },
            "type": { "type": "string", "title": "Error Type" },
            "input": { "title": "Input" },
            "ctx": { "type": "object", "title": "Context" }
        },
        "type": "object",
        "required": ["loc", "msg", "type"],
        "title": "ValidationError"
    }
}"##;

fn json_content(schema: Value) -> OrderedMap<MediaType> {
    let mut content = OrderedMap::new();
    content.insert(
        "application/json",
        MediaType {
            schema: Some(schema),
        },
    );
    content
}

/// A response's schema as FastAPI documents a `response_model` or an additional response's
/// `model`: a model is a bare `$ref`, anything else (a list, an optional model, a number) gets
/// the title pydantic gives FastAPI's response field, its name title-cased
/// (`Response_<operationId>`: `Response List Items Items Get`; `Response_<status>_<operationId>`
/// for a declared one). The empty schema of an undescribed value stays empty, as without a
/// model.
fn response_title(schema: Value, field: &str) -> Value {
    match schema {
        Value::Object(mut map) if !map.is_empty() && !map.contains_key("$ref") => {
            let title = crate::model::param_title(field);
            map.insert("title".to_owned(), Value::String(title));
            Value::Object(map)
        }
        other => other,
    }
}

/// FastAPI's operationId: the function name, the path with every non-word character
/// replaced by `_`, and the method.
fn operation_id(name: &str, path: &str, method: &str) -> String {
    let path: String = path
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{name}{path}_{}", method.to_ascii_lowercase())
}

/// A route template as an OpenAPI path: a catch-all `{*file_path}` is documented as the
/// parameter it is, `{file_path}` (OpenAPI has no catch-all syntax; the parameter's name must
/// match the template's).
fn openapi_path(template: &str) -> String {
    template.replace("{*", "{")
}

/// Builds the document for `routes`.
pub fn document(routes: &[Route], config: &OpenApiConfig) -> Document {
    let mut doc = Document::new(Info {
        title: config.title.clone(),
        description: config.description.clone(),
        version: config.version.clone(),
    });
    let mut gen = SchemaGen::new();
    let mut uses_validation = false;
    for route in routes {
        let spec = route.spec();
        if !spec.include_in_schema {
            continue;
        }
        for method in spec.methods {
            let (op, validates) = operation(route, method, &mut gen);
            uses_validation |= validates;
            doc.paths
                .entry_or_insert_with(&openapi_path(spec.path), OrderedMap::new)
                .insert(method.to_ascii_lowercase(), op);
        }
    }
    if uses_validation {
        validation_error_schemas(&mut gen);
    }
    let defs = gen.into_defs();
    if !defs.is_empty() {
        let mut schemas = Map::new();
        for (name, schema) in defs {
            schemas.insert(name, schema);
        }
        doc.components = Some(Components { schemas });
    }
    doc
}

fn reason(code: &str) -> String {
    code.parse::<u16>()
        .ok()
        .and_then(crate::status::reason_phrase)
        .unwrap_or("Additional Response")
        .to_owned()
}

fn operation(route: &Route, method: &str, gen: &mut SchemaGen) -> (Operation, bool) {
    let spec = route.spec();
    let doc = route.doc;
    let mut paragraphs = spec.doc.splitn(2, "\n\n");
    let first = paragraphs.next().unwrap_or("").trim();
    let rest = paragraphs.next().map(str::trim).filter(|r| !r.is_empty());
    let summary = match spec.summary {
        Some(s) => s.to_owned(),
        None if !first.is_empty() => first.replace('\n', " "),
        None => title_case(spec.name),
    };
    let description = spec
        .description
        .map(str::to_owned)
        .or(rest.map(str::to_owned));
    let mut parameters = Vec::new();
    let mut request_body = None;
    let mut response_doc = crate::response::ResponseDoc::json(json!({}));
    let mut declared: &[crate::routing::DeclaredResponse] = &[];
    if let Some(doc) = doc {
        for p in doc.params {
            let mut schema = match p.constraints {
                Some(c) => param_schema_with_constraints((p.schema)(), c()),
                None => match (p.schema)() {
                    Value::Object(m) => m,
                    _ => Map::new(),
                },
            };
            if let Some(default) = p.default {
                schema.insert("default".to_owned(), default());
            }
            schema.insert("title".to_owned(), Value::String(param_title(p.name)));
            parameters.push(Parameter {
                name: p.name.to_owned(),
                location: p.location,
                required: p.required,
                schema: Value::Object(schema),
            });
        }
        if let Some(body) = doc.body {
            request_body = Some(RequestBody {
                content: json_content(body(gen)),
                required: true,
                required_first: !parameters.is_empty(),
            });
        }
        response_doc = (doc.response)(gen);
        declared = doc.responses;
    }
    let validates = !parameters.is_empty() || request_body.is_some();
    let status = response_doc.status.unwrap_or(spec.status);
    let main_key = status.to_string();
    let mut responses = OrderedMap::new();
    let mut main = DocResponse {
        description: "Successful Response".to_owned(),
        content: None,
        headers: None,
    };
    let operation_id = spec
        .operation_id
        .map(str::to_owned)
        .unwrap_or_else(|| operation_id(spec.name, spec.path, method));
    if !crate::status::is_bodyless(status) {
        if let Some((media, schema)) = response_doc.content {
            let schema = match media == "application/json" {
                true => response_title(schema, &format!("Response_{operation_id}")),
                // FastAPI's `PlainTextResponse` and `HTMLResponse`: `{"type": "string"}`.
                false => schema,
            };
            let mut content = OrderedMap::new();
            content.insert(
                media,
                MediaType {
                    schema: Some(schema),
                },
            );
            main.content = Some(content);
        }
    }
    if response_doc.location {
        let mut headers = OrderedMap::new();
        headers.insert(
            "Location",
            Header {
                description: Some("The URL of the resource".to_owned()),
                schema: json!({ "type": "string" }),
            },
        );
        main.headers = Some(headers);
    }
    responses.insert(main_key.clone(), main);
    // FastAPI adds its 422 only where no declared entry covers it: `422`, `4XX` or `default`.
    let mut declared_422 = false;
    for d in declared {
        declared_422 |= matches!(d.status, "422" | "4XX" | "default");
        let entry = responses.entry_or_insert_with(d.status, || DocResponse {
            description: reason(d.status),
            content: None,
            headers: None,
        });
        if let Some(desc) = d.description {
            entry.description = desc.to_owned();
        }
        if let Some(schema) = d.schema {
            let bodyless = d
                .status
                .parse::<u16>()
                .is_ok_and(crate::status::is_bodyless);
            if !bodyless {
                // FastAPI's field for an additional response is `Response_<status>_<id>`.
                let field = format!("Response_{}_{operation_id}", d.status);
                entry.content = Some(json_content(response_title(schema(gen), &field)));
            }
        }
    }
    if validates && !declared_422 {
        responses.insert(
            "422",
            DocResponse {
                description: "Validation Error".to_owned(),
                content: Some(json_content(
                    json!({ "$ref": "#/components/schemas/HTTPValidationError" }),
                )),
                headers: None,
            },
        );
    }
    let op = Operation {
        tags: spec.tags.iter().map(|t| (*t).to_owned()).collect(),
        summary,
        description,
        operation_id,
        parameters,
        request_body,
        responses,
        deprecated: spec.deprecated,
    };
    (op, validates && !declared_422)
}

#[cfg(test)]
mod tests {
    use super::{openapi_path, operation_id};

    #[test]
    fn catch_all_paths_are_documented_as_plain_parameters() {
        assert_eq!(openapi_path("/files/{*file_path}"), "/files/{file_path}");
        assert_eq!(openapi_path("/items/{item_id}"), "/items/{item_id}");
    }

    #[test]
    fn operation_ids_match_fastapi() {
        assert_eq!(
            operation_id("create_item", "/items", "POST"),
            "create_item_items_post"
        );
        assert_eq!(
            operation_id("delete_item", "/items/{item_id}", "DELETE"),
            "delete_item_items__item_id__delete"
        );
        assert_eq!(
            operation_id(
                "delete_item_explicit",
                "/items-explicit/{item_id}",
                "DELETE"
            ),
            "delete_item_explicit_items_explicit__item_id__delete"
        );
    }
}

/// The document and pages, rendered once when the app is built and read by the built-in
/// routes from the app state.
#[derive(Clone)]
pub(crate) struct Rendered {
    pub(crate) json: bytes::Bytes,
    pub(crate) docs: bytes::Bytes,
    pub(crate) redoc: bytes::Bytes,
}

fn rendered(req: &crate::Request) -> Option<Rendered> {
    req.state::<Rendered>()
}

/// `content-length` then `content-type`, the order FastAPI sends them in for these pages.
fn typed(body: bytes::Bytes, media_type: &'static str) -> crate::Response {
    crate::response::with_type(
        http::StatusCode::OK,
        body,
        http::HeaderValue::from_static(media_type),
    )
}

fn serve_json(req: crate::Request) -> crate::routing::Handled {
    Ok(Box::pin(async move {
        Ok(match rendered(&req) {
            Some(r) => typed(r.json, "application/json"),
            None => crate::response::internal_server_error(),
        })
    }))
}

fn serve_docs(req: crate::Request) -> crate::routing::Handled {
    Ok(Box::pin(async move {
        Ok(match rendered(&req) {
            Some(r) => typed(r.docs, "text/html; charset=utf-8"),
            None => crate::response::internal_server_error(),
        })
    }))
}

fn serve_redoc(req: crate::Request) -> crate::routing::Handled {
    Ok(Box::pin(async move {
        Ok(match rendered(&req) {
            Some(r) => typed(r.redoc, "text/html; charset=utf-8"),
            None => crate::response::internal_server_error(),
        })
    }))
}

/// A GET+HEAD route not in the document, answering from a built-in handler. Its spec is
/// leaked: the path is configuration, known only at run time, and an app is built once.
pub(crate) fn builtin_route(
    name: &'static str,
    path: &str,
    handler: fn(crate::Request) -> crate::routing::Handled,
) -> Route {
    let spec: &'static crate::routing::RouteSpec = Box::leak(Box::new(crate::routing::RouteSpec {
        name,
        path: Box::leak(path.to_owned().into_boxed_str()),
        methods: &["GET", "HEAD"],
        status: 200,
        needs_body: false,
        body_limit: None,
        states: &[],
        doc: "",
        summary: None,
        description: None,
        operation_id: None,
        tags: &[],
        deprecated: false,
        include_in_schema: false,
    }));
    Route::__new(spec, handler)
}

/// Renders the document and pages and returns the routes that serve them.
pub(crate) fn install(routes: &[Route], config: &OpenApiConfig) -> Option<(Rendered, Vec<Route>)> {
    let openapi_url = config.openapi_url.as_deref()?;
    let doc = document(routes, config);
    let json = crate::response::json_bytes(&doc).unwrap_or_default();
    let mut extra = vec![builtin_route("openapi", openapi_url, serve_json)];
    let mut docs = bytes::Bytes::new();
    let mut redoc = bytes::Bytes::new();
    if let Some(url) = config.docs_url.as_deref() {
        docs = docs_html(&config.title, openapi_url, url).into();
        extra.push(builtin_route("swagger_ui_html", url, serve_docs));
        extra.extend(assets::docs_routes(url));
    }
    if let Some(url) = config.redoc_url.as_deref() {
        redoc = redoc_html(&config.title, openapi_url, url).into();
        extra.push(builtin_route("redoc_html", url, serve_redoc));
        extra.extend(assets::redoc_routes(url));
    }
    Some((
        Rendered {
            json: json.into(),
            docs,
            redoc,
        },
        extra,
    ))
}
