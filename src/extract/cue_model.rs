//! Which words open an attribution: a linear model over a word and its
//! neighbours, learned from PolNeAR train's Cue spans
//! (`cargo run --release --example learn_cue_model`), its weights a table
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

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHasher};

use super::lexicon;
use super::preset::Preset;
use super::speaker::Reader;
use super::text::is_capitalized;

/// Words that open a cue span without being its cue ("*has* been
/// critical", "*also* said", "*did not* say"): the model learns the word
/// after them.
#[rustfmt::skip]
pub const NOT_CUE_HEADS: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "also", "not", "did", "does", "do", "can", "could", "may", "might", "should", "must",
    "just", "still", "now", "even", "already", "then", "never", "only", "repeatedly", "again",
    "the", "a", "an", "it", "that", "to", "n't", "didn’t", "didn't", "doesn’t", "doesn't",
    "don’t", "don't",
];

/// Whether `word` (lowercase) can be the cue word of a span: not one of
/// [`NOT_CUE_HEADS`] nor an adverb ("*publicly* said", "*previously*
/// argued": the verb after it is the cue).
pub fn can_head_cue(word: &str) -> bool {
    let adverb = word.len() > 4 && word.ends_with("ly");
    !(adverb || NOT_CUE_HEADS.contains(&word))
}

/// The learned weights, by the hash of the feature's name.
pub struct CueModel {
    weights: HashMap<u64, f32>,
}

impl CueModel {
    /// Reads a table of `feature<TAB>weight` lines ('#' opens a comment).
    pub fn parse(table: &str) -> Result<CueModel, String> {
        let mut weights = HashMap::default();
        for (n, line) in table.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (feature, weight) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: expected feature<TAB>weight", n + 1))?;
            let weight: f32 = weight
                .trim()
                .parse()
                .map_err(|_| format!("line {}: {weight:?} is not a number", n + 1))?;
            weights.insert(hash(feature), weight);
        }
        Ok(CueModel { weights })
    }

    /// The score of token `t` of `sentence`; above zero, it is a cue.
    pub fn score(&self, reader: &Reader, t: usize, sentence: Range<usize>) -> f32 {
        let mut sum = 0.0;
        features(reader, t, sentence, &mut |f| {
            sum += self.weights.get(&hash(f)).copied().unwrap_or(0.0);
        });
        sum
    }
}

fn hash(feature: &str) -> u64 {
    let mut h = FxHasher::default();
    feature.hash(&mut h);
    h.finish()
}

/// The score above which a word is a cue. Above zero, the score the
/// perceptron learned to separate by, to keep fewer false cues: each needs
/// a source and a content before anything is extracted, but many still
/// find them ("The governor signed the budget").
const THRESHOLD: f32 = 2.0;

static MODEL_TABLE: Preset<String> = Preset::new();

static MODEL: LazyLock<CueModel> = LazyLock::new(|| {
    let table = MODEL_TABLE
        .read()
        .map_or(include_str!("cue_model.tsv"), |t| t.as_str());
    // The compiled-in table is checked by a unit test; a given one was
    // checked by `use_cue_model`.
    CueModel::parse(table).unwrap_or(CueModel {
        weights: HashMap::default(),
    })
});

/// Uses `table` (the format of `cue_model.tsv`) as the cue model, in place
/// of the one compiled in: the leave-one-publisher-out evaluation learns
/// one without each publisher. Once only, before any extraction.
pub fn use_cue_model(table: String) -> Result<(), String> {
    CueModel::parse(&table).map_err(|e| format!("cue model: {e}"))?;
    MODEL_TABLE.give(table, "cue model")
}

/// Whether the model makes token `t` of `sentence` a cue.
pub fn is_model_cue(reader: &Reader, t: usize, sentence: Range<usize>) -> bool {
    reader.lower(t).is_some_and(can_head_cue) && MODEL.score(reader, t, sentence) > THRESHOLD
}

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
pub fn features(reader: &Reader, t: usize, sentence: Range<usize>, emit: &mut dyn FnMut(&str)) {
    let mut buf = String::with_capacity(48);
    let mut put = |parts: &[&str]| {
        buf.clear();
        for p in parts {
            buf.push_str(p);
        }
        emit(&buf);
    };
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
    let suffix: String = {
        let chars: Vec<char> = w.chars().collect();
        chars[chars.len().saturating_sub(3)..].iter().collect()
    };
    put(&["bias"]);
    put(&["w=", w]);
    put(&["suffix=", &suffix]);
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
    if lexicon::is_cue(w) {
        put(&["lexicon"]);
        put(&["lexicon+nk=", nk]);
    }
    if lexicon::is_learned_cue(w) {
        put(&["learned"]);
    }
    if reader.is_cue(t) {
        put(&["rule cue"]);
    }
    let quoted = sentence.clone().any(|i| reader.is_quote(i));
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

/// An averaged perceptron over named features: what
/// `examples/learn_cue_model.rs` trains.
#[derive(Default)]
pub struct Perceptron {
    index: HashMap<String, usize>,
    names: Vec<String>,
    weights: Vec<f32>,
    /// Sums of each weight's updates times the step they were made at,
    /// for averaging without touching every weight at every step.
    updates: Vec<f32>,
    /// How many examples had each feature.
    counts: Vec<u32>,
    step: f32,
}

impl Perceptron {
    fn slot(&mut self, feature: &str) -> usize {
        if let Some(&i) = self.index.get(feature) {
            return i;
        }
        self.index.insert(feature.to_string(), self.names.len());
        self.names.push(feature.to_string());
        self.weights.push(0.0);
        self.updates.push(0.0);
        self.counts.push(0);
        self.names.len() - 1
    }

    /// The slots of `features`, made when new: a training example.
    pub fn example(&mut self, features: &[String]) -> Vec<usize> {
        features
            .iter()
            .map(|f| {
                let i = self.slot(f);
                self.counts[i] += 1;
                i
            })
            .collect()
    }

    /// Drops from `examples` the features seen in fewer than `min_count`
    /// of them, before training: a feature seen once or twice is a fact
    /// about one article, and the model learns to do without it.
    pub fn drop_rare(&self, examples: &mut [(Vec<usize>, bool)], min_count: u32) {
        for (slots, _) in examples {
            slots.retain(|&i| self.counts[i] >= min_count);
        }
    }

    /// One pass over `examples` (slots, label) in the order given; `weight`
    /// is how much a missed positive counts against a false one.
    pub fn epoch(&mut self, examples: &[(Vec<usize>, bool)], positive_weight: f32) {
        for (slots, label) in examples {
            self.step += 1.0;
            let score: f32 = slots.iter().map(|&i| self.weights[i]).sum();
            if (score > 0.0) != *label {
                let delta = if *label { positive_weight } else { -1.0 };
                for &i in slots {
                    self.weights[i] += delta;
                    self.updates[i] += self.step * delta;
                }
            }
        }
    }

    /// The averaged weights, rounded to a tenth, without those that round
    /// to zero.
    pub fn averaged(&self) -> Vec<(String, f32)> {
        let steps = self.step.max(1.0);
        let mut out: Vec<(String, f32)> = self
            .names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let w = self.weights[i] - self.updates[i] / steps;
                (name.clone(), (w * 10.0).round() / 10.0)
            })
            .filter(|(_, w)| *w != 0.0)
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_model_parses_and_is_not_empty() {
        let model = CueModel::parse(include_str!("cue_model.tsv")).unwrap();
        assert!(model.weights.len() > 1000, "{}", model.weights.len());
    }

    #[test]
    fn a_bad_table_is_refused_with_its_line() {
        let err = CueModel::parse("# comment\nw=said\t1.5\nw=told 2\n")
            .err()
            .unwrap();
        assert_eq!(err, "line 3: expected feature<TAB>weight");
    }

    #[test]
    fn the_perceptron_learns_a_separable_rule() {
        let mut p = Perceptron::default();
        let data: Vec<(Vec<usize>, bool)> = (0..40)
            .map(|i| {
                let cue = i % 3 == 0;
                let f = vec![
                    "bias".to_string(),
                    if cue { "w=said" } else { "w=the" }.to_string(),
                ];
                (p.example(&f), cue)
            })
            .collect();
        for _ in 0..5 {
            p.epoch(&data, 1.0);
        }
        let w: HashMap<String, f32> = p.averaged().into_iter().collect();
        let said = w.get("bias").unwrap_or(&0.0) + w.get("w=said").unwrap_or(&0.0);
        let the = w.get("bias").unwrap_or(&0.0) + w.get("w=the").unwrap_or(&0.0);
        assert!(said > 0.0 && the <= 0.0, "{w:?}");
    }
}
