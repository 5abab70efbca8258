//! Learning quarry's five models of attribution from PolNeAR's
//! annotations (`cargo run --release --example learn_models`): the cue
//! model ([`super::cue_model`]) from the annotated Cue spans, then the end
//! model ([`super::ends`]) from the Content spans, on the readings the new
//! cue model makes, then the verifier ([`super::verifier`]) from the
//! Content and Source spans, on the readings at the ends the end model
//! chooses, then the antecedent model
//! ([`super::antecedent`]) from the hand-checked speakers of pronoun
//! sources, on the pronouns quarry resolves, and the description model
//! ([`super::description`]) from the hand-checked speakers of description
//! sources, on the descriptions no rule resolves. Each comes out as the
//! table quarry compiles in.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use super::lexicon::PRONOUNS;
use super::linear::{rounded, Perceptron};
use super::models::{Models, Tables as ModelTables};
use super::{
    cue_examples, ends_examples, speaker_examples, verifier_examples, Annotated, GoldSpeaker,
};
use super::{learn_spans, span_tagger};
use crate::article::Article;

/// Passes over the examples.
const EPOCHS: usize = 8;
/// Parts train is cut into, so that each part's labels come from a
/// labeller learned without it.
const FOLDS: usize = 5;
/// Fewest examples a feature is seen in to be kept: rarer ones are facts
/// about an article or two, and dropping them keeps the tables small.
const MIN_COUNT: u32 = 20;
/// A missed cue costs this many false ones: cues are rare among words, and
/// a missed attribution is lost while a false cue still has to pass the
/// verifier.
const CUE_POSITIVE_WEIGHT: f32 = 2.0;

/// One article's text and its annotated attributions (byte ranges).
pub(crate) struct Example {
    /// The article's file name.
    pub(crate) name: String,
    pub(crate) article: Article,
    pub(crate) cues: Vec<Range<usize>>,
    pub(crate) gold: Vec<Annotated>,
    /// Its pronoun sources whose speakers were checked by hand.
    pronouns: Vec<GoldSpeaker>,
    /// Its description sources whose speakers were checked by hand.
    descriptions: Vec<GoldSpeaker>,
}

/// What to learn from.
pub struct Options<'a> {
    /// The folder holding data/polnear.
    pub shared: &'a Path,
    /// The PolNeAR splits to read ("train"; "train,dev" for leave one out).
    pub splits: &'a str,
    /// A publisher whose articles are left out.
    pub without: Option<&'a str>,
    /// The learned-cue table both models read as a feature (learned
    /// without that publisher too); the compiled-in one when `None`.
    pub learned_cues: Option<String>,
}

/// The learned tables, in the format of `cue_model.tsv`, `ends.tsv`,
/// `verifier.tsv`, `antecedent.tsv` and `descriptions.tsv`.
pub struct Tables {
    pub cue_model: String,
    pub ends: String,
    pub verifier: String,
    pub antecedents: String,
    pub descriptions: String,
    /// The attribution labeller, in its file format.
    pub spans: Vec<u8>,
}

/// Learns every model: the labeller, then the cue model, the end model,
/// the verifier and the two speaker models, each reading train with the
/// ones learned before it.
pub fn learn(options: &Options) -> Result<Tables, String> {
    let (examples, source) = read_examples(options)?;

    // The labeller reads no other model; the rest read with it. They learn
    // on labels of articles it did not learn from (each fold's labeller
    // learned without that fold), as quarry meets new articles: on the
    // articles it learned from it is right far more often.
    let spans = span_tagger::write(&learn_spans::learn(&learn_spans::labelled(&examples)));
    let fold_spans = fold_labellers(&examples);
    let folded = |tables: &ModelTables| -> Result<Vec<Models>, String> {
        fold_spans
            .iter()
            .map(|spans| {
                let tables = ModelTables {
                    spans: Some(spans.clone()),
                    ..tables.clone()
                };
                Models::new(&tables, Vec::new())
            })
            .collect()
    };
    // The cue model's features read the learned cues, not the cue model.
    let given = ModelTables {
        learned_cues: options.learned_cues.clone(),
        ..ModelTables::default()
    };
    let cues = train_classifier(
        &examples,
        &folded(&given)?,
        |models, e| cue_examples(models, &e.article, &e.cues),
        CUE_POSITIVE_WEIGHT,
        "cue model",
        &source,
    );
    let cue_model = cues.table() + &never_cues(&cues);
    let models = folded(&ModelTables {
        cue_model: Some(cue_model.clone()),
        ..given.clone()
    })?;

    let ends = train_ranker(
        examples
            .iter()
            .enumerate()
            .flat_map(|(i, e)| ends_examples(&models[i % FOLDS], &e.article, &e.gold)),
        "end model",
        "readings and their ends",
        &source,
    );
    let models = folded(&ModelTables {
        cue_model: Some(cue_model.clone()),
        ends: Some(ends.clone()),
        ..given.clone()
    })?;

    let verifier = train_classifier(
        &examples,
        &models,
        |models, e| verifier_examples(models, &e.article, &e.gold),
        1.0,
        "verifier",
        &source,
    )
    .table();

    let (antecedents, descriptions) = learn_speaker_models(
        &examples,
        &|tables| {
            folded(&ModelTables {
                cue_model: Some(cue_model.clone()),
                ends: Some(ends.clone()),
                verifier: Some(verifier.clone()),
                ..tables
            })
        },
        &given,
        &source,
    )?;
    Ok(Tables {
        cue_model,
        ends,
        verifier,
        antecedents,
        descriptions,
        spans,
    })
}

/// The examples of `options`' splits, and a phrase saying what they are
/// for the tables' headers.
fn read_examples(options: &Options) -> Result<(Vec<Example>, String), String> {
    let mut examples = Vec::new();
    for split in options.splits.split(',') {
        examples.extend(read_split(options.shared, split, options.without)?);
    }
    let source = format!(
        "{} articles of PolNeAR {}{}",
        examples.len(),
        options.splits,
        options
            .without
            .map(|p| format!(" without {p}"))
            .unwrap_or_default()
    );
    Ok((examples, source))
}

/// A classifier learned on the examples `of` makes of each article, read
/// with its fold's models (`models[i % FOLDS]`).
fn train_classifier(
    examples: &[Example],
    models: &[Models],
    of: impl Fn(&Models, &Example) -> Vec<(Vec<String>, bool)>,
    positive_weight: f32,
    what: &str,
    source: &str,
) -> Trained {
    let mut perceptron = Perceptron::default();
    let mut rows = Vec::new();
    for (i, e) in examples.iter().enumerate() {
        for (features, label) in of(&models[i % FOLDS], e) {
            rows.push((perceptron.example(&features), label));
        }
    }
    train(perceptron, rows, positive_weight, what, source)
}

/// The antecedent and description models (their tables), learned in
/// rounds on readings of `examples` with the models `folded` makes from
/// the tables given (one for each fold).
fn learn_speaker_models(
    examples: &[Example],
    folded: &dyn Fn(ModelTables) -> Result<Vec<Models>, String>,
    given: &ModelTables,
    source: &str,
) -> Result<(String, String), String> {
    // Both speaker models learn from one reading of each article. A
    // pronoun's candidates include the pronouns and descriptions resolved
    // before it, so both models read with the ones of the round before,
    // from a fixed start, and with the verifier just learned: what they
    // learn does not depend on the tables compiled in (with the compiled
    // ones, relearning could swing between two pairs of tables for ever).
    let mut antecedents = ANTECEDENT_START.to_string();
    let mut descriptions = String::new();
    for round in 0..ANTECEDENT_ROUNDS {
        let models = folded(ModelTables {
            antecedents: Some(antecedents),
            descriptions: Some(descriptions),
            ..given.clone()
        })?;
        let mut pronouns = Vec::new();
        let mut described = Vec::new();
        for (i, e) in examples.iter().enumerate() {
            let (p, d) =
                speaker_examples(&models[i % FOLDS], &e.article, &e.pronouns, &e.descriptions);
            pronouns.extend(p);
            described.extend(d);
        }
        let rounds = format!(
            "(round {} of {ANTECEDENT_ROUNDS}, each reading train with the one before)",
            round + 1
        );
        antecedents = train_ranker(
            pronouns.into_iter(),
            "antecedent model",
            &format!("pronouns and their candidates {rounds}"),
            source,
        );
        descriptions = train_ranker(
            described.into_iter(),
            "description model",
            &format!("descriptions and their candidates {rounds}"),
            source,
        );
    }
    Ok((antecedents, descriptions))
}

/// The labeller learned without each fold of `examples` (article `i` is
/// in fold `i % FOLDS`), in its file format.
fn fold_labellers(examples: &[Example]) -> Vec<Vec<u8>> {
    (0..FOLDS)
        .map(|k| {
            let others = examples
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS != k)
                .map(|(_, e)| e);
            span_tagger::write(&learn_spans::learn(&learn_spans::labelled(others)))
        })
        .collect()
}

/// A trained model: the perceptron, the examples it learned from (rare
/// features dropped), its averaged weights and the line heading its table.
struct Trained {
    perceptron: Perceptron,
    rows: Vec<(Vec<usize>, bool)>,
    weights: Vec<(String, f32)>,
    header: String,
}

impl Trained {
    /// The table quarry compiles in: the header, then a weight a line.
    fn table(&self) -> String {
        table(&self.header, &self.weights)
    }
}

/// A table in the format quarry compiles in: `header`, then a weight a line.
fn table(header: &str, weights: &[(String, f32)]) -> String {
    let mut table = header.to_string();
    for (name, w) in weights {
        table.push_str(&format!("{name}\t{w}\n"));
    }
    table
}

/// Trains the yes/no `perceptron` on `rows`, as the mean of runs over
/// different orders ([`mean_of_runs`]). One run swung the verifier's
/// lexical weights from sign to sign between relearns that changed a few
/// dozen of its 14,000 examples, and moved every weight of the cue model
/// (what every other model learns from) when a change to the reading
/// added or removed a few of its 490,000; over seven publishers left out
/// in turn, the mean of runs scored as well or better on nearly every
/// figure.
fn train(
    perceptron: Perceptron,
    mut rows: Vec<(Vec<usize>, bool)>,
    positive_weight: f32,
    what: &str,
    source: &str,
) -> Trained {
    perceptron.drop_rare(&mut rows, MIN_COUNT);
    let positives = rows.iter().filter(|(_, l)| *l).count();
    let weights = mean_of_runs(&perceptron, &mut rows, |learner, rows| {
        learner.epoch(rows, positive_weight)
    });
    let header = format!(
        "# {what}: averaged perceptron, {EPOCHS} passes, the mean of {RANKER_RUNS} runs over \
         different orders, positive weight {positive_weight}, features seen {MIN_COUNT}+ \
         times; {source}, {} examples, {positives} positive; {} weights. Generated by \
         `cargo run --release --example learn_models`\n",
        rows.len(),
        weights.len()
    );
    Trained {
        perceptron,
        rows,
        weights,
        header,
    }
}

/// The "never" lines of the cue model: words seen at least NEVER_SEEN
/// times in the training words whose score, with the averaged weights, is
/// below the candidate floor, or head an annotated cue, at no more than
/// one in NEVER_RATE of their occurrences. quarry skips scoring them
/// (cue_model::NEVER).
fn never_cues(model: &Trained) -> String {
    const NEVER_SEEN: usize = 20;
    const NEVER_RATE: usize = 200;
    let (perceptron, rows) = (&model.perceptron, &model.rows);
    let weights: std::collections::HashMap<&str, f32> = model
        .weights
        .iter()
        .map(|(name, w)| (name.as_str(), *w))
        .collect();
    // (occurrences, occurrences above the floor, occurrences heading a cue).
    let mut words: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (slots, label) in rows {
        let Some(word) = slots
            .iter()
            .find_map(|&s| perceptron.name(s).strip_prefix("w="))
        else {
            continue;
        };
        let score: f32 = slots
            .iter()
            .map(|&s| weights.get(perceptron.name(s)).copied().unwrap_or(0.0))
            .sum();
        let entry = words.entry(word).or_insert((0, 0, 0));
        entry.0 += 1;
        entry.1 += usize::from(score >= super::cue_model::CANDIDATE_SCORE);
        entry.2 += usize::from(*label);
    }
    let mut out = String::new();
    for (word, (seen, above, heads)) in words {
        if seen >= NEVER_SEEN && (above + heads) * NEVER_RATE <= seen {
            out.push_str(&format!("{}{word}\t1\n", super::cue_model::NEVER));
        }
    }
    out
}

/// The articles of one split with their gold attributions (gold-SPLIT.jsonl,
/// character offsets turned into bytes).
pub(crate) fn read_split(
    shared: &Path,
    split: &str,
    without: Option<&str>,
) -> Result<Vec<Example>, String> {
    let data = shared.join("data/polnear");
    let rows = gold_rows(&data.join(format!("gold-{split}.jsonl")))?;
    let folder = data.join(split).join("text");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        // PolNeAR names start with their publisher: nyt_2016-…
        if without.is_some_and(|p| name.split('_').next() == Some(p)) {
            continue;
        }
        let path = folder.join(&name);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mine = rows.get(&name).map(Vec::as_slice).unwrap_or_default();
        out.push(example_of(name, text, mine));
    }
    Ok(out)
}

/// The rows of a gold file, by article.
fn gold_rows(path: &Path) -> Result<BTreeMap<String, Vec<serde_json::Value>>, String> {
    let gold = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e} (is ../shared there?)", path.display()))?;
    let mut rows: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for line in gold.lines() {
        let row: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
        let article = row["article"].as_str().unwrap_or_default().to_string();
        rows.entry(article).or_default().push(row);
    }
    Ok(rows)
}

/// The article `name` of text `text` with its gold rows `mine`, their
/// character offsets made byte offsets.
fn example_of(name: String, text: String, mine: &[serde_json::Value]) -> Example {
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let spans = |v: &serde_json::Value| -> Vec<Range<usize>> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|pair| {
                let a = byte_at.get(pair.get(0)?.as_u64()? as usize)?;
                let b = byte_at.get(pair.get(1)?.as_u64()? as usize)?;
                Some(*a..*b)
            })
            .collect()
    };
    let cues = mine.iter().flat_map(|r| spans(&r["cue_spans"])).collect();
    let gold = mine
        .iter()
        .map(|r| Annotated {
            content: spans(&r["content_spans"]),
            source: spans(&r["source_spans"]),
        })
        .collect();
    // Rows whose speaker was checked by hand: those with a pronoun
    // source and those with a description.
    let (pronouns, descriptions): (Vec<_>, Vec<_>) = mine
        .iter()
        .filter_map(|r| {
            let source = r["source"].as_str()?.to_lowercase();
            let pronoun = PRONOUNS.iter().any(|(p, _)| *p == source);
            let speaker = r["speaker_checked"].as_str()?.to_string();
            let content = spans(&r["content_spans"]).first()?.start;
            let cue = spans(&r["cue_spans"]).first().cloned();
            let gold = GoldSpeaker {
                content,
                cue,
                direct: r["direct"].as_bool().unwrap_or(false),
                speaker,
            };
            Some((pronoun, gold))
        })
        .partition(|(pronoun, _)| *pronoun);
    Example {
        name,
        article: Article::parse(text),
        cues,
        gold,
        pronouns: pronouns.into_iter().map(|(_, g)| g).collect(),
        descriptions: descriptions.into_iter().map(|(_, g)| g).collect(),
    }
}

/// Trains a ranking perceptron on `named` groups of candidates (features by
/// name, whether right): in each group, a right candidate first.
/// How many orders a ranking model is learned over (see [`train_ranker`]).
const RANKER_RUNS: u64 = 8;

/// Rounds of the antecedent model, each reading train with the last; and
/// what the first reads with: the nearest mention, a speaker's first.
const ANTECEDENT_ROUNDS: usize = 3;
const ANTECEDENT_START: &str = "distance=0\t2\ndistance=1\t1\nrole=speaker\t1\ngender=same\t1\n";

fn train_ranker(
    named: impl Iterator<Item = Vec<(Vec<String>, bool)>>,
    what: &str,
    items: &str,
    source: &str,
) -> String {
    let mut perceptron = Perceptron::default();
    let mut groups: Vec<Vec<(Vec<usize>, bool)>> = named
        .map(|group| {
            group
                .iter()
                .map(|(features, right)| (perceptron.example(features), *right))
                .collect()
        })
        .collect();
    for group in &mut groups {
        perceptron.drop_rare(group, MIN_COUNT);
    }
    let weights = mean_of_runs(&perceptron, &mut groups, |learner, groups| {
        learner.rank_epoch(groups)
    });
    let header = format!(
        "# {what}: averaged ranking perceptron, {EPOCHS} passes, the mean of {RANKER_RUNS} \
         runs over different orders, features seen {MIN_COUNT}+ times; {source}, {} {items}; \
         {} weights. Generated by `cargo run --release --example learn_models`\n",
        groups.len(),
        weights.len()
    );
    table(&header, &weights)
}

/// The mean of [`RANKER_RUNS`] averaged perceptrons learned from `items`,
/// each over its own orders of them, rounded. One run's weights swing with
/// the order of its examples (one more pronoun in train moved dev's
/// pronoun speakers by 1.6 points): the mean of runs over different orders
/// swings about half as much (dev direct attributed F1 over three seeds:
/// 0.876-0.881 for one run, 0.879-0.881 for eight), and is a little better
/// on average.
fn mean_of_runs<T>(
    perceptron: &Perceptron,
    items: &mut [T],
    epoch: impl Fn(&mut Perceptron, &[T]),
) -> Vec<(String, f32)> {
    let mut sum = vec![0f32; perceptron.unrounded().len()];
    for run in 0..RANKER_RUNS {
        let mut learner = perceptron.clone();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64 ^ (run << 32);
        for _ in 0..EPOCHS {
            shuffle(items, &mut seed);
            epoch(&mut learner, items);
        }
        for (s, w) in sum.iter_mut().zip(learner.unrounded()) {
            *s += w;
        }
    }
    rounded((0..sum.len()).map(|i| (perceptron.name(i).to_string(), sum[i] / RANKER_RUNS as f32)))
}

/// Fisher–Yates with a xorshift generator: the same order for the same seed.
fn shuffle<T>(items: &mut [T], seed: &mut u64) {
    for i in (1..items.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        items.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
}
