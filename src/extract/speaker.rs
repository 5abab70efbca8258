//! Attribution: finds the cue and the source phrase that say who spoke a quote.
//!
//! Reads one paragraph's tokens (quotes folded to single tokens) and returns
//! the source as written: a name, a pronoun, a relative "who", or a
//! description ("the senator"). Resolving that to a person is `mod.rs`'s job.

use std::ops::Range;

use super::lexicon::{self, Gender, NOUN_CUES};
use super::text::{is_capitalized, strip_possessive, Token, TokenKind};

/// Most words of a role set beside a name between commas
/// ("Thornton, the county's emergency chief, said").
const MAX_APPOSED_ROLE: usize = 8;

/// How many tokens either side of a quote its attribution is looked for in.
/// Real sentences are shorter; the bound is for pathological text.
const MAX_REACH: usize = 150;

/// Fewest words of a quotation attributed by a verb no lexicon lists.
const MIN_UNLISTED_CUE_WORDS: usize = 4;

/// Longest description set beside a name by commas that is taken for the
/// person's role, in words.
const MAX_APPOSITION: usize = 6;

/// The source of a quotation as the text writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Capitalised words (titles included) at a token range.
    Name(Range<usize>),
    /// he, she, they, it.
    Pronoun(Gender),
    /// "who said": the name just before the relative pronoun.
    Relative(usize),
    /// "the senator", "the Republican nominee": the head noun.
    Description(String),
    /// "I", outside any quotation: the writer ([`super::writer`]), at a token.
    Writer(usize),
    /// "recent polls", "a 2015 Pew survey": a document, which speaks for
    /// no person; its head noun.
    Document(String),
}

/// How a name stands in its sentence: the speaker of a cue, a plain
/// subject or object, or a possessive / prepositional mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MentionRole {
    Speaker,
    Subject,
    Other,
}

/// A cue and its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub source: Source,
    /// The cue as written ("said", "according to", "―").
    pub cue: String,
    /// Token index of the cue.
    pub cue_token: usize,
}

/// How an attribution was found, from the most to the least direct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// Right after or right before the quote ("“…,” he said" / "Rubio said, “…”").
    Adjacent,
    /// Elsewhere in the same sentence.
    Sentence,
}

/// Reads the words of a paragraph.
pub struct Reader<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Lowercased words the article writes capitalised mid-sentence: proper names.
    pub proper: &'a dyn Fn(&str) -> bool,
    /// Lowercased words the article's running text writes capitalised
    /// and never in lower case: the names a headline may hold.
    pub headline_name: &'a dyn Fn(&str) -> bool,
    /// The run's models (the cue model, the verifier, the learned cues).
    pub models: &'a super::models::Models,
    /// What the attribution labeller makes of each token (none when the
    /// frame was not labelled).
    pub labels: &'a [u8],
    /// Each token's coarse word class, as the labeller read it (none when
    /// the frame was not labelled).
    pub coarse: &'a [u8],
}

/// How far back from a name after a preposition the name an apposition
/// describes is looked for ([`Reader::relative_head`]).
const MAX_APPOSED_HEAD: usize = 14;

/// The most words of a group a named leader heads, "and" aside ("and
/// other prominent bundlers in both parties"), for
/// [`Reader::leader_of_group`].
const MAX_GROUP_WORDS: usize = 6;

/// Lowercase words that head a description of a speaker.
#[rustfmt::skip]
pub(super) const DESCRIPTION_HEADS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "official", "officials", "aide", "aides",
    "statement", "campaign", "report", "ad", "advertisement", "group", "company", "letter",
    "email", "memo", "source", "sources", "crowd", "narrator", "announcer", "editorial",
    "board", "newspaper", "magazine", "network", "website", "tweet", "lawsuit", "complaint",
    "ruling", "filing", "release", "spokesmen", "representative", "adviser", "advisor",
    "lawyer", "attorney", "friend", "analyst", "expert", "critic", "critics", "supporter",
    "supporters", "voter", "voters", "man", "woman", "father", "mother", "leader", "manager",
    "strategist", "chairman", "chairwoman", "nominee", "candidate", "senator", "president",
    "governor", "congressman", "congresswoman", "lawmaker", "secretary", "minister", "mayor",
    "judge", "justice", "ambassador", "envoy", "speaker", "director", "general", "businessman",
    "billionaire", "mogul", "host", "secretary", "union", "organization", "agency",
    "administration", "department", "ministry", "court", "author", "authors", "writer",
    "pollster", "attorneys", "lawyers", "team", "staff", "camp", "economist", "researcher",
    "doctor", "officer",
];

/// Lowercase particles inside names ("Charles de Gaulle").
#[rustfmt::skip]
const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "bin", "al", "da", "di", "du", "la", "le",
];

/// Description heads through which a named person speaks ("Ryan’s office").
#[rustfmt::skip]
const OWNED_HEADS: &[&str] = &[
    "campaign", "office", "team", "staff", "camp", "attorneys", "lawyers", "aides",
];

/// Prepositions: a name right after one is an object, not a speaker.
#[rustfmt::skip]
pub(super) const PREPOSITIONS: &[&str] = &[
    "to", "of", "with", "for", "from", "about", "at", "on", "by", "in", "against", "than",
    "like", "toward", "towards", "into", "over", "under", "after", "before", "between",
    "alongside", "beside", "behind", "near", "around", "through", "without", "within", "among",
    "across", "via", "per", "despite", "upon", "onto",
];

#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "this", "that", "one", "another",
];

impl Reader<'_> {
    pub(super) fn word(&self, t: usize) -> Option<&str> {
        super::work::step();
        let tok = self.tokens.get(t)?;
        (tok.kind == TokenKind::Word).then(|| &self.text[tok.range.clone()])
    }

    pub(super) fn lower(&self, t: usize) -> Option<&str> {
        super::work::step();
        let tok = self.tokens.get(t)?;
        (tok.kind == TokenKind::Word).then_some(tok.key.as_str())
    }

    /// [`Reader::lower`] as a part of a learned model's feature names,
    /// hashed when the token was made.
    pub(super) fn lower_part(&self, t: usize) -> Option<super::linear::Part<'_>> {
        super::work::step();
        let tok = self.tokens.get(t)?;
        (tok.kind == TokenKind::Word).then_some(super::linear::Part {
            text: tok.key.as_str(),
            hash: tok.key_hash,
        })
    }

    pub(super) fn is_quote(&self, t: usize) -> bool {
        super::work::step();
        matches!(
            self.tokens.get(t).map(|t| t.kind),
            Some(TokenKind::Quote(_))
        )
    }

    pub(super) fn punct(&self, t: usize) -> Option<char> {
        super::work::step();
        match self.tokens.get(t)?.kind {
            TokenKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Whether token `t` is a finite verb, as the labeller's coarse
    /// classes read it (never, when the frame was not labelled).
    pub(super) fn is_finite_verb(&self, t: usize) -> bool {
        self.coarse
            .get(t)
            .is_some_and(|&c| super::tagger::coarse_is_finite(c))
    }

    /// Whether token `t` is a participle or an infinitive, as the
    /// labeller's coarse classes read it (never, when the frame was not
    /// labelled).
    pub(super) fn is_nonfinite_verb(&self, t: usize) -> bool {
        self.coarse
            .get(t)
            .is_some_and(|&c| super::tagger::coarse_is_nonfinite(c))
    }

    /// Whether token `t` is a noun, common or proper, as the labeller's
    /// coarse classes read it (never, when the frame was not labelled).
    pub(super) fn is_noun(&self, t: usize) -> bool {
        self.coarse
            .get(t)
            .is_some_and(|&c| super::tagger::coarse_is_noun(c))
    }

    /// Whether token `t` opens a dash between clauses: "—", "–", "―", or
    /// hyphens standing apart as typewriters write one ("dead -- a blow",
    /// "dead - a blow"; the first of the pair), never a hyphen that opens
    /// a word ("-Commissioner Ortiz").
    pub(super) fn is_dash(&self, t: usize) -> bool {
        match self.punct(t) {
            Some('—' | '–' | '―') => true,
            Some('-') => {
                let end = self.tokens[t].range.end;
                let apart = self.text[end..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace);
                self.punct(t.wrapping_sub(1)) != Some('-')
                    && (apart || self.punct(t + 1) == Some('-'))
            }
            _ => false,
        }
    }

    pub(super) fn is_cue(&self, t: usize) -> bool {
        self.is_cue_given(t, self.lower(t).is_some_and(lexicon::is_cue))
    }

    /// [`Reader::is_cue`], told whether the word is a form of a speech
    /// verb (`listed`: [`lexicon::is_cue`]).
    pub(super) fn is_cue_given(&self, t: usize, listed: bool) -> bool {
        let Some(w) = self.lower(t) else { return false };
        if self.is_according_to(t) {
            return true;
        }
        if !listed {
            // "Bennett shot back", "fired back": a reply; "as the Tribune
            // put it"; "“…,” she went on.": speaking on (not "went on to win").
            return (matches!(w, "shot" | "fired" | "hit" | "pushed")
                && self.lower(t + 1) == Some("back"))
                || (matches!(w, "went" | "goes" | "go" | "going")
                    && self.lower(t + 1) == Some("on")
                    && (self.is_quote(t + 2)
                        || matches!(self.punct(t + 2), Some('.' | ',' | ':'))
                        || t + 2 >= self.tokens.len()))
                || (w == "put"
                    && self.lower(t + 1) == Some("it")
                    && (self.is_quote(t + 2) || matches!(self.punct(t + 2), Some(',' | ':'))));
        }
        // "Secretary of State" is no cue: a capitalised cue opens a sentence.
        let capitalised = self.word(t).is_some_and(is_capitalized);
        if capitalised && t > 0 && self.word(t - 1).is_some() {
            return false;
        }
        // "continues to operate", "promised to fight": a verb of intent, not speech.
        let infinitive = self.lower(t + 1) == Some("to")
            && self.lower(t + 2).is_some_and(|n| {
                !self.word(t + 2).is_some_and(is_capitalized)
                    && !matches!(
                        n,
                        "reporters" | "the" | "a" | "an" | "his" | "her" | "their"
                    )
            });
        !(infinitive
            && lexicon::NOT_BEFORE_INFINITIVE
                .iter()
                .any(|l| w.starts_with(l)))
    }

    pub(super) fn is_according_to(&self, t: usize) -> bool {
        self.lower(t) == Some("according") && self.lower(t + 1) == Some("to")
    }

    /// Whether token `t` can be part of a name.
    fn is_name_word(&self, t: usize, sentence_start: usize) -> bool {
        let Some(w) = self.word(t) else { return false };
        if !is_capitalized(w) {
            return false;
        }
        // "Indiana-born", "Trump-style", "Kremlin-backed": adjectives, not
        // names; "Park Geun-hye", "Kim Jong-un" are names.
        if w.split('-')
            .skip(1)
            .any(|part| part.starts_with(char::is_lowercase) && lexicon::is_adjective_tail(part))
        {
            return false;
        }
        let Some(lower) = self.lower(t) else {
            return false;
        };
        let k = strip_possessive(lower).0;
        if lexicon::is_calendar(k) {
            return false;
        }
        // "I'd", "We’re": a pronoun with its verb, no name.
        let base = k.find(['’', '\'']).map_or(k, |i| &k[..i]);
        if lexicon::is_not_name(base) && !lexicon::is_title(base) {
            return false;
        }
        // In a headline every word is capitalised: a name there is a word
        // the article capitalises in its running text, a title, or a first
        // name the text never writes ("Megyn") before a surname it does
        // ("Kelly").
        if self.tokens[t].headline {
            let surname_next = || {
                self.lower(t + 1)
                    .is_some_and(|n| (self.headline_name)(strip_possessive(n).0))
            };
            return (self.headline_name)(k)
                || lexicon::is_title(k)
                || (super::names::is_first_name(k) && surname_next());
        }
        // A capitalised word opening a sentence is a name only when the
        // article capitalises it elsewhere too, another name word follows,
        // or a role is set beside it before a cue.
        if t == sentence_start && !self.is_quote(t.wrapping_sub(1)) {
            // "Having promised …", "Speaking to reporters …": a participle
            // opening its clause is no one, though a cue may follow it.
            let participle = k.len() > 4 && k.ends_with("ing") && !super::names::is_first_name(k);
            // "Besides Centerview, …", "Given Obama's …", "Outside
            // Carrier's plant …": a word the tagger reads as no noun is not
            // made a name by the capital of the name after it. ("Rush
            // Limbaugh": a first name stays one, whatever its class.)
            let no_noun = self
                .coarse
                .get(t)
                .is_some_and(|&c| !super::tagger::coarse_is_noun(c))
                && !super::names::is_first_name(k);
            return (self.proper)(k)
                || lexicon::is_title(k)
                || !participle
                    && (self.is_cue(self.past_adverbs(t + 1))
                        || self.apposed_role_then_cue(t)
                        || self.owns_what_follows(t))
                || !no_noun
                    && self
                        .word(t + 1)
                        .is_some_and(|n| is_capitalized(n) && !strip_possessive(w).1);
        }
        true
    }

    /// The first token from `t` that is not one of at most two adverbs
    /// ("Cruz *openly* admitted", "Earhardt *then* asked").
    fn past_adverbs(&self, t: usize) -> usize {
        let adverb = |k: usize| {
            self.lower(k).is_some_and(|w| {
                lexicon::is_ly_adverb(w)
                    || matches!(
                        w,
                        "also" | "then" | "later" | "again" | "now" | "still" | "once"
                    )
            })
        };
        (t..t + 2).find(|&k| !adverb(k)).unwrap_or(t + 2)
    }

    /// "Gallup’s own tracking poll", "Rubio’s spokesman": a possessive
    /// before a thing or a person that speaks for its owner, within three
    /// words.
    fn owns_what_follows(&self, t: usize) -> bool {
        self.word(t).is_some_and(|w| strip_possessive(w).1)
            && (t + 1..t + 4)
                .map_while(|n| self.lower(n))
                .any(|n| lexicon::OWNED_THINGS.contains(&n) || lexicon::PROXIES.contains(&n))
    }

    /// "Thornton, the county's emergency chief, said": a word followed by
    /// a role between commas (opening with a determiner) and a cue. Words
    /// that open sentences as adverbs ("Separately, the senator said")
    /// end in "-ly" or are in the lexicon's list of words no name is.
    fn apposed_role_then_cue(&self, t: usize) -> bool {
        let opens_role =
            self.punct(t + 1) == Some(',') && matches!(self.lower(t + 2), Some("the" | "a" | "an"));
        // An initial ("C." of "R-S.C.") is no name either.
        let adverb = self
            .lower(t)
            .is_none_or(|w| w.ends_with("ly") || w.chars().count() < 2);
        if !opens_role || adverb {
            return false;
        }
        (t + 3..t + 3 + MAX_APPOSED_ROLE)
            .take_while(|&u| self.lower(u).is_some() || self.punct(u) == Some(','))
            .any(|u| self.punct(u) == Some(',') && self.is_cue(u + 1))
    }

    /// Whether token `t` joins two name words: a particle ("de", "van") or
    /// "of" after a title ("Secretary of State"), never "Bryant of Mississippi".
    fn is_joiner(&self, t: usize) -> bool {
        let Some(w) = self.lower(t) else { return false };
        if w == "of" {
            return t > 0 && self.lower(t - 1).is_some_and(lexicon::is_title);
        }
        NAME_PARTICLES.contains(&w)
    }

    /// The run of name words ending at `end` (inclusive), reaching back no
    /// further than `lo`. Joiners ("of", "de") may sit inside.
    pub fn name_run_ending(
        &self,
        end: usize,
        lo: usize,
        sentence_start: usize,
    ) -> Option<Range<usize>> {
        if !self.is_name_word(end, sentence_start) {
            return None;
        }
        let mut start = end;
        while start > lo {
            let prev = start - 1;
            if self.is_name_word(prev, sentence_start) && !strip_possessive(self.word(prev)?).1 {
                start = prev;
            } else if self.is_joiner(prev)
                && prev > lo
                && self.is_name_word(prev - 1, sentence_start)
            {
                start = prev - 1;
            } else {
                break;
            }
        }
        Some(start..end + 1)
    }

    /// The run of name words starting at `start`, up to `hi` (exclusive).
    pub fn name_run_starting(
        &self,
        start: usize,
        hi: usize,
        sentence_start: usize,
    ) -> Option<Range<usize>> {
        if start >= hi || !self.is_name_word(start, sentence_start) {
            return None;
        }
        let mut end = start + 1;
        if strip_possessive(self.word(start)?).1 {
            return Some(start..end);
        }
        while end < hi {
            if self.is_name_word(end, sentence_start) {
                end += 1;
                if strip_possessive(self.word(end - 1).unwrap_or("")).1 {
                    break;
                }
            } else if self.is_joiner(end)
                && end + 1 < hi
                && self.is_name_word(end + 1, sentence_start)
            {
                end += 2;
            } else {
                break;
            }
        }
        Some(start..end)
    }

    /// How prominent a name run is in its sentence, for pronoun resolution.
    pub fn mention_role(&self, run: &Range<usize>) -> MentionRole {
        if self.run_is_possessive(run) {
            return MentionRole::Other;
        }
        if self.follows_preposition(run) {
            return MentionRole::Other;
        }
        let cue_follows = (run.end..run.end + 3)
            .take_while(|&t| self.word(t).is_some())
            .any(|t| self.is_cue(t));
        // "Alan Garten, Trump's attorney, said": the cue after an apposition.
        let cue_after_apposition = self.punct(run.end) == Some(',')
            && (run.end + 1..run.end + 16)
                .take_while(|&t| {
                    !self.is_quote(t) && !matches!(self.punct(t), Some('.' | ';' | ':'))
                })
                .any(|t| self.punct(t) == Some(',') && self.is_cue(t + 1));
        // "“…,” said Rubio": the cue itself follows a quote, or a comma after one.
        let cue_precedes = run.start > 1
            && self.is_cue(run.start - 1)
            && (self.is_quote(run.start - 2)
                || (self.punct(run.start - 2).is_some()
                    && run.start > 2
                    && self.is_quote(run.start - 3)));
        let cue_follows = cue_follows || cue_after_apposition;
        if cue_follows || cue_precedes {
            MentionRole::Speaker
        } else {
            MentionRole::Subject
        }
    }

    /// Whether a name run is the object of a preposition ("told CNN", "to Trump").
    fn follows_preposition(&self, run: &Range<usize>) -> bool {
        let mut b = run.start;
        // "the director of the Midwest Institute": past the article too.
        if b > 1 && self.lower(b - 1) == Some("the") {
            b -= 1;
        }
        b > 0 && self.lower(b - 1).is_some_and(|b| PREPOSITIONS.contains(&b))
    }

    /// The name a relative "who" after the name run `run` speaks for:
    /// `run` itself, or, where `run` is the object of a preposition in an
    /// apposition or an attachment, the name they describe: "Howard Rubel,
    /// an analyst at *Jefferies*, who said", "Pierre de Vos, a professor at
    /// the University of Cape Town in *South Africa*, who", "Megyn Kelly of
    /// *Fox News*, who".
    pub(super) fn relative_head(&self, run: Range<usize>, lo: usize) -> Range<usize> {
        if !self.follows_preposition(&run) {
            return run;
        }
        let mut attached: Option<Range<usize>> = None;
        let mut k = run.start;
        while k > lo && run.start - k < MAX_APPOSED_HEAD {
            k -= 1;
            if self.is_quote(k) {
                break;
            }
            if self.punct(k) == Some(',') {
                // The apposition opens here: the name before its comma.
                let head = k
                    .checked_sub(1)
                    .and_then(|e| self.name_run_ending(e, lo, lo));
                return head.or(attached).unwrap_or(run);
            }
            let Some(head) = self.name_run_ending(k, lo, lo) else {
                continue;
            };
            // "Kelly of Fox News": a name its attachment follows straight
            // away, unless it is attached itself ("University of Cape Town").
            let attaches = self
                .lower(head.end)
                .is_some_and(|w| PREPOSITIONS.contains(&w));
            let nominal = head.start > 0
                && self
                    .lower(head.start - 1)
                    .is_some_and(|w| matches!(w, "of" | "in" | "at" | "for" | "from" | "the"));
            if attaches && !nominal && attached.is_none() {
                attached = Some(head.clone());
            }
            k = head.start;
        }
        attached.unwrap_or(run)
    }

    fn run_is_possessive(&self, run: &Range<usize>) -> bool {
        self.word(run.end - 1)
            .is_some_and(|w| strip_possessive(w).1)
    }

    /// Whether the attribution labeller begins a cue at token `t`.
    pub(super) fn labelled_cue(&self, t: usize) -> bool {
        let begin = super::span_tagger::Part::Cue.begin();
        self.labels.get(t) == Some(&begin)
    }

    pub(super) fn pronoun(&self, t: usize) -> Option<Gender> {
        let w = self.lower(t)?;
        lexicon::PRONOUNS
            .iter()
            .find(|(p, _)| *p == w)
            .map(|(_, g)| *g)
    }

    /// The subject of the cue at `cue`: the nearest source phrase before it,
    /// no further back than `lo`.
    pub fn source_before(&self, cue: usize, lo: usize, sentence_start: usize) -> Option<Source> {
        if let Some(source) = self.apposed_subject(cue, lo, sentence_start) {
            return Some(source);
        }
        let participle = self.lower(cue).is_some_and(lexicon::is_participle_cue);
        let comma_before = cue > lo && self.punct(cue - 1) == Some(',');
        if participle && comma_before {
            // "Warren … endorsed Clinton, saying": Clinton is an object.
            return self.clause_subject(lo, cue, sentence_start);
        }
        if let Some(found) = self.nearest_subject_before(cue, lo, sentence_start) {
            return found;
        }
        // "Rubio pushed back, saying …" / "Trump paused and said …": the
        // subject of the clause the cue hangs on.
        let mut k = cue;
        while k > lo
            && self
                .lower(k - 1)
                .is_some_and(|w| lexicon::is_skippable(w) || w.ends_with("ly") || w == "now")
        {
            k -= 1;
        }
        let coordinated = k > lo
            && (self.punct(k - 1) == Some(',')
                || self
                    .lower(k - 1)
                    .is_some_and(|w| matches!(w, "and" | "but" | "then")));
        if coordinated || participle {
            return self.clause_subject(lo, cue, sentence_start);
        }
        None
    }

    /// The source phrase right before the cue at `cue`, walking back over
    /// what may sit between a subject and its verb ("Rubio on Sunday said",
    /// "Trump, however, has repeatedly said"): `Some(found)` when the walk
    /// decides (`Some(None)`: no source, as after a quotation or "we"),
    /// `None` when it meets a word that is none of these, and the clause
    /// the cue hangs on may still give one.
    fn nearest_subject_before(
        &self,
        cue: usize,
        lo: usize,
        sentence_start: usize,
    ) -> Option<Option<Source>> {
        let adjacent = |t: usize| t + 1 == cue;
        let mut t = cue;
        while t > lo {
            t -= 1;
            if self.is_quote(t) {
                return Some(None);
            }
            if let Some(c) = self.punct(t) {
                match c {
                    ')' => t = self.paren_open(t, lo),
                    ',' | '—' | '–' | '-' => {}
                    _ => return Some(None),
                }
                continue;
            }
            let Some(w) = self.lower(t) else {
                return Some(None);
            };
            if let Some(g) = self.pronoun(t) {
                if w == "it" && t + 1 != cue {
                    return Some(None);
                }
                return Some(Some(Source::Pronoun(g)));
            }
            match w {
                "who" => return Some(Some(Source::Relative(t))),
                "i" => return Some(Some(Source::Writer(t))),
                "we" => return Some(None),
                _ => {}
            }
            if let Some(run) = self.name_run_ending(t, lo, sentence_start) {
                let object = self.follows_preposition(&run);
                // …but "footage of Hillary Clinton asking" makes Clinton the speaker.
                let absolute =
                    adjacent(t) && self.lower(cue).is_some_and(lexicon::is_participle_cue);
                if let Some(preposition) = self.attachment_before(&run, lo).filter(|_| !absolute) {
                    t = preposition;
                    continue;
                }
                if self.run_is_possessive(&run) || (object && !adjacent(t)) {
                    return None;
                }
                return Some(Some(Source::Name(self.first_of_list(
                    run,
                    lo,
                    sentence_start,
                ))));
            }
            if lexicon::is_skippable(w)
                || lexicon::is_calendar(w)
                || lexicon::is_ly_adverb(w)
                || w.chars().all(|c| c.is_ascii_digit())
            {
                continue;
            }
            if let Some(leader) = self.leader_of_group(t, lo, sentence_start) {
                return Some(Some(Source::Name(leader)));
            }
            if let Some(description) = self.description_ending(t, lo) {
                return Some(Some(description));
            }
            return None;
        }
        None
    }

    /// "Stephen Vladeck of the University of Texas said": the preposition
    /// ("of", "at", "for", "from") that attaches the name `run` (with its
    /// article) to a head before it, where the subject is looked for.
    fn attachment_before(&self, run: &Range<usize>, lo: usize) -> Option<usize> {
        let mut before = run.start;
        if before > lo + 1
            && self
                .lower(before - 1)
                .is_some_and(|w| matches!(w, "the" | "a"))
        {
            before -= 1;
        }
        let attached = before > lo + 1
            && self
                .lower(before - 1)
                .is_some_and(|b| matches!(b, "of" | "at" | "for" | "from"));
        attached.then(|| before - 1)
    }

    /// "Mr. Rubio and his advisers argued", "Ms. Toretti, Mrs. Rao and
    /// other prominent bundlers said": the named who lead the group that
    /// ends at token `end` speak for it — the first of them, as in a list.
    fn leader_of_group(
        &self,
        end: usize,
        lo: usize,
        sentence_start: usize,
    ) -> Option<Range<usize>> {
        let group = (end.saturating_sub(MAX_GROUP_WORDS).max(lo)..=end)
            .rev()
            .take_while(|&k| self.word(k).is_some())
            .find(|&k| self.lower(k).is_some_and(lexicon::opens_led_group))?;
        if group < lo + 2 || self.lower(group - 1) != Some("and") {
            return None;
        }
        let run = self.name_run_ending(group - 2, lo, sentence_start)?;
        (!self.follows_preposition(&run) && !self.run_is_possessive(&run))
            .then(|| self.first_of_list(run, lo, sentence_start))
    }

    /// "the Democratic presidential front-runner and former secretary of
    /// state": a determiner, then up to six words holding a role noun.
    fn description_ending(&self, end: usize, lo: usize) -> Option<Source> {
        let from = end.saturating_sub(7).max(lo);
        let start = (from..=end).rev().find(|&k| {
            self.lower(k).is_some_and(|w| DETERMINERS.contains(&w))
                || self.word(k).is_some_and(|w| strip_possessive(w).1)
        })?;
        let found = self.description(start, end + 1, lo)?;
        // The role noun must end the phrase before the verb ("the former
        // secretary of state said"), not sit in another clause ("her post and said").
        let head_at = (start..=end).rev().find(|&k| {
            self.lower(k)
                .is_some_and(|w| DESCRIPTION_HEADS.contains(&w))
        });
        let tail_ok = head_at.is_none_or(|h| {
            end - h <= 2
                && !(h + 1..=end).any(|k| {
                    self.lower(k)
                        .is_some_and(|w| matches!(w, "and" | "or" | "but"))
                })
        });
        tail_ok.then_some(found)
    }

    /// Whether token `k` ends a description with a head through which its
    /// owner speaks: "Ryan’s office said", not "Clinton’s campaign manager".
    fn is_owned_head(&self, k: usize) -> bool {
        let Some(w) = self.lower(k) else { return false };
        let next_is_noun = self
            .lower(k + 1)
            .is_some_and(|n| DESCRIPTION_HEADS.contains(&n) || lexicon::is_title(n))
            || self.word(k + 1).is_some_and(is_capitalized);
        OWNED_HEADS.contains(&w) && !next_is_noun
    }

    /// The description in tokens `start..end`: its first role noun, or, for
    /// "Ryan’s office", "the Clinton campaign", "attorneys for Clinton", the
    /// person whose office or campaign speaks.
    fn description(&self, start: usize, end: usize, sentence_start: usize) -> Option<Source> {
        let Some((at, head)) = (start..end)
            .filter_map(|k| self.lower(k).map(|w| (k, w)))
            .find(|(_, w)| DESCRIPTION_HEADS.contains(w))
        else {
            // "said an Iowa Democrat": the named group stands for the speaker.
            return None;
        };
        if self.is_owned_head(at) {
            let owner = (start..at)
                .find_map(|k| self.name_run_starting(k, at, sentence_start))
                .or_else(|| {
                    (self.lower(at + 1) == Some("for"))
                        .then(|| self.name_run_starting(at + 2, at + 6, sentence_start))
                        .flatten()
                });
            if let Some(run) = owner {
                return Some(Source::Name(run));
            }
        }
        Some(Source::Description(head.to_string()))
    }

    /// The first person or pronoun of the clause from `lo` to `cue`.
    fn clause_subject(&self, lo: usize, cue: usize, sentence_start: usize) -> Option<Source> {
        // The main clause starts after the last comma that does not hug the
        // cue: "When told Perez was …, Bush thought and said".
        let hug = if cue > lo && self.punct(cue - 1) == Some(',') {
            cue - 1
        } else {
            cue
        };
        let after_comma = (lo..hug)
            .rev()
            .find(|&k| self.punct(k) == Some(','))
            .map(|k| k + 1);
        if let Some(from) = after_comma {
            if let Some(found) = self.first_subject(from, cue, sentence_start) {
                return Some(found);
            }
        }
        self.first_subject(lo, cue, sentence_start)
    }

    fn first_subject(&self, lo: usize, cue: usize, sentence_start: usize) -> Option<Source> {
        let mut t = lo;
        while t < cue {
            if self.is_quote(t) {
                t += 1;
                continue;
            }
            // Past the clause's verb come its objects, not its subject:
            // "European leaders will accompany Zelenskiy, seeking …".
            if t > lo && self.lower(t).is_some_and(lexicon::is_auxiliary) {
                return None;
            }
            if let Some(g) = self.pronoun(t) {
                return Some(Source::Pronoun(g));
            }
            // "The Russian leader … maintained": a description opens the clause.
            if self
                .lower(t)
                .is_some_and(|w| matches!(w, "the" | "a" | "an"))
            {
                let end = (t + 1..cue.min(t + 6))
                    .take_while(|&k| self.word(k).is_some())
                    .last()
                    .map_or(t + 1, |k| k + 1);
                if let Some(found) = self.description(t, end, sentence_start) {
                    return Some(found);
                }
            }
            if let Some(run) = self.name_run_starting(t, cue, sentence_start) {
                let only_a_title = run.len() == 1 && self.lower(t).is_some_and(lexicon::is_title);
                if only_a_title {
                    t = run.end;
                    continue;
                }
                let after_preposition = self.follows_preposition(&run);
                if !self.run_is_possessive(&run) && !after_preposition {
                    return Some(Source::Name(run));
                }
                // "Ryan’s campaign shrugged off …": the campaign speaks for Ryan.
                let owned = (run.end..run.end + 2).any(|k| self.is_owned_head(k));
                if self.run_is_possessive(&run) && owned && !after_preposition {
                    return Some(Source::Name(run));
                }
                t = run.end;
                continue;
            }
            t += 1;
        }
        None
    }

    /// The first name of a list the name run `run` ends: "Mark Blumenthal
    /// and Jon Cohen said", "Ray Dunn (D) and former Utah Gov. Sam Hale (R)
    /// said", "Lena Ortiz, Paul Kim and Joan Wu said", "Clinton and the
    /// State Department asserted" — the first named leads. Commas join
    /// names only in a list an "and" closes; a name after a preposition is
    /// no member ("In Ohio, Ruiz and Beck said").
    fn first_of_list(&self, run: Range<usize>, lo: usize, sentence_start: usize) -> Range<usize> {
        let mut first = run;
        let mut anded = false;
        loop {
            let mut j = first.start;
            while j > lo
                && self
                    .lower(j - 1)
                    .is_some_and(|w| matches!(w, "former" | "then" | "the"))
            {
                j -= 1;
            }
            if j < lo + 2 {
                break;
            }
            let and = self.lower(j - 1) == Some("and");
            if !(and || (anded && self.punct(j - 1) == Some(','))) {
                break;
            }
            let mut end = j - 2;
            if and && end > lo && self.punct(end) == Some(',') {
                end -= 1;
            }
            if self.punct(end) == Some(')') {
                // "Ray Dunn (D) and": the name before the party tag.
                let open = self.paren_open(end, lo);
                if open == end || open <= lo {
                    break;
                }
                end = open - 1;
            }
            match self.name_run_ending(end, lo, sentence_start) {
                Some(before) if !self.follows_preposition(&before) => first = before,
                _ => break,
            }
            anded |= and;
        }
        first
    }

    /// Index of the "(" matching the ")" at `close`, or `close` when there is none.
    fn paren_open(&self, close: usize, lo: usize) -> usize {
        (lo..close)
            .rev()
            .take(12)
            .find(|&k| self.punct(k) == Some('('))
            .unwrap_or(close)
    }

    /// "Will Estrada, the chairman for the Northern Virginia exurb, said":
    /// when a comma-closed apposition stands before the cue, the subject is
    /// the name (or pronoun) before it, not a name inside it.
    fn apposed_subject(&self, cue: usize, lo: usize, sentence_start: usize) -> Option<Source> {
        let mut k = cue.checked_sub(1)?;
        while k > lo
            && self
                .lower(k)
                .is_some_and(|w| lexicon::is_skippable(w) && !DETERMINERS.contains(&w))
        {
            k -= 1;
        }
        if k <= lo || self.punct(k) != Some(',') {
            return None;
        }
        // The apposition may hold commas of its own ("assistant secretary
        // for population, refugees, and migration"): try each opening comma.
        let mut close = k;
        for _ in 0..4 {
            let open = (lo..close)
                .rev()
                .take(30)
                .find(|&j| self.is_quote(j) || matches!(self.punct(j), Some(',' | ';' | ':')))?;
            if self.punct(open) != Some(',') || open == 0 {
                return None;
            }
            if let Some(run) = self.name_apposed_to_a_role(open, k, lo, sentence_start) {
                return Some(Source::Name(run));
            }
            if !self.describes_the_subject(open + 1, k) {
                return None;
            }
            let mut end = open - 1;
            if self.punct(end) == Some(')') {
                end = self.paren_open(end, lo).checked_sub(1)?;
            }
            if end < lo {
                return None;
            }
            if let Some(g) = self.pronoun(end) {
                return Some(Source::Pronoun(g));
            }
            if let Some(run) = self.name_run_ending(end, lo, sentence_start) {
                let object = self.follows_preposition(&run);
                if object {
                    // "Clinton, during a meeting in Columbus, Ohio, said": look further back.
                    close = open;
                    continue;
                }
                if self.run_is_possessive(&run) {
                    return None;
                }
                // A name whose own apposition starts here wins over names inside it.
                let before = run.start.checked_sub(1);
                if before.is_some_and(|b| self.punct(b) == Some(',')) && run.start > lo {
                    let earlier = self.name_run_ending(run.start - 2, lo, sentence_start);
                    if earlier.is_none() {
                        return Some(Source::Name(run));
                    }
                }
                if before.is_none_or(|b| b < lo || self.punct(b) != Some(',')) {
                    return Some(Source::Name(run));
                }
            }
            close = open;
        }
        None
    }

    /// "her senior policy adviser, Jake Sullivan, said": the name that is
    /// the whole apposition between the commas at `open` and `close`, after
    /// a role or a title, is who speaks.
    fn name_apposed_to_a_role(
        &self,
        open: usize,
        close: usize,
        lo: usize,
        sentence_start: usize,
    ) -> Option<Range<usize>> {
        let run = self.name_run_starting(open + 1, close, sentence_start)?;
        // (Not written as a name is: "Peter T. King, Republican of New
        // York," ends in a surname, "the Group's CEO, Kim Fritts," in a title.)
        let as_a_name = |w: &str| is_capitalized(w) && w.chars().any(char::is_lowercase);
        let describes_before = open > lo
            && self.word(open - 1).is_some_and(|w| !as_a_name(w))
            && self
                .lower(open - 1)
                .is_some_and(|w| DESCRIPTION_HEADS.contains(&w) || lexicon::is_title(w));
        (run.end == close && describes_before).then_some(run)
    }

    /// Whether the words `start..end` between commas describe the subject
    /// before them: words without a cue, a relative clause ("Clinton, who
    /// called Sanders, told") or a participle phrase; any other verb would
    /// make them a clause of their own.
    fn describes_the_subject(&self, start: usize, end: usize) -> bool {
        let relative = self
            .lower(start)
            .is_some_and(|w| matches!(w, "who" | "whose"));
        relative
            || self.participle_phrase(start, end)
            || (start..end).all(|j| {
                self.word(j).is_some()
                    || matches!(
                        self.punct(j),
                        Some('(' | ')' | '-' | '\'' | '’' | '.' | ',')
                    )
            }) && !(start..end).any(|j| self.is_cue(j))
    }

    /// "Duarte, *speaking to reporters outside City Hall*, said", "Clinton,
    /// *asked about the emails*, said": the words `start..end` open with a
    /// participle and hold no finite verb, so they describe the subject
    /// before them, whatever names they hold.
    fn participle_phrase(&self, start: usize, end: usize) -> bool {
        start < end
            && self.is_nonfinite_verb(start)
            && self
                .lower(start)
                .is_some_and(|w| w.ends_with("ing") || w.ends_with("ed"))
            && !(start + 1..end).any(|j| self.is_finite_verb(j))
    }

    /// The source after an inverted cue ("said Rubio", "said the senator"),
    /// no further than `hi`.
    pub fn source_after(&self, cue: usize, hi: usize, sentence_start: usize) -> Option<Source> {
        let mut t = cue + 1;
        if self.is_according_to(cue) {
            t += 1;
        }
        let mut skipped = 0;
        while t < hi && skipped < 4 {
            if let Some(g) = self.pronoun(t) {
                return Some(Source::Pronoun(g));
            }
            if let Some(run) = self.name_run_starting(t, hi, sentence_start) {
                return Some(self.named_after_cue(run, hi, sentence_start));
            }
            let w = self.lower(t)?;
            if DETERMINERS.contains(&w) || lexicon::QUANTIFIERS.contains(&w) {
                // "said some Democrats": the group the name stands for.
                if lexicon::QUANTIFIERS.contains(&w) {
                    if let Some(run) = self.name_run_starting(t + 1, hi, sentence_start) {
                        return Some(Source::Name(run));
                    }
                }
                if let Some(person) = self.name_after_description(t + 1, hi, sentence_start) {
                    return Some(Source::Name(person));
                }
                return self.description_from(t + 1, hi);
            }
            // "said undecided Republican voter Stephanie Hooton".
            let role_before_name = (DESCRIPTION_HEADS.contains(&w) || lexicon::is_title(w))
                && !matches!(
                    w,
                    "that"
                        | "if"
                        | "when"
                        | "while"
                        | "because"
                        | "as"
                        | "and"
                        | "but"
                        | "so"
                        | "whether"
                )
                && !PREPOSITIONS.contains(&w)
                && (t + 1..(t + 4).min(hi))
                    .take_while(|&k| self.word(k).is_some())
                    .any(|k| self.name_run_starting(k, hi, sentence_start).is_some());
            let adjective = role_before_name
                || matches!(
                    w,
                    "former"
                        | "retired"
                        | "longtime"
                        | "veteran"
                        | "top"
                        | "senior"
                        | "fellow"
                        | "chief"
                        | "deputy"
                        | "acting"
                        | "then"
                );
            if !adjective && !lexicon::is_skippable(w) && !lexicon::is_calendar(w) {
                return None;
            }
            skipped += 1;
            t += 1;
        }
        None
    }

    /// The source a name run `run` after a cue starts: the person a
    /// possessive owner's name comes before ("said Iowa State University’s
    /// Dianne Bystrom"), the person after a role ("said Judicial Watch
    /// president Tom Fitton"), else the name itself.
    fn named_after_cue(&self, run: Range<usize>, hi: usize, sentence_start: usize) -> Source {
        if self.run_is_possessive(&run) {
            // "said Iowa State University’s Dianne Bystrom": the
            // person the owner's name comes before (not a bare
            // title: "Trump’s Chief of Staff" is a description).
            if let Some(person) = self
                .name_run_starting(run.end, hi, sentence_start)
                .filter(|p| {
                    p.clone().any(|k| {
                        self.lower(k)
                            .is_some_and(|w| !lexicon::is_title(w) && w != "of")
                    })
                })
            {
                return Source::Name(person);
            }
            if let Some(person) = self.name_after_description(run.end, hi, sentence_start) {
                return Source::Name(person);
            }
            // "according to Trump’s campaign": the campaign speaks.
            return self
                .description_from(run.end, hi)
                .unwrap_or(Source::Name(run));
        }
        // "said Judicial Watch president Tom Fitton": the person after the role.
        let mut r = run.end;
        // Also "said Monmouth University political scientist Patrick
        // Murray", "said Clinton ally James Carville".
        while r < hi
            && r < run.end + 3
            && self.lower(r).is_some_and(|w| {
                self.word(r).is_some_and(|x| !is_capitalized(x))
                    && !matches!(w, "of" | "the" | "and" | "or" | "that" | "who" | "which")
                    && !PREPOSITIONS.contains(&w)
                    && !lexicon::is_cue(w)
            })
        {
            r += 1;
        }
        if r > run.end {
            if let Some(person) = self.name_run_starting(r, hi, sentence_start) {
                return Source::Name(person);
            }
        }
        Source::Name(run)
    }

    /// "“…,” said flood victim Mary Colson.", "said 9/11 widow Terry
    /// Strada", "said the Rev. Peter Wherry, of …": after a cue that
    /// follows a quotation, words that describe the speaker (lower-case
    /// words and numbers, "Florida-based", a name that describes, a "the"
    /// before a title), then the name, closing the clause. Only there: elsewhere such words may be a clause of
    /// their own ("said police arrested John Smith").
    fn described_name_after(
        &self,
        cue: usize,
        hi: usize,
        sentence_start: usize,
    ) -> Option<Range<usize>> {
        let first = cue + 1;
        let mut t = first;
        while t < hi.min(first + 6) {
            if let Some(run) = self.name_run_starting(t, hi, sentence_start) {
                let closes = run.end >= hi
                    || self
                        .punct(run.end)
                        .is_some_and(|c| matches!(c, '.' | ',' | ';' | '('))
                    || matches!(self.lower(run.end), Some("of" | "who"));
                if closes {
                    return Some(run);
                }
                // "said GOP strategist Al Cardenas": a name that describes,
                // before the one that speaks.
                t = run.end;
                continue;
            }
            let describes = match self.lower(t) {
                Some("the") => t == first,
                Some(w) => {
                    // "Florida-based": capitalised, and no name.
                    self.word(t)
                        .is_some_and(|x| !is_capitalized(x) || x.contains('-'))
                        && !PREPOSITIONS.contains(&w)
                        && !DETERMINERS.contains(&w)
                        && !lexicon::is_cue(w)
                        && !lexicon::is_auxiliary(w)
                        && !matches!(w, "and" | "or" | "but" | "that" | "which" | "who" | "not")
                }
                None => self.punct(t).is_some_and(|c| matches!(c, '/' | '-')),
            };
            if !describes {
                return None;
            }
            t += 1;
        }
        None
    }

    /// "said Holt’s senior budget aide Tom Reyes", "said the treasurer at
    /// the time, Bill Ortega.": a description from `from` on (no verb in
    /// it), then the name of the person it describes, closing the clause —
    /// right after a role word, or set off by a comma.
    fn name_after_description(
        &self,
        from: usize,
        hi: usize,
        sentence_start: usize,
    ) -> Option<Range<usize>> {
        let closes = |end: usize| {
            end >= hi
                || self
                    .punct(end)
                    .is_some_and(|c| matches!(c, '.' | ',' | ';' | '('))
                || matches!(self.lower(end), Some("who"))
        };
        let role = |k: usize| {
            self.word(k).is_some_and(|x| !is_capitalized(x))
                && self
                    .lower(k)
                    .is_some_and(|w| DESCRIPTION_HEADS.contains(&w) || lexicon::is_title(w))
        };
        let mut t = from;
        while t < hi.min(from + MAX_APPOSITION + 4) {
            if self.punct(t) == Some(',') {
                let run = self.name_run_starting(t + 1, hi, sentence_start)?;
                return (t > from && closes(run.end)).then_some(run);
            }
            if let Some(run) = self.name_run_starting(t, hi, sentence_start) {
                if t > from && role(t - 1) && closes(run.end) {
                    return Some(run);
                }
                // A body inside the description: "the director of the Midwest Institute".
                t = run.end;
                continue;
            }
            let w = self.lower(t)?;
            if lexicon::is_cue(w)
                || lexicon::is_auxiliary(w)
                || matches!(w, "and" | "or" | "but" | "that" | "which" | "who" | "whose")
            {
                return None;
            }
            t += 1;
        }
        None
    }

    fn description_from(&self, from: usize, hi: usize) -> Option<Source> {
        let end = (from..hi.min(from + 5))
            .take_while(|&k| self.word(k).is_some())
            .last()
            .map_or(from, |k| k + 1);
        self.description(from, end, from)
    }

    /// "Trump’s threats of “…”": a possessive name, a speech noun, and the quote.
    fn possessive_noun_cue(
        &self,
        quote: usize,
        lo: usize,
        sentence_start: usize,
    ) -> Option<Attribution> {
        let mut t = quote;
        // Allow "of", "that", ":" or "," between the noun and the quote.
        if t > lo + 1 {
            let k = t - 1;
            if self.punct(k).is_some_and(|c| matches!(c, ':' | ','))
                || self
                    .lower(k)
                    .is_some_and(|w| matches!(w, "of" | "that" | "was" | "were"))
            {
                t = k;
            }
        }
        let noun = t.checked_sub(1)?;
        if noun < lo || !self.lower(noun).is_some_and(|w| NOUN_CUES.contains(&w)) {
            return None;
        }
        // Up to two adjectives between the possessive and the noun.
        for owner in (noun.saturating_sub(3).max(lo)..noun).rev() {
            if let Some(w) = self.word(owner) {
                if strip_possessive(w).1 {
                    let run = self.name_run_ending(owner, lo, sentence_start)?;
                    return Some(Attribution {
                        source: Source::Name(run),
                        cue: self.word(noun)?.to_string(),
                        cue_token: noun,
                    });
                }
            }
        }
        None
    }

    pub(super) fn attribution_at(
        &self,
        cue: usize,
        lo: usize,
        hi: usize,
        sentence_start: usize,
    ) -> Option<Attribution> {
        // Inverted order when the cue follows the quote directly: "“…,” said Rubio".
        let follows_quote = cue > lo
            && (self.is_quote(cue - 1)
                || (self.punct(cue - 1).is_some() && cue >= 2 && self.is_quote(cue - 2)));
        let sentence_initial = cue == sentence_start;
        // "Sanders was asked by host Bill Maher, “…”": the agent speaks.
        if self.lower(cue + 1) == Some("by") {
            if let Some(source) = self.source_after(cue + 1, hi, sentence_start) {
                let cue_text = self.word(cue)?.to_string();
                return Some(Attribution {
                    source,
                    cue: cue_text,
                    cue_token: cue,
                });
            }
        }
        let source = if self.is_according_to(cue) || follows_quote || sentence_initial {
            self.source_after(cue, hi, sentence_start)
                .or_else(|| {
                    follows_quote
                        .then(|| self.described_name_after(cue, hi, sentence_start))
                        .flatten()
                        .map(Source::Name)
                })
                .or_else(|| self.source_before(cue, lo, sentence_start))
        } else {
            self.source_before(cue, lo, sentence_start)
                .or_else(|| self.source_after(cue, hi, sentence_start))
        }?;
        let cue_text = if self.is_according_to(cue) {
            "according to".to_string()
        } else {
            self.word(cue)?.to_string()
        };
        Some(Attribution {
            source,
            cue: cue_text,
            cue_token: cue,
        })
    }

    /// "“…” ― Christina Lastra": a dash and a name closing the paragraph.
    fn dash_attribution(
        &self,
        quote: usize,
        hi: usize,
        sentence_start: usize,
    ) -> Option<Attribution> {
        let dash = quote + 1;
        if !self
            .punct(dash)
            .is_some_and(|c| matches!(c, '―' | '—' | '–'))
        {
            return None;
        }
        let run = self.name_run_starting(dash + 1, hi, sentence_start.min(dash + 1))?;
        Some(Attribution {
            source: Source::Name(run),
            cue: self.text[self.tokens[dash].range.clone()].to_string(),
            cue_token: dash,
        })
    }

    /// Finds who spoke the quote at token `quote` in `sentence`.
    pub fn attribute(&self, quote: usize, sentence: Range<usize>) -> Option<(Attribution, Reach)> {
        // A "sentence" of thousands of tokens (a run-on line, a wall of
        // quotes) is read only near the quote, so each quote costs the
        // same however long its sentence: extraction stays linear.
        let sentence = sentence.start.max(quote.saturating_sub(MAX_REACH))
            ..sentence.end.min(quote.saturating_add(MAX_REACH));
        let start = sentence.start;
        // Segments between this quote and its neighbouring quotes.
        let before_lo = (start..quote)
            .rev()
            .find(|&t| self.is_quote(t))
            .map_or(start, |t| t + 1);
        let after_hi = (quote + 1..sentence.end)
            .find(|&t| self.is_quote(t))
            .unwrap_or(sentence.end);

        if let Some(a) = self.possessive_noun_cue(quote, before_lo, start) {
            return Some((a, Reach::Adjacent));
        }
        if let Some(a) = self.dash_attribution(quote, sentence.end.max(after_hi), start) {
            return Some((a, Reach::Adjacent));
        }
        if let Some(a) = self.closing_attribution(quote, after_hi, start) {
            return Some((a, Reach::Adjacent));
        }
        if let Some(a) = self.inverted_verb(quote, after_hi, start) {
            return Some((a, Reach::Adjacent));
        }
        // Right before: "Rubio said, “…”" / "Rubio told CBS: “…”" / "said that X made “…”".
        if let Some(cue) = (before_lo..quote).rev().find(|&t| self.is_cue(t)) {
            if let Some(a) = self.attribution_at(cue, start, quote, start) {
                return Some((a, Reach::Adjacent));
            }
        }
        if let Some(a) = self.colon_attribution(quote, before_lo, start) {
            return Some((a, Reach::Adjacent));
        }
        // Anywhere else in the sentence, nearest first.
        let mut cues: Vec<usize> = sentence
            .clone()
            .filter(|&t| t != quote && self.is_cue(t))
            .collect();
        cues.sort_by_key(|&t| t.abs_diff(quote));
        for cue in cues {
            if let Some(a) = self.attribution_at(cue, start, sentence.end, start) {
                return Some((a, Reach::Sentence));
            }
        }
        self.subject_with_a_verb(quote, start)
            .map(|a| (a, Reach::Sentence))
    }

    /// Right after the quote at `quote`, before `after_hi`: "“…,” Rubio
    /// said" / "“…,” said Rubio" / "“…,” he added" / "“…,” the former
    /// schoolteacher said".
    fn closing_attribution(
        &self,
        quote: usize,
        after_hi: usize,
        start: usize,
    ) -> Option<Attribution> {
        let cue = (quote + 1..after_hi).take(14).find(|&t| self.is_cue(t))?;
        let leading_comma =
            (quote + 1..cue).all(|t| self.punct(t).is_some() || self.word(t).is_some());
        if !leading_comma {
            return None;
        }
        if let Some(a) = self.attribution_at(cue, quote + 1, after_hi, start) {
            return Some(a);
        }
        // A noun phrase that no word list holds, known by its part of speech.
        let source = self.noun_subject_before(cue, quote + 1)?;
        Some(Attribution {
            source,
            cue: self.word(cue)?.to_string(),
            cue_token: cue,
        })
    }

    /// No cue at all: "Sanders credited Clinton’s victory to “…”" — the
    /// subject of the sentence opening at `start`, when a person opens it
    /// and a verb follows.
    fn subject_with_a_verb(&self, quote: usize, start: usize) -> Option<Attribution> {
        let source = self.first_subject(start, quote, start)?;
        let verb_follows = match &source {
            Source::Name(run) => {
                // "Reid has gone after Trump as …": past tense, or an auxiliary and a verb.
                let aux = self.lower(run.end).is_some_and(|w| {
                    matches!(w, "has" | "had" | "have" | "is" | "was" | "will" | "would")
                });
                let verb_at = if aux { run.end + 1 } else { run.end };
                self.lower(verb_at).is_some_and(|w| {
                    w.ends_with("ed") || (aux && (w.ends_with("ing") || w.ends_with('n')))
                })
            }
            _ => false,
        };
        verb_follows.then(|| {
            let cue_token = match &source {
                Source::Name(run) => run.end,
                _ => quote,
            };
            let cue = self.word(cue_token).unwrap_or("").to_string();
            Attribution {
                source,
                cue,
                cue_token,
            }
        })
    }

    /// "“Go back,” Trump barked", "“This is fantastic!” beamed Donald
    /// Hartley": a quotation that ends on a comma, "!" or "?" and a verb
    /// in the past tense beside a name (or a pronoun) right after it. Only
    /// a verb of speaking stands there, whatever the word, so none need be
    /// listed. A quotation of a few words is more often a title ("“Scandal,”
    /// thanked Obama"): it takes a cue of the lexicon.
    fn inverted_verb(&self, quote: usize, hi: usize, sentence_start: usize) -> Option<Attribution> {
        let quoted = &self.text[self.tokens.get(quote)?.range.clone()];
        let open_ended = quoted
            .trim_end_matches(['”', '"', '’', '\'', ' '])
            .ends_with([',', '!', '?']);
        if !open_ended || quoted.split_whitespace().count() < MIN_UNLISTED_CUE_WORDS {
            return None;
        }
        let past = |t: usize| {
            t < hi
                && self.word(t).is_some_and(|w| !is_capitalized(w))
                && self
                    .lower(t)
                    .is_some_and(|w| w.len() > 4 && w.ends_with("ed"))
        };
        let first = quote + 1;
        let (source, cue) = if past(first) {
            // "beamed Donald Hartley".
            let run = self.name_run_starting(first + 1, hi, sentence_start)?;
            (Source::Name(run), first)
        } else if let Some(g) = self.pronoun(first).filter(|_| past(first + 1)) {
            (Source::Pronoun(g), first + 1)
        } else {
            let run = self.name_run_starting(first, hi, sentence_start)?;
            if !past(run.end) {
                return None;
            }
            let cue = run.end;
            (Source::Name(run), cue)
        };
        Some(Attribution {
            source,
            cue: self.word(cue)?.to_string(),
            cue_token: cue,
        })
    }

    /// "Donald Trump: “…”" / "then leaned in and boomed: “…”": a name or a
    /// verb, then a colon, then the quote at token `quote` (which may be one
    /// past the paragraph's end, for a quote that opens the next paragraph).
    pub fn colon_attribution(&self, quote: usize, lo: usize, start: usize) -> Option<Attribution> {
        if quote < 2 || self.punct(quote - 1) != Some(':') {
            return None;
        }
        let mut before = quote - 2;
        // "Rep. Trey Gowdy (R-S.C.): “…”": the name before its party tag.
        if self.punct(before) == Some(')') {
            let open = self.paren_open(before, lo);
            if open == before || open <= lo {
                return None;
            }
            before = open - 1;
        }
        self.word(before)?;
        if let Some(run) = self.name_run_ending(before, lo, start) {
            let object = self.follows_preposition(&run);
            // "McConnell delivered a blunt message to Trump: “…”": Trump listens.
            let source = if object {
                self.first_subject(start, run.start, start)?
            } else if self.run_is_possessive(&run) {
                return None;
            } else {
                Source::Name(run)
            };
            return Some(Attribution {
                source,
                cue: ":".into(),
                cue_token: quote - 1,
            });
        }
        let cue = self.lower(before)?;
        if NOUN_CUES.contains(&cue) {
            // "Sanders made the following comment:", "Obama is rolling out a
            // new message:": whoever the clause is about speaks.
            let source = self.first_subject(start, before, start)?;
            return Some(Attribution {
                source,
                cue: self.word(before)?.to_string(),
                cue_token: before,
            });
        }
        let verb = self.is_cue(before)
            || cue.ends_with("ed")
            || cue.ends_with('s')
            || cue.ends_with("ing");
        if !verb {
            return None;
        }
        // "Stated Stone:" puts the speaker after the verb.
        let source = self
            .source_before(before, start, start)
            .or_else(|| self.source_after(before, quote - 1, start))?;
        Some(Attribution {
            source,
            cue: self.word(before)?.to_string(),
            cue_token: before,
        })
    }

    /// Role words written just before a name run ("Republican nominee
    /// Donald Trump"), not across a preposition: "the governor of New
    /// Jersey" gives New Jersey no role.
    pub fn roles_before(&self, run_start: usize, lo: usize) -> Vec<String> {
        let window = run_start.saturating_sub(3).max(lo);
        let from = (window..run_start)
            .rev()
            .find(|&t| self.lower(t).is_some_and(|w| PREPOSITIONS.contains(&w)))
            .map_or(window, |t| t + 1);
        (from..run_start)
            .filter_map(|t| self.lower(t))
            .filter(|w| lexicon::is_role_word(w))
            .map(str::to_string)
            .collect()
    }

    /// The words of a description set beside the name `run` by commas, that
    /// later stand for the person ("Dr. Samuel Okafor, the state
    /// climatologist, said" and "The county engineer, Maria Lopez, said"
    /// make "the state climatologist" and "the county engineer" theirs):
    /// a phrase of at most [`MAX_APPOSITION`] lowercase words opened by
    /// "the", "a" or "an" and closed by a comma or the sentence's end.
    pub fn roles_apposed(&self, run: &Range<usize>, sentence: &Range<usize>) -> Vec<String> {
        let phrase = |words: Range<usize>| -> Vec<String> {
            words
                .filter_map(|t| self.lower(t))
                .filter(|w| !matches!(*w, "the" | "a" | "an" | "of" | "for" | "and"))
                .map(str::to_string)
                .collect()
        };
        let is_opening = |t: usize| matches!(self.lower(t), Some("the" | "a" | "an"));
        let plain = |t: usize| {
            self.word(t)
                .is_some_and(|w| !w.starts_with(char::is_uppercase) || is_opening(t))
        };
        // After the name: "NAME, the ROLE,".
        if self.punct(run.end) == Some(',') && is_opening(run.end + 1) {
            let from = run.end + 1;
            let stop = (from..sentence.end.min(from + MAX_APPOSITION + 1))
                .find(|&t| self.word(t).is_none());
            if let Some(stop) = stop {
                let closed = self.punct(stop).is_some_and(|c| matches!(c, ',' | '.'));
                // Names may follow "of" ("the governor of New Jersey").
                let of = (from..stop)
                    .find(|&t| matches!(self.lower(t), Some("of" | "from" | "for")))
                    .unwrap_or(stop);
                if closed && stop > from + 1 && of > from + 1 && (from..of).all(plain) {
                    return phrase(from..stop);
                }
            }
        }
        // Before it, opening the sentence: "The ROLE, NAME,".
        if run.start >= sentence.start + 3
            && self.punct(run.start - 1) == Some(',')
            && is_opening(sentence.start)
            && run.start - 1 - sentence.start <= MAX_APPOSITION
            && (sentence.start..run.start - 1).all(plain)
            && self.punct(run.end) == Some(',')
        {
            return phrase(sentence.start..run.start - 1);
        }
        Vec::new()
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::quotes::find_quote_spans;
    use super::super::text::Frame;
    use super::*;

    /// `read` of a [`Reader`] of `text` (one paragraph, its quotations
    /// found) with the compiled models, whose word test for names and
    /// headline names is `proper`, and of its tokens.
    pub(in crate::extract) fn with_reader<R>(
        text: &str,
        proper: &dyn Fn(&str) -> bool,
        read: impl FnOnce(&Reader, &Frame) -> R,
    ) -> R {
        let spans = find_quote_spans(text, &[(0, 0..text.len())]);
        let frame = Frame::read(text, 0..text.len(), &spans, 0);
        let models = super::super::models::Models::compiled();
        let reader = Reader {
            text,
            tokens: &frame.tokens,
            proper,
            headline_name: proper,
            models: &models,
            labels: &[],
            coarse: &[],
        };
        read(&reader, &frame)
    }

    #[test]
    fn dashes_as_typed() {
        let dashes = |text: &str| {
            with_reader(text, &|_| false, |reader, frame| {
                (0..frame.tokens.len())
                    .filter(|&t| reader.is_dash(t))
                    .map(|t| frame.tokens[t].range.start)
                    .collect::<Vec<_>>()
            })
        };
        // Each dash once, at its first hyphen.
        assert_eq!(dashes("dead -- a blow; dead--a blow"), [5, 20]);
        assert_eq!(dashes("dead - a blow — a blow ― a blow"), [5, 14, 25]);
        // Hyphens that join or open a word are no dash.
        assert_eq!(dashes("a well-known plan"), Vec::<usize>::new());
        assert_eq!(dashes("-Commissioner Ortiz"), Vec::<usize>::new());
    }

    /// Attributes the first quote of `text` and returns (source words, cue).
    fn who(text: &str) -> Option<(String, String)> {
        // As in an article: a word is a name when it is capitalised somewhere
        // other than at the start of a sentence.
        let proper = |w: &str| {
            text.match_indices(' ').any(|(i, _)| {
                let after = &text[i + 1..];
                let before = text[..i].chars().last();
                after.to_lowercase().starts_with(w)
                    && after.starts_with(char::is_uppercase)
                    && !matches!(before, Some('.' | '!' | '?'))
            })
        };
        with_reader(text, &proper, |reader, frame| {
            let q = frame.quote_token(0).unwrap();
            let (a, _) = reader.attribute(q, frame.sentence_of(q))?;
            let src = match a.source {
                Source::Name(r) => text
                    [frame.tokens[r.start].range.start..frame.tokens[r.end - 1].range.end]
                    .to_string(),
                Source::Pronoun(g) => format!("{g:?}"),
                Source::Relative(_) => "who".into(),
                Source::Writer(_) => "I".into(),
                Source::Description(d) | Source::Document(d) => format!("the {d}"),
            };
            Some((src, a.cue))
        })
    }

    fn pair(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.to_string(), b.to_string()))
    }

    #[test]
    fn the_first_of_a_list_of_names_speaks() {
        assert_eq!(
            who("Ray Dunn (D) and Sam Hale (R) said, “The pact will hold.”"),
            pair("Ray Dunn", "said")
        );
        // A stray ")" with no "(" is no party tag to step over.
        assert_eq!(
            who("Plan B) and Sam Hale said, “The pact will hold.”"),
            pair("Sam Hale", "said")
        );
    }

    #[test]
    fn speaker_after_the_quote() {
        assert_eq!(
            who("“We made progress,” Mr. Rubio said on ABC’s “This Week.”"),
            pair("Mr. Rubio", "said")
        );
        assert_eq!(
            who("“We may not like it,” said Rubio."),
            pair("Rubio", "said")
        );
        assert_eq!(who("“It was bad,” he added."), pair("Male", "added"));
    }

    #[test]
    fn speaker_before_the_quote() {
        assert_eq!(
            who("Mr. Rubio said, “We may end up being at a point.”"),
            pair("Mr. Rubio", "said")
        );
        assert_eq!(
            who("In a social media post, Trump wrote, “BIG PROGRESS ON RUSSIA.”"),
            pair("Trump", "wrote")
        );
        assert_eq!(
            who("Pressed for details, he said, “the United States is prepared.”"),
            pair("Male", "said")
        );
    }

    #[test]
    fn partial_quote_in_indirect_speech() {
        assert_eq!(
            who("Secretary of State Marco Rubio said Sunday that President Trump made “some progress” in talks."),
            pair("Secretary of State Marco Rubio", "said")
        );
    }

    #[test]
    fn apposition_leaves_the_name() {
        assert_eq!(
            who("Steve Witkoff, Trump’s special envoy to Russia, told CNN that the U.S. side had won “the concession.”"),
            pair("Steve Witkoff", "told")
        );
    }

    #[test]
    fn possessive_speech_noun() {
        assert_eq!(
            who("And despite Trump’s threats of “very severe consequences” for Russia, Rubio said no."),
            pair("Trump’s", "threats")
        );
    }

    #[test]
    fn relative_pronoun_and_participle() {
        assert_eq!(who("President Donald Trump, who on Tuesday called a peace deal “closer than ever” after talks."), pair("who", "called"));
        assert_eq!(who("with Russian President Vladimir Putin saying the military would take Donbas “by force” if necessary."), pair("Russian President Vladimir Putin", "saying"));
    }

    #[test]
    fn dash_attribution_after_quote() {
        assert_eq!(
            who("“No one wants a man who insults us.” ― Christina Lastra"),
            pair("Christina Lastra", "―")
        );
    }

    #[test]
    fn according_to_names_the_source() {
        assert_eq!(
            who("The plan is “dead on arrival,” according to Sen. Tim Kaine."),
            pair("Sen. Tim Kaine", "according to")
        );
    }

    #[test]
    fn no_cue_no_speaker() {
        assert_eq!(
            who("Russia has also refused the possibility of Western military troops being present in Ukraine, despite the U.S. offering Ukraine “Article 5-like” security guarantees that Zelenskyy showed openness to."),
            None
        );
    }

    // The cases below are short excerpts of real sentences from PolNeAR train.

    #[test]
    fn apposition_with_commas_inside() {
        assert_eq!(
            who("The new plans “will not solve this challenge,” Anne Richards, assistant secretary of state for population, refugees, and migration, said on the same call."),
            pair("Anne Richards", "said")
        );
        assert_eq!(
            who("Michael Seaman, who lives in an unincorporated area outside of the state capital, Sacramento, said he still “prays that Bernie ends up the nominee.”"),
            pair("Michael Seaman", "said")
        );
    }

    #[test]
    fn name_in_apposition_after_a_role() {
        assert_eq!(
            who("In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: “Hillary Clinton believes that.”"),
            pair("Jake Sullivan", "said")
        );
    }

    #[test]
    fn participle_after_a_comma_takes_the_clause_subject() {
        assert_eq!(
            who("On Thursday, Warren appeared with MSNBC’s Rachel Maddow and officially endorsed Clinton, saying, “I think having a fighter in the lead is exactly what this country needs.”"),
            pair("Warren", "saying")
        );
    }

    #[test]
    fn a_participle_cue_may_have_an_adverb_after_its_comma() {
        let text = "Ortiz refused to name them, instead telling reporters that it would close. \
                    Ortiz was telling reporters that it would close.";
        let found = with_reader(text, &|_| false, |reader, frame| {
            (0..frame.tokens.len())
                .filter(|&t| reader.lower(t) == Some("telling"))
                .map(|t| reader.participle_after_comma(t, frame.sentence_of(t).start))
                .collect::<Vec<_>>()
        });
        assert_eq!(found, [true, false]);
    }

    #[test]
    fn coordinated_verb_takes_the_main_clause_subject() {
        assert_eq!(
            who("When told Perez was in President Obama's Cabinet, Bush thought for a moment and said that, \"I think it's kind of an advantage not to be a celebrity.\""),
            pair("Bush", "said")
        );
    }

    #[test]
    fn inverted_cue_skips_roles_before_the_name() {
        assert_eq!(
            who("“It would have been a real long-shot,” said Stephen Vladeck of the University of Texas School of Law."),
            pair("Stephen Vladeck", "said")
        );
        assert_eq!(
            who("“Judge Sullivan’s ruling is a major victory,” said Judicial Watch president Tom Fitton."),
            pair("Tom Fitton", "said")
        );
    }

    #[test]
    fn name_and_colon_introduce_a_quote() {
        assert_eq!(
            who("He tweeted about it. Donald Trump: \"Appreciate the congrats for being right on radical Islamic terrorism.\""),
            pair("Donald Trump", ":")
        );
        assert_eq!(
            who("Delegates cheered Trump. Trump gestured as if to stop the ruckus, then leaned in and boomed: “Let’s defeat her in November.”"),
            pair("Trump", "boomed")
        );
    }

    #[test]
    fn colon_after_an_object_belongs_to_the_subject() {
        assert_eq!(
            who("Senate Majority Leader Mitch McConnell, R-Ky., delivered a blunt message to Trump: \"It's time to quit attacking various people.\""),
            pair("Senate Majority Leader Mitch McConnell", ":")
        );
    }

    #[test]
    fn exclamation_before_the_cue_keeps_the_sentence() {
        assert_eq!(
            who("Republican candidates reacted. \"We need much tougher, much smarter leadership - and we need it NOW!\" Trump said on Twitter."),
            pair("Trump", "said")
        );
    }

    #[test]
    fn office_speaks_for_its_owner() {
        assert_eq!(
            who("Ryan’s campaign shrugged off Trump’s comments, telling reporters, “Neither Speaker Ryan nor anyone on his team is asking for his support.”"),
            pair("Ryan’s", "telling")
        );
    }

    #[test]
    fn object_of_a_verb_before_a_participle_is_not_the_speaker() {
        assert_eq!(
            who("“Many people are uncertain in this election year,” Thiel wrote in a statement to Wired explaining why he is speaking, “but most Americans agree.”"),
            pair("Thiel", "wrote")
        );
    }

    #[test]
    fn verbs_of_intent_are_not_cues() {
        assert_eq!(
            who("However, he admitted that sanctions might not be enough, particularly as Russia continues to operate in a “wartime economy.”"),
            pair("Male", "admitted")
        );
    }

    #[test]
    fn lowercase_role_between_body_and_person() {
        assert_eq!(
            who("\"It just was never meant to be,\" said Monmouth University political scientist Patrick Murray."),
            pair("Patrick Murray", "said")
        );
    }

    #[test]
    fn of_phrase_after_a_name_is_skipped() {
        assert_eq!(
            who("However, as Archbishop Aris Shirvanian of the Armenian Patriarchate of Jerusalem told the Associated Press, “We have suffered the same fate.”"),
            pair("Archbishop Aris Shirvanian", "told")
        );
    }

    #[test]
    fn replies_and_passives() {
        assert_eq!(
            who("“They’re all here because he’s promising them free stuff,” Bennett shot back with a laugh."),
            pair("Bennett", "shot")
        );
        assert_eq!(
            who("Sanders was asked by host Bill Maher, who is supporting Sanders, “Now, you famously said it, didn’t you?”"),
            pair("Bill Maher", "asked")
        );
    }

    #[test]
    fn relative_clause_apposition_keeps_its_subject() {
        assert_eq!(
            who("Sanders beat Clinton. Clinton, who called Sanders shortly after the winner was declared, told her supporters, \"I still love New Hampshire, and I always will.\""),
            pair("Clinton", "told")
        );
    }
}
