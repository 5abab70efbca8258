//! One indexed article with every attribution in it as a span, for the
//! article view of `quarry serve` (`/api/article`). Only an article the
//! index holds is read, from the file it was indexed from, and its
//! statements are extracted again: the index keeps passages, not files.

use serde::ser::SerializeStruct;
use serde::Serialize;

use crate::corpus;
use crate::extract::Quotation;
use crate::index::QuarryIndex;
use crate::output::json::StatementLine;
use crate::pipeline;
use crate::search::{article_of, ArticleRef, SearchError};
use crate::source::SourceArticle;

/// An article and its attributions.
#[derive(Clone, Debug)]
pub struct ArticleView {
    pub key: String,
    pub article: ArticleRef,
    /// The article's text as read from its file.
    pub text: String,
    /// In text order.
    pub statements: Vec<Quotation>,
}

/// `{"article", "text", "attributions"}`, each attribution a line of
/// `quarry extract --jsonl` (byte offsets into `text`).
impl Serialize for ArticleView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let lines: Vec<StatementLine> = self
            .statements
            .iter()
            .map(|q| StatementLine::new(&self.key, &self.text, q))
            .collect();
        let mut view = serializer.serialize_struct("ArticleView", 3)?;
        view.serialize_field("article", &self.article)?;
        view.serialize_field("text", &self.text)?;
        view.serialize_field("attributions", &lines)?;
        view.end()
    }
}

/// Why an article cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    #[error("no indexed article {0:?}")]
    NotIndexed(String),
    #[error("article {key:?} is indexed but its file cannot be read now: {reason}")]
    Gone { key: String, reason: String },
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// The indexed article `key` (a hit's `article.id`) with its attributions.
pub fn article_view(qi: &QuarryIndex, key: &str) -> Result<ArticleView, ViewError> {
    let searcher = qi.searcher().map_err(SearchError::from)?;
    // A hit's `article.id`, or its `relative_path`.
    let roots = &qi.manifest.roots;
    let columns = qi.columns(&searcher).map_err(SearchError::from)?;
    let mut found = None;
    for candidate in
        std::iter::once(key.to_string()).chain(crate::corpus::keys_for_relative(roots, key))
    {
        if let Some(article) = article_of(&searcher, &qi.fields, &columns, roots, &candidate, 0)? {
            found = Some((candidate, article));
            break;
        }
    }
    let Some((key, article)) = found else {
        return Err(ViewError::NotIndexed(key.to_string()));
    };
    let key = key.as_str();
    let source = read_article(qi, key)?;
    // Read as the index read it: with the aliases it was built with. An
    // article extraction fails on shows unmarked, as in the index.
    let extractor = qi.extractor().map_err(|e| ViewError::Gone {
        key: crate::corpus::shown_key(key),
        reason: e.to_string(),
    })?;
    let (mut statements, _) = pipeline::statements(extractor, &source);
    statements.sort_by_key(|q| (q.span.start, q.span.end));
    Ok(ArticleView {
        key: key.to_string(),
        article,
        text: source.article.text,
        statements,
    })
}

/// Reads the article `key` from the file it was indexed from, as that file
/// was then: the file is found through the index's list of files (never by
/// reading the key as a path), opened only as [`corpus::open_indexed`]
/// allows, and a file read whole must still have the bytes indexed.
fn read_article(qi: &QuarryIndex, key: &str) -> Result<SourceArticle, ViewError> {
    let gone = |reason: String| ViewError::Gone {
        key: crate::corpus::shown_key(key),
        reason,
    };
    let (file_key, state) = qi
        .file_of_article(key)
        .map_err(|e| gone(e.to_string()))?
        .ok_or_else(|| gone("its file is not in the index's list of files; re-index".into()))?;
    let file = corpus::open_indexed(file_key, &qi.manifest.roots, state.size).map_err(gone)?;
    let path = corpus::key_path(file_key);
    let mut found = None;
    let print = corpus::read_opened(file, &path, file_key, state.size, &mut |loaded| {
        found = loaded.articles.into_iter().find(|a| a.key == key);
        found.is_none()
    })
    .map_err(|e| gone(e.to_string()))?;
    let whole = !crate::source::is_line_per_article(&path);
    if whole && (print.size, print.hash) != (state.size, state.hash) {
        return Err(gone(
            "its file changed since it was indexed; re-index to see it".into(),
        ));
    }
    found.ok_or_else(|| gone("the file no longer holds it; re-index".into()))
}
