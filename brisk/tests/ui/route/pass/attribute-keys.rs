//! Every optional key of the route attribute, and doc comments.

/// Lists the items.
///
/// Newest first.
#[brisk::get(
    "/items",
    summary = "List items",
    description = "All the items, newest first.",
    tags = ["items", "catalog"],
    deprecated = true,
    operation_id = "list_all_items",
    include_in_schema = false,
    body_limit = 1024,
)]
async fn list_items() -> brisk::Value {
    brisk::json!([])
}

/// Creates an item.
#[brisk::post("/items", status_code = 201, tags = [], deprecated = false, include_in_schema = true)]
async fn create_item() -> brisk::Value {
    brisk::json!({})
}

fn main() {
    let [list, create] = brisk::routes![list_items, create_item];
    let spec = list.spec();
    assert_eq!(spec.name, "list_items");
    assert_eq!(spec.doc, "Lists the items.\n\nNewest first.");
    assert_eq!(spec.summary, Some("List items"));
    assert_eq!(spec.description, Some("All the items, newest first."));
    assert_eq!(spec.tags, ["items", "catalog"]);
    assert!(spec.deprecated);
    assert_eq!(spec.operation_id, Some("list_all_items"));
    assert!(!spec.include_in_schema);
    assert_eq!(spec.body_limit, Some(1024));

    let spec = create.spec();
    assert_eq!(spec.doc, "Creates an item.");
    assert_eq!(spec.summary, None);
    assert!(spec.tags.is_empty());
    assert!(!spec.deprecated);
    assert!(spec.include_in_schema);
    assert_eq!(spec.body_limit, None);
    let _ = brisk::App::new().routes([list, create]).into_service();
}
