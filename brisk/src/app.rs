//! The application: routes, state and settings, built into one service that the server and
//! the test client both run.

use std::sync::Arc;

use tower::{Layer, Service};

use crate::body::{Body, BoxError};
use crate::error::ValidationError;
use crate::extract::StateMap;
use crate::openapi::OpenApiConfig;
use crate::response::Response;
use crate::routing::{Route, Router, RouterConfig};
use crate::service::{AppService, Inner, RouterService};

pub use crate::boxed::BoxedService;

type LayerFn = Box<dyn FnOnce(BoxedService) -> BoxedService + Send>;

/// Default body limit: 2 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// A brisk application: FastAPI's `app = FastAPI()`.
///
/// ```
/// use brisk::{status, App};
///
/// #[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
/// async fn create_item(name: String) -> brisk::Value {
///     brisk::json!({ "name": name })
/// }
///
/// let app = App::new().routes(brisk::routes![create_item]);
/// # let _ = app;
/// ```
pub struct App {
    routes: Vec<Route>,
    state: StateMap,
    redirect_slashes: bool,
    body_limit: usize,
    on_validation_error: Option<Arc<dyn Fn(ValidationError) -> Response + Send + Sync>>,
    layers: Vec<LayerFn>,
    openapi: OpenApiConfig,
    health: Option<String>,
}

impl Default for App {
    fn default() -> Self {
        App::new()
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("routes", &self.routes)
            .field("state", &self.state)
            .field("redirect_slashes", &self.redirect_slashes)
            .field("body_limit", &self.body_limit)
            .field("layers", &self.layers.len())
            .field("health", &self.health)
            .finish()
    }
}

impl App {
    /// An app with no routes.
    pub fn new() -> Self {
        App {
            routes: Vec::new(),
            state: StateMap::default(),
            redirect_slashes: true,
            body_limit: DEFAULT_BODY_LIMIT,
            on_validation_error: None,
            layers: Vec::new(),
            openapi: OpenApiConfig::default(),
            health: None,
        }
    }

    /// Serves a health check at `path`: `GET` and `HEAD` answer `200` with
    /// `{"status":"ok"}` as long as the process serves requests, without touching the app's
    /// handlers or state. Not in the OpenAPI document. For a load balancer's or an
    /// orchestrator's probes (Kubernetes `livenessProbe` / `readinessProbe`, nginx Plus or
    /// HAProxy health checks).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let app = brisk::App::new().health("/healthz");
    /// let client = brisk::testing::TestClient::new(app);
    /// let res = client.get("/healthz").send().await;
    /// assert_eq!(res.status(), 200);
    /// assert_eq!(res.text(), r#"{"status":"ok"}"#);
    /// # }
    /// ```
    ///
    /// # Panics
    /// If `path` does not start with `/`.
    pub fn health(mut self, path: &str) -> Self {
        assert!(
            path.starts_with('/'),
            "App::health: the path must start with `/`, not {path:?}"
        );
        self.health = Some(path.to_owned());
        self
    }

    /// The API's title in the OpenAPI document and the docs pages (FastAPI's `title`).
    ///
    /// ```
    /// let app = brisk::App::new()
    ///     .title("Shop")
    ///     .version("2.1.0")
    ///     .description("Items of the shop.");
    /// let doc = serde_json::to_value(app.openapi()).unwrap();
    /// assert_eq!(
    ///     doc["info"],
    ///     brisk::json!({ "title": "Shop", "description": "Items of the shop.", "version": "2.1.0" })
    /// );
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.openapi.title = title.into();
        self
    }

    /// The API's version in the OpenAPI document (FastAPI's `version`, default `0.1.0`).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.openapi.version = version.into();
        self
    }

    /// The API's description in the OpenAPI document.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.openapi.description = Some(description.into());
        self
    }

    /// Where the OpenAPI document is served (default `/openapi.json`); `None` serves no
    /// document and no docs pages.
    ///
    /// ```
    /// use brisk::testing::TestClient;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let app = brisk::App::new()
    ///     .openapi_url(Some("/api/openapi.json"))
    ///     .docs_url(Some("/api/docs"))
    ///     .redoc_url(None);
    /// let client = TestClient::new(app);
    /// assert_eq!(client.get("/api/openapi.json").send().await.status(), 200);
    /// assert_eq!(client.get("/api/docs").send().await.status(), 200);
    /// assert_eq!(client.get("/redoc").send().await.status(), 404);
    /// # }
    /// ```
    pub fn openapi_url(mut self, url: Option<&str>) -> Self {
        self.openapi.openapi_url = url.map(str::to_owned);
        self
    }

    /// Where Swagger UI is served (default `/docs`); `None` switches it off.
    pub fn docs_url(mut self, url: Option<&str>) -> Self {
        self.openapi.docs_url = url.map(str::to_owned);
        self
    }

    /// Where ReDoc is served (default `/redoc`); `None` switches it off.
    pub fn redoc_url(mut self, url: Option<&str>) -> Self {
        self.openapi.redoc_url = url.map(str::to_owned);
        self
    }

    /// The OpenAPI document of the app's routes, as it is served.
    ///
    /// ```
    /// #[brisk::get("/items/{item_id}")]
    /// async fn read_item(item_id: i64) -> brisk::Value {
    ///     brisk::json!({ "item_id": item_id })
    /// }
    ///
    /// let app = brisk::App::new().routes(brisk::routes![read_item]);
    /// let doc = serde_json::to_value(app.openapi()).unwrap();
    /// assert_eq!(doc["openapi"], "3.1.0");
    /// assert_eq!(
    ///     doc["paths"]["/items/{item_id}"]["get"]["operationId"],
    ///     "read_item_items__item_id__get"
    /// );
    /// ```
    pub fn openapi(&self) -> brisk_openapi::Document {
        crate::openapi::document(&self.routes, &self.openapi)
    }

    /// Adds routes, usually from [`routes!`](crate::routes).
    pub fn routes(mut self, routes: impl IntoIterator<Item = Route>) -> Self {
        self.routes.extend(routes);
        self
    }

    /// Adds one route.
    ///
    /// ```
    /// use brisk::Endpoint;
    ///
    /// #[brisk::get("/")]
    /// async fn root() -> &'static str {
    ///     "hello"
    /// }
    ///
    /// let app = brisk::App::new().route(root::ROUTE);
    /// # let _ = app;
    /// ```
    pub fn route(mut self, route: Route) -> Self {
        self.routes.push(route);
        self
    }

    /// Adds shared state, read by handlers through [`State<T>`](crate::State) (one value per
    /// type; cloned for each request, so wrap mutable data in an `Arc`).
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU64, Ordering};
    /// use std::sync::Arc;
    ///
    /// use brisk::testing::TestClient;
    /// use brisk::{App, State};
    ///
    /// #[brisk::post("/hits")]
    /// async fn hit(State(hits): State<Arc<AtomicU64>>) -> u64 {
    ///     hits.fetch_add(1, Ordering::Relaxed) + 1
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let app = App::new()
    ///     .state(Arc::new(AtomicU64::new(0)))
    ///     .routes(brisk::routes![hit]);
    /// let client = TestClient::new(app);
    /// assert_eq!(client.post("/hits").send().await.text(), "1");
    /// assert_eq!(client.post("/hits").send().await.text(), "2");
    /// # }
    /// ```
    ///
    /// # Panics
    /// Building the app ([`into_service`](App::into_service), or serving it) panics when a
    /// handler takes a `State<T>` that was never added, naming the handler and the type.
    pub fn state<T: Clone + Send + Sync + 'static>(mut self, value: T) -> Self {
        self.state.insert(value);
        self
    }

    /// Whether a path that matches only with a trailing slash added or removed is answered
    /// with a `307` redirect (FastAPI's `redirect_slashes`, on by default) or a `404`.
    ///
    /// ```
    /// use brisk::testing::TestClient;
    ///
    /// #[brisk::get("/items")]
    /// async fn list_items() -> Vec<i64> {
    ///     vec![1, 2]
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let on = TestClient::new(brisk::App::new().routes(brisk::routes![list_items]));
    /// let res = on.get("/items/").send().await;
    /// assert_eq!(res.status(), 307);
    /// assert_eq!(res.header("location"), Some("http://testserver/items"));
    ///
    /// let app = brisk::App::new().redirect_slashes(false);
    /// let off = TestClient::new(app.routes(brisk::routes![list_items]));
    /// assert_eq!(off.get("/items/").send().await.status(), 404);
    /// # }
    /// ```
    pub fn redirect_slashes(mut self, on: bool) -> Self {
        self.redirect_slashes = on;
        self
    }

    /// The largest request body a handler reads, in bytes (default 2 MiB). Larger bodies are
    /// answered `413` with a JSON `detail`.
    /// A route can set its own with `body_limit = ...` on its attribute.
    ///
    /// ```
    /// use brisk::testing::TestClient;
    ///
    /// #[brisk::post("/notes")]
    /// async fn create_note(note: brisk::Value) -> brisk::Value {
    ///     note
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let app = brisk::App::new().body_limit(16).routes(brisk::routes![create_note]);
    /// let res = TestClient::new(app)
    ///     .post("/notes")
    ///     .json(&brisk::json!({ "text": "far more than sixteen bytes" }))
    ///     .send()
    ///     .await;
    /// assert_eq!(res.status(), 413);
    /// assert_eq!(res.text(), r#"{"detail":"Request body too large: the limit is 16 bytes"}"#);
    /// # }
    /// ```
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Replaces the answer to a request that fails validation (by default FastAPI's 422).
    ///
    /// ```
    /// use brisk::{App, IntoResponse, JsonResponse};
    ///
    /// let app = App::new().on_validation_error(|err| {
    ///     JsonResponse::new(brisk::json!({ "errors": err.errors() }))
    ///         .status_code(400)
    ///         .into_response()
    /// });
    /// # let _ = app;
    /// ```
    pub fn on_validation_error<F>(mut self, handler: F) -> Self
    where
        F: Fn(ValidationError) -> Response + Send + Sync + 'static,
    {
        self.on_validation_error = Some(Arc::new(handler));
        self
    }

    /// Wraps the app in a tower layer (e.g. tower-http's `TraceLayer`). Layers added later
    /// wrap earlier ones. brisk's final stage (no body on 204/304/HEAD, exact
    /// `content-length`, panics to 500) still runs outside every layer.
    ///
    /// ```
    /// use tower_http::trace::TraceLayer;
    ///
    /// #[brisk::get("/")]
    /// async fn root() -> &'static str {
    ///     "hello"
    /// }
    ///
    /// let app = brisk::App::new()
    ///     .routes(brisk::routes![root])
    ///     .layer(TraceLayer::new_for_http());
    /// # let _ = app.into_service();
    /// ```
    pub fn layer<L, S, B>(mut self, layer: L) -> Self
    where
        L: Layer<BoxedService, Service = S> + Send + 'static,
        S: Service<http::Request<Body>, Response = http::Response<B>>
            + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send + 'static,
        S::Error: Into<BoxError>,
        B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        self.layers.push(Box::new(move |inner: BoxedService| {
            BoxedService::new(layer.layer(inner))
        }));
        self
    }

    /// Builds the service that answers requests: the route table is built here, once.
    ///
    /// # Panics
    /// On mistakes in the program that would otherwise show only on a request: two routes for
    /// the same method and path, or a handler taking a `State<T>` the app does not have.
    ///
    /// The server calls this; so does [`TestClient::new`](crate::testing::TestClient::new).
    /// Call it yourself to run the app inside another service or server.
    ///
    /// ```
    /// use brisk::Body;
    ///
    /// #[brisk::get("/")]
    /// async fn root() -> &'static str {
    ///     "hello"
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let service = brisk::App::new().routes(brisk::routes![root]).into_service();
    /// let req = http::Request::get("/").body(Body::empty()).unwrap();
    /// let res = service.call(req).await;
    /// assert_eq!(res.status(), 200);
    /// assert_eq!(res.headers()["content-length"], "7");
    /// # }
    /// ```
    pub fn into_service(mut self) -> AppService {
        if let Some((rendered, extra)) = crate::openapi::install(&self.routes, &self.openapi) {
            self.state.insert(rendered);
            self.routes.extend(extra);
        }
        if let Some(path) = &self.health {
            self.routes
                .push(crate::openapi::builtin_route("health", path, health_check));
        }
        let router = Arc::new(Router::new(
            &self.routes,
            self.state,
            RouterConfig {
                redirect_slashes: self.redirect_slashes,
                body_limit: self.body_limit,
                on_validation_error: self.on_validation_error,
            },
        ));
        let inner = if self.layers.is_empty() {
            Inner::Router(router)
        } else {
            let mut svc = BoxedService::new(RouterService(router));
            for layer in self.layers {
                svc = layer(svc);
            }
            Inner::Layered(svc)
        };
        AppService::new(inner)
    }
}

/// The health route's handler: a fixed answer, nothing allocated but the response. Its
/// headers come in the order of every JSON answer (FastAPI's): `content-length`, then
/// `content-type`.
fn health_check(_: crate::Request) -> crate::routing::Handled {
    Ok(Box::pin(async {
        Ok(crate::response::with_type(
            http::StatusCode::OK,
            bytes::Bytes::from_static(br#"{"status":"ok"}"#),
            const { http::HeaderValue::from_static("application/json") },
        ))
    }))
}
