#[derive(brisk::Model)]
enum Shape {
    Square,
    Circle { radius: f64 },
}

fn main() {
    let _ = (Shape::Square, Shape::Circle { radius: 1.0 });
}
