//! `quarry search QUERY`: ranked, highlighted passages and quotations.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Result;
use termcolor::{ColorChoice as TermChoice, StandardStream, WriteColor};

use crate::aliases::Aliases;
use crate::cli::{ColorChoice, Filters, KindFilter, SearchArgs};
use crate::index::{self, writer::index_corpus, QuarryIndex};
use crate::output;
use crate::search::{search, Kind, Request};

/// The bundled corpus that a first `search` indexes when there is no index yet.
pub const DEFAULT_CORPUS: &str = "corpus";

/// Opens the index at `dir`; when there is none and `dir` is the default,
/// builds it from the bundled corpus first, saying so on stderr.
pub fn open_or_build(dir: &Path, err: &mut dyn Write) -> Result<QuarryIndex> {
    if !index::exists(dir) && Path::new(DEFAULT_CORPUS).is_dir() {
        writeln!(
            err,
            "quarry: no index at {} yet; indexing {DEFAULT_CORPUS}/ first",
            dir.display()
        )?;
        let report = index_corpus(Path::new(DEFAULT_CORPUS), dir, &Aliases::default())?;
        writeln!(err, "quarry: {}", report.summary())?;
    }
    Ok(QuarryIndex::open(dir)?)
}

/// Builds a search request from the command line.
pub fn request(
    query: &str,
    filters: &Filters,
    kind: KindFilter,
    max_hits: usize,
    start_offset: usize,
) -> Result<Request> {
    let aliases = Aliases::load_optional(filters.aliases.as_deref())?;
    let speakers = filters
        .speakers
        .iter()
        .map(|s| aliases.canonical(s).unwrap_or(s).to_string())
        .collect();
    Ok(Request {
        query: query.to_string(),
        speakers,
        outlets: filters.outlets.clone(),
        kind: match kind {
            KindFilter::Quote => Kind::Quote,
            KindFilter::Passage => Kind::Passage,
            KindFilter::All => Kind::All,
        },
        max_hits,
        start_offset,
    })
}

/// Runs the command; returns whether anything was found.
pub fn run(args: &SearchArgs, err: &mut dyn Write) -> Result<bool> {
    let qi = open_or_build(&args.location.index, err)?;
    let req = request(
        &args.query,
        &args.filters,
        args.kind,
        args.max_hits,
        args.start_offset,
    )?;
    let results = search(&qi, &req)?;
    let stdout = std::io::stdout();
    if args.json || args.jsonl {
        let mut out = stdout.lock();
        if args.json {
            output::json::results(&mut out, &results)?;
        } else {
            output::json::results_lines(&mut out, &results)?;
        }
        out.flush()?;
    } else {
        let mut out = StandardStream::stdout(color_choice(args.color));
        output::human::results(&mut out as &mut dyn WriteColor, &results, args.start_offset)?;
        out.flush()?;
    }
    Ok(results.num_hits > 0)
}

/// Colour on a terminal unless NO_COLOR says otherwise, or as asked.
fn color_choice(choice: ColorChoice) -> TermChoice {
    match choice {
        ColorChoice::Always => TermChoice::Always,
        ColorChoice::Never => TermChoice::Never,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if std::io::stdout().is_terminal() && !no_color {
                TermChoice::Auto
            } else {
                TermChoice::Never
            }
        }
    }
}
