//! Code generation for a validated route.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{GenericArgument, ItemFn, LitStr, PathArguments, ReturnType, Type};

use super::attr::{RouteAttr, Status};
use super::signature::{Kind, Param, Source};
use crate::path_template::Piece;

fn opt_str(s: &Option<LitStr>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

fn is_result(ret: &ReturnType) -> bool {
    match ret {
        ReturnType::Type(_, ty) => match &**ty {
            Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Result"),
            _ => false,
        },
        ReturnType::Default => false,
    }
}

/// The declared types of the returned value and, for a `Result`, of its error (`T` and `E`
/// of `Result<T, E>`), for errors that point at them.
fn return_types(ret: &ReturnType, result: bool) -> (Option<&Type>, Option<&Type>) {
    let ReturnType::Type(_, ty) = ret else {
        return (None, None);
    };
    if !result {
        return (Some(ty), None);
    }
    let args: Vec<&Type> = match &**ty {
        Type::Path(p) => match p.path.segments.last().map(|s| &s.arguments) {
            Some(PathArguments::AngleBracketed(a)) => a
                .args
                .iter()
                .filter_map(|g| match g {
                    GenericArgument::Type(t) => Some(t),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    (args.first().copied(), args.get(1).copied())
}

/// The identifier of a path parameter, raw (`r#type`) for a keyword: the template allows any
/// name a handler parameter can have.
pub(super) fn param_ident(name: &str) -> syn::Ident {
    syn::parse_str::<syn::Ident>(name)
        .unwrap_or_else(|_| syn::Ident::new_raw(name, Span::call_site()))
}

/// Whether a type can be written in a turbofish: no `impl Trait` and no `_`/`'_`.
fn nameable(ty: &Type) -> bool {
    fn scan(tokens: TokenStream) -> bool {
        tokens.into_iter().all(|t| match t {
            proc_macro2::TokenTree::Ident(i) => i != "impl" && i != "_",
            proc_macro2::TokenTree::Group(g) => scan(g.stream()),
            _ => true,
        })
    }
    scan(quote!(#ty))
}

pub fn expand(func: &ItemFn, attr: &RouteAttr, pieces: &[Piece], params: &[Param]) -> TokenStream {
    let name = &func.sig.ident;
    let vis = &func.vis;
    let name_str = name.to_string();
    let path = &attr.path;
    let methods = &attr.methods;
    let status = match &attr.status {
        None => quote!(200u16),
        Some(Status::Literal(n)) => quote!(#n),
        // A `StatusCode` (a `brisk::status` constant); the binding makes a wrong type an error
        // at the expression.
        Some(Status::Expr(e)) => quote_spanned! {e.span()=>
            { let __brisk_status: ::brisk::StatusCode = #e; __brisk_status.as_u16() }
        },
    };
    let doc: Vec<String> = func
        .attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let doc = doc
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned();
    let summary = opt_str(&attr.summary);
    let description = opt_str(&attr.description);
    let operation_id = opt_str(&attr.operation_id);
    let tags = &attr.tags;
    let deprecated = attr.deprecated;
    let include_in_schema = attr.include_in_schema;
    let body_limit = match attr.body_limit {
        Some(n) => quote!(::core::option::Option::Some(#n)),
        None => quote!(::core::option::Option::None),
    };

    // `path(...)`: fills the template, for `Location` headers and links.
    let path_names: Vec<&str> = crate::path_template::param_names(pieces);
    let path_args: Vec<syn::Ident> = path_names.iter().map(|n| param_ident(n)).collect();
    // Room for the literal parts and a short value per parameter: the path is built without
    // growing in the common case.
    let path_capacity: usize = pieces
        .iter()
        .map(|p| match p {
            Piece::Literal(l) => l.len(),
            Piece::Param { .. } => 16,
        })
        .sum();
    let path_pushes = pieces.iter().map(|p| match p {
        Piece::Literal(l) => quote!(__s.push_str(#l);),
        Piece::Param {
            name,
            catch_all: false,
        } => {
            let id = param_ident(name);
            quote!(::brisk::__private::push_segment(&mut __s, &#id);)
        }
        Piece::Param {
            name,
            catch_all: true,
        } => {
            let id = param_ident(name);
            quote!({
                use ::std::fmt::Write as _;
                let _ = ::core::write!(__s, "{}", #id);
            })
        }
    });
    let path_doc = format!(
        "The path of this route for the given parameters: fills `{}`, percent-encoding each value.",
        path.value()
    );

    // Extraction, in FastAPI's error order: path, query, header, cookie, then the body, each
    // in declaration order.
    let mut order: Vec<(u8, usize)> = params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let rank = match &p.kind {
                Kind::Named {
                    source: Source::Path,
                    ..
                } => 0,
                Kind::Named {
                    source: Source::Query,
                    ..
                } => 1,
                Kind::Named {
                    source: Source::Header,
                    ..
                } => 2,
                Kind::Named {
                    source: Source::Cookie,
                    ..
                } => 3,
                Kind::Body { .. } => 4,
                _ => 5,
            };
            (rank, i)
        })
        .collect();
    order.sort();
    let mut extract = Vec::new();
    let mut checked = Vec::new();
    let mut states = Vec::new();
    let mut needs_body = false;
    for (_, i) in &order {
        let var = format_ident!("__brisk_p{}", i);
        let stmt = match &params[*i].kind {
            Kind::Named {
                source,
                wire_name,
                inner,
                ..
            } => {
                let (src, index) = match source {
                    Source::Path => (
                        quote!(Path),
                        path_names.iter().position(|n| n == wire_name).unwrap_or(0),
                    ),
                    Source::Query => (quote!(Query), 0),
                    Source::Header => (quote!(Header), 0),
                    Source::Cookie => (quote!(Cookie), 0),
                };
                let p = &params[*i];
                if p.attrs.default.is_some() || p.attrs.has_constraints() {
                    let default = match &p.attrs.default {
                        Some(Some(e)) => quote!(::core::option::Option::Some(|| -> #inner { #e })),
                        Some(None) => {
                            quote!(::core::option::Option::Some(<#inner as ::core::default::Default>::default))
                        }
                        None => quote!(::core::option::Option::None),
                    };
                    let cname = constraints_static(name, *i);
                    quote! {
                        let #var = ::brisk::__private::param_full::<#inner>(&__req, ::brisk::__private::SourceKind::#src, #wire_name, #index, &mut __errors, #default, &#cname);
                    }
                } else {
                    // Through the trait's own path, like the OpenAPI `ParamDoc`: a type that is
                    // not `FromParam` is then one error, not one per use.
                    quote!(let #var = <#inner as ::brisk::__private::FromParam>::from_param(&::brisk::__private::Source::new(::brisk::__private::SourceKind::#src, #wire_name, #index, &__req), &mut __errors);)
                }
            }
            Kind::Body { inner, .. } => {
                needs_body = true;
                quote_spanned!(inner.span()=> let #var = (&::brisk::__private::BodyProbe::<#inner>::NEW).__brisk_body(&__req, &mut __errors);)
            }
            Kind::State { inner } => {
                states.push(quote!(::brisk::__private::state_type::<#inner>));
                quote!(let #var = ::brisk::__private::state::<#inner>(&__req, &mut __errors);)
            }
            Kind::RequestRef | Kind::RequestOwned => {
                needs_body =
                    needs_body || params.iter().all(|p| !matches!(p.kind, Kind::Body { .. }));
                continue;
            }
            Kind::Handle => continue,
        };
        extract.push(stmt);
        checked.push(var);
    }
    // A handler that takes the request sees its body too.
    let needs_body = needs_body
        || params
            .iter()
            .any(|p| matches!(p.kind, Kind::RequestRef | Kind::RequestOwned));

    let args = params.iter().enumerate().map(|(i, p)| {
        let var = format_ident!("__brisk_p{}", i);
        match &p.kind {
            Kind::Named {
                wrapper: Some(w), ..
            } => {
                let w = format_ident!("{}", w);
                quote!(::brisk::#w(#var))
            }
            Kind::Named { wrapper: None, .. } => quote!(#var),
            Kind::Body { wrapped: true, .. } => quote!(::brisk::Json(#var)),
            Kind::Body { wrapped: false, .. } => quote!(#var),
            Kind::State { .. } => quote!(::brisk::State(#var)),
            Kind::RequestRef => quote!(&__req),
            Kind::RequestOwned => quote!(__req),
            Kind::Handle => quote!(&mut __handle),
        }
    });
    let call = if func.sig.asyncness.is_some() {
        quote!(#name(#(#args),*).await)
    } else {
        quote!(#name(#(#args),*))
    };
    let bodyless = quote!({ ::brisk::__private::is_bodyless(#name::STATUS) });
    // Errors about the returned value point at its type in the signature.
    let result = is_result(&func.sig.output);
    let (ok_ty, err_ty) = return_types(&func.sig.output, result);
    let whole = match &func.sig.output {
        ReturnType::Type(_, ty) => ty.span(),
        ReturnType::Default => Span::call_site(),
    };
    let ok_span = ok_ty.map_or(whole, |t| t.span());
    let err_span = err_ty.map_or(whole, |t| t.span());
    // Named when possible, so that the body check underlines the whole type.
    let ok_ty = match ok_ty {
        Some(t) if nameable(t) => quote!(#t),
        _ => quote_spanned!(ok_span=> _),
    };
    // A handler without a response handle never makes one: the answer starts from the
    // route's status alone.
    let has_handle = params.iter().any(|p| matches!(p.kind, Kind::Handle));
    let finish_ok = |v: &str| {
        let v = syn::Ident::new(v, ok_span);
        let finish = if has_handle {
            quote_spanned!(ok_span=> finish(#v, __handle))
        } else {
            quote_spanned!(ok_span=> finish_status(#v, __status))
        };
        quote_spanned! {ok_span=>
            ::brisk::__private::check_body::<#ok_ty, #bodyless>(&#v);
            (&#v).__brisk_kind().#finish
        }
    };
    let finish = if result {
        let ok = finish_ok("__v");
        let e = syn::Ident::new("__e", err_span);
        let err = quote_spanned! {err_span=>
            (&#e).__brisk_err_kind().finish(#e, #name_str)
        };
        quote! {
            match __out {
                ::core::result::Result::Ok(__v) => { #ok }
                ::core::result::Result::Err(__e) => { #err }
            }
        }
    } else {
        finish_ok("__out")
    };
    // The last resort of the autoref specializations (`&mut` autoref is probed after `&`),
    // so that a mistake is one error at the user's type, not "method exists but its trait
    // bounds were not satisfied": a value that is neither a response nor `Serialize` fails
    // `__BriskReturn`, an error that is neither a response nor `Debug` gets `ErrOtherTag`
    // (whose `Debug` bound says so), a body that is neither `Model` nor `Deserialize` fails
    // `__BriskJsonBody`.
    let fallbacks = quote! {
        trait __BriskNeither {
            #[inline]
            fn __brisk_kind(&mut self) -> __BriskNotAResponse {
                __BriskNotAResponse
            }
        }
        impl<T> __BriskNeither for &T {}
        struct __BriskNotAResponse;
        impl __BriskNotAResponse {
            fn finish<T: __BriskReturn>(
                self,
                _: T,
                _: ::brisk::__private::ResponseHandle,
            ) -> ::brisk::__private::Response {
                ::core::unreachable!()
            }
            fn finish_status<T: __BriskReturn>(
                self,
                _: T,
                _: ::brisk::__private::StatusCode,
            ) -> ::brisk::__private::Response {
                ::core::unreachable!()
            }
        }
        #[diagnostic::on_unimplemented(
            message = "`{Self}` cannot be returned from a handler",
            label = "neither `serde::Serialize` nor `brisk::IntoResponse`",
            note = "derive `serde::Serialize` on it (sent as JSON with the route's status), or return a response type such as `JsonResponse`, `Response`, `Created`, `NoContent` or `HttpError`",
            note = "a `Result` is recognized by its name in the signature: write `Result<T, E>`, not an alias with another name"
        )]
        trait __BriskReturn {}
        // Never used, and true only of types handled already; without an impl rustc would
        // suggest adding one.
        #[diagnostic::do_not_recommend]
        impl<T: ::brisk::IntoResponse> __BriskReturn for T {}
        trait __BriskErrNeither {
            #[inline]
            fn __brisk_err_kind(&mut self) -> ::brisk::__private::ErrOtherTag {
                ::brisk::__private::ErrOtherTag
            }
        }
        impl<E> __BriskErrNeither for &E {}
        #[diagnostic::on_unimplemented(
            message = "`{Self}` cannot be the JSON body",
            label = "read from the request's JSON body",
            note = "derive `serde::Deserialize` on it (or `brisk::Model`, which reports every validation error at once)",
            note = "a parameter that is not a scalar, `Option`/`Vec` of scalars or an explicit wrapper is the JSON body; mark a path, query, header or cookie parameter with `Path<T>`, `Query<T>`, `Header<T>` or `Cookie<T>`"
        )]
        trait __BriskJsonBody {}
        // Never used, and true only of types that are bodies already; without an impl rustc
        // would suggest adding one.
        #[diagnostic::do_not_recommend]
        impl<T> __BriskJsonBody for T where for<'a> &'a ::brisk::__private::BodyProbe<T>: ::brisk::__private::SerdeBody<T> {}
        trait __BriskNotABody<T> {
            #[inline]
            fn __brisk_body(
                &mut self,
                _: &::brisk::__private::Request,
                _: &mut ::brisk::__private::Errors,
            ) -> ::core::option::Option<T>
            where
                T: __BriskJsonBody,
            {
                ::core::option::Option::None
            }
        }
        impl<T> __BriskNotABody<T> for &::brisk::__private::BodyProbe<T> {}
    };
    // Without a body, extraction runs before the future is made: it never waits, its errors
    // need no future at all, and the future then holds only what the call needs, not the
    // whole request (unless the handler takes it). With one, the future reads the body first
    // and extracts after: one allocation for both. (Either way the errors leave as `Err`.)
    let give_up = quote!(return ::core::result::Result::Err(__errors));
    let unpack = if checked.is_empty() {
        quote!()
    } else {
        quote! {
            let (#(#checked,)*) = match (#(#checked,)*) {
                (#(::core::option::Option::Some(#checked),)*) => (#(#checked,)*),
                _ => #give_up,
            };
        }
    };
    let start = if has_handle {
        quote!(let mut __handle = ::brisk::__private::ResponseHandle::new(__req.__route_status());)
    } else {
        quote!(let __status = __req.__route_status();)
    };
    let extract_all = quote! {
        #[allow(unused_mut)]
        let mut __errors = ::brisk::__private::Errors::new();
        #(#extract)*
        #unpack
        #start
    };
    let call_and_finish = quote! {
        let __out = #call;
        ::core::result::Result::Ok({ #finish })
    };
    let handler_body = if needs_body {
        quote! {
            // (`__req` moves into the future once, as a mutable capture: rebinding it inside
            // would copy the whole request again.)
            let mut __req = __req;
            ::core::result::Result::Ok(::brisk::__private::Box::pin(async move {
                if let ::core::result::Result::Err(__res) = __req.__read_body().await {
                    return ::core::result::Result::Ok(__res);
                }
                #extract_all
                #call_and_finish
            }))
        }
    } else {
        quote! {
            #extract_all
            ::core::result::Result::Ok(::brisk::__private::Box::pin(async move { #call_and_finish }))
        }
    };
    let operation_doc = operation_doc(func, attr, params);
    let struct_doc = format!(
        "The route of [`{name_str}`](fn@{name_str}): `{} {}`. Add it to an app with `brisk::routes![{name_str}]`.",
        methods.join("|"),
        path.value()
    );
    // Literals are checked by the macro; a constant only here, pointing at it.
    let status_span = match &attr.status {
        Some(Status::Expr(e)) => e.span(),
        _ => Span::call_site(),
    };
    let status_assert = quote_spanned! {status_span=>
        const _: () = ::core::assert!(
            100 <= #name::STATUS && #name::STATUS <= 599,
            "status_code must be between 100 and 599: use a code in that range, e.g. status::HTTP_201_CREATED"
        );
    };

    // The function as written, minus the `#[brisk(...)]` parameter attributes only this macro
    // understands.
    let mut func = func.clone();
    for input in &mut func.sig.inputs {
        if let syn::FnArg::Typed(pt) = input {
            pt.attrs.retain(|a| !a.path().is_ident("brisk"));
        }
    }

    quote! {
        #func

        #[allow(non_camel_case_types)]
        #[doc = #struct_doc]
        #vis struct #name {}

        #[allow(dead_code)]
        impl #name {
            /// The route's path template.
            pub const PATH: &'static str = #path;
            /// The route's default status code.
            pub const STATUS: u16 = #status;

            #[doc = #path_doc]
            pub fn path(#(#path_args: impl ::std::fmt::Display),*) -> ::std::string::String {
                let mut __s = ::std::string::String::with_capacity(#path_capacity);
                #(#path_pushes)*
                __s
            }

            fn __brisk_handler(__req: ::brisk::__private::Request) -> ::brisk::__private::Handled {
                #[allow(unused_imports)]
                use ::brisk::__private::{ErrOtherKind as _, ErrResponseKind as _, ModelBody as _, ResponseKind as _, SerdeBody as _, SerializeKind as _};
                #fallbacks
                #handler_body
            }
        }

        #status_assert

        impl ::brisk::__private::Endpoint for #name {
            const ROUTE: ::brisk::__private::Route = ::brisk::__private::Route::__new(
                &::brisk::__private::RouteSpec {
                    name: #name_str,
                    path: #path,
                    methods: &[#(#methods),*],
                    status: #name::STATUS,
                    needs_body: #needs_body,
                    body_limit: #body_limit,
                    states: &[#(#states),*],
                    doc: #doc,
                    summary: #summary,
                    description: #description,
                    operation_id: #operation_id,
                    tags: &[#(#tags),*],
                    deprecated: #deprecated,
                    include_in_schema: #include_in_schema,
                },
                #name::__brisk_handler,
            ).__doc(&#name::__BRISK_DOC);
        }

        #operation_doc
    }
}

/// The module-level static holding a parameter's constraints: one per parameter, so a
/// pattern is compiled once, and shared by the handler and the OpenAPI description.
fn constraints_static(route: &syn::Ident, index: usize) -> syn::Ident {
    format_ident!(
        "__BRISK_{}_C{}",
        route.to_string().to_ascii_uppercase(),
        index
    )
}

/// The Ok type of a `Result<T, E>` return type, the type itself otherwise, `()` without one.
fn success_type(ret: &ReturnType) -> Type {
    match ret {
        ReturnType::Default => syn::parse_quote!(()),
        ReturnType::Type(_, ty) => {
            if let Type::Path(p) = &**ty {
                if let Some(seg) = p.path.segments.last() {
                    if seg.ident == "Result" {
                        if let PathArguments::AngleBracketed(a) = &seg.arguments {
                            if let Some(GenericArgument::Type(t)) = a.args.first() {
                                return t.clone();
                            }
                        }
                    }
                }
            }
            (**ty).clone()
        }
    }
}

fn mentions_impl(ty: &Type) -> bool {
    quote!(#ty)
        .to_string()
        .split_whitespace()
        .any(|t| t == "impl")
}

/// The route's OpenAPI description: parameters, body, what the return type says, and the
/// declared `responses`; plus the statics holding parameter constraints.
fn operation_doc(func: &ItemFn, attr: &RouteAttr, params: &[Param]) -> TokenStream {
    let name = &func.sig.ident;
    let mut statics = Vec::new();
    let mut docs = Vec::new();
    let mut body_schema = quote!(::core::option::Option::None);
    let mut helpers = Vec::new();
    for (i, p) in params.iter().enumerate() {
        match &p.kind {
            Kind::Named {
                source,
                wire_name,
                inner,
                ..
            } => {
                let location = match source {
                    Source::Path => "path",
                    Source::Query => "query",
                    Source::Header => "header",
                    Source::Cookie => "cookie",
                };
                let ident = p.name.clone().unwrap_or_else(|| wire_name.clone());
                let has_default = p.attrs.default.is_some();
                let constraints = if p.attrs.default.is_some() || p.attrs.has_constraints() {
                    let cname = constraints_static(name, i);
                    let c = p.attrs.constraints();
                    statics.push(quote! {
                        #[doc(hidden)]
                        #[allow(non_upper_case_globals)]
                        static #cname: ::brisk::model::Constraints = #c;
                    });
                    if p.attrs.has_constraints() {
                        quote!(::core::option::Option::Some(|| &#cname))
                    } else {
                        quote!(::core::option::Option::None)
                    }
                } else {
                    quote!(::core::option::Option::None)
                };
                let default = match &p.attrs.default {
                    Some(Some(e)) => {
                        quote!(::core::option::Option::Some(|| ::brisk::__private::default_json::<#inner>(#e)))
                    }
                    Some(None) => {
                        quote!(::core::option::Option::Some(|| ::brisk::__private::default_json::<#inner>(::core::default::Default::default())))
                    }
                    None => quote!(::core::option::Option::None),
                };
                docs.push(quote! {
                    ::brisk::__private::ParamDoc {
                        name: #wire_name,
                        ident: #ident,
                        location: #location,
                        required: <#inner as ::brisk::__private::FromParam>::REQUIRED && !#has_default,
                        schema: ::brisk::__private::param_schema::<#inner>,
                        constraints: #constraints,
                        default: #default,
                    }
                });
            }
            Kind::Body { inner, .. } => {
                helpers.push(quote! {
                    fn __brisk_body_schema(__gen: &mut ::brisk::__private::SchemaGen) -> ::brisk::__private::serde_json::Value {
                        #[allow(unused_imports)]
                        use ::brisk::__private::{ModelBody as _, SerdeBody as _};
                        // A type that is no body at all is reported by the handler (once);
                        // here it falls through to an empty schema.
                        trait __BriskNoSchema {
                            fn __brisk_body_schema(&mut self, _: &mut ::brisk::__private::SchemaGen) -> ::brisk::__private::serde_json::Value {
                                ::brisk::__private::serde_json::Value::Null
                            }
                        }
                        impl<T> __BriskNoSchema for &::brisk::__private::BodyProbe<T> {}
                        (&::brisk::__private::BodyProbe::<#inner>::NEW).__brisk_body_schema(__gen)
                    }
                });
                body_schema = quote!(::core::option::Option::Some(#name::__brisk_body_schema));
            }
            _ => {}
        }
    }
    let ok = success_type(&func.sig.output);
    let response = if mentions_impl(&ok) {
        quote!(::brisk::__private::ResponseDoc::json(::brisk::json!({})))
    } else {
        quote! {
            #[allow(unused_imports)]
            use ::brisk::__private::{DocAny as _, DocCreated as _, DocDescribed as _, DocModel as _};
            (&&&&::brisk::__private::DocProbe::<#ok>::NEW).__brisk_doc(__gen)
        }
    };
    let mut declared = Vec::new();
    for (i, d) in attr.responses.iter().enumerate() {
        let status = &d.status;
        let description = match &d.description {
            Some(s) => quote!(::core::option::Option::Some(#s)),
            None => quote!(::core::option::Option::None),
        };
        let schema = match &d.ty {
            Some(ty) => {
                let f = format_ident!("__brisk_response_schema_{}", i);
                helpers.push(quote! {
                    fn #f(__gen: &mut ::brisk::__private::SchemaGen) -> ::brisk::__private::serde_json::Value {
                        #[allow(unused_imports)]
                        use ::brisk::__private::{DocAny as _, DocCreated as _, DocDescribed as _, DocModel as _};
                        match (&&&&::brisk::__private::DocProbe::<#ty>::NEW).__brisk_doc(__gen).content {
                            ::core::option::Option::Some((_, __schema)) => __schema,
                            ::core::option::Option::None => ::brisk::json!({}),
                        }
                    }
                });
                quote!(::core::option::Option::Some(#name::#f))
            }
            None => quote!(::core::option::Option::None),
        };
        declared.push(quote! {
            ::brisk::__private::DeclaredResponse { status: #status, description: #description, schema: #schema }
        });
    }
    quote! {
        #(#statics)*

        #[allow(dead_code)]
        impl #name {
            #(#helpers)*

            fn __brisk_response_doc(__gen: &mut ::brisk::__private::SchemaGen) -> ::brisk::__private::ResponseDoc {
                #response
            }

            const __BRISK_DOC: ::brisk::__private::OperationDoc = ::brisk::__private::OperationDoc {
                params: &[#(#docs),*],
                body: #body_schema,
                response: #name::__brisk_response_doc,
                responses: &[#(#declared),*],
            };
        }
    }
}
