//! Quotations and who said them: a pure function from an [`Article`] to its
//! [`Quotation`]s. No I/O happens here.
//!
//! The work runs in passes over the article: find quoted spans
//! ([`quotes`]), read each paragraph as tokens and sentences ([`text`]),
//! collect the people it names ([`names`]), find each quote's cue and source
//! ([`speaker`]), resolve pronouns and descriptions to people, drop titles and
//! scare quotes, and note where the words were said ([`outlet`]).
//!
//! Two values carry the work: a `Reading` of the article (spans, tokens,
//! sentences), made once and only read after, and a `Resolver` that holds
//! the people the article names and gives each source phrase its person.

pub mod antecedent;
pub mod cue_model;
pub mod description;
pub mod display_name;
pub mod ends;
pub mod extractor;
pub mod learn;
pub mod learn_spans;
pub mod learn_tags;
pub mod lexicon;
pub mod linear;
pub mod models;
pub mod names;
mod noun_source;
pub mod outlet;
pub mod owner;
pub mod quotes;
pub mod reported;
mod source_phrase;
pub mod span_tagger;
pub mod speaker;
pub mod tagger;
pub mod text;
pub mod verifier;
pub mod work;
mod writer;

pub use extractor::Extractor;
use models::Models;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use serde::Serialize;

use crate::article::{Article, ParagraphKind};
use lexicon::{Gender, OUTLETS, ROLES, TITLE_TAILS};
use names::{People, PersonRef, SpeakerId, WrittenName};
use outlet::OutletMention;
use owner::{voice_of, Owner, Voice};
use quotes::{find_quote_spans, QuoteSpan};
use reported::Turn;
use speaker::{MentionRole, Reach, Reader, Source};
use text::{is_capitalized, key, strip_possessive, Frame, TokenKind};

/// Who said a quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// Display name: the article's first full mention ("Marco Rubio").
    pub name: String,
    /// Canonical id shared by every spelling of the name.
    pub id: SpeakerId,
}

/// How the words were given: in quotation marks, or reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// A direct quotation: the speaker's words in quotation marks.
    Quote,
    /// Reported speech: what the speaker said, in the writer's words.
    Reported,
}

impl StatementKind {
    /// The name used in the index, JSON and `--kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Quote => "quote",
            StatementKind::Reported => "reported",
        }
    }
}

/// One statement found in an article: a quotation or reported speech.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quotation {
    pub kind: StatementKind,
    /// Byte range of the quoted words (marks excluded), or of the reported
    /// content, in the article text.
    pub span: Range<usize>,
    /// The quoted words.
    pub text: String,
    /// The byte ranges of the content's pieces when its attribution stands
    /// inside it ("The latest test, North Korea said, was its biggest
    /// yet"), in order; empty when `span` is one piece.
    pub pieces: Vec<Range<usize>>,
    /// Index of the paragraph in `Article::paragraphs`.
    pub paragraph_index: usize,
    /// Body paragraph number, from 1.
    pub paragraph: usize,
    pub speaker: Option<Speaker>,
    /// Where it was said: a network, a platform, a briefing.
    pub outlet: Option<String>,
    /// The attribution cue as written ("said", "told", "according to").
    pub cue: Option<String>,
    /// Byte range of the words that name the source where the attribution
    /// is made ("he", "the ministry", "Rubio"), when they are found.
    pub source: Option<Range<usize>>,
}

/// Fewest words of the writer's between "that" and a quotation that ends
/// the clause, for the clause to be reported speech holding the quotation.
const MIN_CLAUSE_WORDS: usize = 3;

/// Longest quoted span, in words, that still reads as a scare quote when
/// nobody is said to have said it.
const MAX_SCARE_QUOTE_WORDS: usize = 3;
/// How many sentences back a pronoun looks for its person.
const SALIENCE_WINDOW: usize = 4;

/// How many name mentions back a description or a fallback pronoun looks.
const NEAREST_WINDOW: usize = 200;

/// How many quotes either side an unattributed quote looks at for a speaker
/// to share (bounded so that a paragraph of thousands of quotes stays linear).
const NEIGHBOURS: usize = 10;

/// How many sentences back a description with no one of its role named
/// takes the nearest person.
const DESCRIPTION_REACH: usize = 5;

/// How many sentences back the description model looks for candidates.
const DESCRIBED_WINDOW: usize = 6;

/// How much better than nobody the description model must score a
/// person to name them. A wrong name costs more than none (it is a false
/// named attribution); leaving publishers out, margins of 0, 2 and 4 gave
/// description speakers right 0.548, 0.538, 0.530 of the time (0.519 with
/// no model) and named attributed F1 0.719, 0.722, 0.723 (0.724). Later,
/// 2 with an owned relation noun ("her brother") kept from the model
/// against 4 without: descriptions 0.548 against 0.541, named attributed
/// 0.7219 against 0.7225.
const DESCRIBED_MARGIN: f32 = 2.0;

/// Most people and bodies the description model weighs for a description.
const MAX_DESCRIBED: usize = 8;

/// How many earlier name mentions "the board" or "the commission" looks through.
const DESCRIPTION_LOOKBACK: usize = 30;

/// How many sentences open an article, where a description may come
/// before the name it describes (a standfirst, a lede).
const OPENING_SENTENCES: usize = 2;

/// How many mentions back an article's main figure is counted over.
const MAIN_PERSON_WINDOW: usize = 400;

/// How many owned phrases back "the poll" looks for the poll it means.
const OWNED_LOOKBACK: usize = 50;

/// Longest quoted span, in words, that can be a title.
const MAX_TITLE_WORDS: usize = 8;

/// Extracts every quotation of `article` with its speaker and outlet,
/// with the compiled-in models and no aliases ([`Extractor::default`]).
pub fn extract(article: &Article) -> Vec<Quotation> {
    Extractor::default().extract(article)
}

/// The cue model's training examples from `article` ([`cue_model`]):
/// every word outside quotation marks, as its features, and whether it is
/// the cue word of one of `cues` (byte ranges of annotated Cue spans): the
/// span's first word that [`cue_model::can_head_cue`] ("has been
/// *critical* of", "publicly *said*").
pub fn cue_examples(
    models: &Models,
    article: &Article,
    cues: &[Range<usize>],
) -> Vec<(Vec<String>, bool)> {
    let reading = Reading::new(article, models);
    let mut heads = HashSet::default();
    let mut out = Vec::new();
    for (_, frame, _) in &reading.frames {
        let reader = reading.reader(frame);
        for sentence in &frame.sentences {
            let quoted = reported::SentenceFacts::read(&reader, sentence.clone()).quoted();
            for t in sentence.clone() {
                let Some(w) = reader.lower(t) else { continue };
                let at = frame.tokens[t].range.start;
                let cue = cues.iter().position(|c| c.contains(&at));
                let head =
                    cue.is_some_and(|c| !cue_model::NOT_CUE_HEADS.contains(&w) && heads.insert(c));
                let lexical = cue_model::Lexical::of(&reader, t);
                let features = linear::names_of(|out| {
                    cue_model::features(&reader, t, sentence.clone(), quoted, lexical, out)
                });
                out.push((features, head));
            }
        }
    }
    out
}

/// What learning watches: each sentence's readings as reported speech.
type Observer<'o> =
    &'o mut dyn FnMut(&Reader, &Frame, &[reported::Candidate], &reported::SentenceFacts);

/// An attribution as PolNeAR annotates it, as byte ranges of the text.
pub struct Annotated {
    pub content: Vec<Range<usize>>,
    pub source: Vec<Range<usize>>,
}

impl Annotated {
    /// How many bytes of `content` lie in the annotated content, and how
    /// long that is.
    fn overlap(&self, content: &Range<usize>) -> (usize, usize) {
        let covered = self
            .content
            .iter()
            .map(|r| reported::overlap(r, content))
            .sum();
        (covered, self.content.iter().map(Range::len).sum())
    }
}

/// A pronoun or description source of an annotated attribution and its
/// hand-checked speaker, as the antecedent and description models learn
/// from it.
pub struct GoldSpeaker {
    /// Where the attributed content starts, and its cue (bytes).
    pub content: usize,
    pub cue: Option<Range<usize>>,
    /// The content is a quotation.
    pub direct: bool,
    pub speaker: String,
}

impl GoldSpeaker {
    /// Whether a source resolved at byte `at` is this one: `at` is in its
    /// cue, or opens its quotation.
    fn stands_at(&self, at: usize) -> bool {
        self.cue.as_ref().is_some_and(|c| c.contains(&at)) || (self.direct && self.content == at)
    }
}

/// Ranking groups, one per resolved source: each candidate's features
/// and whether it is right.
pub type Groups = Vec<Vec<(Vec<String>, bool)>>;

/// The antecedent and description models' training examples from
/// `article`, read once as quarry reads it ([`antecedent`],
/// [`description`]). Each pronoun it resolves where an annotated pronoun
/// source stands (its cue, or its quotation's opening mark) is a group of
/// the mentions weighed, in the resolver's order; groups with no right
/// mention teach nothing. Each description no rule resolved where an
/// annotated description source stands is a group of nobody and the
/// people weighed; nobody is right when no one weighed is. A candidate is
/// right when it names the hand-checked speaker (by the last word of the
/// name, as the scorer compares speakers).
pub fn speaker_examples(
    models: &Models,
    article: &Article,
    pronouns: &[GoldSpeaker],
    descriptions: &[GoldSpeaker],
) -> (Groups, Groups) {
    let reading = Reading::new(article, models);
    let mut resolver = reading.resolver();
    resolver.weighed = Some(Default::default());
    resolver.described = Some(Default::default());
    reading.statements(&mut resolver, None);
    let weighed = resolver.weighed.take().unwrap_or_default().into_inner();
    let described = resolver.described.take().unwrap_or_default().into_inner();
    let people = &resolver.people;
    (
        speaker_groups(
            people,
            weighed,
            pronouns,
            Some,
            |f, out| antecedent::features(f, out),
            false,
        ),
        speaker_groups(
            people,
            described,
            descriptions,
            |p| p,
            |f, out| description::features(f, out),
            true,
        ),
    )
}

/// A ranking model's groups from the resolutions a resolver recorded
/// (where, and each candidate with its facts): the first at each place an
/// annotated source of `gold` stands, each candidate's features and
/// whether it is the hand-checked speaker (by the last word of the name,
/// as the scorer compares speakers). Where no candidate is, the first is
/// right if `first_when_none` (nobody), else the group teaches nothing.
fn speaker_groups<C: Copy, F>(
    people: &People,
    resolved: Vec<(usize, Vec<(C, F)>)>,
    gold: &[GoldSpeaker],
    person: impl Fn(C) -> Option<PersonRef>,
    features: impl Fn(&F, &mut dyn linear::Features),
    first_when_none: bool,
) -> Groups {
    let mut out = Vec::new();
    let mut seen = HashSet::default();
    for (at, candidates) in resolved {
        // Each reading of a sentence resolves its source again.
        if !seen.insert(at) {
            continue;
        }
        let Some(gold) = gold.iter().find(|g| g.stands_at(at)) else {
            continue;
        };
        let speaker = surname(&gold.speaker);
        let mut labels: Vec<bool> = candidates
            .iter()
            .map(|(c, _)| person(*c).is_some_and(|p| surname(&people.get(p).display) == speaker))
            .collect();
        if !labels.contains(&true) {
            match labels.first_mut() {
                Some(first) if first_when_none => *first = true,
                _ => continue,
            }
        }
        let group = candidates
            .iter()
            .zip(labels)
            .map(|((_, facts), label)| (linear::names_of(|out| features(facts, out)), label))
            .collect();
        out.push(group);
    }
    out
}

/// The last word of a name, lowercase, as the scorer compares speakers.
fn surname(name: &str) -> String {
    name.split_whitespace()
        .last()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .unwrap_or_default()
}

/// The end model's training examples from `article` ([`ends`]): for each
/// reading of a cue and source tried at more than one end, its ends (the
/// shortest first, as [`ends::choose`] breaks ties the other way) as their
/// features, and whether each is the one whose content overlaps an
/// annotated content best (overlap F1). Readings that match no annotated
/// content, or whose ends all match it equally, teach nothing.
pub fn ends_examples(
    models: &Models,
    article: &Article,
    gold: &[Annotated],
) -> Vec<Vec<(Vec<String>, bool)>> {
    let reading = Reading::new(article, models);
    let mut resolver = reading.resolver();
    let mut out = Vec::new();
    let mut observe = |reader: &Reader,
                       frame: &Frame,
                       candidates: &[reported::Candidate],
                       facts: &reported::SentenceFacts| {
        for (run, full_end) in ends::groups(candidates) {
            // The end model learns where the words of a known cue end;
            // the labeller's own cues would teach it their noise.
            if run.len() < 2 || candidates[run.start].how == reported::CueKind::Labelled {
                continue;
            }
            let f1s: Vec<f32> = candidates[run.clone()]
                .iter()
                .map(|c| {
                    let content = frame.bytes(c.span.content.clone());
                    gold.iter()
                        .map(|g| {
                            let (covered, length) = g.overlap(&content);
                            2.0 * covered as f32 / (length + content.len()).max(1) as f32
                        })
                        .fold(0.0, f32::max)
                })
                .collect();
            let best = f1s.iter().copied().fold(0.0, f32::max);
            if best == 0.0 || f1s.iter().all(|&f| f == best) {
                continue;
            }
            let group = candidates[run]
                .iter()
                .zip(&f1s)
                .rev()
                .map(|(c, &f1)| {
                    let features =
                        linear::names_of(|out| ends::features(reader, c, full_end, facts, out));
                    (features, f1 == best)
                })
                .collect();
            out.push(group);
        }
    };
    reading.statements(&mut resolver, Some(&mut observe));
    out
}

/// The verifier's training examples from `article` ([`verifier`]): each
/// reading of each sentence as reported speech, as its features, and
/// whether it is right. A reading's content is right when it covers at
/// least half of an annotated content and lies at least half inside it
/// (the scorer's match); its source is right when its words overlap that
/// attribution's Source span. A reading is right when both are, or — if no
/// reading of its cue has the right source — when its content is: so the
/// verifier learns to prefer the right source where there is one, without
/// learning to turn down attributions whose source no reading found. Each
/// reading is weighed at the end the end model chooses ([`ends`]), as
/// extraction weighs it.
pub fn verifier_examples(
    models: &Models,
    article: &Article,
    gold: &[Annotated],
) -> Vec<(Vec<String>, bool)> {
    let reading = Reading::new(article, models);
    let mut resolver = reading.resolver();
    let mut out = Vec::new();
    let mut observe = |reader: &Reader,
                       frame: &Frame,
                       candidates: &[reported::Candidate],
                       facts: &reported::SentenceFacts| {
        // The verifier weighs each reading at the end the end model chose.
        let candidates = &ends::choose(reader, &models.ends, candidates.to_vec(), facts);
        // How well each reading matches an annotated attribution: the
        // overlap F1 of its content with the best gold content it matches
        // (0 if none), and whether its source is that attribution's.
        let judged: Vec<(f32, bool)> = candidates
            .iter()
            .map(|c| {
                let content = frame.bytes(c.span.content.clone());
                let source = c.span.source_tokens.clone().map(|t| frame.bytes(t));
                let mut best = (0.0f32, false);
                for g in gold {
                    let (covered, length) = g.overlap(&content);
                    if covered == 0 || 2 * covered < length || 2 * covered < content.len() {
                        continue;
                    }
                    let f1 = 2.0 * covered as f32 / (length + content.len()) as f32;
                    let source_ok = g.source.is_empty()
                        || source
                            .as_ref()
                            .is_some_and(|s| g.source.iter().any(|r| reported::overlap(r, s) > 0));
                    if (source_ok, f1) > (best.1, best.0) {
                        best = (f1, source_ok);
                    }
                }
                best
            })
            .collect();
        for (i, c) in candidates.iter().enumerate() {
            let (f1, source_ok) = judged[i];
            let same_cue = || {
                candidates
                    .iter()
                    .zip(&judged)
                    .filter(move |(o, _)| o.span.cue_token == c.span.cue_token)
            };
            // Right: its content matches, and its source is right if any
            // reading of the cue has the right one.
            let rival_has_source = same_cue().any(|(_, &(of, os))| of > 0.0 && os);
            let right = f1 > 0.0 && (source_ok || !rival_has_source);
            let features = linear::names_of(|out| verifier::features(reader, c, facts, out));
            out.push((features, right));
        }
    };
    reading.statements(&mut resolver, Some(&mut observe));
    out
}

/// A name mention in running text.
#[derive(Clone, Copy, Debug)]
struct Mention {
    at: usize,
    person: PersonRef,
    /// Ordinal of its sentence in the article.
    sentence: usize,
    role: MentionRole,
}

/// What one quoted span turned out to be.
#[derive(Clone, Debug, Default)]
struct SpanVerdict {
    keep: bool,
    person: Option<PersonRef>,
    cue: Option<String>,
    cue_at: Option<usize>,
    /// The speaker came from a cue of its own (not borrowed from a neighbour).
    direct: bool,
    /// The words naming the source, as bytes, when the cue found them.
    source: Option<Range<usize>>,
    /// A few quoted words inside a clause the cue governs ("Rubio said the
    /// talks were “productive”"): the quotation is kept, but leaves its cue
    /// free, so that the clause around it is reported speech too.
    partial: bool,
    /// Where the speaker's words start, when a transcript's label opens
    /// the quoted span ("“PENCE: Well, look, …”": the label is who, not
    /// what was said).
    words_from: Option<usize>,
}

/// The article as read: its quoted spans, its body paragraphs as tokens
/// and sentences, and the words it capitalises mid-sentence. Made once;
/// nothing changes it afterwards.
struct Reading<'a> {
    article: &'a Article,
    models: &'a Models,
    text: &'a str,
    spans: Vec<QuoteSpan>,
    /// (index into article.paragraphs, frame, index of its first span)
    frames: Vec<(usize, Frame, usize)>,
    /// Whether a word is capitalised mid-sentence ([`Reader::proper`]).
    proper: Box<dyn Fn(&str) -> bool>,
    /// Whether a headline's word may be a name ([`Reader::headline_name`]).
    headline_name: Box<dyn Fn(&str) -> bool>,
}

/// Who the article's words are given to: the people it names and where,
/// and the resolution of a source phrase to one of them. It grows while
/// sources are resolved: a name that only a cue found becomes a mention.
#[derive(Default)]
struct Resolver {
    people: People,
    mentions: Vec<Mention>,
    /// Sources that named no one by name but were resolved ("he said",
    /// "the governor said"), as mentions of their speaker, in text order:
    /// the pronoun after them may mean the same person.
    referred: Vec<Mention>,
    /// Person named by the name run starting at a token's byte offset.
    run_person: HashMap<usize, PersonRef>,
    /// Byte offset where each sentence starts, in order: its ordinal is its index.
    sentence_starts: Vec<usize>,
    /// Phrases whose owner was named ("a Bloomberg poll"): where, the
    /// head without its plural "s", and the owner, for "the poll" later.
    owned: Vec<(usize, String, PersonRef)>,
    /// Things named with their owner in running text ("a Quinnipiac poll",
    /// "the Clinton campaign", "a report by the FBI"), in text order: where
    /// the thing's word is, its head without the plural "s", and the owner.
    things: Vec<(usize, String, PersonRef)>,
    /// When learning: each pronoun resolved, where, and the mentions
    /// weighed for it.
    weighed: Option<std::cell::RefCell<Vec<Weighed>>>,
    /// When learning: each description the model resolved, where, and
    /// the candidates weighed for it (nobody first).
    described: Option<std::cell::RefCell<Vec<Described>>>,
    /// The name class the tagger gave the name starting at each byte
    /// offset, once asked ([`Resolver::name_class`]).
    name_classes: std::cell::RefCell<HashMap<usize, Option<&'static str>>>,
    /// Who writes the article's first-person paragraphs, read the first
    /// time a source is the writer's "I" (most articles have none).
    writers: std::cell::OnceCell<writer::Writers>,
}

/// Words before a name tagged to tell its class ([`Resolver::name_class`]).
const NAME_CLASS_CONTEXT: usize = 4;

/// The most words of an owner named after a thing's head ("in The Des
/// Moines Register"), for [`Resolver::owner`].
const MAX_OWNER_WORDS: usize = 6;

/// A name found in a sentence: where it starts, as written, the roles
/// given it, its tokens, and its role in the sentence.
type FoundName<'a> = (
    usize,
    WrittenName<'a>,
    Vec<String>,
    Range<usize>,
    MentionRole,
);

/// A pronoun's resolution as the antecedent model learns from it.
type Weighed = (usize, Vec<(PersonRef, antecedent::Facts)>);

/// A description's resolution as the description model learns from it.
type Described = (usize, Vec<(Option<PersonRef>, description::Facts)>);

/// A source as its cue found it: its kind, its words and the cue's token,
/// in its sentence's tokens.
struct Cued<'s> {
    source: &'s Source,
    words: Option<Range<usize>>,
    cue: usize,
    sentence: &'s Range<usize>,
}

impl<'a> Reading<'a> {
    /// Who speaks through `cued` (a source, its words and its cue in its
    /// sentence) at byte `at`: nobody when its whole phrase heads on a
    /// group ("Advisers to Mr. Obama said"), else the person it resolves to.
    fn speaker_of(
        &self,
        resolver: &mut Resolver,
        reader: &Reader,
        frame: &Frame,
        cued: Cued,
        at: usize,
    ) -> Option<PersonRef> {
        if reader.names_a_group(cued.words.clone(), cued.cue, cued.sentence) {
            return None;
        }
        resolver.resolve(
            self,
            reader,
            frame,
            cued.source,
            cued.words,
            at,
            cued.sentence.start,
        )
    }

    fn new(article: &'a Article, models: &'a Models) -> Self {
        let text = article.text.as_str();
        let body: Vec<(usize, Range<usize>)> = article
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == ParagraphKind::Body)
            .map(|(i, p)| (i, p.range.clone()))
            .collect();
        let spans = find_quote_spans(text, &body);
        let mut frames = Vec::with_capacity(body.len());
        let mut next = 0;
        for (i, range) in &body {
            let first = next;
            while next < spans.len() && spans[next].paragraph == *i {
                next += 1;
            }
            frames.push((
                *i,
                Frame::read(text, range.clone(), &spans[first..next], first),
                first,
            ));
        }
        let proper = proper_words(text, &frames);
        let headline_names = headline_names(text, &frames);
        for (_, frame, _) in &mut frames {
            (frame.labels, frame.coarse) = span_tagger::frame_labels(text, frame, &models.spans);
        }
        Reading {
            article,
            models,
            text,
            spans,
            frames,
            proper: Box::new(move |w| proper.contains(w)),
            headline_name: Box::new(move |w| headline_names.contains(w)),
        }
    }

    /// The quoted span whose opening mark is at byte `at`, if any: a
    /// source resolved there attributes that quotation.
    fn quotation_opening_at(&self, at: usize) -> Option<&QuoteSpan> {
        let i = self
            .spans
            .partition_point(|s| s.open <= at)
            .checked_sub(1)?;
        Some(&self.spans[i]).filter(|s| s.open == at)
    }

    /// The words of a token range, as written.
    fn words(&self, frame: &Frame, run: Range<usize>) -> Vec<&'a str> {
        let text: &'a str = self.text;
        let mut words: Vec<&'a str> = frame.tokens[run]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| &text[t.range.clone()])
            .collect();
        if let Some(last) = words.last_mut() {
            *last = strip_possessive(last).0;
        }
        words
    }

    /// Finds every name in running text and learns genders from the pronouns
    /// that follow a lone name in its sentence.
    fn resolver(&self) -> Resolver {
        let mut r = Resolver::default();
        for (_, frame, _) in &self.frames {
            let reader = self.reader(frame);
            for (si, sentence) in frame.sentences.iter().enumerate() {
                let ordinal = r.sentence_starts.len();
                r.sentence_starts
                    .push(frame.tokens[sentence.start].range.start);
                let found = self.names_in(&reader, frame, sentence);
                let in_sentence = r.register(&reader, frame, sentence.start, ordinal, found);
                // "Broaddrick said … . She added": the pronouns of the
                // sentence and the next one's opening speak of the one
                // person it names, if it names only one.
                let persons: HashSet<PersonRef> = in_sentence
                    .iter()
                    .map(|(p, _)| *p)
                    .filter(|&p| r.people.get(p).is_person)
                    .collect();
                if persons.len() == 1 {
                    let (person, after) = in_sentence[0];
                    let next_opening = frame
                        .sentences
                        .get(si + 1)
                        .map_or(sentence.end, |s| (s.start + 1).min(s.end));
                    let end = next_opening.max(sentence.end);
                    if let Some(g) = pronoun_gender_after(&reader, after, end) {
                        r.people.learn_gender(person, g);
                    }
                }
            }
        }
        r
    }

    /// The names written in `sentence` of `frame`, in order: where each
    /// starts, as written, the roles given it and its role in the sentence.
    fn names_in(
        &self,
        reader: &Reader,
        frame: &Frame,
        sentence: &Range<usize>,
    ) -> Vec<FoundName<'a>> {
        let mut found = Vec::new();
        let mut t = sentence.start;
        while t < sentence.end {
            let Some(run) = reader.name_run_starting(t, sentence.end, sentence.start) else {
                t += 1;
                continue;
            };
            let words = self.words(frame, run.clone());
            if let Some(name) = WrittenName::split(&words) {
                let mut roles = reader.roles_before(run.start, sentence.start);
                roles.extend(reader.roles_apposed(&run, sentence));
                let role = reader.mention_role(&run);
                found.push((
                    frame.tokens[run.start].range.start,
                    name,
                    roles,
                    run.clone(),
                    role,
                ));
            }
            t = run.end;
        }
        found
    }

    /// Who writes the first-person paragraphs, read off the body
    /// paragraphs (those the frames read) and the people `r` found in them.
    fn writers(&self, r: &Resolver) -> writer::Writers {
        let paragraphs: Vec<Range<usize>> = self
            .frames
            .iter()
            .map(|(i, _, _)| self.article.paragraphs[*i].range.clone())
            .collect();
        writer::Writers::find(self.text, &paragraphs, |range| {
            let first = r.mentions.partition_point(|m| m.at < range.start);
            r.mentions
                .get(first)
                .filter(|m| m.at < range.end && r.people.get(m.person).is_person)
                .map(|m| (m.at, m.person))
        })
    }

    /// Every statement of the article: its quotations, then the reported
    /// speech that no quotation's cue claims, each given to a person by
    /// `resolver`.
    fn statements(&self, resolver: &mut Resolver, observe: Option<Observer>) -> Vec<Quotation> {
        let (mut verdicts, sentence_of_span) = self.quote_verdicts(resolver);
        self.hand_over_colon_speakers(resolver, &mut verdicts);
        self.hand_back_dash_speakers(resolver, &mut verdicts);
        let reported = self.reported_speech(resolver, &verdicts, observe);
        lend_reported_speakers(&self.spans, &reported, &mut verdicts);
        self.borrow_speakers(&mut verdicts);
        let venues = self.venues(&resolver.mentions, &verdicts, &reported);
        self.quotations(
            &resolver.people,
            &verdicts,
            &sentence_of_span,
            &reported,
            &venues,
        )
    }

    /// Reads `frame` with this article's proper words and models.
    fn reader<'r>(&'r self, frame: &'r Frame) -> Reader<'r> {
        Reader {
            text: self.text,
            tokens: &frame.tokens,
            labels: &frame.labels,
            coarse: &frame.coarse,
            proper: &*self.proper,
            headline_name: &*self.headline_name,
            models: self.models,
        }
    }

    /// What each quoted span is (a quotation, with its cue and speaker, or
    /// not), and the (frame, sentence) it stands in.
    fn quote_verdicts(
        &self,
        resolver: &mut Resolver,
    ) -> (Vec<SpanVerdict>, Vec<(usize, Range<usize>)>) {
        let mut verdicts = vec![SpanVerdict::default(); self.spans.len()];
        let mut sentence_of_span = vec![(0usize, 0..0); self.spans.len()];
        for (f, (_, frame, first)) in self.frames.iter().enumerate() {
            let reader = self.reader(frame);
            for k in *first..*first + frame.quote_count() {
                let Some(q) = frame.quote_token(k) else {
                    continue;
                };
                let sentence = frame.sentence_of(q);
                sentence_of_span[k] = (f, sentence.clone());
                verdicts[k] = self.verdict(resolver, &reader, frame, k, q, sentence);
            }
        }
        (verdicts, sentence_of_span)
    }

    /// What quoted span `k`, token `q` of `frame` in `sentence`, is.
    fn verdict(
        &self,
        resolver: &mut Resolver,
        reader: &Reader,
        frame: &Frame,
        k: usize,
        q: usize,
        sentence: Range<usize>,
    ) -> SpanVerdict {
        let found = reader.attribute(q, sentence.clone());
        let span = &self.spans[k];
        let words = self.text[span.inner.clone()].split_whitespace().count();
        let title_like = self.is_title_like(span, frame, q);
        // A title-cased span is a quotation only when a cue hugs it:
        // "“Make America Great Again,” he said" / "he said: “Enough”".
        let tight = found.as_ref().is_some_and(|(a, reach)| {
            *reach == Reach::Adjacent
                && (a.cue_token > q && a.cue_token - q <= 3
                    || q > 0
                        && a.cue_token < q
                        && a.cue_token + 2 >= q
                        && frame.tokens[q - 1].kind != TokenKind::Word)
        });
        // "“It's about me.”": a short but whole sentence is speech, not a scare quote.
        let inner = &self.text[span.inner.clone()];
        let ends_sentence = inner.ends_with(['.', '?', '!']);
        let whole_sentence =
            inner.starts_with(char::is_uppercase) && ends_sentence && !inner.ends_with("..");
        let keep = if self.is_known_title(span) {
            false
        } else if title_like {
            tight
        } else {
            span.continues || words > MAX_SCARE_QUOTE_WORDS || found.is_some() || whole_sentence
        };
        let mut v = SpanVerdict {
            keep,
            ..Default::default()
        };
        if let Some((a, _)) = found {
            v.partial = is_partial(reader, &a, q, &sentence, words, ends_sentence);
            v.cue_at = Some(frame.tokens[a.cue_token].range.start);
            let words = reader.source_tokens(&a.source, a.cue_token, sentence.start, sentence.end);
            v.source = words.clone().map(|t| frame.bytes(t));
            let cued = Cued {
                source: &a.source,
                words,
                cue: a.cue_token,
                sentence: &sentence,
            };
            v.person = self.speaker_of(resolver, reader, frame, cued, span.open);
            v.direct = v.person.is_some();
            v.cue = Some(a.cue);
        }
        // Transcripts: "WALLACE: If I may, sir, …". The label opens the
        // quoted span; the words said follow its colon.
        if v.person.is_none() {
            if let Some(label) = transcript_label(inner) {
                let start = span.inner.start;
                let colon = inner.find(':').unwrap_or(0);
                let said = inner.len() - inner[colon + 1..].trim_start().len();
                v.words_from = (said < inner.len()).then_some(start + said);
                let words: Vec<&str> = label.split_whitespace().collect();
                if let Some(name) = WrittenName::split(&words) {
                    v.person = Some(resolver.people.mention(&name, &[]));
                    v.direct = true;
                    v.keep = true;
                    v.cue = Some(":".to_string());
                    v.source = inner
                        .find(label)
                        .map(|at| start + at..start + at + label.len());
                }
            }
        }
        v
    }

    /// A paragraph ending "Reporter Jomana Karadsheh says:" hands its
    /// speaker to the quote that opens the next one.
    fn hand_over_colon_speakers(&self, resolver: &mut Resolver, verdicts: &mut [SpanVerdict]) {
        for (f, (_, frame, _)) in self.frames.iter().enumerate() {
            let Some(next) = self.frames.get(f + 1) else {
                continue;
            };
            let reader = self.reader(frame);
            let end = frame.tokens.len();
            let Some(last) = frame.sentences.last() else {
                continue;
            };
            let Some(a) = reader.colon_attribution(end, last.start, last.start) else {
                continue;
            };
            let Some(k) = next.1.tokens.first().and_then(|t| match t.kind {
                TokenKind::Quote(k) => Some(k),
                _ => None,
            }) else {
                continue;
            };
            if verdicts[k].person.is_none() {
                let at = self.spans[k].open;
                let words = reader.source_tokens(&a.source, a.cue_token, last.start, end);
                let v = &mut verdicts[k];
                v.person = resolver.resolve(
                    self,
                    &reader,
                    frame,
                    &a.source,
                    words.clone(),
                    at,
                    last.start,
                );
                v.direct = v.person.is_some();
                v.source = words.map(|t| frame.bytes(t));
                v.cue = Some(a.cue);
                v.keep = true;
            }
        }
    }

    /// A paragraph that is only a dash and a name ("- Bernie Sanders.",
    /// "—Michelle Marks, Philadelphia.") signs the quotation that makes up
    /// the paragraph before it, as a transcript or a list of quotes does.
    fn hand_back_dash_speakers(&self, resolver: &mut Resolver, verdicts: &mut [SpanVerdict]) {
        for pair in self.frames.windows(2) {
            let ((_, quoted, _), (_, signed, _)) = (&pair[0], &pair[1]);
            let only_quotes = !quoted.tokens.is_empty()
                && quoted.tokens.iter().all(|t| t.kind != TokenKind::Word);
            let dash = signed
                .tokens
                .first()
                .is_some_and(|t| matches!(t.kind, TokenKind::Punct('-' | '―' | '—' | '–')));
            if !only_quotes || !dash || signed.sentences.len() != 1 || signed.tokens.len() > 24 {
                continue;
            }
            let reader = self.reader(signed);
            let end = signed.tokens.len();
            let Some(run) = reader.name_run_starting(1, end, 1) else {
                continue;
            };
            // The name ends the line, or a comma sets off where or what it is.
            if !matches!(
                signed.tokens.get(run.end).map(|t| t.kind),
                None | Some(TokenKind::Punct('.' | ','))
            ) {
                continue;
            }
            let source = Source::Name(run.clone());
            for t in &quoted.tokens {
                let TokenKind::Quote(k) = t.kind else {
                    continue;
                };
                if verdicts[k].person.is_some() {
                    continue;
                }
                let at = self.spans[k].open;
                let v = &mut verdicts[k];
                v.person =
                    resolver.resolve(self, &reader, signed, &source, Some(run.clone()), at, 0);
                v.direct = v.person.is_some();
                v.source = Some(signed.bytes(run.clone()));
                v.cue = Some(self.text[signed.tokens[0].range.clone()].to_string());
                v.cue_at = Some(signed.tokens[0].range.start);
                v.keep = true;
            }
        }
    }

    /// Reported speech: cues that no kept quotation used, but for a few
    /// quoted words inside the clause a cue governs; and paragraphs that
    /// open with a speaker's label.
    fn reported_speech(
        &self,
        resolver: &mut Resolver,
        verdicts: &[SpanVerdict],
        mut observe: Option<Observer>,
    ) -> Vec<Reported> {
        let (used, quoting) = self.quotation_cues(verdicts);
        let mut reported = Vec::new();
        let mut interviewee: Option<Option<PersonRef>> = None;
        for (f, (_, frame, _)) in self.frames.iter().enumerate() {
            let reader = self.reader(frame);
            // A quotation's cue is its own, but for a cue in a sentence after
            // the quotation ("“…” Cruz says he isn't familiar with it."):
            // what follows that cue is reported speech too.
            let cue_used = |t: usize| {
                used.get(&frame.tokens[t].range.start)
                    .is_some_and(|&quote_end| {
                        quote_end > frame.tokens[frame.sentence_of(t).start].range.start
                    })
            };
            let cue_quoting = |t: usize| quoting.contains(&frame.tokens[t].range.start);
            if let Some(l) = reader.labelled(frame.tokens.len()) {
                let labelled =
                    self.labelled_statement(resolver, &reader, f, &l, verdicts, &mut interviewee);
                match labelled {
                    Labelled::Statement(r) => {
                        reported.push(r);
                        continue;
                    }
                    Labelled::Nobodys => continue,
                    Labelled::Quoted => {}
                }
            }
            for sentence in &frame.sentences {
                work::step();
                let facts = reported::SentenceFacts::read(&reader, sentence.clone());
                let candidates = reader.reported_candidates(&facts, &cue_used);
                if let Some(observe) = observe.as_mut() {
                    observe(&reader, frame, &candidates, &facts);
                }
                let candidates = ends::choose(&reader, &self.models.ends, candidates, &facts);
                if let Some((cue, question)) = reader.asked_question(sentence.clone()) {
                    if !cue_used(cue) && !candidates.iter().any(|c| c.span.cue_token == cue) {
                        reported.push(Reported {
                            frame: f,
                            sentence: sentence.clone(),
                            content: frame.bytes(question),
                            pieces: Vec::new(),
                            source: None,
                            person: None,
                            cue: reader.word(cue).unwrap_or("asked").to_string(),
                            cue_at: frame.tokens[cue].range.start,
                        });
                    }
                }
                for r in reader.readings(candidates, &facts) {
                    let Some(content) =
                        reader.short_of_attribution(r.content.clone(), &cue_quoting)
                    else {
                        continue;
                    };
                    let at = (f, sentence);
                    reported.push(self.reported(resolver, &reader, at, r, content));
                }
            }
        }
        reported
    }

    /// Each kept quotation's cue (by byte) with where the last quotation
    /// it attributes ends, partial ones left out; and every kept
    /// quotation's cue, partial ones' too: a reported content that runs
    /// into one has run into another statement.
    fn quotation_cues(&self, verdicts: &[SpanVerdict]) -> (HashMap<usize, usize>, HashSet<usize>) {
        let mut used: HashMap<usize, usize> = HashMap::default();
        for (s, v) in self.spans.iter().zip(verdicts) {
            if let (true, false, Some(cue)) = (v.keep, v.partial, v.cue_at) {
                let end = s.close.as_ref().map_or(s.inner.end, |c| c.end);
                let last = used.entry(cue).or_default();
                *last = (*last).max(end);
            }
        }
        let quoting = verdicts
            .iter()
            .filter(|v| v.keep)
            .filter_map(|v| v.cue_at)
            .collect();
        (used, quoting)
    }

    /// The reported statement of reading `r` of the sentence `at` (frame,
    /// token range), whose content is `content`: its speaker resolved, its
    /// pieces around an attribution inside it.
    fn reported(
        &self,
        resolver: &mut Resolver,
        reader: &Reader,
        (f, sentence): (usize, &Range<usize>),
        r: reported::ReportedSpan,
        content: Range<usize>,
    ) -> Reported {
        let frame = &self.frames[f].1;
        let cue_at = frame.tokens[r.cue_token].range.start;
        let cued = Cued {
            source: &r.source,
            words: r.source_tokens.clone(),
            cue: r.cue_token,
            sentence,
        };
        let person = self.speaker_of(resolver, reader, frame, cued, cue_at);
        let pieces = reader
            .pieces_around(&content, r.source_tokens.as_ref(), r.cue_token)
            .map_or_else(Vec::new, |p| p.map(|t| frame.bytes(t)).to_vec());
        Reported {
            frame: f,
            sentence: sentence.clone(),
            content: frame.bytes(content),
            pieces,
            source: r.source_tokens.map(|t| frame.bytes(t)),
            person,
            cue: r.cue,
            cue_at,
        }
    }

    /// "NAME: words": the paragraph of frame `f` is the labelled speaker's,
    /// unless a quotation in it already is; an interview's answers are the
    /// person it introduced before its first turn (`interviewee`, found
    /// once), its questions nobody's statement.
    fn labelled_statement(
        &self,
        resolver: &mut Resolver,
        reader: &Reader,
        f: usize,
        l: &reported::Labelled,
        verdicts: &[SpanVerdict],
        interviewee: &mut Option<Option<PersonRef>>,
    ) -> Labelled {
        let frame = &self.frames[f].1;
        let paragraph = frame.bytes(0..frame.tokens.len());
        let quoted = self
            .spans
            .iter()
            .zip(verdicts)
            .any(|(s, v)| v.keep && paragraph.contains(&s.open));
        if quoted {
            return Labelled::Quoted;
        }
        let cue_at = frame.tokens[l.colon].range.start;
        if l.turn.is_some() && interviewee.is_none() {
            *interviewee = Some(resolver.nearest_person(cue_at, |_| true, Gender::Unknown));
        }
        let person = match (&l.source, l.turn) {
            (Some(source), _) => resolver.resolve(
                self,
                reader,
                frame,
                source,
                Some(l.label.clone()),
                cue_at,
                0,
            ),
            (None, Some(Turn::Question)) => return Labelled::Nobodys,
            (None, _) => interviewee.flatten(),
        };
        Labelled::Statement(Reported {
            frame: f,
            sentence: frame.sentences.first().cloned().unwrap_or(0..0),
            content: frame.bytes(l.content.clone()),
            pieces: Vec::new(),
            source: Some(frame.bytes(l.label.clone())),
            person,
            cue: ":".to_string(),
            cue_at,
        })
    }

    /// Whether a quoted span is the title of a known show or outlet ("This Week").
    fn is_known_title(&self, span: &QuoteSpan) -> bool {
        let inner = self.text[span.inner.clone()].trim_end_matches([',', '.', '!', '?', ';', ':']);
        OUTLETS.iter().any(|(phrase, _)| phrase == &inner)
    }

    /// Whether a quoted span is a title (a show, a book, a nickname) rather than words spoken.
    fn is_title_like(&self, span: &QuoteSpan, frame: &Frame, q: usize) -> bool {
        let inner = self.text[span.inner.clone()].trim_end_matches([',', '.', '!', '?', ';', ':']);
        let words: Vec<&str> = inner.split_whitespace().collect();
        if words.is_empty()
            || words.len() > MAX_TITLE_WORDS
            || inner.contains(['.', ',', '?', '!', ';', ':'])
        {
            return false;
        }
        const SMALL: &[&str] = &[
            "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by",
            "from", "&",
        ];
        let title_case = words.iter().enumerate().all(|(i, w)| {
            is_capitalized(w)
                || w.chars().next().is_some_and(|c| !c.is_alphabetic())
                || (i > 0 && SMALL.contains(w))
        });
        let all_caps = inner
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if !title_case || (all_caps && words.len() > 2) {
            return false;
        }
        // One capitalised word can be a quoted word that opens a sentence;
        // count it as a title only when the text around says so.
        let next_word = frame
            .tokens
            .get(q + 1)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| key(&self.text[t.range.clone()]));
        let prev_word = q
            .checked_sub(1)
            .and_then(|p| frame.tokens.get(p))
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| self.text[t.range.clone()].to_string());
        let tailed = next_word.is_some_and(|w| TITLE_TAILS.contains(&w.as_str()));
        let led = prev_word.is_some_and(|w| {
            strip_possessive(&w).1
                || matches!(
                    key(&w).as_str(),
                    "on" | "titled" | "called" | "dubbed" | "named" | "nicknamed" | "as"
                )
        });
        words.len() >= 2 || tailed || led
    }

    /// Quotes without a cue of their own take the speaker of the quotation
    /// they continue, of a neighbour in the same paragraph, or of the
    /// paragraph before when they open their paragraph.
    fn borrow_speakers(&self, verdicts: &mut [SpanVerdict]) {
        for k in 0..self.spans.len() {
            work::step();
            if verdicts[k].person.is_some() || !verdicts[k].keep {
                continue;
            }
            let span = &self.spans[k];
            let same_para = |j: usize| self.spans[j].paragraph == span.paragraph;
            let borrowed = if span.continues && k > 0 {
                Some(k - 1)
            } else if let Some(j) = (0..k)
                .rev()
                .take_while(|&j| same_para(j))
                .take(NEIGHBOURS)
                .find(|&j| verdicts[j].direct)
            {
                Some(j)
            } else if let Some(j) = (k + 1..self.spans.len())
                .take_while(|&j| same_para(j))
                .take(NEIGHBOURS)
                .find(|&j| verdicts[j].direct)
            {
                Some(j)
            } else if self.paragraph_opens_with_quote(span)
                && k > 0
                && !same_para(k - 1)
                && self.adjacent_paragraphs(k - 1, k)
            {
                Some(k - 1)
            } else {
                None
            };
            if let Some(j) = borrowed {
                verdicts[k].person = verdicts[j].person;
                if verdicts[k].cue.is_none() {
                    verdicts[k].cue = verdicts[j].cue.clone();
                }
                // The words that named the lender name this quote's
                // speaker too: one attribution made once for both.
                if verdicts[k].source.is_none() {
                    verdicts[k].source = verdicts[j].source.clone();
                }
            }
        }
    }

    fn paragraph_opens_with_quote(&self, span: &QuoteSpan) -> bool {
        self.article.paragraphs[span.paragraph].range.start == span.open
    }

    fn adjacent_paragraphs(&self, a: usize, b: usize) -> bool {
        let (pa, pb) = (self.spans[a].paragraph, self.spans[b].paragraph);
        pb == pa + 1
    }

    /// Venue mentions per (frame, sentence), with the people each sentence names.
    fn venues(
        &self,
        mentions: &[Mention],
        verdicts: &[SpanVerdict],
        reported: &[Reported],
    ) -> Vec<Venue<'a>> {
        let reported_in: HashSet<usize> = reported.iter().map(|r| r.frame).collect();
        let title_spans: Vec<Range<usize>> = self
            .spans
            .iter()
            .zip(verdicts)
            .filter(|(_, v)| !v.keep)
            .map(|(s, _)| s.open..s.end())
            .collect();
        let in_title = |pos: usize| {
            let i = title_spans.partition_point(|r| r.start <= pos);
            i > 0 && pos < title_spans[i - 1].end
        };
        let in_quote = |pos: usize| {
            let i = self.spans.partition_point(|s| s.open <= pos);
            i > 0 && pos < self.spans[i - 1].end()
        };
        let mut venues = Vec::new();
        for (f, (p, frame, _)) in self.frames.iter().enumerate() {
            // Venues matter in a statement's paragraph and the one before it.
            let has_quote = |g: usize| {
                reported_in.contains(&g)
                    || self
                        .frames
                        .get(g)
                        .is_some_and(|(_, fr, _)| fr.quote_count() > 0)
            };
            if !has_quote(f) && !has_quote(f + 1) {
                continue;
            }
            let range = self.article.paragraphs[*p].range.clone();
            let found: Vec<OutletMention> = self
                .models
                .outlets
                .find(self.text, range, in_title, in_quote);
            for m in found {
                let t = frame
                    .tokens
                    .partition_point(|t| t.range.end <= m.range.start);
                if t >= frame.tokens.len() {
                    continue;
                }
                let sentence = frame.sentence_of(t);
                let lo = frame.tokens[sentence.start].range.start;
                let hi = frame.tokens[sentence.end - 1].range.end;
                let named = mentions.partition_point(|m| m.at < lo)
                    ..mentions.partition_point(|m| m.at < hi);
                let quoted = self.spans.partition_point(|s| s.open < lo)
                    ..self.spans.partition_point(|s| s.open < hi);
                let people: Vec<PersonRef> = mentions[named]
                    .iter()
                    .map(|m| m.person)
                    .chain(
                        quoted
                            .filter(|&k| verdicts[k].direct)
                            .filter_map(|k| verdicts[k].person),
                    )
                    .collect();
                venues.push(Venue {
                    frame: f,
                    sentence: sentence.clone(),
                    at: m.range.start,
                    outlet: m.outlet,
                    people,
                });
            }
        }
        venues
    }

    fn quotations(
        &self,
        people: &People,
        verdicts: &[SpanVerdict],
        sentence_of_span: &[(usize, Range<usize>)],
        reported: &[Reported],
        venues: &[Venue],
    ) -> Vec<Quotation> {
        let mut out = Vec::new();
        for (k, (span, v)) in self.spans.iter().zip(verdicts).enumerate() {
            if !v.keep {
                continue;
            }
            let (f, sentence) = &sentence_of_span[k];
            out.push(self.statement(
                people,
                Statement {
                    kind: StatementKind::Quote,
                    span: v.words_from.unwrap_or(span.inner.start)..span.inner.end,
                    pieces: Vec::new(),
                    paragraph_index: span.paragraph,
                    frame: *f,
                    sentence: sentence.clone(),
                    at: span.open,
                    anchor: v.cue_at.unwrap_or(span.open),
                    person: v.person,
                    cue: v.cue.clone(),
                    source: v.source.clone(),
                },
                venues,
            ));
        }
        for r in reported {
            out.push(self.statement(
                people,
                Statement {
                    kind: StatementKind::Reported,
                    span: r.content.clone(),
                    pieces: r.pieces.clone(),
                    paragraph_index: self.frames[r.frame].0,
                    frame: r.frame,
                    sentence: r.sentence.clone(),
                    at: r.content.start,
                    anchor: r.cue_at,
                    person: r.person,
                    cue: Some(r.cue.clone()),
                    source: r.source.clone(),
                },
                venues,
            ));
        }
        out.sort_by_key(|q| q.span.start);
        out
    }

    /// The bytes of the whole phrase that names a statement's source,
    /// given those of the words its reading found (`bytes`), in frame `f`
    /// and `sentence`, with its cue at byte `cue_at`.
    fn source_phrase(
        &self,
        f: usize,
        sentence: &Range<usize>,
        cue_at: usize,
        bytes: Range<usize>,
    ) -> Range<usize> {
        let frame = &self.frames[f].1;
        let tokens = &frame.tokens;
        let first = tokens.partition_point(|t| t.range.start < bytes.start);
        let last = tokens.partition_point(|t| t.range.start < bytes.end);
        let inside = |t: usize| (sentence.start..sentence.end).contains(&t);
        if first >= last || !inside(first) || !inside(last - 1) {
            return bytes;
        }
        let at = tokens.partition_point(|t| t.range.start < cue_at);
        let cue = tokens
            .get(at)
            .filter(|t| t.range.start == cue_at)
            .map(|_| at);
        let reader = self.reader(frame);
        frame.bytes(reader.source_phrase(first..last, cue, sentence.clone()))
    }

    /// A statement with its speaker named and its outlet found: said in
    /// its own sentence, implied by its cue ("tweeted"), or the last one
    /// its speaker was seen on nearby.
    fn statement(&self, people: &People, s: Statement, venues: &[Venue]) -> Quotation {
        let speaker = s.person.and_then(|p| {
            let name = display_name::clean(&people.get(p).display)?;
            Some(Speaker {
                id: SpeakerId::of(&name),
                name,
            })
        });
        let f = s.frame;
        // Venues are in text order: look only at those of this frame and the one before.
        let frame_venues = &venues[venues.partition_point(|venue| venue.frame + 1 < f)
            ..venues.partition_point(|venue| venue.frame <= f)];
        let tokens = &self.frames[f].1.tokens;
        let (lo, hi) = match (
            tokens.get(s.sentence.start),
            tokens.get(s.sentence.end.saturating_sub(1)),
        ) {
            (Some(a), Some(b)) => (a.range.start, b.range.end),
            _ => (s.at, s.at),
        };
        let in_sentence = &frame_venues[frame_venues.partition_point(|venue| venue.at < lo)
            ..frame_venues.partition_point(|venue| venue.at < hi)];
        let own = in_sentence
            .iter()
            .filter(|venue| venue.frame == f && venue.sentence == s.sentence)
            .min_by_key(|venue| venue.at.abs_diff(s.anchor))
            .map(|venue| venue.outlet);
        let from_cue = s.cue.as_deref().and_then(|c| {
            lexicon::CUE_OUTLETS
                .iter()
                .find(|(cue, _)| c.eq_ignore_ascii_case(cue))
                .map(|(_, o)| *o)
        });
        let inherited = || {
            let p = s.person?;
            frame_venues[..frame_venues.partition_point(|venue| venue.at < s.at)]
                .iter()
                .rev()
                .take(NEIGHBOURS)
                .find(|venue| venue.people.contains(&p))
                .map(|venue| venue.outlet)
        };
        let outlet = own.or(from_cue).or_else(inherited).map(str::to_string);
        let paragraph = &self.article.paragraphs[s.paragraph_index];
        Quotation {
            kind: s.kind,
            text: self.text[s.span.clone()].to_string(),
            span: s.span,
            pieces: s.pieces,
            paragraph_index: s.paragraph_index,
            paragraph: paragraph.number,
            speaker,
            outlet,
            cue: s.cue,
            source: s
                .source
                .map(|bytes| self.source_phrase(f, &s.sentence, s.anchor, bytes)),
        }
    }
}

/// "a Wall Street Journal/NBC News poll", "the CNN/ORC poll": the owner
/// of a poll two bodies made together is the two, named as the article
/// writes them (a search for either finds it). `runs` are the owners'
/// names in the phrase; the words of the first run and the one a slash
/// joins it to, if any.
fn joint_owner<'a>(
    reading: &Reading<'a>,
    frame: &Frame,
    runs: &[Range<usize>],
    head: &str,
) -> Option<Vec<&'a str>> {
    if !matches!(head, "poll" | "polls" | "polling" | "survey" | "surveys") {
        return None;
    }
    let [first, second, ..] = runs else {
        return None;
    };
    let slash = frame.tokens.get(first.end)?;
    if second.start != first.end + 1
        || slash.kind != TokenKind::Punct('/')
        || first.is_empty()
        || second.is_empty()
    {
        return None;
    }
    let text: &'a str = reading.text;
    let joined =
        &text[frame.tokens[first.end - 1].range.start..frame.tokens[second.start].range.end];
    let mut words = reading.words(frame, first.start..first.end - 1);
    words.push(joined);
    words.extend(reading.words(frame, second.start + 1..second.end));
    Some(words)
}

/// Whether a description's head is one an article gives its main figure
/// ("the candidate", "the retired neurosurgeon", "the billionaire").
fn is_person_head(head: &str) -> bool {
    lexicon::FIGURE_NOUNS.contains(&head)
}

impl Resolver {
    /// Makes mentions of the names `found` in the sentence opening at
    /// token `sentence_start` (the `ordinal`th of the article), with the
    /// things they own ("the Clinton campaign"); each person named, with
    /// the token after their name.
    fn register(
        &mut self,
        reader: &Reader,
        frame: &Frame,
        sentence_start: usize,
        ordinal: usize,
        found: Vec<FoundName>,
    ) -> Vec<(PersonRef, usize)> {
        let mut in_sentence = Vec::with_capacity(found.len());
        for (at, name, roles, run, role) in found {
            let person = self.people.mention(&name, &roles);
            let end_token = run.end;
            if let Some(thing) = reader.thing_owned_by(run, sentence_start) {
                let stem = reader
                    .lower(thing)
                    .unwrap_or_default()
                    .trim_end_matches('s');
                self.things
                    .push((frame.tokens[thing].range.start, stem.to_string(), person));
            }
            if role == MentionRole::Speaker {
                // "Sanders said": whoever speaks is someone.
                self.people.mark_person(person);
            }
            self.run_person.insert(at, person);
            self.mentions.push(Mention {
                at,
                person,
                sentence: ordinal,
                role,
            });
            in_sentence.push((person, end_token));
        }
        in_sentence
    }

    /// The ordinal of the sentence that byte `at` stands in.
    fn sentence_at(&self, at: usize) -> usize {
        self.sentence_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1)
    }

    /// Resolves a source phrase to a person of the article
    /// ([`Resolver::resolve_source`]); a pronoun, description or "who" so
    /// resolved is remembered where its words stand, as a mention of the
    /// speaker ("“…,” she said. … “…,” she said").
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &mut self,
        reading: &Reading,
        reader: &Reader,
        frame: &Frame,
        source: &Source,
        phrase: Option<Range<usize>>,
        at: usize,
        sentence_start: usize,
    ) -> Option<PersonRef> {
        let stands = phrase
            .as_ref()
            .and_then(|w| frame.tokens.get(w.start))
            .map_or(at, |t| t.range.start);
        let named = matches!(source, Source::Name(_));
        // The same words resolved before (a cue of both a quotation and
        // reported speech) mean the same person, and are not their own antecedent.
        let i = self.referred.partition_point(|m| m.at < stands);
        if let Some(m) = self.referred.get(i).filter(|m| !named && m.at == stands) {
            return Some(m.person);
        }
        let person =
            self.resolve_source(reading, reader, frame, source, phrase, at, sentence_start)?;
        if !named {
            let sentence = self.sentence_at(stands);
            self.referred.insert(
                i,
                Mention {
                    at: stands,
                    person,
                    sentence,
                    role: MentionRole::Speaker,
                },
            );
        }
        Some(person)
    }

    /// The person a source phrase means. `phrase` is the source's words
    /// as tokens, where the cue found them: a description's owner is read
    /// off them.
    #[allow(clippy::too_many_arguments)]
    fn resolve_source(
        &mut self,
        reading: &Reading,
        reader: &Reader,
        frame: &Frame,
        source: &Source,
        phrase: Option<Range<usize>>,
        at: usize,
        sentence_start: usize,
    ) -> Option<PersonRef> {
        let voiced = |r: &mut Self, head: &str| {
            r.owner(
                reading,
                reader,
                frame,
                head,
                phrase.clone(),
                at,
                sentence_start,
            )
        };
        if let (Source::Description(head) | Source::Document(head), Some(words)) =
            (source, phrase.clone())
        {
            if let Some(run) = reader.name_at_head(words, head, sentence_start) {
                let name = Source::Name(run);
                if let Some(p) =
                    self.resolve_mention(reading, reader, frame, &name, at, sentence_start)
                {
                    return Some(p);
                }
            }
        }
        let found = match source {
            Source::Document(head) => voiced(self, head),
            Source::Description(head) => match voice_of(head) {
                Some(Voice::Thing) => voiced(self, head).or_else(|| self.described(head, at)),
                // "a State Department spokesman": the spokesman the article
                // named, else the department, else whoever is near.
                Some(Voice::Proxy) => self
                    .given_role(head, at)
                    .or_else(|| voiced(self, head))
                    .or_else(|| self.owner_of_last_thing(at))
                    .or_else(|| self.fitting(head, at)),
                None => {
                    // "the company", "the candidate": a definite description
                    // may mean a body or the person the article is about.
                    let definite = phrase
                        .clone()
                        .is_some_and(|w| reader.lower(w.start) == Some("the"));
                    // "his advisers", "Cruz's critics": never their owner.
                    let owned_person = lexicon::RELATION_NOUNS.contains(&head.as_str());
                    self.described(head, at)
                        .or_else(|| (!owned_person).then(|| voiced(self, head))?)
                        .or_else(|| definite.then(|| self.named_body(reading.text, head, at))?)
                        .or_else(|| {
                            (definite && is_person_head(head)).then(|| self.main_person(at))?
                        })
                }
            },
            _ => return self.resolve_mention(reading, reader, frame, source, at, sentence_start),
        };
        match source {
            // "her brother", "Cruz's advisers": someone of the owner's, never
            // the owner, and rarely anyone the article names.
            Source::Description(head)
                if lexicon::RELATION_NOUNS.contains(&head.as_str())
                    && phrase.clone().is_some_and(|w| reader.has_owner(w)) =>
            {
                found
            }
            Source::Description(head) | Source::Document(head) if found.is_none() => {
                self.learned_description(reading, reader, head, phrase, at)
            }
            _ => found,
        }
    }

    /// The description model's choice ([`description`]) for a description
    /// at byte `at` that no rule resolved: a person or body named in the
    /// last [`DESCRIBED_WINDOW`] sentences, or nobody.
    fn learned_description(
        &self,
        reading: &Reading,
        reader: &Reader,
        head: &str,
        phrase: Option<Range<usize>>,
        at: usize,
    ) -> Option<PersonRef> {
        // "Whitfield administration officials": a group is no one person,
        // however close a name stands.
        if lexicon::is_group(head) {
            return None;
        }
        let candidates = self.description_candidates(reading, reader, head, phrase, at);
        let model = &reading.models.descriptions;
        let scores: Vec<f32> = candidates
            .iter()
            .map(|(_, facts)| model.score(|out| description::features(facts, out)))
            .collect();
        // Nobody comes first and wins ties: an empty model names no one.
        let nobody = scores.first().copied().unwrap_or(0.0);
        let mut best: Option<(f32, Option<PersonRef>)> = None;
        for ((person, _), &score) in candidates.iter().zip(&scores) {
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, *person));
            }
        }
        if let Some(described) = &self.described {
            described.borrow_mut().push((at, candidates));
        }
        best.filter(|(score, _)| *score > nobody + DESCRIBED_MARGIN)
            .and_then(|(_, person)| person)
    }

    /// Nobody, then each person or body named in the last
    /// [`DESCRIBED_WINDOW`] sentences before byte `at` (at most
    /// [`MAX_DESCRIBED`], latest first), with what is known of each as
    /// what the description `head` (its words `phrase`) means.
    fn description_candidates(
        &self,
        reading: &Reading,
        reader: &Reader,
        head: &str,
        phrase: Option<Range<usize>>,
        at: usize,
    ) -> Vec<(Option<PersonRef>, description::Facts)> {
        let here = self.sentence_at(at);
        let quotation = reading.quotation_opening_at(at).is_some();
        let words: Vec<String> = phrase
            .clone()
            .map(|w| {
                (w.start + 1..w.end)
                    .filter_map(|t| reader.word(t))
                    .filter(|w| is_capitalized(w))
                    .map(|w| strip_possessive(w).0.to_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        let definite = phrase.is_some_and(|w| reader.lower(w.start) == Some("the"));
        let nobody = description::Facts::nobody(head, definite, quotation);
        let singular = head.strip_suffix('s').unwrap_or(head);
        let mut out = vec![(None, nobody.clone())];
        // No further back than a window of mentions, so that a sentence
        // naming one person thousands of times stays linear.
        let before = self.mentions.partition_point(|m| m.at < at);
        let window = &self.mentions[before.saturating_sub(NEAREST_WINDOW)..before];
        for m in window.iter().rev() {
            work::step();
            let distance = here.saturating_sub(m.sentence);
            if distance > DESCRIBED_WINDOW || out.len() > MAX_DESCRIBED {
                break;
            }
            if out.iter().any(|(p, _)| *p == Some(m.person)) {
                continue;
            }
            let p = self.people.get(m.person);
            if p.place {
                continue;
            }
            let name: Vec<String> = p
                .display
                .split_whitespace()
                .map(|w| strip_possessive(w).0.to_lowercase())
                .collect();
            let in_name = |w: &str| name.iter().any(|n| n == w);
            out.push((
                Some(m.person),
                description::Facts {
                    nobody: false,
                    distance,
                    rank: out.len() - 1,
                    mentions: p.mentions,
                    body: !p.is_person,
                    has_role: p.roles.iter().any(|r| r == head || r == singular),
                    titled: !p.roles.is_empty(),
                    shares_word: (!words.is_empty()).then(|| {
                        words
                            .iter()
                            .any(|w| in_name(w) || p.roles.iter().any(|r| r == w))
                    }),
                    head_in_name: in_name(head) || in_name(singular),
                    speaker: m.role == MentionRole::Speaker,
                    ..nobody.clone()
                },
            ));
        }
        let most = out.iter().map(|(_, f)| f.mentions).max().unwrap_or(0);
        let recent = out.iter().skip(1).filter(|(_, f)| f.distance <= 1).count();
        for (_, facts) in out.iter_mut().skip(1) {
            facts.most_named = facts.mentions == most;
            facts.alone = recent == 1 && facts.distance <= 1;
        }
        out
    }

    /// The owner a thing or a proxy speaks for: the one its phrase names
    /// ("the Clinton campaign"), else, for a definite phrase ("the poll"),
    /// the owner of the last phrase before it with the same head.
    #[allow(clippy::too_many_arguments)]
    fn owner(
        &mut self,
        reading: &Reading,
        reader: &Reader,
        frame: &Frame,
        head: &str,
        phrase: Option<Range<usize>>,
        at: usize,
        sentence_start: usize,
    ) -> Option<PersonRef> {
        let phrase = phrase?;
        // "reads a Wednesday editorial in The Des Moines Register": the
        // phrase ends at its head, the owner after it.
        let after = phrase.end + 1 + usize::from(reader.lower(phrase.end + 1) == Some("the"));
        let owned = matches!(reader.lower(phrase.end), Some("by" | "from" | "for" | "in"))
            && reader.word(after).is_some_and(is_capitalized);
        let phrase = if owned {
            phrase.start..frame.tokens.len().min(phrase.end + 1 + MAX_OWNER_WORDS)
        } else {
            phrase
        };
        let mut named = None;
        let owners = reader.owners_in(phrase.clone(), sentence_start);
        let runs: Vec<Range<usize>> = owners
            .iter()
            .filter_map(|o| match o {
                Owner::Name(run) => Some(run.clone()),
                Owner::Pronoun(_) => None,
            })
            .collect();
        let joint = joint_owner(reading, frame, &runs, head);
        if let Some(words) = &joint {
            named = WrittenName::split(words).map(|n| self.people.mention(&n, &[]));
        }
        for owner in owners.into_iter().filter(|_| joint.is_none()) {
            let source = match owner {
                Owner::Name(run) => Source::Name(run),
                Owner::Pronoun(g) => Source::Pronoun(g),
            };
            named = self
                .resolve_mention(reading, reader, frame, &source, at, sentence_start)
                // "a poll by a college in Ohio": a place owns nothing that speaks.
                .filter(|&p| !self.people.get(p).place);
            if named.is_some() {
                break;
            }
        }
        let stem = head.trim_end_matches('s');
        if let Some(p) = named {
            self.owned.push((at, stem.to_string(), p));
            return Some(p);
        }
        let definite = matches!(reader.lower(phrase.start), Some("the" | "this" | "that"));
        if !definite {
            return None;
        }
        let owned = self
            .owned
            .iter()
            .rev()
            .take(OWNED_LOOKBACK)
            .find(|(before, h, _)| *before < at && h == stem);
        // Else the same thing named with its owner where no source named
        // it ("A Quinnipiac poll released Tuesday … The poll found").
        let before = self.things.partition_point(|(t, _, _)| *t < at);
        owned
            .or_else(|| {
                self.things[..before]
                    .iter()
                    .rev()
                    .take(OWNED_LOOKBACK)
                    .find(|(_, h, _)| h == stem)
            })
            .map(|&(_, _, p)| p)
    }

    /// "Brandt's campaign released a spot. … the narrator says": whoever
    /// owns the last thing named with its owner in the last
    /// [`DESCRIPTION_REACH`] sentences, for whom a narrator or a
    /// spokesman the phrase does not place speaks.
    fn owner_of_last_thing(&self, at: usize) -> Option<PersonRef> {
        let here = self.sentence_at(at);
        let before = self.things.partition_point(|(t, _, _)| *t < at);
        let (t, _, p) = self.things[..before].last()?;
        (self.sentence_at(*t) + DESCRIPTION_REACH >= here).then_some(*p)
    }

    /// Resolves a name, a pronoun or a relative "who" to a person.
    fn resolve_mention(
        &mut self,
        reading: &Reading,
        reader: &Reader,
        frame: &Frame,
        source: &Source,
        at: usize,
        sentence_start: usize,
    ) -> Option<PersonRef> {
        match source {
            Source::Name(run) => {
                let start = frame.tokens[run.start].range.start;
                if let Some(&p) = self.run_person.get(&start) {
                    return Some(p);
                }
                // Inside a run found in the mention pass ("Secretary of State
                // Marco Rubio" found whole, here only "Rubio").
                let before = self.mentions.partition_point(|m| m.at <= start);
                if let Some(m) = before.checked_sub(1).map(|i| &self.mentions[i]) {
                    if mention_covers(reading.text, m, start) {
                        return Some(m.person);
                    }
                }
                let words = reading.words(frame, run.clone());
                let name = WrittenName::split(&words)?;
                let p = self.people.mention(&name, &[]);
                let sentence = self.sentence_at(start);
                let i = self.mentions.partition_point(|m| m.at <= start);
                self.mentions.insert(
                    i,
                    Mention {
                        at: start,
                        person: p,
                        sentence,
                        role: MentionRole::Speaker,
                    },
                );
                Some(p)
            }
            Source::Pronoun(gender) => self
                .salient_person(reading, at, *gender)
                .or_else(|| self.nearest_person(at, |_| true, *gender)),
            Source::Relative(t) => {
                let mut e = t.checked_sub(1)?;
                if matches!(frame.tokens[e].kind, TokenKind::Punct(',')) {
                    e = e.checked_sub(1)?;
                }
                let run = reader.name_run_ending(e, sentence_start, sentence_start)?;
                let run = reader.relative_head(run, sentence_start);
                let start = frame.tokens[run.start].range.start;
                self.run_person.get(&start).copied()
            }
            Source::Writer(_) => {
                let r: &Resolver = self;
                r.writers.get_or_init(|| reading.writers(r)).of(at)
            }
            Source::Document(_) | Source::Description(_) => None,
        }
    }

    /// An article's opening line that describes before it names ("the
    /// secretary of state said a ceasefire …", then "Secretary of State
    /// Marco Rubio on Sunday said …"): the first person given the role in
    /// the sentences right after, for a description in the article's
    /// first [`OPENING_SENTENCES`] only — elsewhere a description looks back.
    fn introduced_next(
        &self,
        at: usize,
        has_role: impl Fn(&names::Person) -> bool,
    ) -> Option<PersonRef> {
        let here = self.sentence_starts.partition_point(|&s| s <= at);
        if here > OPENING_SENTENCES {
            return None;
        }
        let after = self.mentions.partition_point(|m| m.at <= at);
        self.mentions[after..]
            .iter()
            .take_while(|m| m.sentence < here + DESCRIPTION_REACH)
            .find(|m| {
                let p = self.people.get(m.person);
                p.is_person && has_role(p)
            })
            .map(|m| m.person)
    }

    /// "the state climatologist said": the person the article gave that
    /// role ("Dr. Samuel Okafor, the state climatologist").
    fn given_role(&self, head: &str, at: usize) -> Option<PersonRef> {
        self.nearest_person(at, |p| p.roles.iter().any(|r| r == head), Gender::Unknown)
    }

    /// The person a description of a role means ("the state
    /// climatologist", "the senator", "the board"): the one the article
    /// gave that role, else one the description's kind fits.
    fn described(&self, head: &str, at: usize) -> Option<PersonRef> {
        self.given_role(head, at).or_else(|| self.fitting(head, at))
    }

    /// "Ford opened a plant. The company said": the body of the kind
    /// `head` names (an organisation, or a place for "the state") that
    /// the article named last, in the last [`DESCRIPTION_REACH`]
    /// sentences. What a name is, the name tagger tells from its sentence:
    /// only these few sentences are tagged.
    fn named_body(&self, text: &str, head: &str, at: usize) -> Option<PersonRef> {
        let class = if lexicon::ORGANISATION_NOUNS.contains(&head) {
            "ORGANIZATION"
        } else if lexicon::PLACE_NOUNS.contains(&head) {
            "PLACE"
        } else {
            return None;
        };
        let here = self.sentence_starts.partition_point(|&s| s <= at);
        let before = self.mentions.partition_point(|m| m.at < at);
        self.mentions[..before]
            .iter()
            .rev()
            .take_while(|m| m.sentence + DESCRIPTION_REACH >= here)
            // Not a body the sentence only mentions ("told CNN", "at Ford").
            .filter(|m| m.role != MentionRole::Other)
            .find(|m| self.name_class(text, m) == Some(class))
            .map(|m| m.person)
    }

    /// The name class the name tagger gives the name of mention `m`, from
    /// the words of its sentence around it (once per mention).
    fn name_class(&self, text: &str, m: &Mention) -> Option<&'static str> {
        *self
            .name_classes
            .borrow_mut()
            .entry(m.at)
            .or_insert_with(|| {
                let from = self.sentence_starts[m.sentence];
                let to = self
                    .sentence_starts
                    .get(m.sentence + 1)
                    .copied()
                    .unwrap_or(text.len())
                    .max(m.at);
                tagger::tagger().class_near(text, from..to, m.at, NAME_CLASS_CONTEXT)
            })
    }

    /// The person the article has named most often before byte `at`: whom
    /// "the candidate" or "the retired neurosurgeon" means when no one was
    /// given that role (an article's descriptions are of its main figure).
    fn main_person(&self, at: usize) -> Option<PersonRef> {
        let before = self.mentions.partition_point(|m| m.at < at);
        // The last MAIN_PERSON_WINDOW mentions, so that each description
        // costs the same however long the article.
        let window = &self.mentions[before.saturating_sub(MAIN_PERSON_WINDOW)..before];
        // Each person's mentions and the first of them.
        let mut counts: HashMap<PersonRef, (usize, usize)> = HashMap::default();
        for (i, m) in window.iter().enumerate() {
            if self.people.get(m.person).is_person {
                counts.entry(m.person).or_insert((0, i)).0 += 1;
            }
        }
        // Most mentions; on a tie, the one named first.
        counts
            .into_iter()
            .max_by_key(|&(_, (n, first))| (n, std::cmp::Reverse(first)))
            .map(|(p, _)| p)
    }

    /// [`Resolver::described`] past the person given the role: someone
    /// titled for it, a body named with the word, or the person of the
    /// last few sentences.
    fn fitting(&self, head: &str, at: usize) -> Option<PersonRef> {
        let marks: Vec<&str> = ROLES
            .iter()
            .filter(|(h, _)| *h == head)
            .flat_map(|(_, m)| m.iter().copied())
            .collect();
        if marks.is_empty() {
            // "the board said": the nearest body the article named
            // with that word ("Illinois Board of Elections").
            return self
                .mentions
                .iter()
                .rev()
                .filter(|m| m.at < at)
                .take(DESCRIPTION_LOOKBACK)
                .find(|m| {
                    self.people
                        .get(m.person)
                        .display
                        .split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case(head))
                })
                .map(|m| m.person);
        }
        let gender = match head {
            "spokeswoman" | "congresswoman" | "chairwoman" => Gender::Female,
            _ => Gender::Unknown,
        };
        let has_role = |p: &names::Person| p.roles.iter().any(|r| marks.contains(&r.as_str()));
        self.nearest_person(at, has_role, gender)
            .or_else(|| self.introduced_next(at, has_role))
            .or_else(|| {
                // With no one of that role named, the person of the
                // last few sentences, if any: "the senator" is not
                // whoever spoke three paragraphs up.
                let here = self.sentence_starts.partition_point(|&s| s <= at);
                let recent = self.nearest_person(at, |_| true, gender)?;
                // Its mention is in the window `nearest_person` read.
                let before = self.mentions.partition_point(|m| m.at < at);
                let last = self.mentions[before.saturating_sub(NEAREST_WINDOW)..before]
                    .iter()
                    .rev()
                    .find(|m| m.person == recent)?;
                (last.sentence + DESCRIPTION_REACH >= here).then_some(recent)
            })
    }

    /// The person a pronoun of `gender` at byte `at` most likely means:
    /// the mention [`antecedent`]'s model scores best among those
    /// [`Resolver::antecedents`] gives; on a tie, the earlier mention.
    fn salient_person(&self, reading: &Reading, at: usize, gender: Gender) -> Option<PersonRef> {
        let model = &reading.models.antecedents;
        let mut best: Option<(f32, PersonRef)> = None;
        let candidates = self.antecedents(reading, at, gender);
        for (person, facts) in &candidates {
            let score = model.score(|out| antecedent::features(facts, out));
            if best.is_none_or(|(b, _)| score >= b) {
                best = Some((score, *person));
            }
        }
        if let Some(weighed) = &self.weighed {
            weighed.borrow_mut().push((at, candidates));
        }
        best.map(|(_, p)| p)
    }

    /// The mentions a pronoun of `gender` at byte `at` may mean, latest
    /// first: people named in the last [`SALIENCE_WINDOW`] sentences whose
    /// gender is not known to be another (and, when one is known to be
    /// the pronoun's, none of unknown gender named further back than the
    /// nearest such), each with what is known of it.
    fn antecedents(
        &self,
        reading: &Reading,
        at: usize,
        gender: Gender,
    ) -> Vec<(PersonRef, antecedent::Facts)> {
        let here = self.sentence_at(at);
        let quoted = reading
            .quotation_opening_at(at)
            .map_or("", |s| &reading.text[s.inner.clone()]);
        let mut out = Vec::new();
        // People already met, walking back: named after the mention at hand.
        let mut met: Vec<PersonRef> = Vec::new();
        // How far back the nearest person of the pronoun's gender is.
        let mut nearest_agreeing: Option<usize> = None;
        let nearby = self.nearby_mentions(at, here);
        // Who said the last thing said before a quotation's pronoun, when
        // the pronoun may mean them: a person named once since, in passing
        // (neither speaking nor a subject), does not break that run of one
        // speaker's quotations ("“…,” she said. The boat was named for
        // Edna Marsh, a teacher. “…,” she said").
        let run_speaker = nearby
            .iter()
            .find(|(m, referred)| *referred || m.role == MentionRole::Speaker)
            .filter(|(m, _)| {
                !quoted.is_empty()
                    && gender != Gender::Unknown
                    && self.people.get(m.person).gender == gender
            })
            .map(|(m, _)| (m.person, m.at));
        for (m, referred) in nearby {
            work::step();
            let p = self.people.get(m.person);
            let other_gender = !matches!(
                (gender, p.gender),
                (Gender::Unknown, _) | (_, Gender::Unknown)
            ) && gender != p.gender;
            // "it" and "they" may mean a body the article named.
            let body = !p.is_person;
            let in_passing = run_speaker.is_some_and(|(speaker, said_at)| {
                m.person != speaker
                    && m.at > said_at
                    && !referred
                    && m.role == MentionRole::Other
                    && p.mentions == 1
            });
            if (body && gender != Gender::Unknown) || other_gender || p.place || in_passing {
                continue;
            }
            let latest = !met.contains(&m.person);
            let distance = here.saturating_sub(m.sentence);
            // "she" means the woman named two sentences up, not a name of
            // unknown gender named further back ("the Dred Scott case").
            // Mentions come latest first, so the first that agrees is the
            // nearest; those passed over still count as named since.
            let behind_agreeing = p.gender == Gender::Unknown
                && nearest_agreeing.is_some_and(|nearest| distance > nearest);
            if !behind_agreeing {
                let named_since = met.iter().filter(|&&q| q != m.person).count();
                let facts = antecedent::Facts {
                    distance,
                    pronoun: gender,
                    named_since,
                    latest,
                    referred,
                    ..self.mention_facts(reading, m, referred, quoted)
                };
                out.push((m.person, facts));
            }
            if gender != Gender::Unknown && p.gender == gender {
                nearest_agreeing.get_or_insert(distance);
            }
            if latest {
                met.push(m.person);
            }
        }
        out
    }

    /// The names and resolved sources before byte `at` within
    /// [`SALIENCE_WINDOW`] sentences of sentence `here`, latest first, each
    /// with whether it is a resolved source.
    fn nearby_mentions(&self, at: usize, here: usize) -> Vec<(&Mention, bool)> {
        fn within(
            list: &[Mention],
            at: usize,
            here: usize,
            referred: bool,
        ) -> Vec<(&Mention, bool)> {
            let before = list.partition_point(|m| m.at < at);
            let from = list[..before]
                .partition_point(|m| here.saturating_sub(m.sentence) > SALIENCE_WINDOW);
            list[from..before].iter().map(|m| (m, referred)).collect()
        }
        let mut nearby = within(&self.mentions, at, here, false);
        nearby.extend(within(&self.referred, at, here, true));
        nearby.sort_by_key(|(m, _)| std::cmp::Reverse(m.at));
        nearby
    }

    /// What mention `m` is, whatever the pronoun, for the antecedent model:
    /// the fields that depend on the pronoun or on the other mentions
    /// ([`Resolver::antecedents`] sets them) are left at their defaults.
    fn mention_facts(
        &self,
        reading: &Reading,
        m: &Mention,
        referred: bool,
        quoted: &str,
    ) -> antecedent::Facts {
        let p = self.people.get(m.person);
        let surname = p.display.rsplit(' ').next().unwrap_or("");
        let named_inside = !quoted.is_empty()
            && surname.len() > 2
            && quoted
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == surname);
        let lower = surname.to_lowercase();
        antecedent::Facts {
            distance: 0,
            role: m.role,
            pronoun: Gender::Unknown,
            person: p.gender,
            named_inside,
            quotation: !quoted.is_empty(),
            named_since: 0,
            latest: true,
            mentions: p.mentions,
            titled: !p.roles.is_empty(),
            one_word: !p.display.contains(' '),
            plural: lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss"),
            body: !p.is_person,
            referred,
            // Asked only where gender leaves it open: a first name of
            // known gender is a person's already.
            class: (p.gender == Gender::Unknown && !referred)
                .then(|| self.name_class(reading.text, m).unwrap_or("inside")),
        }
    }

    /// The person named before byte `at` that `fits`: the nearest sentence
    /// naming one decides, and in it the speaker of a cue, else the first
    /// subject, else the first mention wins.
    /// The right gender is preferred to an unknown one.
    fn nearest_person(
        &self,
        at: usize,
        fits: impl Fn(&names::Person) -> bool,
        gender: Gender,
    ) -> Option<PersonRef> {
        // Mentions never lie inside quotes: quotes are single tokens when names are read.
        let usable = |m: &&Mention| {
            work::step();
            let p = self.people.get(m.person);
            m.at < at && p.is_person && fits(p)
        };
        let strict =
            |m: &&Mention| gender == Gender::Unknown || self.people.get(m.person).gender == gender;
        let loose = |m: &&Mention| self.people.get(m.person).gender == Gender::Unknown;
        // Only the mentions before `at`, and no further back than a window of
        // mentions, so that a long article stays linear.
        let before = self.mentions.partition_point(|m| m.at < at);
        let window = &self.mentions[before.saturating_sub(NEAREST_WINDOW)..before];
        for accept in [&strict as &dyn Fn(&&Mention) -> bool, &loose] {
            let Some(nearest) = window.iter().rev().filter(usable).find(|m| accept(m)) else {
                continue;
            };
            return window
                .iter()
                .filter(|m| m.sentence == nearest.sentence)
                .filter(usable)
                .filter(|m| accept(m))
                .min_by_key(|m| (m.role, m.at))
                .map(|m| m.person);
        }
        None
    }
}

/// A mention covers an offset when no sentence punctuation separates them.
fn mention_covers(text: &str, m: &Mention, start: usize) -> bool {
    !text[m.at..start].contains(['.', ',', ';', '“', '”', '"'])
        || text[m.at..start].trim_end().ends_with("Mr.")
}

/// Words capitalised in mid-sentence somewhere in the article's running
/// text (headlines capitalise every word): names.
fn proper_words(text: &str, frames: &[(usize, Frame, usize)]) -> HashSet<String> {
    let mut proper = HashSet::default();
    for (_, frame, _) in frames {
        for sentence in &frame.sentences {
            for t in sentence.start + 1..sentence.end {
                let tok = &frame.tokens[t];
                if tok.kind != TokenKind::Word
                    || tok.headline
                    || matches!(
                        frame.tokens[t - 1].kind,
                        TokenKind::Quote(_) | TokenKind::Punct(':')
                    )
                {
                    continue;
                }
                if is_capitalized(&text[tok.range.clone()]) {
                    let stem = strip_possessive(&tok.key).0;
                    if !proper.contains(stem) {
                        proper.insert(stem.to_string());
                    }
                }
            }
        }
    }
    proper
}

/// Words of the article's headlines that its running text writes
/// capitalised and never in lower case, possessives stripped: in a
/// headline, where every word is capitalised, the words that may be names
/// ("Fiorina" of "Carly Fiorina Endorses Ted Cruz", though the text writes
/// it only opening sentences; not "Endorses"). Only headline words are
/// looked up, so only they are gathered: most articles have none.
fn headline_names(text: &str, frames: &[(usize, Frame, usize)]) -> HashSet<String> {
    let words = || frames.iter().flat_map(|(_, f, _)| &f.tokens);
    // Each stem: (written capitalised in the running text, written in lower case).
    let mut asked: HashMap<&str, (bool, bool)> = HashMap::default();
    for tok in words().filter(|t| t.headline && t.kind == TokenKind::Word) {
        asked.entry(strip_possessive(&tok.key).0).or_default();
    }
    if asked.is_empty() {
        return HashSet::default();
    }
    for tok in words().filter(|t| !t.headline && t.kind == TokenKind::Word) {
        if let Some(seen) = asked.get_mut(strip_possessive(&tok.key).0) {
            if is_capitalized(&text[tok.range.clone()]) {
                seen.0 = true;
            } else {
                seen.1 = true;
            }
        }
    }
    asked
        .into_iter()
        .filter(|&(_, (capitalised, lower))| capitalised && !lower)
        .map(|(w, _)| w.to_string())
        .collect()
}

/// What [`Reading::statement`] needs to know of a quotation or of
/// reported speech.
struct Statement {
    kind: StatementKind,
    /// The words, as bytes of the article text.
    span: Range<usize>,
    /// Their pieces, when the attribution stands inside (empty: one).
    pieces: Vec<Range<usize>>,
    paragraph_index: usize,
    frame: usize,
    /// Its sentence, as tokens of the frame.
    sentence: Range<usize>,
    /// Byte offset where it opens.
    at: usize,
    /// Byte offset of its cue (or where it opens): outlets nearest to it win.
    anchor: usize,
    person: Option<PersonRef>,
    cue: Option<String>,
    source: Option<Range<usize>>,
}

/// Reported speech found in a sentence, its source resolved.
struct Reported {
    frame: usize,
    sentence: Range<usize>,
    /// The content, as bytes of the article text.
    content: Range<usize>,
    /// Its pieces around an attribution inside it, as bytes (empty: one).
    pieces: Vec<Range<usize>>,
    /// The words naming the source, as bytes.
    source: Option<Range<usize>>,
    person: Option<PersonRef>,
    cue: String,
    cue_at: usize,
}

/// Quotations no cue of their own attributes take the speaker of the
/// reported speech whose words hold them ("As analyst Dana Lind pointed out
/// in December, “The delegates will …”": the cue the reading found is the
/// quotation's too), with its cue and source; not as their own cue's
/// (`direct` stays false), so that neighbours do not borrow from them.
fn lend_reported_speakers(
    spans: &[QuoteSpan],
    reported: &[Reported],
    verdicts: &mut [SpanVerdict],
) {
    // By where their words start, so that each quotation looks at the few
    // that start before it: the work stays linear in the statements.
    let mut lenders: Vec<&Reported> = reported.iter().filter(|r| r.person.is_some()).collect();
    lenders.sort_by_key(|r| r.content.start);
    for (span, v) in spans.iter().zip(verdicts.iter_mut()) {
        if !v.keep || v.person.is_some() {
            continue;
        }
        let before = lenders.partition_point(|r| r.content.start <= span.open);
        let holder = lenders[..before]
            .iter()
            .rev()
            .take(NEIGHBOURS)
            .find(|r| span.end() <= r.content.end);
        if let Some(r) = holder {
            v.person = r.person;
            v.cue = Some(r.cue.clone());
            v.cue_at = Some(r.cue_at);
            v.source = r.source.clone();
        }
    }
}

/// An outlet named in a sentence, with the people that sentence names.
struct Venue<'o> {
    frame: usize,
    sentence: Range<usize>,
    at: usize,
    outlet: &'o str,
    people: Vec<PersonRef>,
}

/// What a labelled paragraph turned out to be.
enum Labelled {
    /// The labelled speaker's statement.
    Statement(Reported),
    /// An interviewer's question.
    Nobodys,
    /// A quotation in it is already someone's: read it as any paragraph.
    Quoted,
}

/// Whether a quotation is a few words inside a clause its cue governs,
/// which leaves the cue free for the clause as reported speech: a short
/// span far from its cue; "Sanders says “the wind is at our backs”
/// despite his loss" (the clause goes on after it); "X told CNN that the
/// union would stay out “as long as it takes”" (it ends a clause that
/// "that" opened, in words of the writer's before it).
fn is_partial(
    reader: &Reader,
    a: &speaker::Attribution,
    q: usize,
    sentence: &Range<usize>,
    words: usize,
    ends_sentence: bool,
) -> bool {
    let between = a.cue_token.abs_diff(q);
    // A quotation that ends its own sentence ("“… STAY TUNED!” he gave no
    // details") is not a few words inside a clause that goes on.
    let goes_on = a.cue_token < q
        && !ends_sentence
        && reader.word(q + 1).is_some()
        && (q + 1..sentence.end)
            .filter(|&t| reader.word(t).is_some())
            .count()
            >= 2;
    // "told CNN that the union would stay out “…”", "said Democrats are
    // to blame for focusing on “…”": a clause of the writer's words, a
    // "that" or a finite verb of its own before the quotation.
    let words_between = |from: usize| (from..q).filter(|&t| reader.word(t).is_some()).count();
    let ends_a_clause = a.cue_token < q
        && match (a.cue_token + 1..q).find(|&t| reader.lower(t) == Some("that")) {
            Some(that) => words_between(that + 1) >= MIN_CLAUSE_WORDS,
            None => {
                words_between(a.cue_token + 1) >= MIN_CLAUSE_WORDS
                    && (a.cue_token + 1..q).any(|t| reader.is_finite_verb(t))
            }
        };
    // "said the court's decision “will force us to …”": the writer names
    // the subject, the quotation opens with its verb.
    let finishes_a_clause = a.cue_token < q
        && (a.cue_token + 1..q).all(|t| reader.word(t).is_some())
        && (a.cue_token + 1..q)
            .any(|t| reader.is_noun(t) && !reader.lower(t).is_some_and(lexicon::is_calendar))
        && reader
            .text
            .get(reader.tokens[q].range.clone())
            .and_then(|quote| {
                quote
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
            })
            .is_some_and(|w| lexicon::is_auxiliary(&w.to_lowercase()));
    (words <= MAX_SCARE_QUOTE_WORDS + 1 && between > 3)
        || goes_on
        || ends_a_clause
        || finishes_a_clause
}

/// The speaker label opening a transcript line: "WALLACE:" or "MR. TRUMP:".
fn transcript_label(quote: &str) -> Option<&str> {
    let (label, rest) = quote.split_once(':')?;
    let words = label.split_whitespace().count();
    let shouted = label.chars().any(char::is_alphabetic)
        && label
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
    (shouted && (1..=3).contains(&words) && rest.starts_with(' ')).then_some(label.trim())
}

/// The gender of the first he/she/his/her after token `from` in the sentence.
fn pronoun_gender_after(reader: &Reader, from: usize, end: usize) -> Option<Gender> {
    (from..end).find_map(|t| {
        let tok = reader.tokens.get(t)?;
        if tok.kind != TokenKind::Word {
            return None;
        }
        match key(&reader.text[tok.range.clone()]).as_str() {
            "he" | "his" | "him" | "himself" => Some(Gender::Male),
            "she" | "her" | "hers" | "herself" => Some(Gender::Female),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "she" may mean the woman named two sentences up, not a name of
    /// unknown gender named further back: such a name is no candidate
    /// once a nearer one agrees (dev: "she" given to "the Dred Scott
    /// case" after a relearn).
    #[test]
    fn a_pronoun_passes_over_names_of_unknown_gender_behind_one_that_agrees() {
        let article = Article::parse(
            "Archive\n\n\
             Judge Peter Vance spoke of the flood, from the Okoro Fenn case to the levee \
             rulings. To understand the real Okoro Fenn, Judge Vance said, one should visit \
             this archive.\n\n\
             Linda Marsh Collins, 61, of Dover, who watched the parade, said the day brought \
             back memories of her father.\n\n\
             Many of the visitors were older, she said, and “I had to step back and think.”\n"
                .to_string(),
        );
        let models = Models::compiled();
        let reading = Reading::new(&article, &models);
        let mut resolver = reading.resolver();
        resolver.weighed = Some(Default::default());
        reading.statements(&mut resolver, None);
        let weighed = resolver.weighed.take().unwrap_or_default().into_inner();
        // Weighed where the quotation "she" speaks opens.
        let she = article.text.find("she said").unwrap();
        let (_, candidates) = weighed
            .iter()
            .find(|(at, _)| *at > she)
            .expect("the quotation's pronoun was resolved by weighing");
        let names: Vec<&str> = candidates
            .iter()
            .map(|(p, _)| resolver.people.get(*p).display.as_str())
            .collect();
        assert!(names.contains(&"Linda Marsh Collins"), "{names:?}");
        assert!(!names.contains(&"Okoro Fenn"), "{names:?}");
    }

    /// Deterministic pseudo-random text from pieces that stress the reader:
    /// every kind of quote mark, cues, names, titles, punctuation, non-ASCII.
    fn noisy_text(seed: u64, len: usize) -> String {
        const PIECES: &[&str] = &[
            "“",
            "”",
            "\"",
            "«",
            "»",
            "‘",
            "’",
            "'",
            " ",
            " ",
            " ",
            "\n",
            "\n\n",
            ".",
            ",",
            ":",
            ";",
            "—",
            "―",
            "(",
            ")",
            "said",
            "told",
            "he",
            "she",
            "who",
            "the",
            "Mr.",
            "Sen.",
            "Rubio",
            "Marco",
            "Zelenskyy",
            "White House",
            "according to",
            "saying",
            "CNN",
            "This Week",
            "of",
            "é",
            "ß",
            "日本",
            "\u{202e}",
            "\u{301}",
            "?",
            "!",
            "U.S.",
            "’s",
            "-",
            "Apprentice",
        ];
        let mut state = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut out = String::new();
        for _ in 0..len {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            out.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
        }
        out
    }

    #[test]
    fn noisy_text_never_panics_and_offsets_stay_valid() {
        for seed in 0..3000 {
            let text = noisy_text(seed, 1 + (seed as usize % 120));
            let article = Article::parse(text.clone());
            let quotes = Extractor::default()
                .try_extract(&article)
                .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text:?}"));
            for q in quotes {
                assert_eq!(&text[q.span.clone()], q.text, "seed {seed}");
            }
        }
    }

    #[test]
    fn transcript_labels_name_the_speaker() {
        assert_eq!(transcript_label("WALLACE: If I may, sir."), Some("WALLACE"));
        assert_eq!(transcript_label("MR. TRUMP: No."), Some("MR. TRUMP"));
        assert_eq!(transcript_label("Note: this is not a label"), None);
        assert_eq!(transcript_label("USA: great"), Some("USA"));
        assert_eq!(transcript_label("10:30 a.m."), None);
    }

    #[test]
    fn thousands_of_quote_marks_in_one_paragraph() {
        let text = "“a” said Rubio. ".repeat(20_000) + &"“".repeat(20_000);
        let quotes = extract(&Article::parse(text));
        assert!(quotes.len() >= 20_000);
    }
}
