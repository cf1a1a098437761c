#[derive(brisk::Model)]
struct Item {
    #[brisk(ge)]
    price: f64,
}

fn main() {}
