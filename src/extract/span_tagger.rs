//! A sequence labeller for attributions: each token of a paragraph is
//! labelled as outside, or beginning or inside a cue ("said"), a source
//! ("the senator") or a content, by a greedy averaged perceptron over
//! hashed features (the tagger's machinery: [`super::tagger::Model`]),
//! learned from PolNeAR's annotated spans ([`super::learn_spans`]).
//!
//! It reads a paragraph left to right, so what follows a word reaches it
//! only through look-ahead features: the next verb of its sentence, and
//! the verb of a closing attribution (", officials said.") when the
//! sentence ends with one.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashSet as HashSet;

use super::tagger::{at, bucket, coarse_is_verb, tagger, Model, Word, MAX_FEATURES};

/// The first bytes of a labeller file.
const MAGIC: &[u8; 8] = b"QSPANS01";

/// The labeller in its file format: a magic line and its model.
pub fn write(model: &Model) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    model.write(&mut out);
    out
}

/// Reads [`write`]'s format.
pub fn read(bytes: &[u8]) -> Result<Model, String> {
    let mut at = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or("not a quarry labeller file")?;
    let model = Model::read(&mut at)?;
    if model.classes.len() != LABELS.len() {
        return Err(format!(
            "{} labels, not {}",
            model.classes.len(),
            LABELS.len()
        ));
    }
    Ok(model)
}

/// The labels, in the model's class order.
pub const LABELS: [&str; 7] = ["O", "B-CUE", "I-CUE", "B-SRC", "I-SRC", "B-CON", "I-CON"];
pub const OUTSIDE: u8 = 0;

/// What a span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Cue,
    Source,
    Content,
}

impl Part {
    /// The label that begins a span of this part; the next one continues it.
    pub fn begin(self) -> u8 {
        match self {
            Part::Cue => 1,
            Part::Source => 3,
            Part::Content => 5,
        }
    }

    pub fn of(label: u8) -> Option<Part> {
        match label {
            1 | 2 => Some(Part::Cue),
            3 | 4 => Some(Part::Source),
            5 | 6 => Some(Part::Content),
            _ => None,
        }
    }
}

/// Words a closing attribution's comma may stand from the sentence's end.
const CLOSING_WORDS: usize = 7;
/// Words ahead the next verb is looked for.
const VERB_AHEAD: usize = 8;
const NONE: u64 = 0x0e0e;

/// One paragraph's tokens and what the features read of them.
pub struct Sequence {
    pub tokens: Vec<Range<usize>>,
    words: Vec<Word>,
    /// Each token's coarse class ([`super::tagger::COARSE_CLASSES`]).
    pos: Vec<u8>,
    /// 0 outside quotation marks, 1 inside, 2 a quotation mark.
    quoted: Vec<u8>,
    /// The token starts a sentence.
    opens: Vec<bool>,
    /// The sentence's number in the paragraph.
    sentence: Vec<u32>,
    /// The next verb's word (hashed) within [`VERB_AHEAD`] in its sentence.
    verb_ahead: Vec<u64>,
    /// The verb of the sentence's closing attribution, for the words
    /// before its comma.
    closing: Vec<u64>,
    /// How many words ahead the next listed cue of the sentence is, and
    /// how many behind the last (0: none; [`CUE_REACH`] or further).
    cue_ahead: Vec<u8>,
    cue_behind: Vec<u8>,
}

/// Distances to a cue beyond this are one.
const CUE_REACH: usize = 9;

/// The listed cue words ([`super::lexicon::cue_forms`]) as the hashes
/// [`Word`] keeps of a word's lower case: a look-up costs no string.
fn cue_words() -> &'static HashSet<u64> {
    static WORDS: OnceLock<HashSet<u64>> = OnceLock::new();
    WORDS.get_or_init(|| {
        super::lexicon::cue_forms()
            .map(|w| Word::new(w).lower)
            .collect()
    })
}

fn is_mark(word: &str) -> bool {
    matches!(word, "“" | "”" | "\"" | "‘" | "’" | "``" | "''")
}

/// Each token's place in quotation marks: 0 outside, 1 inside, 2 a mark.
fn quotation_state(strs: &[&str]) -> Vec<u8> {
    let mut inside = false;
    strs.iter()
        .map(|w| {
            if !is_mark(w) {
                return u8::from(inside);
            }
            inside = match *w {
                "“" | "``" => true,
                "”" | "''" => false,
                _ => !inside,
            };
            2
        })
        .collect()
}

/// Whether each token opens a sentence, and its sentence's number: a
/// sentence ends at ".", "?" or "!" before a capital (quotation marks
/// passed over) or the paragraph's end.
fn sentences(strs: &[&str]) -> (Vec<bool>, Vec<u32>) {
    let n = strs.len();
    // The first token at or after each that is no quotation mark, found
    // in one pass from the end, so that a run of marks costs each
    // sentence end no more than one look.
    let mut next_word = vec![n; n + 1];
    for i in (0..n).rev() {
        next_word[i] = if is_mark(strs[i]) {
            next_word[i + 1]
        } else {
            i
        };
    }
    let mut opens = vec![false; n];
    let mut sentence = vec![0u32; n];
    let mut number = 0;
    let mut open = true;
    for i in 0..n {
        if open && !is_mark(strs[i]) {
            opens[i] = true;
            open = false;
        }
        sentence[i] = number;
        if matches!(strs[i], "." | "?" | "!") {
            let next = strs.get(next_word[i + 1]);
            if next.is_none_or(|w| w.chars().next().is_some_and(char::is_uppercase)) {
                open = true;
                number += 1;
            }
        }
    }
    (opens, sentence)
}

/// For each token, the next verb's word (hashed) within [`VERB_AHEAD`]
/// in its sentence, else [`NONE`].
fn verbs_ahead(words: &[Word], verb: &[bool], sentence: &[u32]) -> Vec<u64> {
    let n = words.len();
    (0..n)
        .map(|i| {
            (i + 1..n.min(i + 1 + VERB_AHEAD))
                .take_while(|&j| sentence[j] == sentence[i])
                .find(|&j| verb[j])
                .map_or(NONE, |j| words[j].lower)
        })
        .collect()
}

/// For the words before a sentence's closing attribution (a comma within
/// [`CLOSING_WORDS`] of its end, a verb after it), that verb's word
/// (hashed); [`NONE`] elsewhere.
fn closing_verbs(strs: &[&str], words: &[Word], verb: &[bool], sentence: &[u32]) -> Vec<u64> {
    let n = words.len();
    let mut closing = vec![NONE; n];
    let mut start = 0;
    while start < n {
        let end = (start..n)
            .find(|&j| sentence[j] != sentence[start])
            .unwrap_or(n);
        let comma = (start..end)
            .rev()
            .take(CLOSING_WORDS)
            .find(|&j| strs[j] == ",");
        if let Some(c) = comma {
            if let Some(v) = (c + 1..end).find(|&j| verb[j]) {
                for slot in &mut closing[start..c] {
                    *slot = words[v].lower;
                }
            }
        }
        start = end;
    }
    closing
}

/// For each token, how many words away the nearest listed cue of its
/// sentence is among those visited before it in `order` (forwards: the
/// last cue behind it; backwards: the next ahead), at most [`CUE_REACH`];
/// 0 when there is none.
fn cue_distances(is_cue: &[bool], sentence: &[u32], order: impl Iterator<Item = usize>) -> Vec<u8> {
    let mut out = vec![0u8; is_cue.len()];
    let mut last: Option<usize> = None;
    for i in order {
        if last.is_some_and(|l| sentence[l] != sentence[i]) {
            last = None;
        }
        out[i] = last.map_or(0, |l| l.abs_diff(i).min(CUE_REACH) as u8);
        if is_cue[i] {
            last = Some(i);
        }
    }
    out
}

impl Sequence {
    /// The tokens of `text[range]` (one paragraph), tagged.
    pub fn read(text: &str, range: Range<usize>) -> Sequence {
        let tokens = super::tagger::tokens(text, range);
        let strs: Vec<&str> = tokens.iter().map(|t| &text[t.clone()]).collect();
        let words: Vec<Word> = strs.iter().map(|w| Word::new(w)).collect();
        let pos = tagger().coarse_words(&words);
        let (opens, sentence) = sentences(&strs);
        let verb: Vec<bool> = pos.iter().map(|&p| coarse_is_verb(p)).collect();
        let is_cue: Vec<bool> = words
            .iter()
            .map(|w| cue_words().contains(&w.lower))
            .collect();
        let n = tokens.len();
        Sequence {
            quoted: quotation_state(&strs),
            verb_ahead: verbs_ahead(&words, &verb, &sentence),
            closing: closing_verbs(&strs, &words, &verb, &sentence),
            cue_ahead: cue_distances(&is_cue, &sentence, (0..n).rev()),
            cue_behind: cue_distances(&is_cue, &sentence, 0..n),
            tokens,
            words,
            pos,
            opens,
            sentence,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The buckets of token `i`'s features, given the labels before it and
    /// which parts its sentence has had so far ([`Seen`]).
    pub fn features(&self, i: usize, labels: &[u8], seen: Seen, out: &mut Vec<u32>) {
        let seen = u64::from(seen.0);
        out.clear();
        const START: u64 = 255;
        let label = |j: usize| -> u64 { i.checked_sub(j).map_or(START, |k| u64::from(labels[k])) };
        let pos = |j: isize| -> u64 {
            let k = i as isize + j;
            if k < 0 || k as usize >= self.len() {
                START
            } else {
                u64::from(self.pos[k as usize])
            }
        };
        let w = self.words[i];
        let (p1, n1) = (at(&self.words, i, -1), at(&self.words, i, 1));
        let (prev, prev2) = (label(1), label(2));
        let q = u64::from(self.quoted[i]);
        let opens = u64::from(self.opens[i]);
        let (ahead, behind) = (u64::from(self.cue_ahead[i]), u64::from(self.cue_behind[i]));
        out.extend([
            bucket(100, &[]),
            bucket(101, &[w.lower]),
            bucket(103, &[w.shape]),
            bucket(104, &[pos(0)]),
            bucket(105, &[pos(-1), pos(0)]),
            bucket(106, &[pos(0), pos(1)]),
            bucket(107, &[w.shape, prev]),
            bucket(108, &[p1.lower]),
            bucket(109, &[n1.lower]),
            bucket(112, &[prev]),
            bucket(113, &[prev, prev2]),
            bucket(114, &[w.lower, prev]),
            bucket(115, &[pos(0), prev]),
            bucket(116, &[q, prev]),
            bucket(118, &[opens, prev]),
            bucket(119, &[self.verb_ahead[i]]),
            bucket(121, &[self.verb_ahead[i], prev]),
            bucket(122, &[self.closing[i], prev]),
            bucket(124, &[seen, prev]),
            bucket(125, &[seen, w.lower]),
            bucket(128, &[n1.lower, prev]),
            bucket(130, &[ahead, prev]),
            bucket(132, &[behind, prev]),
            bucket(134, &[ahead, behind, q]),
        ]);
    }

    /// Labels every token with `model`.
    pub fn label(&self, model: &Model) -> Vec<u8> {
        let mut labels = Vec::with_capacity(self.len());
        let mut buckets = Vec::with_capacity(MAX_FEATURES);
        let mut seen = Seen::default();
        for i in 0..self.len() {
            super::work::step();
            seen = seen.at(self, i, &labels);
            self.features(i, &labels, seen, &mut buckets);
            labels.push(model.best(&buckets));
        }
        labels
    }

    /// The sentence number of token `i`.
    pub fn sentence_of(&self, i: usize) -> u32 {
        self.sentence[i]
    }
}

/// The labels `model` gives the tokens of `frame` (a paragraph as the
/// rules read it), and the coarse classes it read them with: each token
/// takes those of the labeller's token that starts where it does (a
/// quotation, one token to the rules, those of its opening mark; a token
/// the labeller did not start at is outside, of no class: `u8::MAX`).
pub fn frame_labels(text: &str, frame: &super::text::Frame, model: &Model) -> (Vec<u8>, Vec<u8>) {
    if frame.tokens.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let seq = Sequence::read(text, frame.bytes(0..frame.tokens.len()));
    let labels = seq.label(model);
    let mut k = 0;
    frame
        .tokens
        .iter()
        .map(|t| {
            while k < seq.tokens.len() && seq.tokens[k].start < t.range.start {
                k += 1;
            }
            match seq.tokens.get(k) {
                Some(s) if s.start == t.range.start => (labels[k], seq.pos[k]),
                _ => (OUTSIDE, u8::MAX),
            }
        })
        .unzip()
}

/// How the labeller's labels of a frame agree with one reading of it (cue
/// token, source tokens, content tokens), in words a learned model weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Agreement {
    /// What the labeller calls the cue: "cue", "source", "content" or "outside".
    pub cue: &'static str,
    /// How much of the source it calls a source: "all", "some", "none", or
    /// "no source" when the reading has none.
    pub source: &'static str,
    /// How much of the content it calls content: "all", "most", "few", "none".
    pub content: &'static str,
    /// Whether its content starts and ends where the reading's does.
    pub start: bool,
    pub end: bool,
}

/// How `labels` agree with the reading; `None` when the frame has no labels.
pub fn agreement(
    labels: &[u8],
    cue: usize,
    source: Option<Range<usize>>,
    content: Range<usize>,
) -> Option<Agreement> {
    let part = |t: usize| labels.get(t).copied().and_then(Part::of);
    if labels.is_empty() || content.is_empty() || content.end > labels.len() {
        return None;
    }
    let share = |range: Range<usize>, of: Part| {
        let n = range.len().max(1);
        let hits = range.filter(|&t| part(t) == Some(of)).count();
        (hits, n)
    };
    let (hits, n) = share(content.clone(), Part::Content);
    let content_share = match hits {
        0 => "none",
        _ if hits == n => "all",
        _ if 10 * hits >= 9 * n => "most",
        _ => "few",
    };
    let source_share = match source {
        None => "no source",
        Some(s) => match share(s, Part::Source) {
            (0, _) => "none",
            (h, n) if h == n => "all",
            _ => "some",
        },
    };
    let begins = |t: usize| labels[t] == Part::Content.begin();
    let start = part(content.start) == Some(Part::Content)
        && (begins(content.start)
            || content.start == 0
            || part(content.start - 1) != Some(Part::Content));
    let last = content.end - 1;
    let end = part(last) == Some(Part::Content)
        && labels
            .get(content.end)
            .is_none_or(|&l| l != Part::Content.begin() + 1);
    Some(Agreement {
        cue: match part(cue) {
            Some(Part::Cue) => "cue",
            Some(Part::Source) => "source",
            Some(Part::Content) => "content",
            None => "outside",
        },
        source: source_share,
        content: content_share,
        start,
        end,
    })
}

/// Which parts a sentence has had before a token: a bit for each.
#[derive(Clone, Copy, Debug, Default)]
pub struct Seen(u8);

impl Seen {
    /// What token `i` sees, given what token `i - 1` saw and the labels
    /// so far: kept within a sentence, with the label before added.
    pub fn at(self, seq: &Sequence, i: usize, labels: &[u8]) -> Seen {
        if i == 0 || seq.sentence[i] != seq.sentence[i - 1] {
            return Seen::default();
        }
        match Part::of(labels[i - 1]) {
            Some(p) => Seen(self.0 | 1 << p as u8),
            None => self,
        }
    }
}

/// A labelled span: its part and tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub part: Part,
    pub tokens: Range<usize>,
}

/// The spans `labels` mark: a span begins at a B label, or at an I label
/// that does not continue its part, and runs over its part's I labels.
pub fn spans(labels: &[u8]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (i, &l) in labels.iter().enumerate() {
        let Some(part) = Part::of(l) else { continue };
        let continues = l != part.begin()
            && out
                .last()
                .is_some_and(|s| s.part == part && s.tokens.end == i);
        match out.last_mut() {
            Some(s) if continues => s.tokens.end = i + 1,
            _ => out.push(Span {
                part,
                tokens: i..i + 1,
            }),
        }
    }
    out
}

/// An attribution the labeller read: its content, cue and source, as
/// token ranges of one sequence.
#[derive(Clone, Debug)]
pub struct Reading {
    pub content: Range<usize>,
    pub cue: Option<Range<usize>>,
    pub source: Option<Range<usize>>,
}

/// Each content span with the cue nearest it in its sentence (or the
/// sentence before or after, when its own has none), and the source
/// nearest that cue in the cue's sentence.
pub fn readings(seq: &Sequence, spans: &[Span]) -> Vec<Reading> {
    let of = |part: Part| spans.iter().filter(move |s| s.part == part);
    let gap = |a: &Range<usize>, b: &Range<usize>| {
        if a.end <= b.start {
            b.start - a.end
        } else {
            a.start.saturating_sub(b.end)
        }
    };
    let sentence = |r: &Range<usize>| seq.sentence_of(r.start);
    of(Part::Content)
        .map(|content| {
            let c = &content.tokens;
            let cue = (0..=1u32)
                .find_map(|d| {
                    of(Part::Cue)
                        .filter(|q| sentence(&q.tokens).abs_diff(sentence(c)) <= d)
                        .min_by_key(|q| gap(&q.tokens, c))
                })
                .map(|q| q.tokens.clone());
            let source = cue.as_ref().and_then(|q| {
                of(Part::Source)
                    .filter(|s| sentence(&s.tokens) == sentence(q))
                    .min_by_key(|s| gap(&s.tokens, q))
                    .map(|s| s.tokens.clone())
            });
            Reading {
                content: c.clone(),
                cue,
                source,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_run_over_their_inside_labels_and_a_stray_inside_label_begins_one() {
        // O B-SRC I-SRC B-CUE B-CON I-CON I-CON O I-CON
        let labels = [0, 3, 4, 1, 5, 6, 6, 0, 6];
        let got = spans(&labels);
        assert_eq!(
            got,
            vec![
                Span {
                    part: Part::Source,
                    tokens: 1..3
                },
                Span {
                    part: Part::Cue,
                    tokens: 3..4
                },
                Span {
                    part: Part::Content,
                    tokens: 4..7
                },
                Span {
                    part: Part::Content,
                    tokens: 8..9
                },
            ]
        );
    }

    #[test]
    fn the_compiled_in_labeller_labels_a_plain_attribution() {
        let models = crate::extract::models::Models::compiled();
        let text = "Secretary of State Marco Rubio said the talks in Geneva went well.";
        let seq = Sequence::read(text, 0..text.len());
        let labels = seq.label(&models.spans);
        let words = |part: Part| -> Vec<&str> {
            spans(&labels)
                .into_iter()
                .filter(|s| s.part == part)
                .map(|s| &text[seq.tokens[s.tokens.start].start..seq.tokens[s.tokens.end - 1].end])
                .collect()
        };
        assert_eq!(words(Part::Cue), ["said"], "{labels:?}");
        assert_eq!(
            words(Part::Content),
            ["the talks in Geneva went well"],
            "{labels:?}"
        );
        assert!(
            words(Part::Source)[0].ends_with("Marco Rubio"),
            "{labels:?}"
        );
    }

    #[test]
    fn a_sequence_knows_its_sentences_quotation_marks_and_closing_verb() {
        let text = "The plan is bad, officials said. “We left,” she said.";
        let seq = Sequence::read(text, 0..text.len());
        let words: Vec<&str> = seq.tokens.iter().map(|t| &text[t.clone()]).collect();
        let at = |w: &str| words.iter().position(|x| *x == w).unwrap();
        assert_eq!(seq.sentence_of(at("plan")), 0);
        assert_eq!(seq.sentence_of(at("We")), 1);
        assert_eq!(seq.quoted[at("We")], 1);
        assert_eq!(seq.quoted[at("plan")], 0);
        assert_eq!(seq.closing[at("plan")], Word::new("said").lower);
        assert_eq!(seq.closing[at("officials")], NONE);
    }
}
