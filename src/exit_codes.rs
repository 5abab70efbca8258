//! The `quarry` binary's exit statuses, one type for all of them (as
//! `quarry --help` lists them).

use std::process::ExitCode;

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Something was found, or the command did what it was asked.
    Success,
    /// A search (count, export) found nothing.
    NothingFound,
    /// An error, said on stderr in one line.
    Error,
    /// Stopped by this signal (SIGINT, SIGTERM) after keeping its work.
    Interrupted(i32),
}

impl Exit {
    /// Success or nothing found, from whether a command found anything.
    pub fn found(anything: bool) -> Exit {
        if anything {
            Exit::Success
        } else {
            Exit::NothingFound
        }
    }

    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::NothingFound => 1,
            Exit::Error => 2,
            // The shell's convention: 128 + the signal number (130, 143).
            Exit::Interrupted(signal) => u8::try_from(128 + signal).unwrap_or(2),
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_documented_ones() {
        assert_eq!(Exit::found(true).code(), 0);
        assert_eq!(Exit::found(false).code(), 1);
        assert_eq!(Exit::Error.code(), 2);
        assert_eq!(Exit::Interrupted(2).code(), 130);
        assert_eq!(Exit::Interrupted(15).code(), 143);
    }
}
