//! Where words were said: networks, shows, platforms and briefings named
//! around a quotation ("on ABC’s “This Week”", "told CNN", "posted on Truth Social").
//!
//! The table is the built-in one plus, for a run, the user's own
//! (`--outlets FILE`): an [`Outlets`] value that the run's
//! [`super::Extractor`] holds.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::lexicon::{OUTLETS, OUTLETS_NEEDING_VENUE_WORDS, OUTLET_LEAD_INS, OUTLET_TAILS};
use super::text::key;

/// The outlet table a run reads with: the built-in (phrase, outlet) pairs
/// and the user's, the user's first (they win a tie).
pub struct Outlets {
    table: Vec<(String, String)>,
    matcher: AhoCorasick,
}

impl Outlets {
    /// The built-in table with the user's (phrase as written, outlet)
    /// pairs before it; each outlet's own name names it too.
    pub fn new(user: Vec<(String, String)>) -> Outlets {
        let names: Vec<(String, String)> =
            user.iter().map(|(_, o)| (o.clone(), o.clone())).collect();
        let table: Vec<(String, String)> = user
            .into_iter()
            .chain(names)
            .map(|(phrase, outlet)| (phrase.trim().to_string(), outlet.trim().to_string()))
            .filter(|(phrase, outlet)| !phrase.is_empty() && !outlet.is_empty())
            .chain(OUTLETS.iter().map(|&(p, o)| (p.to_string(), o.to_string())))
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(table.iter().map(|(phrase, _)| phrase))
            .expect("an outlet table of plain phrases builds");
        Outlets { table, matcher }
    }
}

/// An outlet named in the text, at a byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutletMention<'o> {
    pub range: Range<usize>,
    pub outlet: &'o str,
}

impl Outlets {
    /// Finds venue mentions in `text[range]`. `in_title(offset)` tells whether an
    /// offset lies inside a quoted title (a show name), where no lead-in is needed.
    pub fn find(
        &self,
        text: &str,
        range: Range<usize>,
        in_title: impl Fn(usize) -> bool,
        in_quote: impl Fn(usize) -> bool,
    ) -> Vec<OutletMention<'_>> {
        let hay = &text[range.clone()];
        let mut found = Vec::new();
        for m in self.matcher.find_iter(hay) {
            let (start, end) = (range.start + m.start(), range.start + m.end());
            if !on_word_boundaries(text, start, end) {
                continue;
            }
            let (phrase, outlet) = &self.table[m.pattern().as_usize()];
            let (phrase, outlet) = (phrase.as_str(), outlet.as_str());
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

    fn outlets(s: &str) -> Vec<String> {
        let built_in = Outlets::new(Vec::new());
        built_in
            .find(s, 0..s.len(), |_| false, |_| false)
            .into_iter()
            .map(|m| m.outlet.to_string())
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
