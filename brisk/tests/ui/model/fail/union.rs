#[derive(brisk::Model)]
union Number {
    int: i64,
    float: f64,
}

fn main() {}
