#[derive(brisk::Model)]
struct Price(f64);

fn main() {}
