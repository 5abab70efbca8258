//! One hit as the index stores it, decoded: its kind, speaker, outlet,
//! quotation, passage and article.

use std::ops::Range;

use serde::Serialize;
use tantivy::schema::{TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher};

use super::SearchError;
use crate::index::document::DocKind;
use crate::index::schema::SINGLE_NAME;
use crate::index::Fields;
use crate::meta::{format_date, from_index_date};
use crate::same_quote;

use super::snippet::{fragment_of, html_marked};

/// The article a hit comes from.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleRef {
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
}

/// A stored speaker id without the single-name marker.
pub(super) fn clean_speaker_id(id: &str) -> String {
    id.replace(SINGLE_NAME, "").trim().to_string()
}

pub(super) fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

pub(super) fn to_hit(
    searcher: &Searcher,
    f: &Fields,
    roots: &[String],
    score: f32,
    addr: DocAddress,
    quote_snippets: &SnippetGenerator,
    passage_snippets: &SnippetGenerator,
) -> Result<Hit, SearchError> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    let named = text_of(&doc, f.kind).unwrap_or_default();
    let kind = DocKind::parse(&named).ok_or_else(|| {
        SearchError::Index(tantivy::TantivyError::InvalidArgument(format!(
            "a document of unknown kind {named:?}: the index is damaged or newer than this quarry; re-index"
        )))
    })?;
    let quote = text_of(&doc, f.quote);
    let (passage, body, generator) = if kind.is_statement() {
        let q = quote.clone().unwrap_or_default();
        (
            text_of(&doc, f.context).unwrap_or_default(),
            q,
            quote_snippets,
        )
    } else {
        let p = text_of(&doc, f.passage).unwrap_or_default();
        (p.clone(), p, passage_snippets)
    };
    let snippet = generator.snippet(&body);
    let (fragment, highlights) = fragment_of(&snippet, &body);
    let title = text_of(&doc, f.title).filter(|t| !t.is_empty());
    let key = text_of(&doc, f.article).unwrap_or_default();
    Ok(Hit {
        score,
        kind,
        speaker: text_of(&doc, f.speaker),
        speaker_id: text_of(&doc, f.speaker_id).map(|s| clean_speaker_id(&s)),
        outlet: text_of(&doc, f.outlet),
        quote,
        passage,
        snippet: html_marked(&fragment, &highlights),
        highlights,
        fragment,
        article: ArticleRef {
            relative_path: crate::corpus::relative_key(roots, &key),
            path: crate::corpus::shown_key(&key),
            title,
            publisher: text_of(&doc, f.publisher),
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .and_then(from_index_date)
                .map(format_date),
            author: text_of(&doc, f.author),
            url: text_of(&doc, f.url),
        },
        paragraph: doc
            .get_first(f.paragraph)
            .and_then(|v| v.as_u64())
            .unwrap_or(0),
        start: doc.get_first(f.start).and_then(|v| v.as_u64()).unwrap_or(0),
        quote_id: None,
        reported_by: None,
        count: None,
        shingles: same_quote::from_tokens(&text_of(&doc, f.shingles).unwrap_or_default()),
    })
}
