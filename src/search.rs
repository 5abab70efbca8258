//! Query → ranked hits with highlights. Renders nothing: `output` does that.

use std::ops::Range;
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{DocAddress, Searcher, Term};
use thiserror::Error;

use crate::extract::names::fold_tokens;
use crate::index::schema::SINGLE_NAME;
use crate::index::{Fields, QuarryIndex};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 320;

/// Which documents to search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Quote,
    Passage,
    All,
}

/// A search request.
#[derive(Clone, Debug)]
pub struct Request {
    pub query: String,
    pub speakers: Vec<String>,
    pub outlets: Vec<String>,
    pub kind: Kind,
    pub max_hits: usize,
    pub start_offset: usize,
}

/// Why a search could not run.
#[derive(Debug, Error)]
pub enum SearchError {
    #[error("invalid query {query:?}: {reason}")]
    BadQuery { query: String, reason: String },
    #[error(transparent)]
    Index(#[from] tantivy::TantivyError),
}

/// The article a hit comes from.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleRef {
    pub path: String,
    pub title: Option<String>,
}

/// One ranked hit.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub score: f32,
    /// "passage" or "quote".
    pub kind: String,
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    pub outlet: Option<String>,
    pub quote: Option<String>,
    pub passage: String,
    /// The best fragment with matches wrapped in `<b>…</b>`.
    pub snippet: String,
    /// Byte ranges of the matches in the plain fragment text.
    pub highlights: Vec<Range<usize>>,
    /// The plain fragment text (what `highlights` point into).
    #[serde(skip)]
    pub fragment: String,
    pub article: ArticleRef,
    pub paragraph: u64,
}

/// The hits of one request.
#[derive(Clone, Debug, Serialize)]
pub struct Results {
    pub query: String,
    pub num_hits: usize,
    pub elapsed_time_micros: u128,
    pub hits: Vec<Hit>,
}

/// Parses the user's query over the passage and quote text (conjunctive by default).
pub fn parse_query(qi: &QuarryIndex, query: &str) -> Result<Box<dyn Query>, SearchError> {
    let f = &qi.fields;
    let mut parser = QueryParser::for_index(&qi.index, vec![f.passage, f.quote]);
    parser.set_conjunction_by_default();
    let bad = |reason: String| SearchError::BadQuery {
        query: query.to_string(),
        reason,
    };
    if query.trim().is_empty() {
        return Err(bad("the query is empty".into()));
    }
    parser.parse_query(query).map_err(|e| bad(e.to_string()))
}

/// A filter matching any of `names`, each by all of its folded tokens.
fn name_filter(
    field: tantivy::schema::Field,
    names: &[String],
    single: bool,
) -> Option<Box<dyn Query>> {
    if names.is_empty() {
        return None;
    }
    let term = |t: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, t),
            IndexRecordOption::Basic,
        ))
    };
    let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for name in names {
        let tokens = fold_tokens(name);
        if tokens.is_empty() {
            continue;
        }
        let all: Vec<(Occur, Box<dyn Query>)> =
            tokens.iter().map(|t| (Occur::Must, term(t))).collect();
        any.push((Occur::Should, Box::new(BooleanQuery::new(all))));
        // An article that only ever names "Rubio" still answers "Marco Rubio".
        if single && tokens.len() > 1 {
            let last = tokens.last().expect("non-empty");
            any.push((
                Occur::Should,
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, term(last)),
                    (Occur::Must, term(SINGLE_NAME)),
                ])),
            ));
        }
    }
    if any.is_empty() {
        // A name with no letters matches nobody.
        return Some(term("\u{0}"));
    }
    Some(Box::new(BooleanQuery::new(any)))
}

/// Adds the request's filters to `query` without changing its scores.
pub fn filtered(qi: &QuarryIndex, query: Box<dyn Query>, req: &Request) -> Box<dyn Query> {
    let f = &qi.fields;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    let mut filters: Vec<Box<dyn Query>> = Vec::new();
    let kind = if req.speakers.is_empty() && req.outlets.is_empty() {
        req.kind
    } else {
        // Only quotations have speakers and outlets.
        Kind::Quote
    };
    match kind {
        Kind::Quote => filters.push(Box::new(TermQuery::new(
            Term::from_field_text(f.kind, "quote"),
            IndexRecordOption::Basic,
        ))),
        Kind::Passage => filters.push(Box::new(TermQuery::new(
            Term::from_field_text(f.kind, "passage"),
            IndexRecordOption::Basic,
        ))),
        Kind::All => {}
    }
    filters.extend(name_filter(f.speaker_id, &req.speakers, true));
    filters.extend(name_filter(f.outlet_id, &req.outlets, false));
    for filter in filters {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Runs a request against an opened index.
pub fn search(qi: &QuarryIndex, req: &Request) -> Result<Results, SearchError> {
    let started = Instant::now();
    let reader = qi.index.reader()?;
    let searcher = reader.searcher();
    let query = filtered(qi, parse_query(qi, &req.query)?, req);
    let top = TopDocs::with_limit(req.max_hits.max(1))
        .and_offset(req.start_offset)
        .order_by_score();
    let (docs, num_hits) = searcher.search(&query, &(top, Count))?;
    let docs = if req.max_hits == 0 { Vec::new() } else { docs };
    let f = &qi.fields;
    let mut quote_snippets = SnippetGenerator::create(&searcher, &*query, f.quote)?;
    quote_snippets.set_max_num_chars(SNIPPET_CHARS);
    let mut passage_snippets = SnippetGenerator::create(&searcher, &*query, f.passage)?;
    passage_snippets.set_max_num_chars(SNIPPET_CHARS);
    let hits = docs
        .into_iter()
        .map(|(score, addr)| {
            to_hit(
                &searcher,
                f,
                score,
                addr,
                &quote_snippets,
                &passage_snippets,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Results {
        query: req.query.clone(),
        num_hits,
        elapsed_time_micros: started.elapsed().as_micros(),
        hits,
    })
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn to_hit(
    searcher: &Searcher,
    f: &Fields,
    score: f32,
    addr: DocAddress,
    quote_snippets: &SnippetGenerator,
    passage_snippets: &SnippetGenerator,
) -> Result<Hit, SearchError> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    let kind = text_of(&doc, f.kind).unwrap_or_default();
    let quote = text_of(&doc, f.quote);
    let (passage, body, generator) = if kind == "quote" {
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
    Ok(Hit {
        score,
        kind,
        speaker: text_of(&doc, f.speaker),
        speaker_id: text_of(&doc, f.speaker_id)
            .map(|s| s.replace(SINGLE_NAME, "").trim().to_string()),
        outlet: text_of(&doc, f.outlet),
        quote,
        passage,
        snippet: html_marked(&fragment, &highlights),
        highlights,
        fragment,
        article: ArticleRef {
            path: text_of(&doc, f.article).unwrap_or_default(),
            title,
        },
        paragraph: doc
            .get_first(f.paragraph)
            .and_then(|v| v.as_u64())
            .unwrap_or(0),
    })
}

/// The fragment to show and its highlight ranges; the text's start when nothing matched.
/// A text that fits in a snippet is shown whole, not cut at its last match.
fn fragment_of(snippet: &Snippet, body: &str) -> (String, Vec<Range<usize>>) {
    if body.chars().count() <= SNIPPET_CHARS {
        let shift = snippet.fragment_range().start;
        let ranges = snippet
            .highlighted()
            .iter()
            .map(|r| r.start + shift..r.end + shift)
            .collect();
        return (body.to_string(), ranges);
    }
    if !snippet.fragment().is_empty() {
        return (
            snippet.fragment().to_string(),
            snippet.highlighted().to_vec(),
        );
    }
    let mut end = body.len().min(SNIPPET_CHARS);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    (body[..end].to_string(), Vec::new())
}

/// `text` HTML-escaped with each range wrapped in `<b>`…`</b>`.
fn html_marked(text: &str, ranges: &[Range<usize>]) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = String::with_capacity(text.len() + ranges.len() * 7);
    let mut pos = 0;
    for r in ranges.iter().filter(|r| r.end <= text.len()) {
        if r.start < pos {
            continue;
        }
        out.push_str(&escape(&text[pos..r.start]));
        out.push_str("<b>");
        out.push_str(&escape(&text[r.clone()]));
        out.push_str("</b>");
        pos = r.end;
    }
    out.push_str(&escape(&text[pos..]));
    out
}

/// `text` with each range wrapped in `open`…`close`.
pub fn marked(text: &str, ranges: &[Range<usize>], open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * (open.len() + close.len()));
    let mut pos = 0;
    for r in ranges {
        if r.start < pos || r.end > text.len() {
            continue;
        }
        out.push_str(&text[pos..r.start]);
        out.push_str(open);
        out.push_str(&text[r.clone()]);
        out.push_str(close);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    out
}
