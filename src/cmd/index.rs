//! `quarry index [CORPUS] [-i DIR]`: build or update the index, with a
//! progress bar on a terminal. The first Ctrl-C (SIGINT) or SIGTERM
//! commits what is done and ends the run; a second one ends it at once.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use signal_hook::consts::{SIGINT, SIGTERM};

use crate::cli::IndexArgs;
use quarry::aliases::Aliases;
use quarry::index::writer::{index_corpus_observed, IndexOptions, IndexReport, Observer};
use quarry::meta::MetadataTable;
use quarry::output::visible::visible;

/// Skipped files listed without `-v`.
const SKIPPED_SHOWN: usize = 10;

/// A run stopped by a signal, after committing what it had done.
#[derive(Debug, thiserror::Error)]
#[error("stopped by {}: committed what was done, {summary}; run `quarry index` again to finish", signal_name(*.signal))]
pub struct Interrupted {
    pub signal: i32,
    pub summary: String,
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        SIGINT => "SIGINT",
        SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}

/// Sets the returned flag to the signal number on the first SIGINT or
/// SIGTERM; a second one ends the process at once with 128 + its number.
fn stop_on_signals() -> Result<Arc<AtomicUsize>> {
    let which = Arc::new(AtomicUsize::new(0));
    let armed = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        // Registered first, so it sees `armed` as the previous signal left it.
        signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&armed))?;
        signal_hook::flag::register(signal, Arc::clone(&armed))?;
        signal_hook::flag::register_usize(signal, Arc::clone(&which), signal as usize)?;
    }
    Ok(which)
}

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
    let (outlets, outlet_pairs) = user_outlets(args.reading.outlets.as_deref())?;
    let stop = stop_on_signals()?;
    let options = IndexOptions {
        outlets,
        outlet_pairs,
        aliases: Aliases::load_optional(args.aliases.as_deref())?,
        metadata,
        threads: args.threads,
        commit_every: Some(args.commit_every),
        follow: args.reading.follow,
        hidden: args.reading.hidden,
        rebuild: args.rebuild,
        stop: Some(Arc::clone(&stop)),
    };
    let bar = Bar {
        bar: progress_bar(!args.quiet && std::io::stderr().is_terminal()),
        announce: verbose.then(|| args.location.dir().display().to_string()),
    };
    let report = index_corpus_observed(&args.corpus, args.location.dir(), &options, &bar);
    bar.bar.finish_and_clear();
    let report = report?;
    let shown = if verbose { usize::MAX } else { SKIPPED_SHOWN };
    for skipped in report.skipped.iter().take(shown) {
        writeln!(err, "quarry: {}", visible(&skipped.to_string()))?;
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
            writeln!(err, "quarry: warning: {}", visible(warning))?;
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
    if report.kept_unreadable > 0 {
        writeln!(
            err,
            "quarry: kept {} indexed articles of folders that could not be read",
            report.kept_unreadable
        )?;
    }
    if report.stopped {
        let signal = stop.load(Ordering::SeqCst) as i32;
        return Err(Interrupted {
            signal,
            summary: report.summary(),
        }
        .into());
    }
    if !args.quiet {
        writeln!(
            err,
            "indexed {} into {}: {}",
            visible(&args.corpus.display().to_string()),
            visible(&args.location.dir().display().to_string()),
            report.summary()
        )?;
    }
    Ok(report)
}

/// Reads `--outlets FILE`: its fingerprint (0: none) and its pairs.
pub fn user_outlets(path: Option<&Path>) -> Result<(u64, Vec<(String, String)>)> {
    let Some(path) = path else {
        return Ok((0, Vec::new()));
    };
    let (pairs, fingerprint) = quarry::aliases::read_pairs(path, "outlets", "outlets")?;
    Ok((fingerprint, pairs))
}

/// The metadata table to use: `--metadata`, or one beside the articles.
fn metadata_path(args: &IndexArgs) -> Option<PathBuf> {
    if let Some(path) = &args.metadata {
        return Some(path.clone());
    }
    quarry::meta::TABLE_NAMES
        .iter()
        .map(|name| args.corpus.join(name))
        .find(|p| Path::is_file(p))
}

/// A progress bar over the bytes to read, hidden when not on a terminal;
/// with `-v`, a line when the work is planned (the index is then locked).
struct Bar {
    bar: ProgressBar,
    /// The index folder, to name in that line.
    announce: Option<String>,
}

/// A progress bar over bytes with rate and ETA, or a hidden one.
fn progress_bar(visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} indexing [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} eta {eta}",
        )
        .expect("static template")
        .progress_chars("=> "),
    );
    bar
}

impl Observer for Bar {
    fn planned(&self, files: usize, bytes: u64) {
        if let Some(index) = &self.announce {
            self.bar.suspend(|| {
                eprintln!(
                    "quarry: writing {}: {files} files to read ({bytes} bytes)",
                    visible(index)
                )
            });
        }
        self.bar.set_length(bytes);
        self.bar.set_message(format!("{files} files"));
    }

    fn done(&self, bytes: u64) {
        self.bar.inc(bytes);
    }
}
