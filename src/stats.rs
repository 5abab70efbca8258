//! `quarry stats`: what an index holds — articles, passages, quotations,
//! speakers, outlets, publishers, the span of article dates, its size on
//! disk and when it was last written.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};

use crate::index::document::DocKind;
use crate::index::QuarryIndex;
use crate::meta::{format_date, from_index_date};
use crate::search::{Request, SearchError};
use crate::tally::{tally, CountBy};

/// The figures `quarry stats` prints.
#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    pub index: String,
    pub files: usize,
    pub articles: u64,
    pub passages: u64,
    pub quotes: u64,
    /// Reported-speech statements.
    pub reported: u64,
    /// Distinct speakers, spellings merged as `quarry speakers` merges them.
    pub speakers: usize,
    pub outlets: usize,
    pub publishers: usize,
    /// Earliest and latest article date, `YYYY-MM-DD`.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub index_bytes: u64,
    /// When the index was last committed, UTC, RFC 3339.
    pub last_indexed: Option<String>,
}

/// Gathers the statistics of the index at `dir`.
pub fn stats(qi: &QuarryIndex, dir: &Path) -> Result<Stats, SearchError> {
    let searcher = qi.searcher()?;
    let f = &qi.fields;
    let count_kind = |kind: DocKind| -> Result<u64, SearchError> {
        let query = tantivy::query::TermQuery::new(
            Term::from_field_text(f.kind, kind.as_str()),
            IndexRecordOption::Basic,
        );
        Ok(searcher.search(&query, &tantivy::collector::Count)? as u64)
    };
    let all = Request::default();
    let (mut first, mut last): (Option<DateTime>, Option<DateTime>) = (None, None);
    for segment in searcher.segment_readers() {
        let Ok(column) = segment.fast_fields().date("date") else {
            continue;
        };
        for doc in segment.doc_ids_alive() {
            for d in column.values_for_doc(doc) {
                first = Some(first.map_or(d, |f| f.min(d)));
                last = Some(last.map_or(d, |l| l.max(d)));
            }
        }
    }
    let day = |d: DateTime| from_index_date(d).map(format_date);
    let manifest = &qi.manifest;
    Ok(Stats {
        index: dir.display().to_string(),
        files: manifest.file_count as usize,
        articles: manifest.article_count,
        passages: count_kind(DocKind::Passage)?,
        quotes: count_kind(DocKind::Quote)?,
        reported: count_kind(DocKind::Reported)?,
        speakers: tally(qi, &all, CountBy::Speaker)?.len(),
        outlets: tally(qi, &all, CountBy::Outlet)?.len(),
        publishers: distinct_terms(&searcher, f.publisher_name)?,
        first_date: first.and_then(day),
        last_date: last.and_then(day),
        index_bytes: folder_size(dir),
        last_indexed: (manifest.indexed_at > 0)
            .then(|| {
                time::OffsetDateTime::from_unix_timestamp(manifest.indexed_at as i64)
                    .ok()?
                    .format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .flatten(),
    })
}

/// Distinct values of a raw (untokenized) field with live documents.
fn distinct_terms(searcher: &tantivy::Searcher, field: Field) -> Result<usize, SearchError> {
    let mut seen = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        while terms.advance() {
            seen.insert(terms.key().to_vec());
        }
    }
    Ok(seen.len())
}

/// Bytes of the files directly in `dir` (a tantivy index is flat).
fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
