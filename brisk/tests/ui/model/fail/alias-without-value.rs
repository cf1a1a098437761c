#[derive(brisk::Model)]
struct Item {
    #[brisk(alias)]
    item_name: String,
}

fn main() {}
