//! Learning the tagger ([`super::tagger`]) from CoreNLP's analysis of
//! PolNeAR (`{train,dev}/corenlp/NAME.tsv`), for
//! `cargo run --release --example learn_tagger`. Only learning reads those
//! files; quarry tags raw text with what is learned here.
//!
//! quarry's own tokens are labelled with the CoreNLP token that holds
//! their first byte, so the tagger learns to tag the tokens it will see.
//! Names are folded into four classes: person, organisation, place
//! (CoreNLP's LOCATION, CITY, STATE_OR_PROVINCE, COUNTRY) and other names
//! (MISC, NATIONALITY, RELIGION, IDEOLOGY); everything else is O.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::tagger::{
    argmax, coarse_class, name_features, pos_features, settled_classes, Model, Tagger, Word,
    BUCKET_BITS, COARSE_CLASSES, NAME_CLASSES, WEIGHT_SCALE,
};

/// Passes over the sentences.
const EPOCHS: usize = 5;

/// One CoreNLP sentence in quarry's tokens, with the labels of each.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub words: Vec<String>,
    /// Part of speech (None where no CoreNLP token holds the word).
    pub pos: Vec<Option<String>>,
    /// Name class, one of [`NAME_CLASSES`].
    pub names: Vec<Option<&'static str>>,
}

/// The name class of a CoreNLP NER label.
fn name_class(ner: &str) -> &'static str {
    match ner {
        "PERSON" => "PERSON",
        "ORGANIZATION" => "ORGANIZATION",
        "LOCATION" | "CITY" | "STATE_OR_PROVINCE" | "COUNTRY" => "PLACE",
        "MISC" | "NATIONALITY" | "RELIGION" | "IDEOLOGY" => "OTHER",
        _ => "O",
    }
}

/// One CoreNLP token: its sentence, bytes and labels.
struct Analysed<'a> {
    sentence: u32,
    start: usize,
    end: usize,
    pos: &'a str,
    ner: &'a str,
}

/// The sentences of one article: `text` and its CoreNLP table.
pub fn article_sentences(text: &str, table: &str) -> Vec<Sentence> {
    let analysed: Vec<Analysed> = table
        .lines()
        .take_while(|l| !l.starts_with("#coref"))
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Some(Analysed {
                sentence: f.first()?.parse().ok()?,
                start: f.get(2)?.parse().ok()?,
                end: f.get(3)?.parse().ok()?,
                pos: f.get(6)?,
                ner: f.get(7)?,
            })
        })
        .collect();
    let mut out: Vec<Sentence> = Vec::new();
    let mut current = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let range = offset..offset + line.len();
        offset += line.len();
        for token in super::tagger::tokens(text, range) {
            let i = analysed.partition_point(|a| a.end <= token.start);
            let label = analysed
                .get(i)
                .filter(|a| a.start <= token.start && token.start < a.end);
            let sentence = label.map(|a| a.sentence);
            if sentence.is_some() && sentence != current || out.is_empty() {
                out.push(Sentence {
                    words: Vec::new(),
                    pos: Vec::new(),
                    names: Vec::new(),
                });
                current = sentence;
            }
            let s = out.last_mut().expect("a sentence was pushed");
            s.words.push(text[token].to_string());
            s.pos.push(label.map(|a| a.pos.to_string()));
            s.names.push(label.map(|a| name_class(a.ner)));
        }
    }
    out
}

/// Every sentence of a PolNeAR split that CoreNLP analysed, in file order.
pub fn read_split(shared: &Path, split: &str) -> Result<Vec<Sentence>, String> {
    let dir = shared.join("data/polnear").join(split);
    let mut names: Vec<_> = std::fs::read_dir(dir.join("corenlp"))
        .map_err(|e| format!("{}: {e}", dir.join("corenlp").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for table_path in names {
        let stem = table_path.file_stem().unwrap_or_default();
        let text_path = dir.join("text").join(stem).with_extension("txt");
        let read =
            |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        out.extend(article_sentences(&read(&text_path)?, &read(&table_path)?));
    }
    Ok(out)
}

/// A multiclass perceptron over buckets whose weights are averaged over
/// every step (with the usual lazy bookkeeping: a weight's running total
/// is brought up to date only when it changes).
pub(crate) struct Averaged {
    classes: usize,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    now: u32,
}

impl Averaged {
    pub(crate) fn new(classes: usize) -> Averaged {
        let size = classes << BUCKET_BITS;
        Averaged {
            classes,
            weights: vec![0.0; size],
            totals: vec![0.0; size],
            stamps: vec![0; size],
            now: 0,
        }
    }

    fn predict(&self, buckets: &[u32], scores: &mut Vec<f32>) -> u8 {
        scores.clear();
        scores.resize(self.classes, 0.0);
        for &b in buckets {
            let row = &self.weights[b as usize * self.classes..][..self.classes];
            for (s, w) in scores.iter_mut().zip(row) {
                *s += w;
            }
        }
        argmax(scores)
    }

    fn nudge(&mut self, bucket: u32, class: u8, by: f32) {
        let i = bucket as usize * self.classes + class as usize;
        self.totals[i] += f64::from(self.now - self.stamps[i]) * f64::from(self.weights[i]);
        self.stamps[i] = self.now;
        self.weights[i] += by;
    }

    /// One step: predicts, and moves the weights when it is wrong.
    pub(crate) fn learn(&mut self, buckets: &[u32], gold: Option<u8>, scores: &mut Vec<f32>) -> u8 {
        self.now += 1;
        let guess = self.predict(buckets, scores);
        if let Some(gold) = gold.filter(|&g| g != guess) {
            for &b in buckets {
                self.nudge(b, gold, 1.0);
                self.nudge(b, guess, -1.0);
            }
        }
        guess
    }

    /// The averaged weights, rounded as the file stores them.
    pub(crate) fn averaged(&self) -> Vec<f32> {
        let now = f64::from(self.now.max(1));
        self.weights
            .iter()
            .zip(&self.totals)
            .zip(&self.stamps)
            .map(|((&w, &t), &s)| {
                let mean = (t + f64::from(self.now - s) * f64::from(w)) / now;
                (mean as f32 * WEIGHT_SCALE).round() / WEIGHT_SCALE
            })
            .collect()
    }
}

/// A deterministic shuffle (xorshift), so the same data gives the same tagger.
pub(crate) fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

/// Learns both models from `sentences`.
pub fn learn(sentences: &[Sentence]) -> Tagger {
    let mut pos_classes: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.pos.iter().flatten().cloned())
        .collect();
    pos_classes.sort();
    pos_classes.dedup();
    let pos_of = |p: &Option<String>| {
        p.as_ref()
            .and_then(|p| pos_classes.binary_search(p).ok())
            .map(|i| i as u8)
    };
    let name_of = |n: &Option<&str>| {
        n.and_then(|n| NAME_CLASSES.iter().position(|c| *c == n))
            .map(|i| i as u8)
    };
    let coarse_of = |p: &Option<String>| p.as_deref().map(coarse_class);
    let mut uses: FxHashMap<u64, [usize; COARSE_CLASSES.len()]> = FxHashMap::default();
    for s in sentences {
        for (w, p) in s.words.iter().zip(&s.pos) {
            if let Some(class) = coarse_of(p) {
                uses.entry(Word::new(w).lower).or_default()[class as usize] += 1;
            }
        }
    }
    let settled = settled_classes(&uses);
    let mut pos = Averaged::new(pos_classes.len());
    let mut names = Averaged::new(NAME_CLASSES.len());
    let mut coarse = Averaged::new(COARSE_CLASSES.len());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let (mut buckets, mut scores) = (Vec::new(), Vec::new());
    for epoch in 0..EPOCHS {
        shuffle(&mut order, 0x5eed + epoch as u64);
        for &k in &order {
            let s = &sentences[k];
            let words: Vec<Word> = s.words.iter().map(|w| Word::new(w)).collect();
            let mut tags = Vec::with_capacity(words.len());
            for i in 0..words.len() {
                pos_features(&words, i, &tags, &mut buckets);
                tags.push(pos.learn(&buckets, pos_of(&s.pos[i]), &mut scores));
            }
            // The coarse model learns the words that have no settled class,
            // as it tags them at run time.
            let mut coarse_tags = Vec::with_capacity(words.len());
            for i in 0..words.len() {
                if let Some(&class) = settled.get(&words[i].lower) {
                    coarse_tags.push(class);
                    continue;
                }
                pos_features(&words, i, &coarse_tags, &mut buckets);
                coarse_tags.push(coarse.learn(&buckets, coarse_of(&s.pos[i]), &mut scores));
            }
            // The name model learns on the tags the tagger gives, as at run time.
            let mut classes = Vec::with_capacity(words.len());
            for i in 0..words.len() {
                name_features(&words, i, &tags, &classes, &mut buckets);
                classes.push(names.learn(&buckets, name_of(&s.names[i]), &mut scores));
            }
        }
    }
    Tagger {
        pos: Model::from_dense(pos_classes, &pos.averaged()),
        names: Model::from_dense(
            NAME_CLASSES.iter().map(|c| c.to_string()).collect(),
            &names.averaged(),
        ),
        coarse: Model::from_dense(
            COARSE_CLASSES.iter().map(|c| c.to_string()).collect(),
            &coarse.averaged(),
        ),
        settled,
    }
}

/// How often `tagger` agrees with CoreNLP on `sentences`' labelled tokens.
#[derive(Clone, Copy, Debug, Default)]
pub struct Agreement {
    pub tokens: usize,
    pub pos_agree: usize,
    /// Name tokens (a class other than O in CoreNLP or in the tagger) and
    /// of those, the ones on which both give the same class.
    pub name_tokens: usize,
    pub name_agree: usize,
    /// Every token's name class, O included.
    pub class_agree: usize,
    /// Coarse classes ([`COARSE_CLASSES`]) the same as CoreNLP's folded.
    pub coarse_agree: usize,
}

impl Agreement {
    pub fn pos(&self) -> f64 {
        self.pos_agree as f64 / self.tokens.max(1) as f64
    }

    pub fn names(&self) -> f64 {
        self.name_agree as f64 / self.name_tokens.max(1) as f64
    }

    pub fn coarse(&self) -> f64 {
        self.coarse_agree as f64 / self.tokens.max(1) as f64
    }

    pub fn classes(&self) -> f64 {
        self.class_agree as f64 / self.tokens.max(1) as f64
    }
}

/// Tags `sentences` with `tagger` and counts where it agrees with CoreNLP.
pub fn agreement(tagger: &Tagger, sentences: &[Sentence]) -> Agreement {
    let mut a = Agreement::default();
    for s in sentences {
        let read: Vec<Word> = s.words.iter().map(|w| Word::new(w)).collect();
        let coarse = tagger.coarse_words(&read);
        for (i, tags) in tagger.tag_words(&read).into_iter().enumerate() {
            let (Some(pos), Some(name)) = (&s.pos[i], s.names[i]) else {
                continue;
            };
            a.tokens += 1;
            a.pos_agree += usize::from(tagger.pos.classes[tags.pos as usize] == *pos);
            a.coarse_agree += usize::from(coarse[i] == coarse_class(pos));
            let given = tagger.names.classes[tags.name as usize].as_str();
            a.class_agree += usize::from(given == name);
            if given != "O" || name != "O" {
                a.name_tokens += 1;
                a.name_agree += usize::from(given == name);
            }
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarry_tokens_take_the_labels_of_the_corenlp_token_they_start_in() {
        let text = "Rubio said “yes.”\nPutin’s aides left.\n";
        let table = "1\t1\t0\t5\tRubio\tRubio\tNNP\tPERSON\t2\tnsubj\n\
                     1\t2\t6\t10\tsaid\tsay\tVBD\tO\t0\troot\n\
                     1\t3\t11\t14\t``\t``\t``\tO\t2\tpunct\n\
                     1\t4\t14\t17\tyes\tyes\tUH\tO\t2\tobj\n\
                     1\t5\t17\t18\t.\t.\t.\tO\t2\tpunct\n\
                     1\t6\t18\t21\t''\t''\t''\tO\t2\tpunct\n\
                     2\t1\t22\t27\tPutin\tPutin\tNNP\tPERSON\t3\tnmod\n\
                     2\t2\t27\t31\t's\t's\tPOS\tO\t1\tcase\n\
                     2\t3\t32\t37\taides\taide\tNNS\tO\t4\tnsubj\n\
                     2\t4\t38\t42\tleft\tleave\tVBD\tO\t0\troot\n\
                     2\t5\t42\t43\t.\t.\t.\tO\t4\tpunct\n\
                     #coref\n";
        let sentences = article_sentences(text, table);
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].words, ["Rubio", "said", "“", "yes", ".", "”"]);
        assert_eq!(sentences[0].pos[0].as_deref(), Some("NNP"));
        assert_eq!(sentences[0].names[0], Some("PERSON"));
        // quarry keeps "Putin’s" whole: it takes the label of "Putin".
        assert_eq!(sentences[1].words[0], "Putin’s");
        assert_eq!(sentences[1].pos[0].as_deref(), Some("NNP"));
        assert_eq!(sentences[1].pos[2].as_deref(), Some("VBD"));
    }

    #[test]
    fn a_shuffle_is_a_permutation_fixed_by_its_seed() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        shuffle(&mut a, 7);
        shuffle(&mut b, 7);
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(a, sorted);
    }
}
