#[brisk::get("/items")]
struct ListItems;

fn main() {}
