//! Text from articles, file names and metadata made safe for a terminal.
//!
//! Article text and file names are not ours: an escape sequence in either
//! can clear the screen, retitle the window, plant a hyperlink, or forge a
//! result line with a newline or a right-to-left override. Human output and
//! tab-separated tables pass every such string through [`visible`], which
//! shows control characters as escapes (`\x1b`, `\u{202e}`) instead of
//! obeying them. JSON needs none of this: its encoder escapes them.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether a character would act on the terminal instead of being shown:
/// C0 controls but tab, DEL, C1 controls, and the bidirectional marks,
/// embeddings, overrides and isolates.
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character that would act on a terminal written as an
/// escape; borrowed when there is none, which is nearly always.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !acts_on_terminal(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_overrides_are_shown_not_obeyed() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(visible("x\u{1b}]0;pwned\u{7}y"), "x\\x1b]0;pwned\\x07y");
        assert_eq!(visible("line\nforged\r"), "line\\x0aforged\\x0d");
        assert_eq!(visible("\u{202e}txt.exe"), "\\u{202e}txt.exe");
        assert_eq!(visible("c1\u{9b}31m"), "c1\\u{9b}31m");
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        let text = "“We made progress,”\tRubio said — Зеленський, שלום.";
        assert!(matches!(visible(text), Cow::Borrowed(_)));
    }
}
