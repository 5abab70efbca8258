//! Quotation counts per speaker or per outlet, for `quarry speakers` and
//! `quarry outlets`. Spellings of one speaker are counted together.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::query::AllQuery;

use crate::extract::names::SpeakerId;
use crate::index::QuarryIndex;
use crate::search::{filtered, parse_query, Kind, Request, SearchError};

/// What to count by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountBy {
    Speaker,
    Outlet,
}

/// One row: a name and how many quotations it has.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Tally {
    pub name: String,
    pub id: String,
    pub quotes: u64,
}

/// Counts the statements (quotations and reported speech) matching `req`
/// (all of them when its query is empty).
pub fn tally(qi: &QuarryIndex, req: &Request, by: CountBy) -> Result<Vec<Tally>, SearchError> {
    let searcher = qi.searcher()?;
    let base = if req.query.trim().is_empty() {
        Box::new(AllQuery)
    } else {
        // Counted are the statements that hold every word.
        parse_query(qi, &searcher, req)?.every_word
    };
    let req = Request {
        kind: Kind::Statement,
        ..req.clone()
    };
    let query = filtered(qi, base, &req);
    let field = match by {
        CountBy::Speaker => "speaker_name",
        CountBy::Outlet => "outlet_name",
    };
    let aggs: Aggregations = serde_json::from_value(serde_json::json!({
        "names": { "terms": { "field": field, "size": 1_000_000 } }
    }))
    .expect("static aggregation request");
    let collector = AggregationCollector::from_aggs(aggs, Default::default());
    let result = searcher.search(&*query, &collector)?;
    let value = serde_json::to_value(result)
        .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
    let buckets = value["names"]["buckets"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let counts: Vec<(String, u64)> = buckets
        .iter()
        .filter_map(|b| Some((b["key"].as_str()?.to_string(), b["doc_count"].as_u64()?)))
        .collect();
    Ok(merge(counts))
}

/// Share of a surname's full-name statements that one full name must hold
/// for the bare surname to count as that person: Hillary Clinton's 93% of
/// the Clintons' takes "Clinton", and Hillary and Bill stay two.
const SURNAME_OWNER_SHARE: f64 = 0.9;

type Counted = HashMap<SpeakerId, (HashMap<String, u64>, u64)>;

/// Folds spellings together ("Zelenskiy", "Zelenskyy"), a name with a
/// middle name into the same name without it ("Hillary Rodham Clinton"),
/// and gives a bare surname to the full name that holds nearly all of the
/// statements of people with that surname.
fn merge(counts: Vec<(String, u64)>) -> Vec<Tally> {
    let mut by_id: Counted = HashMap::new();
    for (name, n) in counts {
        let entry = by_id.entry(SpeakerId::of(&name)).or_default();
        *entry.0.entry(name).or_default() += n;
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
    for id in ids.iter().filter(|id| id.tokens().count() == 1) {
        let last = id.as_str();
        let fuller: Vec<(&SpeakerId, u64)> = ids
            .iter()
            .filter(|o| o.tokens().count() > 1 && o.tokens().last() == Some(last))
            .filter_map(|o| Some((o, by_id.get(o)?.1)))
            .collect();
        let all: u64 = fuller.iter().map(|(_, n)| n).sum();
        let owner = fuller
            .iter()
            .max_by_key(|(o, n)| (*n, std::cmp::Reverse(o.as_str())));
        if let Some((target, n)) = owner {
            if *n as f64 >= SURNAME_OWNER_SHARE * all as f64 {
                move_counts(&mut by_id, id, target);
            }
        }
    }
    let mut rows: Vec<Tally> = by_id
        .into_iter()
        .map(|(id, (names, quotes))| {
            // The most used full name names the row ("Donald Trump" over
            // "Donald J. Trump" and "Trump").
            let name = names
                .into_iter()
                .max_by_key(|(name, n)| {
                    (
                        name.split_whitespace().count() > 1,
                        *n,
                        std::cmp::Reverse(name.clone()),
                    )
                })
                .map(|(name, _)| name)
                .unwrap_or_default();
            Tally {
                id: id.to_string(),
                name,
                quotes,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// Counts `from`'s names and statements as `to`'s.
fn move_counts(by_id: &mut Counted, from: &SpeakerId, to: &SpeakerId) {
    let Some((names, n)) = by_id.remove(from) else {
        return;
    };
    let entry = by_id.entry(to.clone()).or_default();
    for (name, k) in names {
        *entry.0.entry(name).or_default() += k;
    }
    entry.1 += n;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_and_surnames_merge() {
        let rows = merge(vec![
            ("Volodymyr Zelenskiy".into(), 2),
            ("Volodymyr Zelenskyy".into(), 1),
            ("Zelensky".into(), 1),
            ("Marco Rubio".into(), 5),
        ]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "Marco Rubio");
        assert_eq!(rows[1].quotes, 4);
        assert_eq!(rows[1].id, "volodymyr zelensky");
    }
}
