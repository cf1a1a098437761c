//! Mistakes in the program that brisk finds when the app is built, not on some later request
//! (guide/path-operations.md, *Path operations*; guide/testing.md, *The client*): two routes
//! for the same method and path, and a handler taking a `State<T>` the app was not given.
//! Each panics with a message that names both routes, or the route and the missing type.

use brisk::testing::TestClient;
use brisk::{App, State, Value};

#[brisk::get("/items")]
async fn list_items() -> Value {
    brisk::json!([])
}

#[brisk::get("/items")]
async fn list_items_again() -> Value {
    brisk::json!([1])
}

#[brisk::post("/items")]
async fn create_item() -> Value {
    brisk::json!({})
}

#[brisk::get("/items/{item_id}")]
async fn read_item(item_id: i64) -> i64 {
    item_id
}

#[brisk::get("/items/{id}")]
async fn read_item_by_id(id: i64) -> i64 {
    id
}

#[brisk::route("/items", methods = ["PUT", "POST"])]
async fn put_or_post_item() -> Value {
    brisk::json!({})
}

#[derive(Clone)]
struct Hits(u64);

#[derive(Clone)]
struct Misses(#[allow(dead_code)] u64);

#[brisk::get("/hits")]
async fn count_hits(State(hits): State<Hits>) -> u64 {
    hits.0
}

#[tokio::test]
#[should_panic(expected = "two routes answer GET /items: `list_items` and `list_items_again`")]
async fn two_routes_for_one_method_and_path_panic_in_the_test_client() {
    let _ = TestClient::new(App::new().routes(brisk::routes![list_items, list_items_again]));
}

#[test]
#[should_panic(expected = "two routes answer GET /items: `list_items` and `list_items_again`")]
fn two_routes_for_one_method_and_path_panic_when_the_app_is_built() {
    let app = App::new()
        .routes(brisk::routes![list_items])
        .routes(brisk::routes![list_items_again]);
    let _ = app.into_service();
}

/// Parameter names do not make two templates different paths.
#[test]
#[should_panic(expected = "two routes answer GET /items/{id}: `read_item` and `read_item_by_id`")]
fn parameter_names_do_not_tell_paths_apart() {
    let _ = App::new()
        .routes(brisk::routes![read_item, read_item_by_id])
        .into_service();
}

/// One method in common is enough.
#[test]
#[should_panic(expected = "two routes answer POST /items: `create_item` and `put_or_post_item`")]
fn a_route_of_several_methods_conflicts_on_the_one_it_shares() {
    let _ = App::new()
        .routes(brisk::routes![list_items, create_item, put_or_post_item])
        .into_service();
}

#[tokio::test]
#[should_panic(
    expected = "route `count_hits` takes `State<build_errors::Hits>`, but the app has no state of that type: add `.state(value)` to the App"
)]
async fn a_missing_state_panics_in_the_test_client() {
    let _ = TestClient::new(App::new().routes(brisk::routes![count_hits]));
}

/// State of another type does not stand in.
#[test]
#[should_panic(
    expected = "route `count_hits` takes `State<build_errors::Hits>`, but the app has no state of that type"
)]
fn state_of_another_type_does_not_count() {
    let _ = App::new()
        .state(Misses(0))
        .routes(brisk::routes![count_hits])
        .into_service();
}

/// Routes that share a path but not a method, and state that is there, build and answer:
/// the panics above are about the mistakes alone.
#[tokio::test]
async fn the_same_routes_without_the_mistakes_build() {
    let client = TestClient::new(App::new().state(Hits(7)).routes(brisk::routes![
        list_items,
        create_item,
        read_item,
        count_hits
    ]));
    let res = client.get("/hits").send().await;
    assert_eq!(
        (res.status().as_u16(), res.header_pairs(), res.text()),
        (
            200,
            vec![
                ("content-length".to_owned(), "1".to_owned()),
                ("content-type".to_owned(), "application/json".to_owned()),
            ],
            "7"
        )
    );
    let res = client.get("/items/3").send().await;
    assert_eq!((res.status().as_u16(), res.text()), (200, "3"));
}
