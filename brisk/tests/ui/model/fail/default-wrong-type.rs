#[derive(brisk::Model)]
struct Item {
    #[brisk(default = 1)]
    price: f64,
}

fn main() {}
