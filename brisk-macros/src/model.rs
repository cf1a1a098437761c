//! `#[derive(Model)]`: pydantic-style validation of a JSON value into a struct (every error
//! at once) or a unit enum (string choices), plus its JSON Schema.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Expr, ExprLit, Fields, Lit, LitStr};

use crate::ctxt::Ctxt;

/// Constraint and default attributes shared by struct fields and handler parameters.
#[derive(Default)]
pub struct FieldAttrs {
    pub default: Option<Option<Expr>>,
    /// Where `#[brisk(default = ...)]` gave the default a value (serde knows nothing of it).
    pub brisk_default_value: Option<proc_macro2::Span>,
    pub alias: Option<LitStr>,
    pub rename: Option<LitStr>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    /// The pattern and its compiled program (see `crate::pattern`).
    pub pattern: Option<(LitStr, Vec<u32>)>,
    pub gt: Option<Lit>,
    pub ge: Option<Lit>,
    pub lt: Option<Lit>,
    pub le: Option<Lit>,
    pub multiple_of: Option<Lit>,
    /// `#[serde(skip)]` or `#[serde(skip_deserializing)]`: serde never reads the field (its
    /// key is unknown to it) and fills it with its default, so brisk does the same.
    pub skip: bool,
    /// Each constraint key as written, at its span: the derive checks that the field's type
    /// takes it (`brisk::model::takes`), so a misplaced key is an error there.
    pub constraint_keys: Vec<(String, proc_macro2::Span)>,
}

const FIELD_KEYS: &str =
    "default, alias, min_length, max_length, pattern, gt, ge, lt, le, multiple_of";

impl FieldAttrs {
    pub fn has_constraints(&self) -> bool {
        self.min_length.is_some()
            || self.max_length.is_some()
            || self.pattern.is_some()
            || self.gt.is_some()
            || self.ge.is_some()
            || self.lt.is_some()
            || self.le.is_some()
            || self.multiple_of.is_some()
    }

    /// `::brisk::model::Constraints { ... }` as a const expression.
    pub fn constraints(&self) -> TokenStream {
        let usize_opt = |v: &Option<usize>| match v {
            Some(n) => quote!(::core::option::Option::Some(#n)),
            None => quote!(::core::option::Option::None),
        };
        let bound = |v: &Option<Lit>| match v {
            Some(lit) => {
                let (text, is_int) = match lit {
                    Lit::Int(i) => (i.base10_digits().to_owned(), true),
                    Lit::Float(f) => (f.base10_digits().to_owned(), false),
                    _ => (String::new(), false),
                };
                let value: f64 = text.parse().unwrap_or(0.0);
                quote!(::core::option::Option::Some(::brisk::model::Bound { value: #value, text: #text, is_int: #is_int }))
            }
            None => quote!(::core::option::Option::None),
        };
        let min_length = usize_opt(&self.min_length);
        let max_length = usize_opt(&self.max_length);
        // The `pattern` field exists only with brisk's `pattern` feature, which is what turns
        // this crate's on (without it no pattern gets this far: `crate::pattern::compile`
        // fails).
        let pattern = match &self.pattern {
            Some((p, program)) => {
                let pattern = crate::pattern::tokens(p, program);
                quote!(pattern: ::core::option::Option::Some(#pattern),)
            }
            None if cfg!(feature = "pattern") => quote!(pattern: ::core::option::Option::None,),
            None => TokenStream::new(),
        };
        let (gt, ge, lt, le, m) = (
            bound(&self.gt),
            bound(&self.ge),
            bound(&self.lt),
            bound(&self.le),
            bound(&self.multiple_of),
        );
        quote! {
            ::brisk::model::Constraints {
                min_length: #min_length, max_length: #max_length,
                gt: #gt, ge: #ge, lt: #lt, le: #le, multiple_of: #m,
                #pattern
            }
        }
    }
}

fn number_lit(cx: &mut Ctxt, key: &str, e: &Expr) -> Option<Lit> {
    match e {
        Expr::Lit(ExprLit {
            lit: l @ (Lit::Int(_) | Lit::Float(_)),
            ..
        }) => Some(l.clone()),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => match &*u.expr {
            Expr::Lit(ExprLit {
                lit: Lit::Int(i), ..
            }) => Some(Lit::Int(syn::LitInt::new(
                &format!("-{}", i.base10_digits()),
                i.span(),
            ))),
            Expr::Lit(ExprLit {
                lit: Lit::Float(f), ..
            }) => Some(Lit::Float(syn::LitFloat::new(
                &format!("-{}", f.base10_digits()),
                f.span(),
            ))),
            _ => {
                cx.error_spanned_by(e, format!("`{key}` takes a number, e.g. {key} = 0"));
                None
            }
        },
        _ => {
            cx.error_spanned_by(e, format!("`{key}` takes a number, e.g. {key} = 0"));
            None
        }
    }
}

/// The field keys that constrain a value.
const CONSTRAINT_KEYS: &[&str] = &[
    "min_length",
    "max_length",
    "pattern",
    "gt",
    "ge",
    "lt",
    "le",
    "multiple_of",
];

/// A field key as written with a value, for error messages (`None` for a key that is not a
/// field key taking a value).
fn example(key: &str) -> Option<String> {
    Some(match key {
        "alias" => "alias = \"itemId\"".to_owned(),
        "pattern" => "pattern = \"^[a-z]+$\"".to_owned(),
        "min_length" | "max_length" => format!("{key} = 1"),
        "multiple_of" => "multiple_of = 2".to_owned(),
        "gt" | "ge" | "lt" | "le" => format!("{key} = 0"),
        _ => return None,
    })
}

/// What `key` takes, as the error for a missing or mistyped value shows it.
fn takes(key: &str) -> String {
    let what = match key {
        "alias" => "the JSON key as a string",
        "min_length" | "max_length" => "a length",
        "pattern" => "a regex as a string",
        _ => "a number",
    };
    let example = example(key).unwrap_or_else(|| format!("{key} = 0"));
    format!("`{key}` takes {what}, e.g. {example}")
}

/// Consumes whatever follows a key (`= expr` or `(...)`), so that one mistake is one error.
fn skip_value(meta: &syn::meta::ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _: proc_macro2::TokenTree = meta.input.parse()?;
    }
    Ok(())
}

/// The value of `key = value`, or the error saying what `key` takes (then `None`).
fn key_value(
    cx: &mut Ctxt,
    meta: &syn::meta::ParseNestedMeta,
    key: &str,
) -> syn::Result<Option<Expr>> {
    if meta.input.peek(syn::Token![=]) {
        Ok(Some(meta.value()?.parse()?))
    } else {
        cx.error_spanned_by(&meta.path, takes(key));
        skip_value(meta)?;
        Ok(None)
    }
}

fn lit_str(cx: &mut Ctxt, key: &str, e: &Expr) -> Option<LitStr> {
    match e {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.clone()),
        _ => {
            cx.error_spanned_by(e, takes(key));
            None
        }
    }
}

fn length(cx: &mut Ctxt, key: &str, e: &Expr) -> Option<usize> {
    match e {
        Expr::Lit(ExprLit {
            lit: Lit::Int(i), ..
        }) if i.base10_parse::<usize>().is_ok() => i.base10_parse().ok(),
        _ => {
            cx.error_spanned_by(e, takes(key));
            None
        }
    }
}

/// serde's field attributes as brisk reads them: the ones that change validation, and
/// `alias`, which brisk refuses (serde would accept two keys where brisk reads one).
fn serde_field_attr(cx: &mut Ctxt, out: &mut FieldAttrs, attr: &syn::Attribute) {
    let result = attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("default") {
            if meta.input.peek(syn::Token![=]) {
                let path: LitStr = meta.value()?.parse()?;
                let f: syn::ExprPath = path.parse()?;
                out.default = Some(Some(syn::parse_quote!(#f())));
            } else {
                out.default = Some(None);
            }
        } else if meta.path.is_ident("rename") {
            if meta.input.peek(syn::Token![=]) {
                out.rename = Some(meta.value()?.parse()?);
            } else if meta.input.peek(syn::token::Paren) {
                // `rename(serialize = "a", deserialize = "b")`: brisk reads what serde reads.
                meta.parse_nested_meta(|m| {
                    let s: LitStr = m.value()?.parse()?;
                    if m.path.is_ident("deserialize") {
                        out.rename = Some(s);
                    }
                    Ok(())
                })?;
            }
        } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_deserializing") {
            out.skip = true;
        } else if meta.path.is_ident("alias") {
            cx.error_spanned_by(
                &meta.path,
                "`#[serde(alias)]` is not supported by `brisk::Model`: serde accepts both names, \
                 brisk reads one key per field (the one its schema documents); use \
                 `#[brisk(alias = \"x\")]` to read the field under another key",
            );
            skip_value(&meta)?;
        } else if meta.input.peek(syn::token::Paren) {
            meta.parse_nested_meta(|m| skip_value(&m))?;
        } else {
            skip_value(&meta)?;
        }
        Ok(())
    });
    if let Err(e) = result {
        cx.syn_error(e);
    }
}

/// Parses `#[brisk(...)]` (and the serde attributes brisk honours) on a field or parameter.
pub fn field_attrs(cx: &mut Ctxt, attrs: &[syn::Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("serde") {
            serde_field_attr(cx, &mut out, attr);
            continue;
        }
        if !attr.path().is_ident("brisk") {
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            let key = meta.path.to_token_stream().to_string().replace(' ', "");
            let seen_dup = |cx: &mut Ctxt, present: bool| {
                if present {
                    cx.error_spanned_by(&meta.path, format!("`{key}` is given twice; keep one"));
                }
            };
            if CONSTRAINT_KEYS.contains(&key.as_str()) {
                out.constraint_keys
                    .push((key.clone(), syn::spanned::Spanned::span(&meta.path)));
            }
            match key.as_str() {
                "default" => {
                    seen_dup(cx, out.default.is_some());
                    out.default = Some(if meta.input.peek(syn::Token![=]) {
                        out.brisk_default_value = Some(syn::spanned::Spanned::span(&meta.path));
                        Some(meta.value()?.parse()?)
                    } else {
                        None
                    });
                }
                "alias" => {
                    seen_dup(cx, out.alias.is_some());
                    if let Some(e) = key_value(cx, &meta, &key)? {
                        out.alias = lit_str(cx, &key, &e).or(out.alias.take());
                    }
                }
                "min_length" | "max_length" => {
                    let n = key_value(cx, &meta, &key)?.and_then(|e| length(cx, &key, &e));
                    let slot = if key == "min_length" {
                        &mut out.min_length
                    } else {
                        &mut out.max_length
                    };
                    seen_dup(cx, slot.is_some());
                    *slot = n.or(*slot);
                }
                "pattern" => {
                    seen_dup(cx, out.pattern.is_some());
                    let p = key_value(cx, &meta, &key)?.and_then(|e| lit_str(cx, &key, &e));
                    if let Some(p) = p {
                        let program = crate::pattern::compile(&p.value()).unwrap_or_else(|e| {
                            cx.error_spanned_by(&p, e);
                            Vec::new()
                        });
                        out.pattern = Some((p, program));
                    }
                }
                "gt" | "ge" | "lt" | "le" | "multiple_of" => {
                    let lit = key_value(cx, &meta, &key)?.and_then(|e| number_lit(cx, &key, &e));
                    let slot = match key.as_str() {
                        "gt" => &mut out.gt,
                        "ge" => &mut out.ge,
                        "lt" => &mut out.lt,
                        "le" => &mut out.le,
                        _ => &mut out.multiple_of,
                    };
                    seen_dup(cx, slot.is_some());
                    if lit.is_some() {
                        *slot = lit;
                    }
                }
                _ => {
                    cx.error_spanned_by(
                        &meta.path,
                        format!("unknown brisk attribute `{key}`; expected one of: {FIELD_KEYS}"),
                    );
                    skip_value(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}

/// serde's `rename_all` rules for the cases people use.
fn rename_all(rule: &str, name: &str) -> String {
    let words: Vec<String> = {
        let mut words = Vec::new();
        let mut cur = String::new();
        for (i, c) in name.chars().enumerate() {
            if c == '_' {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            } else if c.is_uppercase() && i > 0 && !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
                cur.push(c);
            } else {
                cur.push(c);
            }
        }
        if !cur.is_empty() {
            words.push(cur);
        }
        words.into_iter().map(|w| w.to_lowercase()).collect()
    };
    let cap = |w: &String| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    match rule {
        "lowercase" => name.to_lowercase(),
        "UPPERCASE" => name.to_uppercase(),
        "snake_case" => words.join("_"),
        "SCREAMING_SNAKE_CASE" => words.join("_").to_uppercase(),
        "kebab-case" => words.join("-"),
        "SCREAMING-KEBAB-CASE" => words.join("-").to_uppercase(),
        "camelCase" => words
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w.clone() } else { cap(w) })
            .collect(),
        "PascalCase" => words.iter().map(cap).collect(),
        _ => name.to_owned(),
    }
}

struct ContainerAttrs {
    rename_all: Option<String>,
    deny_unknown_fields: bool,
    /// `#[serde(default)]` on the struct (`Some(None)`), or `#[serde(default = "path")]`
    /// (`Some(Some(path))`): a missing field takes its value in that whole default.
    default: Option<Option<syn::ExprPath>>,
}

/// The keys `#[brisk(...)]` takes on the struct or enum itself (serde's container
/// attributes of the same names are read too).
const CONTAINER_KEYS: &[&str] = &[
    "rename_all",
    "deny_unknown_fields",
    "forbid_extra",
    "default",
];

/// The struct's (or enum's) `#[serde(...)]` and `#[brisk(...)]` attributes. An unknown key in
/// `#[brisk(...)]` is an error (serde's own keys are serde's business).
fn container_attrs(cx: &mut Ctxt, name: &syn::Ident, attrs: &[syn::Attribute]) -> ContainerAttrs {
    let mut out = ContainerAttrs {
        rename_all: None,
        deny_unknown_fields: false,
        default: None,
    };
    for attr in attrs
        .iter()
        .filter(|a| a.path().is_ident("serde") || a.path().is_ident("brisk"))
    {
        let is_brisk = attr.path().is_ident("brisk");
        let mut errors = Vec::new();
        let result = attr.parse_nested_meta(|meta| {
            let known = CONTAINER_KEYS.iter().any(|k| meta.path.is_ident(k));
            if is_brisk && !known {
                let key = meta.path.to_token_stream().to_string().replace(' ', "");
                errors.push(syn::Error::new_spanned(
                    &meta.path,
                    match example(&key) {
                        Some(example) => format!(
                            "`{key}` is a field attribute: put it on the field it applies to \
                             (`#[brisk({example})]` above the field), not on `{name}`"
                        ),
                        None => format!(
                            "unknown brisk attribute `{key}` on `{name}`; expected one of: \
                             {} (constraints, `default` and `alias` of one field go on that \
                             field)",
                            CONTAINER_KEYS.join(", ")
                        ),
                    },
                ));
                skip_value(&meta)?;
                return Ok(());
            }
            if meta.path.is_ident("rename_all") {
                if meta.input.peek(syn::Token![=]) {
                    let s: LitStr = meta.value()?.parse()?;
                    out.rename_all = Some(s.value());
                } else {
                    let _ = meta.parse_nested_meta(|m| {
                        if m.path.is_ident("deserialize") {
                            let s: LitStr = m.value()?.parse()?;
                            out.rename_all = Some(s.value());
                        } else if m.input.peek(syn::Token![=]) {
                            let _: Expr = m.value()?.parse()?;
                        }
                        Ok(())
                    });
                }
            } else if meta.path.is_ident("deny_unknown_fields")
                || meta.path.is_ident("forbid_extra")
            {
                out.deny_unknown_fields = true;
            } else if meta.path.is_ident("default") {
                out.default = Some(if meta.input.peek(syn::Token![=]) {
                    let path: LitStr = meta.value()?.parse()?;
                    Some(path.parse()?)
                } else {
                    None
                });
            } else if meta.input.peek(syn::Token![=]) {
                let _: Expr = meta.value()?.parse()?;
            } else if meta.input.peek(syn::token::Paren) {
                let _ = meta.parse_nested_meta(|m| {
                    if m.input.peek(syn::Token![=]) {
                        let _: Expr = m.value()?.parse()?;
                    }
                    Ok(())
                });
            }
            Ok(())
        });
        for e in errors {
            cx.syn_error(e);
        }
        if let (true, Err(e)) = (is_brisk, result) {
            cx.syn_error(e);
        }
    }
    out
}

pub fn derive(input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let mut cx = Ctxt::default();
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "#[derive(Model)] does not support generic types yet; use a concrete struct",
        );
    }
    let name = &input.ident;
    let container = container_attrs(&mut cx, name, &input.attrs);
    let mut helpers = TokenStream::new();
    let body = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(fields) => {
                let (body, h) = derive_struct(&mut cx, name, &container, fields);
                helpers = h;
                body
            }
            _ => {
                cx.error_spanned_by(name, "#[derive(Model)] needs named fields (`struct Item { name: String }`) or a unit enum");
                quote!()
            }
        },
        Data::Enum(e) => derive_enum(&mut cx, name, &container, e),
        Data::Union(_) => {
            cx.error_spanned_by(
                name,
                "#[derive(Model)] does not support unions; \
                 use a struct with named fields, or an enum of unit variants",
            );
            quote!()
        }
    };
    if !cx.is_empty() {
        return cx.into_compile_errors();
    }
    quote! {
        #[automatically_derived]
        impl ::brisk::model::Model for #name {
            #body
        }

        #helpers
    }
}

fn derive_struct(
    cx: &mut Ctxt,
    name: &syn::Ident,
    container: &ContainerAttrs,
    fields: &syn::FieldsNamed,
) -> (TokenStream, TokenStream) {
    let name_str = &name.to_string();
    let mut reads = Vec::new();
    let mut direct_reads = Vec::new();
    let mut direct_absent = Vec::new();
    let mut tys = Vec::new();
    let mut direct_vars = Vec::new();
    let mut idents = Vec::new();
    let mut vars = Vec::new();
    let mut keys = Vec::new();
    let mut props = Vec::new();
    let mut default_fns = Vec::new();
    for (i, field) in fields.named.iter().enumerate() {
        let ident = field.ident.clone().into_token_stream();
        let field_name = field
            .ident
            .as_ref()
            .map(|i| i.to_string().trim_start_matches("r#").to_owned())
            .unwrap_or_default();
        let attrs = field_attrs(cx, &field.attrs);
        // A field's own default, else the struct's (`#[serde(default)]` on the struct, as
        // serde reads it: the missing field's value in `Default::default()` or `path()`).
        let default = attrs.default.clone().or_else(|| {
            container.default.as_ref().map(|whole| {
                let whole = match whole {
                    Some(path) => quote!(#path()),
                    None => quote!(<#name as ::core::default::Default>::default()),
                };
                Some(syn::parse_quote!((#whole).#ident))
            })
        });
        // The default is written once, in a function of the field's type, so a default of
        // the wrong type is one error at the user's expression, not one per use below.
        let default = default.map(|d| {
            d.map(|expr| -> Expr {
                let f = quote::format_ident!("__brisk_default_{}", i);
                let ty = &field.ty;
                default_fns.push(quote! {
                    #[doc(hidden)]
                    fn #f() -> #ty {
                        #expr
                    }
                });
                syn::parse_quote!(#name::#f())
            })
        });
        let key = match (&attrs.alias, &attrs.rename, &container.rename_all) {
            (Some(a), _, _) => a.value(),
            (None, Some(r), _) => r.value(),
            (None, None, Some(rule)) => rename_all(rule, &field_name),
            (None, None, None) => field_name.clone(),
        };
        let ty = &field.ty;
        let var = quote::format_ident!("__brisk_f{}", i);
        if attrs.skip {
            // A constraint or an alias on a field that is never read would be silently ignored.
            for (key, span) in &attrs.constraint_keys {
                cx.error_at(
                    *span,
                    format!("`{key}` has no effect on a skipped field (`#[serde(skip)]`: it is never read from the body); remove `{key}`, or the skip"),
                );
            }
            if let Some(alias) = &attrs.alias {
                cx.error_spanned_by(
                    alias,
                    "`alias` has no effect on a skipped field (`#[serde(skip)]`: it is never read from the body); remove the alias, or the skip",
                );
            }
            // serde fills a skipped field itself and never sees brisk's attribute: the struct
            // would take one value through brisk and another through `serde_json`.
            if let Some(span) = attrs.brisk_default_value {
                cx.error_at(
                    span,
                    "`#[brisk(default = ...)]` on a skipped field would differ from serde, which fills a `#[serde(skip)]` field with `Default::default()` or `#[serde(default = \"path\")]`; use `#[serde(default = \"path\")]` for this value",
                );
            }
            // serde never reads a skipped field: its key is unknown (an extra key under
            // `deny_unknown_fields`), it takes its default, and the schema leaves it out. Its
            // type need not be a Model.
            let value = match &default {
                Some(Some(expr)) => quote!(#expr),
                _ => quote_spanned!(ty.span()=> <#ty as ::core::default::Default>::default()),
            };
            reads.push(quote! {
                let #var: ::core::option::Option<#ty> = ::core::option::Option::Some(#value);
            });
            direct_absent.push(quote!(let #var: #ty = #value;));
            idents.push(ident);
            vars.push(var);
            continue;
        }
        // Each constraint key is checked against the field's type through its own trait
        // (`brisk::model::takes`), at the key: `gt` on a `String` is one error there, naming
        // it. The first key's trait also runs the checks (its methods forward to
        // `Constrained`); the others are only named.
        let key_trait = |(key, span): &(String, proc_macro2::Span)| {
            let tr = syn::Ident::new(&trait_name(key), *span);
            let ty = respan(ty.to_token_stream(), *span);
            quote_spanned!(*span=> <#ty as ::brisk::model::takes::#tr>)
        };
        let check = attrs.constraint_keys.first().map(key_trait);
        let other_keys: Vec<_> = attrs
            .constraint_keys
            .iter()
            .skip(1)
            .map(key_trait)
            .collect();
        let assert_keys = quote!(#(let _ = #other_keys::check;)*);
        // With constraints, the JSON is asked first (`Constrained::raw_violation`: a list
        // past its `max_length` answers `too_long` alone, as pydantic does), then the value
        // is read and checked.
        let read = if attrs.has_constraints() {
            let c = attrs.constraints();
            quote! {
                static __C: ::brisk::model::Constraints = #c;
                #assert_keys
                let __v = match #check::check_raw(__raw, &__C) {
                    ::core::option::Option::Some(__viol) => {
                        ::brisk::model::push_violation(__errors, __loc, __viol, __raw);
                        ::core::option::Option::None
                    }
                    ::core::option::Option::None => {
                        match <#ty as ::brisk::model::Model>::from_json(__raw, __loc, __errors) {
                            ::core::option::Option::Some(__x) => {
                                match #check::check(&__x, &__C) {
                                    ::core::option::Option::Some(__viol) => {
                                        ::brisk::model::push_violation(__errors, __loc, __viol, __raw);
                                        ::core::option::Option::None
                                    }
                                    ::core::option::Option::None => ::core::option::Option::Some(__x),
                                }
                            }
                            ::core::option::Option::None => ::core::option::Option::None,
                        }
                    }
                };
            }
        } else {
            quote! {
                let __v = <#ty as ::brisk::model::Model>::from_json(__raw, __loc, __errors);
            }
        };
        let direct_check = if attrs.has_constraints() {
            let c = attrs.constraints();
            quote! {
                static __C: ::brisk::model::Constraints = #c;
                if #check::check(&__x, &__C).is_some() {
                    return ::core::result::Result::Err(::brisk::model::direct::give_up());
                }
            }
        } else {
            quote!()
        };
        // The key's position in `__KEYS` (skipped fields have none).
        let index = keys.len();
        direct_reads.push(quote! {
            ::core::option::Option::Some(#index) => {
                let __x = <#ty as ::brisk::model::Model>::read_entry(&mut __map)?;
                #direct_check
                #var = ::core::option::Option::Some(__x);
            }
        });
        let direct_default = match &default {
            Some(Some(expr)) => quote!(#expr),
            Some(None) => quote!(::core::default::Default::default()),
            None => quote! {
                match <#ty as ::brisk::model::Model>::absent() {
                    ::core::option::Option::Some(__d) => __d,
                    ::core::option::Option::None => {
                        return ::core::result::Result::Err(::brisk::model::direct::give_up());
                    }
                }
            },
        };
        direct_absent.push(quote! {
            let #var = match #var {
                ::core::option::Option::Some(__x) => __x,
                ::core::option::Option::None => #direct_default,
            };
        });
        tys.push(ty.clone());
        direct_vars.push(var.clone());
        let on_absent = match &default {
            Some(Some(expr)) => quote!(::core::option::Option::Some(#expr)),
            Some(None) => quote!(::core::option::Option::Some(
                ::core::default::Default::default()
            )),
            None => quote! {
                match <#ty as ::brisk::model::Model>::absent() {
                    ::core::option::Option::Some(__d) => ::core::option::Option::Some(__d),
                    ::core::option::Option::None => {
                        __loc.push(::brisk::error::Loc::Key(::std::borrow::Cow::Borrowed(#key)));
                        ::brisk::model::push_error(__errors, __loc, "missing", "Field required", __value);
                        __loc.pop();
                        ::core::option::Option::None
                    }
                }
            },
        };
        reads.push(quote! {
            let #var: ::core::option::Option<#ty> = match __map.get(#key) {
                ::core::option::Option::Some(__raw) => {
                    __loc.push(::brisk::error::Loc::Key(::std::borrow::Cow::Borrowed(#key)));
                    #read
                    __loc.pop();
                    __v
                }
                ::core::option::Option::None => #on_absent,
            };
        });
        idents.push(ident);
        vars.push(var);
        keys.push(key.clone());
        let title = crate_title(&field_name);
        let c = attrs.constraints();
        let default_json = match &default {
            Some(Some(expr)) => quote! {
                ::core::result::Result::ok(::brisk::__private::serde_json::to_value::<#ty>(#expr))
            },
            Some(None) => quote! {
                ::core::result::Result::ok(::brisk::__private::serde_json::to_value::<#ty>(::core::default::Default::default()))
            },
            None => quote!(::core::option::Option::None),
        };
        let is_required = default.is_none();
        props.push(quote! {
            {
                static __C: ::brisk::model::Constraints = #c;
                __o.field(
                    #key,
                    #title,
                    <#ty as ::brisk::model::Model>::schema(__gen),
                    &__C,
                    #default_json,
                    #is_required && <#ty as ::brisk::model::Model>::absent().is_none(),
                );
            }
        });
    }
    let deny = if container.deny_unknown_fields {
        quote! {
            for (__k, __x) in __map {
                if ![#(#keys),*].contains(&__k.as_str()) {
                    __loc.push(::brisk::error::Loc::Key(__k.clone().into()));
                    ::brisk::model::push_error(__errors, __loc, "extra_forbidden", "Extra inputs are not permitted", __x);
                    __loc.pop();
                    __ok = false;
                }
            }
        }
    } else {
        quote!()
    };
    let direct_unknown = if container.deny_unknown_fields {
        quote!(return ::core::result::Result::Err(::brisk::model::direct::give_up()))
    } else {
        quote! {
            ::brisk::__private::serde::de::MapAccess::next_value::<::brisk::model::direct::Skip>(&mut __map)?;
        }
    };
    let deny_unknown_fields = container.deny_unknown_fields;
    let helpers = if default_fns.is_empty() {
        quote!()
    } else {
        quote! {
            impl #name {
                #(#default_fns)*
            }
        }
    };
    let body = quote! {
        fn from_json(
            __value: &::brisk::__private::serde_json::Value,
            __loc: &mut ::std::vec::Vec<::brisk::error::Loc>,
            __errors: &mut ::brisk::error::Errors,
        ) -> ::core::option::Option<Self> {
            let ::brisk::__private::serde_json::Value::Object(__map) = __value else {
                ::brisk::model::push_error(__errors, __loc, "model_attributes_type",
                    "Input should be a valid dictionary or object to extract fields from", __value);
                return ::core::option::Option::None;
            };
            #[allow(unused_mut)]
            let mut __ok = true;
            #(#reads)*
            #deny
            match (#(#vars,)*) {
                (#(::core::option::Option::Some(#vars),)*) if __ok => ::core::option::Option::Some(Self { #(#idents: #vars),* }),
                _ => ::core::option::Option::None,
            }
        }

        fn read_valid<'__de, __D: ::brisk::__private::serde::Deserializer<'__de>>(
            __d: __D,
        ) -> ::core::result::Result<Self, __D::Error> {
            struct __Visitor;
            impl<'__de> ::brisk::__private::serde::de::Visitor<'__de> for __Visitor {
                type Value = #name;
                fn expecting(&self, __f: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                    __f.write_str("an object")
                }
                fn visit_map<__A: ::brisk::__private::serde::de::MapAccess<'__de>>(
                    self,
                    mut __map: __A,
                ) -> ::core::result::Result<#name, __A::Error> {
                    const __KEYS: &[&str] = &[#(#keys),*];
                    #(let mut #direct_vars: ::core::option::Option<#tys> = ::core::option::Option::None;)*
                    while let ::core::option::Option::Some(__i) = ::brisk::__private::serde::de::MapAccess::next_key_seed(
                        &mut __map,
                        ::brisk::model::direct::KeyIndex(__KEYS),
                    )? {
                        match __i {
                            #(#direct_reads)*
                            _ => { #direct_unknown }
                        }
                    }
                    #(#direct_absent)*
                    ::core::result::Result::Ok(#name { #(#idents: #vars),* })
                }
            }
            ::brisk::__private::serde::Deserializer::deserialize_map(__d, __Visitor)
        }

        fn schema(__gen: &mut ::brisk::model::SchemaGen) -> ::brisk::__private::serde_json::Value {
            __gen.named(#name_str, |__gen| {
                #[allow(unused_mut)]
                let mut __o = ::brisk::model::ObjectSchema::new();
                #(#props)*
                __o.finish(#name_str, #deny_unknown_fields)
            })
        }
    };
    (body, helpers)
}

/// The `brisk::model::takes` trait of a constraint key (`multiple_of` -> `MultipleOf`).
fn trait_name(key: &str) -> String {
    key.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// `tokens` with every span set to `span`, so that an error about them points there.
fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            if let proc_macro2::TokenTree::Group(g) = &tt {
                let mut group = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                tt = proc_macro2::TokenTree::Group(group);
            } else {
                tt.set_span(span);
            }
            tt
        })
        .collect()
}

fn crate_title(name: &str) -> String {
    name.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn derive_enum(
    cx: &mut Ctxt,
    name: &syn::Ident,
    container: &ContainerAttrs,
    e: &syn::DataEnum,
) -> TokenStream {
    let name_str = &name.to_string();
    let mut arms = Vec::new();
    let mut variants = Vec::new();
    let mut values = Vec::new();
    for v in &e.variants {
        let ident = &v.ident;
        let serde_attrs: Vec<_> = v
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("serde"))
            .cloned()
            .collect();
        let attrs = field_attrs(cx, &serde_attrs);
        // serde never reads a skipped variant: it is not a choice.
        if attrs.skip {
            continue;
        }
        if !matches!(v.fields, Fields::Unit) {
            cx.error_spanned_by(
                &v.fields,
                format!(
                    "#[derive(Model)] on an enum supports unit variants only (string choices); \
                     make `{ident}` a unit variant, or use a struct with named fields"
                ),
            );
            continue;
        }
        // A variant is one string: only serde's `rename` applies; brisk's field keys do not.
        for attr in v.attrs.iter().filter(|a| a.path().is_ident("brisk")) {
            cx.error_spanned_by(
                attr,
                "`#[brisk(...)]` does not apply to an enum variant; \
                 to change its string use `#[serde(rename = \"...\")]`",
            );
        }
        let value = match (&attrs.rename, &container.rename_all) {
            (Some(r), _) => r.value(),
            (None, Some(rule)) => rename_all(rule, &ident.to_string()),
            (None, None) => ident.to_string(),
        };
        arms.push(quote!(#value => ::core::option::Option::Some(Self::#ident),));
        variants.push(ident.clone());
        values.push(value);
    }
    let expected = match values.len() {
        0 => String::new(),
        1 => format!("'{}'", values[0]),
        n => format!(
            "{} or '{}'",
            values[..n - 1]
                .iter()
                .map(|v| format!("'{v}'"))
                .collect::<Vec<_>>()
                .join(", "),
            values[n - 1]
        ),
    };
    let msg = format!("Input should be {expected}");
    let indices = 0..variants.len();
    quote! {
        fn from_json(
            __value: &::brisk::__private::serde_json::Value,
            __loc: &mut ::std::vec::Vec<::brisk::error::Loc>,
            __errors: &mut ::brisk::error::Errors,
        ) -> ::core::option::Option<Self> {
            let __found = match __value {
                ::brisk::__private::serde_json::Value::String(__s) => match __s.as_str() {
                    #(#arms)*
                    _ => ::core::option::Option::None,
                },
                _ => ::core::option::Option::None,
            };
            if __found.is_none() {
                __errors.push(
                    ::brisk::error::ErrorDetail::new("enum", __loc.clone(), #msg, __value.clone())
                        .with_ctx(::brisk::json!({ "expected": #expected })),
                );
            }
            __found
        }

        fn read_valid<'__de, __D: ::brisk::__private::serde::Deserializer<'__de>>(
            __d: __D,
        ) -> ::core::result::Result<Self, __D::Error> {
            match ::brisk::model::direct::read_choice(__d, &[#(#values),*])? {
                #(#indices => ::core::result::Result::Ok(#name::#variants),)*
                _ => ::core::result::Result::Err(::brisk::model::direct::give_up()),
            }
        }

        fn schema(__gen: &mut ::brisk::model::SchemaGen) -> ::brisk::__private::serde_json::Value {
            __gen.named(#name_str, |_| ::brisk::json!({ "enum": [#(#values),*], "title": #name_str, "type": "string" }))
        }
    }
}
