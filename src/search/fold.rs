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

use super::hit::text_of;
use super::{Kind, SearchError};
use crate::index::document::DocKind;
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
    query: &'s dyn Query,
    /// Fold passages into statements (both kinds are searched).
    passages: bool,
    /// Fold reported speech into the quotations inside it.
    sentences: bool,
    /// Matching statements by article key, looked up once per request.
    said: HashMap<String, Vec<Said>>,
}

impl<'s> Folder<'s> {
    /// A folder for the matches of `query` (the request's whole query,
    /// filters included) when the request searches `kind`.
    pub fn new(
        searcher: &'s Searcher,
        fields: &'s Fields,
        query: &'s dyn Query,
        kind: Kind,
    ) -> Folder<'s> {
        Folder {
            searcher,
            fields,
            query,
            passages: kind == Kind::All,
            sentences: matches!(kind, Kind::All | Kind::Statement),
            said: HashMap::new(),
        }
    }

    /// Whether folding can drop anything at all.
    pub fn is_active(&self) -> bool {
        self.passages || self.sentences
    }

    /// Whether the match at `addr` is a hit of its own.
    pub fn keeps(&mut self, addr: DocAddress) -> Result<bool, SearchError> {
        if !self.is_active() {
            return Ok(true);
        }
        let f = self.fields;
        let doc: TantivyDocument = self.searcher.doc(addr)?;
        let kind = text_of(&doc, f.kind).and_then(|k| DocKind::parse(&k));
        let folds_passage = kind == Some(DocKind::Passage) && self.passages;
        let folds_sentence = kind == Some(DocKind::Reported) && self.sentences;
        if !(folds_passage || folds_sentence) {
            return Ok(true);
        }
        let key = text_of(&doc, f.article).unwrap_or_default();
        let paragraph = u64_of(&doc, f.paragraph);
        let start = u64_of(&doc, f.start);
        let end = start + text_of(&doc, f.quote).map_or(0, |q| q.len() as u64);
        let said = self.said_in(&key)?;
        let folded = if folds_passage {
            said.iter().any(|s| s.paragraph == paragraph)
        } else {
            said.iter()
                .any(|s| s.kind == DocKind::Quote && s.span.start >= start && s.span.end <= end)
        };
        Ok(!folded)
    }

    /// The statements of article `key` that match the query.
    fn said_in(&mut self, key: &str) -> Result<&[Said], SearchError> {
        if !self.said.contains_key(key) {
            let found = self.matching_statements(key)?;
            self.said.insert(key.to_string(), found);
        }
        Ok(&self.said[key])
    }

    fn matching_statements(&self, key: &str) -> Result<Vec<Said>, SearchError> {
        let f = self.fields;
        let term = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        // Documents are found by their file; an article of a JSON Lines
        // file is `file#N`.
        let mut files = vec![(Occur::Should, term(f.file, key))];
        if let Some((file, n)) = key.rsplit_once('#') {
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                files.push((Occur::Should, term(f.file, file)));
            }
        }
        let statements = vec![
            (Occur::Should, term(f.kind, DocKind::Quote.as_str())),
            (Occur::Should, term(f.kind, DocKind::Reported.as_str())),
        ];
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.query.box_clone()),
            (Occur::Must, Box::new(BooleanQuery::new(files))),
            (Occur::Must, Box::new(BooleanQuery::new(statements))),
        ]);
        let mut found = Vec::new();
        for addr in self.searcher.search(&query, &DocSetCollector)? {
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            if text_of(&doc, f.article).as_deref() != Some(key) {
                continue;
            }
            let Some(kind) = text_of(&doc, f.kind).and_then(|k| DocKind::parse(&k)) else {
                continue;
            };
            let start = u64_of(&doc, f.start);
            let len = text_of(&doc, f.quote).map_or(0, |q| q.len() as u64);
            found.push(Said {
                kind,
                paragraph: u64_of(&doc, f.paragraph),
                span: start..start + len,
            });
        }
        Ok(found)
    }
}

fn u64_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> u64 {
    use tantivy::schema::document::Value;
    doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}
