//! Reported speech: what someone said without quotation marks ("Rubio
//! said additional sanctions will not help", "…, according to officials").
//! Each word of a sentence that a cue lexicon lists, or that the cue model
//! scores as a cue ([`super::cue_model`]), and that no quotation used, is
//! read with each source it may have (the rules' choice, the nearest
//! mention before and after it, its subject, "according to" a phrase,
//! and, when none of these is there, a noun phrase found by its part of
//! speech ([`super::noun_source`]));
//! each source leaves a content — what follows the cue ("X said (that)
//! …"), or what precedes the source when the attribution closes the
//! sentence ("…, X said.") — tried whole and cut at its first clause
//! boundaries. The verifier ([`super::verifier`]) chooses among these
//! readings.
//!
//! This reads one sentence's tokens; who the source is, and where the words
//! were said, is resolved by the caller as for quotations.

use std::ops::Range;

use super::cue_model::{cue_score, Lexical};
use super::lexicon;
use super::models::WordFacts;
use super::span_tagger::Part;
use super::speaker::{Reader, Source, DESCRIPTION_HEADS};

/// A reported-speech attribution within one sentence, in token indices.
#[derive(Clone, Debug)]
pub struct ReportedSpan {
    pub source: Source,
    /// The tokens naming the source ("he", "the ministry", "Marco Rubio").
    pub source_tokens: Option<Range<usize>>,
    /// The cue as written.
    pub cue: String,
    pub cue_token: usize,
    /// The reported content.
    pub content: Range<usize>,
}

/// Verbs by which polls, studies and documents report: cues only when a
/// document is their subject ("recent polls show Clinton with a lead").
#[rustfmt::skip]
pub(super) const EVIDENCE: &[&str] = &[
    "show", "shows", "showed", "shown", "found", "finds", "find", "suggests", "suggested",
    "suggest", "indicates", "indicated", "indicate", "revealed", "reveals", "reveal",
    "concluded", "concludes", "projects", "projected", "predicts",
];

/// Nouns naming documents and their kin, the subjects of [`EVIDENCE`].
#[rustfmt::skip]
const DOCUMENTS: &[&str] = &[
    "poll", "polls", "polling", "survey", "surveys", "study", "studies", "report", "reports",
    "data", "analysis", "analyses", "research", "results", "figures", "numbers", "records",
    "documents", "emails", "memo", "memos", "filing", "filings", "audit", "review",
    "investigation", "estimates", "projections", "statistics", "census", "markets", "models",
    "model", "forecast", "forecasts", "index", "tally", "count", "review", "report's",
];

/// What ends a source phrase's head ("advisers *to* Mr. Obama", "members
/// *of* Congress *who*", "Democrats *and* Republicans").
#[rustfmt::skip]
pub(super) const SOURCE_JOINTS: &[&str] = &[
    "to", "of", "with", "for", "from", "about", "at", "on", "by", "in", "like", "including",
    "and", "or", "who", "which", "that", "among", "across", "inside", "outside", "within",
];

/// Words after which a source named by "according to" goes on past its
/// head ("the average *of* recent polls", "a fact sheet lawmakers *released*").
#[rustfmt::skip]
const ACCORDING_TO_JOINTS: &[&str] = &[
    "of", "by", "from", "in", "on", "at", "for", "with", "that", "who", "which", "released",
    "compiled", "obtained", "published",
];

/// Fewest words of any reading: one word ("he said *so*", "she denied
/// *it*") reports nothing a reader could search or check.
const MIN_READING_WORDS: usize = 2;

/// Fewest words a labelled paragraph's content, or the content of a
/// reading fixed rules take, may have: "he said so" reports nothing.
const MIN_CONTENT_WORDS: usize = 3;

/// How a cue was recognised, which tells the verifier how far to trust it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A speech verb of the curated or learned lexicons.
    Listed,
    /// A word the cue model scores as a cue.
    Learned,
    /// "show", "found": evidence, a cue only with a document as subject.
    Evidence,
    /// A word neither lexicon lists nor the cue model takes, but that the
    /// attribution labeller ([`super::span_tagger`]) reads as a cue.
    Labelled,
}

impl CueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Listed => "listed",
            CueKind::Learned => "learned",
            CueKind::Evidence => "evidence",
            CueKind::Labelled => "labelled",
        }
    }
}

/// One reading of a sentence as reported speech.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub span: ReportedSpan,
    pub how: CueKind,
    /// The cue model's score of the cue word.
    pub cue_score: f32,
    /// Where the content was cut short of the sentence's end ("none", ";",
    /// ",and" …).
    pub cut: &'static str,
    /// The cue and source fixed rules would take: the first cue's first
    /// source (the rules' order) that leaves three words or more, cut or
    /// not. The verifier weighs that as one more feature.
    pub rules_choice: bool,
    /// The source is one the rules try for this cue (not only the
    /// nearest mention before or after it).
    pub ruled_source: bool,
    /// Words in the content.
    pub words: usize,
    /// A quotation in the content.
    pub content_quoted: bool,
}

/// A cue word of a sentence, as [`Reader::reported_candidates`] weighs it.
struct CueAt {
    token: usize,
    how: CueKind,
    /// The cue model's score.
    score: f32,
    /// Whether it reports speech (an evidence verb does only before
    /// "that"), so that a person may be its source.
    speech: bool,
}

/// A source a cue may have: the source, the cue as written, the source's
/// words, and whether the rules try it (the nearest source before or
/// after the cue is tried besides what the rules chose).
type SourceFound = (Source, String, Option<Range<usize>>, bool);

/// How long two ranges share.
pub(super) fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// The cue-model score above which the rules take a learned cue.
const RULES_CUE_SCORE: f32 = 2.0;

/// How far from its cue, in tokens, a source is looked for.
const SOURCE_REACH: usize = 40;

/// Most readings a sentence gives (a run-on "sentence" stays linear).
const MAX_READINGS: usize = 8;

/// How many clause boundaries a content is tried cut at, and how far into
/// it they are looked for (a run-on "sentence" of thousands of tokens
/// stays linear).
const MAX_CUTS: usize = 5;
const MAX_CUT_REACH: usize = 80;

/// A sentence and counts over it, made once so that every reading's
/// features cost the same however long the sentence.
pub struct SentenceFacts {
    /// The sentence, as tokens.
    pub sentence: Range<usize>,
    /// Words, and quotations, among the sentence's first i tokens.
    words_before: Vec<u32>,
    quotes_before: Vec<u32>,
    /// The sentence's last word or quotation.
    pub last_word: Option<usize>,
}

impl SentenceFacts {
    pub fn read(reader: &Reader, sentence: Range<usize>) -> SentenceFacts {
        let mut words_before = Vec::with_capacity(sentence.len() + 1);
        let mut quotes_before = Vec::with_capacity(sentence.len() + 1);
        let (mut words, mut quotes) = (0, 0);
        let mut last_word = None;
        for t in sentence.clone() {
            words_before.push(words);
            quotes_before.push(quotes);
            if reader.word(t).is_some() {
                words += 1;
                last_word = Some(t);
            } else if reader.is_quote(t) {
                quotes += 1;
                last_word = Some(t);
            }
        }
        words_before.push(words);
        quotes_before.push(quotes);
        SentenceFacts {
            sentence,
            words_before,
            quotes_before,
            last_word,
        }
    }

    fn count(&self, counts: &[u32], tokens: &Range<usize>) -> usize {
        let start = self.sentence.start;
        let at = |t: usize| counts[(t - start).min(counts.len() - 1)] as usize;
        at(tokens.end.max(start)) - at(tokens.start.max(start))
    }

    /// Words among `tokens` (of this sentence).
    pub fn words(&self, tokens: &Range<usize>) -> usize {
        self.count(&self.words_before, tokens)
    }

    /// Quotations among `tokens` (of this sentence).
    pub fn quotes(&self, tokens: &Range<usize>) -> usize {
        self.count(&self.quotes_before, tokens)
    }

    /// Whether the sentence holds a quotation.
    pub fn quoted(&self) -> bool {
        self.quotes_before.last().is_some_and(|&n| n > 0)
    }
}

/// Most words in an aside between a cue and its "that" ("said, in a
/// television interview on Sunday, that …").
const MAX_ASIDE: usize = 8;
/// Most words in such an aside that says where or when ("said, in a long
/// interview with the local radio station, that …").
const MAX_VENUE_ASIDE: usize = 16;

/// Most words naming whom a cue told, when no list knows them ("told *the
/// county council*").
const MAX_TOLD_WORDS: usize = 4;

/// Most words of the adverbs between a cue and its "that" ("said again and
/// again that").
const MAX_ADVERBS: usize = 4;

/// Most words after a cue the attribution labeller may call the cue's own.
const MAX_LABELLED_CUE: usize = 3;

/// Words after a cue that are not yet the content: a time, or who was
/// told ("told reporters that …"). A complementiser "that" is the
/// content's first word, as the clause it opens (PolNeAR's convention).
#[rustfmt::skip]
const AFTER_CUE: &[&str] = &[
    "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "today", "yesterday", "earlier", "later", "recently", "also", "again", "previously", "last",
    "week", "weekend", "month", "year", "this", "morning", "afternoon", "evening", "night",
    "tonight",
];

/// Prepositions that open where or when words were said ("in a
/// statement", "at a rally", "during the debate").
const VENUE_PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "during", "after", "before", "from", "via", "through", "over",
];
/// Longest phrase of where or when after a closing attribution.
const MAX_VENUE_WORDS: usize = 6;
/// Longest participle phrase of how it was said after a closing
/// attribution ("…, she said when asked about the plan on Monday.").
const MAX_CIRCUMSTANCE_WORDS: usize = 12;

/// Most words between a verb of talking and its topic's preposition.
const MAX_TALK_REACH: usize = 8;

/// Particles that make a phrasal verb of the cue before them.
const PARTICLES: &[&str] = &["back", "out", "up", "down", "off"];

/// Prepositions a cue takes before what it reports ("talked about",
/// "called for", "agreed with"). Not "to", "in" or "as": a content opens
/// with those as often as a cue ends with them ("plans to run", "said in
/// a statement", "described it as").
const CUE_PREPOSITIONS: &[&str] = &[
    "about", "for", "of", "with", "against", "at", "by", "over", "from", "into", "on",
];

/// Who is told ("told reporters", "warned the crowd") before the content.
#[rustfmt::skip]
const TOLD_NOUNS: &[&str] = &[
    "reporters", "journalists", "supporters", "voters", "members", "lawmakers", "crowd",
    "audience", "press", "host", "interviewer", "viewers", "listeners",
];
/// Who is told, as a pronoun ("told him").
const TOLD_PRONOUNS: &[&str] = &["him", "her", "them", "us", "me", "you"];
/// Determiners of who is told ("told the crowd", "told her supporters").
const TOLD_DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "our"];

/// A paragraph that opens with a speaker's label: "KATE BOLDUAN: Why not
/// debate?", "Bernie Sanders: It is not a radical idea", "A: I felt
/// helpless". The content is the rest of the paragraph.
#[derive(Clone, Debug)]
pub struct Labelled {
    /// The label, unless it is an interview's "Q" or "A" (who asks and who
    /// answers is not written there).
    pub source: Option<Source>,
    /// An interview's turn, for a "Q:" or "A:" label.
    pub turn: Option<Turn>,
    pub label: Range<usize>,
    /// The token of the colon.
    pub colon: usize,
    pub content: Range<usize>,
}

/// A turn of a Q-and-A interview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Turn {
    /// "Q:": the interviewer's question, nobody's statement in the news.
    Question,
    /// "A:": the answer of the person interviewed.
    Answer,
}

/// Most words a speaker's label has ("Sen. Bernie Sanders").
const MAX_LABEL_WORDS: usize = 5;

/// First words of labels that introduce no speaker ("Note:", "Update:").
#[rustfmt::skip]
const NOT_SPEAKER_LABELS: &[&str] = &[
    "note", "update", "updated", "editor", "editors", "photo", "photos", "related", "read",
    "watch", "source", "sources", "correction", "advertisement", "tags", "topics", "share",
    "video", "listen", "subscribe", "disclosure", "clarification", "caption", "credit", "image",
    "warning", "summary", "background", "context", "analysis", "opinion", "live", "breaking",
    "exclusive", "more", "see", "also", "click", "follow", "contact", "email", "phone", "by",
    "posted", "published", "filed", "sign", "signup", "bottom", "top", "the", "a", "an", "and",
    "but", "so", "here", "this", "that", "these", "what", "why", "how", "when", "where", "who",
    "step", "part", "chapter", "day", "week", "fact", "facts", "question", "answer", "rule",
    "contributing", "paid",
];

impl Reader<'_> {
    /// The label and content of a paragraph of `tokens` that opens with
    /// a speaker's label, if it does.
    pub fn labelled(&self, end: usize) -> Option<Labelled> {
        let colon = (0..end.min(MAX_LABEL_WORDS * 2 + 1)).find(|&t| self.punct(t) == Some(':'))?;
        let words: Vec<usize> = (0..colon).filter(|&t| self.word(t).is_some()).collect();
        let only_words_and_periods =
            (0..colon).all(|t| self.word(t).is_some() || self.punct(t) == Some('.'));
        if words.is_empty() || words.len() > MAX_LABEL_WORDS || !only_words_and_periods {
            return None;
        }
        if !words
            .iter()
            .all(|&t| self.word(t).is_some_and(super::text::is_capitalized))
        {
            return None;
        }
        // Before the labels that name no one: "A:" is an answer, not "a".
        let turn = match (words.len(), self.word(words[0])) {
            (1, Some("Q")) => Some(Turn::Question),
            (1, Some("A")) => Some(Turn::Answer),
            _ => None,
        };
        let first = self.lower(words[0])?;
        if turn.is_none() && NOT_SPEAKER_LABELS.contains(&first) {
            return None;
        }
        if words.len() == 1
            && self.word(words[0]).is_some_and(|w| w.chars().count() < 2)
            && turn.is_none()
        {
            return None;
        }
        let content = colon + 1..end;
        if content.clone().filter(|&t| self.word(t).is_some()).count() < MIN_CONTENT_WORDS {
            return None;
        }
        Some(Labelled {
            source: turn.is_none().then_some(Source::Name(0..colon)),
            turn,
            label: 0..colon,
            colon,
            content,
        })
    }

    /// The reported speech among `candidates`, the readings of a sentence:
    /// a reading of the cue the rules take, then best first each reading
    /// the verifier scores above its threshold whose cue no better one took
    /// and whose content overlaps no better one's by half ("Clinton said X,
    /// and Trump argued Y" holds two).
    pub fn readings(&self, candidates: Vec<Candidate>, facts: &SentenceFacts) -> Vec<ReportedSpan> {
        // The cue the rules take keeps a reading, whatever its score; the
        // verifier chooses which (its source, where its content ends).
        let rules_cue = candidates
            .iter()
            .find(|c| c.rules_choice)
            .map(|c| c.span.cue_token);
        let mut scored: Vec<(f32, Candidate)> = candidates
            .into_iter()
            .map(|c| (super::verifier::score(self, &c, facts), c))
            .filter(|(score, c)| {
                *score > super::verifier::THRESHOLD || Some(c.span.cue_token) == rules_cue
            })
            .collect();
        // The rules' cue first, then the cues a lexicon or the cue model
        // found, then those only the labeller did (a reading of another
        // cue that holds theirs is the more specific: "came from Rubel,
        // who said …"); best first within each; on a tie, the earlier
        // reading, as the rules tried them.
        let key = |c: &Candidate| {
            (
                Some(c.span.cue_token) == rules_cue,
                c.how != CueKind::Labelled,
            )
        };
        scored.sort_by(|a, b| key(&b.1).cmp(&key(&a.1)).then(b.0.total_cmp(&a.0)));
        let mut chosen: Vec<ReportedSpan> = Vec::new();
        for (_, c) in scored {
            if chosen.len() == MAX_READINGS {
                break;
            }
            let clashes = chosen.iter().any(|k| {
                k.cue_token == c.span.cue_token
                    || 2 * overlap(&c.span.content, &k.content)
                        > c.span.content.len().min(k.content.len())
            });
            if !clashes {
                chosen.push(c.span);
            }
        }
        chosen
    }

    /// Every reading of the sentence of `facts` as reported speech: each
    /// cue that `cue_used` does not claim, with each source it may have and
    /// the content that source leaves. Which one holds is the verifier's
    /// call ([`super::verifier`]).
    pub fn reported_candidates(
        &self,
        facts: &SentenceFacts,
        cue_used: &dyn Fn(usize) -> bool,
    ) -> Vec<Candidate> {
        let start = facts.sentence.start;
        let mut end = facts.sentence.end;
        while end > start && self.punct(end - 1).is_some() {
            end -= 1;
        }
        let mut out: Vec<Candidate> = Vec::new();
        let mut rules_chose = false;
        for cue in start..end {
            if cue_used(cue) {
                continue;
            }
            let Some(at) = self.cue_at(cue, facts) else {
                continue;
            };
            let sources = self.sources_of(&at, start, end);
            let sentence = start..end;
            rules_chose |= self.push_readings(&at, sources, facts, sentence, rules_chose, &mut out);
        }
        out
    }

    /// The token `cue` of the sentence of `facts` as a cue: how it was
    /// recognised and scored, and whether it reports speech; `None` when
    /// it is no cue.
    fn cue_at(&self, cue: usize, facts: &SentenceFacts) -> Option<CueAt> {
        if self.lower(cue).is_none() || self.is_venue_phrase(cue) {
            return None;
        }
        let lexical = Lexical::of(self, cue);
        if self.reports_nothing(cue, lexical.facts) {
            return None;
        }
        let listed = lexical.rule || lexical.learned;
        let score = cue_score(self, cue, facts.sentence.clone(), facts.quoted(), lexical);
        // "found", "show": evidence verbs are cues only with a document
        // before them.
        let how = if listed {
            CueKind::Listed
        } else if lexical.facts.evidence() {
            CueKind::Evidence
        } else if score > super::cue_model::CANDIDATE_SCORE {
            CueKind::Learned
        } else if self.labelled_cue(cue) {
            CueKind::Labelled
        } else {
            return None;
        };
        // "She found that …": an evidence verb with a clause after it
        // reports what someone concluded, whoever the subject is.
        let speech = how != CueKind::Evidence || self.lower(cue + 1) == Some("that");
        Some(CueAt {
            token: cue,
            how,
            score,
            speech,
        })
    }

    /// The sources the cue `at` may have in the sentence `start..end`: the
    /// rules' choice, the nearest source before and after it, "according
    /// to" anything, the noun phrase before it, or one found by part of
    /// speech where there is none else. Looked for near the cue only, so
    /// that each cue costs the same however long its sentence.
    fn sources_of(&self, at: &CueAt, start: usize, end: usize) -> Vec<SourceFound> {
        let cue = at.token;
        let cue_word = || self.word(cue).map(str::to_string);
        let lo = start.max(cue.saturating_sub(SOURCE_REACH));
        let hi = end.min(cue.saturating_add(SOURCE_REACH));
        let mut sources: Vec<SourceFound> = Vec::new();
        if at.speech {
            if let Some((source, cue_text, tokens)) = self.ruled_source(cue, start, end) {
                sources.push((source, cue_text, tokens, true));
            }
            // ", saying he was tired": a participle after a comma speaks
            // for its clause's subject (the rules' choice), not for the
            // nearest name ("leaders will accompany Zelenskiy, seeking to
            // …") nor for the content's subject after it.
            if !self.participle_after_comma(cue, start) {
                let nearest = [
                    self.source_before(cue, lo, start),
                    self.source_after(cue, hi, start),
                ];
                for source in nearest.into_iter().flatten() {
                    if let Some(cue_text) = cue_word() {
                        let tokens = self.source_tokens(&source, cue, start, end);
                        sources.push((source, cue_text, tokens, false));
                    }
                }
            }
        }
        if let Some((source, tokens)) = self.according_to_anything(cue, hi) {
            sources.push((source, "according to".to_string(), Some(tokens), true));
        }
        if let Some((source, tokens)) = self.subject_before(cue, lo, at.speech) {
            // "Just 28 percent of voters said": the whole subject, not
            // the bare plural that ends it.
            sources.retain(|(s, _, t, _)| {
                let bare = matches!(s, Source::Description(_));
                !bare
                    || t.as_ref()
                        .is_none_or(|t| !(t.end == tokens.end && t.start > tokens.start))
            });
            if let Some(cue_text) = cue_word() {
                sources.push((source, cue_text, Some(tokens), true));
            }
        }
        // No name, pronoun or listed description: a noun phrase by its
        // part of speech ("Republican senators have vowed", "…, say
        // several engineers").
        if at.speech && sources.is_empty() {
            let closing = cue > start && self.punct(cue - 1) == Some(',');
            let noun = closing
                .then(|| self.noun_phrase_after(cue, hi))
                .flatten()
                .or_else(|| self.noun_subject_before(cue, lo));
            if let (Some(source), Some(cue_text)) = (noun, cue_word()) {
                let tokens = self.source_tokens(&source, cue, start, end);
                // After a comma the cue closes what came before, and the
                // phrase after it is the rules' source, as a name there
                // is (", said Rita Katz").
                let inverted = closing && tokens.as_ref().is_some_and(|t| t.start == cue + 1);
                // So is a phrase that opens the sentence right before its
                // cue: its subject ("The inspectors found that …").
                let subject = !closing
                    && tokens
                        .as_ref()
                        .is_some_and(|t| t.start == start && t.end == cue);
                sources.push((source, cue_text, tokens, inverted || subject));
            }
        }
        if self.passive_cue(cue) {
            // "Okafor was asked about the loan": who was asked, or spoken
            // of, is no source; who did it is, after "by".
            sources.retain(|(_, cue_text, tokens, _)| {
                cue_text == "according to"
                    || tokens
                        .as_ref()
                        .is_some_and(|t| t.start > cue && self.lower(t.start - 1) == Some("by"))
            });
        }
        sources
    }

    /// Whether the cue at `cue` is a verb of speech in the passive ("was
    /// asked about", "has been called", "were told that", "has been
    /// mentioned as"), its own participle or the auxiliary that opens it.
    /// Its subject is who was spoken to or of. Not "was quoted as saying",
    /// "is said to have", "is reported to have called": there the subject
    /// is who spoke.
    fn passive_cue(&self, cue: usize) -> bool {
        let Some(w) = self.lower(cue) else {
            return false;
        };
        let adverb = |t: usize| {
            self.lower(t).is_some_and(|a| {
                lexicon::is_ly_adverb(a) || matches!(a, "only" | "not" | "never" | "also")
            })
        };
        let participle = |t: usize| {
            let Some(p) = self.lower(t) else {
                return false;
            };
            let speaker_is_subject = match self.lower(t + 1) {
                Some("to") => lexicon::RAISING_PARTICIPLES.contains(&p),
                Some("as") => matches!(self.lower(t + 2), Some("saying" | "having" | "telling")),
                _ => false,
            };
            lexicon::is_cue(p)
                && (p.ends_with("ed") || lexicon::SPEECH_PARTICIPLES.contains(&p))
                && !speaker_is_subject
        };
        let is_be = |t: usize| {
            matches!(
                self.lower(t),
                Some("is" | "are" | "was" | "were" | "be" | "been" | "being")
            )
        };
        if participle(cue) {
            let mut t = cue;
            while t > 0 && adverb(t - 1) {
                t -= 1;
            }
            return t > 0 && is_be(t - 1);
        }
        if !lexicon::is_auxiliary(w) && w != "been" {
            return false;
        }
        let mut t = cue + 1;
        while adverb(t) {
            t += 1;
        }
        // "was told", "has been told", "will be told".
        let mut p = if is_be(cue) {
            t
        } else if is_be(t) {
            t + 1
        } else {
            return false;
        };
        while adverb(p) {
            p += 1;
        }
        participle(p)
    }

    /// The source the rules choose for the cue at `cue` in the sentence
    /// `start..end`, with the cue as written and the source's words.
    fn ruled_source(
        &self,
        cue: usize,
        start: usize,
        end: usize,
    ) -> Option<(Source, String, Option<Range<usize>>)> {
        let lo = start.max(cue.saturating_sub(SOURCE_REACH));
        let hi = end.min(cue.saturating_add(SOURCE_REACH));
        let with_tokens = |source: Source, cue_text: String| {
            let tokens = self.source_tokens(&source, cue, start, end);
            (source, cue_text, tokens)
        };
        let ruled = self
            .attribution_at(cue, lo, hi, start)
            .map(|a| with_tokens(a.source, a.cue));
        // Whether the source chosen stands after the cue.
        let after = |r: &Option<(Source, String, Option<Range<usize>>)>| {
            r.as_ref()
                .is_some_and(|(_, _, t)| t.as_ref().is_some_and(|t| t.start >= cue))
        };
        // "…, she said, adding that she would …": the participle speaks
        // for the attribution before its comma, not for a pronoun of what
        // it reports.
        let ruled = match self.cue_before_participle(cue, start) {
            Some(before) if ruled.is_none() || after(&ruled) => self
                .source_before(before, lo, start)
                .and_then(|source| {
                    let tokens = self.source_tokens(&source, before, start, end)?;
                    Some((source, self.word(cue)?.to_string(), Some(tokens)))
                })
                .or(ruled),
            _ => ruled,
        };
        // A bare plural where the rules found no source; and before the
        // cue, over a noun after it ("Officials have said the release was
        // …": the release is the content's).
        if ruled.is_some() && !after(&ruled) {
            return ruled;
        }
        match self.bare_group_source(cue, lo, hi) {
            Some((source, cue_text, before)) if ruled.is_none() || before => {
                Some(with_tokens(source, cue_text))
            }
            _ => ruled,
        }
    }

    /// ", said Rita Katz.": the start of a name right after a cue that a
    /// comma opens (at token `cue` of the sentence `start..end`), with
    /// nothing after it but an apposition or the sentence's end: the
    /// speaker of what came before, never what another source said.
    fn inverted_name(
        &self,
        cue: usize,
        start: usize,
        end: usize,
        sources: &[SourceFound],
    ) -> Option<usize> {
        if cue <= start || self.punct(cue - 1) != Some(',') {
            return None;
        }
        sources.iter().find_map(|(source, _, tokens, _)| {
            let tokens = tokens
                .as_ref()
                .filter(|_| matches!(source, Source::Name(_)))?;
            let closes = tokens.end >= end
                || self.punct(tokens.end) == Some(',')
                || self.punct(tokens.end).is_some() && tokens.end + 1 >= end;
            (tokens.start == cue + 1 && closes).then_some(tokens.start)
        })
    }

    /// Adds to `out` the readings of the cue `at` with each of `sources`
    /// in `sentence` (its closing punctuation left out): each source's
    /// content, whole and cut at its first clause boundaries. Returns
    /// whether one is the rules' reading (none is when `rules_chose`).
    fn push_readings(
        &self,
        at: &CueAt,
        sources: Vec<SourceFound>,
        facts: &SentenceFacts,
        sentence: Range<usize>,
        mut rules_chose: bool,
        out: &mut Vec<Candidate>,
    ) -> bool {
        let (cue, start, end) = (at.token, sentence.start, sentence.end);
        let inverted = self.inverted_name(cue, start, end, &sources);
        let first_of_cue = out.len();
        let mut chose = false;
        for (source, cue_text, source_tokens, ruled) in sources {
            let (source, source_tokens) = self.pronoun_inside(source, source_tokens);
            if out[first_of_cue..]
                .iter()
                .any(|c| c.span.source_tokens == source_tokens)
            {
                continue;
            }
            let Some(content) = self.content_of(cue, source_tokens.clone(), start, end) else {
                continue;
            };
            if inverted == Some(content.start) {
                continue;
            }
            // The rules' reading of such a sentence is the inverted one.
            let ruled = ruled
                || inverted.is_some()
                    && source_tokens.as_ref().map(|tokens| tokens.start) == inverted;
            let trusted = match at.how {
                CueKind::Learned => at.score > RULES_CUE_SCORE,
                CueKind::Listed | CueKind::Evidence => true,
                CueKind::Labelled => false,
            };
            // The rules take the first cue and source whose whole content
            // has three words or more; each of its cuts is marked as
            // theirs.
            let by_rules =
                !rules_chose && ruled && trusted && facts.words(&content) >= MIN_CONTENT_WORDS;
            rules_chose |= by_rules;
            chose |= by_rules;
            // The content to the end of the sentence, and cut at each of
            // its first clause boundaries: which one the words reported
            // end at is the verifier's call.
            let ends = std::iter::once((content.end, "none"))
                .chain(self.clause_boundaries(content.clone()).take(MAX_CUTS));
            for (end_at, cut) in ends {
                let content = content.start..end_at;
                let words = facts.words(&content);
                if words < MIN_READING_WORDS {
                    continue;
                }
                out.push(Candidate {
                    span: ReportedSpan {
                        source: source.clone(),
                        source_tokens: source_tokens.clone(),
                        cue: cue_text.clone(),
                        cue_token: cue,
                        content: content.clone(),
                    },
                    how: at.how,
                    cue_score: at.score,
                    cut,
                    rules_choice: by_rules,
                    ruled_source: ruled,
                    words,
                    content_quoted: facts.quotes(&content) > 0,
                });
            }
        }
        chose
    }

    /// ", saying he was tired", ", instead telling reporters": a participle
    /// cue after a comma, an adverb or two between.
    pub(super) fn participle_after_comma(&self, cue: usize, start: usize) -> bool {
        if !self.lower(cue).is_some_and(|w| w.ends_with("ing")) {
            return false;
        }
        let mut k = cue;
        while k > start + 1
            && cue - k < 2
            && self.lower(k - 1).is_some_and(|w| {
                lexicon::is_ly_adverb(w) || matches!(w, "instead" | "also" | "then")
            })
        {
            k -= 1;
        }
        k > start && self.punct(k - 1) == Some(',')
    }

    /// The cue of the attribution a participle cue at `cue` goes on from
    /// ("…, she said, *adding* …", "…, Okafor told reporters on Friday,
    /// *noting* …"): a cue just before the participle's comma, with at
    /// most who was told and where or when between.
    fn cue_before_participle(&self, cue: usize, start: usize) -> Option<usize> {
        if !self.participle_after_comma(cue, start) {
            return None;
        }
        let comma = (start..cue).rev().find(|&t| self.punct(t).is_some())?;
        let reach = comma.saturating_sub(MAX_VENUE_ASIDE + 1).max(start);
        (reach..comma)
            .rev()
            .find(|&t| self.is_cue(t) && self.only_told_where_or_when(t, t + 1, comma))
    }

    /// "Asked whether the plant would close, Park said …": the question a
    /// sentence opens with — the words of whoever asked, whom the article
    /// does not name (a reporter, a moderator). Its "asked" token and the
    /// question's tokens: up to the comma that closes the clause, a
    /// quotation mark right after it included.
    pub fn asked_question(&self, sentence: Range<usize>) -> Option<(usize, Range<usize>)> {
        let mut t = sentence.start;
        if self.lower(t) == Some("when") {
            t += 1;
        }
        if self.lower(t) != Some("asked") {
            return None;
        }
        let cue = t;
        t += 1;
        while self.lower(t).is_some_and(lexicon::is_ly_adverb) {
            t += 1;
        }
        let from = match self.lower(t)? {
            // "Asked about the deal": the preposition is the cue's.
            "about" => t + 1,
            "if" | "whether" | "what" | "who" | "whom" | "why" | "how" | "when" | "where"
            | "which" => t,
            _ => return None,
        };
        let comma =
            (from..sentence.end.min(from + MAX_CUT_REACH)).find(|&k| self.punct(k) == Some(','))?;
        let end = if self.is_quote(comma + 1) {
            comma + 2
        } else {
            comma
        };
        let words = (from..end).filter(|&k| self.word(k).is_some()).count();
        (words >= MIN_CONTENT_WORDS && end < sentence.end).then_some((cue, from..end))
    }

    /// Where a clause may end inside `content`: before a semicolon, a dash
    /// or a parenthesis, and before a comma that a conjunction or relative
    /// follows (", and", ", but", ", which"). Each with its name, for the
    /// verifier.
    fn clause_boundaries(
        &self,
        content: Range<usize>,
    ) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        let reach = content.end.min(content.start + MAX_CUT_REACH);
        (content.start + 1..reach).filter_map(move |t| {
            if self.is_dash(t) {
                return Some((t, "dash"));
            }
            // "tweeted that she was “a con” and urged …": a second verb
            // of the cue's subject, or more of the content; the end model
            // weighs which.
            if matches!(self.lower(t), Some("and" | "but"))
                && self.punct(t - 1) != Some(',')
                && self.is_finite_verb(t + 1)
            {
                return Some((t, "and+verb"));
            }
            let cut = match self.punct(t)? {
                ';' => ";",
                '(' => "paren",
                ',' => match self.lower(t + 1)? {
                    "and" => ",and",
                    "but" => ",but",
                    "while" | "whereas" => ",while",
                    "which" | "who" | "where" => ",which",
                    "although" | "though" | "even" => ",although",
                    "because" | "since" | "as" => ",because",
                    "so" => ",so",
                    "according" => ",according",
                    _ if self.is_cue(t + 1) => ",cue",
                    // Any other comma: "that he would not send me to
                    // prison, Judge Berman proceeded …" — whether the words
                    // after it are still reported is the end model's call.
                    _ => ",other",
                },
                _ => return None,
            };
            Some((t, cut))
        })
    }

    /// A group named by a bare plural, which quotations rarely have but
    /// reported speech often does: "officials said", "according to
    /// analysts", "said critics"; and whether it stands before the cue.
    fn bare_group_source(
        &self,
        cue: usize,
        start: usize,
        end: usize,
    ) -> Option<(Source, String, bool)> {
        let group = |t: usize| {
            self.lower(t)
                .filter(|w| w.ends_with('s') && DESCRIPTION_HEADS.contains(w))
                .map(str::to_string)
        };
        let (head, cue_text, before) = if self.is_according_to(cue) {
            (
                group(cue + 2).filter(|_| cue + 2 < end)?,
                "according to".to_string(),
                false,
            )
        } else {
            // "Officials have said", "Critics, however, argue"; "Some
            // argue", "but others say": a word that counts, standing alone
            // as the subject of its clause.
            let subject = self.subject_end(cue, start);
            let counted = |t: usize| {
                let opens = t == start
                    || self.punct(t - 1).is_some()
                    || self.lower(t - 1).is_some_and(lexicon::opens_clause);
                self.lower(t)
                    .filter(|w| opens && lexicon::is_group_count(w))
                    .map(str::to_string)
            };
            let before = (subject > start)
                .then(|| group(subject - 1).or_else(|| counted(subject - 1)))
                .flatten();
            let after = group(cue + 1).filter(|_| cue + 1 < end);
            let cue_text = self.word(cue)?.to_string();
            match (before, after) {
                (Some(head), _) => (head, cue_text, true),
                (None, Some(head)) => (head, cue_text, false),
                (None, None) => return None,
            }
        };
        Some((Source::Description(head), cue_text, before))
    }

    /// "according to a 2015 Pew survey", "according to company documents":
    /// after "according to" any noun phrase is the source — a poll, a
    /// document, a study speaks as surely as a person. The phrase runs to
    /// the next comma, dash or the sentence's end; its head is its last
    /// word before a preposition or relative ("the average of recent
    /// polls compiled by …" → average).
    fn according_to_anything(&self, cue: usize, end: usize) -> Option<(Source, Range<usize>)> {
        if !self.is_according_to(cue) {
            return None;
        }
        let first = cue + 2;
        let stop = (first..end)
            .find(|&t| {
                self.punct(t)
                    .is_some_and(|c| matches!(c, ',' | ';' | '—' | '–' | '(' | ')'))
            })
            .unwrap_or(end);
        if stop <= first || self.word(first).is_none() {
            return None;
        }
        let head = self.phrase_head(first..stop, ACCORDING_TO_JOINTS)?;
        Some((Source::Description(head), first..stop))
    }

    /// The noun phrase right before a speech cue, when nothing else named
    /// the source: "The organizers said", "28 percent of voters in a CBS
    /// poll said", "former employees said". It runs back to the sentence's
    /// start, a comma or dash, or a word that opens a clause ("that 78
    /// percent … said"). Its head is its first noun before "of"/"in" (28
    /// *percent* of voters) or else its last word.
    fn subject_before(
        &self,
        cue: usize,
        start: usize,
        speech: bool,
    ) -> Option<(Source, Range<usize>)> {
        let verb = self.lower(cue)?;
        let evidence = EVIDENCE.contains(&verb);
        if self.is_according_to(cue)
            || cue == start
            || !(lexicon::SAYING_FINITE.contains(&verb) || evidence || speech)
        {
            return None;
        }
        let np_end = self.subject_phrase_end(cue, start);
        let first = self.subject_phrase_start(np_end, start);
        if !self.is_subject_phrase(first..np_end, start) {
            return None;
        }
        // "polls show", "a survey found": evidence speaks through a
        // document, and only then is the verb a cue.
        let words = first..np_end;
        let document = words
            .clone()
            .any(|t| self.lower(t).is_some_and(|w| DOCUMENTS.contains(&w)));
        if evidence && !document {
            return None;
        }
        const JOINTS: &[&str] = &["of", "in", "from", "at", "with"];
        let mut head = self.phrase_head(words.clone(), JOINTS)?;
        if document {
            // "a Reuters poll released Sunday": a phrase's last word is
            // not its head when a participle follows the document.
            let joint = (words.start + 1..words.end)
                .find(|&t| self.lower(t).is_some_and(|w| JOINTS.contains(&w)))
                .unwrap_or(words.end);
            if !DOCUMENTS.contains(&head.as_str()) {
                if let Some(noun) = (words.start..joint)
                    .rev()
                    .find_map(|t| self.lower(t).filter(|w| DOCUMENTS.contains(w)))
                {
                    head = noun.to_string();
                }
            }
            return Some((Source::Document(head), words));
        }
        Some((Source::Description(head), words))
    }

    /// Where the subject before the cue at `cue` ends: past adverbs ("Cruz
    /// openly admitted"), the day ("The Trump campaign on Tuesday said")
    /// and a relative clause ("Engineers who inspected the bridge said"),
    /// none of them the subject's.
    fn subject_phrase_end(&self, cue: usize, start: usize) -> usize {
        let mut np_end = cue;
        while let Some(w) = (np_end > start).then(|| self.lower(np_end - 1)).flatten() {
            if lexicon::is_ly_adverb(w)
                || lexicon::SUBJECT_ADVERBS.contains(&w)
                || lexicon::FLOATING.contains(&w)
            {
                np_end -= 1;
            } else if lexicon::is_calendar(w)
                && np_end >= start + 3
                && self.lower(np_end - 2) == Some("on")
            {
                np_end -= 2;
            } else {
                break;
            }
        }
        self.relative_before(np_end, start).unwrap_or(np_end)
    }

    /// Where the subject ending at `np_end` starts: back over words (and a
    /// percent or dollar sign, a joint poll's slash) to the sentence's
    /// `start`, a punctuation mark or a word that opens a clause, twelve
    /// tokens at most.
    fn subject_phrase_start(&self, np_end: usize, start: usize) -> usize {
        let mut first = np_end;
        while first > start && np_end - first < 12 {
            let t = first - 1;
            // "42% say": a percent or dollar sign belongs to the phrase;
            // so does the slash of a joint poll ("a CNN/ORC poll").
            let sign = self.punct(t).is_some_and(|c| matches!(c, '%' | '$'))
                || (self.punct(t) == Some('/')
                    && t > start
                    && [t - 1, t + 1]
                        .iter()
                        .all(|&k| self.word(k).is_some_and(super::text::is_capitalized)));
            if !sign
                && (self.word(t).is_none()
                    || self
                        .lower(t)
                        .is_some_and(|w| lexicon::SUBJECT_OPENERS.contains(&w)))
            {
                break;
            }
            first = t;
        }
        first
    }

    /// Whether the words `phrase` (in a sentence from `start`) are a noun
    /// phrase that may be a cue's subject: not adverbs alone ("voters who
    /// often seems"), not the last of a list of names ("Ruiz and Varga
    /// both argued": the list is, through its first), not a clause (an
    /// auxiliary, a negation, "to", "he's"), not ending on a word no
    /// phrase ends on ("his", "the", "of").
    fn is_subject_phrase(&self, phrase: Range<usize>, start: usize) -> bool {
        let first = phrase.start;
        let adverbs_only = phrase
            .clone()
            .all(|t| self.lower(t).is_none_or(super::noun_source::is_between));
        let last_of_list = first > start + 1
            && matches!(self.lower(first - 1), Some("and" | "or"))
            && self
                .word(first - 2)
                .is_some_and(super::text::is_capitalized);
        if phrase.is_empty() || self.word(first).is_none() || adverbs_only || last_of_list {
            return false;
        }
        let clause_word = |w: &str| {
            lexicon::is_auxiliary(w)
                || matches!(w, "not" | "never" | "be" | "been" | "being" | "to")
        };
        // "he's", "that's" make a clause; "Cruz's advisers" is a phrase.
        let contraction = |w: &str| {
            let Some(i) = w.find(['’', '\'']) else {
                return false;
            };
            let (base, tail) = (&w[..i], &w[i..]);
            !(tail == "’s" || tail == "'s" || tail == "’" || tail == "'")
                || lexicon::CONTRACTED_SUBJECTS.contains(&base)
        };
        let clause = phrase.clone().any(|t| {
            self.lower(t)
                .is_some_and(|w| clause_word(w) || contraction(w))
        });
        let last = self.lower(phrase.end - 1).unwrap_or_default();
        !clause && !lexicon::DANGLING.contains(&last)
    }

    /// The head of the noun phrase at `words`: its last word before the
    /// first of `joints` after its start, or its last word ("the average
    /// of recent polls" → average, "28 percent of voters" → percent).
    pub(super) fn phrase_head(&self, words: Range<usize>, joints: &[&str]) -> Option<String> {
        let joint = (words.start + 1..words.end)
            .find(|&t| self.lower(t).is_some_and(|w| joints.contains(&w)))
            .unwrap_or(words.end);
        let head_at = (words.start..joint)
            .rev()
            .find(|&t| self.word(t).is_some())?;
        self.lower(head_at).map(str::to_string)
    }

    /// Whether the whole phrase around the source words `words` of the cue
    /// at `cue` heads on a group of no one in particular ("Advisers to
    /// Mr. Obama", "critics of the plan", "supporters in Congress"), whatever
    /// name it holds: such a source is nobody.
    pub(super) fn names_a_group(
        &self,
        words: Option<Range<usize>>,
        cue: usize,
        sentence: &Range<usize>,
    ) -> bool {
        let Some(words) = words.filter(|w| !w.is_empty()) else {
            return false;
        };
        let phrase = self.source_phrase(words, Some(cue), sentence.clone());
        self.phrase_head(phrase, SOURCE_JOINTS)
            .is_some_and(|head| lexicon::is_group(&head))
    }

    /// A phrase read as a description that holds "he" or "she" ("He even
    /// gave a few hints", "this time he praised", "the only regret he
    /// voiced"): the pronoun is who speaks, not the phrase's noun.
    fn pronoun_inside(
        &self,
        source: Source,
        tokens: Option<Range<usize>>,
    ) -> (Source, Option<Range<usize>>) {
        let found = match (&source, &tokens) {
            (Source::Description(_), Some(words)) => words.clone().find_map(|t| {
                let personal = matches!(self.lower(t), Some("he" | "she"));
                personal.then(|| self.pronoun(t)).flatten().map(|g| (t, g))
            }),
            _ => None,
        };
        match found {
            Some((t, gender)) => (Source::Pronoun(gender), Some(t..t + 1)),
            None => (source, tokens),
        }
    }

    /// Where the source phrase stands, as tokens.
    pub(super) fn source_tokens(
        &self,
        source: &Source,
        cue: usize,
        start: usize,
        end: usize,
    ) -> Option<Range<usize>> {
        let near = cue.saturating_sub(8).max(start)..(cue + 9).min(end);
        // The word nearest the cue; else, for the subject of a clause the
        // cue is coordinated with ("She was defending the group …, but
        // admitted"), its first in the sentence before the cue.
        let nearest = |is: &dyn Fn(usize) -> bool| {
            near.clone()
                .filter(|&t| is(t))
                .min_by_key(|&t| t.abs_diff(cue))
                .or_else(|| (start..cue).find(|&t| is(t)))
        };
        match source {
            Source::Name(run) => Some(run.clone()),
            Source::Relative(t) | Source::Writer(t) => Some(*t..*t + 1),
            Source::Document(_) => None,
            Source::Pronoun(g) => nearest(&|t| self.pronoun(t) == Some(*g)).map(|t| t..t + 1),
            Source::Description(head) => {
                let at = nearest(&|t| self.lower(t) == Some(head.as_str()))?;
                // Back over the words of the noun phrase to its determiner.
                let mut first = at;
                let preposition = |t: usize| {
                    matches!(
                        self.lower(t),
                        Some("to" | "of" | "by" | "with" | "for" | "from" | "in" | "on" | "at")
                    )
                };
                while first > start
                    && at - first < 4
                    && self.word(first - 1).is_some()
                    && !self.is_cue(first - 1)
                    && !preposition(first - 1)
                {
                    first -= 1;
                    if matches!(
                        self.lower(first),
                        Some("the" | "a" | "an" | "his" | "her" | "their" | "its")
                    ) {
                        break;
                    }
                }
                Some(first..at + 1)
            }
        }
    }

    /// The content the cue at `cue` governs.
    fn content_of(
        &self,
        cue: usize,
        source: Option<Range<usize>>,
        start: usize,
        end: usize,
    ) -> Option<Range<usize>> {
        let source = source.unwrap_or(cue..cue + 1);
        match self.content_around_source(cue, &source, start, end) {
            Some(content) => content,
            None => self.content_after_cue(cue, end),
        }
    }

    /// The content where the source's place decides it: after "According
    /// to X," or "Said X,", before a closing "…, X said", the whole
    /// sentence around "…, analysts said, …"; none where the source or
    /// "according to" comes after the cue otherwise. `None` when the
    /// content follows the cue.
    fn content_around_source(
        &self,
        cue: usize,
        source: &Range<usize>,
        start: usize,
        end: usize,
    ) -> Option<Option<Range<usize>>> {
        let after_source = source.start > cue;
        let according = self.is_according_to(cue);
        // "According to X, …" / "Said X, …": the content follows the source.
        if according && cue == start {
            let mut from = source.end;
            while from < end && self.punct(from).is_some() {
                from += 1;
            }
            return Some((from < end).then_some(from..end));
        }
        // "…, according to X" / "…, X said" / "…, said X": the content is
        // what comes before, up to the comma.
        let first = source.start.min(cue);
        let tail = source.end.max(cue + 1);
        // "…, said he would vote": a pronoun after the cue with words
        // after it opens what was said; "…, said he." closes it.
        let pronoun_opens = after_source && tail < end && self.pronoun(source.start).is_some();
        let closing = first > start
            && self.punct(first - 1) == Some(',')
            && (according
                || tail + 2 >= end && !pronoun_opens
                || self.only_where_or_when(tail, end)
                || self.participle_goes_on(cue, tail, end)
                || after_source && self.apposition_at(tail));
        if closing {
            return Some(Some(self.past_connective(start, first - 1)..first - 1));
        }
        // "Mrs. Clinton, analysts said, has other reasons": the attribution
        // interrupts the content, which is the whole sentence — unless a
        // quotation follows it ("In a post, Trump wrote, “…”"), which is
        // what was said.
        if first > start
            && self.punct(first - 1) == Some(',')
            && self.punct(tail) == Some(',')
            && !self.is_quote(tail + 1)
            && !according
        {
            return Some(Some(self.past_connective(start, first - 1)..end));
        }
        (according || after_source).then_some(None)
    }

    /// Past a connective opening the sentence at `start` and its comma
    /// ("But the plan would fail, she said", "Still, …"), when words of
    /// the content follow it before `end`.
    fn past_connective(&self, start: usize, end: usize) -> usize {
        let Some(first) = self.lower(start) else {
            return start;
        };
        let words = lexicon::connective_words(first, self.lower(start + 1));
        let mut from = start + words;
        if words > 0 && self.punct(from) == Some(',') {
            from += 1;
        }
        if words == 0 || from + MIN_READING_WORDS > end {
            return start;
        }
        from
    }

    /// The content after the cue at `cue`, up to `end`: "X said (that)
    /// …", "X told reporters on Sunday that …", "X pushed back, saying …",
    /// "X said in an interview that …".
    fn content_after_cue(&self, cue: usize, end: usize) -> Option<Range<usize>> {
        let from = self.clause_opening(cue, end);
        let from = self.past_aside_before_that(from, end);
        let before_skip = from;
        let from = self.past_joiners(cue, from, end);
        let from = self.past_cue_preposition_after_when(before_skip, from, end);
        let from = self.past_labelled_cue(from, end);
        // "Tom Reddick, who voted against it, said the plan was reckless":
        // a content runs up to another attribution's cue, never across it.
        // Looked for as far as cuts are, so a run-on sentence stays linear.
        let stop = (from + 1..end.min(from + MAX_CUT_REACH))
            .find(|&t| self.punct(t) == Some(',') && self.lower(t + 1).is_some_and(lexicon::is_cue))
            .unwrap_or(end);
        // "…, Brandt said at a rally on Friday, calling …": where "say"
        // was said is not what.
        let say = matches!(self.lower(cue), Some("say" | "says" | "said" | "saying"));
        if say && self.says_where_or_when(cue + 1, stop, MAX_VENUE_ASIDE) {
            return None;
        }
        (from < stop).then_some(from..stop)
    }

    /// Where the clause a cue governs opens: past the particle of a
    /// phrasal cue, at a "that" after whom it was told, a preposition or
    /// adverbs, past whom it was told, or past a preposition the cue takes.
    fn clause_opening(&self, cue: usize, end: usize) -> usize {
        let mut from = cue + 1;
        // The particle of a phrasal cue is the cue's ("ruled out", "pointed
        // out that", "pushed back", "played down"), not the content's.
        if self.lower(from).is_some_and(|w| PARTICLES.contains(&w)) {
            from += 1;
        }
        let told = self.lower(cue).is_some_and(lexicon::tells_someone);
        let preposition = self.lower(from).is_some_and(|w| {
            matches!(
                w,
                "in" | "during" | "on" | "at" | "to" | "with" | "after" | "before"
            )
        });
        let that = (from..(from + 12).min(end)).find(|&t| self.lower(t) == Some("that"));
        match that {
            Some(t) if told || preposition || self.adverbs_only(cue, from, t) => t,
            _ if told => self.past_who_was_told(from, end),
            // "talked about immigration", "called for a ban", "railed
            // against the deal": the preposition is the cue's, what it
            // governs is the content.
            _ if self
                .lower(from)
                .is_some_and(|w| CUE_PREPOSITIONS.contains(&w)) =>
            {
                from + 1
            }
            _ => from,
        }
    }

    /// "said, in an interview, that …", "said, twice, that …": past an
    /// aside between commas at `from`, to the clause's "that".
    fn past_aside_before_that(&self, from: usize, end: usize) -> usize {
        if self.punct(from) != Some(',') {
            return from;
        }
        // Where or when it was said may take more words ("said, in a long
        // interview with the local radio station, that …").
        let longest = if self
            .lower(from + 1)
            .is_some_and(|w| VENUE_PREPOSITIONS.contains(&w))
        {
            MAX_VENUE_ASIDE
        } else {
            MAX_ASIDE
        };
        match (from + 1..(from + longest + 2).min(end)).find(|&t| self.punct(t).is_some()) {
            Some(comma)
                if self.punct(comma) == Some(',') && self.lower(comma + 1) == Some("that") =>
            {
                comma + 1
            }
            _ => from,
        }
    }

    /// Past the commas, colons, joining words ([`AFTER_CUE`]) and a second
    /// cue (", saying …": the participle introduces the same content) at
    /// `from`, up to `end`.
    fn past_joiners(&self, cue: usize, mut from: usize, end: usize) -> usize {
        while from < end {
            if self.punct(from).is_some_and(|c| matches!(c, ',' | ':'))
                || (from > cue + 1 && self.is_cue(from))
            {
                from += 1;
                continue;
            }
            let when = (from..end)
                .take_while(|&t| self.lower(t).is_some_and(|w| AFTER_CUE.contains(&w)))
                .count();
            // "said this was a mistake", "said last year was hard": words
            // of when before a finite verb are its subject, the content's.
            if when == 0 || self.is_finite_verb(from + when) {
                break;
            }
            from += when;
        }
        from
    }

    /// "called Friday for a ban": when the words `skipped..from` after a
    /// cue are all of when it was said, a cue's preposition at `from` is
    /// still the cue's, and the content starts after it.
    fn past_cue_preposition_after_when(&self, skipped: usize, from: usize, end: usize) -> usize {
        let only_when =
            (skipped..from).all(|t| self.lower(t).is_some_and(|w| AFTER_CUE.contains(&w)));
        let preposition = self
            .lower(from)
            .is_some_and(|w| CUE_PREPOSITIONS.contains(&w));
        if from > skipped && only_when && preposition && from + 1 < end {
            from + 1
        } else {
            from
        }
    }

    /// Past the words at `from` that the attribution labeller reads as
    /// the cue's own ("went on radio *to discuss* …", "said *via email*
    /// that …"), when its content begins right after them.
    fn past_labelled_cue(&self, from: usize, end: usize) -> usize {
        let cue = |t: usize| {
            self.labels
                .get(t)
                .is_some_and(|&l| Part::of(l) == Some(Part::Cue))
        };
        let run = (from..end.min(from + MAX_LABELLED_CUE + 1))
            .take_while(|&t| cue(t))
            .count();
        let next = from + run;
        if run == 0 || run > MAX_LABELLED_CUE || next >= end {
            return from;
        }
        // "spoke slowly so that the crowd could follow": a purpose, not
        // what was said.
        let purpose = self.lower(next - 1) == Some("so") && self.lower(next) == Some("that");
        if self.labels.get(next) == Some(&Part::Content.begin()) && !purpose {
            next
        } else {
            from
        }
    }

    /// Whether tokens `from..that`, between the cue at `cue` and a "that",
    /// are only adverbs ("said *publicly* that", "said *again and again*
    /// that"): how it was said, not yet what.
    fn adverbs_only(&self, cue: usize, from: usize, that: usize) -> bool {
        // "said so that all could hear": a purpose, not what was said.
        if from >= that || that - from > MAX_ADVERBS || self.lower(that - 1) == Some("so") {
            return false;
        }
        // Tagged from the cue, for the context the tagger reads.
        let tags = self.pos_of(cue, that);
        (from..that)
            .all(|t| tags[t - cue].starts_with("RB") || (t > from && self.lower(t) == Some("and")))
    }

    /// Whether, after an attribution's last token `tail`, a participle cue
    /// goes on after a comma, with nothing between but who was told and
    /// where or when ("…, Brandt said, *adding* that …", "…, she told
    /// reporters on Friday, *noting* …"): the participle reports more, and
    /// the attribution closes the content before it.
    fn participle_goes_on(&self, cue: usize, tail: usize, end: usize) -> bool {
        let Some(comma) =
            (tail..end.min(tail + MAX_VENUE_ASIDE + 1)).find(|&t| self.punct(t).is_some())
        else {
            return false;
        };
        self.punct(comma) == Some(',')
            && self.only_told_where_or_when(cue, tail, comma)
            && self.is_cue(comma + 1)
            && self.participle_after_comma(comma + 1, tail)
    }

    /// Whether tokens `from..to`, after the cue at `cue` and its source, say
    /// only who was told ("told reporters", "told the council") and where
    /// or when ("on Tuesday", "at a rally").
    fn only_told_where_or_when(&self, cue: usize, from: usize, to: usize) -> bool {
        let told = self.lower(cue).is_some_and(lexicon::tells_someone);
        let from = if told {
            self.past_who_was_told(from, to)
        } else {
            from
        };
        if from >= to || self.says_where_or_when(from, to, MAX_VENUE_ASIDE) {
            return true;
        }
        // Whom a cue that tells someone told, however it is named, then
        // perhaps where or when ("told the county council on Friday").
        let plain = |t: usize| {
            self.lower(t)
                .is_some_and(|w| w != "that" && !lexicon::is_cue(w))
        };
        told && (from..to.min(from + MAX_TOLD_WORDS + 1)).any(|next| {
            (from..next).all(plain)
                && (next == to || self.says_where_or_when(next, to, MAX_VENUE_ASIDE))
        })
    }

    /// Whether a comma at `t` opens words that describe the source before
    /// it (", who runs a shop", ", a former aide", ", 55,"), not the rest
    /// of a content that the attribution interrupts ("The plan, said
    /// Smith, is reckless").
    fn apposition_at(&self, t: usize) -> bool {
        self.punct(t) == Some(',')
            && self.word(t + 1).is_some_and(|w| {
                ["who", "whose", "a", "an", "the", "one"]
                    .iter()
                    .any(|x| w.eq_ignore_ascii_case(x))
                    || w.starts_with(|c: char| c.is_ascii_digit())
            })
    }

    /// Whether tokens `from..end`, after a closing attribution, say only
    /// where or when it was said ("…, the union said in a statement.",
    /// "…, Brandt told reporters at a rally on Friday."): then the content
    /// is what came before, not these words.
    fn only_where_or_when(&self, from: usize, end: usize) -> bool {
        let told_to = self.past_who_was_told(from, end);
        // "…, an official told The New York Times.": who was told, and
        // nothing after it but the sentence's end.
        let ends_here = |t: usize| {
            (t..end).all(|t| self.punct(t).is_some_and(|c| matches!(c, '.' | '!' | '?')))
        };
        if told_to > from && ends_here(told_to) {
            return true;
        }
        let from = told_to;
        let words = (from..end).filter(|&t| self.lower(t).is_some()).count();
        // "…, Park said while leaving the hall.", "…, she said when asked
        // about it.": a participle with no subject says how, not what.
        let participle = self
            .lower(from)
            .is_some_and(|w| matches!(w, "while" | "when" | "after" | "before" | "upon"))
            && self
                .lower(from + 1)
                .is_some_and(|w| w.ends_with("ing") || w == "asked");
        if participle
            && words <= MAX_CIRCUMSTANCE_WORDS
            && (from + 2..end).all(|t| match self.lower(t) {
                Some(w) => w != "that" && !lexicon::is_cue(w),
                None => self.punct(t).is_some_and(|c| matches!(c, '.' | '!' | '?')),
            })
        {
            return true;
        }
        self.says_where_or_when(from, end, MAX_VENUE_WORDS)
    }

    /// Whether tokens `from..end` are a phrase of where or when ("at a
    /// rally on Friday", "in a statement", "on Monday"), up to the
    /// sentence's closing punctuation if they reach it.
    fn says_where_or_when(&self, from: usize, end: usize, longest: usize) -> bool {
        let opens = self
            .lower(from)
            .is_some_and(|w| VENUE_PREPOSITIONS.contains(&w) || AFTER_CUE.contains(&w));
        if !opens {
            return false;
        }
        // Read no further than `longest` words, so that a cue of a run-on
        // sentence costs the same however long the sentence. A finite verb
        // makes a clause of it ("said last year was the hardest"), no
        // phrase of where or when.
        let mut words = 0;
        for t in from..end {
            match self.lower(t) {
                Some(w) => {
                    words += 1;
                    if words > longest
                        || w == "that"
                        || lexicon::is_cue(w)
                        || self.is_finite_verb(t)
                    {
                        return false;
                    }
                }
                None if self.punct(t).is_some_and(|c| matches!(c, '.' | '!' | '?')) => {}
                None => return false,
            }
        }
        true
    }

    /// Past who was told, from `at`: one object ("reporters", "him", "the
    /// crowd", "CNN’s Jake Tapper"), so that "told reporters the deal was
    /// dead" keeps the content's own "the".
    fn past_who_was_told(&self, mut at: usize, end: usize) -> usize {
        let capitalized = |t: usize| self.word(t).is_some_and(super::text::is_capitalized);
        // A number inside a name is the name's ("Channel 9 News").
        let numeral = |t: usize| {
            t > 0
                && capitalized(t - 1)
                && capitalized(t + 1)
                && self
                    .word(t)
                    .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        };
        let noun = |t: usize| {
            self.lower(t).is_some_and(|w| TOLD_NOUNS.contains(&w)) || capitalized(t) || numeral(t)
        };
        let determiner = self
            .lower(at)
            .is_some_and(|w| TOLD_DETERMINERS.contains(&w));
        // "told the council the tower would rise": any one noun is who was
        // told when a clause opens right after it.
        let clause_opens = |t: usize| {
            capitalized(t)
                || self.lower(t).is_some_and(|w| {
                    TOLD_DETERMINERS.contains(&w)
                        || matches!(w, "that" | "he" | "she" | "they" | "it" | "we" | "i")
                })
        };
        if determiner && noun(at + 1) {
            at += 1;
        } else if determiner
            && at + 2 < end
            && self
                .lower(at + 1)
                .is_some_and(|w| !TOLD_DETERMINERS.contains(&w))
            && !capitalized(at + 1)
            && clause_opens(at + 2)
        {
            return at + 2;
        } else if self.lower(at).is_some_and(|w| TOLD_PRONOUNS.contains(&w)) {
            return at + 1;
        }
        while at < end && noun(at) {
            at += 1;
        }
        at
    }

    /// "speaking to CBS", "talking with reporters", "spoke for an hour":
    /// where or how long words were said, not a cue that governs a content.
    fn is_venue_phrase(&self, cue: usize) -> bool {
        self.lower(cue).is_some_and(|w| {
            matches!(
                w,
                "speaking" | "spoke" | "speaks" | "talking" | "talked" | "talks"
            )
        }) && self.lower(cue + 1).is_some_and(|w| {
            matches!(
                w,
                "to" | "with" | "on" | "at" | "in" | "from" | "for" | "before" | "during"
            )
        })
    }

    /// The part of a reported content before a quotation's own
    /// attribution that it runs into ("In a video posted online, Diallo
    /// wrote, “…”": not the content of "posted"): it ends at the comma
    /// before that cue's clause, and is no content if fewer than
    /// [`MIN_CONTENT_WORDS`] words are left. A nested attribution with no
    /// comma before it ("said that Ortiz told him “…”") stays whole.
    pub(super) fn short_of_attribution(
        &self,
        content: Range<usize>,
        cue_used: &dyn Fn(usize) -> bool,
    ) -> Option<Range<usize>> {
        let Some(cue) = content.clone().find(|&t| cue_used(t)) else {
            return Some(content);
        };
        let Some(comma) = (content.start..cue)
            .rev()
            .find(|&t| self.punct(t) == Some(','))
        else {
            return Some(content);
        };
        let words = (content.start..comma)
            .filter(|&t| self.word(t).is_some())
            .count();
        (words >= MIN_CONTENT_WORDS).then_some(content.start..comma)
    }

    /// The pieces of a content whose own attribution stands inside it,
    /// set off by commas or dashes ("The latest test, North Korea said, was its
    /// biggest yet" is what North Korea said, in two pieces): the words
    /// before and after the source and cue, as annotators mark them. `None`
    /// when the content is one piece.
    pub(super) fn pieces_around(
        &self,
        content: &Range<usize>,
        source: Option<&Range<usize>>,
        cue: usize,
    ) -> Option<[Range<usize>; 2]> {
        let source = source?;
        let inner = source.start.min(cue)..source.end.max(cue + 1);
        if inner.start <= content.start || inner.end >= content.end {
            return None;
        }
        let set_off = |t: usize| self.punct(t) == Some(',') || self.is_dash(t);
        if !set_off(inner.start - 1) || !set_off(inner.end) {
            return None;
        }
        let before = content.start..inner.start - 1;
        let after = inner.end + 1..content.end;
        let words = |r: &Range<usize>| r.clone().filter(|&t| self.word(t).is_some()).count();
        (words(&before) > 0 && words(&after) > 0).then_some([before, after])
    }

    /// "voted against the plan", "the council passed a budget", "seeking
    /// to bolster him": acts and aims, which report no one's words, though
    /// PolNeAR's annotators mark some of them as attributions.
    fn reports_nothing(&self, cue: usize, facts: WordFacts) -> bool {
        let Some(w) = self.lower(cue) else {
            return false;
        };
        facts.deed()
            || (self.lower(cue + 1) == Some("to")
                && lexicon::AIMS.iter().any(|aim| w.starts_with(aim)))
            || (lexicon::TALKING.contains(&w) && !self.talks_of_a_topic(cue))
    }

    /// Whether a verb of talking at `cue` goes on to its topic, in its
    /// clause: "about" or "against" within a few words ("spoke out Tuesday
    /// about", "speaks more often in public about"); "of" or "in favor of"
    /// right after it, adverbs and "out" aside ("spoke highly of", "has
    /// spoken out in favor of"); "for" right after "out" ("spoke out for").
    /// "speaking at the University of Texas" and "spoke for an hour" have
    /// none.
    fn talks_of_a_topic(&self, cue: usize) -> bool {
        let mut lead = true;
        let mut out = false;
        for t in cue + 1..cue + 1 + MAX_TALK_REACH {
            let Some(w) = self.lower(t) else {
                return false;
            };
            match w {
                "about" | "against" => return true,
                "of" if lead => return true,
                "for" if lead && out => return true,
                "in" if lead => {
                    if self.lower(t + 1) == Some("favor") && self.lower(t + 2) == Some("of") {
                        return true;
                    }
                    lead = false;
                }
                "out" if lead => out = true,
                _ if lead && (lexicon::is_ly_adverb(w) || w == "only") => {}
                _ => lead = false,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use crate::article::Article;
    use crate::extract::speaker::Reader;
    use crate::extract::{extract, StatementKind};

    /// (content, speaker, source) of each reported statement in `text`.
    fn reported(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let article = Article::parse(format!("Title\n{text}\n"));
        extract(&article)
            .into_iter()
            .filter(|q| q.kind == StatementKind::Reported)
            .map(|q| {
                let source = q.source.map(|r| article.text[r].to_string());
                (q.text, q.speaker.map(|s| s.name), source)
            })
            .collect()
    }

    fn one(text: &str) -> (String, Option<String>, Option<String>) {
        let found = reported(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn name_said_content() {
        let (content, speaker, source) =
            one("Marco Rubio said additional sanctions will not help the situation.");
        assert_eq!(content, "additional sanctions will not help the situation");
        assert_eq!(speaker.as_deref(), Some("Marco Rubio"));
        assert_eq!(source.as_deref(), Some("Marco Rubio"));
    }

    #[test]
    fn who_was_told_and_when_are_not_content() {
        // The complementiser opens the clause it introduces.
        let (content, ..) = one("Rubio told reporters on Sunday that the talks were useful.");
        assert_eq!(content, "that the talks were useful");
        let (content, ..) = one("Rubio pushed back, saying the meeting would never yield a deal.");
        assert_eq!(content, "the meeting would never yield a deal");
    }

    #[test]
    fn attribution_closing_the_sentence() {
        let (content, _, source) = one("The talks will resume next week, according to officials.");
        assert_eq!(content, "The talks will resume next week");
        assert_eq!(source.as_deref(), Some("officials"));
        let (content, speaker, source) = one(
            "G-III has more than 7,600 employees, according to company documents filed in May.",
        );
        assert_eq!(content, "G-III has more than 7,600 employees");
        assert_eq!(speaker, None);
        assert_eq!(source.as_deref(), Some("company documents filed in May"));
        let (content, _, source) =
            one("According to a 2015 Pew Research survey, most voters want a deal.");
        assert_eq!(content, "most voters want a deal");
        assert_eq!(source.as_deref(), Some("a 2015 Pew Research survey"));
        let (content, speaker, _) =
            one("Marco Rubio met Lavrov. The talks will resume next week, Rubio said.");
        assert_eq!(content, "The talks will resume next week");
        assert_eq!(speaker.as_deref(), Some("Marco Rubio"));
    }

    #[test]
    fn a_labelled_paragraph_is_its_speakers() {
        let found = reported(
            "KATE BOLDUAN: Why not debate him on the issues tonight?\n\
             JOEL BENENSON: This is a man who has never answered a question.\n\
             Q: Your mother was deported twice and returned both times.\n\
             Note: This story has been updated with new figures.",
        );
        let got: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|(c, s, _)| (c.as_str(), s.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Why not debate him on the issues tonight?",
                    Some("KATE BOLDUAN")
                ),
                (
                    "This is a man who has never answered a question.",
                    Some("JOEL BENENSON")
                ),
            ],
            "an interviewer's question is nobody's statement"
        );
    }

    #[test]
    fn any_noun_phrase_before_said_is_a_source() {
        let (content, speaker, source) =
            one("Just 28 percent of voters said they had a positive view of the plan.");
        assert_eq!(content, "they had a positive view of the plan");
        assert_eq!(speaker, None);
        assert_eq!(source.as_deref(), Some("Just 28 percent of voters"));
        let (_, _, source) = one("The organizers said they don't know how many will come.");
        assert_eq!(source.as_deref(), Some("The organizers"));
        let (_, _, source) = one("Cruz’s advisers say his finish makes him a valuable asset.");
        assert_eq!(source.as_deref(), Some("Cruz’s advisers"));
        let (_, _, source) = one("On economic issues, 42% say they are liberal in most things.");
        assert_eq!(source.as_deref(), Some("42%"));
        // An infinitive or a noun is no cue with a subject.
        assert!(reported("Voters are more likely to say the economy matters most.").is_empty());
    }

    #[test]
    fn polls_and_studies_report_but_speak_for_no_one() {
        let (content, speaker, source) =
            one("Marco Rubio spoke. Recent polls show Clinton with a double-digit lead in Ohio.");
        assert_eq!(content, "Clinton with a double-digit lead in Ohio");
        assert_eq!(speaker, None);
        assert_eq!(source.as_deref(), Some("Recent polls"));
        // "found" is no cue for a person, nor for a non-document.
        assert!(reported("Police found the missing files in a storage unit.").is_empty());
        assert!(reported("Marco Rubio found the talks useful and productive.").is_empty());
    }

    #[test]
    fn a_quotation_inside_a_longer_clause_is_part_of_a_reported_statement() {
        let (content, speaker, _) = one(
            "Bernie Sanders says “the wind is at our backs” despite his loss in the Nevada caucuses.",
        );
        assert_eq!(
            content,
            "“the wind is at our backs” despite his loss in the Nevada caucuses"
        );
        assert_eq!(speaker.as_deref(), Some("Bernie Sanders"));
        // A quotation that ends the clause is the statement itself.
        assert!(reported("Bernie Sanders says “the wind is at our backs.”").is_empty());
    }

    #[test]
    fn an_attribution_inside_the_content() {
        let (content, ..) = one("Mrs. Clinton, analysts said, has other reasons for the delay.");
        assert_eq!(
            content,
            "Mrs. Clinton, analysts said, has other reasons for the delay"
        );
        // Its pieces are the content as annotators mark it, around an
        // attribution set off by commas, an adverb and all; an aside that
        // attributes nothing leaves one piece.
        let pieces = |text: &str| {
            let article = Article::parse(format!("Title\n{text}\n"));
            let found: Vec<Vec<String>> = extract(&article)
                .into_iter()
                .filter(|q| q.kind == StatementKind::Reported)
                .map(|q| {
                    q.pieces
                        .iter()
                        .map(|p| article.text[p.clone()].to_string())
                        .collect()
                })
                .collect();
            found
        };
        assert_eq!(
            pieces("Farm prices, Marco Rubio often says, are the best measure of a drought."),
            [["Farm prices", "are the best measure of a drought"]]
        );
        assert_eq!(
            pieces("Marco Rubio said the plan, which failed, was sound."),
            [Vec::<String>::new()]
        );
    }

    /// What annotators mark beyond speech verbs — wants, beliefs,
    /// support — the cue model learned from PolNeAR train.
    #[test]
    fn attitudes_are_attributions_too() {
        let (content, speaker, source) =
            one("Marco Rubio wants a deal with Moscow before the end of the year.");
        assert_eq!(content, "a deal with Moscow before the end of the year");
        assert_eq!(speaker.as_deref(), Some("Marco Rubio"));
        assert_eq!(source.as_deref(), Some("Marco Rubio"));
        let found = reported(
            "Marco Rubio met Lavrov on Sunday. He believes the sanctions will hurt Russia.",
        );
        assert_eq!(
            found,
            [(
                "the sanctions will hurt Russia".to_string(),
                Some("Marco Rubio".to_string()),
                Some("He".to_string())
            )]
        );
    }

    #[test]
    fn where_it_was_said_is_no_cue() {
        let (content, ..) = one("Speaking to CBS, Rubio said the deal was close.");
        assert_eq!(content, "the deal was close");
    }

    #[test]
    fn when_it_was_said_leaves_the_cues_preposition_the_cues() {
        let (content, ..) = one("Mayor Ada Okafor called Friday for a full audit of the budget.");
        assert_eq!(content, "a full audit of the budget");
        let (content, ..) = one("Mayor Ada Okafor warned on Monday of a long dry summer.");
        assert_eq!(content, "a long dry summer");
    }

    #[test]
    fn words_the_labeller_calls_the_cues_are_not_the_contents() {
        use crate::extract::span_tagger::Part;
        let text = "The union went on radio to discuss the rent rules.";
        crate::extract::speaker::tests::with_reader(text, &|_| false, |reader, frame| {
            let at = |w: &str| {
                let byte = text.find(w).unwrap();
                frame
                    .tokens
                    .iter()
                    .position(|t| t.range.start == byte)
                    .unwrap()
            };
            let (to, the, end) = (at("to"), at("the rent"), frame.tokens.len());
            let mut labels = vec![0u8; end];
            labels[to] = Part::Cue.begin();
            labels[at("discuss")] = Part::Cue.begin() + 1;
            labels[the] = Part::Content.begin();
            let labelled = Reader {
                labels: &labels,
                ..*reader
            };
            assert_eq!(labelled.past_labelled_cue(to, end), the);
            // Only where a content begins right after them.
            labels[the] = 0;
            let unsure = Reader {
                labels: &labels,
                ..*reader
            };
            assert_eq!(unsure.past_labelled_cue(to, end), to);
        });
    }

    #[test]
    fn a_noun_phrase_opening_the_sentence_before_its_cue_is_the_rules_source() {
        let source_of = |text: &str| {
            crate::extract::speaker::tests::with_reader(text, &|_| false, |reader, frame| {
                let facts = super::SentenceFacts::read(reader, 0..frame.tokens.len());
                reader
                    .reported_candidates(&facts, &|_| false)
                    .into_iter()
                    .find(|c| c.span.source_tokens.is_some())
                    .map(|c| (c.span.source_tokens, c.ruled_source))
            })
        };
        let text = "The plumbers found that the pipes had burst.";
        assert_eq!(source_of(text), Some((Some(0..2), true)));
    }

    #[test]
    fn a_quoted_sentence_is_not_reported_again() {
        assert!(reported("“The deal is close,” Rubio said.").is_empty());
        assert!(reported("He said so.").is_empty());
    }
}
