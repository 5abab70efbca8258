//! `quarry extract PATH... [--jsonl]`: the quotations of files or folders,
//! straight from the extractor, for analysis and for the evaluation.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::aliases::Aliases;
use crate::cli::ExtractArgs;
use crate::corpus::{read_file, walk};
use crate::extract::try_extract;

/// One line of `--jsonl` output.
#[derive(Serialize)]
struct ExtractLine<'a> {
    path: &'a str,
    start: usize,
    end: usize,
    quote: &'a str,
    speaker: Option<&'a str>,
    speaker_id: Option<&'a str>,
    outlet: Option<&'a str>,
    cue: Option<&'a str>,
    paragraph: usize,
}

/// Runs the command; returns how many quotations it printed.
pub fn run(args: &ExtractArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<usize> {
    let aliases = Aliases::load_optional(args.aliases.as_deref())?;
    let mut count = 0;
    for root in &args.paths {
        if !root.exists() {
            anyhow::bail!("{}: no such file or folder", root.display());
        }
        let (files, problems) = walk(root);
        for p in problems {
            writeln!(err, "quarry: {p}")?;
        }
        for file in files {
            let loaded = match read_file(&file.path) {
                Ok(l) => l,
                Err(e) => {
                    writeln!(err, "quarry: {e} (skipped)")?;
                    continue;
                }
            };
            for skipped in &loaded.skipped {
                writeln!(err, "quarry: {skipped}")?;
            }
            for source in loaded.articles {
                let path = source.key;
                let article = source.article;
                let mut quotations = match try_extract(&article) {
                    Ok(q) => q,
                    Err(e) => {
                        writeln!(
                            err,
                            "quarry: {path}: extraction failed ({e}), skipped; please report"
                        )?;
                        continue;
                    }
                };
                aliases.apply(&mut quotations);
                for q in quotations {
                    count += 1;
                    if args.jsonl {
                        let line = ExtractLine {
                            path: &path,
                            start: q.span.start,
                            end: q.span.end,
                            quote: &q.text,
                            speaker: q.speaker.as_ref().map(|s| s.name.as_str()),
                            speaker_id: q.speaker.as_ref().map(|s| s.id.as_str()),
                            outlet: q.outlet.as_deref(),
                            cue: q.cue.as_deref(),
                            paragraph: q.paragraph,
                        };
                        serde_json::to_writer(&mut *out, &line)?;
                        writeln!(out)?;
                    } else {
                        writeln!(
                            out,
                            "{}:{}\t{}\t{}\t{}",
                            path,
                            q.paragraph,
                            q.speaker.as_ref().map_or("-", |s| s.name.as_str()),
                            q.outlet.as_deref().unwrap_or("-"),
                            q.text
                        )?;
                    }
                }
            }
        }
    }
    Ok(count)
}
