//! `quarry stats`: what the index holds.

use std::io::Write;

use anyhow::Result;

use crate::cli::StatsArgs;
use crate::cmd::search::open_or_build;
use quarry::output;
use quarry::stats::stats;

/// Runs the command.
pub fn run(args: &StatsArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<bool> {
    let qi = open_or_build(&args.location, err)?;
    let figures = stats(&qi, args.location.dir())?;
    if args.json {
        output::json::value(out, &figures)?;
    } else {
        output::human::stats(out, &figures)?;
    }
    Ok(true)
}
