//! The README's items example (`cargo run --example items`), exactly as the issue states it:
//! `items` starts as `{1: "Pen"}`; POST 201 `{"name": name}`; DELETE 204; PUT 200
//! `{"updated": id}` or 201 `{"created": id}`; GET 200 `{"item_id": id}` with
//! `X-Cache: MISS` — through `TestClient` and over a real socket.

use crate::harness::Server;
use crate::openapi::items_example;
use crate::wire;

/// (method, target, status, headers from content-length on, body), in order: state matters.
/// One exchange: method, target, status, headers from content-length on, body.
type Step = (
    &'static str,
    &'static str,
    u16,
    &'static [(&'static str, &'static str)],
    &'static str,
);

const SCRIPT: &[Step] = &[
    (
        "POST",
        "/items?name=apple",
        201,
        &[
            ("content-length", "16"),
            ("content-type", "application/json"),
        ],
        r#"{"name":"apple"}"#,
    ),
    (
        "POST",
        "/items",
        422,
        &[
            ("content-length", "90"),
            ("content-type", "application/json"),
        ],
        r#"{"detail":[{"type":"missing","loc":["query","name"],"msg":"Field required","input":null}]}"#,
    ),
    (
        "PUT",
        "/items/1?name=Pencil",
        200,
        &[
            ("content-length", "13"),
            ("content-type", "application/json"),
        ],
        r#"{"updated":1}"#,
    ),
    (
        "PUT",
        "/items/7?name=pear",
        201,
        &[
            ("content-length", "13"),
            ("content-type", "application/json"),
        ],
        r#"{"created":7}"#,
    ),
    (
        "PUT",
        "/items/7?name=plum",
        200,
        &[
            ("content-length", "13"),
            ("content-type", "application/json"),
        ],
        r#"{"updated":7}"#,
    ),
    (
        "GET",
        "/items/7",
        200,
        &[
            ("content-length", "13"),
            ("content-type", "application/json"),
            ("x-cache", "MISS"),
        ],
        r#"{"item_id":7}"#,
    ),
    (
        "HEAD",
        "/items/7",
        200,
        &[
            ("content-length", "13"),
            ("content-type", "application/json"),
            ("x-cache", "MISS"),
        ],
        "",
    ),
    ("DELETE", "/items/7", 204, &[], ""),
    (
        "PUT",
        "/items/7?name=again",
        201,
        &[
            ("content-length", "13"),
            ("content-type", "application/json"),
        ],
        r#"{"created":7}"#,
    ),
    (
        "DELETE",
        "/items/abc",
        422,
        &[
            ("content-length", "152"),
            ("content-type", "application/json"),
        ],
        r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#,
    ),
    (
        "PATCH",
        "/items/7",
        405,
        &[
            ("allow", "GET, HEAD, PUT, DELETE, OPTIONS"),
            ("content-length", "31"),
            ("content-type", "application/json"),
        ],
        r#"{"detail":"Method Not Allowed"}"#,
    ),
    (
        "GET",
        "/nope",
        404,
        &[
            ("content-length", "22"),
            ("content-type", "application/json"),
        ],
        r#"{"detail":"Not Found"}"#,
    ),
];

/// The headers in the order sent, but for `date`, `server` and `connection`.
fn in_order(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .filter(|(k, _)| !matches!(k.as_str(), "date" | "server" | "connection"))
        .collect()
}

fn want_headers(h: &[(&str, &str)]) -> Vec<(String, String)> {
    in_order(h.iter().map(|(k, v)| (k.to_string(), v.to_string())))
}

#[tokio::test]
async fn items_example_through_test_client() {
    let client = brisk::testing::TestClient::new(items_example::app());
    for (method, target, status, headers, body) in SCRIPT {
        let method = http::Method::from_bytes(method.as_bytes()).unwrap();
        let res = client.request(method.clone(), target).send().await;
        assert_eq!(res.status().as_u16(), *status, "{method} {target}");
        assert_eq!(
            in_order(res.header_pairs()),
            want_headers(headers),
            "{method} {target}"
        );
        assert_eq!(res.text(), *body, "{method} {target}");
    }
}

#[tokio::test]
async fn items_example_over_a_socket() {
    let server = Server::start(items_example::app()).await;
    for (method, target, status, headers, body) in SCRIPT {
        let raw = wire::request_bytes(
            &wire::simple_case(method, target),
            &server.addr.to_string(),
            false,
        );
        let res = wire::parse_response(&wire::exchange(server.addr, &raw).await);
        assert_eq!(res.status, *status, "{method} {target}");
        let got: Vec<(String, String)> = res
            .headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
            .collect();
        assert_eq!(in_order(got), want_headers(headers), "{method} {target}");
        assert_eq!(
            String::from_utf8_lossy(&res.body),
            *body,
            "{method} {target}"
        );
    }
    server.stop().await;
}
