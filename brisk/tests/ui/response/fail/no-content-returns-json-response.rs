use brisk::JsonResponse;

#[brisk::delete("/items/{item_id}", status_code = 204)]
async fn delete_item(item_id: i64) -> JsonResponse {
    JsonResponse::new(brisk::json!({ "deleted": item_id }))
}

fn main() {}
