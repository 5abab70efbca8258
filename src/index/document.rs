//! One article's tantivy documents, written and read here only: the article
//! document (its metadata, stored and analysed once), one per passage, and
//! one per statement, which points at the passage that holds it instead of
//! copying it. Passages and statements carry the article's key and, as
//! terms and fast columns, only what filters and counts need.

use std::ops::Range;

use serde::Serialize;
use tantivy::schema::{TantivyDocument, Value};

use super::speaker_id;
use super::Fields;
use crate::article::ParagraphKind;
use crate::extract::names::fold_tokens;
use crate::extract::{Quotation, StatementKind};
use crate::same_quote;
use crate::source::SourceArticle;

/// What an index document holds; its name is the `kind` term of the index
/// and of JSON hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// An article's metadata: a hit when its title matches (`title:…`).
    Article,
    /// A paragraph of an article (or a part of a huge one).
    Passage,
    /// A direct quotation.
    Quote,
    /// Reported speech.
    Reported,
}

impl DocKind {
    pub const ALL: [DocKind; 4] = [
        DocKind::Article,
        DocKind::Passage,
        DocKind::Quote,
        DocKind::Reported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Article => "article",
            DocKind::Passage => "passage",
            DocKind::Quote => "quote",
            DocKind::Reported => "reported",
        }
    }

    /// The kind named `name` in the index, if it is one.
    pub fn parse(name: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether it is something someone said (a quotation or reported speech).
    pub fn is_statement(self) -> bool {
        matches!(self, DocKind::Quote | DocKind::Reported)
    }
}

impl From<StatementKind> for DocKind {
    fn from(kind: StatementKind) -> DocKind {
        match kind {
            StatementKind::Quote => DocKind::Quote,
            StatementKind::Reported => DocKind::Reported,
        }
    }
}

/// Longest passage document, in bytes: a longer paragraph (a file that is
/// one huge line) is indexed as several passages of the same number, so
/// that no document or snippet grows with the file.
const MAX_PASSAGE: usize = 4096;

/// The documents of `source` (found in the file `file`) and its
/// quotations, made one at a time so that a huge article never has all of
/// them in memory at once: the article's first, then its passages, then
/// its statements.
pub fn documents<'a>(
    f: &'a Fields,
    file: &'a str,
    source: &'a SourceArticle,
    quotations: &'a [Quotation],
) -> impl Iterator<Item = TantivyDocument> + 'a {
    let article = &source.article;
    let shared = std::rc::Rc::new(Shared::of(file, source));
    let first = article_doc(f, &shared, source);
    let for_passages = shared.clone();
    let passages = article.passages().flat_map(move |p| {
        let text = article.paragraph_text(p);
        let shared = for_passages.clone();
        chunks(text, MAX_PASSAGE).into_iter().map(move |chunk| {
            let mut doc = shared.doc(f, DocKind::Passage);
            doc.add_u64(f.paragraph, p.number as u64);
            let at = p.range.start + offset_in(text, chunk);
            doc.add_u64(f.passage_id, passage_id(&source.key, at));
            doc.add_text(f.passage, chunk);
            doc
        })
    });
    // The parts of the last paragraph a statement was in: made once per
    // paragraph, not once per statement (a one-line file has 10,000 parts
    // and 100,000 statements).
    let mut parts = PassageParts::default();
    std::iter::once(first)
        .chain(passages)
        .chain(quotations.iter().map(move |q| {
            let (passage, holds) = parts.passage_of(source, q);
            statement_doc(f, &shared, q, passage, holds)
        }))
}

/// Where `part`, a slice of `whole`, starts in it.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// The id of the passage that starts at byte `at` of the article `key`:
/// a 32-bit hash of the key, then the offset. The passages of one article
/// share the high half, which halves the ids' term dictionary against
/// 64-bit hashes (4.75 -> 2.22 MB on a 60 MB corpus); two articles whose
/// halves agree are told apart by the article a passage names
/// (`search::hit`).
pub fn passage_id(key: &str, at: usize) -> u64 {
    (xxhash_rust::xxh3::xxh3_64(key.as_bytes()) & !0xffff_ffff) | (at as u64 & 0xffff_ffff)
}

/// Where the passage documents of one paragraph lie.
#[derive(Default)]
struct PassageParts {
    paragraph: Option<usize>,
    /// Byte range of each part in the article.
    parts: Vec<Range<usize>>,
}

impl PassageParts {
    /// The id of the passage holding a statement (the part of its
    /// paragraph where it starts), and whether that passage holds all of
    /// its words, so that they need no copy. A heading has no passage
    /// document, and a statement may run past its part of a long
    /// paragraph.
    fn passage_of(&mut self, source: &SourceArticle, q: &Quotation) -> (u64, bool) {
        let article = &source.article;
        let paragraph = &article.paragraphs[q.paragraph_index];
        if self.paragraph != Some(q.paragraph_index) {
            let range = &paragraph.range;
            let text = &article.text[range.clone()];
            self.parts = chunks(text, MAX_PASSAGE)
                .iter()
                .map(|c| {
                    let start = range.start + offset_in(text, c);
                    start..start + c.len()
                })
                .collect();
            self.paragraph = Some(q.paragraph_index);
        }
        let part = self.parts.partition_point(|p| p.start <= q.span.start);
        let part = &self.parts[part.saturating_sub(1)];
        let holds = paragraph.kind == ParagraphKind::Body
            && q.span.start >= part.start
            && q.span.end <= part.end
            && article.text.get(q.span.clone()) == Some(q.text.as_str());
        (passage_id(&source.key, part.start), holds)
    }
}

/// A statement's words as [`documents`] wrote them: its stored copy if it
/// has one, else cut from `passage`, the text of the passage it points at
/// (`in_passage`), by its span. `None` when neither is there.
pub fn statement_text(f: &Fields, doc: &TantivyDocument, passage: Option<&str>) -> Option<String> {
    if let Some(text) = doc.get_first(f.quote_text).and_then(|v| v.as_str()) {
        return Some(text.to_string());
    }
    let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
    let span = statement_span(f, doc);
    // The passage's offset in the article is the low half of its id.
    let passage_start = number(f.in_passage)? as u32;
    let at = (span.start as u32).wrapping_sub(passage_start) as usize;
    let len = usize::try_from(span.end - span.start).ok()?;
    passage?.get(at..at.checked_add(len)?).map(str::to_string)
}

/// A statement's byte range in its article.
pub fn statement_span(f: &Fields, doc: &TantivyDocument) -> Range<u64> {
    let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
    let start = number(f.start).unwrap_or(0);
    start..number(f.end).unwrap_or(start).max(start)
}

/// Whether a statement's words are cut from its passage (no stored copy).
pub fn needs_passage(f: &Fields, doc: &TantivyDocument) -> bool {
    doc.get_first(f.quote_text).is_none()
}

fn statement_doc(
    f: &Fields,
    shared: &Shared,
    q: &Quotation,
    passage: u64,
    passage_holds: bool,
) -> TantivyDocument {
    let kind = DocKind::from(q.kind);
    let mut doc = shared.doc(f, kind);
    doc.add_u64(f.paragraph, q.paragraph as u64);
    doc.add_u64(f.in_passage, passage);
    doc.add_text(f.quote, &q.text);
    if !passage_holds {
        doc.add_text(f.quote_text, &q.text);
    }
    doc.add_u64(f.start, q.span.start as u64);
    doc.add_u64(f.end, q.span.end as u64);
    if kind == DocKind::Quote {
        // Only direct quotations are reported word for word.
        let shingles = same_quote::shingles(&q.text);
        doc.add_u64(f.shingle_count, shingles.len() as u64);
        let mut keys: Vec<u64> = shingles.into_iter().map(same_quote::key).collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            doc.add_u64(f.shingle, k);
        }
    }
    let mut last = 0;
    if let Some(s) = &q.speaker {
        doc.add_text(f.speaker, &s.name);
        let id = speaker_id::indexed(&s.id);
        last = speaker_id::last_word_hash(&id);
        doc.add_text(f.speaker_id, &id);
        doc.add_text(f.speaker_name, &s.name);
    }
    doc.add_u64(f.speaker_last, last);
    if let Some(o) = &q.outlet {
        doc.add_text(f.outlet, o);
        doc.add_text(f.outlet_id, fold_tokens(o).join(" "));
        doc.add_text(f.outlet_name, o);
    }
    doc
}

/// `text` cut at white space into pieces of at most about `max` bytes.
pub fn chunks(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.len() > max {
        let mut cut = rest.floor_char_boundary(max);
        if let Some(space) = rest[..cut].rfind(char::is_whitespace) {
            if space > max / 2 {
                cut = space;
            }
        }
        if cut == 0 {
            // A first character longer than `max` (cannot happen for max ≥ 4).
            cut = rest.len();
        }
        out.push(rest[..cut].trim_end());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(rest);
    }
    out
}

/// The fields every document of the article has: what filters and
/// counts read, and the keys that replace the file's documents and find
/// the article's. Their values are worked out once per article, not once
/// per document (each passage and each statement).
struct Shared<'a> {
    file: &'a str,
    key: &'a str,
    /// The publisher's name and its folded tokens.
    publisher: Option<(&'a str, String)>,
    date: Option<tantivy::DateTime>,
}

impl<'a> Shared<'a> {
    fn of(file: &'a str, source: &'a SourceArticle) -> Shared<'a> {
        let meta = &source.meta;
        Shared {
            file,
            key: &source.key,
            publisher: meta
                .publisher
                .as_deref()
                .map(|p| (p, fold_tokens(p).join(" "))),
            date: meta.date.map(crate::meta::to_index_date),
        }
    }

    /// A new document of `kind` with the shared fields.
    fn doc(&self, f: &Fields, kind: DocKind) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, kind.as_str());
        doc.add_text(f.file, self.file);
        doc.add_text(f.article, self.key);
        if let Some((name, folded)) = &self.publisher {
            doc.add_text(f.publisher_id, folded);
            doc.add_text(f.publisher_name, name);
        }
        if let Some(d) = self.date {
            doc.add_date(f.date, d);
        }
        doc
    }
}

/// The article document: its metadata, stored once for all its hits.
fn article_doc(f: &Fields, shared: &Shared, source: &SourceArticle) -> TantivyDocument {
    let meta = &source.meta;
    let mut doc = shared.doc(f, DocKind::Article);
    doc.add_text(f.article_id, &source.key);
    if let Some(t) = source.article.title.as_deref().filter(|t| !t.is_empty()) {
        doc.add_text(f.title, t);
    }
    if let Some(p) = &meta.publisher {
        doc.add_text(f.publisher, p);
    }
    if let Some(a) = &meta.author {
        doc.add_text(f.author, a);
    }
    if let Some(u) = &meta.url {
        doc.add_text(f.url, u);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_named_once_in_the_index_and_in_json() {
        for kind in DocKind::ALL {
            assert_eq!(DocKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        assert_eq!(DocKind::parse("quotes"), None);
        assert_eq!(DocKind::from(StatementKind::Reported), DocKind::Reported);
    }

    #[test]
    fn long_paragraphs_become_bounded_passages() {
        let text = "word ".repeat(5000) + "é".repeat(3000).as_str();
        let parts = chunks(&text, 4096);
        assert!(parts.iter().all(|p| p.len() <= 4096 && !p.is_empty()));
        // Nothing lost: only white space at the cuts, and a word longer
        // than a passage cut on a character boundary.
        let squeeze = |t: &str| t.split_whitespace().collect::<String>();
        assert_eq!(squeeze(&parts.concat()), squeeze(&text));
        assert_eq!(chunks("short", 4096), ["short"]);
        assert_eq!(chunks("", 4096), [""]);
    }

    #[test]
    fn a_statement_points_at_the_part_of_its_paragraph_where_it_starts() {
        let text = "word ".repeat(3000);
        let parts = chunks(&text, MAX_PASSAGE);
        assert!(parts.len() > 2);
        let second = offset_in(&text, parts[1]);
        assert!(second > 0 && text[second..].starts_with(parts[1]));
        assert_ne!(passage_id("a", 0), passage_id("a", second));
        assert_ne!(passage_id("a", 0), passage_id("b", 0));
    }
}
