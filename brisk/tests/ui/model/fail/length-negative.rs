#[derive(brisk::Model)]
struct Item {
    #[brisk(max_length = -1)]
    tags: Vec<String>,
}

fn main() {}
