#[derive(serde::Deserialize)]
struct Price {
    amount: f64,
}

#[derive(brisk::Model)]
struct Item {
    name: String,
    price: Price,
}

fn main() {}
