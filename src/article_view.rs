//! One indexed article with every attribution in it as a span, for the
//! article view of `quarry serve` (`/api/article`). Only an article the
//! index holds is read, from the file it was indexed from, and its
//! statements are extracted again: the index keeps passages, not files.

use std::path::Path;

use serde::Serialize;

use crate::aliases::Aliases;
use crate::corpus;
use crate::extract::StatementKind;
use crate::index::QuarryIndex;
use crate::pipeline;
use crate::search::{article_of, ArticleRef, SearchError};
use crate::source::SourceArticle;

/// An article and its attributions.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleView {
    pub article: ArticleRef,
    /// The article's text as read from its file.
    pub text: String,
    /// In text order; byte offsets into `text`.
    pub attributions: Vec<Attribution>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Attribution {
    pub kind: StatementKind,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    pub outlet: Option<String>,
    pub cue: Option<String>,
    /// The words that name the source ("he", "Rubio"), when found.
    pub source_start: Option<usize>,
    pub source_end: Option<usize>,
    pub paragraph: usize,
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

/// The indexed article `key` (a hit's `article.path`) with its attributions.
pub fn article_view(qi: &QuarryIndex, key: &str) -> Result<ArticleView, ViewError> {
    let searcher = qi.searcher().map_err(SearchError::from)?;
    let Some(article) = article_of(&searcher, &qi.fields, &qi.manifest.roots, key, 0)? else {
        return Err(ViewError::NotIndexed(key.to_string()));
    };
    let source = read_article(key)?;
    let (statements, failure) = pipeline::statements(&source, &Aliases::default());
    if let Some(f) = failure {
        return Err(ViewError::Gone {
            key: key.to_string(),
            reason: f.reason,
        });
    }
    let mut attributions: Vec<Attribution> = statements
        .into_iter()
        .map(|q| Attribution {
            kind: q.kind,
            start: q.span.start,
            end: q.span.end,
            speaker_id: q.speaker.as_ref().map(|s| s.id.as_str().to_string()),
            speaker: q.speaker.map(|s| s.name),
            outlet: q.outlet,
            cue: q.cue,
            source_start: q.source.as_ref().map(|s| s.start),
            source_end: q.source.map(|s| s.end),
            paragraph: q.paragraph,
        })
        .collect();
    attributions.sort_by_key(|a| (a.start, a.end));
    Ok(ArticleView {
        article,
        text: source.article.text,
        attributions,
    })
}

/// Reads the article `key` from its file: the key is the file's path, or
/// `path#N` for the N-th article of a file of several.
fn read_article(key: &str) -> Result<SourceArticle, ViewError> {
    let gone = |reason: String| ViewError::Gone {
        key: key.to_string(),
        reason,
    };
    let file = if Path::new(key).is_file() {
        key
    } else {
        key.rsplit_once('#').map_or(key, |(file, _)| file)
    };
    let mut found = None;
    corpus::read_articles(Path::new(file), file, &mut |loaded| {
        found = loaded.articles.into_iter().find(|a| a.key == key);
        found.is_none()
    })
    .map_err(|e| gone(e.to_string()))?;
    found.ok_or_else(|| gone("the file no longer holds it; re-index".into()))
}
