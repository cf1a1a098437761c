use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::header::{HeaderValue, ALLOW, CONTENT_LENGTH, LOCATION};
use http::{Method, StatusCode};

use super::route::{HandlerFuture, Route};
use crate::body::Body;
use crate::connection::ConnMeta;
use crate::error::{Errors, ValidationError};
use crate::extract::{ParamRanges, Request, StateMap};
use crate::response::{IntoResponse, Response};

/// Methods in the order `allow` lists them.
const METHOD_ORDER: [Method; 7] = [
    Method::GET,
    Method::HEAD,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
    Method::OPTIONS,
];

/// What routing needs from the app's configuration.
pub(crate) struct RouterConfig {
    pub redirect_slashes: bool,
    pub body_limit: usize,
    pub on_validation_error: Option<Arc<dyn Fn(ValidationError) -> Response + Send + Sync>>,
}

struct Handler {
    route: Route,
    status: StatusCode,
    /// The statuses the route documents, for the debug-build check; `None` when the route
    /// has no OpenAPI description (built-in routes).
    documented: Option<Documented>,
}

/// The statuses a route documents: its main status, its declared responses, and what the
/// framework itself may answer (422; 413, 408 and 400 for a body too large, too slow or
/// unreadable; 500).
struct Documented {
    codes: Vec<u16>,
    ranges: Vec<u16>,
    any: bool,
}

impl Documented {
    fn of(route: &Route, status: StatusCode) -> Option<Self> {
        let doc = route.doc?;
        let mut codes = vec![status.as_u16(), 400, 408, 413, 422, 500];
        let mut ranges = Vec::new();
        let mut any = false;
        let mut gen = crate::model::SchemaGen::new();
        if let Some(s) = (doc.response)(&mut gen).status {
            codes.push(s);
        }
        for d in doc.responses {
            match d.status.parse::<u16>() {
                Ok(code) => codes.push(code),
                Err(_) if d.status == "default" => any = true,
                Err(_) => {
                    if let Some(first) = d.status.chars().next().and_then(|c| c.to_digit(10)) {
                        ranges.push(first as u16);
                    }
                }
            }
        }
        Some(Documented { codes, ranges, any })
    }

    fn allows(&self, code: u16) -> bool {
        self.any || self.codes.contains(&code) || self.ranges.contains(&(code / 100))
    }
}

/// Marks a response whose status its route does not document (debug builds only), so
/// [`TestClient`](crate::testing::TestClient) can fail the test.
#[derive(Debug, Clone)]
pub(crate) struct UndocumentedStatus {
    pub(crate) route: &'static str,
    pub(crate) status: u16,
}

/// All routes sharing one path template (whatever their parameter names).
struct PathEntry {
    methods: Vec<(Method, usize)>,
    allow: HeaderValue,
}

/// The route table, built once when the app is built.
pub(crate) struct Router {
    /// Paths without parameters and their entries, looked up before `matcher` (which gives
    /// them priority too) when there are few: comparing a handful of strings costs less
    /// than walking the tree.
    statics: Vec<(Box<str>, usize)>,
    /// Bit `n % 64` is set when a path in `statics` is `n` bytes long: most other paths are
    /// told apart without comparing.
    static_lengths: u64,
    /// Templates that are a static prefix ending in `/` and one parameter making up the last
    /// segment (`/items/{p0}`), with their entries, tried after `statics` and before
    /// `matcher` when no other template could claim the same paths (see [`tails`]): a prefix
    /// comparison instead of the tree walk.
    tails: Vec<(Box<str>, usize)>,
    matcher: matchit::Router<usize>,
    entries: Vec<PathEntry>,
    handlers: Vec<Handler>,
    state: Arc<StateMap>,
    config: RouterConfig,
}

/// Up to how many parameterless paths are compared one by one before the matcher runs.
const MAX_STATICS: usize = 16;

/// The names [`normalize`] gives the first path parameters.
const PARAM_KEYS: [&str; 4] = ["p0", "p1", "p2", "p3"];

/// `/items/{item_id}` → `/items/{p0}`: routes that differ only in parameter names share one
/// matcher entry, so `allow` can list every method of the path.
fn normalize(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    let mut i = 0;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        out.push('{');
        if name.starts_with('*') {
            out.push('*');
        }
        out.push('p');
        out.push_str(&i.to_string());
        out.push('}');
        i += 1;
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The [`Router::tails`] of these (normalized) templates: those made of a static prefix
/// ending in `/` and one parameter filling the last segment, where no other template could
/// match a path they match, or could win it. A template that goes on from the same prefix
/// with a static byte could (the matcher prefers static bytes), unless it is a path that
/// `statics_first` compares before the tails; one that goes on with a parameter and then
/// `/` could not (a tail's value has no `/`). Templates with escaped braces turn the tails
/// off.
fn tails(templates: &[String], statics_first: bool) -> Vec<(Box<str>, usize)> {
    if templates
        .iter()
        .any(|t| t.contains("{{") || t.contains("}}"))
    {
        return Vec::new();
    }
    let mut tails: Vec<(Box<str>, usize)> = templates
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let prefix = t.strip_suffix("{p0}")?;
            let claimed_elsewhere = templates.iter().any(|other| {
                let Some(rest) = other.strip_prefix(prefix) else {
                    return false;
                };
                let is_static = !other.contains(['{', '}']);
                let param_then_slash = rest
                    .strip_prefix("{p")
                    .and_then(|r| r.split_once('}'))
                    .is_some_and(|(digits, after)| {
                        digits.bytes().all(|b| b.is_ascii_digit()) && after.starts_with('/')
                    });
                other != t && !(is_static && statics_first) && !param_then_slash
            });
            (prefix.ends_with('/') && !prefix.contains(['{', '}']) && !claimed_elsewhere)
                .then(|| (prefix.into(), i))
        })
        .collect();
    if tails.len() > MAX_STATICS {
        tails.clear();
    }
    tails
}

impl Router {
    /// Builds the table.
    ///
    /// # Panics
    /// On two routes for the same method and path, on templates the matcher refuses, on an
    /// unknown method, and on a route whose state type the app does not have: these are
    /// mistakes in the program, found at start-up instead of on the first request.
    pub(crate) fn new(routes: &[Route], state: StateMap, config: RouterConfig) -> Self {
        let mut matcher = matchit::Router::new();
        let mut entries: Vec<PathEntry> = Vec::new();
        let mut templates: Vec<String> = Vec::new();
        let mut handlers = Vec::with_capacity(routes.len());
        for route in routes {
            let spec = route.spec;
            for state_type in spec.states {
                let (id, name) = state_type();
                assert!(
                    state.contains(id),
                    "route `{}` takes `State<{name}>`, but the app has no state of that type: add `.state(value)` to the App",
                    spec.name
                );
            }
            let status = StatusCode::from_u16(spec.status)
                .unwrap_or_else(|_| panic!("route `{}`: bad status {}", spec.name, spec.status));
            let handler = handlers.len();
            handlers.push(Handler {
                route: *route,
                status,
                documented: if cfg!(debug_assertions) {
                    Documented::of(route, status)
                } else {
                    None
                },
            });
            let template = normalize(spec.path);
            let entry = match templates.iter().position(|t| *t == template) {
                Some(i) => i,
                None => {
                    matcher
                        .insert(template.clone(), entries.len())
                        .unwrap_or_else(|e| {
                            panic!(
                                "route `{}` has path `{}` that conflicts with another route: {e}",
                                spec.name, spec.path
                            )
                        });
                    templates.push(template);
                    entries.push(PathEntry {
                        methods: Vec::new(),
                        allow: const { HeaderValue::from_static("") },
                    });
                    entries.len() - 1
                }
            };
            for method in spec.methods {
                let method = Method::from_bytes(method.as_bytes())
                    .unwrap_or_else(|_| panic!("route `{}`: bad method {method}", spec.name));
                let methods = &mut entries[entry].methods;
                if let Some((_, other)) = methods.iter().find(|(m, _)| *m == method) {
                    panic!(
                        "two routes answer {method} {}: `{}` and `{}`",
                        spec.path, handlers[*other].route.spec.name, spec.name
                    );
                }
                methods.push((method, handler));
            }
        }
        for entry in &mut entries {
            entry.allow = allow_header(&entry.methods);
        }
        let mut statics: Vec<(Box<str>, usize)> = templates
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.contains(['{', '}']))
            .map(|(i, t)| (t.as_str().into(), i))
            .collect();
        if statics.len() > MAX_STATICS {
            statics.clear();
        }
        let static_lengths = statics
            .iter()
            .fold(0, |mask, (p, _)| mask | 1 << (p.len() % 64));
        let tails = tails(&templates, !statics.is_empty());
        Router {
            statics,
            static_lengths,
            tails,
            matcher,
            entries,
            handlers,
            state: Arc::new(state),
            config,
        }
    }

    /// Routes a request: the answer itself when routing decides it (404, 405, OPTIONS), else
    /// the handler's future, the only allocation. A handler that needs the body gets it
    /// unread, with its size limit, and reads it first in that future.
    #[inline]
    pub(crate) fn dispatch(
        self: &Arc<Self>,
        parts: http::request::Parts,
        body: Body,
        meta: Option<ConnMeta>,
    ) -> Dispatch {
        let path = parts.uri.path();
        let maybe_static = self.static_lengths & (1 << (path.len() % 64)) != 0;
        let found = maybe_static
            .then(|| self.statics.iter().find(|(p, _)| **p == *path))
            .flatten();
        // The one parameter of a tail template, as a byte range in the path.
        let tail = || {
            self.tails.iter().find_map(|(prefix, entry)| {
                let value = path.strip_prefix(&**prefix)?;
                (!value.is_empty() && !value.contains('/'))
                    .then_some((*entry, (prefix.len(), path.len())))
            })
        };
        let (entry, matched, tail) = match found {
            Some(&(_, entry)) => (entry, None, None),
            None => match tail() {
                Some((entry, range)) => (entry, None, Some(range)),
                None => match self.matcher.at(path) {
                    Ok(m) => (*m.value, Some(m), None),
                    Err(_) => return Dispatch::ready(self.not_found(&parts, meta.as_ref())),
                },
            },
        };
        let entry = &self.entries[entry];
        let method = &parts.method;
        let found = entry.methods.iter().find(|(m, _)| m == method).or_else(|| {
            // HEAD is answered by the GET route; the final stage drops the body.
            (method == Method::HEAD)
                .then(|| entry.methods.iter().find(|(m, _)| *m == Method::GET))
                .flatten()
        });
        let Some(&(_, handler_index)) = found else {
            if method == Method::OPTIONS {
                return Dispatch::ready(
                    Response::new(StatusCode::OK)
                        .header(ALLOW, entry.allow.clone())
                        .header(CONTENT_LENGTH, const { HeaderValue::from_static("0") }),
                );
            }
            return Dispatch::ready(method_not_allowed(entry.allow.clone()));
        };
        let base = path.as_ptr() as usize;
        let range = |v: &str| {
            let start = (v.as_ptr() as usize).wrapping_sub(base);
            (start, start + v.len())
        };
        // (Most routes have no path parameters, and few have many: looking the first ones up
        // by their normalized names checks only their values' UTF-8, where matchit's
        // iterator checks every name too.)
        let params: ParamRanges = match matched {
            None => tail.into_iter().collect(),
            Some(m) if m.params.is_empty() => ParamRanges::new(),
            Some(m) if m.params.len() <= PARAM_KEYS.len() => PARAM_KEYS[..m.params.len()]
                .iter()
                .map(|key| m.params.get(key).map_or((0, 0), range))
                .collect(),
            Some(m) => m.params.iter().map(|(_, v)| range(v)).collect(),
        };
        let handler = &self.handlers[handler_index];
        let spec = handler.route.spec;
        // A handler that needs the body reads it first, inside its own future (one
        // allocation for both); the others never see it.
        let unread = spec
            .needs_body
            .then(|| (body, spec.body_limit.unwrap_or(self.config.body_limit)));
        let request = Request::new(
            parts,
            params,
            unread,
            self.state.clone(),
            handler.status,
            meta,
        );
        Dispatch(match (handler.route.handler)(request) {
            Ok(fut) => State::Handler {
                fut,
                router: self.clone(),
                index: handler_index,
            },
            Err(errors) => State::Failed {
                errors: Some(errors),
                router: self.clone(),
            },
        })
    }

    /// Marks a handler's response whose status its route does not document (debug builds).
    #[inline]
    fn check_documented(&self, index: usize, res: &mut Response) {
        let handler = &self.handlers[index];
        if let Some(documented) = &handler.documented {
            let code = res.status.as_u16();
            if !documented.allows(code) {
                let name = handler.route.spec.name;
                tracing::error!(
                    route = name,
                    status = code,
                    "route `{name}` answered {code}, a status it does not document: declare it with `responses = [({code}, \"...\")]` on the route attribute",
                );
                res.extensions.insert(UndocumentedStatus {
                    route: name,
                    status: code,
                });
            }
        }
    }

    /// The answer to a request's extraction errors.
    fn answer_errors(&self, errors: Errors) -> Response {
        match errors.into_result() {
            Err(fatal) => *fatal,
            Ok(validation) => match &self.config.on_validation_error {
                Some(f) => f(validation),
                None => validation.into_response(),
            },
        }
    }

    fn not_found(&self, req: &http::request::Parts, meta: Option<&ConnMeta>) -> Response {
        let path = req.uri.path();
        if self.config.redirect_slashes && path != "/" {
            let other = match path.strip_suffix('/') {
                Some(p) => p.to_owned(),
                None => format!("{path}/"),
            };
            if self.matcher.at(&other).is_ok() {
                return slash_redirect(req, meta, &other);
            }
        }
        crate::error::HttpError::from_status(StatusCode::NOT_FOUND).into_response()
    }
}

/// A routed request on its way to a response: see [`Router::dispatch`].
pub(crate) struct Dispatch(State);

enum State {
    /// Decided by routing (404, 405, OPTIONS): boxed, so the common case's future stays small.
    Ready(Option<Box<Response>>),
    Handler {
        fut: HandlerFuture,
        router: Arc<Router>,
        index: usize,
    },
    /// Extraction failed before the handler's future was made.
    Failed {
        errors: Option<Errors>,
        router: Arc<Router>,
    },
}

impl Dispatch {
    pub(crate) fn ready(res: Response) -> Self {
        Dispatch(State::Ready(Some(Box::new(res))))
    }
}

impl Future for Dispatch {
    /// The response, and whether brisk built its framing (see `Response::framed`).
    type Output = (http::Response<Body>, bool);

    /// The handler's response (marked when its status is not documented), or the answer to
    /// its extraction errors, as the `http::Response` the final stage takes. (Converted here,
    /// where the handler's output lands: each move of a response on its way out costs a
    /// copy of ~150 bytes.)
    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let out = |res: Response| {
            let framed = res.framed;
            (res.into_http(), framed)
        };
        match &mut self.0 {
            State::Ready(res) => {
                Poll::Ready(out(*res.take().expect("Dispatch polled after completion")))
            }
            State::Failed { errors, router } => Poll::Ready(out(
                router.answer_errors(errors.take().expect("Dispatch polled after completion"))
            )),
            State::Handler { fut, router, index } => match fut.as_mut().poll(cx) {
                Poll::Ready(Ok(mut res)) => {
                    router.check_documented(*index, &mut res);
                    Poll::Ready(out(res))
                }
                Poll::Ready(Err(errors)) => Poll::Ready(out(router.answer_errors(errors))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

fn allow_header(methods: &[(Method, usize)]) -> HeaderValue {
    let has = |m: &Method| {
        methods.iter().any(|(x, _)| x == m)
            || (*m == Method::HEAD && methods.iter().any(|(x, _)| *x == Method::GET))
            || *m == Method::OPTIONS
    };
    let mut list: Vec<&str> = METHOD_ORDER
        .iter()
        .filter(|m| has(m))
        .map(Method::as_str)
        .collect();
    let mut others: Vec<&str> = methods
        .iter()
        .map(|(m, _)| m.as_str())
        .filter(|m| !METHOD_ORDER.iter().any(|o| o.as_str() == *m))
        .collect();
    others.sort_unstable();
    list.extend(others);
    HeaderValue::from_str(&list.join(", ")).expect("method names are valid header text")
}

fn method_not_allowed(allow: HeaderValue) -> Response {
    let mut res =
        crate::error::HttpError::from_status(StatusCode::METHOD_NOT_ALLOWED).into_response();
    // FastAPI sends `allow` before content-length and content-type.
    let mut headers = http::HeaderMap::with_capacity(3);
    headers.insert(ALLOW, allow);
    for (name, value) in res.headers.drain() {
        if let Some(name) = name {
            headers.append(name, value);
        }
    }
    res.headers = headers;
    res
}

/// FastAPI's trailing-slash answer: `307` to the same URL with the slash added or removed,
/// absolute, with the query kept. The scheme and host are the ones the client used: a
/// trusted proxy's `Forwarded` (`proto=`, `host=`) or `X-Forwarded-Proto` when the peer is
/// one ([`TrustedProxies`](crate::TrustedProxies), loopback by default, as uvicorn's
/// `forwarded_allow_ips`), else the connection's scheme and the `Host` header.
fn slash_redirect(
    req: &http::request::Parts,
    meta: Option<&ConnMeta>,
    other_path: &str,
) -> Response {
    let origin = match meta {
        Some(meta) => Some(&meta.origin),
        None => req.extensions.get(),
    };
    let mut location = crate::serve::forwarded::base_url(&req.headers, &req.uri, origin);
    location.push_str(other_path);
    if let Some(q) = req.uri.query() {
        location.push('?');
        location.push_str(q);
    }
    match HeaderValue::from_str(&location) {
        Ok(location) => Response::new(StatusCode::TEMPORARY_REDIRECT)
            .header(CONTENT_LENGTH, const { HeaderValue::from_static("0") })
            .header(LOCATION, location),
        Err(_) => crate::error::HttpError::from_status(StatusCode::NOT_FOUND).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_normalize_parameter_names() {
        assert_eq!(normalize("/items/{item_id}"), "/items/{p0}");
        assert_eq!(normalize("/a/{x}/b/{y}"), "/a/{p0}/b/{p1}");
        assert_eq!(normalize("/files/{*rest}"), "/files/{*p0}");
        assert_eq!(normalize("/plain"), "/plain");
    }

    #[crate::get("/users/me")]
    async fn me() -> &'static str {
        "me"
    }

    #[crate::get("/users/{user_id}")]
    async fn user(user_id: String) -> String {
        format!("user {user_id}")
    }

    #[crate::get("/users/{user_id}/posts")]
    async fn posts(user_id: String) -> String {
        format!("posts of {user_id}")
    }

    #[crate::get("/a/{p}/{q}")]
    async fn two(p: String, q: i64) -> String {
        format!("{p} {q}")
    }

    #[crate::get("/m/{a}/{b}/{c}/{d}/{e}")]
    async fn five(a: String, b: String, c: String, d: String, e: String) -> String {
        [a, b, c, d, e].join(" ")
    }

    #[crate::get("/files/{*rest}")]
    async fn files(rest: String) -> String {
        rest
    }

    /// What routing answers, through the whole app: static paths (compared before the
    /// matcher while there are few, else through it alone) win over parameters, and path
    /// parameters arrive in template order, decoded, whether looked up by name (up to four)
    /// or iterated (more).
    #[tokio::test]
    async fn static_paths_win_and_parameters_arrive_in_order() {
        use crate::testing::TestClient;
        let cases = [
            ("/users/me", 200, r#""me""#),
            ("/users/7", 200, r#""user 7""#),
            ("/users/m%C3%A9", 200, r#""user mé""#),
            ("/users/me/", 307, ""),
            ("/users/7/posts", 200, r#""posts of 7""#),
            ("/users/7/", 307, ""),
            ("/users/", 404, r#"{"detail":"Not Found"}"#),
            ("/a/x%20y/12", 200, r#""x y 12""#),
            (
                "/a/x/y",
                422,
                r#"{"detail":[{"type":"int_parsing","loc":["path","q"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"y"}]}"#,
            ),
            ("/m/1/2/3/4/5", 200, r#""1 2 3 4 5""#),
            ("/files/a/b%2Fc", 200, r#""a/b/c""#),
            ("/nope", 404, r#"{"detail":"Not Found"}"#),
        ];
        // With many parameterless routes the table of static paths is off: same answers.
        macro_rules! statics {
            ($($name:ident $path:literal)*) => {
                $(
                    #[crate::get($path)]
                    async fn $name() {}
                )*
            };
        }
        statics!(
            s0 "/s/0" s1 "/s/1" s2 "/s/2" s3 "/s/3" s4 "/s/4" s5 "/s/5" s6 "/s/6" s7 "/s/7"
            s8 "/s/8" s9 "/s/9" s10 "/s/10" s11 "/s/11" s12 "/s/12" s13 "/s/13" s14 "/s/14"
            s15 "/s/15" s16 "/s/16"
        );
        let small = crate::App::new().routes(crate::routes![me, user, posts, two, five, files]);
        let large = crate::App::new()
            .routes(crate::routes![me, user, posts, two, five, files])
            .routes(crate::routes![
                s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16
            ]);
        for (app, statics) in [(small, true), (large, false)] {
            let client = TestClient::new(app);
            for (path, status, body) in cases {
                let res = client.get(path).send().await;
                assert_eq!(res.status(), status, "{path}");
                assert_eq!(res.text(), body, "{path}");
                let location = (status == 307)
                    .then(|| format!("http://testserver{}", path.trim_end_matches('/')));
                assert_eq!(res.header("location"), location.as_deref(), "{path}");
            }
            let res = client.get("/s/16").send().await;
            assert_eq!(res.status(), if statics { 404 } else { 200 });
        }
    }

    #[test]
    fn tails_are_the_templates_nothing_else_can_claim() {
        let tails_of = |templates: &[&str], statics_first| {
            let templates: Vec<String> = templates.iter().map(|t| t.to_string()).collect();
            tails(&templates, statics_first)
                .into_iter()
                .map(|(prefix, i)| (prefix.into_string(), i))
                .collect::<Vec<_>>()
        };
        let tail = |prefix: &str, i| vec![(prefix.to_owned(), i)];
        // The items API.
        assert_eq!(
            tails_of(&["/items", "/items/{p0}", "/plaintext"], true),
            tail("/items/", 1)
        );
        // Another template going on with a parameter and `/` claims none of its paths.
        assert_eq!(
            tails_of(&["/users/{p0}", "/users/{p0}/posts"], true),
            tail("/users/", 0)
        );
        // A static path under the prefix: compared first while there are few statics, else
        // the matcher decides.
        assert_eq!(
            tails_of(&["/users/{p0}", "/users/me"], true),
            tail("/users/", 0)
        );
        assert_eq!(tails_of(&["/users/{p0}", "/users/me"], false), []);
        // A catch-all under the prefix, or a parameter not followed by `/`, could claim.
        assert_eq!(tails_of(&["/f/{p0}", "/f/{*p0}"], true), []);
        assert_eq!(tails_of(&["/f/{p0}", "/f/{p0}.json"], true), []);
        // Not tails: a parameter not last, a prefix with a parameter or not ending in `/`,
        // a catch-all.
        assert_eq!(
            tails_of(
                &["/a/{p0}/b", "/a/{p0}/{p1}", "/b{p0}", "/files/{*p0}"],
                true
            ),
            []
        );
        // Escaped braces anywhere: none.
        assert_eq!(tails_of(&["/u/{p0}", "/{{x}}"], true), []);
    }

    #[test]
    fn allow_lists_methods_in_a_fixed_order() {
        let m = |list: &[Method]| list.iter().cloned().map(|m| (m, 0)).collect::<Vec<_>>();
        assert_eq!(
            allow_header(&m(&[Method::POST, Method::GET])),
            "GET, HEAD, POST, OPTIONS"
        );
        assert_eq!(allow_header(&m(&[Method::DELETE])), "DELETE, OPTIONS");
    }
}
