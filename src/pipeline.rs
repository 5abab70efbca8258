//! One article's way from its file to its statements, the same for
//! `quarry index` and `quarry extract`: the metadata table's row laid over
//! what the file says, extraction with a panic turned into a skipped
//! article (never a lost run), and the user's speaker aliases.

use crate::aliases::Aliases;
use crate::extract::{try_extract, Quotation, StatementKind};
use crate::meta::ArticleMeta;
use crate::source::{Skipped, SourceArticle};

/// Lays a metadata table's row over an article's own metadata. The table
/// is curated: its title wins over one guessed from the first line.
pub fn apply_metadata(article: &mut SourceArticle, row: &ArticleMeta) {
    if row.title.is_some() && article.title_guessed {
        article.meta.title = None;
    }
    article.meta.fill_from(row);
    article.article.title.clone_from(&article.meta.title);
}

/// An article's statements, speakers renamed by `aliases`. When extraction
/// fails (a bug on some text), the article has none and the failure says
/// which one, to be reported.
pub fn statements(article: &SourceArticle, aliases: &Aliases) -> (Vec<Quotation>, Option<Skipped>) {
    match try_extract(&article.article) {
        Ok(mut quotations) => {
            aliases.apply(&mut quotations);
            (quotations, None)
        }
        Err(e) => (
            Vec::new(),
            Some(Skipped::new(
                article.key.clone(),
                format!("extraction failed ({e}); no statements taken from it, please report"),
            )),
        ),
    }
}

/// How many of `statements` are reported speech.
pub fn reported_count(statements: &[Quotation]) -> usize {
    statements
        .iter()
        .filter(|q| q.kind == StatementKind::Reported)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn article(title_guessed: bool) -> SourceArticle {
        let parsed = Article::parse("Guessed title\n\n“We will see,” Mr. Rubio said.\n".into());
        SourceArticle {
            key: "a.txt".into(),
            meta: ArticleMeta {
                title: parsed.title.clone(),
                ..ArticleMeta::default()
            },
            article: parsed,
            title_guessed,
        }
    }

    #[test]
    fn a_table_row_fills_the_gaps_and_replaces_only_a_guessed_title() {
        let row = ArticleMeta {
            title: Some("Curated".into()),
            publisher: Some("The Wire".into()),
            ..ArticleMeta::default()
        };
        let mut guessed = article(true);
        apply_metadata(&mut guessed, &row);
        assert_eq!(guessed.article.title.as_deref(), Some("Curated"));
        assert_eq!(guessed.meta.publisher.as_deref(), Some("The Wire"));
        let mut given = article(false);
        apply_metadata(&mut given, &row);
        assert_eq!(given.article.title.as_deref(), Some("Guessed title"));
    }

    #[test]
    fn statements_are_renamed_by_the_aliases() {
        let aliases = Aliases::from_pairs(vec![("Rubio".into(), "Marco Rubio".into())], 1);
        let (found, failure) = statements(&article(true), &aliases);
        assert!(failure.is_none());
        assert_eq!(found[0].speaker.as_ref().unwrap().name, "Marco Rubio");
        assert_eq!(reported_count(&found), 0);
    }
}
