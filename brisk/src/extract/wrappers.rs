//! Explicit parameter wrappers. Each one states where a parameter comes from and always wins
//! over inference (FastAPI's `Annotated[int, Path()]`, `Query()`, `Header()`, `Cookie()`,
//! `Body()`).

use std::ops::{Deref, DerefMut};

macro_rules! wrapper {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name<T>(pub T);

        impl<T> $name<T> {
            /// The value.
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T> Deref for $name<T> {
            type Target = T;
            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> DerefMut for $name<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }
    };
}

wrapper! {
    /// A path parameter, named by the handler parameter: `item_id: Path<i64>` (or
    /// `Path(item_id): Path<i64>`) reads `{item_id}`. The name must be in the route template.
    ///
    /// ```
    /// use brisk::Path;
    ///
    /// #[brisk::get("/users/{user_id}")]
    /// async fn get_user(Path(user_id): Path<u32>) -> brisk::Value {
    ///     brisk::json!({ "user_id": user_id })
    /// }
    /// ```
    Path
}

wrapper! {
    /// A query parameter, named by the handler parameter. Needed only where inference would
    /// say otherwise, e.g. a query parameter whose name is also in the path template.
    ///
    /// ```
    /// use brisk::Query;
    ///
    /// #[brisk::get("/search")]
    /// async fn search(q: Query<String>, limit: Query<Option<u32>>) -> brisk::Value {
    ///     brisk::json!({ "q": *q, "limit": limit.unwrap_or(10) })
    /// }
    /// ```
    Query
}

wrapper! {
    /// A request header, named by the handler parameter with `_` read as `-`
    /// (`x_token: Header<String>` reads `x-token`, any case).
    ///
    /// ```
    /// use brisk::Header;
    ///
    /// #[brisk::get("/token")]
    /// async fn token(x_token: Header<String>) -> brisk::Value {
    ///     brisk::json!({ "x_token": x_token.0 })
    /// }
    /// ```
    Header
}

wrapper! {
    /// A cookie, named by the handler parameter.
    ///
    /// ```
    /// use brisk::Cookie;
    ///
    /// #[brisk::get("/session")]
    /// async fn session(session: Cookie<Option<String>>) -> brisk::Value {
    ///     brisk::json!({ "session": session.0 })
    /// }
    /// ```
    Cookie
}

wrapper! {
    /// The JSON request body, deserialized into `T`. A parameter of a struct type is the body
    /// without this wrapper; `Json` makes it explicit (and works for any `T`).
    ///
    /// As a return value, `Json(value)` is the same as returning `value`: JSON with the
    /// route's status.
    ///
    /// ```
    /// use brisk::Json;
    ///
    /// #[derive(serde::Deserialize, serde::Serialize)]
    /// struct Item { name: String, price: f64 }
    ///
    /// #[brisk::post("/items", status_code = 201)]
    /// async fn create_item(Json(item): Json<Item>) -> Json<Item> {
    ///     Json(item)
    /// }
    /// ```
    Json
}

wrapper! {
    /// A value of the app's shared state, registered with [`App::state`](crate::App::state).
    /// The value is cloned for each request, so share mutable data through an `Arc`.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use std::sync::{Arc, Mutex};
    /// use brisk::State;
    ///
    /// type Items = Arc<Mutex<HashMap<i64, String>>>;
    ///
    /// #[brisk::get("/count")]
    /// async fn count(State(items): State<Items>) -> usize {
    ///     items.lock().unwrap().len()
    /// }
    /// ```
    State
}

impl<T: serde::Serialize> serde::Serialize for Json<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}
