//! An in-process test client: requests go through the same service and final stage as on the
//! server, without a socket.
//!
//! ```
//! use brisk::testing::TestClient;
//! use brisk::{status, App};
//!
//! #[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
//! async fn create_item(name: String) -> brisk::Value {
//!     brisk::json!({ "name": name })
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let client = TestClient::new(App::new().routes(brisk::routes![create_item]));
//! let res = client.post("/items?name=apple").send().await;
//! assert_eq!(res.status(), 201);
//! assert_eq!(res.header("content-type"), Some("application/json"));
//! assert_eq!(res.text(), r#"{"name":"apple"}"#);
//! # }
//! ```

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE, HOST};
use http::{HeaderMap, Method, StatusCode};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::body::Body;
use crate::response::{header_pair, IntoHeaderName, IntoHeaderValue};
use crate::service::AppService;
use crate::App;

/// Sends requests to an app in process.
#[derive(Debug, Clone)]
pub struct TestClient {
    service: AppService,
    allow_undocumented: bool,
}

impl TestClient {
    /// Builds the app (as the server would) and wraps it.
    pub fn new(app: App) -> Self {
        TestClient {
            service: app.into_service(),
            allow_undocumented: false,
        }
    }

    /// Lets routes answer statuses their OpenAPI description does not list. By default such
    /// an answer fails the test (in debug builds), so the document cannot drift from the code.
    ///
    /// ```
    /// use brisk::testing::TestClient;
    /// use brisk::HttpError;
    ///
    /// // Answers 404 without declaring `responses = [404]`.
    /// #[brisk::get("/items/{item_id}")]
    /// async fn read_item(item_id: i64) -> Result<brisk::Value, HttpError> {
    ///     Err(HttpError::not_found(format!("no item {item_id}")))
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let app = brisk::App::new().routes(brisk::routes![read_item]);
    /// let client = TestClient::new(app).allow_undocumented_statuses();
    /// assert_eq!(client.get("/items/1").send().await.status(), 404);
    /// # }
    /// ```
    pub fn allow_undocumented_statuses(mut self) -> Self {
        self.allow_undocumented = true;
        self
    }

    /// A request with any method.
    pub fn request(&self, method: Method, uri: &str) -> TestRequest {
        TestRequest {
            client: self.clone(),
            method,
            uri: uri.to_owned(),
            headers: HeaderMap::new(),
            body: Bytes::new(),
        }
    }

    /// A GET request.
    pub fn get(&self, uri: &str) -> TestRequest {
        self.request(Method::GET, uri)
    }

    /// A POST request.
    pub fn post(&self, uri: &str) -> TestRequest {
        self.request(Method::POST, uri)
    }

    /// A PUT request.
    pub fn put(&self, uri: &str) -> TestRequest {
        self.request(Method::PUT, uri)
    }

    /// A PATCH request.
    pub fn patch(&self, uri: &str) -> TestRequest {
        self.request(Method::PATCH, uri)
    }

    /// A DELETE request.
    pub fn delete(&self, uri: &str) -> TestRequest {
        self.request(Method::DELETE, uri)
    }

    /// A HEAD request.
    pub fn head(&self, uri: &str) -> TestRequest {
        self.request(Method::HEAD, uri)
    }

    /// An OPTIONS request.
    pub fn options(&self, uri: &str) -> TestRequest {
        self.request(Method::OPTIONS, uri)
    }
}

/// A request being built; [`send`](TestRequest::send) it.
#[derive(Debug)]
pub struct TestRequest {
    client: TestClient,
    method: Method,
    uri: String,
    headers: HeaderMap,
    body: Bytes,
}

impl TestRequest {
    /// Adds a header.
    ///
    /// # Panics
    /// If the name or value is not valid in a header.
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        K: IntoHeaderName,
        V: IntoHeaderValue,
    {
        let (name, value) = header_pair(name, value);
        self.headers.append(name, value);
        self
    }

    /// Adds query parameters (percent-encoded).
    ///
    /// ```
    /// use brisk::testing::TestClient;
    ///
    /// #[brisk::get("/search")]
    /// async fn search(q: String) -> String {
    ///     q
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let client = TestClient::new(brisk::App::new().routes(brisk::routes![search]));
    /// let res = client.get("/search").query(&[("q", "a&b c")]).send().await;
    /// assert_eq!(res.text(), r#""a&b c""#);
    /// # }
    /// ```
    pub fn query(mut self, pairs: &[(&str, &str)]) -> Self {
        let encoded = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        self.uri
            .push(if self.uri.contains('?') { '&' } else { '?' });
        self.uri.push_str(&encoded);
        self
    }

    /// Sets a JSON body and `content-type: application/json`.
    ///
    /// # Panics
    /// If `value` cannot be serialized.
    ///
    /// ```
    /// use brisk::testing::TestClient;
    ///
    /// #[derive(brisk::Model, serde::Serialize)]
    /// struct Item {
    ///     name: String,
    /// }
    ///
    /// #[brisk::post("/items", status_code = 201)]
    /// async fn create_item(item: Item) -> Item {
    ///     item
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let client = TestClient::new(brisk::App::new().routes(brisk::routes![create_item]));
    /// let res = client.post("/items").json(&brisk::json!({ "name": "Pen" })).send().await;
    /// assert_eq!(res.status(), 201);
    /// assert_eq!(res.json::<brisk::Value>()["name"], "Pen");
    /// # }
    /// ```
    pub fn json<T: Serialize>(mut self, value: &T) -> Self {
        self.body = serde_json::to_vec(value)
            .expect("test body serializes")
            .into();
        self.headers.insert(
            CONTENT_TYPE,
            const { HeaderValue::from_static("application/json") },
        );
        self
    }

    /// Sets a raw body (no content-type is added).
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    /// Sends the request and reads the whole response.
    ///
    /// # Panics
    /// If the URI is invalid.
    pub async fn send(self) -> TestResponse {
        let mut req = http::Request::builder()
            .method(self.method)
            .uri(&self.uri)
            .body(Body::full(self.body))
            .unwrap_or_else(|e| panic!("invalid test request {}: {e}", self.uri));
        *req.headers_mut() = self.headers;
        if !req.headers().contains_key(HOST) {
            req.headers_mut()
                .insert(HOST, const { HeaderValue::from_static("testserver") });
        }
        let res = self.client.service.call(req).await;
        let (parts, body) = res.into_parts();
        if let Some(u) = parts.extensions.get::<crate::routing::UndocumentedStatus>() {
            if !self.client.allow_undocumented {
                panic!(
                    "route `{}` answered {}, a status its OpenAPI description does not list: declare it with `responses = [({}, \"...\")]` on the route attribute (or build the client with `TestClient::allow_undocumented_statuses`)",
                    u.route, u.status, u.status
                );
            }
        }
        let body = match body.collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(e) => panic!("the response body failed while streaming: {e}"),
        };
        TestResponse {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    }
}

/// A response read in full.
#[derive(Debug, Clone)]
pub struct TestResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl TestResponse {
    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header's value as text (the last one if repeated).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get_all(name)
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
    }

    /// Every header as `(name, value)` text pairs, in order.
    ///
    /// ```
    /// use brisk::testing::TestClient;
    ///
    /// #[brisk::get("/items/{item_id}")]
    /// async fn read_item(item_id: i64, response: &mut brisk::ResponseHandle) -> brisk::Value {
    ///     response.set_header("X-Cache", "MISS");
    ///     brisk::json!({ "item_id": item_id })
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let client = TestClient::new(brisk::App::new().routes(brisk::routes![read_item]));
    /// let res = client.get("/items/7").send().await;
    /// assert_eq!(
    ///     res.header_pairs(),
    ///     [
    ///         ("content-length".to_owned(), "13".to_owned()),
    ///         ("content-type".to_owned(), "application/json".to_owned()),
    ///         ("x-cache".to_owned(), "MISS".to_owned()),
    ///     ]
    /// );
    /// # }
    /// ```
    pub fn header_pairs(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect()
    }

    /// The body bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// The body as text.
    ///
    /// # Panics
    /// If the body is not UTF-8.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("response body is UTF-8")
    }

    /// The body parsed as JSON.
    ///
    /// # Panics
    /// If the body is not JSON of that shape.
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "response body is not the expected JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}
