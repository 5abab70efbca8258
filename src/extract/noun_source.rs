//! Sources found by their part of speech: the noun phrase that is a cue's
//! subject ("Republican senators have vowed to …", "the budget office had
//! predicted …", "“…,” the former goalkeeper said") or that an inverted
//! cue names after it ("…, say several engineers, who …"), where no name,
//! pronoun or listed description stands.
//! A word list cannot hold every noun that speaks; the tagger
//! ([`super::tagger`]) knows a noun from its context. Only a cue that found
//! no other source has its words tagged, so most sentences cost nothing.

use super::lexicon;
use super::speaker::{Reader, Source};
use super::tagger::{tagger, Word};
use super::text::is_capitalized;

/// Most words a noun phrase source spans.
const MAX_PHRASE: usize = 6;
/// Most words of an aside between a subject and its cue.
const MAX_ASIDE: usize = 3;
/// Most tokens of a phrase modifying a subject between it and its cue
/// ("Engineers who inspected the bridge last week said").
const MAX_MODIFIER: usize = 12;
/// Tokens before a subject's head that are tagged with it.
const TAG_BEHIND: usize = 8;
/// Words a tagged window reaches past the cue: a word's tag reads up to
/// three words after it.
const LOOK_AHEAD: usize = 4;

/// Parts of speech inside a noun phrase, before its head.
fn is_modifier(pos: &str) -> bool {
    matches!(
        pos,
        "JJ" | "JJR" | "JJS" | "NN" | "NNS" | "NNP" | "NNPS" | "CD" | "DT" | "PRP$" | "POS"
    )
}

/// Parts of speech that head a noun phrase that can speak.
fn is_head(pos: &str) -> bool {
    matches!(pos, "NN" | "NNS" | "NNPS")
}

/// Words between a subject and its cue: auxiliaries, negation, adverbs
/// ("have *not* pushed", "had *long* predicted", "*publicly* argued").
pub(super) fn is_between(word: &str) -> bool {
    lexicon::is_auxiliary(word)
        || lexicon::is_ly_adverb(word)
        || lexicon::BEFORE_CUE.contains(&word)
}

impl Reader<'_> {
    /// The part-of-speech classes of tokens `from..to`.
    pub(super) fn pos_of(&self, from: usize, to: usize) -> Vec<&'static str> {
        let tagger = tagger();
        let words: Vec<Word> = (from..to)
            .map(|t| Word::new(&self.text[self.tokens[t].range.clone()]))
            .collect();
        tagger
            .pos_words(&words)
            .into_iter()
            .map(|pos| tagger.pos.classes[pos as usize].as_str())
            .collect()
    }

    /// The noun phrase that is the subject of the cue at `cue`, looked for
    /// from `lo` (the sentence's start, or as far back as sources are):
    /// auxiliaries and adverbs skipped, then a noun and the words that
    /// modify it. "Supporters of the plan argued", "the father of six
    /// said": the noun before "of".
    pub(super) fn noun_subject_before(&self, cue: usize, lo: usize) -> Option<Source> {
        let head = self
            .subject_end(cue, lo)
            .checked_sub(1)
            .filter(|&h| h >= lo)?;
        // Only a word that may be a noun is worth tagging the words for.
        if self.lower(head).is_none_or(lexicon::is_not_name) {
            return None;
        }
        // The phrase, an "of" phrase before it, and what their tags read,
        // lie within this window: no more of the sentence is tagged.
        let from = lo.max(head.saturating_sub(TAG_BEHIND));
        let to = (head + 1 + LOOK_AHEAD).min(self.tokens.len());
        let pos = self.pos_of(from, to);
        let tag = |t: usize| pos[t - from];
        // A number heads a phrase only after "of" ("the father of six").
        if !is_head(tag(head)) && tag(head) != "CD" {
            return None;
        }
        // Back over the words that modify a head to the phrase's first.
        let first_of = |head: usize| {
            let mut first = head;
            while first > from && head - first < MAX_PHRASE && is_modifier(tag(first - 1)) {
                first -= 1;
            }
            first
        };
        let mut head = head;
        let mut first = first_of(head);
        // "Supporters of the plan": the phrase the "of" phrase modifies.
        if first >= from + 2 && self.lower(first - 1) == Some("of") && is_head(tag(first - 2)) {
            head = first - 2;
            first = first_of(head);
        } else if !is_head(tag(head)) {
            return None;
        }
        // The object of a preposition is no subject ("in recent polls").
        if first > from && tag(first - 1) == "IN" {
            return None;
        }
        Some(Source::Description(self.lower(head)?.to_string()))
    }

    /// Where the subject of the cue at `cue` ends, looking no further
    /// back than `lo`: before the auxiliaries and adverbs between them
    /// ("have *not* pushed") and an aside set off by commas.
    pub(super) fn subject_end(&self, cue: usize, lo: usize) -> usize {
        let mut k = cue;
        while k > lo && self.lower(k - 1).is_some_and(is_between) {
            k -= 1;
        }
        self.aside_before(k, lo)
            .or_else(|| self.modifier_before(k, lo))
            .unwrap_or(k)
    }

    /// Where a phrase that modifies the subject and ends at `k` opens:
    /// set off by commas and opened by a relative, a comparison, an
    /// addition or a participle ("Officials*, like their counterparts,*
    /// said", "The engineer*, who asked not to be named,* said",
    /// "Residents*, speaking at the hearing,* said"), or a relative clause
    /// with no commas ([`Self::relative_before`]). Such a phrase is no
    /// apposition: the subject is the words before it.
    fn modifier_before(&self, k: usize, lo: usize) -> Option<usize> {
        if !(k > lo + 2 && self.punct(k - 1) == Some(',')) {
            return self.relative_before(k, lo);
        }
        // The comma that opens it: the first punctuation back from the one
        // that closes it.
        let from = k.saturating_sub(MAX_MODIFIER + 2).max(lo);
        let open = (from..k - 1).rev().find(|&t| self.word(t).is_none())?;
        let opener = self.lower(open + 1)?;
        let opens =
            lexicon::opens_modifier(opener) || (opener.len() > 4 && opener.ends_with("ing"));
        (open > lo && self.punct(open) == Some(',') && open + 2 < k && opens).then_some(open)
    }

    /// Where a relative clause with no commas that ends at `k` opens
    /// ("Engineers *who inspected the bridge* said"): a "who" with a verb
    /// of its own after it, all words. Not where "who" is the cue's own
    /// subject, only auxiliaries and adverbs after it ("a Republican who
    /// has not endorsed"), nor its object ("hackers who U.S. officials
    /// say": the subject follows it).
    pub(super) fn relative_before(&self, k: usize, lo: usize) -> Option<usize> {
        let from = k.saturating_sub(MAX_MODIFIER + 2).max(lo);
        let who = (from..k)
            .rev()
            .find(|&t| self.word(t).is_none() || self.lower(t) == Some("who"))?;
        if who <= lo || self.lower(who) != Some("who") || self.word(who - 1).is_none() {
            return None;
        }
        let own_verb = (who + 1..k).any(|t| self.lower(t).is_some_and(|w| !is_between(w)));
        let object = self.word(who + 1).is_some_and(is_capitalized)
            || self.pronoun(who + 1).is_some()
            || matches!(self.lower(who + 1), Some("the" | "a" | "an"));
        (own_verb && !object).then_some(who)
    }

    /// Where an aside set off by commas that ends at `k` opens ("U.S.
    /// officials*, however,* said"): at most [`MAX_ASIDE`] words
    /// ([`lexicon::is_aside_word`]).
    fn aside_before(&self, k: usize, lo: usize) -> Option<usize> {
        if k < lo + 3 || self.punct(k - 1) != Some(',') {
            return None;
        }
        let open = (k.saturating_sub(MAX_ASIDE + 2).max(lo)..k - 1)
            .rev()
            .find(|&t| self.word(t).is_none())?;
        let aside = open + 1..k - 1;
        let plain = |t: usize| self.lower(t).is_some_and(lexicon::is_aside_word);
        (self.punct(open) == Some(',') && !aside.is_empty() && aside.clone().all(plain))
            .then_some(open)
    }

    /// The noun phrase right after an inverted cue that closes its
    /// sentence or is followed by words describing it ("…, say several
    /// engineers, who inspected it").
    pub(super) fn noun_phrase_after(&self, cue: usize, hi: usize) -> Option<Source> {
        let to = (cue + 1 + MAX_PHRASE + LOOK_AHEAD)
            .min(hi)
            .min(self.tokens.len());
        if to <= cue + 1 {
            return None;
        }
        let pos = self.pos_of(cue, to);
        let tag = |t: usize| pos[t - cue];
        let mut t = cue + 1;
        while t < to && t - cue <= MAX_PHRASE && self.word(t).is_some() && is_modifier(tag(t)) {
            t += 1;
        }
        let head = t.checked_sub(1).filter(|&h| h > cue)?;
        if !is_head(tag(head)) {
            return None;
        }
        let closes = t >= hi
            || self.punct(t).is_some_and(|c| matches!(c, '.' | ',' | ';'))
            || matches!(self.lower(t), Some("who" | "which"));
        closes.then(|| Source::Description(self.lower(head).unwrap_or_default().to_string()))
    }
}
