//! `quarry export [QUERY]`: every match as CSV or NDJSON on stdout.

use std::io::Write;

use anyhow::Result;

use crate::cli::{ExportArgs, ExportFormat};
use crate::cmd::search::{open_or_build, request};
use quarry::export::{export, Format};

/// Runs the command; returns whether any row was written.
pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<bool> {
    let qi = open_or_build(&args.location, err)?;
    let query = args.query.clone().unwrap_or_default();
    let req = request(&query, &args.filters, args.kind, 0, 0)?;
    let format = match args.format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Ndjson => Format::Ndjson,
    };
    let mut out = std::io::BufWriter::new(out);
    let rows = export(&qi, &req, format, &mut out)?;
    out.flush()?;
    Ok(rows > 0)
}
