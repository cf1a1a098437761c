use brisk::status;

#[brisk::delete("/items/{item_id}", status_code = status::HTTP_204_NO_CONTENT)]
async fn delete_item(item_id: i64) -> String {
    format!("deleted {item_id}")
}

fn main() {}
