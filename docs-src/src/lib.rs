//! The guide's snippets as tested apps: FastAPI's `docs_src`, for brisk.
//!
//! Every Rust snippet of the guide (`docs/guide/*.md`, rendered below as [`guide`]) is a file
//! of this crate, `src/<topic>/tutorialNNN.rs`, that exposes `pub fn app() -> brisk::App`.
//! `tests/<topic>.rs` sends requests to each app with `brisk::testing::TestClient` and asserts
//! the exact status, headers and body bytes; `tests/openapi_goldens.rs` pins every app's served
//! `/openapi.json` against `tests/golden/<topic>/tutorialNNN.json`; `tests/guide.rs` checks
//! that every page shows each snippet exactly as its file is (see the markers described in
//! `docs/guide/README.md`), that every `curl` transcript is what the app answers, and that the
//! compile-error tables list every UI fixture of brisk with its current message.
//!
//! The crate is not published.

/// *First steps* (`docs/guide/first-steps.md`).
pub mod first_steps {
    pub mod tutorial001;
    pub mod tutorial002;
}

/// *Path operations and parameter inference* (`docs/guide/path-operations.md`).
pub mod path_operations {
    pub mod tutorial001;
    pub mod tutorial002;
    pub mod tutorial003;
    pub mod tutorial004;
    pub mod tutorial005;
}

/// *Status codes and custom responses* (`docs/guide/status-codes.md`).
pub mod status_codes {
    pub mod tutorial001;
    pub mod tutorial002;
    pub mod tutorial003;
    pub mod tutorial004;
    pub mod tutorial005;
    pub mod tutorial006;
    pub mod tutorial007;
    pub mod tutorial008;
    pub mod tutorial009;
    pub mod tutorial010;
    pub mod tutorial011;
    pub mod tutorial012;
    pub mod tutorial013;
}

/// *Request validation and the 422 contract* (`docs/guide/validation.md`).
pub mod validation {
    pub mod tutorial001;
    pub mod tutorial002;
    pub mod tutorial003;
    pub mod tutorial004;
}

/// *Errors* (`docs/guide/errors.md`).
pub mod errors {
    pub mod tutorial001;
    pub mod tutorial002;
    pub mod tutorial003;
    pub mod tutorial004;
}

/// *OpenAPI and `/docs`* (`docs/guide/openapi.md`).
pub mod openapi {
    pub mod tutorial001;
    pub mod tutorial002;
    pub mod tutorial003;
}

/// *Testing with `TestClient`* (`docs/guide/testing.md`).
pub mod testing {
    pub mod tutorial001;
    pub mod tutorial002;
}

/// *Coming from FastAPI* (`docs/guide/coming-from-fastapi.md`).
pub mod coming_from_fastapi {
    pub mod tutorial001;
}

/// `[("topic/tutorialNNN", topic::tutorialNNN::app), ...]`.
macro_rules! apps {
    ($($topic:ident { $($tutorial:ident),* $(,)? })*) => {
        &[$($(
            (concat!(stringify!($topic), "/", stringify!($tutorial)), $topic::$tutorial::app),
        )*)*]
    };
}

/// A snippet's `app` function.
pub type AppFn = fn() -> brisk::App;

/// Every snippet app by name (`"status_codes/tutorial001"`), in guide order. A snippet file
/// missing here fails `tests/guide.rs`.
pub const APPS: &[(&str, AppFn)] = apps! {
    first_steps { tutorial001, tutorial002 }
    path_operations { tutorial001, tutorial002, tutorial003, tutorial004, tutorial005 }
    status_codes { tutorial001, tutorial002, tutorial003, tutorial004, tutorial005, tutorial006, tutorial007, tutorial008, tutorial009, tutorial010, tutorial011, tutorial012, tutorial013 }
    validation { tutorial001, tutorial002, tutorial003, tutorial004 }
    errors { tutorial001, tutorial002, tutorial003, tutorial004 }
    openapi { tutorial001, tutorial002, tutorial003 }
    testing { tutorial001, tutorial002 }
    coming_from_fastapi { tutorial001 }
};

/// The app registered as `name` in [`APPS`].
///
/// ```
/// let app = docs_src::app("status_codes/tutorial001").expect("registered");
/// # let _ = app;
/// ```
pub fn app(name: &str) -> Option<brisk::App> {
    APPS.iter().find(|(n, _)| *n == name).map(|(_, app)| app())
}

/// Link definitions put in front of every chapter. A page links to another as
/// `[text][status-codes.md]`, with `[status-codes.md]: status-codes.md` at its end, which
/// works on GitHub; in rustdoc the first definition of a label wins, so these send the same
/// links to the chapter modules.
macro_rules! chapter_links {
    () => {
        "[README.md]: crate::guide\n\
         [first-steps.md]: crate::guide::first_steps\n\
         [path-operations.md]: crate::guide::path_operations\n\
         [status-codes.md]: crate::guide::status_codes\n\
         [validation.md]: crate::guide::validation\n\
         [errors.md]: crate::guide::errors\n\
         [openapi.md]: crate::guide::openapi\n\
         [testing.md]: crate::guide::testing\n\
         [coming-from-fastapi.md]: crate::guide::coming_from_fastapi\n"
    };
}

#[doc = chapter_links!()]
#[doc = include_str!("../../docs/guide/README.md")]
pub mod guide {
    #[doc = chapter_links!()]
    #[doc = include_str!("../../docs/guide/first-steps.md")]
    pub mod first_steps {}

    #[doc = chapter_links!()]
    #[doc = include_str!("../../docs/guide/path-operations.md")]
    pub mod path_operations {}

    #[doc = chapter_links!()]
    #[doc = include_str!("../../docs/guide/status-codes.md")]
    pub mod status_codes {}

    #[doc = chapter_links!()]
    #[doc = include_str!("../../docs/guide/validation.md")]
    pub mod validation {}

    #[doc = chapter_links!()]
    #[doc = include_str!("../../docs/guide/errors.md")]
    pub mod errors {}

    #[doc = chapter_links!()]
    #[doc = include_str!("../../docs/guide/openapi.md")]
    pub mod openapi {}

    #[doc = chapter_links!()]
    #[doc = include_str!("../../docs/guide/testing.md")]
    pub mod testing {}

    #[doc = chapter_links!()]
    #[doc = include_str!("../../docs/guide/coming-from-fastapi.md")]
    pub mod coming_from_fastapi {}
}

/// The repository's README, kept here so its Rust examples still run as doctests (it was
/// brisk's crate documentation before the crate root became a short guide of its own).
#[doc = include_str!("../../README.md")]
pub mod readme {}
