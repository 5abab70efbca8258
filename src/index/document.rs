//! One article's tantivy documents: one per passage, one per quotation, each
//! carrying the article's key and metadata so every hit can show them.

use tantivy::schema::TantivyDocument;

use super::schema::SINGLE_NAME;
use super::Fields;
use crate::extract::names::fold_tokens;
use crate::extract::Quotation;
use crate::same_quote;
use crate::source::SourceArticle;

/// The documents of `source` (found in the file `file`) and its quotations.
pub fn documents(
    f: &Fields,
    file: &str,
    source: &SourceArticle,
    quotations: &[Quotation],
) -> Vec<TantivyDocument> {
    let article = &source.article;
    let mut docs = Vec::with_capacity(article.paragraphs.len() + quotations.len());
    for p in article.passages() {
        let mut doc = article_doc(f, file, source, "passage");
        doc.add_u64(f.paragraph, p.number as u64);
        doc.add_text(f.passage, article.paragraph_text(p));
        docs.push(doc);
    }
    for q in quotations {
        let mut doc = article_doc(f, file, source, "quote");
        doc.add_u64(f.paragraph, q.paragraph as u64);
        doc.add_text(
            f.context,
            article.paragraph_text(&article.paragraphs[q.paragraph_index]),
        );
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
        docs.push(doc);
    }
    docs
}

/// A document with the fields every document of the article shares.
fn article_doc(f: &Fields, file: &str, source: &SourceArticle, kind: &str) -> TantivyDocument {
    let meta = &source.meta;
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, kind);
    doc.add_text(f.file, file);
    doc.add_text(f.article, &source.key);
    doc.add_text(f.title, source.article.title.as_deref().unwrap_or(""));
    if let Some(p) = &meta.publisher {
        doc.add_text(f.publisher, p);
        doc.add_text(f.publisher_id, fold_tokens(p).join(" "));
        doc.add_text(f.publisher_name, p);
    }
    if let Some(d) = meta.date {
        let secs = d.midnight().assume_utc().unix_timestamp();
        doc.add_date(f.date, tantivy::DateTime::from_timestamp_secs(secs));
    }
    if let Some(a) = &meta.author {
        doc.add_text(f.author, a);
    }
    if let Some(u) = &meta.url {
        doc.add_text(f.url, u);
    }
    doc
}
