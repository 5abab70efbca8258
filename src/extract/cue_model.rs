//! Which words open an attribution: a linear model over a word and its
//! neighbours, learned from PolNeAR train's Cue spans
//! (`cargo run --release --example learn_models`), its weights a table
//! compiled in (`cue_model.tsv`).
//!
//! A fixed list of speech verbs finds "said" and "told"; what annotators
//! mark as attributions reaches further — "Trump *wants* a wall", "voters
//! *believe* …", "Cruz *has been critical of* …" — and whether such a
//! word is a cue depends on its neighbours ("plans *to*", "*support* for"
//! against "*supports* the bill"). The model scores each word from its own
//! form, its neighbours' forms and kinds, and the cue lexicons; a score
//! above zero makes it a cue of reported speech. Quotations keep the
//! curated cues their attribution rules were written for.

use std::ops::Range;

use super::linear::{Features, Part};
use super::models::WordFacts;
use super::speaker::Reader;
use super::text::is_capitalized;

/// Words that open a cue span without being its cue ("*has* been
/// critical", "*also* said", "*did not* say", "*and* said", "*he* told"):
/// the model learns the word after them, and never scores them.
#[rustfmt::skip]
pub const NOT_CUE_HEADS: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "also", "not", "did", "does", "do", "can", "could", "may", "might", "should", "must",
    "just", "still", "now", "even", "already", "then", "never", "only", "repeatedly", "again",
    "the", "a", "an", "it", "that", "to", "n't", "didn’t", "didn't", "doesn’t", "doesn't",
    "don’t", "don't", "and", "or", "but", "so", "he", "she", "they", "we", "i", "you", "his",
    "her", "their", "its", "our", "my", "your", "this", "these", "those", "there", "who",
    "which", "of", "with", "by", "from", "at", "later", "earlier", "both", "all", "once",
    "first", "each", "ever", "since", "long", "twice", "often", "always", "soon", "yet",
    "further", "instead", "too",
];

/// Whether `word` (lowercase) can be the cue word of a span: not one of
/// [`NOT_CUE_HEADS`] (`facts`, the word's) nor an adverb ("*publicly*
/// said", "*previously* argued": the verb after it is the cue).
pub fn can_head_cue(word: &str, facts: WordFacts) -> bool {
    let adverb = super::lexicon::is_ly_adverb(word);
    !(adverb || facts.not_head())
}

/// The model's score of token `t` of `sentence` as a cue: above zero, a
/// cue; never one for a word that cannot head a cue ([`can_head_cue`]).
pub fn cue_score(
    reader: &Reader,
    t: usize,
    sentence: Range<usize>,
    quoted: bool,
    lexical: Lexical,
) -> f32 {
    let Some(word) = reader.lower_part(t) else {
        return f32::NEG_INFINITY;
    };
    if !can_head_cue(word.text, lexical.facts) || lexical.facts.never() {
        return f32::NEG_INFINITY;
    }
    let model = &reader.models.cues;
    model.score(|out| features(reader, t, sentence, quoted, lexical, out))
}

/// What the cue lexicons say of a word: looked up once, read by the
/// model and by reported speech.
#[derive(Clone, Copy, Debug)]
pub struct Lexical {
    /// A form of a curated speech verb.
    pub lexicon: bool,
    /// A cue word learned from train (`learned_cues.tsv`).
    pub learned: bool,
    /// A cue by the quotation rules (the lexicon in its context).
    pub rule: bool,
    /// All the word lists say of the word.
    pub facts: WordFacts,
}

impl Lexical {
    pub fn of(reader: &Reader, t: usize) -> Lexical {
        let facts = reader.models.facts(reader.lower(t).unwrap_or(""));
        Lexical {
            lexicon: facts.cue(),
            learned: facts.learned(),
            rule: reader.is_cue_given(t, facts.cue()),
            facts,
        }
    }
}

/// Lowest score at which a word is tried as a cue at all (reported speech
/// weighs each try with the verifier, which learns from these tries: below
/// zero, so that it sees the words the cue model is unsure of).
pub const CANDIDATE_SCORE: f32 = -1.0;

/// The table's mark of a word that scored below [`CANDIDATE_SCORE`] at
/// every one of its many occurrences in train ("never=the"): such words
/// are not scored, which spares most of the work on the common words.
pub const NEVER: &str = "never=";

/// What kind of token stands at `t`, for the features of its neighbour.
fn kind(reader: &Reader, t: usize, sentence: &Range<usize>) -> Part<'static> {
    const EDGE: Part = Part::new("edge");
    const QUOTE: Part = Part::new("quote");
    const COMMA: Part = Part::new("comma");
    const COLON: Part = Part::new("colon");
    const DASH: Part = Part::new("dash");
    const PAREN: Part = Part::new("paren");
    const PUNCT: Part = Part::new("punct");
    const PRONOUN: Part = Part::new("pronoun");
    const OTHER: Part = Part::new("other");
    const NUMBER: Part = Part::new("number");
    const CAPITAL_WORD: Part = Part::new("capital");
    const LOWER_WORD: Part = Part::new("lower");
    if t < sentence.start || t >= sentence.end {
        return EDGE;
    }
    if reader.is_quote(t) {
        return QUOTE;
    }
    if let Some(c) = reader.punct(t) {
        return match c {
            ',' => COMMA,
            ':' => COLON,
            '—' | '–' | '-' => DASH,
            '(' | ')' => PAREN,
            _ => PUNCT,
        };
    }
    if reader.pronoun(t).is_some() {
        return PRONOUN;
    }
    let Some(w) = reader.word(t) else {
        return OTHER;
    };
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        NUMBER
    } else if is_capitalized(w) {
        CAPITAL_WORD
    } else {
        LOWER_WORD
    }
}

/// The features of token `t`, each given to `emit` by name. The same code
/// serves learning and scoring, so that the two never disagree.
/// `quoted`: whether the sentence holds a quotation.
pub fn features(
    reader: &Reader,
    t: usize,
    sentence: Range<usize>,
    quoted: bool,
    lexical: Lexical,
    out: &mut (impl Features + ?Sized),
) {
    const NO_WORD: Part = Part::new("");
    let word = |i: Option<usize>| {
        i.filter(|i| sentence.contains(i))
            .and_then(|i| reader.lower_part(i))
            .unwrap_or(NO_WORD)
    };
    let w = reader.lower_part(t).unwrap_or(NO_WORD);
    let w_text = w.text;
    let prev = word(t.checked_sub(1));
    let next = word(Some(t + 1));
    let next2 = word(Some(t + 2));
    let pk = kind(reader, t.wrapping_sub(1), &sentence);
    let nk = kind(reader, t + 1, &sentence);
    let suffix = w_text
        .char_indices()
        .rev()
        .nth(2)
        .map_or(w_text, |(i, _)| &w_text[i..]);
    let mut put = |template: &Part, values: &[Part]| out.add(*template, values);
    put(&BIAS, &[]);
    put(&W, &[w]);
    put(&SUFFIX, &[Part::new(suffix)]);
    put(&PREV, &[prev]);
    put(&NEXT, &[next]);
    put(&NEXT2, &[next2]);
    put(&PREV_W, &[prev, w]);
    put(&W_NEXT, &[w, next]);
    put(&PK, &[pk]);
    put(&NK, &[nk]);
    put(&PK_W, &[pk, w]);
    put(&W_NK, &[w, nk]);
    put(&PK_NK, &[pk, nk]);
    let capital = reader.word(t).is_some_and(is_capitalized) && t > sentence.start;
    if capital {
        put(&CAPITAL, &[]);
    }
    if t == sentence.start {
        put(&FIRST, &[]);
    }
    if lexical.lexicon {
        put(&LEXICON, &[]);
        put(&LEXICON_NK, &[nk]);
    }
    if lexical.learned {
        put(&LEARNED, &[]);
    }
    if lexical.rule {
        put(&RULE_CUE, &[]);
    }
    if quoted {
        put(&QUOTE_IN_SENTENCE, &[]);
    }
    // Where in the sentence: attributions close sentences ("…, he said")
    // and open them ("He said …").
    let from_end = sentence.end.saturating_sub(t + 1);
    const END: Part = Part::new("end");
    const NEAR_END: Part = Part::new("near end");
    const NEAR_START: Part = Part::new("near start");
    const MIDDLE: Part = Part::new("middle");
    let position = match from_end {
        0..=1 => END,
        2..=3 => NEAR_END,
        _ if t - sentence.start <= 2 => NEAR_START,
        _ => MIDDLE,
    };
    put(&POSITION, &[position]);
    put(&POSITION_W, &[position, w]);
}

// The templates of the features, hashed once, at compile time.
const BIAS: Part = Part::new("bias");
const W: Part = Part::new("w=");
const SUFFIX: Part = Part::new("suffix=");
const PREV: Part = Part::new("prev=");
const NEXT: Part = Part::new("next=");
const NEXT2: Part = Part::new("next2=");
const PREV_W: Part = Part::new("prev+w=");
const W_NEXT: Part = Part::new("w+next=");
const PK: Part = Part::new("pk=");
const NK: Part = Part::new("nk=");
const PK_W: Part = Part::new("pk+w=");
const W_NK: Part = Part::new("w+nk=");
const PK_NK: Part = Part::new("pk+nk=");
const CAPITAL: Part = Part::new("capital");
const FIRST: Part = Part::new("first");
const LEXICON: Part = Part::new("lexicon");
const LEXICON_NK: Part = Part::new("lexicon+nk=");
const LEARNED: Part = Part::new("learned");
const RULE_CUE: Part = Part::new("rule cue");
const QUOTE_IN_SENTENCE: Part = Part::new("quote in sentence");
const POSITION: Part = Part::new("position=");
const POSITION_W: Part = Part::new("position+w=");

#[cfg(test)]
mod tests {
    use crate::extract::linear::LinearModel;

    #[test]
    fn the_compiled_in_model_parses_and_is_not_empty() {
        let model = LinearModel::parse(include_str!("cue_model.tsv")).unwrap();
        assert!(model.len() > 1000, "{}", model.len());
    }
}
