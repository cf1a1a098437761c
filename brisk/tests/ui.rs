//! Compile-time behaviour of the route macros: every accepted form compiles (and builds an
//! app), and every mistake gives one error that says how to fix it. Fixture rules are in
//! `tests/ui/README.md`; bless changed messages with
//! `TRYBUILD=overwrite cargo test -p brisk --test ui`, then read every changed `.stderr`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/*/pass/*.rs");
    t.compile_fail("tests/ui/*/fail/*.rs");
    // `pattern` is a cargo feature: with it, a malformed regex is the error; without it, the
    // one error names the feature (`.ci/run` runs this test both ways).
    if cfg!(feature = "pattern") {
        t.compile_fail("tests/ui/pattern/on/*.rs");
    } else {
        t.compile_fail("tests/ui/pattern/off/*.rs");
    }
}
