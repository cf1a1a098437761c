#[derive(brisk::Model)]
struct Empty;

fn main() {}
