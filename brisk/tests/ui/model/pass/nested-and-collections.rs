//! Field types: nested models, `Option`, `Box`, `Vec`, maps, JSON values and unit enums
//! (string choices, renamed as serde renames them); a body of a Model type is validated in a
//! handler and its schema documented.

use std::collections::{BTreeMap, HashMap};

use brisk::error::Errors;
use brisk::testing::TestClient;
use brisk::{json, App, Model, StatusCode, Value};
use serde::Serialize;

#[derive(brisk::Model, Serialize, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Size {
    Small,
    ExtraLarge,
    #[serde(rename = "xs")]
    Tiny,
}

#[derive(brisk::Model, Serialize, Debug)]
struct Tag {
    #[brisk(min_length = 1)]
    name: String,
}

#[derive(brisk::Model, Serialize, Debug)]
struct Item {
    size: Size,
    main_tag: Tag,
    parent: Option<Box<Tag>>,
    tags: Vec<Tag>,
    #[brisk(max_length = 3)]
    sizes: Option<Vec<Size>>,
    stock: BTreeMap<String, u32>,
    labels: HashMap<String, Tag>,
    extra: Value,
}

#[brisk::post("/items")]
async fn create_item(item: Item) -> Item {
    item
}

fn main() {
    let value = json!({
        "size": "extra_large",
        "main_tag": { "name": "pen" },
        "tags": [{ "name": "a" }],
        "sizes": ["xs", "small"],
        "stock": { "paris": 3 },
        "labels": { "en": { "name": "Pen" } },
        "extra": [1, "two"],
    });
    let item = Item::from_json(&value, &mut Vec::new(), &mut Errors::new()).unwrap();
    assert_eq!(item.size, Size::ExtraLarge);
    assert_eq!(item.sizes, Some(vec![Size::Tiny, Size::Small]));
    assert!(item.parent.is_none());
    assert_eq!(item.stock["paris"], 3);

    let bad = json!({
        "size": "medium",
        "main_tag": { "name": "" },
        "parent": null,
        "tags": [{ "name": "a" }, {}],
        "sizes": null,
        "stock": { "paris": -1 },
        "labels": {},
        "extra": null,
    });
    let app = App::new().routes(brisk::routes![create_item]);
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let client = TestClient::new(app);
            let ok = client.post("/items").json(&value).send().await;
            assert_eq!(ok.status(), StatusCode::OK);
            assert_eq!(ok.json::<Value>()["sizes"], json!(["xs", "small"]));

            let res = client.post("/items").json(&bad).send().await;
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let detail = res.json::<Value>()["detail"].clone();
            let got: Vec<(Value, Value)> = detail
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (e["type"].clone(), e["loc"].clone()))
                .collect();
            assert_eq!(
                got,
                [
                    (json!("enum"), json!(["body", "size"])),
                    (
                        json!("string_too_short"),
                        json!(["body", "main_tag", "name"])
                    ),
                    (json!("missing"), json!(["body", "tags", 1, "name"])),
                    (
                        json!("greater_than_equal"),
                        json!(["body", "stock", "paris"])
                    ),
                ]
            );
            assert_eq!(
                detail[0]["msg"],
                "Input should be 'small', 'extra_large' or 'xs'"
            );
        });
}
