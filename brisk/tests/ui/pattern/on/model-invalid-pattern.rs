#[derive(brisk::Model)]
struct Item {
    #[brisk(pattern = "^[a-z+$")]
    code: String,
}

fn main() {}
