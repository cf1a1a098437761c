use brisk::State;

struct Db;

impl Db {
    fn count(&self) -> usize {
        0
    }
}

#[brisk::get("/items")]
async fn count_items(State(db): State<Db>) -> usize {
    db.count()
}

fn main() {}
