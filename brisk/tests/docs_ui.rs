//! `/docs` (Swagger UI) and `/redoc` (ReDoc) in a real browser with no network: the `items`
//! example is served on a free 127.0.0.1 port and headless Chromium, driven over the Chrome
//! DevTools protocol, opens both pages.
//!
//! It checks that
//! - Swagger UI renders every operation of `/openapi.json` (the paths `/items` and
//!   `/items/{item_id}` among them), and that "Try it out" → "Execute" on
//!   `GET /items/{item_id}` with `item_id` = 1 shows the server's 200, its body and the
//!   `x-cache` header the handler set;
//! - ReDoc renders every operation's title (its summary in the document);
//! - every request either page made went to the app itself: no CDN, no other host. Chromium
//!   runs with a proxy that does not exist for anything but loopback, so a page that needed
//!   the network would fail to render, and the request log proves none was attempted.
//!
//! Chromium is found as `$CHROMIUM`, else `chromium`, `chromium-browser`, `google-chrome` on
//! the `PATH` (Debian: `apt-get install chromium`). Without one the test prints a note and
//! passes, unless `BRISK_REQUIRE_CHROMIUM=1` (set by `.ci/run`, which installs it), which
//! makes a missing browser a failure. Every wait is bounded; the run takes a few seconds.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::{Message, WebSocket};

#[path = "../examples/items.rs"]
#[allow(dead_code)]
mod items;

/// The longest any one step (a page render, a click's effect) may take.
const STEP: Duration = Duration::from_secs(30);

#[test]
fn docs_and_redoc_work_offline_in_chromium() {
    let Some(chromium) = find_chromium() else {
        let required = std::env::var("BRISK_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "BRISK_REQUIRE_CHROMIUM=1 but no Chromium found: install it (`apt-get install chromium`) or set CHROMIUM"
        );
        // Written straight to stderr, past the test harness's capture, so the skip shows.
        let _ = writeln!(
            std::io::stderr(),
            "note: docs_ui skipped: no Chromium (set CHROMIUM, or `apt-get install chromium`)"
        );
        return;
    };
    let started = Instant::now();
    let server = Server::start();
    let base = format!("http://{}", server.addr);
    let mut browser = Browser::launch(&chromium);
    let mut page = browser.new_page();

    // Swagger UI.
    page.navigate(&format!("{base}/docs"));
    let doc: Value = serde_json::from_str(
        page.eval("fetch('/openapi.json').then(r => r.text())")
            .as_str()
            .expect("the document as text"),
    )
    .expect("/openapi.json is JSON");
    let operations = operations(&doc);
    let paths: Vec<&str> = operations.iter().map(|o| o.path.as_str()).collect();
    assert!(
        paths.contains(&"/items") && paths.contains(&"/items/{item_id}"),
        "the items example's paths are in the document: {paths:?}"
    );
    let rendered = page.wait_for(
        "Swagger UI to render every operation",
        &format!(
            "(() => {{ const shown = [...document.querySelectorAll('.opblock')].map(o => \
             o.querySelector('.opblock-summary-method')?.textContent.toLowerCase() + ' ' + \
             o.querySelector('.opblock-summary-path')?.dataset.path); \
             return shown.length >= {} && shown; }})()",
            operations.len()
        ),
    );
    for op in &operations {
        let key = format!("{} {}", op.method, op.path);
        assert!(
            rendered.as_array().unwrap().contains(&json!(key)),
            "Swagger UI shows {key}: {rendered}"
        );
    }
    try_it_out(&mut page, &doc);

    // ReDoc.
    page.navigate(&format!("{base}/redoc"));
    let titles = page.wait_for(
        "ReDoc to render every operation",
        &format!(
            "(() => {{ const t = [...document.querySelectorAll('[data-section-id^=\"operation/\"] h2')]\
             .map(h => h.textContent.trim()); return t.length >= {} && t; }})()",
            operations.len()
        ),
    );
    for op in &operations {
        assert!(
            titles.as_array().unwrap().contains(&json!(op.summary)),
            "ReDoc shows the title {:?}: {titles}",
            op.summary
        );
    }

    // Nothing but the app was asked for anything.
    let requested = page.requested_urls();
    // `blob:` URLs are ReDoc's web worker, made by the page from its own script.
    let own = |u: &&String| {
        u.starts_with(&format!("{base}/"))
            || u.starts_with(&format!("blob:{base}/"))
            || u.starts_with("data:")
    };
    let foreign: Vec<&String> = requested.iter().filter(|u| !own(u)).collect();
    assert!(foreign.is_empty(), "requests off the app: {foreign:?}");
    for asset in [
        "/docs",
        "/docs/swagger-ui.css",
        "/docs/swagger-ui-bundle.js",
        "/openapi.json",
        "/redoc",
        "/redoc/redoc.standalone.js",
    ] {
        let url = format!("{base}{asset}");
        assert!(requested.contains(&url), "{url} was loaded: {requested:?}");
    }
    let failed = page.failed_requests();
    assert!(failed.is_empty(), "failed requests: {failed:?}");
    let errors = page.exceptions();
    assert!(
        errors.is_empty(),
        "uncaught JavaScript exceptions: {errors:?}"
    );

    browser.close();
    drop(server);
    let _ = writeln!(
        std::io::stderr(),
        "docs_ui: /docs and /redoc checked in {} in {:.1}s",
        chromium.display(),
        started.elapsed().as_secs_f64()
    );
}

/// "Try it out" on `GET /items/{item_id}`: fill `item_id` with 1 and "Execute"; Swagger UI
/// must show the server's 200 and its body.
fn try_it_out(page: &mut Page, doc: &Value) {
    const OP: &str = "[...document.querySelectorAll('.opblock.opblock-get')].find(o => \
                      o.querySelector('.opblock-summary-path')?.dataset.path === '/items/{item_id}')";
    let declared = doc["paths"]["/items/{item_id}"]["get"]["parameters"]
        .as_array()
        .is_some_and(|ps| ps.iter().any(|p| p["name"] == "item_id"));
    assert!(
        declared,
        "GET /items/{{item_id}} declares its `item_id` parameter, so Swagger UI has an input for it"
    );
    page.wait_for(
        "the operation to expand",
        &format!(
            "(() => {{ const op = {OP}; if (!op) return false; \
             if (!op.classList.contains('is-open')) op.querySelector('.opblock-summary-control').click(); \
             return !!op.querySelector('.try-out__btn'); }})()"
        ),
    );
    page.wait_for(
        "\"Try it out\" to open the parameters",
        &format!(
            "(() => {{ const op = {OP}; const b = op.querySelector('.try-out__btn'); \
             if (b && !b.classList.contains('cancel')) b.click(); \
             return !!op.querySelector('button.execute'); }})()"
        ),
    );
    page.wait_for(
        "the item_id input to take 1",
        &format!(
            "(() => {{ const i = {OP}.querySelector('tr[data-param-name=\"item_id\"] input'); \
             if (!i) return false; \
             Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, '1'); \
             i.dispatchEvent(new Event('input', {{ bubbles: true }})); \
             i.dispatchEvent(new Event('change', {{ bubbles: true }})); \
             return i.value === '1'; }})()"
        ),
    );
    // Swagger UI takes a typed value after a short debounce, so an Execute clicked too soon
    // only shows "Required field is not provided": click again, once a second, until the
    // server's answer shows.
    let shown = page.wait_for(
        "Execute to show the server's answer",
        &format!(
            "(() => {{ const op = {OP}; \
             const status = op.querySelector('.live-responses-table .response .response-col_status'); \
             const body = op.querySelector('.live-responses-table .response-col_description pre'); \
             const url = op.querySelector('.request-url pre'); \
             if (status && body && url) return {{ status: status.textContent.trim(), \
               body: body.textContent, url: url.textContent.trim(), \
               shown: status.closest('.response').textContent }}; \
             const now = Date.now(); \
             if (!window.__briskClicked || now - window.__briskClicked > 1000) {{ \
               window.__briskClicked = now; op.querySelector('button.execute').click(); }} \
             return false; }})()"
        ),
    );
    // The status column reads e.g. "200", or "422 Undocumented" for a status the document
    // does not list.
    let status = shown["status"]
        .as_str()
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or_default();
    let body = shown["body"].as_str().unwrap_or_default();
    let url = shown["url"].as_str().unwrap_or_default();
    assert_eq!(status, "200", "Try it out answered: {shown}");
    let body: Value = serde_json::from_str(body).expect("the shown body is JSON");
    assert_eq!(
        body,
        json!({ "item_id": 1 }),
        "Try it out answered: {shown}"
    );
    assert!(url.ends_with("/items/1"), "Try it out called: {shown}");
    // The header the handler set through its `ResponseHandle`, among the response headers.
    let all = shown["shown"].as_str().unwrap_or_default();
    assert!(
        all.contains("x-cache: MISS"),
        "Try it out answered: {shown}"
    );
}

/// An operation of the document: method (lower-case), path and summary.
#[derive(Debug)]
struct Operation {
    method: String,
    path: String,
    summary: String,
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("a path item") {
            out.push(Operation {
                method: method.clone(),
                path: path.clone(),
                summary: op["summary"].as_str().unwrap_or_default().to_owned(),
            });
        }
    }
    out
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let dirs: Vec<PathBuf> = std::env::split_paths(&std::env::var_os("PATH")?).collect();
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| dirs.iter().map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// The items example, served on a free loopback port until dropped.
struct Server {
    addr: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start() -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.set_nonblocking(true).expect("non-blocking");
        let addr = listener.local_addr().expect("the bound address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                brisk::serve(listener, items::app(), async {
                    let _ = stopped.await;
                })
                .await
                .expect("the server runs");
            });
        });
        Server {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            if !std::thread::panicking() {
                let _ = thread.join();
            }
        }
    }
}

/// Headless Chromium with a fresh profile, killed (and its profile removed) when dropped.
struct Browser {
    child: Child,
    profile: PathBuf,
    cdp: Option<Cdp>,
}

impl Browser {
    fn launch(chromium: &Path) -> Self {
        let profile = std::env::temp_dir().join(format!(
            "brisk-docs-ui-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir_all(&profile).expect("a profile directory");
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                // No network: every non-loopback request goes to a proxy that is not there.
                "--proxy-server=http://127.0.0.1:9",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
        // Chromium prints its DevTools address on stderr; keep draining it afterwards.
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let mut browser = Browser {
            child,
            profile,
            cdp: None,
        };
        let url = rx
            .recv_timeout(STEP)
            .expect("Chromium printed its DevTools address");
        browser.cdp = Some(Cdp::connect(&url));
        browser
    }

    fn new_page(&mut self) -> Page<'_> {
        let cdp = self.cdp.as_mut().expect("connected");
        let target = cdp.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let attached = cdp.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        let session = attached["sessionId"]
            .as_str()
            .expect("a session")
            .to_owned();
        for domain in ["Page.enable", "Network.enable", "Runtime.enable"] {
            cdp.call(Some(&session), domain, json!({}));
        }
        Page { cdp, session }
    }

    fn close(mut self) {
        if let Some(mut cdp) = self.cdp.take() {
            cdp.send(None, "Browser.close", json!({}));
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // Chromium's helper processes outlive a killed browser for a moment and may still
        // write to the profile: retry briefly.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&self.profile).is_ok() || !self.profile.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// One tab, through a flattened DevTools session.
struct Page<'a> {
    cdp: &'a mut Cdp,
    session: String,
}

impl Page<'_> {
    fn navigate(&mut self, url: &str) {
        let session = self.session.clone();
        let res = self
            .cdp
            .call(Some(&session), "Page.navigate", json!({ "url": url }));
        assert!(res.get("errorText").is_none(), "navigating to {url}: {res}");
        self.wait_for(
            &format!("{url} to load"),
            &format!(
                "location.href === {} && document.readyState === 'complete'",
                json!(url)
            ),
        );
    }

    /// The value of `expression` (awaited if it is a promise).
    fn eval(&mut self, expression: &str) -> Value {
        let session = self.session.clone();
        let res = self.cdp.call(
            Some(&session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(e) = res.get("exceptionDetails") {
            panic!("evaluating {expression}: {e}");
        }
        res["result"]["value"].clone()
    }

    /// Evaluates `expression` until it is truthy and returns that value.
    fn wait_for(&mut self, what: &str, expression: &str) -> Value {
        let deadline = Instant::now() + STEP;
        loop {
            let value = self.eval(expression);
            let truthy = match &value {
                Value::Null | Value::Bool(false) => false,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if truthy {
                return value;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the page's text: {}",
                self.eval("document.body ? document.body.innerText.slice(0, 2000) : ''")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn events<'e>(&'e self, method: &'e str) -> impl Iterator<Item = &'e Value> + 'e {
        self.cdp
            .events
            .iter()
            .filter(move |e| e["method"] == method && e["sessionId"] == self.session.as_str())
    }

    fn requested_urls(&self) -> Vec<String> {
        self.events("Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str())
            .map(str::to_owned)
            .collect()
    }

    fn failed_requests(&self) -> Vec<String> {
        let failed: Vec<&Value> = self.events("Network.loadingFailed").collect();
        let url_of = |id: &Value| {
            self.events("Network.requestWillBeSent")
                .find(|e| e["params"]["requestId"] == *id)
                .and_then(|e| e["params"]["request"]["url"].as_str())
                .unwrap_or("?")
                .to_owned()
        };
        let mut out: Vec<String> = failed
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    url_of(&e["params"]["requestId"]),
                    e["params"]["errorText"]
                )
            })
            .collect();
        out.extend(self.events("Network.responseReceived").filter_map(|e| {
            let r = &e["params"]["response"];
            let status = r["status"].as_u64()?;
            let url = r["url"].as_str()?;
            // The one 4xx expected: the browser's own probe for `/favicon.ico` (ReDoc's page
            // names no icon; the app has none).
            let expected = status == 404 && url.ends_with("/favicon.ico");
            (status >= 400 && !expected).then(|| format!("{url}: {status}"))
        }));
        out
    }

    fn exceptions(&self) -> Vec<String> {
        self.events("Runtime.exceptionThrown")
            .map(|e| e["params"]["exceptionDetails"].to_string())
            .collect()
    }
}

/// A DevTools protocol connection: commands and their results, with every event kept.
struct Cdp {
    ws: WebSocket<TcpStream>,
    next_id: u64,
    events: Vec<Value>,
}

impl Cdp {
    fn connect(url: &str) -> Self {
        let authority = url
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("a ws:// DevTools address, not {url}"));
        let stream = TcpStream::connect(authority).expect("connecting to DevTools");
        stream.set_read_timeout(Some(STEP)).expect("a read timeout");
        stream
            .set_write_timeout(Some(STEP))
            .expect("a write timeout");
        let (ws, _) = tungstenite::client(url, stream).expect("the DevTools handshake");
        // Short reads from now on, so a wait can check its deadline between messages.
        ws.get_ref()
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("a read timeout");
        Cdp {
            ws,
            next_id: 0,
            events: Vec::new(),
        }
    }

    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> u64 {
        self.next_id += 1;
        let mut msg = json!({ "id": self.next_id, "method": method, "params": params });
        if let Some(session) = session {
            msg["sessionId"] = json!(session);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .unwrap_or_else(|e| panic!("sending {method}: {e}"));
        self.next_id
    }

    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.send(session, method, params);
        let deadline = Instant::now() + STEP;
        loop {
            let msg = match self.ws.read() {
                Ok(Message::Text(text)) => {
                    serde_json::from_str::<Value>(text.as_str()).expect("DevTools sends JSON")
                }
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    assert!(Instant::now() < deadline, "no answer to {method} in time");
                    continue;
                }
                Err(e) => panic!("reading DevTools' answer to {method}: {e}"),
            };
            if msg["id"] == id {
                if let Some(error) = msg.get("error") {
                    panic!("{method} failed: {error}");
                }
                return msg["result"].clone();
            }
            self.events.push(msg);
        }
    }
}
