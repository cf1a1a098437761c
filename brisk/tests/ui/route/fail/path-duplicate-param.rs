#[brisk::get("/items/{x}/parts/{x}")]
async fn get_part(x: i64) {
    let _ = x;
}

fn main() {}
