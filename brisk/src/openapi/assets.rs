//! Swagger UI and ReDoc assets served by brisk itself. The embedded files land with the
//! offline-docs work; until then the pages' asset routes are absent.

use crate::routing::Route;

pub(crate) fn docs_routes(_docs_url: &str) -> Vec<Route> {
    Vec::new()
}

pub(crate) fn redoc_routes(_redoc_url: &str) -> Vec<Route> {
    Vec::new()
}
