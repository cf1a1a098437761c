//! Code generation for a validated route.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{ItemFn, LitStr, ReturnType, Type};

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

pub fn expand(func: &ItemFn, attr: &RouteAttr, pieces: &[Piece], params: &[Param]) -> TokenStream {
    let name = &func.sig.ident;
    let vis = &func.vis;
    let name_str = name.to_string();
    let path = &attr.path;
    let methods = &attr.methods;
    let status = match &attr.status {
        None => quote!(200u16),
        Some(Status::Literal(n)) => quote!(#n),
        Some(Status::Expr(e)) => quote!(::brisk::__private::status_u16(#e)),
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
    let path_args: Vec<syn::Ident> = path_names.iter().map(|n| format_ident!("{}", n)).collect();
    let path_pushes = pieces.iter().map(|p| match p {
        Piece::Literal(l) => quote!(__s.push_str(#l);),
        Piece::Param {
            name,
            catch_all: false,
        } => {
            let id = format_ident!("{}", name);
            quote!(::brisk::__private::push_segment(&mut __s, &#id);)
        }
        Piece::Param {
            name,
            catch_all: true,
        } => {
            let id = format_ident!("{}", name);
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
                    let c = p.attrs.constraints();
                    quote! {
                        let #var = {
                            const __C: ::brisk::model::Constraints = #c;
                            ::brisk::__private::param_full::<#inner>(&__req, ::brisk::__private::SourceKind::#src, #wire_name, #index, &mut __errors, #default, &__C)
                        };
                    }
                } else {
                    quote!(let #var = ::brisk::__private::param::<#inner>(&__req, ::brisk::__private::SourceKind::#src, #wire_name, #index, &mut __errors);)
                }
            }
            Kind::Body { inner, .. } => {
                needs_body = true;
                quote!(let #var = (&::brisk::__private::BodyProbe::<#inner>::NEW).__brisk_body(&__req, &mut __errors);)
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
    let finish = if is_result(&func.sig.output) {
        quote! {
            match __out {
                ::core::result::Result::Ok(__v) => {
                    ::brisk::__private::check_body::<_, #bodyless>(&__v);
                    (&__v).__brisk_kind().finish(__v, __handle)
                }
                ::core::result::Result::Err(__e) => (&__e).__brisk_err_kind().finish(__e, #name_str),
            }
        }
    } else {
        quote! {
            ::brisk::__private::check_body::<_, #bodyless>(&__out);
            (&__out).__brisk_kind().finish(__out, __handle)
        }
    };
    let unpack = if checked.is_empty() {
        quote!()
    } else {
        quote! {
            let (#(#checked,)*) = match (#(#checked,)*) {
                (#(::core::option::Option::Some(#checked),)*) => (#(#checked,)*),
                _ => return ::core::result::Result::Err(__errors),
            };
        }
    };
    let handle_mut = if params.iter().any(|p| matches!(p.kind, Kind::Handle)) {
        quote!(mut)
    } else {
        quote!()
    };
    let struct_doc = format!(
        "The route of [`{name_str}`](fn@{name_str}): `{} {}`. Add it to an app with `brisk::routes![{name_str}]`.",
        methods.join("|"),
        path.value()
    );
    let status_span = Span::call_site();
    let status_assert = quote::quote_spanned! {status_span=>
        const _: () = ::core::assert!(
            100 <= #name::STATUS && #name::STATUS <= 599,
            "status_code must be between 100 and 599"
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
                let mut __s = ::std::string::String::new();
                #(#path_pushes)*
                __s
            }

            fn __brisk_handler(__req: ::brisk::__private::Request) -> ::brisk::__private::HandlerFuture {
                ::brisk::__private::Box::pin(async move {
                    #[allow(unused_imports)]
                    use ::brisk::__private::{ErrOtherKind as _, ErrResponseKind as _, ModelBody as _, ResponseKind as _, SerdeBody as _, SerializeKind as _};
                    #[allow(unused_mut)]
                    let mut __errors = ::brisk::__private::Errors::new();
                    #(#extract)*
                    #unpack
                    #[allow(unused_mut)]
                    let #handle_mut __handle = ::brisk::__private::ResponseHandle::new(__req.__route_status());
                    let __out = #call;
                    ::core::result::Result::Ok({ #finish })
                })
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
            );
        }
    }
}
