//! Building the tantivy query of a request: the query text parsed (or
//! read as plain words), then the speaker, outlet, publisher, kind and date
//! filters around it.

use std::ops::Bound;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};
use time::Date;

use super::any_of::cheap_unions;
use super::{Kind, Request, SearchError, MAX_PHRASE_SLOP, MAX_QUERY_BYTES, MAX_QUERY_DEPTH};
use crate::extract::names::fold_tokens;
use crate::index::document::DocKind;
use crate::index::speaker_id;
use crate::index::{Fields, QuarryIndex};
use crate::meta::to_index_date;
use crate::query::{understand, Refused, Understood};

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
    let f = &qi.fields;
    // Passages hold no statement's words and statements no passage's: a
    // request for one kind searches its own field only, and the other's
    // postings are not walked for nothing.
    let text = match req.searched_kind() {
        Kind::Passage => vec![f.passage],
        Kind::Quote | Kind::Reported | Kind::Statement => vec![f.quote],
        Kind::All => vec![f.passage, f.quote],
    };
    understand(qi, searcher, &req.query, req.strict, &text).map_err(|e| match e {
        Refused::Invalid(reason) => bad(reason),
        Refused::Index(e) => SearchError::Index(e),
    })
}

/// Refuses queries too long or too deeply nested to parse safely, and
/// phrases whose slop would let them cost without bound: tantivy's sloppy
/// phrase matching grows with the slop and with repeated words
/// (`"the the … the"~40` took 10 s and 2.5 GB on 44 MB of news), while
/// within [`MAX_PHRASE_SLOP`] any phrase stays a fraction of a second.
pub(super) fn check_query_size(query: &str) -> Result<(), String> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(format!(
            "the query is {} bytes long; at most {} KiB",
            query.len(),
            MAX_QUERY_BYTES / 1024
        ));
    }
    let (mut depth, mut deepest, mut quoted) = (0usize, 0usize, false);
    let mut chars = query.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'~') => {
                quoted = false;
                chars.next();
                let digits: String =
                    std::iter::from_fn(|| chars.next_if(char::is_ascii_digit)).collect();
                let slop =
                    digits
                        .parse::<u64>()
                        .unwrap_or(if digits.is_empty() { 0 } else { u64::MAX });
                if slop > MAX_PHRASE_SLOP {
                    return Err(format!(
                        "a phrase with slop ~{digits}; at most ~{MAX_PHRASE_SLOP} (words that far apart are better searched without quotation marks)"
                    ));
                }
            }
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

/// A filter matching any of `names`, each by all of its folded tokens.
pub(super) fn name_filter(
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
            any.push((Occur::Should, speaker_id::known_only_as(field, last)));
        }
    }
    if any.is_empty() {
        // A name with no letters matches nobody.
        return Some(term("\u{0}"));
    }
    Some(Box::new(BooleanQuery::new(any)))
}

/// Whether `query` searches `field`.
fn names_field(query: &dyn Query, field: tantivy::schema::Field) -> bool {
    let mut found = false;
    query.query_terms(&mut |term, _| found |= term.field() == field);
    found
}

/// The documents of `kind`, by the one term they all carry; `None` for
/// [`Kind::All`], which needs no filter.
pub fn of_kind(f: &Fields, kind: Kind) -> Option<Box<dyn Query>> {
    let term = Term::from_field_text(f.kind, kind.term()?);
    Some(Box::new(TermQuery::new(term, IndexRecordOption::Basic)))
}

/// Adds the request's filters to `query` without changing its scores.
pub fn filtered(qi: &QuarryIndex, query: Box<dyn Query>, req: &Request) -> Box<dyn Query> {
    filtered_as(qi, query, req, true)
}

/// [`filtered`], told whether `query` can match an article document at
/// all: plain words cannot, and then there is no article to leave out.
/// A query nothing filters is returned as it is, so that a ranked search
/// of it can skip what cannot make the page.
pub fn filtered_as(
    qi: &QuarryIndex,
    query: Box<dyn Query>,
    req: &Request,
    may_match_articles: bool,
) -> Box<dyn Query> {
    let f = &qi.fields;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut filters: Vec<Box<dyn Query>> = Vec::new();
    let kind = req.searched_kind();
    let statements_only =
        !may_match_articles || !req.speakers.is_empty() || !req.outlets.is_empty();
    if kind == Kind::Statement && statements_only {
        // Only statements have a speaker or an outlet, and plain words
        // search a statement kind's own field only (`parse_query`): they
        // match statements alone, and the kind's postings (half the
        // index) would be walked beside them for nothing.
    } else if let Some(kinds) = of_kind(f, kind) {
        filters.push(kinds);
    } else if may_match_articles && !names_field(&*query, f.title) {
        // Article documents answer for their titles only (`title:…`),
        // not as one more hit of every `*`.
        let article = Term::from_field_text(f.kind, DocKind::Article.as_str());
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(article, IndexRecordOption::Basic)),
        ));
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
    if clauses.is_empty() && filters.is_empty() {
        return cheap_unions(query);
    }
    clauses.push((Occur::Must, query));
    for filter in filters {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    cheap_unions(Box::new(BooleanQuery::new(clauses)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::AllQuery;

    /// Which filters a request's query walks: a union of both statement
    /// kinds under a speaker filter made speaker-filtered searches the
    /// slowest kind (p50 2.4 ms against 1.1 ms without it on 270 MB).
    #[test]
    fn a_speaker_or_outlet_filter_alone_keeps_statements() {
        let dir = tempfile::tempdir().unwrap();
        let qi = QuarryIndex::open_or_create_for(dir.path(), None).unwrap();
        let walks_kinds = |speakers: &[&str], outlets: &[&str], kind: Kind| {
            let req = Request {
                speakers: speakers.iter().map(|s| s.to_string()).collect(),
                outlets: outlets.iter().map(|s| s.to_string()).collect(),
                kind,
                ..Default::default()
            };
            names_field(&*filtered(&qi, Box::new(AllQuery), &req), qi.fields.kind)
        };
        let words = |kind: Kind| {
            let req = Request {
                kind,
                ..Default::default()
            };
            let query = Box::new(AllQuery);
            names_field(&*filtered_as(&qi, query, &req, false), qi.fields.kind)
        };
        assert!(!walks_kinds(&["Rubio"], &[], Kind::Statement));
        assert!(!walks_kinds(&["Rubio"], &[], Kind::All));
        assert!(!walks_kinds(&[], &["CNN"], Kind::All));
        // Without one, or for one kind of statement, the kind decides.
        assert!(walks_kinds(&[], &[], Kind::Statement));
        assert!(walks_kinds(&["Rubio"], &[], Kind::Quote));
        assert!(walks_kinds(&[], &[], Kind::All));
        // Plain words search the statements' own field when they are asked for.
        assert!(!words(Kind::Statement));
        assert!(words(Kind::Quote) && words(Kind::Passage));
    }
}
