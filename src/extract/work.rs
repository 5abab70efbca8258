//! A count of the extractor's elementary steps (tokens read, mentions
//! weighed), kept per thread. It exists so that tests can check that
//! extraction stays linear in its input by counting work, which no other
//! load on the machine changes, instead of timing it.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Counts one step.
#[inline]
pub(crate) fn step() {
    STEPS.with(|s| s.set(s.get().wrapping_add(1)));
}

/// Steps counted on this thread so far.
pub fn steps() -> u64 {
    STEPS.with(Cell::get)
}
