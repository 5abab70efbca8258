//! Reports of the same quotation: other documents quoting the same words
//! (by their word trigrams, indexed with each quotation), counted and
//! listed for a hit.

use std::collections::{BTreeSet, HashMap};

use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Searcher, Term, TERMINATED};

use super::{Hit, SearchError};
use crate::index::document::speaker_last;
use crate::index::Fields;
use crate::same_quote;

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

/// Finds the reports of a quotation hit: the direct quotations that share
/// its word trigrams closely enough (see [`same_quote`]) and a speaker.
/// Each quotation's trigrams are indexed, so the count of a candidate's
/// postings among the hit's trigrams is how many it shares; its trigram
/// count, speaker, article and offset are fast columns. No document is
/// read and nothing is scored, and the answer is exact: a deleted or
/// re-indexed article drops out of every group it was in.
pub(super) fn find_reports(
    f: &Fields,
    searcher: &Searcher,
    hit: &Hit,
) -> Result<Reports, SearchError> {
    let own = (hit.article.path.clone(), hit.start);
    let mut reports = Reports {
        members: BTreeSet::from([own.clone()]),
        name: (std::cmp::Reverse(hit.shingles.len()), own),
    };
    if hit.shingles.is_empty() {
        return Ok(reports);
    }
    let speaker = speaker_last(hit.speaker_id.as_deref().unwrap_or_default());
    let mut shared: HashMap<DocId, usize> = HashMap::new();
    let mut key = String::new();
    for segment in searcher.segment_readers() {
        shared.clear();
        let postings_of = segment.inverted_index(f.shingle)?;
        for &s in &hit.shingles {
            let term = Term::from_field_u64(f.shingle, s);
            let Some(mut postings) = postings_of
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            while postings.doc() != TERMINATED {
                *shared.entry(postings.doc()).or_default() += 1;
                postings.advance();
            }
        }
        if shared.is_empty() {
            continue;
        }
        let columns = segment.fast_fields();
        let counts = columns.u64("shingle_count")?;
        let speakers = columns.u64("speaker_last")?;
        let starts = columns.u64("start")?;
        let Some(articles) = columns.str("article")? else {
            continue;
        };
        for (&doc, &n) in &shared {
            if segment.alive_bitset().is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            let theirs = counts.first(doc).unwrap_or(0) as usize;
            let their_speaker = speakers.first(doc).unwrap_or(0);
            if !same_quote::same_counts(hit.shingles.len(), theirs, n)
                || (speaker != 0 && their_speaker != 0 && speaker != their_speaker)
            {
                continue;
            }
            key.clear();
            let Some(ord) = articles.term_ords(doc).next() else {
                continue;
            };
            articles
                .ord_to_str(ord, &mut key)
                .map_err(tantivy::TantivyError::from)?;
            let member = (
                crate::corpus::shown_key(&key),
                starts.first(doc).unwrap_or(0),
            );
            reports.name = reports
                .name
                .min((std::cmp::Reverse(theirs), member.clone()));
            reports.members.insert(member);
        }
    }
    Ok(reports)
}
