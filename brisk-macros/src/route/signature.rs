//! Where each handler parameter comes from, by FastAPI's rules adapted to what a macro can
//! see (the syntax of the signature):
//!
//! 1. an explicit wrapper (`Path<T>`, `Query<T>`, `Header<T>`, `Cookie<T>`, `Json<T>`,
//!    `State<T>`), `&Request`/`Request`, or `&mut ResponseHandle` wins;
//! 2. a parameter whose name is in the path template is a path parameter;
//! 3. a plain scalar (integers, floats, `bool`, `String`, and `Option`/`Vec` of those) is a
//!    query parameter;
//! 4. anything else is the JSON body (one at most).

use syn::{FnArg, GenericArgument, LitStr, Pat, PathArguments, Type};

use crate::ctxt::Ctxt;
use crate::model::{field_attrs, FieldAttrs};

const SCALARS: &[&str] = &[
    "i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize", "f32", "f64", "bool",
    "String",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Path,
    Query,
    Header,
    Cookie,
}

pub enum Kind {
    /// A named parameter; `wrapper` is the explicit wrapper's name, if any.
    Named {
        source: Source,
        wire_name: String,
        inner: Type,
        wrapper: Option<&'static str>,
    },
    Body {
        inner: Type,
        wrapped: bool,
    },
    State {
        inner: Type,
    },
    RequestRef,
    RequestOwned,
    Handle,
}

pub struct Param {
    pub name: Option<String>,
    pub kind: Kind,
    pub attrs: FieldAttrs,
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        Type::Group(g) => last_segment(&g.elem),
        Type::Paren(p) => last_segment(&p.elem),
        _ => None,
    }
}

fn single_generic(seg: &syn::PathSegment) -> Option<&Type> {
    match &seg.arguments {
        PathArguments::AngleBracketed(a) if a.args.len() == 1 => match a.args.first() {
            Some(GenericArgument::Type(t)) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

fn is_plain_scalar(ty: &Type) -> bool {
    last_segment(ty)
        .is_some_and(|s| s.arguments.is_empty() && SCALARS.contains(&s.ident.to_string().as_str()))
}

/// `T`, `Option<T>`, `Vec<T>`, `Option<Vec<T>>` with `T` a plain scalar.
pub fn is_scalar(ty: &Type) -> bool {
    if is_plain_scalar(ty) {
        return true;
    }
    let Some(seg) = last_segment(ty) else {
        return false;
    };
    let Some(inner) = single_generic(seg) else {
        return false;
    };
    match seg.ident.to_string().as_str() {
        "Vec" => is_plain_scalar(inner),
        "Option" => {
            is_plain_scalar(inner)
                || last_segment(inner).is_some_and(|s| {
                    s.ident == "Vec" && single_generic(s).is_some_and(is_plain_scalar)
                })
        }
        _ => false,
    }
}

/// The binding's name: `x` in `x: T`, `Path(x): Path<T>`, `mut x: T`.
fn binding_name(pat: &Pat) -> Option<String> {
    match pat {
        Pat::Ident(i) => Some(i.ident.to_string().trim_start_matches("r#").to_owned()),
        Pat::TupleStruct(t) if t.elems.len() == 1 => t.elems.first().and_then(binding_name),
        Pat::Type(t) => binding_name(&t.pat),
        _ => None,
    }
}

const USAGE: &str = "handler parameters are: a name from the path template (`item_id: i64`), a query parameter (`name: String`, `limit: Option<u32>`, `tags: Vec<String>`), one JSON body (`item: Item`), or an explicit `Path<T>`, `Query<T>`, `Header<T>`, `Cookie<T>`, `Json<T>`, `State<T>`, `&Request`, `&mut ResponseHandle`";

/// `T` for a parameter written `&T`, as the by-value type to suggest.
fn owned_suggestion(elem: &Type) -> String {
    match elem {
        Type::Path(p) if p.path.is_ident("str") => "String".to_owned(),
        Type::Slice(s) => format!("Vec<{}>", owned_suggestion(&s.elem)),
        other => quote::ToTokens::to_token_stream(other)
            .to_string()
            .replace(" < ", "<")
            .replace(" >", ">")
            .replace(" ,", ",")
            .replace(" :: ", "::"),
    }
}

/// The binding name of a handler parameter, if it has one.
fn binding_of(arg: &FnArg) -> Option<String> {
    match arg {
        FnArg::Typed(pt) => binding_name(&pt.pat),
        FnArg::Receiver(_) => None,
    }
}

pub fn classify(
    cx: &mut Ctxt,
    inputs: &[&FnArg],
    path_names: &[&str],
    path_span: proc_macro2::Span,
) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::new();
    // Set once an explicit `Path<T>` parameter is reported: a `{name}` of the path it fails to
    // cover is the same mistake, and is not reported again.
    let mut bad_path_wrapper = false;
    for arg in inputs {
        let FnArg::Typed(pt) = arg else {
            cx.error_spanned_by(
                arg,
                "route handlers are free functions, not methods: remove `self` and move the handler out of the `impl` block; share data with `State<T>`",
            );
            continue;
        };
        let name = binding_name(&pt.pat);
        let ty = &*pt.ty;
        let attrs = field_attrs(cx, &pt.attrs);
        let need_name = |cx: &mut Ctxt, what: &str| -> Option<String> {
            if name.is_none() {
                cx.error_spanned_by(
                    &pt.pat,
                    format!("a `{what}` parameter is named by its binding, which must be a plain name: write `item_id: {what}<T>` or `{what}(item_id): {what}<T>`"),
                );
            }
            name.clone()
        };
        let kind = match ty {
            Type::Reference(r) => {
                let target = last_segment(&r.elem).map(|s| s.ident.to_string());
                match (r.mutability.is_some(), target.as_deref()) {
                    (true, Some("ResponseHandle")) => Kind::Handle,
                    (false, Some("Request")) => Kind::RequestRef,
                    (true, Some("Request")) => {
                        cx.error_spanned_by(ty, "the request is read-only: take it as `request: &Request` (or own it: `request: Request`); change the response through `response: &mut ResponseHandle`");
                        continue;
                    }
                    (false, Some("ResponseHandle")) => {
                        cx.error_spanned_by(ty, "take the response handle by mutable reference: `response: &mut ResponseHandle`");
                        continue;
                    }
                    (mutable, _) => {
                        let what = if mutable {
                            "a `&mut` reference (only `&mut ResponseHandle` is)"
                        } else {
                            "a reference (only `&Request` is)"
                        };
                        cx.error_spanned_by(
                            ty,
                            format!(
                                "a handler parameter cannot be {what}; take it by value: `{}: {}`. {USAGE}",
                                name.as_deref().unwrap_or("value"),
                                owned_suggestion(&r.elem)
                            ),
                        );
                        continue;
                    }
                }
            }
            _ => {
                let seg = last_segment(ty);
                let ident = seg.map(|s| s.ident.to_string()).unwrap_or_default();
                let inner = seg.and_then(single_generic).cloned();
                let wrapper: Option<(&'static str, Source)> = match ident.as_str() {
                    "Path" => Some(("Path", Source::Path)),
                    "Query" => Some(("Query", Source::Query)),
                    "Header" => Some(("Header", Source::Header)),
                    "Cookie" => Some(("Cookie", Source::Cookie)),
                    _ => None,
                };
                match (ident.as_str(), wrapper, inner) {
                    (_, Some((w, source)), Some(inner)) => {
                        let Some(n) = need_name(cx, w) else {
                            bad_path_wrapper |= source == Source::Path;
                            continue;
                        };
                        if source == Source::Path && !path_names.contains(&n.as_str()) {
                            bad_path_wrapper = true;
                            let uncovered: Vec<String> = path_names
                                .iter()
                                .filter(|p| {
                                    !inputs.iter().any(|a| binding_of(a).as_deref() == Some(**p))
                                })
                                .map(|p| format!("`{{{p}}}`"))
                                .collect();
                            let fix = if uncovered.is_empty() {
                                format!("add `{{{n}}}` to the path, or take `{n}: Query<T>` if it is a query parameter")
                            } else {
                                format!(
                                    "the path has {}: rename the parameter to match, or write `{{{n}}}` in the path",
                                    uncovered.join(" and ")
                                )
                            };
                            cx.error_spanned_by(
                                &pt.pat,
                                format!("`{n}` is a `Path` parameter, but the route's path has no `{{{n}}}`; {fix}"),
                            );
                        }
                        // `#[brisk(alias = "...")]` names it on the wire (not for path
                        // parameters: those are named by the template).
                        let wire_name = match &attrs.alias {
                            Some(a) if source != Source::Path => a.value(),
                            _ if source == Source::Header => n.replace('_', "-"),
                            _ => n.clone(),
                        };
                        Kind::Named {
                            source,
                            wire_name,
                            inner,
                            wrapper: Some(w),
                        }
                    }
                    ("Json", None, Some(inner)) => Kind::Body {
                        inner,
                        wrapped: true,
                    },
                    ("State", None, Some(inner)) => Kind::State { inner },
                    ("Request", None, None) => Kind::RequestOwned,
                    ("ResponseHandle", None, None) => {
                        cx.error_spanned_by(ty, "take the response handle by mutable reference: `response: &mut ResponseHandle`");
                        continue;
                    }
                    _ => match &name {
                        Some(n) if path_names.contains(&n.as_str()) => Kind::Named {
                            source: Source::Path,
                            wire_name: n.clone(),
                            inner: ty.clone(),
                            wrapper: None,
                        },
                        Some(n) if is_scalar(ty) => Kind::Named {
                            source: Source::Query,
                            wire_name: attrs
                                .alias
                                .as_ref()
                                .map_or_else(|| n.clone(), LitStr::value),
                            inner: ty.clone(),
                            wrapper: None,
                        },
                        _ => Kind::Body {
                            inner: ty.clone(),
                            wrapped: false,
                        },
                    },
                }
            }
        };
        let named = matches!(kind, Kind::Named { .. });
        if !named && (attrs.default.is_some() || attrs.alias.is_some() || attrs.has_constraints()) {
            cx.error_spanned_by(&pt.pat, "`#[brisk(...)]` on a parameter applies to path, query, header and cookie parameters; put constraints on the body's fields instead");
        }
        let again = |f: fn(&Kind) -> bool| f(&kind) && out.iter().any(|p| f(&p.kind));
        if again(|k| matches!(k, Kind::Body { .. })) {
            let first = out
                .iter()
                .find(|p| matches!(p.kind, Kind::Body { .. }))
                .and_then(|p| p.name.as_deref())
                .unwrap_or("_");
            cx.error_spanned_by(
                arg,
                format!("a handler reads at most one JSON body, but `{first}` and `{}` would both be the body; put the fields in one struct, or mark scalars as `Query<T>`/`Path<T>`", name.as_deref().unwrap_or("_")),
            );
        } else if again(|k| matches!(k, Kind::Handle)) {
            cx.error_spanned_by(arg, "the response handle is taken twice: take `&mut ResponseHandle` once and remove this parameter");
        } else if again(|k| matches!(k, Kind::RequestRef | Kind::RequestOwned)) {
            cx.error_spanned_by(arg, "the request is taken twice: take it once (`&Request` or `Request`) and remove this parameter");
        }
        out.push(Param { name, kind, attrs });
    }

    // Each `{name}` of the path needs a parameter.
    if !bad_path_wrapper {
        for name in path_names {
            let found = out.iter().any(|p| {
                matches!(&p.kind, Kind::Named { source: Source::Path, wire_name, .. } if wire_name == name)
            });
            if !found {
                let elsewhere = out
                    .iter()
                    .find(|p| p.name.as_deref() == Some(*name))
                    .map(|p| match &p.kind {
                        Kind::Named {
                            wrapper: Some(w), ..
                        } => format!("a `{w}` parameter"),
                        Kind::Body { .. } => "the JSON body".to_owned(),
                        Kind::State { .. } => "a `State` parameter".to_owned(),
                        _ => "not a path parameter".to_owned(),
                    });
                let fix = if let Some(what) = elsewhere {
                    format!("the parameter `{name}` is {what}; take it as `{name}: i64` (any scalar type) or `{name}: Path<T>`")
                } else {
                    format!("add one, e.g. `{name}: i64`, or take `{name}: Path<T>`")
                };
                cx.error_at(
                    path_span,
                    format!("the path has `{{{name}}}` but the handler has no path parameter named `{name}`; {fix}"),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_scalar;

    #[test]
    fn scalar_types() {
        for t in [
            "i64",
            "String",
            "Option<u8>",
            "Vec<String>",
            "Option<Vec<f64>>",
            "std::string::String",
        ] {
            assert!(is_scalar(&syn::parse_str(t).unwrap()), "{t}");
        }
        for t in [
            "Item",
            "Vec<Item>",
            "Option<Item>",
            "HashMap<String, i64>",
            "(i64, i64)",
        ] {
            assert!(!is_scalar(&syn::parse_str(t).unwrap()), "{t}");
        }
    }
}
