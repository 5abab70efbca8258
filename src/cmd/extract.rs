//! `quarry extract PATH... [--jsonl]`: the quotations of files or folders,
//! straight from the extractor, for analysis and for the evaluation.

use std::io::Write;

use anyhow::Result;

use crate::cli::ExtractArgs;
use std::sync::Arc;

use quarry::aliases::Aliases;
use quarry::corpus::{read_articles, walk, WalkOptions};
use quarry::extract::models::{Models, Tables};
use quarry::extract::Extractor;
use quarry::output::json::StatementLine;
use quarry::output::visible::visible;
use quarry::source::Loaded;

/// The text of the table at `path`, if one is given.
fn read_table(path: &Option<std::path::PathBuf>, what: &str) -> Result<Option<String>> {
    let Some(path) = path else { return Ok(None) };
    std::fs::read_to_string(path)
        .map(Some)
        .map_err(|e| anyhow::anyhow!("cannot read {what} {}: {e}", path.display()))
}

/// Runs the command; returns how many quotations it printed.
pub fn run(args: &ExtractArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<usize> {
    let aliases = Aliases::load_optional(args.aliases.as_deref())?;
    let (_, outlets) = crate::cmd::index::user_outlets(args.reading.outlets.as_deref())?;
    // Tables learned without a held-out publisher (`eval/run --lopo`).
    let tables = Tables {
        learned_cues: read_table(&args.learned_cues, "learned cues")?,
        cue_model: read_table(&args.cue_model, "cue model")?,
        ends: read_table(&args.ends, "end model")?,
        verifier: read_table(&args.verifier, "verifier")?,
        antecedents: read_table(&args.antecedents, "antecedent model")?,
        descriptions: read_table(&args.descriptions, "description model")?,
        spans: match &args.spans {
            Some(path) => Some(std::fs::read(path).map_err(|e| {
                anyhow::anyhow!("cannot read attribution labeller {}: {e}", path.display())
            })?),
            None => None,
        },
    };
    let models = Models::new(&tables, outlets).map_err(|e| {
        // Models name the table that failed; say which file gave it.
        let file = [
            ("cue model", &args.cue_model),
            ("end model", &args.ends),
            ("verifier", &args.verifier),
            ("antecedent model", &args.antecedents),
            ("description model", &args.descriptions),
            ("attribution labeller", &args.spans),
        ]
        .into_iter()
        .find(|(what, _)| e.starts_with(what))
        .and_then(|(_, path)| path.as_ref());
        match file {
            Some(path) => anyhow::anyhow!("{}: {e}", path.display()),
            None => anyhow::anyhow!("{e}"),
        }
    })?;
    let extractor = Extractor::new(Arc::new(models), aliases);
    // A write per file, not per line: stdout is line-buffered.
    let mut out = std::io::BufWriter::new(out);
    let mut count = 0;
    for root in &args.paths {
        if !root.exists() {
            anyhow::bail!("{}: no such file or folder", root.display());
        }
        let walk = walk(
            root,
            WalkOptions {
                follow: args.reading.follow,
                hidden: args.reading.hidden,
                skip: None,
            },
        );
        for p in &walk.problems {
            writeln!(err, "quarry: {}", visible(&p.to_string()))?;
        }
        if let Some(ignored) = quarry::corpus::describe_ignored(&walk.ignored) {
            writeln!(
                err,
                "quarry: {}: {ignored}",
                visible(&root.display().to_string())
            )?;
        }
        for file in walk.files {
            let key = file.path.display().to_string();
            // Write errors inside the callback end the reading and come out here.
            let mut failed: Result<()> = Ok(());
            let read = read_articles(&file.path, &key, file.size, &mut |loaded| {
                failed = print_articles(loaded, args, &extractor, &mut count, &mut out, err);
                failed.is_ok()
            });
            failed?;
            out.flush()?;
            if let Err(e) = read {
                let skipped = quarry::source::Skipped::from(e);
                writeln!(err, "quarry: {}", visible(&skipped.to_string()))?;
            }
        }
    }
    Ok(count)
}

/// Prints the quotations of the articles read from one file (or one line of
/// a JSON Lines file), and what was skipped there.
fn print_articles(
    loaded: Loaded,
    args: &ExtractArgs,
    extractor: &Extractor,
    count: &mut usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    for skipped in &loaded.skipped {
        writeln!(err, "quarry: {}", visible(&skipped.to_string()))?;
    }
    if args.verbose {
        for warning in &loaded.warnings {
            writeln!(err, "quarry: warning: {}", visible(warning))?;
        }
    }
    for source in loaded.articles {
        let (quotations, failure) = quarry::pipeline::statements(extractor, &source);
        if let Some(failure) = failure {
            writeln!(err, "quarry: {}", visible(&failure.to_string()))?;
        }
        let path = source.key;
        for q in quotations {
            *count += 1;
            if args.jsonl {
                let line = StatementLine::new(&path, &source.article.text, &q);
                serde_json::to_writer(&mut *out, &line)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{} ¶{}\t{}\t{}\t{}",
                    cell(&path),
                    q.paragraph,
                    cell(q.speaker.as_ref().map_or("-", |s| s.name.as_str())),
                    cell(q.outlet.as_deref().unwrap_or("-")),
                    cell(&q.text)
                )?;
            }
        }
    }
    Ok(())
}

/// A table cell: shown safely on a terminal, and a tab inside it would
/// start another column, so it is written as `\t`.
fn cell(text: &str) -> String {
    visible(text).replace('\t', "\\t")
}
