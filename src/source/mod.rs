//! Article files as they really come — plain text or Markdown (with optional
//! YAML front matter), one JSON article, JSON Lines of articles, HTML pages —
//! turned into [`Article`]s with their [`ArticleMeta`].
//!
//! Byte offsets of quotations point into [`Article::text`]: the file itself
//! for `.txt`/`.md` (front matter is blanked out, not cut, so offsets stay
//! true), the `body`/`text` field for JSON, the extracted text for HTML.

mod front_matter;
mod html;
pub mod json;

use std::path::Path;

use crate::article::Article;
use crate::meta::ArticleMeta;

/// File extensions read as articles, lower case.
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "json", "jsonl", "ndjson", "html", "htm",
];

/// One article of a file, ready for extraction.
#[derive(Debug)]
pub struct SourceArticle {
    /// The article's key: the file path, or `path#N` for the N-th article
    /// (from 1) of a JSON Lines file or JSON array.
    pub key: String,
    pub article: Article,
    pub meta: ArticleMeta,
    /// The title is the text's first line, not a field that says so.
    pub title_guessed: bool,
}

/// A file, or an article of a file, that is not indexed, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// The file (or `FILE#N`, or a folder).
    pub path: String,
    pub reason: String,
}

impl Skipped {
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Skipped {
        Skipped {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "skipped {}: {}",
            crate::corpus::shown_key(&self.path),
            self.reason
        )
    }
}

/// What a file held.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<SourceArticle>,
    /// Parts of the file that are not indexed.
    pub skipped: Vec<Skipped>,
    /// Things indexed anyway but worth knowing (an unreadable date, bad front matter).
    pub warnings: Vec<String>,
}

/// Whether a path has an article extension.
pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Whether a file is read line by line, one article a line (JSON Lines).
pub fn is_line_per_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// Reads the articles of one file from its decoded text. `key` names the
/// file in messages and in the index.
pub fn load(path: &Path, key: &str, text: String) -> Loaded {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "json" => json::load_document(key, &text),
        "jsonl" | "ndjson" => json::load_lines(key, &text),
        "html" | "htm" => html::load(key, &text),
        _ => front_matter::load(key, text),
    }
}

/// Checks a meta field and keeps a warning when its value is unusable.
fn set_meta(
    meta: &mut ArticleMeta,
    name: &str,
    value: &str,
    key: &str,
    warnings: &mut Vec<String>,
) {
    if let Err(e) = meta.set(name, value) {
        warnings.push(format!("{key}: {e} (ignored)"));
    }
}
