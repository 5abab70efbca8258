//! The source of a statement as a reader marks it: the whole phrase that
//! names who spoke, not just the name in it. "Joel Pollak of Breitbart
//! California observed", "Murphy, the head of Right to Rise USA, said",
//! "GOP frontrunner Donald Trump said", "the New York Daily News reported":
//! the words that say who the source is, where the attribution is made,
//! as PolNeAR's annotators mark a Source. The speaker is still the person
//! resolved from the name; this only widens the span shown and scored.

use std::cell::RefCell;
use std::ops::Range;

use super::lexicon;
use super::noun_source::is_between;
use super::speaker::{Reader, DESCRIPTION_HEADS, PREPOSITIONS};
use super::text::{is_capitalized, strip_possessive};

/// Most words of an apposition or of an "of" attachment taken into a source
/// ("Sylke Tempel, the editor of International Policy, the magazine of the
/// German Council on Foreign Relations").
const MAX_ATTACHMENT: usize = 40;

/// Most describing words taken in before a name ("former Maryland Gov.").
const MAX_PREMODIFIERS: usize = 6;

/// Nouns of time: "This week Park said" opens with when, not who.
#[rustfmt::skip]
const TIME_NOUNS: &[&str] = &[
    "week", "weeks", "year", "years", "month", "months", "day", "days", "night", "weekend",
    "morning", "afternoon", "evening", "today", "yesterday", "tonight", "time",
];

/// The part-of-speech tags of the tokens around a source, made where a
/// rule first asks (most sources, "Rubio said", "he said", need none) and
/// kept: each look-up tags a few words around the one asked about.
struct Tags<'r, 'a> {
    reader: &'r Reader<'a>,
    window: Range<usize>,
    tags: RefCell<Vec<Option<&'static str>>>,
}

/// Words of context on each side of a stretch being tagged.
const TAG_CONTEXT: usize = 2;

/// Words tagged and kept at once, after the one asked about.
const TAG_STRETCH: usize = 2;

impl<'r, 'a> Tags<'r, 'a> {
    fn new(reader: &'r Reader<'a>, window: Range<usize>) -> Self {
        let len = window.len();
        Tags {
            reader,
            window,
            tags: RefCell::new(vec![None; len]),
        }
    }

    /// The tag of token `t` ("" outside the window).
    fn of(&self, t: usize) -> &'static str {
        if !self.window.contains(&t) {
            return "";
        }
        let at = t - self.window.start;
        if let Some(tag) = self.tags.borrow()[at] {
            return tag;
        }
        let from = t.saturating_sub(TAG_CONTEXT).max(self.window.start);
        let to = (t + TAG_STRETCH + TAG_CONTEXT).min(self.window.end);
        let tagged = self.reader.pos_of(from, to);
        let mut tags = self.tags.borrow_mut();
        for u in t..(t + TAG_STRETCH).min(to) {
            tags[u - self.window.start] = Some(tagged[u - from]);
        }
        tagged[t - from]
    }

    /// A finite or other verb, or a modal: the predicate a subject stops at.
    fn is_verb(&self, t: usize) -> bool {
        let tag = self.of(t);
        tag.starts_with("VB") || tag == "MD"
    }

    /// A word that opens a clause or an adverbial, not a noun phrase
    /// ("in an interview", "particularly", "while", "which").
    fn opens_no_phrase(&self, t: usize) -> bool {
        matches!(
            self.of(t),
            "IN" | "RB" | "RBR" | "RBS" | "CC" | "TO" | "WRB" | "WDT"
        ) && self.reader.lower(t) != Some("of")
    }
}

impl Reader<'_> {
    /// The source phrase around the name run `name`, within `sentence`,
    /// for the cue at token `cue`: the name with the words before it that
    /// describe it (back to a determiner, or a description set off by a
    /// comma, or the subjects "and" joins to it), and after it an "of"
    /// attachment or an apposition set off by commas when what ends a
    /// subject follows it (the cue, a verb, the sentence's end); without
    /// the words that open the clause ("But", "Last year").
    pub(super) fn source_phrase(
        &self,
        name: Range<usize>,
        cue: Option<usize>,
        sentence: Range<usize>,
    ) -> Range<usize> {
        if name.is_empty() || self.pronoun(name.start).is_some() {
            return name;
        }
        // "Yesterday Park said", "On Monday Park said", "But Park said": a
        // capitalised word that opens the sentence is no part of the name
        // after it.
        let mut name = name;
        while name.len() > 1
            && self.lower(name.start).is_some_and(|w| {
                lexicon::is_calendar(w)
                    || PREPOSITIONS.contains(&w)
                    || lexicon::opens_clause(w)
                    || matches!(w, "yesterday" | "today" | "tonight")
            })
        {
            name.start += 1;
        }
        let named = self.word(name.start).is_some_and(is_capitalized)
            && !self
                .lower(name.start)
                .is_some_and(|w| matches!(w, "the" | "a" | "an"));
        let window = sentence
            .start
            .max(name.start.saturating_sub(MAX_PREMODIFIERS + 12))
            ..sentence.end.min(name.end + MAX_ATTACHMENT + 2);
        let tags = Tags::new(self, window);
        if !named {
            let end = self.description_end(name.end, cue, sentence.end, &tags);
            let start = self.described_before(name.start, end, cue, sentence.clone(), &tags);
            let phrase = self.with_count_words(start..end, sentence.start);
            return self.without_opening_words(phrase);
        }
        let start = self.premodifiers_start(name.clone(), sentence.start, &tags);
        let end = self.attachment_end(name.start, name.end, cue, sentence.end, &tags);
        let start = self.described_before(start, end, cue, sentence, &tags);
        self.without_opening_words(start..end)
    }

    /// Whether the phrase ends before token `t`: the cue, a period, the
    /// sentence's end.
    fn closes_source(&self, t: usize, cue: Option<usize>, hi: usize) -> bool {
        t >= hi || Some(t) == cue || self.punct(t) == Some('.') || self.is_cue(t)
    }

    /// Where a description ends: "The billionaire businessman said",
    /// "Trump’s campaign has not commented" — its nouns up to the verb
    /// that follows them (the cue, an auxiliary, an adverb) — and what
    /// attaches to it ("a spokesman for Mayor Frank Jackson of Cleveland
    /// defended", "said one longtime adviser to Bill Clinton.").
    fn description_end(&self, end: usize, cue: Option<usize>, hi: usize, tags: &Tags) -> usize {
        // Nouns and adjectives: no adverb ("also"), auxiliary or
        // contraction ("didn’t"), time or clause word, nor a verb
        // ("the department failed").
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
                && (self.word(t).is_some_and(is_capitalized)
                    || !(tags.is_verb(t) || tags.opens_no_phrase(t)))
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
            })
            || (self.word(stop).is_some_and(|w| !is_capitalized(w)) && tags.is_verb(stop));
        if stop > end && verb_follows {
            return stop;
        }
        let inverted = cue.is_some_and(|c| c < end);
        self.attached_end(stop.max(end), inverted, cue, hi, tags)
            .unwrap_or(end)
    }

    /// The end of what attaches to a description at token `at`: a
    /// prepositional phrase or a participle's ("of Cleveland", "involved
    /// in the super-PAC’s creation", "called Future 45"), and after the
    /// cue a relative clause ("said the man who built his career …"). Up
    /// to the verb when the description is the subject before its cue,
    /// to the clause's end after it; none when it is neither.
    fn attached_end(
        &self,
        at: usize,
        inverted: bool,
        cue: Option<usize>,
        hi: usize,
        tags: &Tags,
    ) -> Option<usize> {
        let w = self.lower(at)?;
        let relative = matches!(w, "who" | "whose");
        // "on Tuesday", "in March": when, not who.
        let preposition = PREPOSITIONS.contains(&w)
            && w != "than"
            && !self.lower(at + 1).is_some_and(lexicon::is_calendar);
        let opens = preposition
            || (matches!(w, "called" | "named") && self.word(at + 1).is_some_and(is_capitalized))
            || (inverted
                && (relative || (matches!(tags.of(at), "VBN" | "VBG") && !self.is_cue(at))));
        if !opens {
            return None;
        }
        let reach = hi.min(at + MAX_ATTACHMENT);
        for t in at + 1..reach {
            let finite = matches!(tags.of(t), "VBD" | "VBZ" | "VBP" | "MD")
                || self.lower(t).is_some_and(lexicon::is_auxiliary);
            let clause_end = self.is_quote(t)
                || self
                    .punct(t)
                    .is_some_and(|c| matches!(c, ',' | ';' | ':' | '.'));
            if inverted {
                if Some(t) == cue || (finite && !relative) {
                    return None;
                }
                if clause_end {
                    return Some(if self.punct(t) == Some(',') {
                        self.apposition_end(t, inverted, cue, hi, tags)
                    } else {
                        t
                    });
                }
            } else {
                if Some(t) == cue || self.is_cue(t) || finite {
                    // "The Democratic nominee for president never stopped":
                    // the adverbs before the verb are the verb's.
                    let mut end = t;
                    while end > at + 1 && self.lower(end - 1).is_some_and(is_between) {
                        end -= 1;
                    }
                    return Some(end);
                }
                if clause_end {
                    return None;
                }
            }
        }
        (inverted && reach == hi).then_some(hi)
    }

    /// Whether token `t` is a common noun — a role or a thing, not a name:
    /// "the director", "his wife", "advisers", "her submission". At the
    /// sentence's opening `lo` any noun's capital is the sentence's
    /// ("Advisers to Mr. Obama say"), but not a day's or a clause word's.
    fn is_common_noun(&self, t: usize, lo: usize, tags: &Tags) -> bool {
        if t == lo {
            matches!(tags.of(t), "NN" | "NNS" | "NNP" | "NNPS")
                && !self.lower(t).is_some_and(|w| {
                    lexicon::is_not_name(w) || lexicon::is_calendar(w) || TIME_NOUNS.contains(&w)
                })
        } else {
            self.word(t).is_some_and(|w| !is_capitalized(w)) && matches!(tags.of(t), "NN" | "NNS")
        }
    }

    /// Where the phrase `start..end` starts once what describes the name
    /// before it is taken in: a description set off by a comma ("a
    /// spokeswoman, Anna Richardson White, said"; "the F.B.I. director,
    /// James B. Comey, said"), a first subject joined by "and" ("Trump
    /// and his attorneys have denied"), or the head whose object the name
    /// is ("advisers to Mr. Obama say").
    fn described_before(
        &self,
        start: usize,
        end: usize,
        cue: Option<usize>,
        sentence: Range<usize>,
        tags: &Tags,
    ) -> usize {
        let lo = sentence.start;
        if start < lo + 2 {
            return start;
        }
        // Set off on both sides: "After the event, Mr. Emanuel said" is
        // no description of him.
        let inverted = cue.is_some_and(|c| c < start);
        let set_off = self.punct(start - 1) == Some(',')
            && (self.punct(end) == Some(',')
                || (inverted && self.closes_source(end, cue, sentence.end)));
        let before_cue = cue.is_some_and(|c| c >= end);
        let joined = self.lower(start - 1) == Some("and") && before_cue;
        // "advisers to Mr. Obama say", "Her submission to the court
        // noted": the name is the object of the phrase's head.
        let linked = before_cue
            && self
                .lower(start - 1)
                .is_some_and(|w| matches!(w, "to" | "for" | "at" | "on" | "in" | "of" | "with"));
        if !set_off && !joined && !linked {
            return start;
        }
        let head = start - 2;
        let head_ok = if set_off || linked {
            self.is_common_noun(head, lo, tags)
        } else {
            matches!(tags.of(head), "NN" | "NNS" | "NNP" | "NNPS" | "PRP")
        };
        if !head_ok {
            return start;
        }
        let nominal = |t: usize| {
            matches!(
                tags.of(t),
                "DT" | "PRP$" | "JJ" | "JJR" | "JJS" | "NN" | "NNS" | "NNP" | "NNPS" | "POS" | "CD"
            ) || (set_off && self.lower(t) == Some("of"))
        };
        let mut first = head;
        if tags.of(head) != "PRP" {
            while first > lo && head - first < MAX_PREMODIFIERS + 4 && nominal(first - 1) {
                first -= 1;
            }
        }
        // The phrase stands at the clause's opening: nothing before it, a
        // comma, or a word that opens a clause ("When the F.B.I. director,
        // …"), not a verb whose object it is.
        let opens = |first: usize| {
            first == lo
                || self
                    .punct(first - 1)
                    .is_some_and(|c| matches!(c, ',' | ';' | ':' | '('))
                || self.is_quote(first - 1)
                || (inverted && self.is_cue(first - 1))
                || self.lower(first - 1).is_some_and(lexicon::opens_clause)
        };
        if !opens(first) {
            return start;
        }
        if joined {
            self.list_start(first, lo, &nominal, &opens)
        } else {
            first
        }
    }

    /// Where a list before "and" starts whose last item before it starts
    /// at `first`: "Bush, Christie, Ohio Gov. John Kasich and Sen. Rand
    /// Paul"; each item a few `nominal` words, the first where the clause
    /// `opens` ("calls and meetings, top donors and strategists" is no
    /// list of speakers).
    fn list_start(
        &self,
        mut first: usize,
        lo: usize,
        nominal: &dyn Fn(usize) -> bool,
        opens: &dyn Fn(usize) -> bool,
    ) -> usize {
        while first > lo + 1 && self.punct(first - 1) == Some(',') {
            let mut item = first - 1;
            while item > lo && first - 1 - item < MAX_PREMODIFIERS && nominal(item - 1) {
                item -= 1;
            }
            let joins = item > lo
                && self
                    .lower(item - 1)
                    .is_some_and(|w| matches!(w, "and" | "or"));
            if item == first - 1 || !opens(item) || joins {
                break;
            }
            first = item;
        }
        first
    }

    /// Where `phrase` starts with the words that count it taken in
    /// ("about half of voters", "nearly 4 in 10", "at least a dozen").
    fn with_count_words(&self, phrase: Range<usize>, lo: usize) -> Range<usize> {
        let counted = self.lower(phrase.start).is_some_and(|w| {
            w.starts_with(|c: char| c.is_ascii_digit())
                || matches!(
                    w,
                    "half" | "a" | "one" | "dozens" | "hundreds" | "thousands"
                )
                || lexicon::QUANTIFIERS.contains(&w)
        });
        if !counted || phrase.start == lo {
            return phrase;
        }
        let before = phrase.start - 1;
        let start = match self.lower(before) {
            Some("about" | "nearly" | "almost" | "roughly" | "approximately" | "only" | "just") => {
                before
            }
            Some("least" | "most") if before > lo && self.lower(before - 1) == Some("at") => {
                before - 1
            }
            _ => phrase.start,
        };
        start..phrase.end
    }

    /// `phrase` without the words that open a clause before its subject
    /// ("But polls", "Last year only 32 percent", "Perhaps young voters").
    fn without_opening_words(&self, phrase: Range<usize>) -> Range<usize> {
        let Range { mut start, end } = phrase;
        while start + 1 < end {
            let Some(w) = self.lower(start) else { break };
            // "Just 28 percent of voters", "even some Democrats": a word
            // before a count counts with it.
            let counted = self.lower(start + 1).is_some_and(|n| {
                n.starts_with(|c: char| c.is_ascii_digit()) || lexicon::QUANTIFIERS.contains(&n)
            });
            let opening = lexicon::opens_clause(w) && !counted;
            // "Last year", "The same year", "This week" (not "The April
            // survey", "The Morning Consult poll").
            let same = w == "the" && self.lower(start + 1) == Some("same");
            let time = (matches!(w, "last" | "this" | "next" | "that") || same)
                .then(|| start + 1..end.min(start + 3))
                .into_iter()
                .flatten()
                .find(|&t| self.lower(t) != Some("same"))
                .filter(|&t| {
                    self.lower(t)
                        .is_some_and(|x| TIME_NOUNS.contains(&x) || lexicon::is_calendar(x))
                });
            if let Some(t) = time.filter(|&t| t + 1 < end) {
                start = t + 1;
            } else if opening {
                start += 1;
            } else {
                break;
            }
        }
        start..end
    }

    /// Where the describing words before a name start: "GOP frontrunner
    /// Donald Trump", "former President Bill Clinton", "the Daily News".
    fn premodifiers_start(&self, name: Range<usize>, lo: usize, tags: &Tags) -> usize {
        let at = name.start;
        let full_name = name.len() > 1;
        let mut start = at;
        while start > lo && at - start < MAX_PREMODIFIERS {
            let t = start - 1;
            let Some(w) = self.lower(t) else { break };
            // An article or a word that counts ("some Democrats", "many
            // Republicans") opens the phrase.
            if matches!(w, "the" | "a" | "an") || lexicon::QUANTIFIERS.contains(&w) {
                start = t;
                break;
            }
            if lexicon::is_calendar(w) || lexicon::is_cue(w) || lexicon::is_auxiliary(w) {
                break;
            }
            let written = self.word(t).unwrap_or_default();
            let describes = if is_capitalized(written) {
                // A title or a name that describes ("Breitbart Jerusalem
                // editor"); not a word that opens the sentence ("Yesterday").
                // "RealClearPolitics’ David Byler", "the Post’s Ishaan Tharoor".
                // A proper name may open the sentence ("New York Times
                // columnist David Brooks"), a capitalised opener may not.
                let (bare, _) = strip_possessive(w);
                let proper = (self.proper)(w) || (self.proper)(bare);
                // At the sentence's opening, a describing word before a
                // full name ("Media titan Rupert Murdoch", "Presumptive
                // Democratic nominee Hillary Clinton"), not a word of time
                // or one that opens a clause ("Yesterday", "Still").
                let opener = t == lo
                    && full_name
                    && matches!(tags.of(t), "JJ" | "NN" | "NNP")
                    && !TIME_NOUNS.contains(&w)
                    && !lexicon::opens_clause(w)
                    && !lexicon::is_not_name(w);
                lexicon::is_title(w) || (proper && (t > lo || tags.of(t) == "NNP")) || opener
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
                    // "chief rival Ted Cruz", "Fox Business moderator Gerard Baker".
                    // Only before a full name ("a grumpy Trump", "the photo
                    // Trump posted"); not before a title ("what unilateral
                    // action President Obama takes"), nor "something".
                    || (full_name
                        && matches!(tags.of(t), "JJ" | "NN")
                        && !TIME_NOUNS.contains(&w)
                        && !w.ends_with("thing")
                        && !self.lower(t + 1).is_some_and(lexicon::is_title))
            };
            if !describes {
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
    /// Clinton agreed") nor an adverbial ("Trump, in an interview on
    /// Friday, said").
    fn is_apposition(&self, inside: Range<usize>, tags: &Tags) -> bool {
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
            && !tags.opens_no_phrase(inside.start)
    }

    /// Whether the subject phrase may end at the comma at `comma`: the
    /// cue, the sentence's end or a verb follows it (past auxiliaries
    /// and adverbs: "Dottie Deans, the chairwoman …, is supporting";
    /// "Khan, who is Muslim, also decried"), or the cue came before the
    /// name ("said Josh Earnest, the press secretary, echoing …").
    fn ends_subject_at(
        &self,
        comma: usize,
        inverted: bool,
        cue: Option<usize>,
        hi: usize,
        tags: &Tags,
    ) -> bool {
        if inverted {
            return true;
        }
        let mut t = comma + 1;
        while t < hi && self.lower(t).is_some_and(is_between) {
            t += 1;
        }
        self.closes_source(t, cue, hi) || tags.is_verb(t)
    }

    /// Where a phrase that reaches a comma at `comma` ends: over an
    /// apposition set off by commas ("Dean Johnson, a salesman from
    /// Sumter, South Carolina, said"; "said Simon Rosenberg, president of
    /// NDN, a policy and advocacy group."), each part describing, the last
    /// followed by what ends a subject; at `comma` when there is none.
    fn apposition_end(
        &self,
        comma: usize,
        inverted: bool,
        cue: Option<usize>,
        hi: usize,
        tags: &Tags,
    ) -> usize {
        let reach = hi.min(comma + 1 + MAX_ATTACHMENT);
        let stops = |t: usize| {
            self.is_quote(t)
                || self
                    .punct(t)
                    .is_some_and(|c| matches!(c, ',' | ';' | ':' | '.'))
                || Some(t) == cue
        };
        // A part: an apposition, an age ("Marvin Teske, 53,"), a place or
        // a party ("of Chicago, Ill.", "Kevin McCarthy, R-Calif.").
        let part = |from: usize, to: usize| {
            let lone = to == from + 1
                && self
                    .word(from)
                    .is_some_and(|w| is_capitalized(w) || w.chars().all(|c| c.is_ascii_digit()));
            lone || self.is_apposition(from..to, tags)
        };
        let mut from = comma + 1;
        let mut last = comma;
        loop {
            let at = match (from..reach).find(|&t| stops(t)) {
                Some(at) => at,
                None if reach == hi => hi,
                None => return last,
            };
            if at == from || !part(from, at) || self.is_quote(at.min(hi.saturating_sub(1))) {
                return last;
            }
            let ends = self.closes_source(at, cue, hi)
                || (self.punct(at) == Some(',')
                    && self.ends_subject_at(at, inverted, cue, hi, tags));
            if ends {
                last = at;
                // Stop at the cue, the sentence's end or the verb; after
                // the cue, go on past a comma while what follows describes.
                if self.punct(at) != Some(',') || !inverted || !self.describes_on(at + 1, tags) {
                    return last;
                }
            } else if self.punct(at) != Some(',') {
                return last;
            }
            from = at + 1;
        }
    }

    /// Whether the words from `t` go on describing a name after a comma
    /// ("…, a Democrat who ran for president", "…, 56, who was raised"),
    /// not the sentence's next clause ("…, echoing comments", "…, at its
    /// convention").
    fn describes_on(&self, t: usize, tags: &Tags) -> bool {
        let tag = tags.of(t);
        self.word(t).is_some()
            && !tags.opens_no_phrase(t)
            && !tag.starts_with("VB")
            && !self.is_cue(t)
    }

    /// Where a second subject joined to a name by "and" at `and` ends,
    /// when the verb follows it: "Trump and House Speaker Paul Ryan
    /// said", "Smith and Jones have said", "Bush and Cruz both floated",
    /// "Rubio and his advisers argued".
    fn second_subject_end(
        &self,
        and: usize,
        cue: Option<usize>,
        hi: usize,
        tags: &Tags,
    ) -> Option<usize> {
        if self.lower(and) != Some("and") {
            return None;
        }
        let closes = |t: usize| self.closes_source(t, cue, hi);
        let verb = |t: usize| self.word(t).is_some_and(|w| !is_capitalized(w)) && tags.is_verb(t);
        let stop = (and + 1..hi.min(and + MAX_PREMODIFIERS + 2))
            .find(|&t| self.word(t).is_none() || closes(t) || verb(t))
            .unwrap_or(and);
        // The auxiliaries and adverbs are the verb's.
        let mut last = stop;
        while last > and + 1
            && self.lower(last - 1).is_some_and(|w| {
                lexicon::is_auxiliary(w)
                    || lexicon::BEFORE_CUE.contains(&w)
                    || lexicon::FLOATING.contains(&w)
            })
        {
            last -= 1;
        }
        let named = last > and + 1 && self.word(last - 1).is_some_and(is_capitalized);
        // "Mr. Rubio and his advisers argued": the group the name leads.
        let group = last > and + 1 && self.lower(and + 1).is_some_and(lexicon::opens_led_group);
        ((named || group) && (closes(stop) || verb(stop))).then_some(last)
    }

    /// Where the phrase after a name ends: over "of the University of
    /// Texas" or ", the head of Right to Rise USA," when the cue comes
    /// next, or the sentence ends ("said Jim Clyburn, a congressman
    /// from South Carolina.").
    fn attachment_end(
        &self,
        start: usize,
        end: usize,
        cue: Option<usize>,
        hi: usize,
        tags: &Tags,
    ) -> usize {
        let reach = hi.min(end + MAX_ATTACHMENT);
        let closes = |t: usize| self.closes_source(t, cue, hi);
        let inverted = cue.is_some_and(|c| c < start);
        // "Sen. Ted Cruz (R-Texas) said": the party tag is the name's.
        if self.punct(end) == Some('(') {
            if let Some(close) = (end + 1..reach.min(end + 8)).find(|&t| self.punct(t) == Some(')'))
            {
                let end = close + 1;
                return if closes(end) {
                    end
                } else {
                    self.attachment_end(start, end, cue, hi, tags)
                };
            }
        }
        // "Trump and House Speaker Paul Ryan said": both are the source.
        if let Some(last) = self.second_subject_end(end, cue, hi, tags) {
            return last;
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
            return self.description_end(end, cue, hi, tags);
        }
        match self.punct(end) {
            Some(',') => self.apposition_end(end, inverted, cue, hi, tags),
            // "The Hollywood Chamber of Commerce has announced", "Ross
            // Eisenbrey of the Economic Policy Institute said".
            None if matches!(self.lower(end), Some("of" | "from" | "at")) => {
                let verb = |t: usize| {
                    self.lower(t)
                        .is_some_and(|w| lexicon::is_auxiliary(w) || is_between(w))
                        || (self.word(t).is_some_and(|w| !is_capitalized(w)) && tags.is_verb(t))
                };
                let stop = (end + 1..reach)
                    .find(|&t| self.word(t).is_none() || Some(t) == cue || verb(t))
                    .unwrap_or(reach);
                let named = (end + 1..stop).all(|t| {
                    self.word(t).is_some_and(is_capitalized)
                        || matches!(self.lower(t), Some("the" | "of" | "for" | "and"))
                });
                let ends = closes(stop) || verb(stop) || self.punct(stop) == Some(',');
                if stop > end + 1 && named && ends {
                    // "Bill Richardson of New Mexico, a Democrat who …".
                    if self.punct(stop) == Some(',') {
                        return self.apposition_end(stop, inverted, cue, hi, tags);
                    }
                    stop
                } else {
                    end
                }
            }
            _ => end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `phrase` (a token range) in `text`, once `change` has
    /// moved its edges.
    fn moved(
        text: &str,
        words: Range<usize>,
        change: impl Fn(&Reader, Range<usize>) -> Range<usize>,
    ) -> String {
        super::super::speaker::tests::with_reader(text, &|_| false, |reader, frame| {
            let r = change(reader, words);
            text[frame.tokens[r.start].range.start..frame.tokens[r.end - 1].range.end].to_string()
        })
    }

    #[test]
    fn the_words_that_open_a_clause_are_no_part_of_its_subject() {
        let trim = |r: &Reader, p: Range<usize>| r.without_opening_words(p);
        assert_eq!(
            moved("But city engineers said so", 0..3, trim),
            "city engineers"
        );
        assert_eq!(
            moved("Last year the council voted", 0..4, trim),
            "the council"
        );
        assert_eq!(
            moved("The same week the council voted", 0..5, trim),
            "the council"
        );
        // Words that count the subject stay, and so does the subject itself.
        assert_eq!(
            moved("Just 28 percent of voters said", 0..5, trim),
            "Just 28 percent of voters"
        );
        assert_eq!(
            moved("The April survey found", 0..3, trim),
            "The April survey"
        );
        assert_eq!(moved("But said so", 0..1, trim), "But");
    }

    #[test]
    fn the_words_that_count_a_subject_are_part_of_it() {
        let count = |r: &Reader, p: Range<usize>| r.with_count_words(p, 0);
        assert_eq!(
            moved("About 40 percent said so", 1..3, count),
            "About 40 percent"
        );
        assert_eq!(
            moved("In all, at least a dozen said so", 5..7, count),
            "at least a dozen"
        );
        assert_eq!(moved("Then voters said so", 1..2, count), "voters");
    }
}
