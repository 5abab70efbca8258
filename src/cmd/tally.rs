//! `quarry speakers [QUERY]` and `quarry outlets [QUERY]`: quotation counts.

use std::io::Write;

use anyhow::Result;

use crate::cli::CountArgs;
use crate::cmd::search::{open_or_build, request};
use quarry::output;
use quarry::search::Kind;
use quarry::tally::{tally, CountBy};

/// Runs the command; returns whether any row was printed.
pub fn run(
    args: &CountArgs,
    by: CountBy,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<bool> {
    let qi = open_or_build(&args.location, err)?;
    let query = args.query.clone().unwrap_or_default();
    let req = request(&query, &args.filters, Kind::Quote, 0, 0)?;
    let started = std::time::Instant::now();
    let rows = tally(&qi, &req, by)?;
    if args.verbose {
        writeln!(
            err,
            "quarry: {} rows counted in {:.1} ms",
            rows.len(),
            started.elapsed().as_secs_f64() * 1000.0
        )?;
    }
    if args.json {
        output::json::tallies(out, &rows)?;
    } else {
        output::human::tallies(out, &rows)?;
    }
    Ok(!rows.is_empty())
}
