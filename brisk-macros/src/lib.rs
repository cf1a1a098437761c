//! Route attribute macros for brisk. Only code generation lives here; the runtime they call
//! is `brisk::__private`. Documentation is on the re-exports in `brisk`.

extern crate proc_macro;

mod ctxt;
mod model;
mod path_template;
mod pattern;
mod route;

use proc_macro::TokenStream;

macro_rules! method_macro {
    ($($(#[$doc:meta])* $name:ident => $method:literal;)*) => {$(
        $(#[$doc])*
        #[proc_macro_attribute]
        pub fn $name(attr: TokenStream, item: TokenStream) -> TokenStream {
            route::expand(attr.into(), item.into(), Some($method)).into()
        }
    )*};
}

method_macro! {
    /// `#[get("/path", status_code = ...)]`
    get => "GET";
    /// `#[post("/path", status_code = ...)]`
    post => "POST";
    /// `#[put("/path", status_code = ...)]`
    put => "PUT";
    /// `#[patch("/path", status_code = ...)]`
    patch => "PATCH";
    /// `#[delete("/path", status_code = ...)]`
    delete => "DELETE";
    /// `#[head("/path", status_code = ...)]`
    head => "HEAD";
    /// `#[options("/path", status_code = ...)]`
    options => "OPTIONS";
}

/// `#[route("/path", methods = ["GET", "POST"], status_code = ...)]`
#[proc_macro_attribute]
pub fn route(attr: TokenStream, item: TokenStream) -> TokenStream {
    route::expand(attr.into(), item.into(), None).into()
}

/// `#[derive(Model)]`: validates a JSON value like a pydantic model, collecting every error.
#[proc_macro_derive(Model, attributes(brisk, serde))]
pub fn derive_model(input: TokenStream) -> TokenStream {
    model::derive(input.into()).into()
}

/// `pattern!("regex")`: a `brisk::model::Pattern` compiled at build time.
#[proc_macro]
pub fn pattern(input: TokenStream) -> TokenStream {
    pattern::expand(input.into()).into()
}
