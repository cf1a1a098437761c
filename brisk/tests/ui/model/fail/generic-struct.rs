#[derive(brisk::Model)]
struct Page<T> {
    items: Vec<T>,
}

fn main() {}
