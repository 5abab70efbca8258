//! Which reading of a sentence is its reported speech: a linear model over
//! whole attributions — cue, source and content together — learned from
//! PolNeAR train (`cargo run --release --example learn_models`), its
//! weights a table compiled in (`verifier.tsv`).
//!
//! A sentence offers several readings ([`super::reported`]): each cue word
//! with each source it may have and the content that source leaves, whole
//! or cut at a clause boundary. Fixed rules took the first cue's first
//! source; the verifier scores every reading on what annotators marked (a
//! reading is right when its content is an annotated content and its
//! source the annotated source). The cue the rules take keeps a reading,
//! the verifier choosing its source and cut; any other reading is added
//! when it scores above [`THRESHOLD`] (a second clause with its own cue, a
//! cue the rules do not know). Left to choose alone — every reading on its
//! score — it raised content F1 but lost named speakers on held-out
//! publishers, so the rules' cue stays. It also weighs how the attribution
//! labeller's labels ([`super::span_tagger::agreement`]) agree with a
//! reading: learned on labels of articles the labeller did not learn from,
//! it trusts them as far as they hold on new articles.

use super::linear::{put_values, Features, Part};
use super::reported::{Candidate, SentenceFacts};
use super::speaker::{Reader, Source};
use super::text::is_capitalized;

/// The score above which a reading other than the rules' cue is taken
/// (chosen with [`super::cue_model::CANDIDATE_SCORE`] on publishers held
/// out of learning: lower takes more of what was said, and more mistakes).
pub const THRESHOLD: f32 = 1.0;

/// The verifier's score of a reading of the sentence of `facts`: the
/// higher, the likelier it is the sentence's reported speech.
pub fn score(reader: &Reader, candidate: &Candidate, facts: &SentenceFacts) -> f32 {
    reader
        .models
        .verifier
        .score(|out| features(reader, candidate, facts, out))
}

/// A bucket of a count, so that 7 and 9 words weigh alike.
pub(super) fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=6 => "4-6",
        7..=12 => "7-12",
        13..=25 => "13-25",
        _ => "26+",
    }
}

/// What the token at `t` is, when it is no word to name.
fn shape(reader: &Reader, t: usize) -> &'static str {
    if reader.is_quote(t) {
        "quote"
    } else if reader.punct(t).is_some() {
        "punct"
    } else {
        match reader.word(t) {
            Some(w) if is_capitalized(w) => "capital",
            Some(_) => "lower",
            None => "none",
        }
    }
}

/// The features of a reading, given to `out` by parts. The same code
/// serves learning (as names) and scoring (as hashes).
pub fn features(
    reader: &Reader,
    candidate: &Candidate,
    facts: &SentenceFacts,
    out: &mut (impl Features + ?Sized),
) {
    let sentence = &facts.sentence;
    let span = &candidate.span;
    let mut put = |template: &Part, values: &[&str]| put_values(out, *template, values);
    let cue = span.cue_token;
    let how = candidate.how.as_str();
    let cue_word = reader.lower(cue).unwrap_or("");
    let cue_band = cue_band(candidate.cue_score);
    let source = SourceFacts::of(reader, candidate);
    let content = &span.content;
    let form = if content.start > cue {
        "after cue"
    } else if content.end <= cue {
        "before cue"
    } else {
        "around cue"
    };
    let words = candidate.words;
    let first = reader.lower(content.start).unwrap_or("");
    let before_content = content
        .start
        .checked_sub(1)
        .filter(|t| *t >= sentence.start)
        .and_then(|t| reader.lower(t).or_else(|| reader.punct(t).map(|_| ",")))
        .unwrap_or("^");
    let cue_at = if cue == sentence.start {
        "first"
    } else if Some(cue) == facts.last_word {
        "last"
    } else {
        "middle"
    };
    put(&BIAS, &[]);
    put(&HOW, &[how]);
    put(&CUE, &[cue_word]);
    put(&CUE_BAND, &[cue_band]);
    put(&HOW_BAND, &[how, cue_band]);
    put(&SOURCE, &[source.kind]);
    put(&SOURCE_HOW, &[source.kind, how]);
    put(&SOURCE_CUE, &[source.kind, cue_word]);
    put(&HEAD, &[source.head]);
    put(&HEAD_CUE, &[source.head, cue_word]);
    put(&SIDE, &[source.side, bucket(source.gap)]);
    put(&SIDE_SOURCE, &[source.side, source.kind]);
    put(&SOURCE_WORDS, &[bucket(source.words)]);
    put(&FORM, &[form]);
    put(&FORM_SIDE, &[form, source.side]);
    put(&FORM_HOW, &[form, how]);
    put(&WORDS, &[bucket(words)]);
    put(&WORDS_HOW, &[bucket(words), how]);
    put(&FIRST, &[first]);
    put(&FIRST_SHAPE, &[shape(reader, content.start)]);
    put(&BEFORE_CONTENT, &[before_content]);
    put(&CUE_AT, &[cue_at]);
    put(&CUE_AT_FORM, &[cue_at, form]);
    if candidate.ruled_source {
        put(source.ruled, &[]);
    }
    if let Some(t) = &span.source_tokens {
        put_source_place(reader, cue, t, sentence.start, &mut put);
    }
    if candidate.rules_choice {
        put(&RULES_CHOICE, &[]);
        put(&RULES_CHOICE_HOW, &[how]);
        put(&RULES_CHOICE_SOURCE, &[source.kind]);
    }
    put(&CUT, &[candidate.cut]);
    put(&CUT_FORM, &[candidate.cut, form]);
    put(&CUT_HOW, &[candidate.cut, how]);
    if candidate.content_quoted {
        put(&QUOTE_IN_CONTENT, &[]);
    }
    if facts.quoted() {
        put(&QUOTE_IN_SENTENCE, &[]);
    }
    put_labelled(reader, candidate, how, &mut put);
}

/// The cue model's score in bands of two.
fn cue_band(score: f32) -> &'static str {
    if !score.is_finite() {
        return "none";
    }
    match (score / 2.0).floor() as i32 {
        i32::MIN..=-3 => "<-6",
        -2 => "-4",
        -1 => "-2",
        0 => "0",
        1 => "2",
        2 => "4",
        3 | 4 => "6-8",
        _ => ">10",
    }
}

/// What the verifier reads of a reading's source.
struct SourceFacts<'r> {
    /// "name", "pronoun", "relative", "description" or "document".
    kind: &'static str,
    /// The feature of a source the rules found, of this kind.
    ruled: &'static Part<'static>,
    /// A description's or document's head, a pronoun's word, else `kind`.
    head: &'r str,
    /// Where its words stand from the cue ("after", "before", "none") and
    /// how many tokens between.
    side: &'static str,
    gap: usize,
    /// How many words name it.
    words: usize,
}

impl<'r> SourceFacts<'r> {
    fn of(reader: &'r Reader, candidate: &'r Candidate) -> SourceFacts<'r> {
        let span = &candidate.span;
        let cue = span.cue_token;
        let (kind, ruled) = match &span.source {
            Source::Name(_) => ("name", &RULED_NAME),
            Source::Pronoun(_) => ("pronoun", &RULED_PRONOUN),
            Source::Relative(_) => ("relative", &RULED_RELATIVE),
            Source::Writer(_) => ("writer", &RULED_WRITER),
            Source::Description(_) => ("description", &RULED_DESCRIPTION),
            Source::Document(_) => ("document", &RULED_DOCUMENT),
        };
        let head = match &span.source {
            Source::Description(h) | Source::Document(h) => h.as_str(),
            Source::Pronoun(_) => span
                .source_tokens
                .as_ref()
                .and_then(|t| reader.lower(t.start))
                .unwrap_or("pronoun"),
            _ => kind,
        };
        let (side, gap) = match &span.source_tokens {
            Some(t) if t.start > cue => ("after", t.start - cue - 1),
            Some(t) => ("before", cue.saturating_sub(t.end)),
            None => ("none", 0),
        };
        let words = span.source_tokens.as_ref().map_or(0, |t| {
            t.clone().filter(|&i| reader.word(i).is_some()).count()
        });
        SourceFacts {
            kind,
            ruled,
            head,
            side,
            gap,
            words,
        }
    }
}

/// Where the source's words `source` stand: opening the sentence (from
/// `sentence_start`), and with punctuation or a quotation between them
/// and the cue at `cue`.
fn put_source_place(
    reader: &Reader,
    cue: usize,
    source: &std::ops::Range<usize>,
    sentence_start: usize,
    put: &mut impl FnMut(&Part, &[&str]),
) {
    if source.start == sentence_start {
        put(&SOURCE_OPENS_SENTENCE, &[]);
    }
    let (lo, hi) = if source.start > cue {
        (cue + 1, source.start)
    } else {
        (source.end, cue)
    };
    if (lo..hi).any(|i| reader.punct(i).is_some()) {
        put(&PUNCT_BETWEEN, &[]);
    }
    if (lo..hi).any(|i| reader.is_quote(i)) {
        put(&QUOTE_BETWEEN, &[]);
    }
}

/// How the attribution labeller's labels agree with the reading (none
/// when the frame was not labelled); `how` is how its cue was found.
fn put_labelled(
    reader: &Reader,
    candidate: &Candidate,
    how: &str,
    put: &mut impl FnMut(&Part, &[&str]),
) {
    let span = &candidate.span;
    let Some(a) = super::span_tagger::agreement(
        reader.labels,
        span.cue_token,
        span.source_tokens.clone(),
        span.content.clone(),
    ) else {
        return;
    };
    let edges = match (a.start, a.end) {
        (true, true) => "both",
        (true, false) => "start",
        (false, true) => "end",
        (false, false) => "neither",
    };
    put(&LABELLED_CUE, &[a.cue]);
    put(&LABELLED_SOURCE, &[a.source]);
    put(&LABELLED_CONTENT, &[a.content]);
    put(&LABELLED_EDGES, &[edges]);
    put(&LABELLED_ALL, &[a.cue, a.source, a.content]);
    put(&LABELLED_CONTENT_HOW, &[a.content, how]);
    put(&LABELLED_EDGES_CONTENT, &[edges, a.content]);
}

// The templates of the features, hashed once, at compile time.
const BIAS: Part = Part::new("bias");
const HOW: Part = Part::new("how=");
const CUE: Part = Part::new("cue=");
const CUE_BAND: Part = Part::new("cue band=");
const HOW_BAND: Part = Part::new("how+band=");
const SOURCE: Part = Part::new("source=");
const SOURCE_HOW: Part = Part::new("source+how=");
const SOURCE_CUE: Part = Part::new("source+cue=");
const HEAD: Part = Part::new("head=");
const HEAD_CUE: Part = Part::new("head+cue=");
const SIDE: Part = Part::new("side=");
const SIDE_SOURCE: Part = Part::new("side+source=");
const SOURCE_WORDS: Part = Part::new("source words=");
const FORM: Part = Part::new("form=");
const FORM_SIDE: Part = Part::new("form+side=");
const FORM_HOW: Part = Part::new("form+how=");
const WORDS: Part = Part::new("words=");
const WORDS_HOW: Part = Part::new("words+how=");
const FIRST: Part = Part::new("first=");
const FIRST_SHAPE: Part = Part::new("first shape=");
const BEFORE_CONTENT: Part = Part::new("before content=");
const CUE_AT: Part = Part::new("cue at=");
const CUE_AT_FORM: Part = Part::new("cue at+form=");
// A name without '=' is hashed whole: one constant per source kind.
const RULED_NAME: Part = Part::new("ruled source+name");
const RULED_PRONOUN: Part = Part::new("ruled source+pronoun");
const RULED_RELATIVE: Part = Part::new("ruled source+relative");
const RULED_DESCRIPTION: Part = Part::new("ruled source+description");
const RULED_DOCUMENT: Part = Part::new("ruled source+document");
const RULED_WRITER: Part = Part::new("ruled source+writer");
const SOURCE_OPENS_SENTENCE: Part = Part::new("source opens sentence");
const PUNCT_BETWEEN: Part = Part::new("punct between source and cue");
const QUOTE_BETWEEN: Part = Part::new("quote between source and cue");
const RULES_CHOICE: Part = Part::new("rules' choice");
const RULES_CHOICE_HOW: Part = Part::new("rules' choice+how=");
const RULES_CHOICE_SOURCE: Part = Part::new("rules' choice+source=");
const CUT: Part = Part::new("cut=");
const CUT_FORM: Part = Part::new("cut+form=");
const CUT_HOW: Part = Part::new("cut+how=");
const QUOTE_IN_CONTENT: Part = Part::new("quote in content");
const QUOTE_IN_SENTENCE: Part = Part::new("quote in sentence");
const LABELLED_CUE: Part = Part::new("labelled cue=");
const LABELLED_SOURCE: Part = Part::new("labelled source=");
const LABELLED_CONTENT: Part = Part::new("labelled content=");
const LABELLED_EDGES: Part = Part::new("labelled edges=");
const LABELLED_ALL: Part = Part::new("labelled cue+source+content=");
const LABELLED_CONTENT_HOW: Part = Part::new("labelled content+how=");
const LABELLED_EDGES_CONTENT: Part = Part::new("labelled edges+content=");

#[cfg(test)]
mod tests {
    use crate::extract::linear::LinearModel;

    #[test]
    fn the_compiled_in_verifier_parses_and_is_not_empty() {
        let model = LinearModel::parse(include_str!("verifier.tsv")).unwrap();
        assert!(model.len() > 100, "{}", model.len());
    }
}
