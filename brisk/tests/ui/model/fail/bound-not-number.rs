// A bound is a number literal, not a string.
#[derive(brisk::Model)]
struct Item {
    #[brisk(gt = "0")]
    price: f64,
}

fn main() {}
