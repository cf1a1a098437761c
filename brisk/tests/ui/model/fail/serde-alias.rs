// serde would accept both `item_name` and `itemName`; brisk reads one key per field.
#[derive(brisk::Model)]
struct Item {
    #[serde(alias = "itemName")]
    item_name: String,
}

fn main() {}
