//! Swagger UI's and ReDoc's scripts and styles, compiled into brisk and served by the app
//! itself, so `/docs` and `/redoc` work on a machine with no network: nothing is fetched from
//! a CDN when a page is opened, and nothing is downloaded when brisk is built.
//!
//! - **Swagger UI 5.20.8** (Apache-2.0) is vendored in `brisk/assets/swagger-ui/`: the npm
//!   registry's `swagger-ui-dist@5.20.8` files, unchanged, with their licence and notice
//!   (`brisk/assets/swagger-ui/README.md` records the checksums and why this is no longer the
//!   `swagger-ui-redist` crate; `tools/docs-ui/vendor-swagger-ui.sh` redoes it). Served under
//!   `<docs_url>/`: `swagger-ui.css`, `swagger-ui-bundle.js` and `favicon-32x32.png`.
//! - **ReDoc 2.5.4** (MIT) is vendored in `brisk/assets/redoc/`: `redoc.standalone.js` as the
//!   npm registry's `redoc@2.5.4` package ships it, with its licence and its third-party
//!   notices. One URL differs: the Redocly logo of the sidebar's credit, which the bundle
//!   would load from Redocly's CDN, points at an empty `data:` URL (ReDoc then hides it, as it
//!   does offline). `brisk/assets/redoc/README.md` records how the file was fetched, the
//!   change and the checksums; `tools/docs-ui/vendor-redoc.sh` redoes both. Served at
//!   `<redoc_url>/redoc.standalone.js`.
//!
//! Together they add about 2.7 MB to a binary (Swagger UI's bundle 1.47 MB and stylesheet
//! 155 kB, ReDoc's bundle 1.1 MB; the `items` example's release build goes from 3.5 MB to
//! 6.2 MB). Each file is answered with its `content-type` and `cache-control: public,
//! max-age=86400`; HEAD is answered too, bodiless.

use bytes::Bytes;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::HeaderValue;

use super::builtin_route;
use crate::routing::{Handled, Route};
use crate::{Request, Response};

/// ReDoc's standalone bundle (see the module docs).
static REDOC_STANDALONE_JS: &[u8] = include_bytes!("../../assets/redoc/redoc.standalone.js");
/// Swagger UI's files (see the module docs).
static SWAGGER_UI_CSS: &[u8] = include_bytes!("../../assets/swagger-ui/swagger-ui.css");
static SWAGGER_UI_BUNDLE_JS: &[u8] = include_bytes!("../../assets/swagger-ui/swagger-ui-bundle.js");
static SWAGGER_UI_FAVICON: &[u8] = include_bytes!("../../assets/swagger-ui/favicon-32x32.png");

const CSS: &str = "text/css; charset=utf-8";
const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const PNG: &str = "image/png";
const CACHE: &str = "public, max-age=86400";

fn asset(bytes: &'static [u8], media_type: &'static str) -> Handled {
    let mut res = Response::with_content(Bytes::from_static(bytes));
    res.headers
        .insert(CONTENT_TYPE, HeaderValue::from_static(media_type));
    res.headers
        .insert(CACHE_CONTROL, HeaderValue::from_static(CACHE));
    Ok(Box::pin(std::future::ready(Ok(res))))
}

fn swagger_ui_css(_: Request) -> Handled {
    asset(SWAGGER_UI_CSS, CSS)
}

fn swagger_ui_bundle_js(_: Request) -> Handled {
    asset(SWAGGER_UI_BUNDLE_JS, JAVASCRIPT)
}

fn swagger_ui_favicon(_: Request) -> Handled {
    asset(SWAGGER_UI_FAVICON, PNG)
}

fn redoc_standalone_js(_: Request) -> Handled {
    asset(REDOC_STANDALONE_JS, JAVASCRIPT)
}

/// `<base>/<file>`, as `pages.rs` writes the asset URLs (`/` as the base gives `/<file>`).
fn under(base: &str, file: &str) -> String {
    format!("{}/{file}", base.trim_end_matches('/'))
}

/// The routes serving Swagger UI's files under `docs_url`.
pub(crate) fn docs_routes(docs_url: &str) -> Vec<Route> {
    vec![
        builtin_route(
            "swagger_ui_css",
            &under(docs_url, "swagger-ui.css"),
            swagger_ui_css,
        ),
        builtin_route(
            "swagger_ui_bundle_js",
            &under(docs_url, "swagger-ui-bundle.js"),
            swagger_ui_bundle_js,
        ),
        builtin_route(
            "swagger_ui_favicon",
            &under(docs_url, "favicon-32x32.png"),
            swagger_ui_favicon,
        ),
    ]
}

/// The route serving ReDoc's bundle under `redoc_url`.
pub(crate) fn redoc_routes(redoc_url: &str) -> Vec<Route> {
    vec![builtin_route(
        "redoc_standalone_js",
        &under(redoc_url, "redoc.standalone.js"),
        redoc_standalone_js,
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestClient;
    use crate::App;

    fn paths(routes: &[Route]) -> Vec<&'static str> {
        routes.iter().map(|r| r.spec().path).collect()
    }

    #[test]
    fn routes_are_under_the_configured_paths() {
        assert_eq!(
            paths(&docs_routes("/docs")),
            [
                "/docs/swagger-ui.css",
                "/docs/swagger-ui-bundle.js",
                "/docs/favicon-32x32.png"
            ]
        );
        assert_eq!(
            paths(&docs_routes("/api/swagger/")),
            [
                "/api/swagger/swagger-ui.css",
                "/api/swagger/swagger-ui-bundle.js",
                "/api/swagger/favicon-32x32.png"
            ]
        );
        assert_eq!(
            paths(&redoc_routes("/redoc")),
            ["/redoc/redoc.standalone.js"]
        );
        assert_eq!(paths(&redoc_routes("/")), ["/redoc.standalone.js"]);
        for route in docs_routes("/docs").iter().chain(&redoc_routes("/redoc")) {
            assert_eq!(route.spec().methods, ["GET", "HEAD"]);
            assert!(!route.spec().include_in_schema);
        }
    }

    #[test]
    fn the_embedded_files_are_the_real_ones() {
        let js = std::str::from_utf8(SWAGGER_UI_BUNDLE_JS).unwrap();
        assert!(js.len() > 1_000_000 && js.contains("SwaggerUIBundle"));
        assert!(
            js.contains("\"5.20.8\""),
            "the Swagger UI version the docs name"
        );
        let css = std::str::from_utf8(SWAGGER_UI_CSS).unwrap();
        assert!(css.contains(".swagger-ui"));
        assert!(SWAGGER_UI_FAVICON.starts_with(b"\x89PNG"));
        let redoc = std::str::from_utf8(REDOC_STANDALONE_JS).unwrap();
        assert!(
            redoc.contains("\"2.5.4\""),
            "the ReDoc version the docs name"
        );
        assert!(redoc.len() > 1_000_000 && redoc.contains("Redoc"));
        assert!(
            !redoc.contains("cdn.redoc.ly"),
            "the vendored bundle is the patched one"
        );
    }

    async fn check(client: &TestClient, path: &str, media_type: &str, body: &[u8]) {
        let res = client.get(path).send().await;
        assert_eq!(res.status(), 200, "GET {path}");
        assert_eq!(res.header("content-type"), Some(media_type), "GET {path}");
        assert_eq!(res.header("cache-control"), Some(CACHE), "GET {path}");
        assert_eq!(res.bytes().as_ref(), body, "GET {path}");
        let head = client.head(path).send().await;
        assert_eq!(head.status(), 200, "HEAD {path}");
        assert!(head.bytes().is_empty(), "HEAD {path}");
    }

    #[tokio::test]
    async fn the_default_app_serves_the_files() {
        let client = TestClient::new(App::new());
        check(&client, "/docs/swagger-ui.css", CSS, SWAGGER_UI_CSS).await;
        check(
            &client,
            "/docs/swagger-ui-bundle.js",
            JAVASCRIPT,
            SWAGGER_UI_BUNDLE_JS,
        )
        .await;
        check(&client, "/docs/favicon-32x32.png", PNG, SWAGGER_UI_FAVICON).await;
        check(
            &client,
            "/redoc/redoc.standalone.js",
            JAVASCRIPT,
            REDOC_STANDALONE_JS,
        )
        .await;
    }

    #[tokio::test]
    async fn the_files_follow_the_configured_urls() {
        let client = TestClient::new(
            App::new()
                .docs_url(Some("/swagger"))
                .redoc_url(Some("/reference")),
        );
        let css = SWAGGER_UI_CSS;
        check(&client, "/swagger/swagger-ui.css", CSS, css).await;
        check(
            &client,
            "/reference/redoc.standalone.js",
            JAVASCRIPT,
            REDOC_STANDALONE_JS,
        )
        .await;
        assert_eq!(
            client.get("/docs/swagger-ui.css").send().await.status(),
            404
        );
        assert_eq!(
            client
                .get("/redoc/redoc.standalone.js")
                .send()
                .await
                .status(),
            404
        );

        let off = TestClient::new(App::new().docs_url(None).redoc_url(None));
        assert_eq!(off.get("/docs/swagger-ui.css").send().await.status(), 404);
        assert_eq!(
            off.get("/redoc/redoc.standalone.js").send().await.status(),
            404
        );
    }
}
