//! Reports of the same quotation: other documents quoting the same words
//! (by their word trigrams, indexed with each quotation), counted and
//! listed for a hit.

use std::collections::BTreeSet;

use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::{DocAddress, DocId, DocSet, Searcher, Term, TERMINATED};

use super::{Hit, SearchError};
use crate::index::document::Columns;
use crate::index::speaker_id;
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
/// Each quotation's trigram keys are indexed, so the count of a
/// candidate's postings among the hit's trigrams is how many it shares (or
/// a little more, where keys are shared by chance); its trigram count,
/// speaker and offset are fast columns. Only the candidates that pass are
/// read, for their article and, unless their keys decide beyond a chance
/// agreement ([`same_quote::same_by_keys`]), for their words, whose full
/// trigram hashes decide; nothing is scored, and the answer is exact: a
/// deleted or re-indexed article drops out of every group it was in.
pub(super) fn find_reports(
    f: &Fields,
    searcher: &Searcher,
    columns: &Columns,
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
    let speaker = speaker_id::last_word_hash(hit.speaker_id.as_deref().unwrap_or_default());
    // Each trigram's key, looked up in key order (neighbouring terms of the
    // dictionary); each counts once per trigram of the hit's: two of its
    // trigrams that share a key count twice, so a candidate is never
    // counted short of what it shares (its full hashes decide below).
    let mut keys: Vec<u64> = hit.shingles.iter().map(|&s| same_quote::key(s)).collect();
    keys.sort_unstable();
    // Every posting of every key, sorted: a document's run is how many keys
    // it shares. Common trigrams give thousands; sorting them costs less
    // than hashing them, and reads the columns below in document order.
    // Each key's postings are already in order: the stable sort merges
    // such runs (a third fewer instructions than an unstable sort here).
    let mut postings_seen: Vec<DocId> = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        postings_seen.clear();
        let postings_of = segment.inverted_index(f.shingle)?;
        let own_segment = ord as u32 == hit.address.segment_ord;
        for &key in &keys {
            let term = Term::from_field_u64(f.shingle, key);
            let Some(info) = postings_of
                .get_term_info(&term)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            if own_segment && info.doc_freq == 1 {
                // The hit's own key, which no other document has: its
                // postings are the hit alone, and need no reading.
                continue;
            }
            let mut postings = postings_of
                .read_postings_from_terminfo(&info, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?;
            while postings.doc() != TERMINATED {
                postings_seen.push(postings.doc());
                postings.advance();
            }
        }
        postings_seen.sort();
        for run in postings_seen.chunk_by(|a, b| a == b) {
            let (doc, n) = (run[0], run.len());
            let at = DocAddress::new(ord as u32, doc);
            if at == hit.address {
                // The hit itself, a member already.
                continue;
            }
            if segment.alive_bitset().is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            let theirs = columns.shingle_count(at);
            if !same_quote::same_counts(hit.shingles.len(), theirs, n) {
                continue;
            }
            let their_speaker = columns.speaker_last(at);
            if speaker != 0 && their_speaker != 0 && speaker != their_speaker {
                continue;
            }
            // The article's key from the document store (its blocks are
            // cached): the dictionary of a string column would cost a
            // decompressor set up per look-up. Keys shared by chance are
            // told apart by the full hashes of its words, below, unless
            // the keys decide.
            let stored: TantivyDocument = searcher.doc(at)?;
            let Some(key) = stored.get_first(f.article).and_then(|v| v.as_str()) else {
                continue;
            };
            let member = (crate::corpus::shown_key(key), columns.span(at).start);
            if reports.members.contains(&member) {
                // Another document of a member (an article indexed twice
                // under one key): its words need no second reading.
                continue;
            }
            // A quotation's words are cut from its passage, read for them
            // when the keys alone do not decide.
            if !same_quote::same_by_keys(hit.shingles.len(), theirs, n) {
                let theirs_text = super::hit::statement_words(searcher, f, columns, &stored, at)?;
                if !theirs_text.is_some_and(|t| {
                    same_quote::same_words(&hit.shingles, &same_quote::shingles(&t))
                }) {
                    continue;
                }
            }
            reports.name = reports
                .name
                .min((std::cmp::Reverse(theirs), member.clone()));
            reports.members.insert(member);
        }
    }
    Ok(reports)
}
