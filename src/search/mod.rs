//! Query → ranked hits with highlights. Renders nothing: `output` does that.
//!
//! Beside the request and its search: building the tantivy query
//! (`build.rs`), decoding a hit (`hit.rs`), its snippet (`snippet.rs`) and the
//! reports of a quotation (`reports.rs`).

mod any_of;
mod build;
mod count;
mod fold;
mod hit;
mod reports;
mod snippet;

pub use any_of::AnyOf;
pub use build::{filtered, filtered_as, of_kind, parse_query};
use count::Counted;
pub use count::{Counting, Relation, COUNT_BOUND};
use fold::Folder;
use hit::Decoder;
pub use hit::{article_of, ArticleRef, Hit};
use reports::{find_reports, Reports};
use snippet::SNIPPET_CHARS;

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use serde::Serialize;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher};
use thiserror::Error;
use time::Date;

use crate::index::document::{Columns, DocKind};
use crate::index::QuarryIndex;
/// Which documents to search: the one type for `--kind`, batch lines,
/// JSON lines and the API's `kind=`, named by [`Kind::name`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Direct quotations.
    Quote,
    /// Reported speech.
    Reported,
    /// Quotations and reported speech: everything said by someone.
    Statement,
    /// Paragraph text.
    Passage,
    #[default]
    All,
}

impl Kind {
    const EVERY: [Kind; 5] = [
        Kind::Quote,
        Kind::Reported,
        Kind::Statement,
        Kind::Passage,
        Kind::All,
    ];

    /// Its name in requests.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Reported => "reported",
            Kind::Statement => "statement",
            Kind::Passage => "passage",
            Kind::All => "all",
        }
    }

    /// The kind `name` names in a request.
    pub fn parse(name: &str) -> Result<Kind, String> {
        Kind::EVERY
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| {
                format!("kind {name:?}: expected quote, reported, statement, passage or all")
            })
    }

    /// What `n` documents of this kind are called: "quotation",
    /// "passages and statements".
    pub fn noun(self, n: usize) -> &'static str {
        let one = n == 1;
        match self {
            Kind::Quote if one => "quotation",
            Kind::Quote => "quotations",
            Kind::Reported if one => "reported statement",
            Kind::Reported => "reported statements",
            Kind::Statement if one => "statement",
            Kind::Statement => "statements",
            Kind::Passage if one => "passage",
            Kind::Passage => "passages",
            Kind::All if one => "passage or statement",
            Kind::All => "passages and statements",
        }
    }

    /// The `kind` term its documents carry; `None` for all documents.
    fn term(self) -> Option<&'static str> {
        match self {
            Kind::Quote => Some(DocKind::Quote.as_str()),
            Kind::Reported => Some(DocKind::Reported.as_str()),
            Kind::Statement => Some(crate::index::document::STATEMENT),
            Kind::Passage => Some(DocKind::Passage.as_str()),
            Kind::All => None,
        }
    }
}

/// How hits are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Best match first.
    #[default]
    Score,
    /// Newest article first; articles without a date last.
    Date,
}

impl Sort {
    /// Its name in requests.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Score => "score",
            Sort::Date => "date",
        }
    }

    /// The order `name` names in a request.
    pub fn parse(name: &str) -> Result<Sort, String> {
        [Sort::Score, Sort::Date]
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| format!("sort {name:?}: expected \"score\" or \"date\""))
    }
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
    /// How far matches are counted.
    pub count: Counting,
}

impl Request {
    /// The kinds of document the request searches: what it asks for, but
    /// only quotations when grouping them (only they are reported word for
    /// word), and only statements under a speaker or outlet filter (only
    /// statements have them).
    pub fn searched_kind(&self) -> Kind {
        if self.group_quotes {
            Kind::Quote
        } else if (self.speakers.is_empty() && self.outlets.is_empty())
            || matches!(self.kind, Kind::Quote | Kind::Reported)
        {
            self.kind
        } else {
            Kind::Statement
        }
    }
}

/// Longest query read, in bytes: parsing costs hundreds of bytes of memory
/// per byte of query, and no question needs more.
pub const MAX_QUERY_BYTES: usize = 32 * 1024;
/// Deepest nesting of parentheses: the query parser recurses on each level.
pub const MAX_QUERY_DEPTH: usize = 100;
/// Largest slop a phrase may have (`"peace deal"~16`).
pub const MAX_PHRASE_SLOP: u64 = 16;
/// Fewest matches read for a page when some may fold into others.
const FIRST_FETCH: usize = 20;
/// How much of a bad query an error message repeats.
const QUERY_SHOWN_CHARS: usize = 80;

/// Why a search could not run.
#[derive(Debug, Error)]
pub enum SearchError {
    #[error("invalid query {}: {reason}", shown_query(query))]
    BadQuery { query: String, reason: String },
    #[error(transparent)]
    Index(#[from] tantivy::TantivyError),
    /// Writing the matches failed (a closed pipe, a full disk): not the
    /// index's fault.
    #[error("cannot write the output")]
    Write(#[source] std::io::Error),
}

/// The hits of one request.
#[derive(Clone, Debug, Serialize)]
pub struct Results {
    pub query: String,
    /// How the query was read when not as typed, for stderr.
    #[serde(skip)]
    pub note: Option<String>,
    pub num_hits: usize,
    /// Whether `num_hits` is every match ("eq") or the bound counting
    /// stopped at ("gte").
    pub num_hits_relation: Relation,
    /// What `num_hits` counts: "passages and statements", "quotation" …
    /// (the kinds searched, in the number `num_hits` takes).
    pub counted: &'static str,
    pub elapsed_time_micros: u128,
    pub hits: Vec<Hit>,
}

/// The start of a query, for messages: a whole 30 KB query is no help.
fn shown_query(query: &str) -> String {
    if query.chars().count() <= QUERY_SHOWN_CHARS {
        return format!("{query:?}");
    }
    let head: String = query.chars().take(QUERY_SHOWN_CHARS).collect();
    format!("{head:?}… ({} bytes)", query.len())
}

/// Runs a request against an opened index.
pub fn search(qi: &QuarryIndex, req: &Request) -> Result<Results, SearchError> {
    let started = Instant::now();
    let searcher = qi.searcher()?;
    let understood = parse_query(qi, &searcher, req)?;
    let query = filtered_as(qi, understood.ranked, req, understood.may_match_articles);
    let by_field: Vec<Box<dyn Query>> = understood
        .by_field
        .into_iter()
        .map(|part| filtered_as(qi, part, req, false))
        .collect();
    // The matches ranked above all others, with their scores: all a page
    // needs when there are enough of them.
    let first: Vec<Box<dyn Query>> = understood
        .first
        .into_iter()
        .map(|first| {
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (Occur::Must, Box::new(ConstScoreQuery::new(first, 0.0))),
            ])) as Box<dyn Query>
        })
        .collect();
    let wanted = req.start_offset.saturating_add(req.max_hits);
    let columns = qi.columns(&searcher)?;
    let ranking = Ranking {
        query: &*query,
        first: &first,
        by_field: &by_field,
        columns: &columns,
    };
    let mut folder = Folder::new(
        &searcher,
        &qi.fields,
        &columns,
        &*query,
        req.searched_kind(),
    );
    let counting = req.count.covering(wanted);
    let (docs, num_hits, num_hits_relation) = if req.group_quotes {
        // Grouping needs more hits than it shows: several may be one quotation.
        let fetch = wanted.saturating_mul(4).max(50);
        top(&searcher, ranking, req.sort, fetch, 0, counting)?
    } else if folder.is_active() && req.max_hits > 0 {
        unfolded(&searcher, ranking, req, &mut folder, counting)?
    } else {
        let (n, offset) = (req.max_hits, req.start_offset);
        top(&searcher, ranking, req.sort, n, offset, counting)?
    };
    let docs = if req.max_hits == 0 { Vec::new() } else { docs };
    let f = &qi.fields;
    let snippets = |field| -> Result<SnippetGenerator, SearchError> {
        let mut g = SnippetGenerator::create(&searcher, &*query, field)?;
        g.set_max_num_chars(SNIPPET_CHARS);
        Ok(g)
    };
    let mut decoder = Decoder {
        searcher: &searcher,
        fields: f,
        columns: &columns,
        roots: &qi.manifest.roots,
        snippets: Some([snippets(f.quote)?, snippets(f.passage)?, snippets(f.title)?]),
        articles: HashMap::new(),
    };
    let mut hits = docs
        .into_iter()
        .map(|(score, addr)| match folder.take_read(addr) {
            Some(doc) => decoder.hit_of(score, addr, doc),
            None => decoder.hit(score, addr),
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
                let r = find_reports(f, &searcher, &columns, hit)?;
                known.insert(key, r.clone());
                r
            }
        };
        reports.apply(hit);
    }
    name_speakers_as_listed(qi, &mut hits)?;
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
        num_hits_relation,
        counted: req.searched_kind().noun(num_hits),
        elapsed_time_micros: started.elapsed().as_micros(),
        hits,
    })
}

/// Names each hit's speaker as `quarry speakers` lists them.
fn name_speakers_as_listed(qi: &QuarryIndex, hits: &mut [Hit]) -> Result<(), SearchError> {
    if hits.iter().all(|h| h.speaker.is_none()) {
        return Ok(());
    }
    let names: Vec<&str> = hits.iter().filter_map(|h| h.speaker.as_deref()).collect();
    let listed = crate::speaker_names::listed_among(qi, &names)?;
    for hit in hits.iter_mut() {
        if let Some(name) = hit.speaker.as_ref().and_then(|s| listed.get(s)) {
            hit.speaker = Some(name.clone());
        }
    }
    Ok(())
}

/// What ranks a request's matches: its query and, when it has them, the
/// matches that rank above all others ([`count::top_by_score_first`]).
#[derive(Clone, Copy)]
struct Ranking<'q> {
    query: &'q dyn Query,
    first: &'q [Box<dyn Query>],
    /// `query` as the union of parts of one field each, if it is one
    /// ([`crate::query::parse_by_field`]).
    by_field: &'q [Box<dyn Query>],
    /// Dates, and what orders equal scores and dates ([`count::Tie`]).
    columns: &'q Columns,
}

/// The best `limit` matches of the ranking after the first `offset`, in
/// `sort` order, and how many match ([`count`]: by score, counting stops
/// at the request's bound so that the rest can be skipped; by date every
/// match is read anyway, and counted).
fn top(
    searcher: &Searcher,
    ranking: Ranking,
    sort: Sort,
    limit: usize,
    offset: usize,
    counting: Counting,
) -> Result<Counted, SearchError> {
    let docs_in_index = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    // The collector allocates for the hits it may return: bound that by the
    // documents there are, not by what was asked (`-n 1500000000`).
    let limit = limit.min(docs_in_index).max(1);
    let offset = offset.min(docs_in_index);
    let tie = |at| ranking.columns.tie_key(at);
    Ok(match sort {
        Sort::Score if !ranking.by_field.is_empty() && ranking.first.is_empty() => {
            let parts: Vec<&dyn Query> = ranking.by_field.iter().map(|q| &**q).collect();
            count::top_by_score_of_parts(searcher, &parts, limit, offset, counting, &tie)?
        }
        Sort::Score => count::top_by_score_first(
            searcher,
            ranking.query,
            ranking.first,
            limit,
            offset,
            counting,
            &tie,
        )?,
        Sort::Date => {
            let day = |at| ranking.columns.date(at).map(|d| d.into_timestamp_secs());
            count::top_by_date(searcher, ranking.query, limit, offset, &tie, &day)?
        }
    })
}

/// The page of `req` among the matches that are hits of their own
/// ([`fold`]): the ranked matches are read from the best until the page is
/// full, fetching more while too many fold.
fn unfolded(
    searcher: &Searcher,
    ranking: Ranking,
    req: &Request,
    folder: &mut Folder,
    counting: Counting,
) -> Result<Counted, SearchError> {
    let docs_in_index = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let wanted = req.start_offset.saturating_add(req.max_hits);
    let mut fetch = wanted.saturating_mul(2).max(FIRST_FETCH);
    let mut decided: HashMap<DocAddress, bool> = HashMap::new();
    loop {
        let (ranked, num_hits, relation) = top(searcher, ranking, req.sort, fetch, 0, counting)?;
        let all_read = ranked.len() < fetch.min(docs_in_index) || fetch >= docs_in_index;
        // Bounded by what was found, not by what was asked (`-n 1500000000`).
        let mut kept: Vec<(f32, DocAddress)> = Vec::with_capacity(wanted.min(ranked.len()));
        // Decided a stretch at a time, as many as are still wanted, so that
        // a page reads few more documents than it shows.
        let mut next = 0;
        while kept.len() < wanted && next < ranked.len() {
            let stretch = &ranked[next..(next + wanted - kept.len()).min(ranked.len())];
            next += stretch.len();
            let new: Vec<DocAddress> = stretch
                .iter()
                .map(|&(_, addr)| addr)
                .filter(|addr| !decided.contains_key(addr))
                .collect();
            for (addr, keeps) in new.iter().zip(folder.keeps(&new)?) {
                decided.insert(*addr, keeps);
            }
            kept.extend(stretch.iter().filter(|(_, addr)| decided[addr]));
        }
        if kept.len() == wanted || all_read {
            let page = kept.into_iter().skip(req.start_offset).collect();
            return Ok((page, num_hits, relation));
        }
        fetch = fetch.saturating_mul(4).min(docs_in_index);
    }
}

/// Hands every document matching `req` to `each`, in index order, without
/// snippets or reports: what an export writes. Plain words must all match
/// (the reading counts use), so that "every match" means documents that
/// hold the words, not the long tail of a ranked "any word" search.
/// Stops at the first error `each` returns; gives the number handed over.
pub fn for_each_match(
    qi: &QuarryIndex,
    req: &Request,
    each: &mut dyn FnMut(Hit) -> std::io::Result<()>,
) -> Result<usize, SearchError> {
    let searcher = qi.searcher()?;
    let query = filtered(qi, crate::tally::counted_query(qi, &searcher, req)?, req);
    let mut docs: Vec<DocAddress> = searcher
        .search(&*query, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .collect();
    docs.sort();
    let columns = qi.columns(&searcher)?;
    let mut decoder = Decoder {
        searcher: &searcher,
        fields: &qi.fields,
        columns: &columns,
        roots: &qi.manifest.roots,
        snippets: None,
        articles: HashMap::new(),
    };
    let mut n = 0;
    for addr in docs {
        let mut hit = decoder.hit(0.0, addr)?;
        name_speakers_as_listed(qi, std::slice::from_mut(&mut hit))?;
        each(hit).map_err(SearchError::Write)?;
        n += 1;
        if decoder.articles.len() > 10_000 {
            decoder.articles.clear();
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

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
