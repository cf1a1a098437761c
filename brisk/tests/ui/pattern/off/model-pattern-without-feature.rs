// brisk without its `pattern` feature: a Model field's pattern names the feature too.
#[derive(brisk::Model)]
struct Item {
    #[brisk(pattern = "^[a-z]+$")]
    code: String,
}

fn main() {}
