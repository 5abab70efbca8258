//! A hit's snippet: the best fragment of its text, the matches in it as
//! byte ranges, and the same marked for HTML or a terminal.

use std::ops::Range;

use tantivy::snippet::Snippet;

/// Longest snippet, in characters.
pub(super) const SNIPPET_CHARS: usize = 320;

/// The fragment to show and its highlight ranges; the text's start when nothing matched.
/// A text that fits in a snippet is shown whole, not cut at its last match.
pub(super) fn fragment_of(snippet: &Snippet, body: &str) -> (String, Vec<Range<usize>>) {
    if body.chars().count() <= SNIPPET_CHARS {
        let shift = snippet.fragment_range().start;
        let ranges = snippet
            .highlighted()
            .iter()
            .map(|r| r.start + shift..r.end + shift)
            .collect();
        return (body.to_string(), ranges);
    }
    if !snippet.fragment().is_empty() {
        return (
            snippet.fragment().to_string(),
            snippet.highlighted().to_vec(),
        );
    }
    let end = body.floor_char_boundary(SNIPPET_CHARS);
    (body[..end].to_string(), Vec::new())
}

/// `text` HTML-escaped with each range wrapped in `<b>`…`</b>`. Quotes are
/// escaped too, so the snippet is safe inside an attribute value as well.
pub(super) fn html_marked(text: &str, ranges: &[Range<usize>]) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;")
    };
    let mut out = String::with_capacity(text.len() + ranges.len() * 7);
    let mut pos = 0;
    for r in ranges.iter().filter(|r| r.end <= text.len()) {
        if r.start < pos {
            continue;
        }
        out.push_str(&escape(&text[pos..r.start]));
        out.push_str("<b>");
        out.push_str(&escape(&text[r.clone()]));
        out.push_str("</b>");
        pos = r.end;
    }
    out.push_str(&escape(&text[pos..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_safe_in_html_text_and_attributes() {
        let text = r#"It's "a <b>" & more"#;
        let ranges: Vec<Range<usize>> = vec![Range { start: 5, end: 8 }];
        let marked = html_marked(text, &ranges);
        assert_eq!(marked, "It&#39;s <b>&quot;a </b>&lt;b&gt;&quot; &amp; more");
    }
}
