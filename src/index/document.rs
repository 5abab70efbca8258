//! One article's tantivy documents, written and read here only: the article
//! document (its metadata, stored and analysed once), one per passage, and
//! one per statement, which points at the passage that holds it instead of
//! copying it. Passages and statements carry the article's key and, as
//! terms and fast columns, only what filters and counts need.

use std::ops::Range;

use serde::Serialize;
use tantivy::columnar::Column;
use tantivy::schema::{TantivyDocument, Value};
use tantivy::{DocAddress, Searcher, SegmentReader};

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

    /// Its code in the `kind_code` column.
    pub fn code(self) -> u64 {
        DocKind::ALL.iter().position(|&k| k == self).unwrap_or(0) as u64
    }

    /// The kind whose code is `code`, if it is one.
    pub fn from_code(code: u64) -> Option<DocKind> {
        DocKind::ALL.get(usize::try_from(code).ok()?).copied()
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

/// The `kind` term every statement carries beside its own kind's: what
/// `--kind statement`, folding and questions filter by (one posting list,
/// where a union of the two kinds' cost every search a merge of both).
pub const STATEMENT: &str = "statement";

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
            let at = p.range.start + offset_in(text, chunk);
            let mut doc = shared.doc(f, DocKind::Passage, at);
            doc.add_u64(f.paragraph, p.number as u64);
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

/// What orders documents of equal score (or date), the same in every
/// build of the same articles: the high half of a hash of the article's
/// key, then where the document starts in the article (29 bits: an
/// article of more than 512 MB ties beyond), then its kind (3 bits). One
/// column, read once: a tie is weighed at the cost of one value. Two
/// articles of one tie share a hash once in four billion pairs, and then
/// where their documents start decides.
pub fn tie_key(key: &str, start: usize, kind: DocKind) -> u64 {
    let start = (start as u64).min((1 << 29) - 1);
    (xxhash_rust::xxh3::xxh3_64(key.as_bytes()) & !0xffff_ffff) | (start << 3) | (kind.code() & 7)
}

/// Where the passage documents of one paragraph lie.
#[derive(Default)]
struct PassageParts {
    paragraph: Option<usize>,
    /// Byte range of each part in the article.
    parts: Vec<Range<usize>>,
}

impl PassageParts {
    /// Where the passage holding a statement starts (the part of its
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
        (part.start as u64, holds)
    }
}

/// A statement's words as [`documents`] wrote them: its stored copy if it
/// has one, else cut by its span from `passage`, the text of the passage
/// it points at. `None` when neither is there.
pub fn statement_text(
    f: &Fields,
    doc: &TantivyDocument,
    columns: &Columns,
    at: DocAddress,
    passage: Option<&str>,
) -> Option<String> {
    if let Some(text) = doc.get_first(f.quote_text).and_then(|v| v.as_str()) {
        return Some(text.to_string());
    }
    let span = columns.span(at);
    let passage_start = columns.passage_at(at)?;
    let from = usize::try_from(span.start.checked_sub(passage_start)?).ok()?;
    let len = usize::try_from(span.end - span.start).ok()?;
    passage?
        .get(from..from.checked_add(len)?)
        .map(str::to_string)
}

/// Whether a statement's words are cut from its passage (no stored copy).
pub fn needs_passage(f: &Fields, doc: &TantivyDocument) -> bool {
    doc.get_first(f.quote_text).is_none()
}

/// The id of the passage that holds the statement at `at` of the article
/// `key` (stored on the statement's document).
pub fn passage_id_of(columns: &Columns, at: DocAddress, key: &str) -> Option<u64> {
    columns
        .passage_at(at)
        .map(|start| passage_id(key, start as usize))
}

/// What a hit, a fold and a report read of every document without the
/// document store: its kind, paragraph and span, where its passage starts,
/// its article's date, and what finds a quotation's other reports, as fast
/// columns. The store holds the texts, the article's key and metadata and
/// a statement's speaker and outlet.
pub struct Columns {
    segments: Vec<SegmentColumns>,
}

struct SegmentColumns {
    kinds: Column<u64>,
    paragraph: Column<u64>,
    start: Column<u64>,
    end: Column<u64>,
    passage_at: Column<u64>,
    shingle_count: Column<u64>,
    speaker_last: Column<u64>,
    tie: Column<u64>,
    date: Option<Column<tantivy::DateTime>>,
}

impl Columns {
    pub fn open(searcher: &Searcher) -> tantivy::Result<Columns> {
        let segments = searcher
            .segment_readers()
            .iter()
            .map(SegmentColumns::open)
            .collect::<tantivy::Result<_>>()?;
        Ok(Columns { segments })
    }

    fn of(&self, at: DocAddress) -> &SegmentColumns {
        &self.segments[at.segment_ord as usize]
    }

    /// What the document is; `None` for a kind this quarry does not know
    /// (a damaged index, or a newer quarry's).
    pub fn kind(&self, at: DocAddress) -> Option<DocKind> {
        DocKind::from_code(self.of(at).kinds.first(at.doc_id)?)
    }

    /// Body paragraph number (0 for an article document).
    pub fn paragraph(&self, at: DocAddress) -> u64 {
        self.of(at).paragraph.first(at.doc_id).unwrap_or(0)
    }

    /// A statement's byte range in its article.
    pub fn span(&self, at: DocAddress) -> Range<u64> {
        let c = self.of(at);
        let start = c.start.first(at.doc_id).unwrap_or(0);
        start..c.end.first(at.doc_id).unwrap_or(start).max(start)
    }

    /// Where the passage holding a statement starts in its article.
    pub fn passage_at(&self, at: DocAddress) -> Option<u64> {
        self.of(at).passage_at.first(at.doc_id)
    }

    /// How many word trigrams a direct quotation has (0 otherwise).
    pub fn shingle_count(&self, at: DocAddress) -> usize {
        let n = self.of(at).shingle_count.first(at.doc_id).unwrap_or(0);
        usize::try_from(n).unwrap_or(usize::MAX)
    }

    /// [`speaker_id::last_word_hash`] of a statement's speaker; 0 when it
    /// has none.
    pub fn speaker_last(&self, at: DocAddress) -> u64 {
        self.of(at).speaker_last.first(at.doc_id).unwrap_or(0)
    }

    /// [`tie_key`] of the document.
    pub fn tie_key(&self, at: DocAddress) -> u64 {
        self.of(at).tie.first(at.doc_id).unwrap_or(0)
    }

    /// The publication day of the document's article.
    pub fn date(&self, at: DocAddress) -> Option<tantivy::DateTime> {
        self.of(at).date.as_ref()?.first(at.doc_id)
    }
}

impl SegmentColumns {
    fn open(segment: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let c = segment.fast_fields();
        Ok(SegmentColumns {
            kinds: c.u64("kind_code")?,
            paragraph: c.u64("paragraph")?,
            start: c.u64("start")?,
            end: c.u64("end")?,
            passage_at: c.u64("passage_at")?,
            shingle_count: c.u64("shingle_count")?,
            speaker_last: c.u64("speaker_last")?,
            tie: c.u64("tie")?,
            date: c.date("date").ok(),
        })
    }
}

fn statement_doc(
    f: &Fields,
    shared: &Shared,
    q: &Quotation,
    passage_at: u64,
    passage_holds: bool,
) -> TantivyDocument {
    let kind = DocKind::from(q.kind);
    let mut doc = shared.doc(f, kind, q.span.start);
    doc.add_u64(f.paragraph, q.paragraph as u64);
    doc.add_u64(f.passage_at, passage_at);
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

    /// A new document of `kind`, starting at `start` in the article, with
    /// the shared fields.
    fn doc(&self, f: &Fields, kind: DocKind, start: usize) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, kind.as_str());
        if kind.is_statement() {
            doc.add_text(f.kind, STATEMENT);
        }
        doc.add_u64(f.kind_code, kind.code());
        doc.add_u64(f.tie, tie_key(self.key, start, kind));
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
    let mut doc = shared.doc(f, DocKind::Article, 0);
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
        for kind in DocKind::ALL {
            assert_eq!(DocKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(DocKind::from_code(4), None);
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

    /// An article's documents written to an index in memory, read back.
    fn written(text: &str) -> (Fields, Searcher, Vec<Quotation>) {
        let (schema, f) = super::super::schema::build();
        let index = tantivy::Index::create_in_ram(schema);
        super::super::schema::register_tokenizers(&index);
        let article = crate::article::Article::parse(text.into());
        let source = SourceArticle {
            key: "a.txt".into(),
            meta: crate::meta::ArticleMeta {
                date: crate::dates::parse_date("2025-08-17").ok(),
                ..Default::default()
            },
            article,
            title_guessed: true,
        };
        let quotations = crate::extract::Extractor::default().extract(&source.article);
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        for doc in documents(&f, "a.txt", &source, &quotations) {
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (f, index.reader().unwrap().searcher(), quotations)
    }

    #[test]
    fn what_a_document_is_reads_back_from_its_columns_and_the_store_holds_only_text() {
        let (f, searcher, quotations) = written(
            "Talks\n\n“We made progress,” Rubio said on Sunday.\n\nRubio said sanctions will not help.\n",
        );
        assert!(quotations.len() >= 2, "{quotations:?}");
        let columns = Columns::open(&searcher).unwrap();
        let at = |doc| DocAddress::new(0, doc);
        let max = searcher.segment_reader(0).max_doc();
        let kinds: Vec<DocKind> = (0..max).map(|d| columns.kind(at(d)).unwrap()).collect();
        let statements: Vec<u32> = (0..max)
            .filter(|&d| kinds[d as usize].is_statement())
            .collect();
        assert_eq!(kinds[0], DocKind::Article);
        assert_eq!(statements.len(), quotations.len());
        for (&d, q) in statements.iter().zip(&quotations) {
            assert_eq!(kinds[d as usize], DocKind::from(q.kind));
            assert_eq!(columns.paragraph(at(d)), q.paragraph as u64);
            assert_eq!(columns.span(at(d)), q.span.start as u64..q.span.end as u64);
            // The store holds no copy of what the columns hold: the key,
            // the speaker and nothing else (the words are the passage's).
            let stored: TantivyDocument = searcher.doc(at(d)).unwrap();
            let names: Vec<&str> = stored
                .field_values()
                .map(|(field, _)| searcher.schema().get_field_name(field))
                .collect();
            assert_eq!(names, ["article", "speaker", "speaker_id"], "{q:?}");
            let passage = searcher
                .search(
                    &tantivy::query::TermQuery::new(
                        tantivy::Term::from_field_u64(
                            f.passage_id,
                            passage_id_of(&columns, at(d), "a.txt").unwrap(),
                        ),
                        tantivy::schema::IndexRecordOption::Basic,
                    ),
                    &tantivy::collector::DocSetCollector,
                )
                .unwrap();
            let first = *passage.iter().next().unwrap();
            let passage: TantivyDocument = searcher.doc(first).unwrap();
            let passage = passage.get_first(f.passage).and_then(|v| v.as_str());
            assert_eq!(
                statement_text(&f, &stored, &columns, at(d), passage).as_deref(),
                Some(q.text.as_str())
            );
        }
        // Both kinds of statement, and nothing else, under one term.
        let statement = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(f.kind, STATEMENT),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let found = searcher
            .search(&statement, &tantivy::collector::DocSetCollector)
            .unwrap();
        let mut found: Vec<u32> = found.into_iter().map(|a| a.doc_id).collect();
        found.sort_unstable();
        assert_eq!(found, statements);
        let day = columns.date(at(0)).and_then(crate::meta::from_index_date);
        assert_eq!(day, crate::dates::parse_date("2025-08-17").ok());
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

    #[test]
    fn tie_keys_order_an_articles_documents_by_place_then_kind() {
        let key = |start, kind| tie_key("corpus/a.txt", start, kind);
        assert_eq!(key(40, DocKind::Quote), key(40, DocKind::Quote));
        assert!(key(0, DocKind::Article) < key(10, DocKind::Passage));
        assert!(key(10, DocKind::Passage) < key(10, DocKind::Quote));
        assert!(key(10, DocKind::Quote) < key(11, DocKind::Passage));
        // Past 512 MB places tie; the article and the kind still differ.
        assert_eq!(key(1 << 30, DocKind::Quote), key(1 << 31, DocKind::Quote));
        assert_ne!(
            key(1 << 30, DocKind::Quote),
            key(1 << 30, DocKind::Reported)
        );
        assert_ne!(
            key(10, DocKind::Quote),
            tie_key("corpus/b.txt", 10, DocKind::Quote)
        );
    }
}
