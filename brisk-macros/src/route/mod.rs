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
            "route handlers cannot be generic: each route calls one concrete function; remove the generic parameters and use concrete types",
        );
    }
    for arg in &func.sig.inputs {
        if let syn::FnArg::Typed(pt) = arg {
            if let Some(ty) = impl_trait(&pt.ty) {
                cx.error_spanned_by(
                    ty,
                    "route handlers cannot be generic, and `impl Trait` in a parameter is a generic parameter; use a concrete type, e.g. `item_id: i64`",
                );
            }
        }
    }
    if let syn::Safety::Unsafe(u) = &func.sig.safety {
        cx.error_spanned_by(
            u,
            "route handlers cannot be `unsafe fn`: the route calls them like any safe function; remove `unsafe` and use an `unsafe` block inside",
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
    let path_span = attr
        .as_ref()
        .map_or_else(proc_macro2::Span::call_site, |a| a.path.span());
    let params = signature::classify(&mut cx, &inputs, &names, path_span);
    match (attr, pieces) {
        (Some(attr), Some(pieces)) if cx.is_empty() => {
            expand::expand(&func, &attr, &pieces, &params)
        }
        (attr, pieces) => {
            let mut func = func;
            for input in &mut func.sig.inputs {
                if let syn::FnArg::Typed(pt) = input {
                    pt.attrs.retain(|a| !a.path().is_ident("brisk"));
                }
            }
            fallback(&func, cx, attr.as_ref(), pieces.as_deref())
        }
    }
}

/// The first `impl Trait` in a parameter type, if any.
fn impl_trait(ty: &syn::Type) -> Option<&syn::Type> {
    use syn::{GenericArgument, PathArguments, Type};
    match ty {
        Type::ImplTrait(_) => Some(ty),
        Type::Reference(r) => impl_trait(&r.elem),
        Type::Paren(p) => impl_trait(&p.elem),
        Type::Group(g) => impl_trait(&g.elem),
        Type::Slice(s) => impl_trait(&s.elem),
        Type::Array(a) => impl_trait(&a.elem),
        Type::Tuple(t) => t.elems.iter().find_map(impl_trait),
        Type::Path(p) => p.path.segments.iter().find_map(|s| match &s.arguments {
            PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                GenericArgument::Type(t) => impl_trait(t),
                _ => None,
            }),
            _ => None,
        }),
        _ => None,
    }
}

/// The user's function unchanged, plus the route item with a route that cannot be reached and
/// whatever of `PATH`, `STATUS` and `path(..)` is known, so that `routes![handler]` or
/// `handler::path(id)` elsewhere adds no errors of its own.
fn fallback(
    func: &ItemFn,
    cx: Ctxt,
    attr: Option<&attr::RouteAttr>,
    pieces: Option<&[path_template::Piece]>,
) -> TokenStream {
    let errors = cx.into_compile_errors();
    if func.sig.receiver().is_some() {
        // A method: the attribute sits in an `impl` or `trait`, where the route item (a
        // struct) cannot go; the error alone says what to do.
        return quote! { #errors #func };
    }
    let name = &func.sig.ident;
    let vis = &func.vis;
    let path_const = attr.map(|a| {
        let path = &a.path;
        let status = match &a.status {
            Some(attr::Status::Literal(n)) => *n,
            _ => 200,
        };
        quote! {
            pub const PATH: &'static str = #path;
            pub const STATUS: u16 = #status;
        }
    });
    let path_fn = pieces.map(|pieces| {
        let args = path_template::param_names(pieces).into_iter().map(|n| {
            let id = expand::param_ident(n);
            quote!(#id: impl ::std::fmt::Display)
        });
        quote! {
            #[allow(unused_variables)]
            pub fn path(#(#args),*) -> ::std::string::String {
                ::core::unreachable!()
            }
        }
    });
    quote! {
        #errors
        #func
        #[allow(non_camel_case_types)]
        #[doc(hidden)]
        #vis struct #name {}
        #[allow(dead_code)]
        impl #name {
            #path_const
            #path_fn
        }
        impl ::brisk::__private::Endpoint for #name {
            const ROUTE: ::brisk::__private::Route = {
                fn __brisk_unreachable(_: ::brisk::__private::Request) -> ::brisk::__private::Handled {
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
