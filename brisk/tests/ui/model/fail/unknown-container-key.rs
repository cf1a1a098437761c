#[derive(brisk::Model)]
#[brisk(rename_al = "camelCase")]
struct Item {
    name: String,
}

fn main() {}
