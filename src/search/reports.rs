//! Reports of the same quotation: other documents quoting the same words
//! (by their rarest shingles), counted and listed for a hit.

use std::collections::BTreeSet;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::{Searcher, Term};

use super::{Hit, SearchError};
use crate::index::QuarryIndex;
use crate::same_quote;

use super::hit::{clean_speaker_id, text_of};

/// How many candidate reports of one quotation are compared with it.
pub(super) const REPORT_CANDIDATES: usize = 64;
/// How many of a quotation's rarest words find its candidate reports.
pub(super) const REPORT_TERMS: usize = 4;

/// The reports of one quotation: (article, start) of each, and the one
/// whose wording is longest, which names the group.
#[derive(Clone)]
pub(super) struct Reports {
    members: BTreeSet<(String, u64)>,
    name: (std::cmp::Reverse<usize>, (String, u64)),
}

impl Reports {
    /// Sets the hit's `quote_id`, `reported_by` and `count`.
    pub(super) fn apply(mut self, hit: &mut Hit) {
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
pub(super) fn find_reports(
    qi: &QuarryIndex,
    searcher: &Searcher,
    hit: &Hit,
) -> Result<Reports, SearchError> {
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
pub(super) fn rarest_terms(
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
