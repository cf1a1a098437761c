#[brisk::get("/files/{*rest}/raw")]
async fn get_file(rest: String) {
    let _ = rest;
}

fn main() {}
