//! One article's way from its file to its statements, the same for
//! `quarry index` and `quarry extract`: the metadata table's row laid over
//! what the file says, extraction with a panic turned into a skipped
//! article (never a lost run), and the user's speaker aliases.

use std::ops::Range;

use crate::article::{Article, Paragraph};
use crate::extract::{Extractor, Quotation, StatementKind};
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

/// Most text read for statements at once. An article longer than this
/// (a book, a dump of a site) is read a window of whole paragraphs at a
/// time, and a paragraph longer than this (a file that is one line) in
/// pieces cut at sentence ends, so that extraction's memory (about 15
/// times the text it reads) stays bounded by the window, not by the file.
pub const EXTRACT_WINDOW: usize = 1 << 20;

/// An article's statements as `extractor` reads them, speakers renamed by
/// its aliases. When extraction fails (a bug on some text), the window it
/// failed on has none and the failure says which article, to be reported.
pub fn statements(
    extractor: &Extractor,
    article: &SourceArticle,
) -> (Vec<Quotation>, Option<Skipped>) {
    let whole = &article.article;
    let mut failure = None;
    let mut found = Vec::new();
    for window in windows(whole, EXTRACT_WINDOW) {
        let part = window.article(whole);
        let offset = part.as_ref().map_or(0, |_| window.span(whole).start);
        match extractor.try_extract(part.as_ref().unwrap_or(whole)) {
            Ok(quotations) => found.extend(quotations.into_iter().map(|mut q| {
                q.span = q.span.start + offset..q.span.end + offset;
                q.source = q.source.map(|s| s.start + offset..s.end + offset);
                q.paragraph_index += window.first;
                q
            })),
            Err(e) => {
                failure.get_or_insert(Skipped::new(
                    article.key.clone(),
                    format!("extraction failed ({e}); no statements taken from it, please report"),
                ));
            }
        }
    }
    extractor.aliases().apply(&mut found);
    (found, failure)
}

/// A stretch of an article read for statements in one go: paragraphs
/// `first..last`, or when `cut` is set, that byte range of the one
/// paragraph `first`.
#[derive(Debug, PartialEq, Eq)]
struct Window {
    first: usize,
    last: usize,
    cut: Option<Range<usize>>,
}

impl Window {
    /// The window as an article of its own, with offsets from its start;
    /// none when it is the whole article.
    fn article(&self, whole: &Article) -> Option<Article> {
        let paragraphs = &whole.paragraphs[self.first..self.last];
        if self.cut.is_none() && paragraphs.len() == whole.paragraphs.len() {
            return None;
        }
        let span = self.span(whole);
        let offset = span.start;
        Some(Article {
            text: whole.text[span].to_string(),
            title: whole.title.clone(),
            paragraphs: paragraphs
                .iter()
                .map(|p| {
                    let range = self.cut.clone().unwrap_or(p.range.clone());
                    Paragraph {
                        range: range.start - offset..range.end - offset,
                        ..p.clone()
                    }
                })
                .collect(),
        })
    }

    fn span(&self, whole: &Article) -> Range<usize> {
        self.cut.clone().unwrap_or_else(|| {
            whole.paragraphs[self.first].range.start..whole.paragraphs[self.last - 1].range.end
        })
    }
}

/// The article's paragraphs cut into windows of at most `size` bytes; the
/// whole article is one window when it fits.
fn windows(article: &Article, size: usize) -> Vec<Window> {
    let paragraphs = &article.paragraphs;
    let mut out = Vec::new();
    let mut first = 0;
    let whole = |first, last| Window {
        first,
        last,
        cut: None,
    };
    for (i, p) in paragraphs.iter().enumerate() {
        if p.range.len() > size {
            if first < i {
                out.push(whole(first, i));
            }
            let mut at = p.range.start;
            while at < p.range.end {
                let end = cut_point(&article.text, at, p.range.end, size);
                out.push(Window {
                    first: i,
                    last: i + 1,
                    cut: Some(at..end),
                });
                at = end;
            }
            first = i + 1;
        } else if first < i && p.range.end - paragraphs[first].range.start > size {
            out.push(whole(first, i));
            first = i;
        }
    }
    if first < paragraphs.len() {
        out.push(whole(first, paragraphs.len()));
    }
    out
}

/// Where a piece of `text[start..end]` at most `size` long ends: after the
/// last sentence end in its second half, else after its last space, else
/// at a character boundary.
fn cut_point(text: &str, start: usize, end: usize, size: usize) -> usize {
    if end - start <= size {
        return end;
    }
    let mut limit = start + size;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let piece = &text.as_bytes()[start + size / 2..limit];
    let after = |i: usize| start + size / 2 + i + 1;
    let sentence = piece
        .windows(2)
        .rposition(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ')
        .map(|i| after(i + 1));
    let space = || piece.iter().rposition(|&b| b == b' ').map(after);
    sentence.or_else(space).unwrap_or(limit)
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
        let aliases =
            crate::aliases::Aliases::from_pairs(vec![("Rubio".into(), "Marco Rubio".into())], 1);
        let extractor = Extractor::new(crate::extract::models::Models::compiled(), aliases);
        let (found, failure) = statements(&extractor, &article(true));
        assert!(failure.is_none());
        assert_eq!(found[0].speaker.as_ref().unwrap().name, "Marco Rubio");
        assert_eq!(reported_count(&found), 0);
    }

    #[test]
    fn long_articles_are_read_in_windows_of_whole_paragraphs() {
        let text = "Title\n\naaaa\nbbbb\nccc. ccc cccc\ndd\n".to_string();
        let article = Article::parse(text);
        let whole = |first, last| Window {
            first,
            last,
            cut: None,
        };
        let cut = |range| Window {
            first: 3,
            last: 4,
            cut: Some(range),
        };
        // The long paragraph is cut at its last space within the window.
        assert_eq!(
            windows(&article, 9),
            [
                whole(0, 1),
                whole(1, 3),
                cut(17..26),
                cut(26..30),
                whole(4, 5)
            ]
        );
        assert_eq!(windows(&article, 100), [whole(0, 5)]);
        // A sentence end in the second half of the window is preferred.
        assert_eq!(cut_point("aa bb. cc dd ee", 0, 15, 10), 7);
        assert_eq!(cut_point("aaaaaaaaaaaaaaa", 0, 15, 10), 10);
    }

    #[test]
    fn statements_found_in_a_window_point_into_the_whole_article() {
        let para = "“We will see,” Mr. Rubio said on Sunday in Geneva.";
        let body: Vec<String> = (0..40_000).map(|i| format!("{para} Note {i}.")).collect();
        // As paragraphs, and as one line.
        for joiner in ["\n", " "] {
            let text = format!("Title\n\n{}\n", body.join(joiner));
            assert!(text.len() > 2 * EXTRACT_WINDOW);
            let source = SourceArticle {
                key: "long.txt".into(),
                meta: ArticleMeta::default(),
                article: Article::parse(text),
                title_guessed: true,
            };
            let (found, failure) = statements(&Extractor::default(), &source);
            assert!(failure.is_none(), "{failure:?}");
            assert!(found.len() >= 39_990, "{}", found.len());
            for q in [&found[0], &found[found.len() - 1]] {
                assert_eq!(&source.article.text[q.span.clone()], "We will see,");
                let p = &source.article.paragraphs[q.paragraph_index];
                assert!(p.range.contains(&q.span.start));
                assert_eq!(q.speaker.as_ref().unwrap().name, "Rubio");
            }
        }
    }
}
