//! Every match of a request as rows, for spreadsheets (CSV) and for
//! distributed engines (NDJSON that Quickwit or Elasticsearch ingest as it
//! is; see docs/scale-out.md): `quarry export`, `quarry search --csv` and
//! `quarry serve`'s `/api/export.csv`. One row per document, with its
//! article's metadata; the columns are [`COLUMNS`].

use std::io::Write;

use serde::Serialize;

use crate::index::document::DocKind;
use crate::index::QuarryIndex;
use crate::search::{for_each_match, Hit, Request, SearchError};

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Ndjson,
}

/// The columns, in order (the NDJSON fields have the same names).
pub const COLUMNS: [&str; 16] = [
    "kind",
    "speaker",
    "speaker_id",
    "outlet",
    "quote",
    "passage",
    "paragraph",
    "start",
    "article",
    "relative_path",
    "title",
    "publisher",
    "date",
    "author",
    "url",
    "quote_id",
];

/// One exported row.
#[derive(Clone, Debug, Serialize)]
pub struct Row<'a> {
    pub kind: DocKind,
    pub speaker: Option<&'a str>,
    pub speaker_id: Option<&'a str>,
    pub outlet: Option<&'a str>,
    /// The quoted (or reported) words; empty for a passage.
    pub quote: Option<&'a str>,
    /// The paragraph that holds it (or the title, for an article).
    pub passage: &'a str,
    pub paragraph: u64,
    /// Byte offset of the quotation in the article (statements).
    pub start: Option<u64>,
    /// The article's file (`file#N` for the N-th of a file of several).
    pub article: &'a str,
    pub relative_path: &'a str,
    pub title: Option<&'a str>,
    pub publisher: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    pub author: Option<&'a str>,
    pub url: Option<&'a str>,
    /// Set by a search that grouped reports (`search --csv`); empty in an export.
    pub quote_id: Option<&'a str>,
}

impl<'a> Row<'a> {
    pub fn of(hit: &'a Hit) -> Row<'a> {
        let a = &hit.article;
        Row {
            kind: hit.kind,
            speaker: hit.speaker.as_deref(),
            speaker_id: hit.speaker_id.as_deref(),
            outlet: hit.outlet.as_deref(),
            quote: hit.quote.as_deref(),
            passage: &hit.passage,
            paragraph: hit.paragraph,
            start: hit.kind.is_statement().then_some(hit.start),
            article: &a.path,
            relative_path: &a.relative_path,
            title: a.title.as_deref(),
            publisher: a.publisher.as_deref(),
            date: a.date.as_deref(),
            author: a.author.as_deref(),
            url: a.url.as_deref(),
            quote_id: hit.quote_id.as_deref(),
        }
    }

    /// The row's cells as CSV writes them, in [`COLUMNS`]' order (a missing
    /// value is an empty cell).
    fn cells(&self) -> [std::borrow::Cow<'a, str>; 16] {
        use std::borrow::Cow;
        let text = |v: Option<&'a str>| Cow::Borrowed(v.unwrap_or_default());
        let number = |v: Option<u64>| Cow::Owned(v.map(|n| n.to_string()).unwrap_or_default());
        [
            self.kind.as_str().into(),
            text(self.speaker),
            text(self.speaker_id),
            text(self.outlet),
            text(self.quote),
            self.passage.into(),
            number(Some(self.paragraph)),
            number(self.start),
            self.article.into(),
            self.relative_path.into(),
            text(self.title),
            text(self.publisher),
            text(self.date),
            text(self.author),
            text(self.url),
            text(self.quote_id),
        ]
    }
}

/// A cell a spreadsheet shows as text: one that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be read as a formula (OWASP's
/// "CSV injection"), so it gets a leading `'`, which spreadsheets hide.
pub fn spreadsheet_safe(cell: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell
    }
}

/// A CSV writer's error as the I/O error it is (a closed pipe stays one,
/// so the command ends quietly).
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Writes rows of hits in one format.
pub struct RowWriter<W: Write> {
    format: Format,
    csv: Option<csv::Writer<W>>,
    out: Option<W>,
}

impl<W: Write> RowWriter<W> {
    /// A writer; CSV starts with its header line.
    pub fn new(format: Format, out: W) -> std::io::Result<RowWriter<W>> {
        Ok(match format {
            Format::Csv => {
                // The header is written here, so that an export of nothing
                // still has one (serde would write it with the first row).
                let mut csv = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(out);
                csv.write_record(COLUMNS).map_err(csv_io)?;
                RowWriter {
                    format,
                    csv: Some(csv),
                    out: None,
                }
            }
            Format::Ndjson => RowWriter {
                format,
                csv: None,
                out: Some(out),
            },
        })
    }

    pub fn write(&mut self, hit: &Hit) -> std::io::Result<()> {
        let row = Row::of(hit);
        match (self.format, &mut self.csv, &mut self.out) {
            (Format::Csv, Some(csv), _) => {
                let cells = row.cells().map(spreadsheet_safe);
                csv.write_record(cells.iter().map(|c| c.as_bytes()))
                    .map_err(csv_io)
            }
            (_, _, Some(out)) => {
                serde_json::to_writer(&mut *out, &row)?;
                out.write_all(b"\n")
            }
            _ => unreachable!("a writer holds the output of its format"),
        }
    }

    pub fn finish(self) -> std::io::Result<()> {
        match (self.csv, self.out) {
            (Some(mut csv), _) => csv.flush(),
            (_, Some(mut out)) => out.flush(),
            _ => Ok(()),
        }
    }
}

/// Writes every match of `req` to `out`; gives how many rows.
pub fn export(
    qi: &QuarryIndex,
    req: &Request,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, SearchError> {
    let io = SearchError::Write;
    let mut rows = RowWriter::new(format, out).map_err(io)?;
    let n = for_each_match(qi, req, &mut |hit| rows.write(&hit))?;
    rows.finish().map_err(io)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_have_the_documented_columns() {
        let mut out = Vec::new();
        let rows = RowWriter::new(Format::Csv, &mut out).unwrap();
        rows.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap().trim(), COLUMNS.join(","));
    }

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_leading_quote() {
        for formula in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(formula.into()), format!("'{formula}"));
        }
        for plain in ["Rubio said", "", "1-2", "a=b", "'quoted"] {
            assert_eq!(spreadsheet_safe(plain.into()), plain);
        }
    }
}
