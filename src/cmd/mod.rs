//! One module per subcommand; each takes its parsed arguments and writers.
pub mod extract;
pub mod index;
pub mod search;
pub mod tally;
