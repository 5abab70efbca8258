//! `quarry search QUERY`: ranked, highlighted passages and quotations.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::Result;
use termcolor::{ColorChoice as TermChoice, StandardStream, WriteColor};

use crate::batch;
use crate::cli::{ColorChoice, Filters, IndexLocation, SearchArgs};
use quarry::aliases::Aliases;
use quarry::index::writer::{index_corpus, IndexOptions};
use quarry::index::{self, QuarryIndex};
use quarry::output;
use quarry::output::visible::visible;
use quarry::request::RequestFields;
use quarry::search::{search, Kind, Request, Sort};

/// The bundled corpus that a first `search` indexes when there is no index yet.
pub const DEFAULT_CORPUS: &str = "corpus";

/// Opens the index; when there is none and no index was named (neither
/// `-i` nor `QUARRY_INDEX`), builds it from the bundled corpus first,
/// saying so on stderr. A named index that does not exist is an error.
pub fn open_or_build(location: &IndexLocation, err: &mut dyn Write) -> Result<QuarryIndex> {
    let dir = location.dir();
    let bundled = location.is_default() && Path::new(DEFAULT_CORPUS).is_dir();
    if !index::exists(dir) && bundled {
        writeln!(
            err,
            "quarry: no index at {} yet; indexing {DEFAULT_CORPUS}/ first",
            dir.display()
        )?;
        let report = index_corpus(Path::new(DEFAULT_CORPUS), dir, &IndexOptions::default())?;
        writeln!(err, "quarry: {}", report.summary())?;
    }
    match QuarryIndex::open(dir) {
        // The default index of the bundled corpus, written by another
        // quarry version: build it again rather than send the user off.
        Err(index::IndexError::WrongVersion { .. }) if bundled => {
            writeln!(
                err,
                "quarry: the index at {} is from another quarry version; indexing {DEFAULT_CORPUS}/ again",
                dir.display()
            )?;
            let options = IndexOptions {
                rebuild: true,
                ..IndexOptions::default()
            };
            let report = index_corpus(Path::new(DEFAULT_CORPUS), dir, &options)?;
            writeln!(err, "quarry: {}", report.summary())?;
            Ok(QuarryIndex::open(dir)?)
        }
        opened => Ok(opened?),
    }
}

/// Builds a search request from the command line's filters: through the
/// same reading as a batch line, a JSON line and the page's parameters
/// ([`quarry::request::RequestFields::into_request`]), so the four take
/// the same names, limits and messages.
pub fn request(
    query: &str,
    filters: &Filters,
    kind: Kind,
    max_hits: usize,
    start_offset: usize,
) -> Result<Request> {
    let aliases = Aliases::load_optional(filters.aliases.as_deref())?;
    let fields = RequestFields {
        kind: Some(kind.name().to_string()),
        max_hits: Some(max_hits),
        start_offset,
        ..batch::fields_of(query, filters)
    };
    let req = fields
        .into_request(&Request::default())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(with_aliases(
        Request {
            strict: filters.strict,
            ..req
        },
        &aliases,
    ))
}

/// The request with its speakers named as the aliases say.
fn with_aliases(mut req: Request, aliases: &Aliases) -> Request {
    for s in &mut req.speakers {
        if let Some(c) = aliases.canonical(s) {
            *s = c.to_string();
        }
    }
    req
}

/// Runs the command; returns whether anything was found.
pub fn run(args: &SearchArgs, verbose: bool, err: &mut dyn Write) -> Result<bool> {
    let qi = open_or_build(&args.location, err)?;
    let mut req = request(
        args.query.as_deref().unwrap_or_default(),
        &args.filters,
        args.kind,
        args.max_hits,
        args.start_offset,
    )?;
    req.sort = args.sort;
    req.group_quotes = args.group_quotes;
    req.count = args.count;
    if let Some(path) = &args.queries {
        return run_batch(&qi, path, &req, args, verbose, err);
    }
    let results = search(&qi, &req)?;
    if let Some(note) = &results.note {
        writeln!(err, "quarry: {}", visible(note))?;
    }
    if results.num_hits == 0 {
        for line in quarry::tally::unknown_speakers(&qi, &req)? {
            writeln!(err, "quarry: {}", visible(&line))?;
        }
    }
    let stdout = std::io::stdout();
    if args.csv {
        let mut rows = quarry::export::RowWriter::new(quarry::export::Format::Csv, stdout.lock())?;
        for hit in &results.hits {
            rows.write(hit)?;
        }
        rows.finish()?;
    } else if args.json || args.jsonl {
        let mut out = stdout.lock();
        if args.json {
            output::json::results(&mut out, &results)?;
        } else {
            output::json::results_lines(&mut out, &results)?;
        }
        out.flush()?;
    } else {
        let mut out = StandardStream::stdout(color_choice(args.color));
        let layout = output::human::Layout {
            columns: columns(),
            scores: args.sort == Sort::Score,
            start_offset: args.start_offset,
            max_hits: args.max_hits,
            kind: req.searched_kind(),
        };
        output::human::results(&mut out as &mut dyn WriteColor, &results, layout)?;
        out.flush()?;
    }
    Ok(results.num_hits > 0)
}

/// `--queries FILE`: one JSON object per query line on stdout, the index
/// opened once. A bad line gets `{"line", "query", "error"}` and the run
/// goes on; the exit status is then 2.
fn run_batch(
    qi: &QuarryIndex,
    path: &Path,
    template: &Request,
    args: &SearchArgs,
    verbose: bool,
    err: &mut dyn Write,
) -> Result<bool> {
    let input: Box<dyn BufRead> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| anyhow::anyhow!("cannot read queries file {}: {e}", path.display()))?;
        Box::new(std::io::BufReader::new(file))
    };
    let aliases = Aliases::load_optional(args.filters.aliases.as_deref())?;
    let mut out = std::io::stdout().lock();
    let (mut failed, mut ran) = (0, 0);
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        let Some(parsed) = batch::parse_line(&line, template) else {
            continue;
        };
        let outcome = parsed
            .map(|r| with_aliases(r, &aliases))
            .and_then(|r| search(qi, &r).map_err(|e| e.to_string()));
        match outcome {
            Ok(results) => {
                ran += 1;
                if let Some(note) = &results.note {
                    let at = format!("{}:{}: {note}", path.display(), i + 1);
                    writeln!(err, "quarry: {}", visible(&at))?;
                }
                if verbose {
                    writeln!(
                        err,
                        "quarry: line {}: {} hits in {} µs",
                        i + 1,
                        results.num_hits,
                        results.elapsed_time_micros
                    )?;
                }
                output::json::batch_result(&mut out, i + 1, &results)?;
            }
            Err(e) => {
                failed += 1;
                let at = format!("{}:{}: {e}", path.display(), i + 1);
                writeln!(err, "quarry: {}", visible(&at))?;
                output::json::batch_error(&mut out, i + 1, &batch::query_of(&line), &e)?;
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        anyhow::bail!(
            "{failed} of {} queries in {} failed (see their \"error\" lines)",
            failed + ran,
            path.display()
        );
    }
    Ok(true)
}

/// Columns to wrap hits at: the terminal's, or `COLUMNS` when set; piped
/// output is not wrapped.
fn columns() -> Option<usize> {
    if let Some(c) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(c);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
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
