//! The best matches of a request and how many match: exactly up to a
//! bound, then "at least the bound", as Elasticsearch's
//! `track_total_hits` does. Counting every match means scoring every
//! match, which turns off the pruning (block-max WAND) that lets a ranked
//! search skip the documents that cannot make its page; so ranking and
//! counting are one pass, which prunes once the bound is passed.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use serde::Serialize;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::{DocAddress, DocSet, Score, Searcher, TERMINATED};

use super::{AnyOf, SearchError};

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

    /// A tally that starts past its bound when the index's statistics
    /// already show more live matches than the bound ([`fewest_matches`]):
    /// then no match needs to be counted, and ranking prunes from the
    /// first. It says what counting would have said: the bound, "or more".
    fn of(counting: Counting, searcher: &Searcher, parts: &[&dyn Query]) -> Tally {
        let mut tally = Tally::new(counting);
        if let Counting::UpTo(bound) = counting {
            let deleted: u64 = searcher
                .segment_readers()
                .iter()
                .map(|r| u64::from(r.num_deleted_docs()))
                .sum();
            let fewest: u64 = parts.iter().map(|q| fewest_matches(searcher, *q)).sum();
            if fewest.saturating_sub(deleted) > bound as u64 {
                tally.matches = bound;
                tally.relation = Relation::Gte;
            }
        }
        tally
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

/// At least how many documents (deleted ones included) match `query`, from
/// its terms' document frequencies: a term's own; a union's most
/// frequent member's; 0 where no bound is known (an intersection, a
/// phrase, a filter, a boost).
fn fewest_matches(searcher: &Searcher, query: &dyn Query) -> u64 {
    if let Some(term) = query.downcast_ref::<TermQuery>() {
        return searcher.doc_freq(term.term()).unwrap_or(0);
    }
    let members: Vec<&dyn Query> = if let Some(any) = query.downcast_ref::<AnyOf>() {
        any.queries().iter().map(|q| &**q).collect()
    } else if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        let clauses = boolean.clauses();
        if boolean.get_minimum_number_should_match() > 1
            || clauses.iter().any(|(occur, _)| *occur != Occur::Should)
        {
            return 0;
        }
        clauses.iter().map(|(_, q)| &**q).collect()
    } else {
        return 0;
    };
    members
        .into_iter()
        .map(|q| fewest_matches(searcher, q))
        .max()
        .unwrap_or(0)
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
/// best first (equal scores in `tie` order), with the number of live
/// matches and whether that is all of them.
pub fn top_by_score(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    offset: usize,
    counting: Counting,
    tie: Tie,
) -> Result<Counted, SearchError> {
    top_by_score_of_parts(searcher, &[query], limit, offset, counting, tie)
}

/// [`top_by_score`] of the union of `parts`, which no document matches two
/// of: each is ranked in turn into one running best, so that a later part
/// is pruned by what the earlier ones found, and counted into one tally.
pub fn top_by_score_of_parts(
    searcher: &Searcher,
    parts: &[&dyn Query],
    limit: usize,
    offset: usize,
    counting: Counting,
    tie: Tie,
) -> Result<Counted, SearchError> {
    let mut best = Best::new(limit.saturating_add(offset), tie);
    let mut tally = Tally::of(counting, searcher, parts);
    // While counting, every match is asked for (threshold: none); past
    // the bound, only those that would enter the best.
    let threshold = |best: &Best<Score>, tally: &Tally| match tally.relation {
        Relation::Eq => Score::MIN,
        Relation::Gte => best.threshold(),
    };
    for part in parts {
        let weight = part.weight(EnableScoring::enabled_from_searcher(searcher))?;
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let alive = reader.alive_bitset();
            let ord = ord as u32;
            let start = threshold(&best, &tally);
            weight.for_each_pruning(start, reader, &mut |doc, score| {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    tally.add();
                    best.push(score, DocAddress::new(ord, doc));
                }
                threshold(&best, &tally)
            })?;
        }
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
    tie: Tie,
) -> Result<Counted, SearchError> {
    for first in first {
        let (ranked, matches, relation) =
            top_by_score(searcher, &**first, limit, offset, counting, tie)?;
        if ranked.len() == limit {
            let (matches, relation) = match relation {
                // They alone pass the bound: so do all the matches.
                Relation::Gte => (matches, Relation::Gte),
                Relation::Eq => count(searcher, query, counting)?,
            };
            return Ok((ranked, matches, relation));
        }
    }
    top_by_score(searcher, query, limit, offset, counting, tie)
}

/// The `limit` newest matches of `query` after the first `offset`, newest
/// first (of one day in `tie` order, undated ones last), with their number:
/// every match is read, and counted. `day` gives a match's date in seconds.
pub fn top_by_date(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    offset: usize,
    tie: Tie,
    day: &dyn Fn(DocAddress) -> Option<i64>,
) -> Result<Counted, SearchError> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    // Undated matches rank below every day.
    let mut best = Best::new(limit.saturating_add(offset), tie);
    let mut matches = 0;
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let alive = reader.alive_bitset();
        let mut docs = weight.scorer(reader, 1.0)?;
        let mut doc = docs.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                matches += 1;
                let at = DocAddress::new(ord as u32, doc);
                best.push(day(at).unwrap_or(i64::MIN), at);
            }
            doc = docs.advance();
        }
    }
    let ranked = best
        .into_sorted()
        .into_iter()
        .skip(offset)
        .map(|(_, at)| (0.0, at))
        .collect();
    Ok((ranked, matches, Relation::Eq))
}

/// How many live documents match `query`, exactly up to the bound of
/// `counting` (as [`top_by_score`] counts them), without scoring them.
fn count(
    searcher: &Searcher,
    query: &dyn Query,
    counting: Counting,
) -> Result<(usize, Relation), SearchError> {
    let mut tally = Tally::of(counting, searcher, &[query]);
    if tally.relation == Relation::Gte {
        return Ok((tally.matches, tally.relation));
    }
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
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

/// What orders matches of equal score, the same in every build of the
/// same articles ([`crate::index::document::Columns::tie_key`]): document
/// addresses depend on how documents were shared among indexing threads
/// and segments, so ties broken by them would reorder a page after a
/// rebuild.
pub type Tie<'t> = &'t dyn Fn(DocAddress) -> u64;

/// A match in the running best: a higher `key` (score, or day) is better,
/// and of equal keys the one with the lower tie key (then the earlier
/// document, for tie keys that a damaged index repeats).
#[derive(Clone, Copy, PartialEq)]
struct Ranked<K> {
    key: K,
    tie: u64,
    at: DocAddress,
}

impl<K: PartialOrd> Eq for Ranked<K> {}

impl<K: PartialOrd> Ord for Ranked<K> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .partial_cmp(&other.key)
            .unwrap_or(Ordering::Equal)
            .then_with(|| (other.tie, other.at).cmp(&(self.tie, self.at)))
    }
}

impl<K: PartialOrd> PartialOrd for Ranked<K> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The `k` best matches so far by `K` (a min-heap: the worst on top).
struct Best<'t, K> {
    heap: BinaryHeap<Reverse<Ranked<K>>>,
    k: usize,
    tie: Tie<'t>,
}

impl<'t, K: PartialOrd + Copy> Best<'t, K> {
    fn new(k: usize, tie: Tie<'t>) -> Best<'t, K> {
        // Not `with_capacity(k)`: k is what was asked, not what matches.
        Best {
            heap: BinaryHeap::new(),
            k,
            tie,
        }
    }

    /// A tie key is read only for a match that enters, or that has the
    /// worst's key: most matches are decided by their key alone.
    fn push(&mut self, key: K, at: DocAddress) {
        if self.heap.len() < self.k {
            let tie = (self.tie)(at);
            self.heap.push(Reverse(Ranked { key, tie, at }));
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if key >= worst.0.key {
                let entry = Ranked {
                    key,
                    tie: (self.tie)(at),
                    at,
                };
                if entry > worst.0 {
                    *worst = Reverse(entry);
                }
            }
        }
    }

    fn into_sorted(self) -> Vec<(K, DocAddress)> {
        let mut all: Vec<Ranked<K>> = self.heap.into_iter().map(|r| r.0).collect();
        all.sort_by(|a, b| b.cmp(a));
        all.into_iter().map(|r| (r.key, r.at)).collect()
    }
}

impl Best<'_, Score> {
    /// The score a match must pass to be offered: just under the worst's,
    /// so that a match of equal score is weighed by its tie key.
    fn threshold(&self) -> Score {
        match self.heap.peek() {
            Some(worst) if self.heap.len() == self.k => worst.0.key.next_down(),
            _ => Score::MIN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Field, IndexRecordOption};
    use tantivy::{Index, IndexWriter, Term};

    /// The words of the `i`-th document of a made-up index: each word of
    /// `every` whose period divides `i`.
    fn words_of(i: u32, every: &[(&str, u32)]) -> String {
        let words: Vec<&str> = every
            .iter()
            .filter(|(_, period)| i.is_multiple_of(*period))
            .map(|(w, _)| *w)
            .collect();
        words.join(" ")
    }

    /// A scored query for `word` in `field`.
    fn term(field: Field, word: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, word),
            IndexRecordOption::WithFreqs,
        ))
    }

    /// A writer of one thread: documents in the order they are added.
    fn writer_of(index: &Index) -> IndexWriter {
        index.writer_with_num_threads(1, 15_000_000).unwrap()
    }

    #[test]
    fn the_best_are_kept_best_first_and_ties_by_their_key_whatever_the_order() {
        let at = |d| DocAddress::new(0, d);
        // Keys run against document order, as another build's could.
        let tie = |a: DocAddress| 100 - u64::from(a.doc_id);
        let matches = [(0, 1.0), (1, 3.0), (2, 2.0), (3, 3.0), (4, 2.0), (5, 0.5)];
        let best_of = |order: &[(u32, f32)]| {
            let mut best = Best::new(3, &tie);
            for &(d, score) in order {
                best.push(score, at(d));
            }
            (best.threshold(), best.into_sorted())
        };
        let (threshold, sorted) = best_of(&matches);
        // Just under the worst's score: an equal score is still offered.
        assert!(threshold < 2.0 && threshold.next_up() == 2.0, "{threshold}");
        assert_eq!(sorted, vec![(3.0, at(3)), (3.0, at(1)), (2.0, at(4))]);
        let mut reversed = matches;
        reversed.reverse();
        assert_eq!(best_of(&reversed).1, sorted);
        let mut none = Best::new(0, &tie);
        none.push(1.0, at(0));
        assert!(none.into_sorted().is_empty());
    }

    /// The page and count of a ranking whose first matches are sought
    /// are those of walking all of it, whether they fill the page or not.
    #[test]
    fn a_page_of_the_first_matches_is_the_whole_rankings_page() {
        use tantivy::query::ConstScoreQuery;
        use tantivy::schema::{Schema, TEXT};
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = writer_of(&index);
        let every = [("red", 3), ("fox", 7), ("den", 11), ("red", 13), ("cub", 2)];
        for i in 0..2000u32 {
            let words = words_of(i, &every);
            writer.add_document(tantivy::doc!(text => words)).unwrap();
        }
        // Deleted documents are neither counted nor shown.
        writer.delete_term(Term::from_field_text(text, "den"));
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let no_key = |_| 0;
        let term = |w: &str| term(text, w);
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
                        top_by_score(&searcher, &*ranked, limit, offset, counting, &no_key)
                            .unwrap();
                    let sought = top_by_score_first(
                        &searcher, &*ranked, &first, limit, offset, counting, &no_key,
                    )
                    .unwrap();
                    assert_eq!(walked, sought, "{words:?} {limit} {offset} {counting:?}");
                }
            }
        }
    }

    /// Ranking the parts of a union that no document matches two of, in
    /// turn, gives the union's page, scores and count.
    #[test]
    fn parts_that_share_no_document_rank_as_their_union() {
        use tantivy::schema::{Schema, TEXT};
        let mut b = Schema::builder();
        let (left, right) = (
            b.add_text_field("left", TEXT),
            b.add_text_field("right", TEXT),
        );
        let index = Index::create_in_ram(b.build());
        let mut writer = writer_of(&index);
        let every = [("red", 2), ("fox", 3), ("red", 5), ("den", 7), ("fox", 11)];
        for i in 0..3000u32 {
            // Every document has one field, as a passage or a statement.
            let field = if i % 3 == 0 { left } else { right };
            let words = words_of(i, &every);
            writer.add_document(tantivy::doc!(field => words)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let all = |clauses: Vec<Box<dyn Query>>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                clauses.into_iter().map(|q| (Occur::Must, q)).collect(),
            ))
        };
        let tie = |at: DocAddress| u64::from(at.doc_id) % 7;
        for words in [&["red", "fox"][..], &["fox", "den"], &["red"]] {
            let either = |w: &str| -> Box<dyn Query> {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, term(left, w)),
                    (Occur::Should, term(right, w)),
                ]))
            };
            let union = all(words.iter().map(|w| either(w)).collect());
            let parts: Vec<Box<dyn Query>> = [left, right]
                .into_iter()
                .map(|field| all(words.iter().map(|w| term(field, w)).collect()))
                .collect();
            let parts: Vec<&dyn Query> = parts.iter().map(|q| &**q).collect();
            for (limit, offset) in [(1, 0), (10, 0), (10, 30), (400, 0)] {
                for counting in [Counting::UpTo(20), Counting::UpTo(10_000), Counting::Exact] {
                    let whole =
                        top_by_score(&searcher, &*union, limit, offset, counting, &tie).unwrap();
                    let by_part =
                        top_by_score_of_parts(&searcher, &parts, limit, offset, counting, &tie)
                            .unwrap();
                    assert_eq!(whole, by_part, "{words:?} {limit} {offset} {counting:?}");
                }
            }
        }
    }

    /// A query whose terms alone show more matches than the bound is not
    /// counted, yet its page and count are those of counting: with
    /// deletions, the statistics (which still count deleted documents)
    /// decide only when the deleted could not bring it under the bound.
    #[test]
    fn statistics_past_the_bound_skip_counting_and_change_nothing() {
        use tantivy::schema::{Schema, TEXT};
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = writer_of(&index);
        let every = [("red", 2), ("fox", 3), ("red", 5), ("gone", 4)];
        for i in 0..3000u32 {
            let words = words_of(i, &every);
            writer.add_document(tantivy::doc!(text => words)).unwrap();
        }
        let searcher = |writer: &mut IndexWriter| {
            writer.commit().unwrap();
            index.reader().unwrap().searcher()
        };
        let term = |w: &str| term(text, w);
        let tie = |at: DocAddress| u64::from(at.doc_id);
        let before = searcher(&mut writer);
        writer.delete_term(Term::from_field_text(text, "gone"));
        let after = searcher(&mut writer);
        for searcher in [before, after] {
            for query in [
                term("red"),
                Box::new(BooleanQuery::union(vec![term("red"), term("fox")])),
            ] {
                // The same query, behind a clause the statistics cannot see through.
                let hidden: Box<dyn Query> =
                    Box::new(BooleanQuery::new(vec![(Occur::Must, query.box_clone())]));
                for bound in [10, 500, 1200, 1600, 10_000] {
                    let counting = Counting::UpTo(bound);
                    let known = top_by_score(&searcher, &*query, 10, 0, counting, &tie).unwrap();
                    let counted = top_by_score(&searcher, &*hidden, 10, 0, counting, &tie).unwrap();
                    assert_eq!(known, counted, "{bound}");
                    assert_eq!(
                        count(&searcher, &*query, counting).unwrap(),
                        (counted.1, counted.2)
                    );
                }
            }
        }
        // Past the bound by the statistics alone: nothing was counted.
        let tally = Tally::of(
            Counting::UpTo(10),
            &index.reader().unwrap().searcher(),
            &[&*term("red")],
        );
        assert_eq!((tally.matches, tally.relation), (10, Relation::Gte));
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
