use brisk::App;
use serde::Serialize;

#[derive(brisk::Model, Serialize)]
struct Item {
    #[brisk(min_length = 1, max_length = 50)]
    name: String,
    #[brisk(gt = 0)]
    price: f64,
    #[brisk(default)]
    tags: Vec<String>,
    description: Option<String>,
}

#[brisk::post("/items", status_code = 201)]
async fn create_item(item: Item) -> Item {
    item
}

pub fn app() -> App {
    App::new().routes(brisk::routes![create_item])
}
