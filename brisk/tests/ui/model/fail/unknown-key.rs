#[derive(brisk::Model)]
struct Item {
    #[brisk(max_len = 50)]
    name: String,
}

fn main() {}
