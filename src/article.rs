//! One article: its title and its paragraphs, with byte ranges into the file.
//!
//! Parsing is pure (text in, structure out); reading files lives in `corpus`.

use std::ops::Range;

/// What a paragraph is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphKind {
    /// The article's first line, when it reads as a headline.
    Title,
    /// A short line without final punctuation inside the body: a section heading.
    Heading,
    /// Running text: a passage.
    Body,
}

/// One paragraph: a non-empty line (or run of lines) of the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Position among the article's body paragraphs, from 1; 0 for the title and headings.
    pub number: usize,
    /// Byte range of the paragraph's text in the article, trimmed of white space.
    pub range: Range<usize>,
    pub kind: ParagraphKind,
}

/// A parsed article. `text` is the whole file; every range points into it.
#[derive(Clone, Debug)]
pub struct Article {
    pub text: String,
    pub title: Option<String>,
    pub paragraphs: Vec<Paragraph>,
}

/// Longest first line that can still be a headline, in characters.
const MAX_TITLE_CHARS: usize = 200;
/// Longest line that can be a section heading, in words.
const MAX_HEADING_WORDS: usize = 12;

impl Article {
    /// Splits `text` into a title and paragraphs. Paragraphs are separated by
    /// line breaks (blank lines or single newlines alike).
    pub fn parse(text: String) -> Article {
        Article::split(text, true)
    }

    /// Splits a body whose title is known from elsewhere (a JSON field, an
    /// HTML `<title>`): the first line is a paragraph like any other.
    pub fn with_title(text: String, title: Option<String>) -> Article {
        let mut article = Article::split(text, false);
        article.title = title;
        article
    }

    fn split(text: String, first_line_title: bool) -> Article {
        let mut paragraphs = Vec::new();
        let mut title = None;
        let mut number = 0;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let trimmed_start = line.len() - line.trim_start().len();
            let content = line.trim();
            if content.is_empty() {
                continue;
            }
            let range = start + trimmed_start..start + trimmed_start + content.len();
            let kind = if first_line_title && paragraphs.is_empty() && looks_like_title(content) {
                title = Some(content.to_string());
                ParagraphKind::Title
            } else if looks_like_heading(content) {
                ParagraphKind::Heading
            } else {
                number += 1;
                ParagraphKind::Body
            };
            let number = if kind == ParagraphKind::Body {
                number
            } else {
                0
            };
            paragraphs.push(Paragraph {
                number,
                range,
                kind,
            });
        }
        Article {
            text,
            title,
            paragraphs,
        }
    }

    /// The text of one paragraph.
    pub fn paragraph_text(&self, paragraph: &Paragraph) -> &str {
        &self.text[paragraph.range.clone()]
    }

    /// Body paragraphs: the passages that get indexed.
    pub fn passages(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Body)
    }
}

fn ends_like_sentence(line: &str) -> bool {
    let last = line.chars().last().unwrap_or(' ');
    matches!(last, '.' | '!' | '?' | ':' | ';' | ',' | '…')
        || (matches!(last, '”' | '"' | '’' | '\'' | ')')
            && line
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| matches!(c, '.' | '!' | '?' | ',' | '…')))
}

fn looks_like_title(line: &str) -> bool {
    line.chars().count() <= MAX_TITLE_CHARS
        && !ends_like_sentence(line)
        && line.chars().any(char::is_alphanumeric)
}

fn looks_like_heading(line: &str) -> bool {
    !ends_like_sentence(line)
        && line.split_whitespace().count() <= MAX_HEADING_WORDS
        && !line.contains(['“', '”', '"'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_without_full_stop_is_the_title() {
        let a = Article::parse(
            "Talks produced movement, Rubio says\n\nRubio told CBS on Sunday.\n".to_string(),
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Talks produced movement, Rubio says")
        );
        assert_eq!(a.passages().count(), 1);
        let p = a.passages().next().unwrap();
        assert_eq!(a.paragraph_text(p), "Rubio told CBS on Sunday.");
        assert_eq!(p.number, 1);
    }

    #[test]
    fn first_sentence_is_not_a_title() {
        let a = Article::parse("Rubio said Sunday that talks went well.\nMore text here.".into());
        assert_eq!(a.title, None);
        assert_eq!(a.passages().count(), 2);
    }

    #[test]
    fn section_headings_are_not_passages() {
        let a = Article::parse(
            "Headline\nFirst paragraph.\nProgress in Trump-Putin Talks\nSecond one.\n".into(),
        );
        let kinds: Vec<_> = a.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ParagraphKind::Title,
                ParagraphKind::Body,
                ParagraphKind::Heading,
                ParagraphKind::Body
            ]
        );
        assert_eq!(a.paragraphs[3].number, 2);
    }

    #[test]
    fn ranges_are_byte_offsets_into_the_text() {
        let text = "Title\n\n  “Hello,” he said.  \n".to_string();
        let a = Article::parse(text);
        let p = a.passages().next().unwrap();
        assert_eq!(&a.text[p.range.clone()], "“Hello,” he said.");
    }
}
