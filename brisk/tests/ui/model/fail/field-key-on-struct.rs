#[derive(brisk::Model)]
#[brisk(min_length = 1)]
struct Item {
    name: String,
}

fn main() {}
