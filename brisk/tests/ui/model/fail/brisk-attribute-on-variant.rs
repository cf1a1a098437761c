#[derive(brisk::Model)]
enum Size {
    #[brisk(alias = "s")]
    Small,
    Large,
}

fn main() {
    let _ = (Size::Small, Size::Large);
}
