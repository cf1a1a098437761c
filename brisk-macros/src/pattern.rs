//! `#[brisk(pattern = "...")]`: the regex is compiled here, at build time, into the Thompson
//! NFA that `regex` itself would build, and emitted as a program: a byte string of LEB128
//! numbers (one literal token, however large the NFA: `\w` alone has hundreds of states). brisk's
//! runtime rebuilds the NFA from it and runs regex-automata's PikeVM, so the application
//! never compiles a regex parser (regex-syntax and its Unicode tables) in release mode.
//!
//! The program is `[start_anchored, start_unanchored, start_pattern, state...]`, each state a
//! tag and its operands (decoded by `brisk::model::Pattern`; keep both sides in step):
//!
//! | tag | state | operands |
//! | --- | --- | --- |
//! | 0 | byte range | `start << 8 \| end`, next |
//! | 1 | sparse | n, then n × (`start << 8 \| end`, next) |
//! | 2 | look-around | `Look::as_repr`, next |
//! | 3 | union | n, then n alternates |
//! | 4 | binary union | alt1, alt2 |
//! | 5 | fail | |
//! | 6 | match | |
//!
//! All of this is brisk's cargo feature `pattern` (which turns on this crate's): the regex
//! crates are a tenth of a clean release build, for one constraint most apps never write.
//! Without it, a `pattern` is a compile error that says how to turn the feature on.

#[cfg(feature = "pattern")]
use regex_automata::nfa::thompson::{self, State, WhichCaptures};
#[cfg(feature = "pattern")]
use regex_automata::PatternID;

/// The program for `source` (unencoded numbers), or the compile error's message.
///
/// Parsing uses regex-syntax's defaults, which are `regex::Regex::new`'s (Unicode, UTF-8,
/// nesting limit 250); the NFA uses regex-automata's defaults (UTF-8, the same 10 MiB size
/// limit `Regex::new` applies), without capture states: only "is there a match" is asked.
#[cfg(feature = "pattern")]
pub fn compile(source: &str) -> Result<Vec<u32>, String> {
    compile_nfa(source).map_err(|e| format!("invalid pattern: {e}"))
}

/// Without the feature there is no compiler: the error says how to get one.
#[cfg(not(feature = "pattern"))]
pub fn compile(_source: &str) -> Result<Vec<u32>, String> {
    Err(
        "`pattern` needs brisk's `pattern` feature, which compiles the regex engine in: \
         `brisk = { version = \"0.1\", features = [\"pattern\"] }` in Cargo.toml"
            .to_owned(),
    )
}

#[cfg(feature = "pattern")]
fn compile_nfa(source: &str) -> Result<Vec<u32>, String> {
    let hir = regex_syntax::Parser::new()
        .parse(source)
        .map_err(|e| e.to_string())?;
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().which_captures(WhichCaptures::None))
        .build_from_hir(&hir)
        .map_err(|e| e.to_string())?;
    let start_pattern = nfa
        .start_pattern(PatternID::ZERO)
        .ok_or("the compiled pattern has no start state")?;
    let mut out = vec![
        nfa.start_anchored().as_u32(),
        nfa.start_unanchored().as_u32(),
        start_pattern.as_u32(),
    ];
    let range = |start: u8, end: u8| (u32::from(start) << 8) | u32::from(end);
    for state in nfa.states() {
        match state {
            State::ByteRange { trans } => {
                out.extend([0, range(trans.start, trans.end), trans.next.as_u32()])
            }
            State::Sparse(sparse) => {
                out.extend([1, sparse.transitions.len() as u32]);
                for t in sparse.transitions.iter() {
                    out.extend([range(t.start, t.end), t.next.as_u32()]);
                }
            }
            State::Look { look, next } => out.extend([2, look.as_repr(), next.as_u32()]),
            State::Union { alternates } => {
                out.extend([3, alternates.len() as u32]);
                out.extend(alternates.iter().map(|s| s.as_u32()));
            }
            State::BinaryUnion { alt1, alt2 } => out.extend([4, alt1.as_u32(), alt2.as_u32()]),
            State::Fail => out.push(5),
            State::Match { .. } => out.push(6),
            // The compiler never emits dense states, and no captures were asked for.
            State::Dense(_) | State::Capture { .. } => {
                return Err(format!("unexpected NFA state {state:?}"))
            }
        }
    }
    Ok(out)
}

/// `::brisk::model::Pattern::__compiled("source", b"program")`, a const expression.
pub fn tokens(source: &syn::LitStr, program: &[u32]) -> proc_macro2::TokenStream {
    let mut bytes = Vec::with_capacity(program.len() * 2);
    for &n in program {
        // LEB128: seven bits a byte, low bits first, the high bit set on all but the last.
        let mut n = n;
        while n >= 0x80 {
            bytes.push((n & 0x7f) as u8 | 0x80);
            n >>= 7;
        }
        bytes.push(n as u8);
    }
    let bytes = proc_macro2::Literal::byte_string(&bytes);
    quote::quote!(::brisk::model::Pattern::__compiled(#source, #bytes))
}

/// `brisk::model::pattern!("...")`: a `brisk::model::Pattern` from a literal.
pub fn expand(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let source: syn::LitStr = match syn::parse2(input) {
        Ok(s) => s,
        Err(e) => return e.to_compile_error(),
    };
    match compile(&source.value()) {
        Ok(program) => tokens(&source, &program),
        Err(e) => syn::Error::new(source.span(), e).to_compile_error(),
    }
}
