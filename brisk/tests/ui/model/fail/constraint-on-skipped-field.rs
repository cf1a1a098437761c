// serde never reads a skipped field, so a constraint on it could never be checked.
#[derive(brisk::Model, serde::Deserialize)]
struct Item {
    name: String,
    #[serde(skip)]
    #[brisk(max_length = 10)]
    cache_key: String,
}

fn main() {}
