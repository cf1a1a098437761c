//! The small process-wide tables behind the caches of header names and values given as text
//! ([`IntoHeaderName`](super::IntoHeaderName), [`IntoHeaderValue`](super::IntoHeaderValue)).

use std::sync::OnceLock;

/// How many entries a table keeps: an app sets a handful of its own header names and constant
/// values. Past that, text is converted on each call.
const SLOTS: usize = 16;

/// Text longer than this is not kept, which bounds what a table holds.
pub(super) const LONGEST: usize = 64;

/// Up to [`SLOTS`] entries, filled front to back, never emptied. An entry holds text leaked
/// once (`'static`, so that the names and values made from it are copied without a reference
/// count).
pub(super) struct Kept<T: 'static>([OnceLock<T>; SLOTS]);

impl<T> Kept<T> {
    pub(super) const fn new() -> Self {
        Kept([const { OnceLock::new() }; SLOTS])
    }

    /// The first entry `is` accepts.
    #[inline]
    pub(super) fn find(&self, is: impl Fn(&T) -> bool) -> Option<&T> {
        for slot in &self.0 {
            match slot.get() {
                Some(entry) if is(entry) => return Some(entry),
                Some(_) => {}
                None => break,
            }
        }
        None
    }

    /// Keeps the entry `make` builds (leaking its text), unless the table is full — then
    /// nothing is built, so nothing leaks — or another thread kept an entry `is` accepts
    /// first.
    #[cold]
    pub(super) fn keep(&self, make: impl FnOnce() -> Option<T>, is: impl Fn(&T) -> bool) {
        if self.0.iter().all(|slot| slot.get().is_some()) {
            return;
        }
        let Some(mut entry) = make() else { return };
        for slot in &self.0 {
            entry = match slot.set(entry) {
                Ok(()) => return,
                // Another thread kept the same text first.
                Err(_) if slot.get().is_some_and(&is) => return,
                Err(back) => back,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(table: &Kept<u32>) -> usize {
        table.0.iter().filter(|slot| slot.get().is_some()).count()
    }

    #[test]
    fn entries_are_found_kept_once_and_never_built_when_full() {
        let table = Kept::new();
        assert_eq!(table.find(|_| true), None);
        table.keep(|| Some(7), |&n| n == 7);
        // The same entry again (as a second thread would): not kept twice.
        table.keep(|| Some(7), |&n| n == 7);
        assert_eq!(filled(&table), 1);
        assert_eq!(table.find(|&n| n == 7), Some(&7));
        // `make` may decline.
        table.keep(|| None, |&n| n == 8);
        assert_eq!(filled(&table), 1);
        for n in 100..200 {
            table.keep(|| Some(n), |&m| m == n);
        }
        assert_eq!(filled(&table), SLOTS);
        assert_eq!(table.find(|&n| n >= 100), Some(&100));
        assert_eq!(table.find(|&n| n == 100 + SLOTS as u32 - 1), None);
        // Full: nothing is built (what `make` builds leaks its text).
        table.keep(|| panic!("built although the table is full"), |_| false);
    }
}
