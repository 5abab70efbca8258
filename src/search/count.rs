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
use tantivy::{DocAddress, Score, Searcher};

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
    let bound = match counting {
        Counting::Exact => usize::MAX,
        Counting::UpTo(bound) => bound,
    };
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut best = Best::new(limit.saturating_add(offset));
    let mut matches = 0usize;
    let mut relation = Relation::Eq;
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let alive = reader.alive_bitset();
        let ord = ord as u32;
        // While counting, every match is asked for (threshold: none); past
        // the bound, only those that would enter the best.
        let threshold = |best: &Best, relation| match relation {
            Relation::Eq => Score::MIN,
            Relation::Gte => best.threshold(),
        };
        let start = threshold(&best, relation);
        weight.for_each_pruning(start, reader, &mut |doc, score| {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                if relation == Relation::Eq {
                    if matches == bound {
                        relation = Relation::Gte;
                    } else {
                        matches += 1;
                    }
                }
                best.push(score, DocAddress::new(ord, doc));
            }
            threshold(&best, relation)
        })?;
    }
    let ranked = best.into_sorted().into_iter().skip(offset).collect();
    Ok((ranked, matches, relation))
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
