//! `#[derive(brisk::Model)]` bodies answer exactly as FastAPI does: `multiple_of` on floats
//! and integers, a list's `max_length` and `lt`, unit enums (string choices),
//! `deny_unknown_fields`, `rename_all` / `rename` / defaults (a field's and the struct's), and
//! values inside maps — happy paths and 422s, each checked for status, headers and body bytes.
//!
//! Every expected answer was produced by FastAPI 0.165.0 / pydantic 2.14.4 (pydantic-core
//! 2.50.5, the pins of `tools/oracle/requirements.txt`) through `fastapi.testclient`, on the
//! Python twin of each model written next to it; FastAPI's headers were exactly
//! `content-length` (the body's length) and `content-type: application/json`.

use std::collections::{BTreeMap, HashMap};

use brisk::testing::TestClient;

use crate::harness::assert_json_answer;
use serde::Serialize;

/// One exchange: the JSON request body, then FastAPI's status and body bytes.
type Case = (&'static str, u16, &'static str);

/// POSTs each case's body to `path` and asserts FastAPI's answer: status, headers (exactly
/// `content-length` and `content-type: application/json`, in order), body bytes.
async fn assert_answers(app: brisk::App, path: &str, cases: &[Case]) {
    let client = TestClient::new(app);
    for &(request, status, body) in cases {
        let res = client
            .post(path)
            .header("content-type", "application/json")
            .body(request)
            .send()
            .await;
        assert_json_answer(&res, status, body, &format!("POST {path} {request}"));
    }
}

// (a) `multiple_of`. The Python twin:
//
//     class Price(BaseModel):
//         price: float = Field(multiple_of=0.1)
//         qty: int = Field(default=3, multiple_of=3)
//         step: float = Field(default=0.0, multiple_of=5)
#[derive(brisk::Model, Serialize)]
struct Price {
    #[brisk(multiple_of = 0.1)]
    price: f64,
    #[brisk(default = 3, multiple_of = 3)]
    qty: i64,
    #[brisk(default = 0.0, multiple_of = 5)]
    step: f64,
}

#[brisk::post("/prices")]
async fn prices(p: Price) -> Price {
    p
}

/// FastAPI 0.165.0 / pydantic 2.14.4 answers. pydantic-core accepts a float within 1e-9 of
/// the nearest multiple: 0.3, 0.7 and -0.3 for 0.1 (their quotients by 0.1 are not whole in
/// floating point), but not 100000000.1, whose nearest multiple computes 1.5e-8 away, nor
/// 5.000000004 for 5 (the tolerance is absolute, not relative to the quotient). Integers are
/// checked exactly: 2^53 + 1 is a multiple of 3, `i64::MAX` is not (as an `f64`, it would
/// be). A float field reports an integer `multiple_of` as a float in `ctx` (`5.0`) but as
/// written in `msg`.
const MULTIPLE_OF: &[Case] = &[
    (
        r#"{"price": 0.3}"#,
        200,
        r#"{"price":0.3,"qty":3,"step":0.0}"#,
    ),
    (
        r#"{"price": -0.3, "qty": -9, "step": -15}"#,
        200,
        r#"{"price":-0.3,"qty":-9,"step":-15.0}"#,
    ),
    (
        r#"{"price": 0.7, "qty": 6.0, "step": 10}"#,
        200,
        r#"{"price":0.7,"qty":6,"step":10.0}"#,
    ),
    (
        r#"{"price": "0.3"}"#,
        200,
        r#"{"price":0.3,"qty":3,"step":0.0}"#,
    ),
    (
        r#"{"price": 0.30000000001}"#,
        200,
        r#"{"price":0.30000000001,"qty":3,"step":0.0}"#,
    ),
    (
        r#"{"price": 0}"#,
        200,
        r#"{"price":0.0,"qty":3,"step":0.0}"#,
    ),
    (
        r#"{"price": 0.35}"#,
        422,
        r#"{"detail":[{"type":"multiple_of","loc":["body","price"],"msg":"Input should be a multiple of 0.1","input":0.35,"ctx":{"multiple_of":0.1}}]}"#,
    ),
    (
        r#"{"price": -0.35}"#,
        422,
        r#"{"detail":[{"type":"multiple_of","loc":["body","price"],"msg":"Input should be a multiple of 0.1","input":-0.35,"ctx":{"multiple_of":0.1}}]}"#,
    ),
    (
        r#"{"price": 100000000.1}"#,
        422,
        r#"{"detail":[{"type":"multiple_of","loc":["body","price"],"msg":"Input should be a multiple of 0.1","input":100000000.1,"ctx":{"multiple_of":0.1}}]}"#,
    ),
    (
        r#"{"price": 0.3, "qty": 7}"#,
        422,
        r#"{"detail":[{"type":"multiple_of","loc":["body","qty"],"msg":"Input should be a multiple of 3","input":7,"ctx":{"multiple_of":3}}]}"#,
    ),
    (
        r#"{"price": 0.3, "qty": -7}"#,
        422,
        r#"{"detail":[{"type":"multiple_of","loc":["body","qty"],"msg":"Input should be a multiple of 3","input":-7,"ctx":{"multiple_of":3}}]}"#,
    ),
    (
        r#"{"price": 0.3, "qty": 9007199254740993}"#,
        200,
        r#"{"price":0.3,"qty":9007199254740993,"step":0.0}"#,
    ),
    (
        r#"{"price": 0.7, "qty": 9223372036854775807}"#,
        422,
        r#"{"detail":[{"type":"multiple_of","loc":["body","qty"],"msg":"Input should be a multiple of 3","input":9223372036854775807,"ctx":{"multiple_of":3}}]}"#,
    ),
    (
        r#"{"price": 0.3, "step": 7.5}"#,
        422,
        r#"{"detail":[{"type":"multiple_of","loc":["body","step"],"msg":"Input should be a multiple of 5","input":7.5,"ctx":{"multiple_of":5.0}}]}"#,
    ),
    (
        r#"{"price": 0.3, "step": 5.000000004}"#,
        422,
        r#"{"detail":[{"type":"multiple_of","loc":["body","step"],"msg":"Input should be a multiple of 5","input":5.000000004,"ctx":{"multiple_of":5.0}}]}"#,
    ),
    (
        r#"{"price": 0.35, "qty": 7, "step": 2}"#,
        422,
        r#"{"detail":[{"type":"multiple_of","loc":["body","price"],"msg":"Input should be a multiple of 0.1","input":0.35,"ctx":{"multiple_of":0.1}},{"type":"multiple_of","loc":["body","qty"],"msg":"Input should be a multiple of 3","input":7,"ctx":{"multiple_of":3}},{"type":"multiple_of","loc":["body","step"],"msg":"Input should be a multiple of 5","input":2,"ctx":{"multiple_of":5.0}}]}"#,
    ),
];

#[tokio::test]
async fn multiple_of_answers_like_pydantic() {
    let app = brisk::App::new().routes(brisk::routes![prices]);
    assert_answers(app, "/prices", MULTIPLE_OF).await;
}

// (b) A list's `min_length` / `max_length` (`too_short`, `too_long`) and `lt`:
//
//     class Bounded(BaseModel):
//         tags: list[str] = Field(min_length=1, max_length=2)
//         score: float = Field(lt=10)
//         level: int = Field(default=0, lt=5)
//         ratio: float = Field(default=0.0, lt=0.5)
#[derive(brisk::Model, Serialize)]
struct Bounded {
    #[brisk(min_length = 1, max_length = 2)]
    tags: Vec<String>,
    #[brisk(lt = 10)]
    score: f64,
    #[brisk(default, lt = 5)]
    level: i32,
    #[brisk(default, lt = 0.5)]
    ratio: f64,
}

#[brisk::post("/bounded")]
async fn bounded(b: Bounded) -> Bounded {
    b
}

/// FastAPI 0.165.0 / pydantic 2.14.4 answers. A list past its `max_length` is one
/// `too_long`, whatever its items: pydantic counts the items as it validates them and stops
/// there, dropping their errors (`[1, 2, 3]`); within the length, the items' errors come and
/// `min_length` waits for them (`[1, "b"]`).
const LISTS_AND_LT: &[Case] = &[
    (
        r#"{"tags": ["a", "b"], "score": 9.5}"#,
        200,
        r#"{"tags":["a","b"],"score":9.5,"level":0,"ratio":0.0}"#,
    ),
    (
        r#"{"tags": ["a"], "score": -1e300, "level": 4, "ratio": 0.25}"#,
        200,
        r#"{"tags":["a"],"score":-1e+300,"level":4,"ratio":0.25}"#,
    ),
    (
        r#"{"tags": ["a", "b", "c"], "score": 10}"#,
        422,
        r#"{"detail":[{"type":"too_long","loc":["body","tags"],"msg":"List should have at most 2 items after validation, not 3","input":["a","b","c"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}},{"type":"less_than","loc":["body","score"],"msg":"Input should be less than 10","input":10,"ctx":{"lt":10.0}}]}"#,
    ),
    (
        r#"{"tags": [], "score": 10.5, "level": 5, "ratio": 0.5}"#,
        422,
        r#"{"detail":[{"type":"too_short","loc":["body","tags"],"msg":"List should have at least 1 item after validation, not 0","input":[],"ctx":{"field_type":"List","min_length":1,"actual_length":0}},{"type":"less_than","loc":["body","score"],"msg":"Input should be less than 10","input":10.5,"ctx":{"lt":10.0}},{"type":"less_than","loc":["body","level"],"msg":"Input should be less than 5","input":5,"ctx":{"lt":5}},{"type":"less_than","loc":["body","ratio"],"msg":"Input should be less than 0.5","input":0.5,"ctx":{"lt":0.5}}]}"#,
    ),
    (
        r#"{"tags": ["a", 1, "b"], "score": "x", "level": 4, "ratio": 0.25}"#,
        422,
        r#"{"detail":[{"type":"too_long","loc":["body","tags"],"msg":"List should have at most 2 items after validation, not 3","input":["a",1,"b"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}},{"type":"float_parsing","loc":["body","score"],"msg":"Input should be a valid number, unable to parse string as a number","input":"x"}]}"#,
    ),
    (
        r#"{"tags": [1, 2, 3], "score": 1}"#,
        422,
        r#"{"detail":[{"type":"too_long","loc":["body","tags"],"msg":"List should have at most 2 items after validation, not 3","input":[1,2,3],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]}"#,
    ),
    (
        r#"{"tags": [1, "b"], "score": 1}"#,
        422,
        r#"{"detail":[{"type":"string_type","loc":["body","tags",0],"msg":"Input should be a valid string","input":1}]}"#,
    ),
    (
        r#"{"tags": "a", "score": 1}"#,
        422,
        r#"{"detail":[{"type":"list_type","loc":["body","tags"],"msg":"Input should be a valid list","input":"a"}]}"#,
    ),
];

#[tokio::test]
async fn list_lengths_and_lt_answer_like_pydantic() {
    let app = brisk::App::new().routes(brisk::routes![bounded]);
    assert_answers(app, "/bounded", LISTS_AND_LT).await;
}

// (c) Unit enums, string choices:
//
//     class Size(str, Enum):
//         a = "a"; b = "b"; c = "c"
//     class Fit(str, Enum):
//         slim_fit = "slim-fit"; regular_fit = "regular-fit"
//     class Shirt(BaseModel):
//         size: Size
//         fit: Fit = Fit.regular_fit
//         extra_sizes: list[Size] = []
#[derive(brisk::Model, Serialize)]
#[serde(rename_all = "lowercase")]
enum Size {
    A,
    B,
    C,
}

#[derive(brisk::Model, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Fit {
    SlimFit,
    RegularFit,
}

#[derive(brisk::Model, Serialize)]
struct Shirt {
    size: Size,
    #[brisk(default = Fit::RegularFit)]
    fit: Fit,
    #[brisk(default)]
    extra_sizes: Vec<Size>,
}

#[brisk::post("/shirts")]
async fn shirts(s: Shirt) -> Shirt {
    s
}

/// FastAPI 0.165.0 / pydantic 2.14.4 answers: every input that is not one of the values —
/// another string, another case, a number, `null` — is the same `enum` error.
const ENUMS: &[Case] = &[
    (
        r#"{"size": "a"}"#,
        200,
        r#"{"size":"a","fit":"regular-fit","extra_sizes":[]}"#,
    ),
    (
        r#"{"size": "c", "fit": "slim-fit", "extra_sizes": ["a", "b"]}"#,
        200,
        r#"{"size":"c","fit":"slim-fit","extra_sizes":["a","b"]}"#,
    ),
    (
        r#"{"size": "d"}"#,
        422,
        r#"{"detail":[{"type":"enum","loc":["body","size"],"msg":"Input should be 'a', 'b' or 'c'","input":"d","ctx":{"expected":"'a', 'b' or 'c'"}}]}"#,
    ),
    (
        r#"{"size": "A"}"#,
        422,
        r#"{"detail":[{"type":"enum","loc":["body","size"],"msg":"Input should be 'a', 'b' or 'c'","input":"A","ctx":{"expected":"'a', 'b' or 'c'"}}]}"#,
    ),
    (
        r#"{"size": null}"#,
        422,
        r#"{"detail":[{"type":"enum","loc":["body","size"],"msg":"Input should be 'a', 'b' or 'c'","input":null,"ctx":{"expected":"'a', 'b' or 'c'"}}]}"#,
    ),
    (
        r#"{"size": 1, "fit": "slim_fit", "extra_sizes": ["a", "x", null]}"#,
        422,
        r#"{"detail":[{"type":"enum","loc":["body","size"],"msg":"Input should be 'a', 'b' or 'c'","input":1,"ctx":{"expected":"'a', 'b' or 'c'"}},{"type":"enum","loc":["body","fit"],"msg":"Input should be 'slim-fit' or 'regular-fit'","input":"slim_fit","ctx":{"expected":"'slim-fit' or 'regular-fit'"}},{"type":"enum","loc":["body","extra_sizes",1],"msg":"Input should be 'a', 'b' or 'c'","input":"x","ctx":{"expected":"'a', 'b' or 'c'"}},{"type":"enum","loc":["body","extra_sizes",2],"msg":"Input should be 'a', 'b' or 'c'","input":null,"ctx":{"expected":"'a', 'b' or 'c'"}}]}"#,
    ),
    (
        r#"{}"#,
        422,
        r#"{"detail":[{"type":"missing","loc":["body","size"],"msg":"Field required","input":{}}]}"#,
    ),
];

#[tokio::test]
async fn enum_choices_answer_like_pydantic() {
    let app = brisk::App::new().routes(brisk::routes![shirts]);
    assert_answers(app, "/shirts", ENUMS).await;
}

// (d) `deny_unknown_fields`:
//
//     class Strict(BaseModel):
//         model_config = ConfigDict(extra="forbid")
//         name: str
//         qty: int = 1
#[derive(brisk::Model, Serialize)]
#[serde(deny_unknown_fields)]
struct Strict {
    name: String,
    #[serde(default = "one")]
    qty: i64,
}

fn one() -> i64 {
    1
}

#[brisk::post("/strict")]
async fn strict(s: Strict) -> Strict {
    s
}

/// FastAPI 0.165.0 / pydantic 2.14.4 answers: the fields' errors first, then one
/// `extra_forbidden` per unknown key, in the request's order (keys are case-sensitive).
const FORBID_EXTRA: &[Case] = &[
    (r#"{"name": "Pen"}"#, 200, r#"{"name":"Pen","qty":1}"#),
    (
        r#"{"name": "Pen", "color": "red", "qty": 2, "size": [1]}"#,
        422,
        r#"{"detail":[{"type":"extra_forbidden","loc":["body","color"],"msg":"Extra inputs are not permitted","input":"red"},{"type":"extra_forbidden","loc":["body","size"],"msg":"Extra inputs are not permitted","input":[1]}]}"#,
    ),
    (
        r#"{"color": "red", "qty": "x"}"#,
        422,
        r#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{"color":"red","qty":"x"}},{"type":"int_parsing","loc":["body","qty"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"extra_forbidden","loc":["body","color"],"msg":"Extra inputs are not permitted","input":"red"}]}"#,
    ),
    (
        r#"{"qty": 1, "name": "x", "Name": "y"}"#,
        422,
        r#"{"detail":[{"type":"extra_forbidden","loc":["body","Name"],"msg":"Extra inputs are not permitted","input":"y"}]}"#,
    ),
];

#[tokio::test]
async fn unknown_fields_answer_like_pydantic() {
    let app = brisk::App::new().routes(brisk::routes![strict]);
    assert_answers(app, "/strict", FORBID_EXTRA).await;
}

// (e) `rename_all`, `rename` over it, and defaults: `#[serde(default)]`,
// `#[brisk(default = ..)]`, `#[serde(default = "path")]`, `Option`:
//
//     class Profile(BaseModel):
//         first_name: str = Field(alias="firstName")
//         nick_names: list[str] = Field(default=[], alias="nickNames")
//         age_years: int = Field(default=18, ge=0, alias="ageYears")
//         preferred_lang: str = Field(default_factory=default_lang, alias="preferredLang")
//         home_url: str | None = Field(default=None, alias="homeURL")
#[derive(brisk::Model, Serialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    first_name: String,
    #[serde(default)]
    nick_names: Vec<String>,
    #[brisk(default = 18, ge = 0)]
    age_years: i64,
    #[serde(default = "default_lang")]
    preferred_lang: String,
    #[serde(rename = "homeURL")]
    home_url: Option<String>,
}

fn default_lang() -> String {
    "en".to_owned()
}

#[brisk::post("/profiles")]
async fn profiles(p: Profile) -> Profile {
    p
}

/// FastAPI 0.165.0 / pydantic 2.14.4 answers: errors and answers name the renamed keys; the
/// Rust name (`first_name`) is an unknown key, ignored.
const RENAMES_AND_DEFAULTS: &[Case] = &[
    (
        r#"{"firstName": "Ada"}"#,
        200,
        r#"{"firstName":"Ada","nickNames":[],"ageYears":18,"preferredLang":"en","homeURL":null}"#,
    ),
    (
        r#"{"firstName": "Ada", "nickNames": ["A"], "ageYears": 36, "preferredLang": "fr", "homeURL": "https://a.example"}"#,
        200,
        r#"{"firstName":"Ada","nickNames":["A"],"ageYears":36,"preferredLang":"fr","homeURL":"https://a.example"}"#,
    ),
    (
        r#"{"first_name": "Ada", "ageYears": -1, "nickNames": "A"}"#,
        422,
        r#"{"detail":[{"type":"missing","loc":["body","firstName"],"msg":"Field required","input":{"first_name":"Ada","ageYears":-1,"nickNames":"A"}},{"type":"list_type","loc":["body","nickNames"],"msg":"Input should be a valid list","input":"A"},{"type":"greater_than_equal","loc":["body","ageYears"],"msg":"Input should be greater than or equal to 0","input":-1,"ctx":{"ge":0}}]}"#,
    ),
    (
        r#"{"firstName": 1, "preferredLang": null, "homeURL": null}"#,
        422,
        r#"{"detail":[{"type":"string_type","loc":["body","firstName"],"msg":"Input should be a valid string","input":1},{"type":"string_type","loc":["body","preferredLang"],"msg":"Input should be a valid string","input":null}]}"#,
    ),
];

#[tokio::test]
async fn renames_and_defaults_answer_like_pydantic() {
    let app = brisk::App::new().routes(brisk::routes![profiles]);
    assert_answers(app, "/profiles", RENAMES_AND_DEFAULTS).await;
}

// (e) `#[serde(default)]` on the struct: every missing field from `Default::default()`:
//
//     class Settings(BaseModel):
//         theme: str = "dark"
//         font_size: int = Field(default=12, ge=6)
//         labels: list[str] = ["x"]
#[derive(brisk::Model, Serialize)]
#[serde(default)]
struct Settings {
    theme: String,
    #[brisk(ge = 6)]
    font_size: u32,
    labels: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: "dark".to_owned(),
            font_size: 12,
            labels: vec!["x".to_owned()],
        }
    }
}

#[brisk::post("/settings")]
async fn settings(s: Settings) -> Settings {
    s
}

/// FastAPI 0.165.0 / pydantic 2.14.4 answers: a present field is still validated (`null` is
/// not a string).
const STRUCT_DEFAULT: &[Case] = &[
    (
        r#"{}"#,
        200,
        r#"{"theme":"dark","font_size":12,"labels":["x"]}"#,
    ),
    (
        r#"{"labels": [], "theme": "light"}"#,
        200,
        r#"{"theme":"light","font_size":12,"labels":[]}"#,
    ),
    (
        r#"{"theme": null, "font_size": 3}"#,
        422,
        r#"{"detail":[{"type":"string_type","loc":["body","theme"],"msg":"Input should be a valid string","input":null},{"type":"greater_than_equal","loc":["body","font_size"],"msg":"Input should be greater than or equal to 6","input":3,"ctx":{"ge":6}}]}"#,
    ),
];

#[tokio::test]
async fn struct_default_answers_like_pydantic() {
    let app = brisk::App::new().routes(brisk::routes![settings]);
    assert_answers(app, "/settings", STRUCT_DEFAULT).await;
}

// (e) Validation inside maps:
//
//     class Item(BaseModel):
//         name: str = Field(min_length=1)
//         price: float = Field(gt=0)
//     class Inventory(BaseModel):
//         stock: dict[str, Annotated[int, Field(ge=0)]]
//         items: dict[str, Item] = {}
//         sizes: dict[str, Size] = {}
#[derive(brisk::Model, Serialize)]
struct Item {
    #[brisk(min_length = 1)]
    name: String,
    #[brisk(gt = 0)]
    price: f64,
}

#[derive(brisk::Model, Serialize)]
struct Inventory {
    // `u32`: its range is pydantic's `ge=0`, with the same error.
    stock: BTreeMap<String, u32>,
    #[brisk(default)]
    items: HashMap<String, Item>,
    #[brisk(default)]
    sizes: BTreeMap<String, Size>,
}

#[brisk::post("/inventory")]
async fn inventory(i: Inventory) -> Inventory {
    i
}

/// FastAPI 0.165.0 / pydantic 2.14.4 answers: each value is validated at `loc` ending in its
/// key, in the request's order. The accepted bodies list their keys in sorted order and
/// `items` has one key: brisk answers a `BTreeMap` in key order and a `HashMap` in no
/// particular order (see `maps_answer_in_rust_order`).
const MAPS: &[Case] = &[
    (
        r#"{"stock": {"apple": 3, "pear": 0}}"#,
        200,
        r#"{"stock":{"apple":3,"pear":0},"items":{},"sizes":{}}"#,
    ),
    (
        r#"{"stock": {"apple": 2, "fig": 1}, "items": {"pen": {"name": "Pen", "price": 1.5}}, "sizes": {"m": "b", "s": "a"}}"#,
        200,
        r#"{"stock":{"apple":2,"fig":1},"items":{"pen":{"name":"Pen","price":1.5}},"sizes":{"m":"b","s":"a"}}"#,
    ),
    (
        r#"{"stock": {"apple": -1, "pear": "x", "fig": 2.5}, "items": {"pen": {"name": "", "price": 0}, "cup": {"name": "Cup"}}, "sizes": {"s": "a", "m": "m"}}"#,
        422,
        r#"{"detail":[{"type":"greater_than_equal","loc":["body","stock","apple"],"msg":"Input should be greater than or equal to 0","input":-1,"ctx":{"ge":0}},{"type":"int_parsing","loc":["body","stock","pear"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"int_from_float","loc":["body","stock","fig"],"msg":"Input should be a valid integer, got a number with a fractional part","input":2.5},{"type":"string_too_short","loc":["body","items","pen","name"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}},{"type":"greater_than","loc":["body","items","pen","price"],"msg":"Input should be greater than 0","input":0,"ctx":{"gt":0.0}},{"type":"missing","loc":["body","items","cup","price"],"msg":"Field required","input":{"name":"Cup"}},{"type":"enum","loc":["body","sizes","m"],"msg":"Input should be 'a', 'b' or 'c'","input":"m","ctx":{"expected":"'a', 'b' or 'c'"}}]}"#,
    ),
    (
        r#"{"stock": [1], "items": {"pen": "x"}, "sizes": 1}"#,
        422,
        r#"{"detail":[{"type":"dict_type","loc":["body","stock"],"msg":"Input should be a valid dictionary","input":[1]},{"type":"model_attributes_type","loc":["body","items","pen"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"x"},{"type":"dict_type","loc":["body","sizes"],"msg":"Input should be a valid dictionary","input":1}]}"#,
    ),
    (
        r#"{}"#,
        422,
        r#"{"detail":[{"type":"missing","loc":["body","stock"],"msg":"Field required","input":{}}]}"#,
    ),
];

#[tokio::test]
async fn maps_answer_like_pydantic() {
    let app = brisk::App::new().routes(brisk::routes![inventory]);
    assert_answers(app, "/inventory", MAPS).await;
}

/// A deliberate difference (docs/guide/validation.md, "Bodies"): a Rust map does not keep the
/// request's key order, so a map answered back is in the map type's order. FastAPI
/// 0.165.0 / pydantic 2.14.4 answers the request's order,
/// `{"stock":{"pear":1,"apple":2},"items":{},"sizes":{}}`; brisk's `BTreeMap` answers
/// its keys sorted.
#[tokio::test]
async fn maps_answer_in_rust_order() {
    let app = brisk::App::new().routes(brisk::routes![inventory]);
    let cases: &[Case] = &[(
        r#"{"stock": {"pear": 1, "apple": 2}}"#,
        200,
        r#"{"stock":{"apple":2,"pear":1},"items":{},"sizes":{}}"#,
    )];
    assert_answers(app, "/inventory", cases).await;
}
