//! The items API of FastAPI's guide "Status Codes and Custom Responses", in brisk.
//!
//! ```sh
//! cargo run --example items            # http://127.0.0.1:8000
//! PORT=9000 cargo run --example items
//! HOST=0.0.0.0 PORT=9000 RUST_LOG=warn BRISK_BODY_LIMIT=64KiB cargo run --example items
//! curl -i localhost:8000/healthz       # the health check
//! ```
//!
//! Configured by the environment (see the README's *Deploying*): `HOST`, `PORT`, the
//! `BRISK_*` limits, and `RUST_LOG` for the log level (default `info`: start-up, shutdown
//! and one access-log line per request).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use brisk::{json, status, App, ResponseHandle, State, Value};
use tracing_subscriber::filter::{EnvFilter, LevelFilter};

/// `items = {1: "Pen"}`
type Items = Arc<Mutex<HashMap<i64, String>>>;

/// Creates an item: every success answers 201 Created.
#[brisk::post("/items", status_code = status::HTTP_201_CREATED)]
async fn create_item(name: String) -> Value {
    json!({ "name": name })
}

/// Deletes an item: 204 No Content, no body.
#[brisk::delete("/items/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
async fn delete_item(item_id: i64, State(items): State<Items>) {
    items.lock().unwrap().remove(&item_id);
}

/// Updates an item (200) or creates it (201): the status is chosen at run time.
#[brisk::put("/items/{item_id}", responses = [(201, "Item created")])]
async fn upsert_item(
    item_id: i64,
    name: String,
    response: &mut ResponseHandle,
    State(items): State<Items>,
) -> Value {
    let mut items = items.lock().unwrap();
    if let Some(existing) = items.get_mut(&item_id) {
        *existing = name;
        response.set_status(status::HTTP_200_OK);
        return json!({ "updated": item_id });
    }
    items.insert(item_id, name);
    response.set_status(status::HTTP_201_CREATED);
    json!({ "created": item_id })
}

/// Reads an item, adding a custom header through the response handle.
#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: i64, response: &mut ResponseHandle) -> Value {
    response.set_header("X-Cache", "MISS");
    json!({ "item_id": item_id })
}

/// The app, shared by `main` and the tests.
pub fn app() -> App {
    let items: Items = Arc::new(Mutex::new(HashMap::from([(1, "Pen".to_owned())])));
    App::new()
        .state(items)
        .routes(brisk::routes![
            create_item,
            delete_item,
            upsert_item,
            get_item
        ])
        .health("/healthz")
}

/// Logs to stderr, filtered by `RUST_LOG` (default `info`). brisk only emits `tracing`
/// events; the program chooses where they go.
fn init_logging() -> std::io::Result<()> {
    use std::io::IsTerminal;
    let filter = EnvFilter::builder()
        .with_default_directive(LevelFilter::INFO.into())
        .from_env()
        .map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("invalid RUST_LOG: {e}"),
            )
        })?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    Ok(())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    init_logging()?;
    app().run().await
}
