//! The route attribute: parse → validate → expand, or, on any error, a fallback that keeps
//! the user's function and the route item so that one mistake gives one error.

mod attr;
mod expand;
mod signature;

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use crate::ctxt::Ctxt;
use crate::path_template;

pub fn expand(attr: TokenStream, item: TokenStream, method: Option<&str>) -> TokenStream {
    let func: ItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(e) => {
            let e = syn::Error::new(
                e.span(),
                "a route attribute goes on a function: `async fn name(...) { ... }`",
            );
            let err = e.to_compile_error();
            return quote! { #err #item };
        }
    };
    let mut cx = Ctxt::default();
    let attr = attr::parse(&mut cx, attr, method);
    let pieces = match &attr {
        Some(a) => match path_template::parse(&a.path.value()) {
            Ok(p) => Some(p),
            Err(msg) => {
                cx.error_spanned_by(&a.path, msg);
                None
            }
        },
        None => None,
    };
    if !func.sig.generics.params.is_empty() || func.sig.generics.where_clause.is_some() {
        cx.error_spanned_by(
            &func.sig.generics,
            "route handlers cannot be generic: each route calls one concrete function",
        );
    }
    if let Some(v) = &func.sig.variadic {
        cx.error_spanned_by(v, "route handlers cannot be variadic");
    }
    let names: Vec<&str> = pieces
        .as_deref()
        .map(path_template::param_names)
        .unwrap_or_default();
    let inputs: Vec<&syn::FnArg> = func.sig.inputs.iter().collect();
    let params = signature::classify(&mut cx, &inputs, &names);
    match (attr, pieces) {
        (Some(attr), Some(pieces)) if cx.is_empty() => {
            expand::expand(&func, &attr, &pieces, &params)
        }
        _ => {
            let mut func = func;
            for input in &mut func.sig.inputs {
                if let syn::FnArg::Typed(pt) = input {
                    pt.attrs.retain(|a| !a.path().is_ident("brisk"));
                }
            }
            fallback(&func, cx)
        }
    }
}

/// The user's function unchanged, plus the route item with a route that cannot be reached, so
/// `routes![handler]` elsewhere adds no errors of its own.
fn fallback(func: &ItemFn, cx: Ctxt) -> TokenStream {
    let errors = cx.into_compile_errors();
    let name = &func.sig.ident;
    let vis = &func.vis;
    quote! {
        #errors
        #func
        #[allow(non_camel_case_types)]
        #[doc(hidden)]
        #vis struct #name {}
        impl ::brisk::__private::Endpoint for #name {
            const ROUTE: ::brisk::__private::Route = {
                fn __brisk_unreachable(_: ::brisk::__private::Request) -> ::brisk::__private::HandlerFuture {
                    ::core::unreachable!()
                }
                ::brisk::__private::Route::__new(
                    &::brisk::__private::RouteSpec {
                        name: "", path: "/", methods: &[], status: 200, needs_body: false,
                        body_limit: ::core::option::Option::None, states: &[], doc: "",
                        summary: ::core::option::Option::None, description: ::core::option::Option::None,
                        operation_id: ::core::option::Option::None, tags: &[], deprecated: false,
                        include_in_schema: false,
                    },
                    __brisk_unreachable,
                )
            };
        }
    }
}
