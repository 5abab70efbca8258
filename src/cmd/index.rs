//! `quarry index [CORPUS] [-i DIR]`: build or update the index, with a
//! progress bar on a terminal.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use crate::aliases::Aliases;
use crate::cli::IndexArgs;
use crate::index::writer::{index_corpus_observed, IndexOptions, IndexReport, Observer};
use crate::meta::MetadataTable;

/// Metadata table names looked for in the corpus folder when `--metadata` is not given.
const METADATA_NAMES: &[&str] = &["metadata.tsv", "metadata.csv"];

/// Skipped files listed without `-v`.
const SKIPPED_SHOWN: usize = 10;

/// Runs the command and prints its summary.
pub fn run(
    args: &IndexArgs,
    verbose: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<IndexReport> {
    let metadata = match metadata_path(args) {
        Some(path) => {
            let table = MetadataTable::load(&path)?;
            if !args.quiet {
                writeln!(
                    err,
                    "quarry: metadata for {} articles from {}",
                    table.len_files(),
                    path.display()
                )?;
            }
            Some(table)
        }
        None => None,
    };
    let options = IndexOptions {
        aliases: Aliases::load_optional(args.aliases.as_deref())?,
        metadata,
        threads: args.threads,
        commit_every: Some(args.commit_every),
    };
    let bar = Bar::new(!args.quiet && std::io::stderr().is_terminal());
    let report = index_corpus_observed(&args.corpus, &args.location.index, &options, &bar);
    bar.0.finish_and_clear();
    let report = report?;
    let shown = if verbose { usize::MAX } else { SKIPPED_SHOWN };
    for skipped in report.skipped.iter().take(shown) {
        writeln!(err, "quarry: {skipped}")?;
    }
    if report.skipped.len() > shown {
        writeln!(
            err,
            "quarry: … and {} more skipped (-v lists them all, --json gives them as a list)",
            report.skipped.len() - shown
        )?;
    }
    if verbose {
        for warning in &report.warnings {
            writeln!(err, "quarry: warning: {warning}")?;
        }
    } else if !report.warnings.is_empty() && !args.quiet {
        writeln!(
            err,
            "quarry: {} warnings (-v shows them)",
            report.warnings.len()
        )?;
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

/// The metadata table to use: `--metadata`, or one beside the articles.
fn metadata_path(args: &IndexArgs) -> Option<PathBuf> {
    if let Some(path) = &args.metadata {
        return Some(path.clone());
    }
    METADATA_NAMES
        .iter()
        .map(|name| args.corpus.join(name))
        .find(|p| Path::is_file(p))
}

/// A progress bar over the bytes to read, hidden when not on a terminal.
struct Bar(ProgressBar);

impl Bar {
    fn new(visible: bool) -> Bar {
        if !visible {
            return Bar(ProgressBar::hidden());
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} indexing [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} eta {eta}",
            )
            .expect("static template")
            .progress_chars("=> "),
        );
        Bar(bar)
    }
}

impl Observer for Bar {
    fn planned(&self, files: usize, bytes: u64) {
        self.0.set_length(bytes);
        self.0.set_message(format!("{files} files"));
    }

    fn done(&self, bytes: u64) {
        self.0.inc(bytes);
    }
}
