//! One hit as the index stores it, decoded: its kind, paragraph and span
//! from the fast columns; its speaker, outlet, quotation, passage and
//! article from the documents that hold them.

use std::ops::Range;

use serde::Serialize;
use std::collections::HashMap;

use tantivy::schema::{Field, IndexRecordOption, TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocSet, Searcher, Term, TERMINATED};

use super::SearchError;
use crate::index::document::{self, Columns, DocKind};
use crate::index::speaker_id;
use crate::index::Fields;
use crate::meta::{format_date, from_index_date};
use crate::same_quote;

use super::snippet::{fragment_of, html_marked};

/// The article a hit comes from.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleRef {
    /// The article's key in the index: what `/api/article?id=` takes. The
    /// same as `path` but for a file name that is not UTF-8, whose key keeps
    /// it apart from any other name (see [`crate::corpus::path_key`]).
    pub id: String,
    /// The article's file, absolute, or `file#N` for the N-th article of a
    /// JSON Lines file.
    pub path: String,
    /// `path` relative to the corpus folder that was indexed.
    pub relative_path: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
}

/// One ranked hit.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub score: f32,
    pub kind: DocKind,
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    pub outlet: Option<String>,
    pub quote: Option<String>,
    pub passage: String,
    /// The best fragment with matches wrapped in `<b>…</b>`.
    pub snippet: String,
    /// The best fragment as plain text: what `highlights` point into.
    pub fragment: String,
    /// Byte ranges of the matches in `fragment`.
    pub highlights: Vec<Range<usize>>,
    pub article: ArticleRef,
    pub paragraph: u64,
    /// Quotations only: byte offset of the quoted words in the article text.
    #[serde(skip)]
    pub start: u64,
    /// Quotations only: the id shared by every report of the same quotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_id: Option<String>,
    /// Quotations only: the articles that carry this quotation, this one included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<Vec<String>>,
    /// Quotations only: how many articles carry it (`reported_by`'s length).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// Quotation fingerprint, for finding its other reports.
    #[serde(skip)]
    pub(super) shingles: Vec<u64>,
    /// Where the hit's document is: finding its reports passes over it.
    #[serde(skip)]
    pub(super) address: DocAddress,
}

pub(super) fn text_of(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The first live document holding `term` (an id) that `accept` takes, if
/// any; segment `first` is looked in first (a statement's passage and
/// article were written with it, so they are nearly always in its segment).
fn doc_with(
    searcher: &Searcher,
    term: &Term,
    first: u32,
    accept: impl Fn(&TantivyDocument) -> bool,
) -> Result<Option<(DocAddress, TantivyDocument)>, SearchError> {
    let segments = searcher.segment_readers();
    let first = (first as usize).min(segments.len().saturating_sub(1));
    let order = std::iter::once(first).chain((0..segments.len()).filter(|&i| i != first));
    for ord in order {
        let segment = &segments[ord];
        let postings = segment
            .inverted_index(term.field())?
            .read_postings(term, IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?;
        let Some(mut postings) = postings else {
            continue;
        };
        while postings.doc() != TERMINATED {
            let doc = postings.doc();
            if segment.alive_bitset().is_none_or(|a| a.is_alive(doc)) {
                let at = DocAddress::new(ord as u32, doc);
                let stored: TantivyDocument = searcher.doc(at)?;
                if accept(&stored) {
                    return Ok(Some((at, stored)));
                }
            }
            postings.advance();
        }
    }
    Ok(None)
}

/// The indexed article `key`'s metadata; `None` when the index has no
/// such article. `segment` is where to look first.
pub fn article_of(
    searcher: &Searcher,
    f: &Fields,
    columns: &Columns,
    roots: &[String],
    key: &str,
    segment: u32,
) -> Result<Option<ArticleRef>, SearchError> {
    let doc = doc_with(
        searcher,
        &Term::from_field_text(f.article_id, key),
        segment,
        |_| true,
    )?;
    Ok(doc.map(|(at, doc)| {
        let date = columns.date(at);
        article_ref(f, roots, key, &doc, date)
    }))
}

fn article_ref(
    f: &Fields,
    roots: &[String],
    key: &str,
    doc: &TantivyDocument,
    date: Option<tantivy::DateTime>,
) -> ArticleRef {
    ArticleRef {
        id: key.to_string(),
        relative_path: crate::corpus::relative_key(roots, key),
        path: crate::corpus::shown_key(key),
        title: text_of(doc, f.title).filter(|t| !t.is_empty()),
        publisher: text_of(doc, f.publisher),
        date: date.and_then(from_index_date).map(format_date),
        author: text_of(doc, f.author),
        url: text_of(doc, f.url),
    }
}

/// The text of the passage holding the statement at `at` of the article
/// `key`: where a statement is shown, and what its words are cut from. Ids
/// of two articles' passages may be the same (their high half is a 32-bit
/// hash of the article's key): the passage must be the article's. The
/// statement's segment is looked in first.
fn passage_text(
    searcher: &Searcher,
    f: &Fields,
    columns: &Columns,
    at: DocAddress,
    key: &str,
) -> Result<Option<String>, SearchError> {
    let Some(id) = document::passage_id_of(columns, at, key) else {
        return Ok(None);
    };
    let doc = doc_with(
        searcher,
        &Term::from_field_u64(f.passage_id, id),
        at.segment_ord,
        |d| d.get_first(f.article).and_then(|v| v.as_str()) == Some(key),
    )?;
    Ok(doc.and_then(|(_, d)| text_of(&d, f.passage)))
}

/// The words of the statement `doc`, at `at`: its stored copy, or cut
/// from its passage, which is read for them.
pub(super) fn statement_words(
    searcher: &Searcher,
    f: &Fields,
    columns: &Columns,
    doc: &TantivyDocument,
    at: DocAddress,
) -> Result<Option<String>, SearchError> {
    let passage = if document::needs_passage(f, doc) {
        let key = text_of(doc, f.article).unwrap_or_default();
        passage_text(searcher, f, columns, at, &key)?
    } else {
        None
    };
    Ok(document::statement_text(
        f,
        doc,
        columns,
        at,
        passage.as_deref(),
    ))
}

/// Decodes the hits of one search, reading each article's document once.
pub(super) struct Decoder<'a> {
    pub searcher: &'a Searcher,
    pub fields: &'a Fields,
    pub columns: &'a Columns,
    pub roots: &'a [String],
    /// Snippets for quotations, passages and titles; none: the whole text
    /// is the fragment, with no highlights (an export).
    pub snippets: Option<[SnippetGenerator; 3]>,
    pub articles: HashMap<String, ArticleRef>,
}

impl Decoder<'_> {
    /// The article `key`'s metadata, from its article document.
    fn article(&mut self, key: &str, segment: u32) -> Result<ArticleRef, SearchError> {
        if let Some(a) = self.articles.get(key) {
            return Ok(a.clone());
        }
        let (f, columns) = (self.fields, self.columns);
        let article = article_of(self.searcher, f, columns, self.roots, key, segment)?
            .unwrap_or_else(|| article_ref(f, self.roots, key, &TantivyDocument::default(), None));
        self.articles.insert(key.to_string(), article.clone());
        Ok(article)
    }

    pub(super) fn hit(&mut self, score: f32, addr: DocAddress) -> Result<Hit, SearchError> {
        let doc: TantivyDocument = self.searcher.doc(addr)?;
        self.hit_of(score, addr, doc)
    }

    /// [`Decoder::hit`] of a stored document already read.
    pub(super) fn hit_of(
        &mut self,
        score: f32,
        addr: DocAddress,
        doc: TantivyDocument,
    ) -> Result<Hit, SearchError> {
        let (f, columns) = (self.fields, self.columns);
        let kind = columns.kind(addr).ok_or_else(|| {
            SearchError::Index(tantivy::TantivyError::InvalidArgument(
                "a document of unknown kind: the index is damaged or newer than this quarry; re-index"
                    .to_string(),
            ))
        })?;
        let key = text_of(&doc, f.article).unwrap_or_default();
        let mut quote = None;
        let (passage, body, which) = match kind {
            DocKind::Quote | DocKind::Reported => {
                let passage = passage_text(self.searcher, f, columns, addr, &key)?;
                quote = document::statement_text(f, &doc, columns, addr, passage.as_deref());
                let q = quote.clone().unwrap_or_default();
                // A statement of a heading has no passage: it is its own.
                (passage.unwrap_or_else(|| q.clone()), q, 0)
            }
            DocKind::Passage => {
                let p = text_of(&doc, f.passage).unwrap_or_default();
                (p.clone(), p, 1)
            }
            DocKind::Article => {
                let t = text_of(&doc, f.title).unwrap_or_default();
                (t.clone(), t, 2)
            }
        };
        let (fragment, highlights) = match &self.snippets {
            Some(generators) => fragment_of(&generators[which].snippet(&body), &body),
            None => (body, Vec::new()),
        };
        let shingles = match (kind, &quote) {
            (DocKind::Quote, Some(q)) => same_quote::shingles(q),
            _ => Vec::new(),
        };
        Ok(Hit {
            score,
            kind,
            speaker: text_of(&doc, f.speaker),
            speaker_id: text_of(&doc, f.speaker_id).map(|s| speaker_id::shown(&s)),
            outlet: text_of(&doc, f.outlet),
            quote,
            passage,
            snippet: html_marked(&fragment, &highlights),
            highlights,
            fragment,
            article: self.article(&key, addr.segment_ord)?,
            paragraph: columns.paragraph(addr),
            start: columns.span(addr).start,
            quote_id: None,
            reported_by: None,
            count: None,
            shingles,
            address: addr,
        })
    }
}
