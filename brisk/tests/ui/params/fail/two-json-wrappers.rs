use brisk::Json;

#[brisk::post("/pairs")]
async fn create_pair(Json(left): Json<Vec<i64>>, Json(right): Json<Vec<i64>>) -> brisk::Value {
    brisk::json!({ "left": left, "right": right })
}

fn main() {}
