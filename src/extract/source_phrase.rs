//! The source of a statement as a reader marks it: the whole phrase that
//! names who spoke, not just the name in it. "Joel Pollak of Breitbart
//! California observed", "Murphy, the head of Right to Rise USA, said",
//! "GOP frontrunner Donald Trump said", "the New York Daily News reported":
//! the words that say who the source is, where the attribution is made,
//! as PolNeAR's annotators mark a Source. The speaker is still the person
//! resolved from the name; this only widens the span shown and scored.

use std::ops::Range;

use super::lexicon;
use super::speaker::{Reader, DESCRIPTION_HEADS, PREPOSITIONS};
use super::text::{is_capitalized, strip_possessive};

/// Most words of an apposition or of an "of" attachment taken into a source.
const MAX_ATTACHMENT: usize = 24;

/// Most describing words taken in before a name ("former Maryland Gov.").
const MAX_PREMODIFIERS: usize = 6;

impl Reader<'_> {
    /// The source phrase around the name run `name`, within `sentence`,
    /// for the cue at token `cue`: the name with the words before it that
    /// describe it (back to a determiner), and after it an "of"
    /// attachment or an apposition set off by commas, when the cue (or
    /// the sentence's end) follows it.
    pub(super) fn source_phrase(
        &self,
        name: Range<usize>,
        cue: Option<usize>,
        sentence: Range<usize>,
    ) -> Range<usize> {
        if name.is_empty() || self.pronoun(name.start).is_some() {
            return name;
        }
        // "Yesterday Park said", "On Monday Park said": a capitalised word
        // that opens the sentence is no part of the name after it.
        let mut name = name;
        while name.len() > 1
            && self.lower(name.start).is_some_and(|w| {
                lexicon::is_calendar(w)
                    || PREPOSITIONS.contains(&w)
                    || matches!(
                        w,
                        "yesterday"
                            | "today"
                            | "tonight"
                            | "meanwhile"
                            | "earlier"
                            | "later"
                            | "now"
                            | "then"
                            | "also"
                            | "still"
                            | "instead"
                            | "however"
                    )
            })
        {
            name.start += 1;
        }
        let named = self.word(name.start).is_some_and(is_capitalized)
            && !self
                .lower(name.start)
                .is_some_and(|w| matches!(w, "the" | "a" | "an"));
        if !named {
            return name.start..self.description_end(name.end, cue, sentence.end);
        }
        let start = self.premodifiers_start(name.start, sentence.start);
        let end = self.attachment_end(name.end, cue, sentence.end);
        start..end
    }

    /// Whether the phrase ends before token `t`: the cue, a period, the
    /// sentence's end.
    fn closes_source(&self, t: usize, cue: Option<usize>, hi: usize) -> bool {
        t >= hi || Some(t) == cue || self.punct(t) == Some('.') || self.is_cue(t)
    }

    /// Where a description ends: "The billionaire businessman said",
    /// "Trump’s campaign has not commented" — its nouns up to the verb
    /// that follows them (the cue, an auxiliary, an adverb).
    fn description_end(&self, end: usize, cue: Option<usize>, hi: usize) -> usize {
        // Nouns and adjectives: no adverb ("also"), auxiliary or
        // contraction ("didn’t"), time or clause word.
        let plain = |t: usize| {
            !self.closes_source(t, cue, hi)
                && self.lower(t).is_some_and(|w| {
                    !lexicon::is_auxiliary(w)
                        && !lexicon::is_skippable(w)
                        && !lexicon::is_calendar(w)
                        && !w.ends_with("ly")
                        && !w.contains(['’', '\''])
                        && !matches!(w, "that" | "who" | "which" | "and" | "or" | "but")
                        && !lexicon::FLOATING.contains(&w)
                })
        };
        let stop = (end..hi.min(end + MAX_PREMODIFIERS))
            .find(|&t| !plain(t))
            .unwrap_or(end);
        let verb_follows = self.closes_source(stop, cue, hi)
            || self.lower(stop).is_some_and(|w| {
                lexicon::is_auxiliary(w)
                    || lexicon::is_skippable(w)
                    || w.ends_with("ly")
                    || lexicon::FLOATING.contains(&w)
            });
        if stop > end && verb_follows {
            stop
        } else {
            end
        }
    }

    /// Where the describing words before a name start: "GOP frontrunner
    /// Donald Trump", "former President Bill Clinton", "the Daily News".
    fn premodifiers_start(&self, at: usize, lo: usize) -> usize {
        let mut start = at;
        while start > lo && at - start < MAX_PREMODIFIERS {
            let t = start - 1;
            let Some(w) = self.lower(t) else { break };
            if matches!(w, "the" | "a" | "an") {
                start = t;
                break;
            }
            let written = self.word(t).unwrap_or_default();
            let describes = if is_capitalized(written) {
                // A title or a name that describes ("Breitbart Jerusalem
                // editor"); not a word that opens the sentence ("Yesterday").
                lexicon::is_title(w) || (t > lo && (self.proper)(w))
            } else {
                // Any noun between a title and the name describes it ("GOP
                // frontrunner Ed Park"); elsewhere only the words of roles.
                let after_title = t > lo
                    && self.word(t - 1).is_some_and(is_capitalized)
                    && self.lower(t - 1).is_some_and(lexicon::is_title);
                lexicon::is_title(w)
                    || lexicon::is_role_word(w)
                    || DESCRIPTION_HEADS.contains(&w)
                    || written.contains('-')
                    || (after_title && !lexicon::is_auxiliary(w) && !w.ends_with("ly"))
            };
            if !describes || lexicon::is_calendar(w) || lexicon::is_cue(w) {
                break;
            }
            start = t;
        }
        // Describing words alone, with no article, start where they do;
        // an article before them belongs to the phrase too.
        start
    }

    /// Whether the words `inside` (between a name's comma and the comma or
    /// the end that closes them) describe it: two words or more, with no
    /// cue or quotation among them, not a clause ("said Rubio, and
    /// Clinton agreed").
    fn is_apposition(&self, inside: Range<usize>) -> bool {
        let words = inside.clone().filter(|&t| self.word(t).is_some()).count();
        let clause = self.lower(inside.start).is_some_and(|w| {
            matches!(
                w,
                "and" | "but" | "or" | "while" | "as" | "because" | "though" | "although"
            )
        });
        // "Bus drivers, for their part, argued": an aside, no description.
        let aside = inside
            .clone()
            .all(|t| self.lower(t).is_some_and(lexicon::is_aside_word));
        words >= 2
            && !clause
            && !aside
            && !inside.clone().any(|t| self.is_quote(t) || self.is_cue(t))
    }

    /// Where the phrase after a name ends: over "of the University of
    /// Texas" or ", the head of Right to Rise USA," when the cue comes
    /// next, or the sentence ends ("said Jim Clyburn, a congressman
    /// from South Carolina.").
    fn attachment_end(&self, end: usize, cue: Option<usize>, hi: usize) -> usize {
        let reach = hi.min(end + MAX_ATTACHMENT);
        let closes = |t: usize| self.closes_source(t, cue, hi);
        // "Sen. Ted Cruz (R-Texas) said": the party tag is the name's.
        if self.punct(end) == Some('(') {
            if let Some(close) = (end + 1..reach.min(end + 8)).find(|&t| self.punct(t) == Some(')'))
            {
                let end = close + 1;
                return if closes(end) {
                    end
                } else {
                    self.attachment_end(end, cue, hi)
                };
            }
        }
        // "Trump and House Speaker Paul Ryan said": both are the source.
        if self.lower(end) == Some("and") {
            let stop = (end + 1..reach.min(end + MAX_PREMODIFIERS + 2))
                .find(|&t| self.word(t).is_none() || closes(t))
                .unwrap_or(end);
            // "Smith and Jones have said": the auxiliaries are the verb's.
            let mut last = stop;
            while last > end + 1
                && self
                    .lower(last - 1)
                    .is_some_and(|w| lexicon::is_auxiliary(w) || lexicon::BEFORE_CUE.contains(&w))
            {
                last -= 1;
            }
            let named = last > end + 1 && self.word(last - 1).is_some_and(is_capitalized);
            if named && closes(stop) {
                return last;
            }
        }
        // "O’Malley’s campaign said": the thing the name owns speaks.
        let possessive = self.word(end - 1).is_some_and(|w| strip_possessive(w).1);
        // "The Holt campaign has said", "a Clinton spokesman said": the
        // noun after a name that describes it is the phrase's head.
        let noun_follows = self.word(end).is_some_and(|w| !is_capitalized(w))
            && self
                .lower(end)
                .is_some_and(|w| DESCRIPTION_HEADS.contains(&w));
        if possessive || noun_follows {
            return self.description_end(end, cue, hi);
        }
        match self.punct(end) {
            // "Dean Johnson, a salesman from Sumter, South Carolina, said":
            // everything between the name and the comma before the cue.
            Some(',') if cue.is_some_and(|c| c > end + 2 && c <= reach) => {
                let c = cue.unwrap_or(end);
                if self.punct(c - 1) == Some(',') && self.is_apposition(end + 1..c - 1) {
                    c - 1
                } else {
                    end
                }
            }
            Some(',') => {
                let stops = |t: usize| {
                    self.is_quote(t)
                        || self
                            .punct(t)
                            .is_some_and(|c| matches!(c, ',' | ';' | ':' | '.'))
                        || Some(t) == cue
                };
                let mut close = (end + 1..reach).find(|&t| stops(t));
                // "Marvin Teske, 53, a security guard …,": past the age.
                if let Some(c) = close.filter(|&c| {
                    c == end + 2
                        && self.punct(c) == Some(',')
                        && self
                            .word(end + 1)
                            .is_some_and(|w| w.chars().all(|ch| ch.is_ascii_digit()))
                }) {
                    close = (c + 1..reach).find(|&t| stops(t));
                }
                let Some(close) = close.or((reach == hi).then_some(hi)) else {
                    return end;
                };
                let after_comma_closes = self.punct(close) == Some(',') && closes(close + 1);
                let apposition = self.is_apposition(end + 1..close)
                    && !self.is_quote(close.min(hi.saturating_sub(1)))
                    && (after_comma_closes || closes(close));
                if apposition {
                    close
                } else {
                    end
                }
            }
            None if matches!(self.lower(end), Some("of" | "from" | "at")) => {
                let stop = (end + 1..reach)
                    .find(|&t| self.word(t).is_none() || Some(t) == cue)
                    .unwrap_or(reach);
                let named = (end + 1..stop).all(|t| {
                    self.word(t).is_some_and(is_capitalized)
                        || matches!(self.lower(t), Some("the" | "of" | "for" | "and"))
                });
                if stop > end + 1 && named && (closes(stop) || self.punct(stop) == Some(',')) {
                    stop
                } else {
                    end
                }
            }
            _ => end,
        }
    }
}
