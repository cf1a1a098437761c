//! The route attribute: `("/path", key = value, ...)`.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, Lit, LitStr, Token};

use crate::ctxt::Ctxt;

/// Accepted keys, for error messages.
const KEYS: &[&str] = &[
    "status_code",
    "summary",
    "description",
    "tags",
    "deprecated",
    "operation_id",
    "include_in_schema",
    "body_limit",
    "responses",
];

pub enum Status {
    Literal(u16),
    Expr(Expr),
}

pub struct RouteAttr {
    pub path: LitStr,
    pub methods: Vec<String>,
    pub status: Option<Status>,
    pub summary: Option<LitStr>,
    pub description: Option<LitStr>,
    pub tags: Vec<LitStr>,
    pub deprecated: bool,
    pub operation_id: Option<LitStr>,
    pub include_in_schema: bool,
    pub body_limit: Option<usize>,
    pub responses: Vec<DeclaredResponse>,
}

/// One entry of `responses = [...]`: `404`, `(404, "Item not found")` or
/// `(409, "Item already exists", Message)`; the status may also be `"4XX"` or `"default"`.
pub struct DeclaredResponse {
    pub status: String,
    pub description: Option<LitStr>,
    pub ty: Option<syn::Type>,
}

const RESPONSES_USAGE: &str = "`responses` takes a list of statuses, each `404`, `(404, \"Item not found\")` or `(409, \"Item already exists\", Message)`";

fn declared_status(cx: &mut Ctxt, e: &Expr) -> Option<String> {
    match e {
        Expr::Lit(ExprLit {
            lit: Lit::Int(i), ..
        }) => match i.base10_parse::<u16>() {
            Ok(n) if (100..=599).contains(&n) => Some(n.to_string()),
            _ => {
                cx.error_spanned_by(e, "a declared status must be between 100 and 599");
                None
            }
        },
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => {
            let v = s.value();
            let range = v.len() == 3 && v.as_bytes()[0].is_ascii_digit() && &v[1..] == "XX";
            if v == "default" || range {
                Some(v)
            } else {
                cx.error_spanned_by(
                    e,
                    "a declared status is a number, a range like \"4XX\" (upper-case XX) or \"default\"",
                );
                None
            }
        }
        _ => {
            cx.error_spanned_by(e, RESPONSES_USAGE);
            None
        }
    }
}

/// One entry of `responses = [...]` as written (checked by [`responses`]).
enum Entry {
    /// `404`, `"4XX"`, `"default"`.
    Bare(Expr),
    /// `(404, "Item not found", Message)`.
    Tuple(Box<TupleEntry>),
}

/// `(404, "Item not found", Message)`: the status, then optionally the description and the
/// body's type; `all` spans the parentheses.
struct TupleEntry {
    all: TokenStream,
    status: Expr,
    description: Option<Expr>,
    ty: Option<syn::Type>,
}

impl Parse for Entry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if !input.peek(syn::token::Paren) {
            return input.parse().map(Entry::Bare);
        }
        let group: proc_macro2::Group = input.parse()?;
        let all = proc_macro2::TokenTree::Group(group.clone()).into();
        let parse_inner = |inner: ParseStream| -> syn::Result<TupleEntry> {
            let status = inner.parse()?;
            let mut description = None;
            let mut ty = None;
            if inner.parse::<Option<Token![,]>>()?.is_some() && !inner.is_empty() {
                description = Some(inner.parse()?);
                if inner.parse::<Option<Token![,]>>()?.is_some() && !inner.is_empty() {
                    ty = Some(inner.parse::<syn::Type>().map_err(|e| {
                        syn::Error::new(
                            e.span(),
                            "the third element is the body's type, e.g. Message",
                        )
                    })?);
                    inner.parse::<Option<Token![,]>>()?;
                }
            }
            if !inner.is_empty() {
                return Err(inner.error(
                    "an entry is at most (status, description, type): remove what follows the type",
                ));
            }
            Ok(TupleEntry {
                all: TokenStream::new(),
                status,
                description,
                ty,
            })
        };
        let mut entry = syn::parse::Parser::parse2(parse_inner, group.stream())?;
        entry.all = all;
        Ok(Entry::Tuple(Box::new(entry)))
    }
}

fn responses(cx: &mut Ctxt, value: &Expr) -> Vec<DeclaredResponse> {
    let parsed = match value {
        Expr::Verbatim(tokens) => syn::parse2::<proc_macro2::Group>(tokens.clone())
            .ok()
            .filter(|g| g.delimiter() == proc_macro2::Delimiter::Bracket)
            .map(|g| {
                syn::parse::Parser::parse2(
                    Punctuated::<Entry, Token![,]>::parse_terminated,
                    g.stream(),
                )
            }),
        _ => None,
    };
    let entries = match parsed {
        Some(Ok(entries)) => entries,
        Some(Err(e)) => {
            cx.syn_error(e);
            return Vec::new();
        }
        None => {
            cx.error_spanned_by(value, RESPONSES_USAGE);
            return Vec::new();
        }
    };
    let mut out: Vec<DeclaredResponse> = Vec::new();
    for entry in &entries {
        let (status, description, ty, all) = match entry {
            Entry::Tuple(entry) => {
                let TupleEntry {
                    all,
                    status,
                    description,
                    ty,
                } = &**entry;
                let status = declared_status(cx, status);
                let description = match description {
                    Some(Expr::Lit(ExprLit {
                        lit: Lit::Str(s), ..
                    })) => Some(s.clone()),
                    Some(other) => {
                        cx.error_spanned_by(
                            other,
                            "the second element is the description, a string",
                        );
                        None
                    }
                    None => None,
                };
                (status, description, ty.clone(), all.clone())
            }
            Entry::Bare(e) => (
                declared_status(cx, e),
                None,
                None,
                quote::ToTokens::to_token_stream(e),
            ),
        };
        if let Some(status) = status {
            if out.iter().any(|d| d.status == status) {
                cx.error_spanned_by(all, format!("status {status} is declared twice"));
            } else {
                out.push(DeclaredResponse {
                    status,
                    description,
                    ty,
                });
            }
        }
    }
    out
}

struct KeyValue {
    key: syn::Ident,
    /// `None` for a bare `key`: reported once the key is known to be valid.
    value: Option<Expr>,
}

impl Parse for KeyValue {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key = input.call(syn::ext::IdentExt::parse_any)?;
        if input.is_empty() || input.peek(Token![,]) {
            return Ok(KeyValue { key, value: None });
        }
        input.parse::<Token![=]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("expected `=` after `{key}`: write `{key} = <value>`"),
            )
        })?;
        // `responses` entries hold types (`Vec<Message>`), which do not parse as expressions:
        // the list is kept as tokens and read by `responses`.
        let value = if key == "responses" && input.peek(syn::token::Bracket) {
            Expr::Verbatim(input.parse::<proc_macro2::TokenTree>()?.into())
        } else {
            input.parse()?
        };
        Ok(KeyValue {
            key,
            value: Some(value),
        })
    }
}

/// An example value for `key`, for "needs a value" errors.
fn example(key: &str) -> &'static str {
    match key {
        "status_code" => "status_code = 201",
        "summary" => "summary = \"List items\"",
        "description" => "description = \"...\"",
        "tags" => "tags = [\"items\"]",
        "deprecated" => "deprecated = true",
        "operation_id" => "operation_id = \"list_items\"",
        "include_in_schema" => "include_in_schema = false",
        "body_limit" => "body_limit = 1048576",
        "responses" => "responses = [(404, \"Item not found\")]",
        "methods" => "methods = [\"GET\", \"HEAD\"]",
        _ => "key = value",
    }
}

struct Raw {
    path: LitStr,
    pairs: Vec<KeyValue>,
}

impl Parse for Raw {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the route's path as a string first, e.g. #[get(\"/items/{item_id}\")]",
            )
        })?;
        let mut pairs = Vec::new();
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
            let rest = Punctuated::<KeyValue, Token![,]>::parse_terminated(input)?;
            pairs.extend(rest);
        }
        Ok(Raw { path, pairs })
    }
}

fn lit_str(cx: &mut Ctxt, key: &str, value: &Expr) -> Option<LitStr> {
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.clone()),
        _ => {
            cx.error_spanned_by(
                value,
                format!("`{key}` takes a string, e.g. {key} = \"...\""),
            );
            None
        }
    }
}

fn lit_bool(cx: &mut Ctxt, key: &str, value: &Expr) -> Option<bool> {
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Bool(b), ..
        }) => Some(b.value),
        _ => {
            cx.error_spanned_by(value, format!("`{key}` takes `true` or `false`"));
            None
        }
    }
}

fn method_list(cx: &mut Ctxt, value: &Expr) -> Vec<String> {
    const METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    let Expr::Array(array) = value else {
        cx.error_spanned_by(
            value,
            "`methods` takes a list, e.g. methods = [\"GET\", \"HEAD\"]",
        );
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for elem in &array.elems {
        let name = match elem {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => s.value(),
            Expr::Path(p) if p.path.get_ident().is_some() => p
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default(),
            _ => {
                cx.error_spanned_by(elem, "a method is written \"GET\" or GET");
                continue;
            }
        };
        let upper = name.to_ascii_uppercase();
        if !METHODS.contains(&upper.as_str()) {
            cx.error_spanned_by(
                elem,
                format!(
                    "unknown method `{name}`; expected one of {}",
                    METHODS.join(", ")
                ),
            );
        } else if out.contains(&upper) {
            cx.error_spanned_by(
                elem,
                format!("method `{upper}` is listed twice; remove one"),
            );
        } else {
            out.push(upper);
        }
    }
    if out.is_empty() && array.elems.is_empty() {
        cx.error_spanned_by(
            value,
            "`methods` must list at least one method, e.g. methods = [\"GET\"]",
        );
    }
    out
}

pub fn parse(cx: &mut Ctxt, attr: TokenStream, method: Option<&str>) -> Option<RouteAttr> {
    let raw: Raw = match syn::parse2(attr) {
        Ok(raw) => raw,
        Err(e) => {
            cx.syn_error(e);
            return None;
        }
    };
    let mut out = RouteAttr {
        path: raw.path,
        methods: method.map(|m| vec![m.to_owned()]).unwrap_or_default(),
        status: None,
        summary: None,
        description: None,
        tags: Vec::new(),
        deprecated: false,
        operation_id: None,
        include_in_schema: true,
        body_limit: None,
        responses: Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    let mut saw_methods = false;
    for KeyValue { key, value } in raw.pairs {
        let name = key.to_string();
        let known = KEYS.contains(&name.as_str()) || (name == "methods" && method.is_none());
        if known && seen.contains(&name) {
            cx.error_spanned_by(
                &key,
                format!("`{name}` is given twice in this route attribute; keep one"),
            );
            continue;
        }
        seen.push(name.clone());
        if name == "methods" {
            // Even without a value: the route has methods, so "needs methods" is not reported.
            saw_methods = true;
        }
        let value = match value {
            Some(value) => value,
            None if known => {
                cx.error_spanned_by(
                    &key,
                    format!("`{name}` needs a value, e.g. {}", example(&name)),
                );
                continue;
            }
            // Unknown: reported below; the value does not matter.
            None => Expr::Verbatim(TokenStream::new()),
        };
        match name.as_str() {
            "status_code" => out.status = status(cx, &value),
            "summary" => out.summary = lit_str(cx, &name, &value),
            "description" => out.description = lit_str(cx, &name, &value),
            "operation_id" => out.operation_id = lit_str(cx, &name, &value),
            "deprecated" => out.deprecated = lit_bool(cx, &name, &value).unwrap_or(false),
            "include_in_schema" => {
                out.include_in_schema = lit_bool(cx, &name, &value).unwrap_or(true)
            }
            "tags" => match &value {
                Expr::Array(a) => {
                    for e in &a.elems {
                        if let Some(s) = lit_str(cx, "tags", e) {
                            out.tags.push(s);
                        }
                    }
                }
                _ => cx.error_spanned_by(&value, "`tags` takes a list, e.g. tags = [\"items\"]"),
            },
            "body_limit" => match &value {
                Expr::Lit(ExprLit {
                    lit: Lit::Int(i), ..
                }) => match i.base10_parse::<usize>() {
                    Ok(n) => out.body_limit = Some(n),
                    Err(e) => cx.syn_error(e),
                },
                _ => cx.error_spanned_by(
                    &value,
                    "`body_limit` takes a number of bytes, e.g. body_limit = 1048576",
                ),
            },
            "responses" => out.responses = responses(cx, &value),
            "methods" if method.is_none() => out.methods = method_list(cx, &value),
            "methods" => {
                let m = method.unwrap_or_default();
                cx.error_spanned_by(
                    &key,
                    format!(
                        "`methods` is for #[brisk::route]; #[brisk::{}] answers {m} only. To answer several methods write #[brisk::route(\"/path\", methods = [\"{m}\", ...])]",
                        m.to_ascii_lowercase()
                    ),
                );
            }
            _ => {
                let mut accepted: Vec<&str> = KEYS.to_vec();
                if method.is_none() {
                    accepted.insert(0, "methods");
                }
                cx.error_spanned_by(
                    &key,
                    format!(
                        "unknown brisk route attribute `{name}`; expected one of: {}",
                        accepted.join(", ")
                    ),
                );
            }
        }
    }
    if method.is_none() && !saw_methods {
        cx.error_at(
            Span::call_site(),
            "#[route] needs the methods it answers, e.g. #[route(\"/items\", methods = [\"GET\", \"HEAD\"])]",
        );
    }
    Some(out)
}

fn status(cx: &mut Ctxt, value: &Expr) -> Option<Status> {
    const RANGE: &str = "status_code must be between 100 and 599";
    const EXAMPLE: &str = "e.g. status_code = 201 or status_code = status::HTTP_201_CREATED";
    match value {
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) if matches!(&**expr, Expr::Lit(_)) => {
            cx.error_spanned_by(value, format!("{RANGE}, not a negative number; {EXAMPLE}"));
            None
        }
        Expr::Lit(ExprLit {
            lit: Lit::Int(i), ..
        }) => match i.base10_parse::<u16>() {
            Ok(n) if (100..=599).contains(&n) => Some(Status::Literal(n)),
            _ => {
                cx.error_spanned_by(
                    value,
                    format!("{RANGE}, not {}; {EXAMPLE}", i.base10_digits()),
                );
                None
            }
        },
        Expr::Lit(_) => {
            cx.error_spanned_by(
                value,
                "status_code takes a number (201), a `brisk::status` constant (status::HTTP_201_CREATED) or an `http::StatusCode` (StatusCode::CREATED), without quotes",
            );
            None
        }
        other => Some(Status::Expr(other.clone())),
    }
}
