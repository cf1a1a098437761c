//! Twin of `tools/oracle/apps/params_app.py`: path and query validation (reference §7.1) and
//! `/coerce/{n}` for coercion edge cases.

use brisk::{json, App, Value};

use crate::harness::AppSpec;

/// `item_id: int = Path(gt=0, le=1000)`
#[brisk::get("/p/{item_id}")]
async fn p(#[brisk(gt = 0, le = 1000)] item_id: i64) -> Value {
    json!({ "item_id": item_id })
}

/// `name: str = Query(min_length=3, max_length=5), limit: int = 10`
#[brisk::get("/q")]
async fn q(
    #[brisk(min_length = 3, max_length = 5)] name: String,
    #[brisk(default = 10)] limit: i64,
) -> Value {
    json!({ "name": name, "limit": limit })
}

/// `f: float, b: bool, o: Optional[int] = None`
#[brisk::get("/typed")]
async fn typed(f: f64, b: bool, o: Option<i64>) -> Value {
    json!({ "f": f, "b": b, "o": o })
}

/// `ids: list[int] = Query()`: a `Vec` is a required repeated query parameter.
#[brisk::get("/listq")]
async fn listq(ids: Vec<i64>) -> Value {
    json!({ "ids": ids })
}

/// `item_query: str = Query(alias="item-query", pattern="^[a-z]+$")`
#[brisk::get("/alias")]
async fn alias(#[brisk(alias = "item-query", pattern = "^[a-z]+$")] item_query: String) -> Value {
    json!({ "item_query": item_query })
}

#[brisk::get("/coerce/{n}")]
async fn coerce(
    n: i64,
    f: Option<f64>,
    b: Option<bool>,
    s: Option<String>,
    i: Option<i64>,
) -> Value {
    json!({ "n": n, "f": f, "b": b, "s": s, "i": i })
}

/// A fresh twin.
pub fn app() -> App {
    App::new().routes(brisk::routes![p, q, typed, listq, alias, coerce])
}

pub const SPEC: AppSpec = AppSpec {
    name: "params_app",
    golden: include_str!("../../golden/params_app.json"),
    app,
    skipped: &[],
};
