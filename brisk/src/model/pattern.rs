//! `pattern` constraints at run time (cargo feature `pattern`): the Thompson NFA `brisk-macros`
//! compiled at build time, rebuilt on first use and run with regex-automata's PikeVM.

use std::sync::{Arc, OnceLock};

use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{Builder, Transition, NFA};
use regex_automata::util::look::Look;
use regex_automata::util::pool::Pool;
use regex_automata::util::primitives::StateID;

/// A regular expression a string must contain a match of, with `regex`'s syntax and semantics
/// (Unicode-aware, unanchored: write `^…$` to match the whole string).
///
/// Written `#[brisk(pattern = "...")]` on a parameter or field, or
/// [`pattern!`](crate::model::pattern) when you build [`Constraints`](crate::model::Constraints) yourself. Either way the
/// macro compiles the regex at build time (a malformed one is a compile error) into the
/// Thompson NFA `regex::Regex::new` would build; at run time brisk runs that NFA with
/// regex-automata's PikeVM, built on first use, so no regex parser is compiled into the
/// application.
///
/// Cargo feature `pattern` (`brisk = { version = "0.1", features = ["pattern"] }`): off by
/// default, as the regex crates are a tenth of a clean release build.
///
/// ```
/// use brisk::model::{check_str, pattern, Constraints};
///
/// let c = Constraints { pattern: Some(pattern!(r"^\p{Lu}\w*$")), ..Constraints::NONE };
/// assert_eq!(check_str("Émile", &c), None);
/// assert_eq!(check_str("émile", &c).unwrap().kind, "string_pattern_mismatch");
/// ```
pub struct Pattern {
    source: &'static str,
    program: &'static [u8],
    compiled: OnceLock<Result<Matcher, String>>,
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Pattern {
    /// A pattern from its source and the program `pattern!` compiled it to.
    #[doc(hidden)]
    pub const fn __compiled(source: &'static str, program: &'static [u8]) -> Self {
        Pattern {
            source,
            program,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern text.
    pub fn source(&self) -> &'static str {
        self.source
    }

    pub(super) fn is_match(&self, s: &str) -> bool {
        match self.compiled.get_or_init(|| Matcher::new(self.program)) {
            Ok(m) => {
                let mut cache = m.caches.get();
                m.vm.is_match(&mut cache, s)
            }
            Err(error) => {
                tracing::error!(pattern = self.source, %error, "invalid pattern; nothing matches");
                false
            }
        }
    }
}

type CachePool = Pool<pikevm::Cache, Box<dyn Fn() -> pikevm::Cache + Send + Sync>>;

/// The PikeVM for one pattern, and its search caches (one per thread at a time).
struct Matcher {
    vm: Arc<PikeVM>,
    caches: CachePool,
}

impl Matcher {
    /// Rebuilds the NFA from the program `brisk-macros` (`src/pattern.rs`) wrote: the same
    /// states in the same order, so the same ids.
    fn new(program: &[u8]) -> Result<Matcher, String> {
        let nfa = decode(program).ok_or("malformed pattern program")?;
        let vm = Arc::new(PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?);
        let for_caches = Arc::clone(&vm);
        let create: Box<dyn Fn() -> pikevm::Cache + Send + Sync> =
            Box::new(move || for_caches.create_cache());
        Ok(Matcher {
            vm,
            caches: Pool::new(create),
        })
    }
}

/// The NFA of a program: LEB128 numbers, laid out as `brisk-macros/src/pattern.rs` documents.
fn decode(program: &[u8]) -> Option<NFA> {
    let mut bytes = program.iter().copied();
    let mut next = || {
        let mut n = 0u32;
        for shift in (0..32).step_by(7) {
            let b = bytes.next()?;
            n |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    };
    let id = |w: u32| StateID::new(w as usize).ok();
    let transition = |range: u32, next: u32| {
        Some(Transition {
            start: u8::try_from(range >> 8).ok()?,
            end: range as u8,
            next: id(next)?,
        })
    };
    let (anchored, unanchored, start) = (id(next()?)?, id(next()?)?, id(next()?)?);
    let mut b = Builder::new();
    b.start_pattern().ok()?;
    while let Some(tag) = next() {
        match tag {
            0 => b.add_range(transition(next()?, next()?)?),
            1 => {
                let n = next()?;
                let ts = (0..n)
                    .map(|_| transition(next()?, next()?))
                    .collect::<Option<Vec<_>>>()?;
                b.add_sparse(ts)
            }
            2 => {
                let look = Look::from_repr(next()?)?;
                b.add_look(id(next()?)?, look)
            }
            3 => {
                let n = next()?;
                let alts = (0..n).map(|_| id(next()?)).collect::<Option<Vec<_>>>()?;
                b.add_union(alts)
            }
            4 => b.add_union(vec![id(next()?)?, id(next()?)?]),
            5 => b.add_fail(),
            6 => b.add_match(),
            _ => return None,
        }
        .ok()?;
    }
    b.finish_pattern(start).ok()?;
    b.build(anchored, unanchored).ok()
}
