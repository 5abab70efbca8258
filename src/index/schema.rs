//! The tantivy schema: one document per passage and one per quotation.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::Index;

/// Bumped whenever the schema or the extraction stored in it changes, so an
/// older index is detected and rebuilt instead of misread.
pub const SCHEMA_VERSION: u32 = 6;

/// English text: lowercased, accents folded, name endings folded, stemmed.
pub const ENGLISH: &str = "quarry_en";
/// Pre-folded ids separated by spaces.
pub const IDS: &str = "whitespace";

/// Marker token in `speaker_id` for speakers known only by one name, so that
/// `--speaker "Marco Rubio"` also finds an article's bare "Rubio".
pub const SINGLE_NAME: &str = "_single";

/// Handles to every field.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// "passage" or "quote".
    pub kind: Field,
    /// The file as walked; the key for replacing a file's documents.
    pub file: Field,
    /// The article: its file, or `file#N` for the N-th article of a JSON Lines file.
    pub article: Field,
    pub title: Field,
    /// Who published the article, its folded tokens (for `--publisher`) and
    /// its name as one value (for counting).
    pub publisher: Field,
    pub publisher_id: Field,
    pub publisher_name: Field,
    /// Publication day, for `--since`, `--until` and `--sort date`.
    pub date: Field,
    pub author: Field,
    pub url: Field,
    /// Body paragraph number, from 1.
    pub paragraph: Field,
    /// Passage text (indexed for passage documents only).
    pub passage: Field,
    /// The passage around a quotation (stored for quote documents).
    pub context: Field,
    pub quote: Field,
    pub speaker: Field,
    /// Folded speaker id tokens, for `--speaker`.
    pub speaker_id: Field,
    /// Display name as one fast value, for counting.
    pub speaker_name: Field,
    pub outlet: Field,
    /// Folded outlet tokens, for `--outlet`.
    pub outlet_id: Field,
    pub outlet_name: Field,
    pub cue: Field,
    /// Byte range of the quotation in the article.
    pub start: Field,
    pub end: Field,
    /// Hashed word trigrams of the quotation (stored only), to tell
    /// whether another quotation is a report of it.
    pub shingles: Field,
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let english = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ENGLISH)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let ids = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(IDS)
            .set_index_option(IndexRecordOption::Basic),
    );
    let names = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ENGLISH)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | STORED),
        file: b.add_text_field("file", STRING),
        article: b.add_text_field("article", STRING | STORED),
        title: b.add_text_field("title", english.clone()),
        publisher: b.add_text_field("publisher", english.clone()),
        publisher_id: b.add_text_field("publisher_id", ids.clone()),
        publisher_name: b.add_text_field("publisher_name", STRING | FAST),
        date: b.add_date_field(
            "date",
            DateOptions::from(INDEXED | STORED | FAST).set_precision(DateTimePrecision::Seconds),
        ),
        author: b.add_text_field("author", english.clone()),
        url: b.add_text_field("url", STORED),
        paragraph: b.add_u64_field("paragraph", INDEXED | STORED | FAST),
        passage: b.add_text_field("passage", english.clone()),
        context: b.add_text_field("context", STORED),
        quote: b.add_text_field("quote", english),
        speaker: b.add_text_field("speaker", names.clone()),
        speaker_id: b.add_text_field("speaker_id", ids.clone().set_stored()),
        speaker_name: b.add_text_field("speaker_name", STRING | FAST),
        outlet: b.add_text_field("outlet", names),
        outlet_id: b.add_text_field("outlet_id", ids),
        outlet_name: b.add_text_field("outlet_name", STRING | FAST),
        cue: b.add_text_field("cue", STRING | STORED),
        start: b.add_u64_field("start", STORED),
        end: b.add_u64_field("end", STORED),
        shingles: b.add_text_field("shingles", STORED),
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
            .filter(super::analysis::NameEndings)
            .filter(Stemmer::new(Language::English))
            .build(),
    );
}

/// Field handles of an existing index's schema, or `None` when it is not ours.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name| schema.get_field(name).ok();
    Some(Fields {
        kind: f("kind")?,
        file: f("file")?,
        article: f("article")?,
        title: f("title")?,
        publisher: f("publisher")?,
        publisher_id: f("publisher_id")?,
        publisher_name: f("publisher_name")?,
        date: f("date")?,
        author: f("author")?,
        url: f("url")?,
        paragraph: f("paragraph")?,
        passage: f("passage")?,
        context: f("context")?,
        quote: f("quote")?,
        speaker: f("speaker")?,
        speaker_id: f("speaker_id")?,
        speaker_name: f("speaker_name")?,
        outlet: f("outlet")?,
        outlet_id: f("outlet_id")?,
        outlet_name: f("outlet_name")?,
        cue: f("cue")?,
        start: f("start")?,
        end: f("end")?,
        shingles: f("shingles")?,
    })
}
