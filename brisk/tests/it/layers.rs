//! Apps wrapped in tower layers through `App::layer`: they still answer the golden cases, and
//! brisk's final stage, which runs outside every layer, still strips a body a layer puts on a
//! 204.

use brisk::testing::TestClient;
use brisk::{App, Body};
use http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use tokio::io::AsyncWriteExt;
use tower::util::MapResponseLayer;
use tower_http::trace::TraceLayer;

use crate::apps::{edge_app, seed_app};
use crate::harness::{replay, Server, Transport};
use crate::wire::{self, IO_TIMEOUT};

fn traced_seed_app() -> App {
    seed_app::app().layer(TraceLayer::new_for_http())
}

#[tokio::test]
async fn trace_layer_keeps_the_seed_answers_over_test_client() {
    let summary = replay(&seed_app::SPEC, traced_seed_app(), Transport::TestClient).await;
    assert!(summary.replayed > 0);
    let client = TestClient::new(traced_seed_app());
    let res = client.delete("/items/5").send().await;
    assert_eq!(res.status(), 204);
    assert!(res.headers().is_empty(), "{:?}", res.headers());
    assert!(res.bytes().is_empty());
}

#[tokio::test]
async fn trace_layer_keeps_the_seed_answers_over_the_socket() {
    let summary = replay(&seed_app::SPEC, traced_seed_app(), Transport::Socket).await;
    assert!(summary.replayed > 0);
}

/// A layer that does what brisk forbids handlers to do: puts a body (and its headers) on
/// every 204.
fn body_on_204() -> MapResponseLayer<fn(http::Response<Body>) -> http::Response<Body>> {
    fn add_body(mut res: http::Response<Body>) -> http::Response<Body> {
        if res.status() == 204 {
            *res.body_mut() = Body::from("sneaky body");
            let headers = res.headers_mut();
            headers.insert(CONTENT_LENGTH, HeaderValue::from_static("11"));
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        }
        res
    }
    MapResponseLayer::new(add_body)
}

#[tokio::test]
async fn a_body_added_to_a_204_by_a_layer_is_stripped_in_test_client() {
    let client = TestClient::new(edge_app::app().layer(body_on_204()));
    for target in ["/d204/none", "/d204/resp", "/d204/resp-body"] {
        let res = client.delete(target).send().await;
        assert_eq!(res.status(), 204, "{target}");
        assert!(res.headers().is_empty(), "{target}: {:?}", res.headers());
        assert!(res.bytes().is_empty(), "{target}: {:?}", res.bytes());
    }
    let res = client.get("/plain").send().await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text(), "hello world");
}

#[tokio::test]
async fn a_body_added_to_a_204_by_a_layer_is_stripped_on_the_wire() {
    let server = Server::start(edge_app::app().layer(body_on_204())).await;
    let addr = server.addr.to_string();
    // One keep-alive connection: a leaked body would be read as the next response's head.
    let mut stream = wire::connect(server.addr).await;
    for (method, target) in [
        ("DELETE", "/d204/none"),
        ("DELETE", "/d204/resp-body"),
        ("GET", "/plain"),
    ] {
        let raw = wire::request_bytes(&wire::simple_case(method, target), &addr, true);
        tokio::time::timeout(IO_TIMEOUT, stream.write_all(&raw))
            .await
            .expect("write timed out")
            .expect("write failed");
        let res = wire::read_one_response(&mut stream, false).await;
        if method == "DELETE" {
            assert_eq!(res.status, 204, "{target}");
            assert!(
                res.headers
                    .iter()
                    .all(|(n, _)| n.eq_ignore_ascii_case("date")),
                "{target}: {:?}",
                res.headers
            );
        } else {
            assert_eq!(res.status, 200);
            assert_eq!(res.body, b"hello world");
        }
        assert!(
            !wire::closed_within(&mut stream, std::time::Duration::from_millis(100)).await,
            "{target}: the connection was closed"
        );
    }
    drop(stream);
    server.stop().await;
}
