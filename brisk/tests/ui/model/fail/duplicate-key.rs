#[derive(brisk::Model)]
struct Item {
    #[brisk(min_length = 1, min_length = 2)]
    name: String,
}

fn main() {}
