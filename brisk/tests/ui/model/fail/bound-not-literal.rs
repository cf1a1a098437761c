// A bound is read at compile time: a literal (possibly negative), not a constant's name.
const MIN: f64 = 0.0;

#[derive(brisk::Model)]
struct Item {
    #[brisk(ge = MIN)]
    price: f64,
}

fn main() {
    let _ = MIN;
}
