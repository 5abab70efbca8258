//! Finds quoted spans: text between quotation marks, paragraph by paragraph.
//!
//! Curly (“ ”), straight (") and guillemet (« ») double quotes are read,
//! and two apostrophes ('') standing for one, as archives of the New York
//! Times and typewritten copy write them (``…'' too); single quotes are
//! left alone since inside a quotation they nest, and elsewhere they are
//! apostrophes. A paragraph that opens a quotation without
//! closing it carries on into the next paragraph when that one reopens it.
//! Deciding whether a span is somebody's words is not done here.

use std::ops::Range;

/// One run of quoted text within one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Index of the paragraph in `Article::paragraphs`.
    pub paragraph: usize,
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte range of the quoted words, trimmed, without marks.
    pub inner: Range<usize>,
    /// Byte range of the closing mark, when there is one in this paragraph.
    pub close: Option<Range<usize>>,
    /// This span continues the quotation left open in an earlier paragraph.
    pub continues: bool,
}

impl QuoteSpan {
    /// Byte offset just past the span, closing mark included.
    pub fn end(&self) -> usize {
        self.close.as_ref().map_or(self.inner.end, |c| c.end)
    }
}

/// Finds the quoted spans of each paragraph given as (index, byte range).
/// Linear in the text's length whatever the marks do.
pub fn find_quote_spans(text: &str, paragraphs: &[(usize, Range<usize>)]) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut left_open = false;
    for (index, range) in paragraphs {
        let para = &text[range.clone()];
        let starts_with_open =
            para.starts_with(['“', '"', '«']) || para.starts_with("''") || para.starts_with("``");
        let mut continues = left_open && starts_with_open;
        left_open = false;
        let mut open: Option<(usize, usize)> = None; // (mark offset, content start)
        let mut skip_to = 0;
        let bytes = para.as_bytes();
        let mut next = 0;
        while next < bytes.len() {
            // Only these bytes start a mark ('“' '”' with 0xE2, '«' '»'
            // with 0xC2): every other character is passed over unread.
            let i = next;
            if !matches!(bytes[i], b'"' | b'`' | b'\'' | 0xE2 | 0xC2) {
                next += 1;
                continue;
            }
            let c = para[i..].chars().next().expect("a mark starts a character");
            next += c.len_utf8();
            if i < skip_to {
                continue;
            }
            let toggle = if open.is_some() {
                Mark::Close
            } else {
                Mark::Open
            };
            let (kind, i, len) = match c {
                '“' | '«' => (Mark::Open, i, c.len_utf8()),
                '”' | '»' => (Mark::Close, i, c.len_utf8()),
                '"' => (toggle, i, 1),
                '`' if para[i..].starts_with("``") => {
                    skip_to = i + 2;
                    (Mark::Open, i, 2)
                }
                '\'' => {
                    // Two apostrophes are a double quote; of three, the
                    // other one is a nested single quote (''We say 'no.''').
                    let run = para[i..].bytes().take_while(|&b| b == b'\'').count();
                    skip_to = i + run;
                    match (run, toggle) {
                        (2, kind) => (kind, i, 2),
                        (3, Mark::Close) => (Mark::Close, i + 1, 2),
                        (3, kind) => (kind, i, 2),
                        _ => (Mark::None, i, 1),
                    }
                }
                _ => (Mark::None, i, c.len_utf8()),
            };
            let at = range.start + i;
            match (kind, open) {
                (Mark::Open, Some((o, s))) => {
                    // A second opening mark: the first one never closed.
                    // Keep what it held, unclosed, and start again here.
                    push(&mut spans, text, *index, o, s..at, None, continues);
                    continues = false;
                    open = Some((at, at + len));
                }
                (Mark::Open, None) => open = Some((at, at + len)),
                (Mark::Close, Some((o, s))) => {
                    let close = at..at + len;
                    push(&mut spans, text, *index, o, s..at, Some(close), continues);
                    continues = false;
                    open = None;
                }
                _ => {}
            }
        }
        if let Some((o, s)) = open {
            push(&mut spans, text, *index, o, s..range.end, None, continues);
            left_open = true;
        }
    }
    spans
}

#[derive(Clone, Copy)]
enum Mark {
    Open,
    Close,
    None,
}

fn push(
    spans: &mut Vec<QuoteSpan>,
    text: &str,
    paragraph: usize,
    open: usize,
    inner: Range<usize>,
    close: Option<Range<usize>>,
    continues: bool,
) {
    let raw = &text[inner.clone()];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = inner.start + lead;
    spans.push(QuoteSpan {
        paragraph,
        open,
        inner: start..start + trimmed.len(),
        close,
        continues,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(text: &str) -> Vec<(String, bool, bool)> {
        let mut paras = Vec::new();
        let mut offset = 0;
        for (i, line) in text.split('\n').enumerate() {
            paras.push((i, offset..offset + line.len()));
            offset += line.len() + 1;
        }
        find_quote_spans(text, &paras)
            .into_iter()
            .map(|s| (text[s.inner].to_string(), s.close.is_some(), s.continues))
            .collect()
    }

    #[test]
    fn split_quote_around_he_said() {
        let got = spans_of("“We made progress,” he said. “We are still a long ways off.”");
        assert_eq!(
            got,
            [
                ("We made progress,".into(), true, false),
                ("We are still a long ways off.".into(), true, false)
            ]
        );
    }

    #[test]
    fn straight_quotes_pair_up() {
        let got = spans_of(r#""Coal isn't the villain," he said. "Carbon is.""#);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].0, "Carbon is.");
    }

    #[test]
    fn quote_running_over_paragraphs_continues() {
        let got = spans_of("He said: “First part.\n“Second part.”\nNot quoted.");
        assert_eq!(
            got,
            [
                ("First part.".into(), false, false),
                ("Second part.".into(), true, true)
            ]
        );
    }

    #[test]
    fn unclosed_mark_does_not_swallow_later_quotes() {
        let got = spans_of("A “broken one and “a real quote” here.");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].0, "a real quote");
    }

    #[test]
    fn two_apostrophes_are_a_double_quote() {
        let got = spans_of("''I have friends,'' he said. ''We say 'no' to that.''");
        assert_eq!(
            got,
            [
                ("I have friends,".into(), true, false),
                ("We say 'no' to that.".into(), true, false)
            ]
        );
        assert_eq!(spans_of("''We say 'no.''' Done.")[0].0, "We say 'no.'");
        assert_eq!(spans_of("``Typed,'' she wrote.")[0].0, "Typed,");
        assert!(spans_of("Don't, won't, it's the 1990's.").is_empty());
    }

    #[test]
    fn many_marks_stay_linear_and_sane() {
        let text = "“a” ".repeat(10_000);
        assert_eq!(spans_of(&text).len(), 10_000);
    }
}
