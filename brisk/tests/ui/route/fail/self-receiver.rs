struct Items;

impl Items {
    #[brisk::get("/items")]
    async fn list_items(&self) {}
}

fn main() {}
