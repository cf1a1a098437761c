//! The HTML pages for Swagger UI and ReDoc. Their scripts and styles are served by brisk
//! itself (see `assets`), never from a CDN, so the pages work without network access.

/// Swagger UI's page for the document at `openapi_url`, loading its assets from
/// `<docs_url>/swagger-ui.css`, `<docs_url>/swagger-ui-bundle.js` and
/// `<docs_url>/favicon-32x32.png`.
pub fn docs_html(title: &str, openapi_url: &str, docs_url: &str) -> String {
    let title = escape(title);
    let openapi_url = escape(openapi_url);
    let docs_url = escape(docs_url.trim_end_matches('/'));
    format!(
        r#"<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link type="text/css" rel="stylesheet" href="{docs_url}/swagger-ui.css">
<link rel="shortcut icon" href="{docs_url}/favicon-32x32.png">
<title>{title} - Swagger UI</title>
</head>
<body>
<div id="swagger-ui"></div>
<script src="{docs_url}/swagger-ui-bundle.js"></script>
<script>
const ui = SwaggerUIBundle({{
  url: '{openapi_url}',
  dom_id: '#swagger-ui',
  layout: 'BaseLayout',
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
}})
</script>
</body>
</html>
"#
    )
}

/// ReDoc's page for the document at `openapi_url`, loading `<redoc_url>/redoc.standalone.js`.
pub fn redoc_html(title: &str, openapi_url: &str, redoc_url: &str) -> String {
    let title = escape(title);
    let openapi_url = escape(openapi_url);
    let redoc_url = escape(redoc_url.trim_end_matches('/'));
    format!(
        r#"<!DOCTYPE html>
<html>
<head>
<title>{title} - ReDoc</title>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body {{ margin: 0; padding: 0; }}</style>
</head>
<body>
<noscript>ReDoc requires Javascript to function. Please enable it to browse the documentation.</noscript>
<redoc spec-url="{openapi_url}"></redoc>
<script src="{redoc_url}/redoc.standalone.js"></script>
</body>
</html>
"#
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
