//! Whose voice a thing is: "a Bloomberg poll", "the Clinton campaign",
//! "Ivana Trump's brief", "a report by the Government Accountability
//! Office", "her campaign". A poll, a campaign or a filing speaks for the
//! person or body that owns it, and the phrase usually names that owner;
//! the convention the PolNeAR speakers follow, and what a reader expects
//! ("what did Bloomberg find" finds the Bloomberg poll).
//!
//! This file reads the owner off the phrase's words; the resolver turns it
//! into a person, and remembers it for the phrase's later mentions ("the
//! poll said").

use std::ops::Range;

use super::lexicon::{self, Gender};
use super::speaker::Reader;
use super::text::strip_possessive;

/// Who owns a phrase, as written in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// A name run: "Bloomberg", "the Government Accountability Office".
    Name(Range<usize>),
    /// "his campaign", "her account".
    Pronoun(Gender),
}

/// How a description's head speaks, when it speaks for someone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Voice {
    /// A thing (a poll, a campaign, a ruling): its owner is the speaker.
    Thing,
    /// Someone who speaks for another (a spokesman, an announcer): a person
    /// the article introduced in that role comes first; failing that, the
    /// owner the phrase names.
    Proxy,
}

/// How `head` (lowercase) speaks for an owner, if it does.
pub fn voice_of(head: &str) -> Option<Voice> {
    if lexicon::OWNED_THINGS.contains(&head) {
        Some(Voice::Thing)
    } else if lexicon::PROXIES.contains(&head) {
        Some(Voice::Proxy)
    } else {
        None
    }
}

/// Things a paper publishes, whose paper speaks through them ("an
/// editorial in The Des Moines Register").
const PUBLISHED: &[&str] = &[
    "editorial",
    "editorials",
    "column",
    "op-ed",
    "article",
    "piece",
    "story",
    "report",
];

impl Reader<'_> {
    /// The token of the thing the name run `run` is named as the owner of
    /// in running text: the word after it ("a *Quinnipiac* poll", "Clinton's
    /// campaign") or before its "by"/"from" ("a report by the FBI").
    pub(super) fn thing_owned_by(&self, run: Range<usize>, sentence_start: usize) -> Option<usize> {
        let thing = |t: usize| {
            self.lower(t)
                .is_some_and(|w| lexicon::OWNED_THINGS.contains(&w))
        };
        if thing(run.end) {
            return Some(run.end);
        }
        let by = run.start >= sentence_start + 2
            && matches!(self.lower(run.start - 1), Some("by" | "from"));
        (by && thing(run.start - 2)).then(|| run.start - 2)
    }

    /// The owners named inside the source phrase at tokens `words`, most
    /// likely first: an author after "by" (or a body after "from", "for",
    /// a paper after "in" for what it published),
    /// then each name before the head ("Presidential candidate Marco
    /// Rubio's campaign": a run the resolver cannot place is passed over),
    /// then an owning "his"/"her" that opens it. "Of" names a topic, not an
    /// owner ("a poll of Iowa voters"), and is never followed.
    pub(super) fn owners_in(&self, words: Range<usize>, sentence_start: usize) -> Vec<Owner> {
        let mut found = Vec::new();
        if let Some(run) = (words.start..words.end).find_map(|t| {
            // "an editorial in The Des Moines Register": where it ran.
            let published_in = self.lower(t) == Some("in")
                && t > words.start
                && self.lower(t - 1).is_some_and(|w| PUBLISHED.contains(&w));
            let by = published_in || matches!(self.lower(t), Some("by" | "from" | "for"));
            by.then(|| self.last_name_run(t + 1..words.end, sentence_start))
                .flatten()
        }) {
            found.push(Owner::Name(run));
        }
        let mut t = words.start;
        while t < words.end {
            // "the results of the latest Quinnipiac poll": what the
            // results are of is the thing that has an owner.
            let results_of = self.lower(t) == Some("of")
                && t > words.start
                && self
                    .lower(t - 1)
                    .is_some_and(|w| matches!(w, "results" | "findings" | "numbers" | "figures"));
            if !results_of
                && matches!(
                    self.lower(t),
                    Some("by" | "from" | "for" | "of" | "in" | "on" | "at")
                )
            {
                break;
            }
            match self.name_run_starting(t, words.end, sentence_start) {
                Some(run) => {
                    t = run.end;
                    found.push(Owner::Name(run));
                }
                None => t += 1,
            }
        }
        match self.lower(words.start) {
            Some("his") => found.push(Owner::Pronoun(Gender::Male)),
            Some("her") => found.push(Owner::Pronoun(Gender::Female)),
            _ => {}
        }
        found
    }

    /// Whether the phrase at tokens `words` names an owner: a possessive
    /// determiner opens it ("her brother") or a possessive word is in it
    /// ("Cruz's advisers").
    pub(super) fn has_owner(&self, words: Range<usize>) -> bool {
        matches!(
            self.lower(words.start),
            Some("his" | "her" | "their" | "its" | "my" | "our" | "your")
        ) || words
            .into_iter()
            .any(|t| self.word(t).is_some_and(|w| strip_possessive(w).1))
    }

    /// The name a description's head belongs to, when the head is
    /// capitalised as part of one: "The Tax Policy Center", "according to
    /// the NAACP", "South Korean President Park Geun-hye" are names
    /// written with a determiner or a title before them, not descriptions.
    pub(super) fn name_at_head(
        &self,
        words: Range<usize>,
        head: &str,
        sentence_start: usize,
    ) -> Option<Range<usize>> {
        let at = (words.start..words.end)
            .rev()
            .find(|&t| self.lower(t).is_some_and(|w| strip_possessive(w).0 == head))?;
        self.name_run_ending(at, words.start, sentence_start)
    }

    /// The last name run in `span`: "by Loyola Law School professor Justin
    /// Levitt" is Levitt's study. A run after "of" names where or what the
    /// one before it is ("by the Public Policy Institute of California"),
    /// not the author.
    fn last_name_run(&self, span: Range<usize>, sentence_start: usize) -> Option<Range<usize>> {
        let mut found: Option<Range<usize>> = None;
        let mut t = span.start;
        while t < span.end {
            if self.punct(t).is_some_and(|c| matches!(c, ',' | ';' | '(')) {
                break;
            }
            match self.name_run_starting(t, span.end, sentence_start) {
                Some(run)
                    if found.is_some()
                        && run.start > span.start
                        && self.lower(run.start - 1) == Some("of") =>
                {
                    t = run.end;
                }
                Some(run) => {
                    t = run.end;
                    let possessive = self
                        .word(run.end - 1)
                        .is_some_and(|w| strip_possessive(w).1);
                    found = Some(run);
                    if possessive {
                        // "by Trump's lawyers": the owner's owner is not the author.
                        return None;
                    }
                }
                None => t += 1,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn things_and_proxies_are_told_apart() {
        assert_eq!(voice_of("poll"), Some(Voice::Thing));
        assert_eq!(voice_of("campaign"), Some(Voice::Thing));
        assert_eq!(voice_of("spokeswoman"), Some(Voice::Proxy));
        assert_eq!(voice_of("senator"), None);
        assert_eq!(voice_of("lawyer"), None);
    }
}
