//! `#[brisk(pattern = ...)]` is compiled by brisk-macros into a Thompson NFA and run with
//! regex-automata's PikeVM; this checks it answers exactly as `regex::Regex::is_match` on the
//! same pattern (what pydantic-core uses too): fixed tricky inputs, then random strings over an
//! alphabet of ASCII, Latin-1, Greek, CJK, astral characters and line breaks.

use brisk::model::{check_str, pattern, Constraints};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

/// A `Constraints` with only a pattern, as `#[brisk(pattern = ...)]` generates it.
macro_rules! only {
    ($p:literal) => {
        Constraints {
            min_length: None,
            max_length: None,
            pattern: Some(pattern!($p)),
            gt: None,
            ge: None,
            lt: None,
            le: None,
            multiple_of: None,
        }
    };
}

/// Patterns covering every NFA state kind: byte ranges, sparse classes, unions, look-around
/// (anchors, multi-line, CRLF, ASCII and Unicode word boundaries), repetitions, Unicode classes
/// and case folding, and empty matches.
static PATTERNS: [Constraints; 27] = [
    only!("^[a-z ]+$"),
    only!(r"^\d{3}-\d{4}$"),
    only!(r"\w+@\w+\.\w{2,}"),
    only!(r"^\p{Lu}\p{Ll}*$"),
    only!(r"\p{Greek}"),
    only!(r"(?i)straße"),
    only!(r"(?i)^[a-zé]+$"),
    only!(r"\bcat\b"),
    only!(r"(?-u:\b)cat(?-u:\b)"),
    only!(r"\Bat\B"),
    only!(r"\b{start}\w+\b{end}"),
    only!(r"(?m)^ab$"),
    only!(r"(?mR)^ab$"),
    only!(r"^$"),
    only!(""),
    only!(r"a*"),
    only!(r"^(?:ab|cd|ef|gh)+$"),
    only!(r"^(a|b)*?c$"),
    only!(r"[^\x00-\x7F]"),
    only!(r"^.$"),
    only!(r"(?s)^.{2}$"),
    only!(r"^[\u{1F600}-\u{1F64F}]+$"),
    only!(r"^\S+\s\S+$"),
    only!(r"^[[:alpha:]]+[[:digit:]]*$"),
    only!(r"x{2,3}y?z+"),
    only!(r"^(?<year>\d{4})-(?<month>\d{2})$"),
    only!(r"\A\w\z"),
];

fn agree(c: &Constraints, s: &str) -> Result<(), String> {
    let source = c.pattern.as_ref().map(|p| p.source()).unwrap_or_default();
    let expected = regex::Regex::new(source).unwrap().is_match(s);
    let got = check_str(s, c).is_none();
    if got == expected {
        Ok(())
    } else {
        Err(format!(
            "pattern {source:?} on {s:?}: brisk {got}, regex {expected}"
        ))
    }
}

const INPUTS: &[&str] = &[
    "",
    " ",
    "a",
    "ab",
    "abc",
    "cat",
    "a cat.",
    "concat",
    "scat",
    "bat",
    "Émile",
    "émile",
    "STRASSE",
    "strasse",
    "straße",
    "STRAẞE",
    "Ωμέγα",
    "x\nab\ny",
    "x\r\nab\r\ny",
    "ab\r",
    "555-1234",
    "55-1234",
    "a@b.cd",
    "a@b.c",
    "😀😃",
    "😀a",
    "é",
    "\n",
    "xxyz",
    "xyz",
    "2026-11",
    "2026-1",
    "hello world",
    "hello  world",
    "abc123",
    "日本",
    "a\u{0301}",
];

#[test]
fn fixed_inputs_match_like_regex() {
    let mut failures = Vec::new();
    for c in &PATTERNS {
        for s in INPUTS {
            if let Err(e) = agree(c, s) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn random_inputs_match_like_regex() {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 1024;
    }
    config.failure_persistence = None;
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(0x5eed_0006);
    }
    let alphabet = prop::sample::select(vec![
        'a',
        'b',
        'c',
        'e',
        't',
        'x',
        'y',
        'z',
        'A',
        'S',
        'ß',
        'ẞ',
        'é',
        'É',
        '\u{0301}',
        '0',
        '5',
        '-',
        '@',
        '.',
        ' ',
        '\t',
        '\n',
        '\r',
        'Ω',
        'μ',
        'ω',
        '日',
        '😀',
        '\u{10FFFF}',
        '_',
    ]);
    let strategy = (
        0..PATTERNS.len(),
        prop::collection::vec(alphabet, 0..12).prop_map(String::from_iter),
    );
    let mut runner = TestRunner::new(config);
    let result = runner.run(&strategy, |(i, s)| {
        agree(&PATTERNS[i], &s).map_err(TestCaseError::fail)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
