// A pattern constrains text; a number has none to match.
#[derive(brisk::Model)]
struct Item {
    #[brisk(pattern = "^[0-9]+$")]
    price: f64,
}

fn main() {}
