// serde fills a skipped field itself and never reads `#[brisk(...)]`: a brisk default there
// would make brisk and `serde_json` build the struct differently.
#[derive(brisk::Model, serde::Deserialize)]
struct Item {
    name: String,
    #[serde(skip)]
    #[brisk(default = 7)]
    retries: u32,
}

fn main() {}
