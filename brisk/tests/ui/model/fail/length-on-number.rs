#[derive(brisk::Model)]
struct Item {
    name: String,
    #[brisk(max_length = 10)]
    price: Option<f64>,
}

fn main() {}
