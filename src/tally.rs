//! Quotation counts per speaker or per outlet, for `quarry speakers` and
//! `quarry outlets`. Spellings of one speaker are counted together.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{AggregationResult, BucketResult};
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard, Key};
use tantivy::query::AllQuery;

use crate::extract::names::{is_first_name, SpeakerId};
use crate::index::QuarryIndex;
use crate::search::{filtered, parse_query, Kind, Request, SearchError};

/// What to count by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountBy {
    Speaker,
    Outlet,
}

impl CountBy {
    /// Its name in requests and answers: `speaker` or `outlet`.
    pub fn name(self) -> &'static str {
        match self {
            CountBy::Speaker => "speaker",
            CountBy::Outlet => "outlet",
        }
    }

    /// The one it names.
    pub fn parse(name: &str) -> Result<CountBy, String> {
        match name {
            "speaker" => Ok(CountBy::Speaker),
            "outlet" => Ok(CountBy::Outlet),
            other => Err(format!("by {other:?}: expected speaker or outlet")),
        }
    }

    /// The fast column of display names it counts.
    pub fn column(self) -> &'static str {
        match self {
            CountBy::Speaker => "speaker_name",
            CountBy::Outlet => "outlet_name",
        }
    }
}

/// One row: a name and how many statements it has, of each kind.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Tally {
    pub name: String,
    pub id: String,
    /// Quotations and reported statements.
    pub statements: u64,
    /// Direct quotations.
    pub quotes: u64,
    /// Reported speech.
    pub reported: u64,
}

/// Statements and quotations under one raw name, before names merge.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    statements: u64,
    quotes: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.statements += other.statements;
        self.quotes += other.quotes;
    }
}

/// What a count counts: everything when the query is empty, else the
/// documents that hold every word of it (not the ranked "any word" reading).
pub fn counted_query(
    qi: &QuarryIndex,
    searcher: &tantivy::Searcher,
    req: &Request,
) -> Result<Box<dyn tantivy::query::Query>, SearchError> {
    Ok(if req.query.trim().is_empty() {
        Box::new(AllQuery)
    } else {
        parse_query(qi, searcher, req)?.every_word
    })
}

/// Counts the statements (quotations and reported speech) matching `req`
/// (all of them when its query is empty), and of them the quotations.
pub fn tally(qi: &QuarryIndex, req: &Request, by: CountBy) -> Result<Vec<Tally>, SearchError> {
    let searcher = qi.searcher()?;
    let base = counted_query(qi, &searcher, req)?;
    let count = |kind: Kind| -> Result<Vec<(String, u64)>, SearchError> {
        let req = Request {
            kind,
            ..req.clone()
        };
        let query = filtered(qi, base.box_clone(), &req);
        name_counts(&searcher, &*query, by)
    };
    let mut counts: HashMap<String, Counts> = HashMap::new();
    for (name, n) in count(Kind::Statement)? {
        counts.entry(name).or_default().statements += n;
    }
    for (name, n) in count(Kind::Quote)? {
        counts.entry(name).or_default().quotes += n;
    }
    Ok(merge(counts.into_iter().collect()))
}

/// Most names [`unknown_speakers`] suggests for one that matched no one.
const SUGGESTED_SPEAKERS: usize = 3;

/// For each speaker `req` filters by that has no statement in the index, a
/// line saying so with the closest speakers' names, nearest first
/// ("no speaker matches \"Rubia\"; the closest: Marco Rubio, …").
pub fn unknown_speakers(qi: &QuarryIndex, req: &Request) -> Result<Vec<String>, SearchError> {
    let mut lines = Vec::new();
    let mut everyone: Option<Vec<Tally>> = None;
    for name in &req.speakers {
        let alone = Request {
            query: String::new(),
            speakers: vec![name.clone()],
            kind: Kind::Statement,
            ..Request::default()
        };
        if !tally(qi, &alone, CountBy::Speaker)?.is_empty() {
            continue;
        }
        let everyone = match &mut everyone {
            Some(rows) => rows,
            None => everyone.insert(tally(qi, &Request::default(), CountBy::Speaker)?),
        };
        let wanted = name.to_lowercase();
        // Nearest by the closer of the whole name and its closest word
        // ("rubia" is near "Marco Rubio" by "Rubio").
        let distance = |row: &Tally| -> f64 {
            let whole = row.name.to_lowercase();
            let words = whole
                .split_whitespace()
                .map(|w| strsim::normalized_damerau_levenshtein(&wanted, w));
            let best = words.fold(
                strsim::normalized_damerau_levenshtein(&wanted, &whole),
                f64::max,
            );
            1.0 - best
        };
        let mut ranked: Vec<(f64, &Tally)> = everyone.iter().map(|r| (distance(r), r)).collect();
        ranked.sort_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then(b.1.statements.cmp(&a.1.statements))
        });
        let closest: Vec<&str> = ranked
            .iter()
            .take(SUGGESTED_SPEAKERS)
            .map(|(_, r)| r.name.as_str())
            .collect();
        lines.push(if closest.is_empty() {
            format!("no speaker matches {name:?}; the index has no statements with a speaker")
        } else {
            format!(
                "no speaker matches {name:?}; the closest: {} (`quarry speakers` lists them all)",
                closest.join(", ")
            )
        });
    }
    Ok(lines)
}

/// How many documents matching `query` carry each name of `by`'s column.
fn name_counts(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    by: CountBy,
) -> Result<Vec<(String, u64)>, SearchError> {
    let aggs: Aggregations = serde_json::from_value(serde_json::json!({
        "names": { "terms": { "field": by.column(), "size": 1_000_000 } }
    }))
    .expect("static aggregation request");
    // One bucket a name: tantivy's default of 65,000 buckets failed every
    // search of a 270 MB corpus (154,658 speakers); the memory guard stays.
    let context = AggContextParams {
        limits: AggregationLimitsGuard::new(None, Some(u32::MAX)),
        ..Default::default()
    };
    let collector = AggregationCollector::from_aggs(aggs, context);
    let mut result = searcher.search(query, &collector)?;
    // Read as tantivy gives it: a trip through `serde_json::Value` took
    // three quarters of a second at 154,658 names.
    let Some(AggregationResult::BucketResult(BucketResult::Terms { buckets, .. })) =
        result.0.remove("names")
    else {
        return Ok(Vec::new());
    };
    Ok(buckets
        .into_iter()
        .filter_map(|b| match b.key {
            Key::Str(name) => Some((name, b.doc_count)),
            _ => None,
        })
        .collect())
}

/// Share of a surname's full-name statements that one full name must hold
/// for the bare surname to count as that person: Hillary Clinton's 93% of
/// the Clintons' takes "Clinton", and Hillary and Bill stay two.
const SURNAME_OWNER_SHARE: f64 = 0.9;

/// Each id's names, with their statements, and the id's counts. A name
/// belongs to one id, so its list needs no lookup (a map per id made
/// merging 154,658 names take half a second).
type Counted = HashMap<SpeakerId, (Vec<(String, u64)>, Counts)>;

/// Folds spellings together ("Zelenskiy", "Zelenskyy"), a name with a
/// middle name into the same name without it ("Hillary Rodham Clinton"),
/// and gives a bare surname to the full name that holds nearly all of the
/// statements of people with that surname.
fn merge(counts: Vec<(String, Counts)>) -> Vec<Tally> {
    let mut rows: Vec<Tally> = merge_named(counts)
        .into_iter()
        .map(|(row, _)| row)
        .collect();
    rows.sort_by(|a, b| {
        b.statements
            .cmp(&a.statements)
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// How many statements carry each speaker name, over the whole index.
pub fn speaker_counts(qi: &QuarryIndex) -> Result<Vec<(String, u64)>, SearchError> {
    let searcher = qi.searcher()?;
    let all = Request {
        kind: Kind::Statement,
        ..Request::default()
    };
    let query = filtered(qi, Box::new(AllQuery), &all);
    name_counts(&searcher, &*query, CountBy::Speaker)
}

/// The names `quarry speakers` lists statements under, for every speaker
/// name of `counts` that differs from it ("Trump" → "Donald Trump" where
/// he holds most of the surname's statements, "Donald J. Trump" → "Donald
/// Trump"): so a hit names its speaker as the list does.
pub fn listed_from(counts: Vec<(String, u64)>) -> HashMap<String, String> {
    let counts = counts
        .into_iter()
        .map(|(name, statements)| {
            let n = Counts {
                statements,
                quotes: 0,
            };
            (name, n)
        })
        .collect();
    let mut listed = HashMap::new();
    for (row, names) in merge_named(counts) {
        for name in names.into_iter().filter(|n| *n != row.name) {
            listed.insert(name, row.name.clone());
        }
    }
    listed
}

/// [`merge`], each row with the names merged into it, in no order;
/// `counts` holds each name once.
fn merge_named(counts: Vec<(String, Counts)>) -> Vec<(Tally, Vec<String>)> {
    let mut by_id: Counted = HashMap::new();
    for (name, n) in counts {
        let entry = by_id.entry(SpeakerId::of(&name)).or_default();
        entry.0.push((name, n.statements));
        entry.1 += n;
    }
    let ids: Vec<SpeakerId> = by_id.keys().cloned().collect();
    for id in ids.iter().filter(|id| id.tokens().count() > 2) {
        let tokens: Vec<&str> = id.tokens().collect();
        let short = SpeakerId::of(&format!("{} {}", tokens[0], tokens[tokens.len() - 1]));
        if by_id.contains_key(&short) {
            move_counts(&mut by_id, id, &short);
        }
    }
    let ids: Vec<SpeakerId> = by_id.keys().cloned().collect();
    // Full names by their last word, so that each bare surname finds its
    // candidates at once (a scan of every name per surname took 8 s for
    // 22,000 speakers).
    let mut by_last: HashMap<&str, Vec<&SpeakerId>> = HashMap::new();
    for o in ids.iter().filter(|o| o.tokens().count() > 1) {
        if let Some(last) = o.tokens().last() {
            by_last.entry(last).or_default().push(o);
        }
    }
    for id in ids.iter().filter(|id| id.tokens().count() == 1) {
        let last = id.as_str();
        let fuller: Vec<(&SpeakerId, u64)> = by_last
            .get(last)
            .into_iter()
            .flatten()
            .filter_map(|&o| Some((o, by_id.get(o)?.1.statements)))
            .collect();
        let owner = fuller
            .iter()
            .max_by_key(|(o, n)| (*n, std::cmp::Reverse(o.as_str())));
        if let Some((target, n)) = owner {
            // Rivals are people: a full name whose first word is no first
            // name ("Derelict Obama", "Given Obama" from a sentence's
            // opening words) takes no share from the owner.
            let all: u64 = fuller
                .iter()
                .filter(|(o, _)| o == target || o.tokens().next().is_some_and(is_first_name))
                .map(|(_, n)| n)
                .sum();
            if *n as f64 >= SURNAME_OWNER_SHARE * all as f64 {
                move_counts(&mut by_id, id, target);
            }
        }
    }
    by_id
        .into_iter()
        .map(|(id, (names, counts))| {
            // The most used full name names the row ("Donald Trump" over
            // "Donald J. Trump" and "Trump").
            let full = |name: &str| name.split_whitespace().nth(1).is_some();
            let name = names
                .iter()
                .max_by(|(a, m), (b, n)| (full(a), m).cmp(&(full(b), n)).then_with(|| b.cmp(a)))
                .map(|(name, _)| name.clone())
                .unwrap_or_default();
            let raw: Vec<String> = names.into_iter().map(|(name, _)| name).collect();
            let row = Tally {
                id: id.to_string(),
                name,
                statements: counts.statements,
                quotes: counts.quotes,
                reported: counts.statements.saturating_sub(counts.quotes),
            };
            (row, raw)
        })
        .collect()
}

/// Counts `from`'s names and statements as `to`'s.
fn move_counts(by_id: &mut Counted, from: &SpeakerId, to: &SpeakerId) {
    let Some((names, n)) = by_id.remove(from) else {
        return;
    };
    let entry = by_id.entry(to.clone()).or_default();
    entry.0.extend(names);
    entry.1 += n;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the rows [`merge`] makes of names with these statements, as
    /// (name, statements).
    fn assert_merged(names: &[(&str, u64)], rows: &[(&str, u64)]) {
        let counts = names
            .iter()
            .map(|&(name, statements)| {
                let n = Counts {
                    statements,
                    quotes: 0,
                };
                (name.to_string(), n)
            })
            .collect();
        let merged = merge(counts);
        let got: Vec<(&str, u64)> = merged
            .iter()
            .map(|r| (r.name.as_str(), r.statements))
            .collect();
        assert_eq!(got, rows);
    }

    #[test]
    fn spellings_and_surnames_merge() {
        let n = |statements, quotes| Counts { statements, quotes };
        let rows = merge(vec![
            ("Volodymyr Zelenskiy".into(), n(2, 1)),
            ("Volodymyr Zelenskyy".into(), n(1, 1)),
            ("Zelensky".into(), n(1, 0)),
            ("Marco Rubio".into(), n(5, 2)),
        ]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "Marco Rubio");
        assert_eq!((rows[0].quotes, rows[0].reported), (2, 3));
        assert_eq!(rows[1].statements, 4);
        assert_eq!((rows[1].quotes, rows[1].reported), (2, 2));
        assert_eq!(rows[1].id, "volodymyr zelensky");
    }

    #[test]
    fn middle_names_and_a_dominant_surname_merge_two_clintons_stay_two() {
        assert_merged(
            &[
                ("Hillary Clinton", 93),
                ("Hillary Rodham Clinton", 3),
                ("Bill Clinton", 7),
                ("Clinton", 20),
                ("Barack Obama", 10),
                ("Michelle Obama", 5),
                ("Obama", 4),
            ],
            &[
                ("Hillary Clinton", 116),
                ("Barack Obama", 10),
                ("Bill Clinton", 7),
                ("Michelle Obama", 5),
                ("Obama", 4),
            ],
        );
    }

    #[test]
    fn a_full_name_that_opens_with_no_first_name_is_no_rival_for_the_surname() {
        assert_merged(
            &[
                ("Barack Obama", 90),
                ("Michelle Obama", 6),
                ("Derelict Obama", 5),
                ("Obama", 40),
            ],
            &[
                ("Barack Obama", 130),
                ("Michelle Obama", 6),
                ("Derelict Obama", 5),
            ],
        );
    }
}
