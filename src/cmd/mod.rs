//! One runner per subcommand of the `quarry` binary.
pub mod extract;
pub mod index;
pub mod search;
pub mod shell;
pub mod stats;
pub mod tally;
