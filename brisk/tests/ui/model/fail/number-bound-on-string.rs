#[derive(brisk::Model)]
struct Item {
    #[brisk(min_length = 1, gt = 0)]
    name: String,
}

fn main() {}
