// Whether or not the `pattern` feature is on, the regex is a string literal.
#[derive(brisk::Model)]
struct Item {
    #[brisk(pattern = 42)]
    code: String,
}

fn main() {}
