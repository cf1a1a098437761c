#[derive(brisk::Model)]
struct Item {
    #[brisk(alias = itemName)]
    item_name: String,
}

fn main() {}
