//! One article's tantivy documents: one per passage, one per quotation, each
//! carrying the article's key and metadata so every hit can show them.

use serde::Serialize;
use tantivy::schema::TantivyDocument;

use super::schema::SINGLE_NAME;
use super::Fields;
use crate::extract::names::fold_tokens;
use crate::extract::{Quotation, StatementKind};
use crate::same_quote;
use crate::source::SourceArticle;

/// What an index document holds; its name is the `kind` term of the index
/// and of JSON hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A paragraph of an article (or a part of a huge one).
    Passage,
    /// A direct quotation.
    Quote,
    /// Reported speech.
    Reported,
}

impl DocKind {
    pub const ALL: [DocKind; 3] = [DocKind::Passage, DocKind::Quote, DocKind::Reported];

    pub fn as_str(self) -> &'static str {
        match self {
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
        self != DocKind::Passage
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
/// How much of the paragraph around a quotation is kept as its context,
/// in bytes either side.
const CONTEXT_MARGIN: usize = 1024;

/// The documents of `source` (found in the file `file`) and its
/// quotations, made one at a time so that a huge article never has all of
/// them in memory at once.
pub fn documents<'a>(
    f: &'a Fields,
    file: &'a str,
    source: &'a SourceArticle,
    quotations: &'a [Quotation],
) -> impl Iterator<Item = TantivyDocument> + 'a {
    let article = &source.article;
    let passages = article.passages().flat_map(move |p| {
        chunks(article.paragraph_text(p), MAX_PASSAGE)
            .into_iter()
            .map(move |chunk| {
                let mut doc = article_doc(f, file, source, DocKind::Passage);
                doc.add_u64(f.paragraph, p.number as u64);
                doc.add_text(f.passage, chunk);
                doc
            })
    });
    passages.chain(
        quotations
            .iter()
            .map(move |q| quote_doc(f, file, source, q)),
    )
}

fn quote_doc(f: &Fields, file: &str, source: &SourceArticle, q: &Quotation) -> TantivyDocument {
    let article = &source.article;
    let mut doc = article_doc(f, file, source, q.kind.into());
    doc.add_u64(f.paragraph, q.paragraph as u64);
    let paragraph = &article.paragraphs[q.paragraph_index].range;
    doc.add_text(f.context, context(&article.text, paragraph, &q.span));
    doc.add_text(f.quote, &q.text);
    doc.add_u64(f.start, q.span.start as u64);
    doc.add_u64(f.end, q.span.end as u64);
    doc.add_text(
        f.shingles,
        same_quote::to_tokens(&same_quote::shingles(&q.text)),
    );
    if let Some(s) = &q.speaker {
        doc.add_text(f.speaker, &s.name);
        let mut id = s.id.as_str().to_string();
        if s.id.tokens().count() == 1 {
            id.push(' ');
            id.push_str(SINGLE_NAME);
        }
        doc.add_text(f.speaker_id, &id);
        doc.add_text(f.speaker_name, &s.name);
    }
    if let Some(o) = &q.outlet {
        doc.add_text(f.outlet, o);
        doc.add_text(f.outlet_id, fold_tokens(o).join(" "));
        doc.add_text(f.outlet_name, o);
    }
    if let Some(c) = &q.cue {
        doc.add_text(f.cue, c);
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

/// The part of the paragraph around a quotation: the whole paragraph when
/// it is short, else [`CONTEXT_MARGIN`] bytes either side of the quotation's start.
pub fn context<'a>(
    text: &'a str,
    paragraph: &std::ops::Range<usize>,
    quote: &std::ops::Range<usize>,
) -> &'a str {
    if paragraph.len() <= 2 * CONTEXT_MARGIN {
        return &text[paragraph.clone()];
    }
    let anchor = quote.start.clamp(paragraph.start, paragraph.end);
    let start = text.ceil_char_boundary(anchor.saturating_sub(CONTEXT_MARGIN).max(paragraph.start));
    let end = text.floor_char_boundary((anchor + CONTEXT_MARGIN).min(paragraph.end));
    &text[start..end.max(start)]
}

/// A document with the fields every document of the article shares.
fn article_doc(f: &Fields, file: &str, source: &SourceArticle, kind: DocKind) -> TantivyDocument {
    let meta = &source.meta;
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, kind.as_str());
    doc.add_text(f.file, file);
    doc.add_text(f.article, &source.key);
    doc.add_text(f.title, source.article.title.as_deref().unwrap_or(""));
    if let Some(p) = &meta.publisher {
        doc.add_text(f.publisher, p);
        doc.add_text(f.publisher_id, fold_tokens(p).join(" "));
        doc.add_text(f.publisher_name, p);
    }
    if let Some(d) = meta.date {
        doc.add_date(f.date, crate::meta::to_index_date(d));
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
    fn context_is_a_bounded_window_on_char_boundaries() {
        let text = "ж".repeat(10_000);
        let c = context(&text, &(0..text.len()), &(5001..5003));
        assert!(c.len() <= 2 * CONTEXT_MARGIN);
        assert!(c.len() > CONTEXT_MARGIN);
        assert_eq!(context("ab", &(0..2), &(0..1)), "ab");
    }
}
