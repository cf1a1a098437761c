// serde never reads a skipped field, so no key could name it.
#[derive(brisk::Model, serde::Deserialize)]
struct Item {
    name: String,
    #[serde(skip)]
    #[brisk(alias = "cache-key")]
    cache_key: String,
}

fn main() {}
