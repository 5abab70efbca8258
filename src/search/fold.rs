//! What a hit is, decided once, here, for every printer and the page: a
//! statement (with its passage for context), or a passage in which no
//! matching statement was found. So a paragraph that a matching statement
//! already shows is not a hit of its own, and a sentence read both as a
//! quotation and as the reported speech around it is one hit: the
//! quotation, the speaker's own words.
//!
//! Whether a document folds depends on the whole set of matches, never
//! on how many were fetched, so that page two starts where page one ended
//! and no hit is shown twice or skipped.

use std::collections::HashMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::build::of_kind;
use super::hit::text_of;
use super::{Kind, SearchError};
use crate::index::document::{Columns, DocKind};
use crate::index::schema::Fields;

/// A matching statement of an article, as much of it as folding reads.
struct Said {
    kind: DocKind,
    paragraph: u64,
    span: std::ops::Range<u64>,
}

/// Decides, document by document, whether a match is a hit of its own.
pub(super) struct Folder<'s> {
    searcher: &'s Searcher,
    fields: &'s Fields,
    columns: &'s Columns,
    query: &'s dyn Query,
    /// Fold passages into statements (both kinds are searched).
    passages: bool,
    /// Fold reported speech into the quotations inside it.
    sentences: bool,
    /// Matching statements by article key, looked up once per request.
    said: HashMap<String, Vec<Said>>,
    /// The stored documents read to decide, for the hits to be made of.
    read: HashMap<DocAddress, TantivyDocument>,
}

impl<'s> Folder<'s> {
    /// A folder for the matches of `query` (the request's whole query,
    /// filters included) when the request searches `kind`.
    pub fn new(
        searcher: &'s Searcher,
        fields: &'s Fields,
        columns: &'s Columns,
        query: &'s dyn Query,
        kind: Kind,
    ) -> Folder<'s> {
        Folder {
            searcher,
            fields,
            columns,
            query,
            passages: kind == Kind::All,
            sentences: matches!(kind, Kind::All | Kind::Statement),
            said: HashMap::new(),
            read: HashMap::new(),
        }
    }

    /// Whether folding can drop anything at all.
    pub fn is_active(&self) -> bool {
        self.passages || self.sentences
    }

    /// Whether each match of `docs` is a hit of its own. The statements
    /// that may fold them are looked up in one search for all their
    /// articles.
    pub fn keeps(&mut self, docs: &[DocAddress]) -> Result<Vec<bool>, SearchError> {
        if !self.is_active() {
            return Ok(vec![true; docs.len()]);
        }
        let mut facts = Vec::with_capacity(docs.len());
        for &addr in docs {
            facts.push(self.facts(addr)?);
        }
        let mut unknown: Vec<&str> = facts
            .iter()
            .flatten()
            .map(|f| f.key.as_str())
            .filter(|k| !self.said.contains_key(*k))
            .collect();
        unknown.sort_unstable();
        unknown.dedup();
        if !unknown.is_empty() {
            let mut found = self.matching_statements(&unknown)?;
            for key in unknown {
                let said = found.remove(key).unwrap_or_default();
                self.said.insert(key.to_string(), said);
            }
        }
        Ok(facts
            .iter()
            .map(|f| f.as_ref().is_none_or(|f| !self.folds(f)))
            .collect())
    }

    /// The stored document of a match this folder read, if it did.
    pub fn take_read(&mut self, addr: DocAddress) -> Option<TantivyDocument> {
        self.read.remove(&addr)
    }

    /// What folding reads of a match; `None` when it cannot fold. Its
    /// stored document, read for its article, is kept for its hit.
    fn facts(&mut self, addr: DocAddress) -> Result<Option<Facts>, SearchError> {
        let kind = self.columns.kind(addr);
        let folds = match kind {
            Some(DocKind::Passage) => self.passages,
            Some(DocKind::Reported) => self.sentences,
            _ => false,
        };
        if !folds {
            return Ok(None);
        }
        let doc: TantivyDocument = self.searcher.doc(addr)?;
        let key = text_of(&doc, self.fields.article).unwrap_or_default();
        self.read.insert(addr, doc);
        Ok(Some(Facts {
            passage: kind == Some(DocKind::Passage),
            key,
            paragraph: self.columns.paragraph(addr),
            span: self.columns.span(addr),
        }))
    }

    /// Whether a passage shows a matching statement, or reported speech
    /// holds a matching quotation.
    fn folds(&self, facts: &Facts) -> bool {
        let said = self.said.get(&facts.key).map_or(&[][..], Vec::as_slice);
        if facts.passage {
            said.iter().any(|s| s.paragraph == facts.paragraph)
        } else {
            said.iter().any(|s| {
                s.kind == DocKind::Quote
                    && s.span.start >= facts.span.start
                    && s.span.end <= facts.span.end
            })
        }
    }

    /// The statements matching the query in each article of `keys`.
    fn matching_statements(
        &self,
        keys: &[&str],
    ) -> Result<HashMap<String, Vec<Said>>, SearchError> {
        let f = self.fields;
        let term = |field, value: &str| -> (Occur, Box<dyn Query>) {
            (
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, value),
                    IndexRecordOption::Basic,
                )),
            )
        };
        // Documents are found by their file; an article of a JSON Lines
        // file is `file#N`.
        let mut files = Vec::new();
        for key in keys {
            files.push(term(f.file, key));
            if let Some((file, n)) = key.rsplit_once('#') {
                if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                    files.push(term(f.file, file));
                }
            }
        }
        let statements = of_kind(f, Kind::Statement).expect("statements are some kinds");
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.query.box_clone()),
            (Occur::Must, Box::new(BooleanQuery::new(files))),
            (Occur::Must, statements),
        ]);
        let wanted: std::collections::HashSet<&str> = keys.iter().copied().collect();
        let mut found: HashMap<String, Vec<Said>> = HashMap::new();
        for addr in self.searcher.search(&query, &DocSetCollector)? {
            let Some(kind) = self.columns.kind(addr) else {
                continue;
            };
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            let Some(key) = text_of(&doc, f.article).filter(|k| wanted.contains(k.as_str())) else {
                continue;
            };
            found.entry(key).or_default().push(Said {
                kind,
                paragraph: self.columns.paragraph(addr),
                span: self.columns.span(addr),
            });
        }
        Ok(found)
    }
}

/// What folding reads of a match that may fold.
struct Facts {
    passage: bool,
    key: String,
    paragraph: u64,
    span: std::ops::Range<u64>,
}
