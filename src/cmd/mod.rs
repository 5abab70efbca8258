//! One runner per subcommand of the `quarry` binary.
pub mod export;
pub mod extract;
pub mod index;
pub mod search;
pub mod serve;
pub mod shell;
pub mod stats;
pub mod tally;
