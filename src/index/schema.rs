//! The tantivy schema: one document per article (its metadata, stored
//! once), one per passage and one per statement (which points at its passage).

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::Index;

/// Bumped whenever the schema or the extraction stored in it changes, so an
/// older index is detected and rebuilt instead of misread.
pub const SCHEMA_VERSION: u32 = 14;

/// English text: lowercased, accents folded, name endings folded, stemmed.
pub const ENGLISH: &str = "quarry_en";
/// Pre-folded ids separated by spaces.
pub const IDS: &str = "whitespace";

/// Handles to every field.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// What the document is: see [`super::document::DocKind`]; a term
    /// for filters (a statement's kind and [`super::document::STATEMENT`]),
    /// and its code a fast column for hits (a number: a
    /// string column's dictionary costs a cold process to open).
    pub kind: Field,
    pub kind_code: Field,
    /// The file as walked; the key for replacing a file's documents.
    pub file: Field,
    /// The article: its file, or `file#N` for the N-th article of a JSON
    /// Lines file (stored only).
    pub article: Field,
    /// The article's key, indexed on its article document only: how a hit
    /// finds its article's metadata.
    pub article_id: Field,
    /// What orders documents of equal score, a fast column on every
    /// document ([`super::document::tie_key`]: its article's key hashed,
    /// then where it starts in the article, then its kind), so that an
    /// order never depends on how documents were shared among indexing
    /// threads and segments.
    pub tie: Field,
    /// Title, author and URL: stored (the title also analysed) once, on
    /// the article document.
    pub title: Field,
    pub author: Field,
    pub url: Field,
    /// Who published the article: its name (stored on the article
    /// document; a fast column on every document, for counting) and its
    /// folded tokens on every document (for `--publisher`).
    pub publisher: Field,
    pub publisher_id: Field,
    pub publisher_name: Field,
    /// Publication day, on every document, for `--since`, `--until` and
    /// `--sort date`, and read from its fast column for hits.
    pub date: Field,
    /// Body paragraph number, from 1, a fast column.
    pub paragraph: Field,
    /// Passage text (passage documents).
    pub passage: Field,
    /// Which passage a passage document is ([`super::document::passage_id`]),
    /// and where the passage holding a statement starts in its article, a
    /// fast column: a statement shows its passage instead of a copy of it.
    pub passage_id: Field,
    pub passage_at: Field,
    /// A statement's words, analysed and not stored: they are cut from its
    /// passage ([`super::document::statement_text`]), or stored in
    /// `quote_text` when its passage does not hold them (a heading's, or
    /// one that runs past a long paragraph's part).
    pub quote: Field,
    pub quote_text: Field,
    /// The speaker's display name, analysed and stored: a hit reads it
    /// here, where a string column would set up a decompressor for each
    /// look-up (a fifth of a query's time).
    pub speaker: Field,
    /// Folded speaker id tokens, for `--speaker`.
    pub speaker_id: Field,
    /// Display name as one fast value, for counting.
    pub speaker_name: Field,
    /// Hash of the speaker id's last word (0: no speaker), a fast column:
    /// two reports of one quotation must share it.
    pub speaker_last: Field,
    pub outlet: Field,
    /// Folded outlet tokens, for `--outlet`.
    pub outlet_id: Field,
    pub outlet_name: Field,
    /// Byte range of the statement's words in the article, fast columns.
    pub start: Field,
    pub end: Field,
    /// Keys of the hashed word trigrams of a direct quotation, indexed
    /// (`same_quote::key`), and how many trigrams it has, a fast column:
    /// what finds its other reports.
    pub shingle: Field,
    pub shingle_count: Field,
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analysed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ENGLISH)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let english = analysed.clone().set_stored();
    // Fields that filter, count or look up but never score have no field
    // norms: a byte per document and field that nothing would read.
    let term = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        )
    };
    let key = term("raw");
    let ids = term(IDS);
    let number = NumericOptions::default().set_indexed();
    let fields = Fields {
        kind: b.add_text_field("kind", key.clone()),
        kind_code: b.add_u64_field("kind_code", FAST),
        file: b.add_text_field("file", key.clone()),
        article: b.add_text_field("article", STORED),
        article_id: b.add_text_field("article_id", key.clone()),
        tie: b.add_u64_field("tie", FAST),
        title: b.add_text_field("title", english.clone()),
        author: b.add_text_field("author", STORED),
        url: b.add_text_field("url", STORED),
        publisher: b.add_text_field("publisher", STORED),
        publisher_id: b.add_text_field("publisher_id", ids.clone()),
        publisher_name: b.add_text_field("publisher_name", key.clone().set_fast("raw")),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        paragraph: b.add_u64_field("paragraph", FAST),
        passage: b.add_text_field("passage", english),
        passage_id: b.add_u64_field("passage_id", number.clone()),
        passage_at: b.add_u64_field("passage_at", FAST),
        quote: b.add_text_field("quote", analysed.clone()),
        quote_text: b.add_text_field("quote_text", STORED),
        speaker: b.add_text_field("speaker", analysed.clone().set_stored()),
        speaker_id: b.add_text_field("speaker_id", ids.clone().set_stored()),
        speaker_name: b.add_text_field("speaker_name", key.clone().set_fast("raw")),
        speaker_last: b.add_u64_field("speaker_last", FAST),
        outlet: b.add_text_field("outlet", analysed.set_stored()),
        outlet_id: b.add_text_field("outlet_id", ids),
        outlet_name: b.add_text_field("outlet_name", key.set_fast("raw")),
        start: b.add_u64_field("start", FAST),
        end: b.add_u64_field("end", FAST),
        shingle: b.add_u64_field("shingle", number),
        shingle_count: b.add_u64_field("shingle_count", FAST),
    };
    (b.build(), fields)
}

/// Registers quarry's tokenizers on an opened or created index.
pub fn register_tokenizers(index: &Index) {
    index.tokenizers().register(
        ENGLISH,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(super::analysis::FoldAndStem)
            .build(),
    );
}

/// Field handles of an existing index's schema, or `None` when it is not ours.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name| schema.get_field(name).ok();
    Some(Fields {
        kind: f("kind")?,
        kind_code: f("kind_code")?,
        file: f("file")?,
        article: f("article")?,
        article_id: f("article_id")?,
        tie: f("tie")?,
        title: f("title")?,
        author: f("author")?,
        url: f("url")?,
        publisher: f("publisher")?,
        publisher_id: f("publisher_id")?,
        publisher_name: f("publisher_name")?,
        date: f("date")?,
        paragraph: f("paragraph")?,
        passage: f("passage")?,
        passage_id: f("passage_id")?,
        passage_at: f("passage_at")?,
        quote: f("quote")?,
        quote_text: f("quote_text")?,
        speaker: f("speaker")?,
        speaker_id: f("speaker_id")?,
        speaker_name: f("speaker_name")?,
        speaker_last: f("speaker_last")?,
        outlet: f("outlet")?,
        outlet_id: f("outlet_id")?,
        outlet_name: f("outlet_name")?,
        start: f("start")?,
        end: f("end")?,
        shingle: f("shingle")?,
        shingle_count: f("shingle_count")?,
    })
}
