//! Laying text out for a reader: the sentence a statement stands in, where
//! the query's words are in it, and lines wrapped to the terminal with a
//! hanging indent. Pure functions over strings; `human` adds the colour.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

/// Longest sentence shown whole, in bytes; a longer one is cut around the
/// statement, with "…" where it is cut.
const LONGEST_SENTENCE: usize = 420;
/// How much of a long sentence is kept on either side of the statement.
const SENTENCE_MARGIN: usize = 160;

/// The sentence of `text` around the bytes `part`: from the end of the
/// sentence before to the end of the last sentence `part` touches, cut
/// around `part` when very long. Returns the range and whether text was cut
/// before and after it.
pub fn sentence_around(text: &str, part: Range<usize>) -> (Range<usize>, bool, bool) {
    let part = part.start.min(text.len())..part.end.min(text.len());
    let start = sentence_start(text, part.start);
    let end = sentence_end(text, part.end.max(part.start));
    if end - start <= LONGEST_SENTENCE {
        return (start..end, start > 0, end < text.len());
    }
    let from = word_start(text, part.start.saturating_sub(SENTENCE_MARGIN).max(start));
    let to = word_end(text, (part.end + SENTENCE_MARGIN).min(end));
    (from..to, from > 0, to < text.len())
}

/// Where the sentence holding byte `at` starts: after the last ". ", "? "
/// or "! " (closing quotation marks allowed between) before it.
fn sentence_start(text: &str, at: usize) -> usize {
    let before = &text[..floor(text, at)];
    let mut cut = 0;
    for (i, c) in before.char_indices() {
        if matches!(c, '.' | '?' | '!') {
            let rest = &before[i + c.len_utf8()..];
            let closing = rest.len() - rest.trim_start_matches(['"', '”', '’', '\'', ')']).len();
            let after = &rest[closing..];
            if after.starts_with(char::is_whitespace) && !is_abbreviation(&before[..i]) {
                cut = i + c.len_utf8() + closing;
            }
        }
    }
    cut + (text[cut..].len() - text[cut..].trim_start().len())
}

/// Where the sentence holding byte `at` ends: after the first ". ", "? "
/// or "! " (with closing quotation marks) from it on.
fn sentence_end(text: &str, at: usize) -> usize {
    let at = floor(text, at);
    for (i, c) in text[at..].char_indices() {
        if matches!(c, '.' | '?' | '!') {
            let end = at + i + c.len_utf8();
            let rest = &text[end..];
            let closing = rest.len() - rest.trim_start_matches(['"', '”', '’', '\'', ')']).len();
            let after = &rest[closing..];
            if (after.is_empty() || after.starts_with(char::is_whitespace))
                && !is_abbreviation(&text[..at + i])
            {
                return end + closing;
            }
        }
    }
    text.trim_end().len()
}

/// "Mr." "U.S." "Sen.": a period that ends no sentence.
fn is_abbreviation(before_period: &str) -> bool {
    let word = before_period
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    let bare = word.trim_start_matches(['"', '“', '‘', '\'']);
    (bare.chars().count() <= 3 && bare.starts_with(char::is_uppercase))
        || bare.contains('.')
        || matches!(
            bare,
            "Gov" | "Sen" | "Rep" | "Gen" | "Lt" | "Col" | "Sgt" | "Pres" | "Prof"
        )
}

fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The start of the word at or after byte `at`.
fn word_start(text: &str, at: usize) -> usize {
    let at = floor(text, at);
    if at == 0 || text[..at].ends_with(char::is_whitespace) {
        return at;
    }
    text[at..]
        .find(char::is_whitespace)
        .map_or(at, |i| at + i + 1)
}

/// The end of the word at or before byte `at`.
fn word_end(text: &str, at: usize) -> usize {
    let at = floor(text, at);
    if at == text.len() || text[at..].starts_with(char::is_whitespace) {
        return at;
    }
    text[..at].rfind(char::is_whitespace).unwrap_or(at)
}

/// Where the words of `terms` occur in `text`, whole words only, ASCII
/// case ignored; sorted, not overlapping.
pub fn occurrences(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    for term in terms.iter().filter(|t| !t.is_empty()) {
        let t = term.as_bytes();
        let mut i = 0;
        while i + t.len() <= bytes.len() {
            let hit = bytes[i..i + t.len()].eq_ignore_ascii_case(t)
                && (i == 0 || !is_word(bytes[i - 1]))
                && (i + t.len() == bytes.len() || !is_word(bytes[i + t.len()]));
            if hit && text.is_char_boundary(i) && text.is_char_boundary(i + t.len()) {
                found.push(i..i + t.len());
                i += t.len();
            } else {
                i += 1;
            }
        }
    }
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in found {
        if out.last().is_none_or(|last| r.start >= last.end) {
            out.push(r);
        }
    }
    out
}

/// How a piece of text is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// Around the statement: the rest of its sentence.
    Around,
    /// A word of the query.
    Match,
    /// The line naming the article a hit comes from.
    Article,
}

/// Breaks styled text into lines of at most `columns` columns, at spaces
/// (runs of spaces become one); a word longer than a line gets a line of
/// its own. `None` keeps one line.
pub fn wrap(pieces: &[(String, Style)], columns: Option<usize>) -> Vec<Vec<(String, Style)>> {
    // Words with their styles: a word may span pieces ("sanctions," with
    // the comma unhighlighted).
    let mut words: Vec<(Vec<(String, Style)>, usize)> = vec![(Vec::new(), 0)];
    for (text, style) in pieces {
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let i = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if i == 0 {
                if !words.last().expect("one word").0.is_empty() {
                    words.push((Vec::new(), 0));
                }
                rest = rest.trim_start();
                continue;
            }
            let word = words.last_mut().expect("one word");
            word.0.push((rest[..i].to_string(), *style));
            word.1 += rest[..i].width();
            rest = &rest[i..];
        }
    }
    let mut lines: Vec<Vec<(String, Style)>> = vec![Vec::new()];
    let mut used = 0usize;
    for (word, width) in words.into_iter().filter(|(w, _)| !w.is_empty()) {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() {
            if columns.is_some_and(|c| used + 1 + width > c) {
                lines.push(Vec::new());
                used = 0;
            } else {
                // A space between two words of one style has that style,
                // so that a run of them is one run of colour.
                let before = line.last().map(|(_, s)| *s);
                let after = word.first().map(|(_, s)| *s);
                let style = if before == after { before } else { None };
                line.push((" ".to_string(), style.unwrap_or(Style::Plain)));
                used += 1;
            }
        }
        lines.last_mut().expect("one line").extend(word);
        used += width;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_around_a_statement() {
        let text = "Talks went on. Mr. Rubio said the U.S. would not add sanctions. He left.";
        let part = text.find("the U.S.").unwrap()..text.find(" sanctions").unwrap();
        let (r, before, after) = sentence_around(text, part);
        assert_eq!(&text[r], "Mr. Rubio said the U.S. would not add sanctions.");
        assert!(before && after);
        let quoted = "“It is over,” he said. “We go home.”";
        let (r, _, after) = sentence_around(quoted, 3..13);
        assert_eq!(&quoted[r], "“It is over,” he said.");
        assert!(after);
    }

    #[test]
    fn long_sentences_are_cut_at_words_around_the_statement() {
        let text = format!(
            "{} said the talks failed {}",
            "word ".repeat(100),
            "more ".repeat(100)
        );
        let at = text.find("said").unwrap();
        let (r, before, after) = sentence_around(&text, at..at + 22);
        assert!(r.len() <= 2 * SENTENCE_MARGIN + 30, "{}", r.len());
        assert!(before && after);
        assert!(text[r].starts_with("word"));
    }

    #[test]
    fn query_words_are_found_as_whole_words() {
        let found = occurrences(
            "Sanctions, sanctioned and sanctions.",
            &["sanctions".into()],
        );
        assert_eq!(found, vec![0..9, 26..35]);
    }

    #[test]
    fn lines_wrap_at_spaces_with_the_first_line_narrower() {
        let pieces = vec![
            (
                "the moment the president puts the ".to_string(),
                Style::Plain,
            ),
            ("sanctions".to_string(), Style::Match),
            (", that is the end".to_string(), Style::Plain),
        ];
        let lines = wrap(&pieces, Some(19));
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(
            text,
            [
                "the moment the",
                "president puts the",
                "sanctions, that is",
                "the end"
            ]
        );
        assert!(lines[2].contains(&("sanctions".to_string(), Style::Match)));
        assert_eq!(wrap(&pieces, None).len(), 1);
    }
}
