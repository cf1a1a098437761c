//! The attribute leaves the function as written: callable, with its attributes and
//! visibility, next to a struct of the same name that is the route.

/// Says hello.
#[brisk::get("/hello/{name}")]
#[allow(clippy::needless_pass_by_value)]
pub async fn hello(name: String) -> String {
    format!("hello {name}")
}

fn main() {
    let fut = hello("ada".to_owned());
    drop(fut);
    let _route: brisk::Route = <hello as brisk::Endpoint>::ROUTE;
}
