//! Query → ranked hits with highlights. Renders nothing: `output` does that.
//!
//! Beside the request and its search: building the tantivy query
//! (`build.rs`), decoding a hit (`hit.rs`), its snippet (`snippet.rs`) and the
//! reports of a quotation (`reports.rs`).

mod build;
mod hit;
mod reports;
mod snippet;

pub use build::{filtered, parse_query};
use hit::Decoder;
pub use hit::{article_of, ArticleRef, Hit};
use reports::{find_reports, ReportColumns, Reports};
pub use snippet::marked;
use snippet::SNIPPET_CHARS;

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order};
use thiserror::Error;
use time::Date;

use crate::index::document::DocKind;
use crate::index::QuarryIndex;
/// Which documents to search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    /// Direct quotations.
    Quote,
    /// Reported speech.
    Reported,
    /// Quotations and reported speech: everything said by someone.
    Statement,
    Passage,
    #[default]
    All,
}

impl Kind {
    /// The document kinds it covers; empty: all.
    fn terms(self) -> &'static [DocKind] {
        match self {
            Kind::Quote => &[DocKind::Quote],
            Kind::Reported => &[DocKind::Reported],
            Kind::Statement => &[DocKind::Quote, DocKind::Reported],
            Kind::Passage => &[DocKind::Passage],
            Kind::All => &[],
        }
    }
}

/// How hits are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Score,
    /// Newest article first; articles without a date last.
    Date,
}

/// A search request.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub query: String,
    pub speakers: Vec<String>,
    pub outlets: Vec<String>,
    /// Who published the article.
    pub publishers: Vec<String>,
    /// Article dates, inclusive.
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub kind: Kind,
    pub max_hits: usize,
    pub start_offset: usize,
    pub sort: Sort,
    /// One hit per distinct quotation (quotations only).
    pub group_quotes: bool,
    /// The query is syntax only: plain words must all match, and syntax
    /// that does not parse is an error (not searched as words).
    pub strict: bool,
}

/// Longest query read, in bytes: parsing costs hundreds of bytes of memory
/// per byte of query, and no question needs more.
pub const MAX_QUERY_BYTES: usize = 32 * 1024;
/// Deepest nesting of parentheses: the query parser recurses on each level.
pub const MAX_QUERY_DEPTH: usize = 100;
/// Largest slop a phrase may have (`"peace deal"~16`).
pub const MAX_PHRASE_SLOP: u64 = 16;
/// How much of a bad query an error message repeats.
const QUERY_SHOWN_CHARS: usize = 80;

/// Why a search could not run.
#[derive(Debug, Error)]
pub enum SearchError {
    #[error("invalid query {}: {reason}", shown_query(query))]
    BadQuery { query: String, reason: String },
    #[error(transparent)]
    Index(#[from] tantivy::TantivyError),
    /// Writing the matches failed (a closed pipe, a full disk): not the
    /// index's fault.
    #[error("cannot write the output")]
    Write(#[source] std::io::Error),
}

/// The hits of one request.
#[derive(Clone, Debug, Serialize)]
pub struct Results {
    pub query: String,
    /// How the query was read when not as typed, for stderr.
    #[serde(skip)]
    pub note: Option<String>,
    pub num_hits: usize,
    pub elapsed_time_micros: u128,
    pub hits: Vec<Hit>,
}

/// The start of a query, for messages: a whole 30 KB query is no help.
fn shown_query(query: &str) -> String {
    if query.chars().count() <= QUERY_SHOWN_CHARS {
        return format!("{query:?}");
    }
    let head: String = query.chars().take(QUERY_SHOWN_CHARS).collect();
    format!("{head:?}… ({} bytes)", query.len())
}

/// Runs a request against an opened index.
pub fn search(qi: &QuarryIndex, req: &Request) -> Result<Results, SearchError> {
    let started = Instant::now();
    let searcher = qi.searcher()?;
    let understood = parse_query(qi, &searcher, req)?;
    let query = filtered(qi, understood.ranked, req);
    // Grouping needs more hits than it shows: several may be one quotation.
    let (limit, offset) = if req.group_quotes {
        let wanted = req.start_offset.saturating_add(req.max_hits);
        (wanted.saturating_mul(4).max(50), 0)
    } else {
        (req.max_hits.max(1), req.start_offset)
    };
    // The collector allocates for the hits it may return: bound that by the
    // documents there are, not by what was asked (`-n 1500000000`).
    let docs_in_index = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let limit = limit.min(docs_in_index).max(1);
    let offset = offset.min(docs_in_index);
    let top = TopDocs::with_limit(limit).and_offset(offset);
    let (docs, num_hits): (Vec<(f32, DocAddress)>, usize) = match req.sort {
        Sort::Score => searcher.search(&query, &(top.order_by_score(), Count))?,
        Sort::Date => {
            let top = top.order_by_fast_field::<DateTime>("date", Order::Desc);
            let (docs, n) = searcher.search(&query, &(top, Count))?;
            (docs.into_iter().map(|(_, addr)| (0.0, addr)).collect(), n)
        }
    };
    let docs = if req.max_hits == 0 { Vec::new() } else { docs };
    let f = &qi.fields;
    let snippets = |field| -> Result<SnippetGenerator, SearchError> {
        let mut g = SnippetGenerator::create(&searcher, &*query, field)?;
        g.set_max_num_chars(SNIPPET_CHARS);
        Ok(g)
    };
    let mut decoder = Decoder {
        searcher: &searcher,
        fields: f,
        roots: &qi.manifest.roots,
        snippets: Some([snippets(f.quote)?, snippets(f.passage)?, snippets(f.title)?]),
        articles: HashMap::new(),
    };
    let mut hits = docs
        .into_iter()
        .map(|(score, addr)| decoder.hit(score, addr))
        .collect::<Result<Vec<_>, _>>()?;
    // Hits are often reports of one quotation: look each wording up once.
    let mut known: HashMap<(String, Option<String>), Reports> = HashMap::new();
    let mut columns = None;
    for hit in hits.iter_mut().filter(|h| h.kind == DocKind::Quote) {
        let key = (
            hit.quote.clone().unwrap_or_default(),
            hit.speaker_id.clone(),
        );
        let reports = match known.get(&key) {
            Some(r) => r.clone(),
            None => {
                let columns = match &mut columns {
                    Some(c) => c,
                    None => columns.insert(ReportColumns::open(&searcher)?),
                };
                let r = find_reports(f, &searcher, columns, hit)?;
                known.insert(key, r.clone());
                r
            }
        };
        reports.apply(hit);
    }
    if req.group_quotes {
        // num_hits stays the number of matching reports: counting distinct
        // quotations among all matches would mean fetching them all.
        let mut seen = BTreeSet::new();
        hits.retain(|h| seen.insert(h.quote_id.clone()));
        hits = hits
            .into_iter()
            .skip(req.start_offset)
            .take(req.max_hits)
            .collect();
    }
    Ok(Results {
        note: understood.note,
        query: req.query.clone(),
        num_hits,
        elapsed_time_micros: started.elapsed().as_micros(),
        hits,
    })
}

/// Hands every document matching `req` to `each`, in index order, without
/// snippets or reports: what an export writes. Plain words must all match
/// (the reading counts use), so that "every match" means documents that
/// hold the words, not the long tail of a ranked "any word" search.
/// Stops at the first error `each` returns; gives the number handed over.
pub fn for_each_match(
    qi: &QuarryIndex,
    req: &Request,
    each: &mut dyn FnMut(Hit) -> std::io::Result<()>,
) -> Result<usize, SearchError> {
    let searcher = qi.searcher()?;
    let query = filtered(qi, crate::tally::counted_query(qi, &searcher, req)?, req);
    let mut docs: Vec<DocAddress> = searcher
        .search(&*query, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .collect();
    docs.sort();
    let mut decoder = Decoder {
        searcher: &searcher,
        fields: &qi.fields,
        roots: &qi.manifest.roots,
        snippets: None,
        articles: HashMap::new(),
    };
    let mut n = 0;
    for addr in docs {
        let hit = decoder.hit(0.0, addr)?;
        each(hit).map_err(SearchError::Write)?;
        n += 1;
        if decoder.articles.len() > 10_000 {
            decoder.articles.clear();
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_queries_are_shown_cut_in_messages() {
        let e = SearchError::BadQuery {
            query: "word ".repeat(10_000),
            reason: "too long".into(),
        };
        let shown = e.to_string();
        assert!(
            shown.len() < 200 && shown.contains("(50000 bytes)"),
            "{shown}"
        );
    }
}
