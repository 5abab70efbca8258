//! Query → ranked hits with highlights. Renders nothing: `output` does that.

use std::collections::{BTreeSet, HashMap};
use std::ops::{Bound, Range};
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{DateTime, DocAddress, Order, Searcher, Term};
use thiserror::Error;
use time::Date;

use crate::extract::names::fold_tokens;
use crate::index::document::DocKind;
use crate::index::schema::SINGLE_NAME;
use crate::index::{Fields, QuarryIndex};
use crate::meta::{format_date, from_index_date, to_index_date};
use crate::query::{understand, Refused, Understood};
use crate::same_quote;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 320;

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

/// How many candidate reports of one quotation are compared with it.
const REPORT_CANDIDATES: usize = 64;
/// How many of a quotation's rarest words find its candidate reports.
const REPORT_TERMS: usize = 4;

/// Longest query read, in bytes: parsing costs hundreds of bytes of memory
/// per byte of query, and no question needs more.
pub const MAX_QUERY_BYTES: usize = 32 * 1024;
/// Deepest nesting of parentheses: the query parser recurses on each level.
pub const MAX_QUERY_DEPTH: usize = 100;
/// How much of a bad query an error message repeats.
const QUERY_SHOWN_CHARS: usize = 80;

/// Why a search could not run.
#[derive(Debug, Error)]
pub enum SearchError {
    #[error("invalid query {}: {reason}", shown_query(query))]
    BadQuery { query: String, reason: String },
    #[error(transparent)]
    Index(#[from] tantivy::TantivyError),
}

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
    /// Byte ranges of the matches in the plain fragment text.
    pub highlights: Vec<Range<usize>>,
    /// The plain fragment text (what `highlights` point into).
    #[serde(skip)]
    pub fragment: String,
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
    shingles: Vec<u64>,
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

/// Reads the user's query (see [`crate::query`]) after checking its size.
pub fn parse_query(
    qi: &QuarryIndex,
    searcher: &Searcher,
    req: &Request,
) -> Result<Understood, SearchError> {
    let bad = |reason: String| SearchError::BadQuery {
        query: req.query.clone(),
        reason,
    };
    check_query_size(&req.query).map_err(bad)?;
    understand(qi, searcher, &req.query, req.strict).map_err(|e| match e {
        Refused::Invalid(reason) => bad(reason),
        Refused::Index(e) => SearchError::Index(e),
    })
}

/// Refuses queries too long or too deeply nested to parse safely.
fn check_query_size(query: &str) -> Result<(), String> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(format!(
            "the query is {} bytes long; at most {} KiB",
            query.len(),
            MAX_QUERY_BYTES / 1024
        ));
    }
    let (mut depth, mut deepest, mut quoted) = (0usize, 0usize, false);
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_QUERY_DEPTH {
        return Err(format!(
            "parentheses nest {deepest} deep; at most {MAX_QUERY_DEPTH}"
        ));
    }
    Ok(())
}

/// The start of a query, for messages: a whole 30 KB query is no help.
fn shown_query(query: &str) -> String {
    if query.chars().count() <= QUERY_SHOWN_CHARS {
        return format!("{query:?}");
    }
    let head: String = query.chars().take(QUERY_SHOWN_CHARS).collect();
    format!("{head:?}… ({} bytes)", query.len())
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
    let kind = if req.group_quotes {
        // Only quotations are reported word for word by several articles.
        Kind::Quote
    } else if (req.speakers.is_empty() && req.outlets.is_empty())
        || matches!(req.kind, Kind::Quote | Kind::Reported)
    {
        req.kind
    } else {
        // Only statements have speakers and outlets.
        Kind::Statement
    };
    let kinds: Vec<(Occur, Box<dyn Query>)> = kind
        .terms()
        .iter()
        .map(|k| -> (Occur, Box<dyn Query>) {
            let term = Term::from_field_text(f.kind, k.as_str());
            (
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            )
        })
        .collect();
    if !kinds.is_empty() {
        filters.push(Box::new(BooleanQuery::new(kinds)));
    }
    // "Mr. Rubio" and "Sen. Rubio" are Rubio, as speakers are stored.
    let speakers: Vec<String> = req
        .speakers
        .iter()
        .map(|s| crate::extract::display_name::clean(s).unwrap_or_else(|| s.clone()))
        .collect();
    filters.extend(name_filter(f.speaker_id, &speakers, true));
    filters.extend(name_filter(f.outlet_id, &req.outlets, false));
    filters.extend(name_filter(f.publisher_id, &req.publishers, false));
    if req.since.is_some() || req.until.is_some() {
        let day = |d: Date| Term::from_field_date_for_search(f.date, to_index_date(d));
        let lower = req
            .since
            .map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
        let upper = req
            .until
            .map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
        filters.push(Box::new(RangeQuery::new(lower, upper)));
    }
    for filter in filters {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    Box::new(BooleanQuery::new(clauses))
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
    let mut quote_snippets = SnippetGenerator::create(&searcher, &*query, f.quote)?;
    quote_snippets.set_max_num_chars(SNIPPET_CHARS);
    let mut passage_snippets = SnippetGenerator::create(&searcher, &*query, f.passage)?;
    passage_snippets.set_max_num_chars(SNIPPET_CHARS);
    let mut hits = docs
        .into_iter()
        .map(|(score, addr)| {
            to_hit(
                &searcher,
                f,
                &qi.manifest.roots,
                score,
                addr,
                &quote_snippets,
                &passage_snippets,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Hits are often reports of one quotation: look each wording up once.
    let mut known: HashMap<(String, Option<String>), Reports> = HashMap::new();
    for hit in hits.iter_mut().filter(|h| h.kind == DocKind::Quote) {
        let key = (
            hit.quote.clone().unwrap_or_default(),
            hit.speaker_id.clone(),
        );
        let reports = match known.get(&key) {
            Some(r) => r.clone(),
            None => {
                let r = find_reports(qi, &searcher, hit)?;
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

/// The reports of one quotation: (article, start) of each, and the one
/// whose wording is longest, which names the group.
#[derive(Clone)]
struct Reports {
    members: BTreeSet<(String, u64)>,
    name: (std::cmp::Reverse<usize>, (String, u64)),
}

impl Reports {
    /// Sets the hit's `quote_id`, `reported_by` and `count`.
    fn apply(mut self, hit: &mut Hit) {
        let own = (hit.article.path.clone(), hit.start);
        self.name = self
            .name
            .min((std::cmp::Reverse(hit.shingles.len()), own.clone()));
        self.members.insert(own);
        let (_, (article, start)) = self.name;
        let id = xxhash_rust::xxh3::xxh3_64(format!("{article}\0{start}").as_bytes());
        let articles: Vec<String> = self
            .members
            .into_iter()
            .map(|(a, _)| a)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        hit.quote_id = Some(format!("{id:016x}"));
        hit.count = Some(articles.len());
        hit.reported_by = Some(articles);
    }
}

/// Finds the reports of a quotation hit: quotations that share its word
/// trigrams closely enough (see [`same_quote`]) and a speaker. The
/// candidates come from a query on the quote's rarest words, so the index
/// needs no term per trigram (which cost 30% of indexing time).
fn find_reports(qi: &QuarryIndex, searcher: &Searcher, hit: &Hit) -> Result<Reports, SearchError> {
    let f = &qi.fields;
    let own = (hit.article.path.clone(), hit.start);
    let mut reports = Reports {
        members: BTreeSet::from([own.clone()]),
        name: (std::cmp::Reverse(hit.shingles.len()), own),
    };
    let words = rarest_terms(qi, searcher, hit.quote.as_deref().unwrap_or_default())?;
    if hit.shingles.is_empty() || words.is_empty() {
        return Ok(reports);
    }
    let terms: Vec<(Occur, Box<dyn Query>)> = words
        .into_iter()
        .map(|term| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
            (Occur::Should, q)
        })
        .collect();
    // The best-scoring quotations on the rarest words share most of them; a
    // plain union keeps tantivy's block-max WAND, which a minimum number of
    // required words would turn off (that cost most of a query's time).
    let query = BooleanQuery::new(terms);
    let candidates = searcher.search(
        &query,
        &TopDocs::with_limit(REPORT_CANDIDATES).order_by_score(),
    )?;
    for (_, addr) in candidates {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let shingles = same_quote::from_tokens(&text_of(&doc, f.shingles).unwrap_or_default());
        let speaker = text_of(&doc, f.speaker_id).map(|s| clean_speaker_id(&s));
        if same_quote::same_words(&hit.shingles, &shingles)
            && same_quote::same_speaker(hit.speaker_id.as_deref(), speaker.as_deref())
        {
            let key = crate::corpus::shown_key(&text_of(&doc, f.article).unwrap_or_default());
            let start = doc.get_first(f.start).and_then(|v| v.as_u64()).unwrap_or(0);
            reports.name = reports
                .name
                .min((std::cmp::Reverse(shingles.len()), (key.clone(), start)));
            reports.members.insert((key, start));
        }
    }
    Ok(reports)
}

/// The quote field's terms of `text` that the fewest quotations share, at
/// most [`REPORT_TERMS`] of them: what another report of it must contain.
fn rarest_terms(
    qi: &QuarryIndex,
    searcher: &Searcher,
    text: &str,
) -> Result<Vec<Term>, SearchError> {
    let f = qi.fields.quote;
    let mut analyzer = qi.index.tokenizer_for_field(f)?;
    let mut stream = analyzer.token_stream(text);
    let mut terms = BTreeSet::new();
    while stream.advance() {
        terms.insert(stream.token().text.clone());
    }
    let mut scored = Vec::with_capacity(terms.len());
    for t in terms {
        let term = Term::from_field_text(f, &t);
        let df = searcher.doc_freq(&term)?;
        if df > 0 {
            scored.push((df, term));
        }
    }
    scored.sort_by_key(|(df, _)| *df);
    Ok(scored
        .into_iter()
        .take(REPORT_TERMS)
        .map(|(_, t)| t)
        .collect())
}

/// A stored speaker id without the single-name marker.
fn clean_speaker_id(id: &str) -> String {
    id.replace(SINGLE_NAME, "").trim().to_string()
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn to_hit(
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
    let end = body.floor_char_boundary(SNIPPET_CHARS);
    (body[..end].to_string(), Vec::new())
}

/// `text` HTML-escaped with each range wrapped in `<b>`…`</b>`. Quotes are
/// escaped too, so the snippet is safe inside an attribute value as well.
fn html_marked(text: &str, ranges: &[Range<usize>]) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_safe_in_html_text_and_attributes() {
        let text = r#"It's "a <b>" & more"#;
        let ranges: Vec<Range<usize>> = vec![Range { start: 5, end: 8 }];
        let marked = html_marked(text, &ranges);
        assert_eq!(marked, "It&#39;s <b>&quot;a </b>&lt;b&gt;&quot; &amp; more");
    }

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
