//! The best matches of a request and how many match: exactly up to a
//! bound, then "at least the bound", as Elasticsearch's
//! `track_total_hits` does. Counting every match means scoring every
//! match, which turns off the pruning (block-max WAND) that lets a ranked
//! search skip the documents that cannot make its page; so ranking and
//! counting are one pass, which prunes once the bound is passed.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use serde::Serialize;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocSet, Score, Searcher, TERMINATED};

use super::SearchError;

/// Matches counted exactly before a count says "or more".
pub const COUNT_BOUND: usize = 10_000;

/// How far a request's matches are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counting {
    /// Exactly up to this many, then "at least this many".
    UpTo(usize),
    /// Every match, whatever it costs.
    Exact,
}

impl Default for Counting {
    fn default() -> Self {
        Counting::UpTo(COUNT_BOUND)
    }
}

impl Counting {
    /// Reads `exact` or a bound (a whole number ≥ 1), as requests give it.
    pub fn parse(text: &str) -> Result<Counting, String> {
        match text.trim() {
            "exact" => Ok(Counting::Exact),
            n => match n.parse::<usize>() {
                Ok(bound) if bound > 0 => Ok(Counting::UpTo(bound)),
                _ => Err(format!(
                    "count {text:?}: expected \"exact\" or a whole number from 1"
                )),
            },
        }
    }

    /// The counting of a page of `shown` hits: a bound below it is raised
    /// to it, so that no count says fewer matches than the hits shown.
    pub fn covering(self, shown: usize) -> Counting {
        match self {
            Counting::UpTo(bound) => Counting::UpTo(bound.max(shown)),
            Counting::Exact => Counting::Exact,
        }
    }
}

/// Live matches counted exactly up to a bound, then "at least the bound".
struct Tally {
    matches: usize,
    bound: usize,
    relation: Relation,
}

impl Tally {
    fn new(counting: Counting) -> Tally {
        let bound = match counting {
            Counting::Exact => usize::MAX,
            Counting::UpTo(bound) => bound,
        };
        Tally {
            matches: 0,
            bound,
            relation: Relation::Eq,
        }
    }

    /// Counts one more match; says whether the bound is passed.
    fn add(&mut self) -> bool {
        if self.relation == Relation::Eq {
            if self.matches == self.bound {
                self.relation = Relation::Gte;
            } else {
                self.matches += 1;
            }
        }
        self.relation == Relation::Gte
    }
}

/// What a count is of the matches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// Every match.
    #[default]
    Eq,
    /// A lower bound: counting stopped there.
    Gte,
}

/// The best `limit` matches of `query` by score after the first `offset`,
/// best first (equal scores in index order, as tantivy's `TopDocs`), with
/// the number of live matches and whether that is all of them.
pub fn top_by_score(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    offset: usize,
    counting: Counting,
) -> Result<Counted, SearchError> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut best = Best::new(limit.saturating_add(offset));
    let mut tally = Tally::new(counting);
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let alive = reader.alive_bitset();
        let ord = ord as u32;
        // While counting, every match is asked for (threshold: none); past
        // the bound, only those that would enter the best.
        let threshold = |best: &Best, tally: &Tally| match tally.relation {
            Relation::Eq => Score::MIN,
            Relation::Gte => best.threshold(),
        };
        let start = threshold(&best, &tally);
        weight.for_each_pruning(start, reader, &mut |doc, score| {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                tally.add();
                best.push(score, DocAddress::new(ord, doc));
            }
            threshold(&best, &tally)
        })?;
    }
    let ranked = best.into_sorted().into_iter().skip(offset).collect();
    Ok((ranked, tally.matches, tally.relation))
}

/// [`top_by_score`] of a query whose matches of each of `first` (`query`'s
/// matches that are also another's, with `query`'s scores, best first,
/// each within the next) rank above all its others. When those of one
/// fill the page, the page is theirs, and the other matches are only
/// counted, not scored: a union of common words scores hundreds of
/// thousands of documents that cannot make the page, where the few
/// holding all of them are found by seeking, and counting stops at the
/// bound.
pub fn top_by_score_first(
    searcher: &Searcher,
    query: &dyn Query,
    first: &[Box<dyn Query>],
    limit: usize,
    offset: usize,
    counting: Counting,
) -> Result<Counted, SearchError> {
    for first in first {
        let (ranked, matches, relation) =
            top_by_score(searcher, &**first, limit, offset, counting)?;
        if ranked.len() == limit {
            let (matches, relation) = match relation {
                // They alone pass the bound: so do all the matches.
                Relation::Gte => (matches, Relation::Gte),
                Relation::Eq => count(searcher, query, counting)?,
            };
            return Ok((ranked, matches, relation));
        }
    }
    top_by_score(searcher, query, limit, offset, counting)
}

/// How many live documents match `query`, exactly up to the bound of
/// `counting` (as [`top_by_score`] counts them), without scoring them.
fn count(
    searcher: &Searcher,
    query: &dyn Query,
    counting: Counting,
) -> Result<(usize, Relation), SearchError> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut tally = Tally::new(counting);
    for reader in searcher.segment_readers() {
        let alive = reader.alive_bitset();
        let mut docs = weight.scorer(reader, 1.0)?;
        let mut doc = docs.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) && tally.add() {
                return Ok((tally.matches, tally.relation));
            }
            doc = docs.advance();
        }
    }
    Ok((tally.matches, tally.relation))
}

/// Ranked matches, how many match, and whether that is all of them.
pub type Counted = (Vec<(Score, DocAddress)>, usize, Relation);

/// A match in the running best: a higher score is better, and of equal
/// scores the earlier document.
#[derive(Clone, Copy, PartialEq)]
struct Ranked(Score, DocAddress);

impl Eq for Ranked {}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .partial_cmp(&other.0)
            .unwrap_or(Ordering::Equal)
            .then_with(|| other.1.cmp(&self.1))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The `k` best matches so far (a min-heap: the worst on top).
struct Best {
    heap: BinaryHeap<Reverse<Ranked>>,
    k: usize,
}

impl Best {
    fn new(k: usize) -> Best {
        // Not `with_capacity(k)`: k is what was asked, not what matches.
        Best {
            heap: BinaryHeap::new(),
            k,
        }
    }

    /// Matches arrive in index order, so a later one with the worst's
    /// score does not displace it.
    fn push(&mut self, score: Score, addr: DocAddress) {
        let entry = Ranked(score, addr);
        if self.heap.len() < self.k {
            self.heap.push(Reverse(entry));
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if score > worst.0 .0 {
                *worst = Reverse(entry);
            }
        }
    }

    /// The score a match must pass to enter.
    fn threshold(&self) -> Score {
        match self.heap.peek() {
            Some(worst) if self.heap.len() == self.k => worst.0 .0,
            _ => Score::MIN,
        }
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let mut all: Vec<Ranked> = self.heap.into_iter().map(|r| r.0).collect();
        all.sort_by(|a, b| b.cmp(a));
        all.into_iter().map(|Ranked(s, a)| (s, a)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_are_kept_best_first_and_ties_by_index_order() {
        let at = |d| DocAddress::new(0, d);
        let mut best = Best::new(3);
        for (d, score) in [(0, 1.0), (1, 3.0), (2, 2.0), (3, 3.0), (4, 2.0), (5, 0.5)] {
            best.push(score, at(d));
        }
        assert_eq!(best.threshold(), 2.0);
        assert_eq!(
            best.into_sorted(),
            vec![(3.0, at(1)), (3.0, at(3)), (2.0, at(2))]
        );
        let mut none = Best::new(0);
        none.push(1.0, at(0));
        assert!(none.into_sorted().is_empty());
    }

    /// The page and count of a ranking whose first matches are sought
    /// are those of walking all of it, whether they fill the page or not.
    #[test]
    fn a_page_of_the_first_matches_is_the_whole_rankings_page() {
        use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, TermQuery};
        use tantivy::schema::{IndexRecordOption, Schema, TEXT};
        use tantivy::{doc, Index, IndexWriter, Term};
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..2000u32 {
            let words: Vec<&str> = [("red", 3), ("fox", 7), ("den", 11), ("red", 13), ("cub", 2)]
                .iter()
                .filter(|(_, every)| i % every == 0)
                .map(|(w, _)| *w)
                .collect();
            writer.add_document(doc!(text => words.join(" "))).unwrap();
        }
        // Deleted documents are neither counted nor shown.
        writer.delete_term(Term::from_field_text(text, "den"));
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(text, w),
                IndexRecordOption::WithFreqs,
            ))
        };
        for words in [&["red", "fox"][..], &["fox", "den"], &["red", "fox", "den"]] {
            let every: Box<dyn Query> = Box::new(BooleanQuery::new(
                words.iter().map(|w| (Occur::Must, term(w))).collect(),
            ));
            // Two tiers, as a question's: every word with "cub" above
            // every word, above the rest.
            let with_cub: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                (Occur::Must, every.box_clone()),
                (Occur::Must, term("cub")),
            ]));
            let mut clauses: Vec<Box<dyn Query>> = words.iter().map(|w| term(w)).collect();
            clauses.push(Box::new(ConstScoreQuery::new(every.box_clone(), 100.0)));
            clauses.push(Box::new(ConstScoreQuery::new(with_cub.box_clone(), 300.0)));
            let ranked: Box<dyn Query> = Box::new(crate::search::AnyOf::new(clauses));
            let first: Vec<Box<dyn Query>> = [with_cub, every]
                .into_iter()
                .map(|tier| -> Box<dyn Query> {
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Must, ranked.box_clone()),
                        (Occur::Must, Box::new(ConstScoreQuery::new(tier, 0.0))),
                    ]))
                })
                .collect();
            for (limit, offset) in [(1, 0), (10, 0), (10, 40), (60, 0), (100, 0), (500, 0)] {
                for counting in [Counting::UpTo(20), Counting::UpTo(10_000), Counting::Exact] {
                    let walked =
                        top_by_score(&searcher, &*ranked, limit, offset, counting).unwrap();
                    let sought =
                        top_by_score_first(&searcher, &*ranked, &first, limit, offset, counting)
                            .unwrap();
                    assert_eq!(walked, sought, "{words:?} {limit} {offset} {counting:?}");
                }
            }
        }
    }

    #[test]
    fn counting_reads_exact_or_a_bound() {
        assert_eq!(Counting::parse("exact"), Ok(Counting::Exact));
        assert_eq!(Counting::parse("500"), Ok(Counting::UpTo(500)));
        for bad in ["0", "-1", "all", ""] {
            let e = Counting::parse(bad).unwrap_err();
            assert!(e.contains("expected \"exact\""), "{e}");
        }
        assert_eq!(Counting::UpTo(5).covering(20), Counting::UpTo(20));
        assert_eq!(Counting::UpTo(50).covering(20), Counting::UpTo(50));
        assert_eq!(Counting::Exact.covering(20), Counting::Exact);
    }
}
