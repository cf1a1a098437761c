#[derive(brisk::Model)]
struct Item {
    #[brisk(le = 100)]
    #[brisk(le = 10)]
    quantity: u32,
}

fn main() {}
