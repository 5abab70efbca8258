//! A process-wide setting that a run may give once, before extraction
//! first reads it: the user's outlets, a learned-cue table for the
//! leave-one-publisher-out evaluation. Given after that first read it would
//! change nothing, so it is refused.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

pub struct Preset<T> {
    value: OnceLock<T>,
    read: AtomicBool,
}

impl<T> Default for Preset<T> {
    fn default() -> Preset<T> {
        Preset::new()
    }
}

impl<T> Preset<T> {
    pub const fn new() -> Preset<T> {
        Preset {
            value: OnceLock::new(),
            read: AtomicBool::new(false),
        }
    }

    /// Gives the setting; `what` names it in the refusal.
    pub fn give(&self, value: T, what: &str) -> Result<(), String> {
        if self.read.load(Ordering::SeqCst) {
            return Err(format!("{what}: given after extraction began"));
        }
        self.value
            .set(value)
            .map_err(|_| format!("{what}: given twice"))
    }

    /// The setting, if one was given; from now on none can be.
    pub fn read(&self) -> Option<&T> {
        self.read.store(true, Ordering::SeqCst);
        self.value.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_once_and_only_before_it_is_read() {
        let preset = Preset::new();
        preset.give(1, "n").unwrap();
        assert_eq!(preset.give(2, "n").unwrap_err(), "n: given twice");
        assert_eq!(preset.read(), Some(&1));
        let late: Preset<u8> = Preset::new();
        assert_eq!(late.read(), None);
        assert!(late.give(3, "n").is_err());
    }
}
