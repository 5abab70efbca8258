//! JSON for scripts. The schema is documented in `docs/json-schema.md` and
//! checked against `docs/schema/*.json` by the integration tests.
//! `search --json` prints one results object, `--jsonl` one hit per line,
//! `--queries` one results object (with its `line`) per query.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::extract::Quotation;
use crate::search::Results;
use crate::tally::Tally;

/// One statement as `quarry extract --jsonl` prints it (and as the article
/// view of `quarry serve` lists them): `docs/schema/extract-line.schema.json`.
#[derive(Serialize)]
pub struct StatementLine<'a> {
    path: &'a str,
    kind: &'static str,
    start: usize,
    end: usize,
    quote: &'a str,
    /// The content's pieces, when its attribution stands inside it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pieces: Vec<[usize; 2]>,
    speaker: Option<&'a str>,
    speaker_id: Option<&'a str>,
    outlet: Option<&'a str>,
    cue: Option<&'a str>,
    source: Option<&'a str>,
    source_start: Option<usize>,
    source_end: Option<usize>,
    paragraph: usize,
}

impl<'a> StatementLine<'a> {
    /// The line of `q`, found in the article `path` whose text is `text`.
    pub fn new(path: &'a str, text: &'a str, q: &'a Quotation) -> StatementLine<'a> {
        StatementLine {
            path,
            kind: q.kind.as_str(),
            start: q.span.start,
            end: q.span.end,
            quote: &q.text,
            pieces: q.pieces.iter().map(|p| [p.start, p.end]).collect(),
            speaker: q.speaker.as_ref().map(|s| s.name.as_str()),
            speaker_id: q.speaker.as_ref().map(|s| s.id.as_str()),
            outlet: q.outlet.as_deref(),
            cue: q.cue.as_deref(),
            source: q.source.clone().and_then(|r| text.get(r)),
            source_start: q.source.as_ref().map(|r| r.start),
            source_end: q.source.as_ref().map(|r| r.end),
            paragraph: q.paragraph,
        }
    }
}

/// The whole result as one JSON object.
pub fn results(out: &mut dyn Write, results: &Results) -> Result<()> {
    serde_json::to_writer(&mut *out, results)?;
    writeln!(out)?;
    Ok(())
}

/// One hit per line.
pub fn results_lines(out: &mut dyn Write, results: &Results) -> Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *out, hit)?;
        writeln!(out)?;
    }
    Ok(())
}

/// One query of a batch: its results with the line it came from.
pub fn batch_result(out: &mut dyn Write, line: usize, results: &Results) -> Result<()> {
    #[derive(Serialize)]
    struct Line<'a> {
        line: usize,
        #[serde(flatten)]
        results: &'a Results,
    }
    serde_json::to_writer(&mut *out, &Line { line, results })?;
    writeln!(out)?;
    Ok(())
}

/// A query of a batch that could not run.
pub fn batch_error(out: &mut dyn Write, line: usize, text: &str, error: &str) -> Result<()> {
    let value = serde_json::json!({ "line": line, "query": text, "error": error });
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)?;
    Ok(())
}

/// Any serialisable value as one line.
pub fn value<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Tallies as one JSON array of `{"name", "id", "quotes"}`.
pub fn tallies(out: &mut dyn Write, rows: &[Tally]) -> Result<()> {
    serde_json::to_writer(&mut *out, rows)?;
    writeln!(out)?;
    Ok(())
}
