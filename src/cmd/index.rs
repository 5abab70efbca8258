//! `quarry index [CORPUS] [-i DIR]`: build or update the index.

use std::io::Write;

use anyhow::Result;

use crate::aliases::Aliases;
use crate::cli::IndexArgs;
use crate::index::writer::{index_corpus, IndexReport};

/// Runs the command and prints its summary.
pub fn run(args: &IndexArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<IndexReport> {
    let aliases = Aliases::load_optional(args.aliases.as_deref())?;
    let report = index_corpus(&args.corpus, &args.location.index, &aliases)?;
    for skipped in &report.skipped {
        writeln!(err, "quarry: {skipped}")?;
    }
    if args.json {
        serde_json::to_writer(&mut *out, &report)?;
        writeln!(out)?;
    }
    if !args.quiet {
        writeln!(
            err,
            "indexed {} into {}: {}",
            args.corpus.display(),
            args.location.index.display(),
            report.summary()
        )?;
    }
    Ok(report)
}
