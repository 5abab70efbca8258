//! Linear models over named features: the weights quarry learned from
//! PolNeAR train (a table of `feature<TAB>weight` lines compiled in), and
//! the averaged perceptron that learns them (src/extract/learn.rs).
//! A model's features are given by parts through [`Features`] — as names
//! when learning, as hashes when scoring — so that the same function serves
//! both and the two never disagree.
//!
//! A feature's name is a template and its values ("prev+w=" "said" "he"
//! is `prev+w=said|he`), and its hash is made of theirs ([`hash`]): so a
//! model scoring every word of an article combines hashes it made once,
//! where building each name and hashing it was a fifth of extraction.

use rustc_hash::FxHashMap as HashMap;

/// A template or a value of a feature's name, with its hash.
#[derive(Clone, Copy, Debug)]
pub struct Part<'a> {
    pub text: &'a str,
    pub hash: u64,
}

impl<'a> Part<'a> {
    pub const fn new(text: &'a str) -> Part<'a> {
        Part {
            text,
            hash: part_hash(text),
        }
    }
}

/// Where a model's features go: named, for learning, or hashed, for
/// scoring. A template with values ends with '=' ("prev+w="); values
/// never hold '|' (words, kinds, shapes).
pub trait Features {
    fn add(&mut self, template: Part<'_>, values: &[Part<'_>]);
}

/// Gives `out` the feature of `template` and `values` ("cut+form=",
/// ["comma", "after"]: `cut+form=comma|after`), hashing each part here: for
/// models that score a few candidates a sentence, where hashing the
/// templates at compile time would buy nothing.
pub fn put(out: &mut (impl Features + ?Sized), template: &str, values: &[&str]) {
    put_values(out, Part::new(template), values);
}

/// [`put`] of a template hashed already (at compile time): only the values
/// are hashed here.
pub fn put_values(out: &mut (impl Features + ?Sized), template: Part<'_>, values: &[&str]) {
    if values.len() > MAX_VALUES {
        let parts: Vec<Part> = values.iter().map(|v| Part::new(v)).collect();
        return out.add(template, &parts);
    }
    let mut parts = [Part::new(""); MAX_VALUES];
    for (p, v) in parts.iter_mut().zip(values) {
        *p = Part::new(v);
    }
    out.add(template, &parts[..values.len()]);
}

/// The most values of a feature that [`put_values`] gives without allocating.
const MAX_VALUES: usize = 3;

/// Gives feature names made of parts ("prev+w=", "he", "|", "said") to a
/// model's callback, built in one buffer.
pub struct Names<'e> {
    buf: String,
    emit: &'e mut dyn FnMut(&str),
}

thread_local! {
    /// The buffer of the last [`Names`], reused: scoring every word of an
    /// article would otherwise allocate one a word.
    static BUFFER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

impl<'e> Names<'e> {
    pub fn new(emit: &'e mut dyn FnMut(&str)) -> Names<'e> {
        Names {
            buf: BUFFER.take(),
            emit,
        }
    }
}

/// The names of the features `features` gives, for learning.
pub fn names_of(features: impl FnOnce(&mut dyn Features)) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |f: &str| out.push(f.to_string());
    features(&mut Names::new(&mut push));
    out
}

impl Features for Names<'_> {
    fn add(&mut self, template: Part<'_>, values: &[Part<'_>]) {
        self.buf.clear();
        self.buf.push_str(template.text);
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.buf.push('|');
            }
            self.buf.push_str(v.text);
        }
        (self.emit)(&self.buf);
    }
}

/// Gathers the hashes of a model's features, to be looked up together:
/// the look-ups miss the cache, and made one after another in a tight loop
/// they wait for memory side by side rather than in turn.
struct Hashes {
    hashes: [u64; HASHES_AT_ONCE],
    len: usize,
    sum: f32,
}

/// How many features [`Hashes`] holds before it looks them up.
const HASHES_AT_ONCE: usize = 32;

impl Hashes {
    /// Adds the weights of the features gathered, in the order given.
    fn flush(&mut self, model: &LinearModel) {
        if model.slots.is_empty() {
            self.len = 0;
            return;
        }
        // Each feature's first slot, read in a loop of its own so that the
        // reads overlap; most features end there (found, or an empty slot).
        let mask = model.slots.len() - 1;
        let mut first = [(0u32, 0f32); HASHES_AT_ONCE];
        for (slot, &h) in first.iter_mut().zip(&self.hashes[..self.len]) {
            *slot = model.slots[place(h, mask).0];
        }
        for (&(f, w), &h) in first.iter().zip(&self.hashes[..self.len]) {
            let fingerprint = place(h, mask).1;
            self.sum += if f == fingerprint {
                w
            } else if f == 0 {
                0.0
            } else {
                model.get_hashed(h).unwrap_or(0.0)
            };
        }
        self.len = 0;
    }
}

/// Sums a model's weights of the features given, by their hashes: what
/// [`LinearModel::score`] gives its features to (a type, not a `dyn`
/// [`Features`], so that a model's features are added where they are made).
pub struct Sum<'m> {
    model: &'m LinearModel,
    pending: Hashes,
}

impl Features for Sum<'_> {
    #[inline]
    fn add(&mut self, template: Part<'_>, values: &[Part<'_>]) {
        if self.pending.len == HASHES_AT_ONCE {
            self.pending.flush(self.model);
        }
        let h = values.iter().fold(template.hash, |h, v| combine(h, v.hash));
        self.pending.hashes[self.pending.len] = h;
        self.pending.len += 1;
    }
}

impl Drop for Names<'_> {
    fn drop(&mut self) {
        BUFFER.set(std::mem::take(&mut self.buf));
    }
}

/// The learned weights, by the hash of the feature's name, in an
/// open-addressed table of (fingerprint, weight) pairs: eight bytes a
/// slot, so that the weights of a model of tens of thousands of features
/// stay in the cache that scoring every word of an article sweeps through.
#[derive(Default)]
pub struct LinearModel {
    slots: Vec<(u32, f32)>,
    len: usize,
}

/// Where a feature's hash starts looking, and its fingerprint (never 0,
/// which marks an empty slot).
fn place(h: u64, mask: usize) -> (usize, u32) {
    ((h as usize) & mask, ((h >> 32) as u32) | 1)
}

impl LinearModel {
    /// Reads a table of `feature<TAB>weight` lines ('#' opens a comment).
    pub fn parse(table: &str) -> Result<LinearModel, String> {
        let mut weights: HashMap<u64, f32> = HashMap::default();
        for (n, line) in table.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (feature, weight) = split_at_tab(line)
                .ok_or_else(|| format!("line {}: expected feature<TAB>weight", n + 1))?;
            let weight: f32 = weight
                .trim()
                .parse()
                .map_err(|_| format!("line {}: {weight:?} is not a number", n + 1))?;
            weights.insert(hash(feature), weight);
        }
        // At most one slot in three taken: a feature the table lacks (most
        // of those a word gives) meets an empty slot within two probes.
        let size = (weights.len() * 3 + 1).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![(0u32, 0f32); size];
        for (h, w) in &weights {
            let (mut i, fingerprint) = place(*h, mask);
            while slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (fingerprint, *w);
        }
        Ok(LinearModel {
            slots,
            len: weights.len(),
        })
    }

    fn get_hashed(&self, h: u64) -> Option<f32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let (mut i, fingerprint) = place(h, mask);
        loop {
            let (f, w) = self.slots[i];
            if f == fingerprint {
                return Some(w);
            }
            if f == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// The sum of the weights of the features `features` gives.
    pub fn score(&self, features: impl FnOnce(&mut Sum<'_>)) -> f32 {
        let mut sum = Sum {
            model: self,
            pending: Hashes {
                hashes: [0; HASHES_AT_ONCE],
                len: 0,
                sum: 0.0,
            },
        };
        features(&mut sum);
        sum.pending.flush(self);
        sum.pending.sum
    }

    /// How many weights it has.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it has no weights.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A feature's hash from its name: the template (to the first '=') and
/// each value (the rest, split at '|') hashed and combined, as
/// [`Features`] that are given parts combine them.
fn hash(feature: &str) -> u64 {
    match feature.bytes().position(|b| b == b'=') {
        None => part_hash(feature),
        Some(i) => feature[i + 1..]
            .split('|')
            .fold(part_hash(&feature[..=i]), |h, v| combine(h, part_hash(v))),
    }
}

/// `line` split at its first tab. Byte by byte: a table's lines are
/// short, and the pattern machinery of `split_once` cost more than the
/// rest of reading the tables, which every run does once.
fn split_at_tab(line: &str) -> Option<(&str, &str)> {
    let i = line.bytes().position(|b| b == b'\t')?;
    Some((&line[..i], &line[i + 1..]))
}

const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// One part's hash: eight bytes a step, then mixed so that the low bits
/// (which place a feature in the table) depend on every byte.
const fn part_hash(text: &str) -> u64 {
    let b = text.as_bytes();
    let mut h = b.len() as u64;
    let mut i = 0;
    while i < b.len() {
        let mut word = 0u64;
        let mut j = 0;
        while j < 8 && i + j < b.len() {
            word |= (b[i + j] as u64) << (8 * j);
            j += 1;
        }
        h = (h.rotate_left(23) ^ word).wrapping_mul(K);
        i += 8;
    }
    mix(h)
}

/// A hash of parts: the hash so far and the next part's.
const fn combine(h: u64, part: u64) -> u64 {
    mix(h.rotate_left(17) ^ part.wrapping_mul(K))
}

const fn mix(mut h: u64) -> u64 {
    h ^= h >> 32;
    h = h.wrapping_mul(0xd6e8_feb8_6659_fd93);
    h ^= h >> 32;
    h
}

/// An averaged perceptron over named features.
#[derive(Clone, Default)]
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

    /// The name of the feature at `slot`.
    pub fn name(&self, slot: usize) -> &str {
        &self.names[slot]
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

    /// One pass over ranking problems, each a group of candidates (slots,
    /// whether right) in the order the caller weighs them: where the best
    /// scoring candidate (the last of equal scores, as the caller picks) is
    /// not a right one, the best right one's features gain and the chosen
    /// one's lose.
    pub fn rank_epoch(&mut self, groups: &[Vec<(Vec<usize>, bool)>]) {
        for group in groups {
            self.step += 1.0;
            let best = |only_right: bool, weights: &[f32]| {
                let mut best: Option<(f32, usize)> = None;
                for (i, (slots, right)) in group.iter().enumerate() {
                    if only_right && !right {
                        continue;
                    }
                    let score: f32 = slots.iter().map(|&s| weights[s]).sum();
                    if best.is_none_or(|(b, _)| score >= b) {
                        best = Some((score, i));
                    }
                }
                best.map(|(_, i)| i)
            };
            let (Some(chosen), Some(right)) =
                (best(false, &self.weights), best(true, &self.weights))
            else {
                continue;
            };
            if group[chosen].1 {
                continue;
            }
            for (i, delta) in [(right, 1.0), (chosen, -1.0)] {
                for &s in &group[i].0 {
                    self.weights[s] += delta;
                    self.updates[s] += self.step * delta;
                }
            }
        }
    }

    /// The averaged weights, rounded to a tenth, without those that round
    /// to zero.
    pub fn averaged(&self) -> Vec<(String, f32)> {
        rounded(self.names.iter().cloned().zip(self.unrounded()))
    }

    /// The averaged weight of each feature, by slot.
    pub fn unrounded(&self) -> Vec<f32> {
        let steps = self.step.max(1.0);
        (0..self.names.len())
            .map(|i| self.weights[i] - self.updates[i] / steps)
            .collect()
    }
}

/// Weights rounded to a tenth, without those that round to zero, by name:
/// how a table is written.
pub fn rounded(weights: impl Iterator<Item = (String, f32)>) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = weights
        .map(|(name, w)| (name, (w * 10.0).round() / 10.0))
        .filter(|(_, w)| *w != 0.0)
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_table_is_refused_with_its_line() {
        let err = LinearModel::parse("# comment\nw=said\t1.5\nw=told 2\n")
            .err()
            .unwrap();
        assert_eq!(err, "line 3: expected feature<TAB>weight");
        let err = LinearModel::parse("w=said\tmany\n").err().unwrap();
        assert_eq!(err, "line 1: \"many\" is not a number");
    }

    /// A feature given by parts is the one its name names: the table is
    /// read by names, scoring combines the parts' hashes.
    #[test]
    fn features_by_parts_are_the_features_by_name() {
        let model =
            LinearModel::parse("bias\t0.5\nw=said\t1\nprev+w=he|said\t2\nnext=\t4\n").unwrap();
        let by_parts = model.score(|f| {
            f.add(Part::new("bias"), &[]);
            f.add(Part::new("w="), &[Part::new("said")]);
            f.add(Part::new("prev+w="), &[Part::new("he"), Part::new("said")]);
            f.add(Part::new("next="), &[Part::new("")]);
            f.add(Part::new("w="), &[Part::new("sad")]);
        });
        assert_eq!(by_parts, 7.5);
        let names = names_of(|named| {
            named.add(Part::new("prev+w="), &[Part::new("he"), Part::new("said")]);
            named.add(Part::new("bias"), &[]);
            put(named, "cut+form=", &["comma", "after"]);
            put(named, "w=", &["a", "b", "c", "d"]);
        });
        assert_eq!(
            names,
            [
                "prev+w=he|said",
                "bias",
                "cut+form=comma|after",
                "w=a|b|c|d"
            ]
        );
        let w = |word| model.get_hashed(combine(Part::new("w=").hash, Part::new(word).hash));
        assert!(w("said").is_some() && w("he").is_none());
        assert_ne!(hash("w=ab"), hash("w=a|b"));
        assert_ne!(hash("w=ab"), hash("wa=b"));
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
        let table: String = p
            .averaged()
            .iter()
            .map(|(name, w)| format!("{name}\t{w}\n"))
            .collect();
        let model = LinearModel::parse(&table).unwrap();
        let score = |word: &'static str| {
            model.score(|f| {
                f.add(Part::new("bias"), &[]);
                f.add(Part::new("w="), &[Part::new(word)]);
            })
        };
        assert!(score("said") > 0.0 && score("the") <= 0.0, "{table}");
    }
}
