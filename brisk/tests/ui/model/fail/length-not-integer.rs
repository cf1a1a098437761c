#[derive(brisk::Model)]
struct Item {
    #[brisk(min_length = "1")]
    name: String,
}

fn main() {}
