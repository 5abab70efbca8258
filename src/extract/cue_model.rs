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

use super::lexicon;
use super::linear::Names;
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
    "which", "of", "with", "by", "from", "at",
];

/// Whether `word` (lowercase) can be the cue word of a span: not one of
/// [`NOT_CUE_HEADS`] nor an adverb ("*publicly* said", "*previously*
/// argued": the verb after it is the cue).
pub fn can_head_cue(word: &str) -> bool {
    let adverb = word.len() > 4 && word.ends_with("ly");
    !(adverb || NOT_HEADS.contains(word))
}

static NOT_HEADS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| NOT_CUE_HEADS.iter().copied().collect());

/// The model's score of token `t` of `sentence` as a cue: above zero, a
/// cue; never one for a word that cannot head a cue ([`can_head_cue`]).
pub fn cue_score(
    reader: &Reader,
    t: usize,
    sentence: Range<usize>,
    quoted: bool,
    lexical: Lexical,
) -> f32 {
    let Some(word) = reader.lower(t).filter(|w| can_head_cue(w)) else {
        return f32::NEG_INFINITY;
    };
    // Most words are short: no allocation for them.
    let mut never = compact_str::CompactString::const_new(NEVER);
    never.push_str(word);
    let model = &reader.models.cues;
    if model.has(&never) {
        return f32::NEG_INFINITY;
    }
    model.score(|emit| features(reader, t, sentence, quoted, lexical, emit))
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
}

impl Lexical {
    pub fn of(reader: &Reader, t: usize) -> Lexical {
        let w = reader.lower(t).unwrap_or("");
        let lexicon = lexicon::is_cue(w);
        Lexical {
            lexicon,
            learned: reader.models.is_learned_cue(w),
            rule: reader.is_cue(t),
        }
    }
}

/// Lowest score at which a word is tried as a cue at all (reported speech
/// weighs each try with the verifier).
pub const CANDIDATE_SCORE: f32 = 0.0;

/// The table's mark of a word that scored below [`CANDIDATE_SCORE`] at
/// every one of its many occurrences in train ("never=the"): such words
/// are not scored, which spares most of the work on the common words.
pub const NEVER: &str = "never=";

/// What kind of token stands at `t`, for the features of its neighbour.
fn kind(reader: &Reader, t: usize, sentence: &Range<usize>) -> &'static str {
    if t < sentence.start || t >= sentence.end {
        return "edge";
    }
    if reader.is_quote(t) {
        return "quote";
    }
    if let Some(c) = reader.punct(t) {
        return match c {
            ',' => "comma",
            ':' => "colon",
            '—' | '–' | '-' => "dash",
            '(' | ')' => "paren",
            _ => "punct",
        };
    }
    if reader.pronoun(t).is_some() {
        return "pronoun";
    }
    let Some(w) = reader.word(t) else {
        return "other";
    };
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        "number"
    } else if is_capitalized(w) {
        "capital"
    } else {
        "lower"
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
    emit: &mut dyn FnMut(&str),
) {
    let mut names = Names::new(emit);
    let mut put = |parts: &[&str]| names.put(parts);
    let word = |i: Option<usize>| {
        i.filter(|i| sentence.contains(i))
            .and_then(|i| reader.lower(i))
            .unwrap_or("")
    };
    let w = reader.lower(t).unwrap_or("");
    let prev = word(t.checked_sub(1));
    let next = word(Some(t + 1));
    let next2 = word(Some(t + 2));
    let pk = kind(reader, t.wrapping_sub(1), &sentence);
    let nk = kind(reader, t + 1, &sentence);
    let suffix = w.char_indices().rev().nth(2).map_or(w, |(i, _)| &w[i..]);
    put(&["bias"]);
    put(&["w=", w]);
    put(&["suffix=", suffix]);
    put(&["prev=", prev]);
    put(&["next=", next]);
    put(&["next2=", next2]);
    put(&["prev+w=", prev, "|", w]);
    put(&["w+next=", w, "|", next]);
    put(&["pk=", pk]);
    put(&["nk=", nk]);
    put(&["pk+w=", pk, "|", w]);
    put(&["w+nk=", w, "|", nk]);
    put(&["pk+nk=", pk, "|", nk]);
    let capital = reader.word(t).is_some_and(is_capitalized) && t > sentence.start;
    if capital {
        put(&["capital"]);
    }
    if t == sentence.start {
        put(&["first"]);
    }
    if lexical.lexicon {
        put(&["lexicon"]);
        put(&["lexicon+nk=", nk]);
    }
    if lexical.learned {
        put(&["learned"]);
    }
    if lexical.rule {
        put(&["rule cue"]);
    }
    if quoted {
        put(&["quote in sentence"]);
    }
    // Where in the sentence: attributions close sentences ("…, he said")
    // and open them ("He said …").
    let from_end = sentence.end.saturating_sub(t + 1);
    let position = match from_end {
        0..=1 => "end",
        2..=3 => "near end",
        _ if t - sentence.start <= 2 => "near start",
        _ => "middle",
    };
    put(&["position=", position]);
    put(&["position+w=", position, "|", w]);
}

#[cfg(test)]
mod tests {
    use crate::extract::linear::LinearModel;

    #[test]
    fn the_compiled_in_model_parses_and_is_not_empty() {
        let model = LinearModel::parse(include_str!("cue_model.tsv")).unwrap();
        assert!(model.len() > 1000, "{}", model.len());
    }
}
