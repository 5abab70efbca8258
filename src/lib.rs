//! quarry: a search engine for what people said in the news.
//!
//! The data flows top to bottom: [`corpus`] finds and reads files,
//! [`article`] splits one into title and paragraphs, [`extract`] finds its
//! quotations with speaker and outlet, [`index`] writes them to tantivy,
//! [`search`] and [`tally`] answer queries, [`output`] renders the answers,
//! and [`serve`] answers them over HTTP. The command line (its parsing, one
//! runner per subcommand, batch query files) belongs to the `quarry` binary.
//!
//! Extraction is a pure function of the text:
//!
//! ```
//! use quarry::article::Article;
//! use quarry::extract::extract;
//!
//! let article = Article::parse("Talks resume\n“We made progress,” Rubio told CNN.\n".to_string());
//! let quotes = extract(&article);
//! assert_eq!(quotes[0].text, "We made progress,");
//! assert_eq!(quotes[0].speaker.as_ref().unwrap().name, "Rubio");
//! assert_eq!(quotes[0].outlet.as_deref(), Some("CNN"));
//! ```
pub mod aliases;
pub mod article;
pub mod article_view;
pub mod corpus;
pub mod dates;
pub mod export;
pub mod extract;
pub mod index;
pub mod meta;
pub mod output;
pub mod pipeline;
pub mod query;
pub mod request;
pub mod same_quote;
pub mod search;
pub mod serve;
pub mod source;
pub mod speaker_names;
pub mod stats;
pub mod tally;
pub mod timeline;

/// mimalloc for every program built on the library (the binary, its tests
/// and benchmarks alike): extraction and indexing allocate many small,
/// short-lived values, and the system allocator was a tenth of their CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The message of a panic payload (a `&str` or a `String`), for one-line reports.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".to_string())
}
