#[derive(brisk::Model)]
struct Price {
    amount: f64,
}

#[derive(brisk::Model)]
struct Item {
    name: String,
    #[brisk(min_length = 1)]
    price: Price,
}

fn main() {}
