use brisk::HttpError;

struct Item {
    name: String,
}

#[brisk::get("/items/{item_id}")]
async fn get_item(item_id: i64) -> Result<Item, HttpError> {
    Ok(Item {
        name: format!("item {item_id}"),
    })
}

fn main() {}
