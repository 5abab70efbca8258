//! Where words were said: networks, shows, platforms and briefings named
//! around a quotation ("on ABC’s “This Week”", "told CNN", "posted on Truth Social").
//!
//! The table is the built-in one plus, for a run, the user's own
//! (`--outlets FILE`): set once, before the first article is read.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::lexicon::{OUTLETS, OUTLETS_NEEDING_VENUE_WORDS, OUTLET_LEAD_INS, OUTLET_TAILS};
use super::preset::Preset;
use super::text::key;

/// The user's (phrase, outlet) pairs for this process.
static USER_OUTLETS: Preset<Vec<(&'static str, &'static str)>> = Preset::new();

/// The built-in table and the user's, the user's first (they win a tie).
static TABLE: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    let user = USER_OUTLETS.read().map(Vec::as_slice).unwrap_or_default();
    user.iter().chain(OUTLETS).copied().collect()
});

static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(TABLE.iter().map(|(phrase, _)| phrase))
        .expect("outlet table builds")
});

/// Adds the user's outlets, (phrase as written, outlet) pairs, to this
/// process's table. Once only, before any extraction; the strings live as
/// long as the process (they are the table's).
pub fn use_user_outlets(pairs: Vec<(String, String)>) -> Result<(), String> {
    // Each outlet's own name names it too.
    let names: Vec<(String, String)> = pairs.iter().map(|(_, o)| (o.clone(), o.clone())).collect();
    let leaked: Vec<(&'static str, &'static str)> = pairs
        .into_iter()
        .chain(names)
        .filter(|(phrase, outlet)| !phrase.trim().is_empty() && !outlet.trim().is_empty())
        .map(|(phrase, outlet)| {
            let phrase: &'static str = Box::leak(phrase.trim().to_string().into_boxed_str());
            let outlet: &'static str = Box::leak(outlet.trim().to_string().into_boxed_str());
            (phrase, outlet)
        })
        .collect();
    USER_OUTLETS.give(leaked, "user outlets")
}

/// An outlet named in the text, at a byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutletMention {
    pub range: Range<usize>,
    pub outlet: &'static str,
}

/// Finds venue mentions in `text[range]`. `in_title(offset)` tells whether an
/// offset lies inside a quoted title (a show name), where no lead-in is needed.
pub fn find_outlets(
    text: &str,
    range: Range<usize>,
    in_title: impl Fn(usize) -> bool,
    in_quote: impl Fn(usize) -> bool,
) -> Vec<OutletMention> {
    let hay = &text[range.clone()];
    let mut found = Vec::new();
    for m in MATCHER.find_iter(hay) {
        let (start, end) = (range.start + m.start(), range.start + m.end());
        if !on_word_boundaries(text, start, end) {
            continue;
        }
        let (phrase, outlet) = TABLE[m.pattern().as_usize()];
        let titled = in_title(start);
        if in_quote(start) && !titled {
            continue;
        }
        let before = previous_word(text, start);
        let (after, possessive) = next_word(text, end);
        let lead_in = before.is_some_and(|w| OUTLET_LEAD_INS.contains(&w.as_str()));
        let tail = after.is_some_and(|w| OUTLET_TAILS.contains(&w.as_str()));
        let is_show = phrase != outlet && !phrase.contains(outlet);
        let venue = if OUTLETS_NEEDING_VENUE_WORDS.contains(&phrase) {
            lead_in || tail
        } else {
            lead_in || tail || possessive || titled || is_show
        };
        if venue {
            found.push(OutletMention {
                range: start..end,
                outlet,
            });
        }
    }
    found
}

fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric() || c == 's' && text[end..].starts_with("s "));
    before_ok && after_ok
}

fn previous_word(text: &str, start: usize) -> Option<String> {
    let head = text[..start].trim_end_matches(['“', '"', ' ', '‘']);
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!word.is_empty()).then(|| key(&word))
}

/// The word after `end` (lowercased) and whether the phrase is possessive.
fn next_word(text: &str, end: usize) -> (Option<String>, bool) {
    let rest = &text[end..];
    let possessive = rest.starts_with("’s") || rest.starts_with("'s") || rest.starts_with('’');
    let rest = rest
        .trim_start_matches("’s")
        .trim_start_matches("'s")
        .trim_start_matches(['’', '”', '"', ' ']);
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    ((!word.is_empty()).then(|| key(&word)), possessive)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlets(s: &str) -> Vec<&'static str> {
        find_outlets(s, 0..s.len(), |_| false, |_| false)
            .into_iter()
            .map(|m| m.outlet)
            .collect()
    }

    #[test]
    fn venue_phrases_name_their_network() {
        assert_eq!(outlets("Rubio said on ABC’s “This Week.”"), ["ABC", "ABC"]);
        assert_eq!(outlets("he said on “Face the Nation.”"), ["CBS"]);
        assert_eq!(outlets("Witkoff told CNN that"), ["CNN"]);
        assert_eq!(
            outlets("Mr. Trump posted on Truth Social."),
            ["Truth Social"]
        );
        assert_eq!(
            outlets("Rubio said at the State Department briefing"),
            ["State Department"]
        );
        assert_eq!(
            outlets("speaking to Fox News’ “Sunday Morning Futures” program"),
            ["Fox News", "Fox News"]
        );
    }

    #[test]
    fn places_are_not_venues() {
        assert!(outlets("a meeting at the White House on Monday").is_empty());
        assert!(outlets("the State Department said it would").is_empty());
        assert!(outlets("Xavier said").is_empty());
    }
}
