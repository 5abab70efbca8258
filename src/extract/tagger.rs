//! A fast part-of-speech and name tagger for quarry's own tokens, learned
//! from CoreNLP's analysis of PolNeAR train (see [`super::learn_tags`]) and
//! compiled in (`tagger.bin`).
//!
//! Greedy averaged perceptrons over hashed features, as in Honnibal's
//! "A good part-of-speech tagger in about 200 lines": the word, its
//! neighbours, affixes, shape and the tags already given to its left. A
//! third model gives eight coarse classes ([`COARSE_CLASSES`]) over the
//! same features, for the attribution labeller, which tags every word of
//! a paragraph and needs no finer ones: eight classes are one narrow row a
//! feature, where 45 are a list of weights to add one by one. A word that
//! takes one coarse class nearly always in train ("the", ",", "would":
//! more than half of running text) takes it without the model.
//! Features are hashed into a fixed number of buckets, and each bucket that
//! training kept holds one weight per class in a flat array, so tagging a
//! token is a dozen hashes and array reads, with no string built.

use std::hash::Hasher;
use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHasher};

use super::text;

/// Buckets features are hashed into (a power of two).
pub const BUCKET_BITS: u32 = 18;
/// The first bytes of a tagger file.
const MAGIC: &[u8; 8] = b"QTAGGER3";
/// Weights are stored as whole hundredths.
pub const WEIGHT_SCALE: f32 = 100.0;

/// Bytes a word near a name is taken to span at most, for
/// [`Tagger::class_near`].
const NEAR_BYTES: usize = 16;

/// The first place at or after `from` that no word straddles: `from`
/// itself when whitespace is before it, else the next ASCII whitespace
/// before `limit`, else `limit` (all of them character boundaries).
fn word_boundary_from(text: &str, from: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    if from == 0 || from >= limit || bytes[from - 1].is_ascii_whitespace() {
        return from.min(limit);
    }
    bytes[from..limit]
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .map_or(limit, |k| from + k)
}

/// The name classes the name tagger gives.
pub const NAME_CLASSES: [&str; 5] = ["O", "PERSON", "ORGANIZATION", "PLACE", "OTHER"];

/// One model: classes, and the weights of the buckets it kept. A bucket's
/// weights are its classes whose weight is not zero, packed one to a
/// `u32` (class in the low byte, whole hundredths above), so that a
/// feature costs two memory reads however many classes there are; the few
/// buckets that weigh many classes (the bias, the tags before a word, the
/// commonest words: a few hundred, read for nearly every word) keep a
/// dense row instead, added to the scores in one vectorised loop.
#[derive(Clone, Debug)]
pub struct Model {
    pub classes: Vec<String>,
    /// For each bucket, where its entries start (above 6 bits) and how many
    /// there are (the low 6 bits); 0 when it has none. [`DENSE`] in the low
    /// bits: the number of its dense row above them.
    index: Vec<u32>,
    entries: Vec<u32>,
    /// The dense rows, a weight for each class (whole hundredths).
    dense: Vec<[i32; DENSE_WIDTH]>,
    /// A model of at most [`NARROW`] classes has a row of this for every
    /// bucket (4 MB), read straight from a feature's bucket with no index:
    /// one memory read a feature where an index and a row list cost two.
    /// (Folded into 2^17 buckets, to stay nearer the caches, it was 4%
    /// faster, but the labeller learned worse: 0.3 points of its labels.)
    narrow: Vec<[i16; NARROW]>,
}

/// The most classes a model keeps as narrow rows.
const NARROW: usize = 8;

const LEN_BITS: u32 = 6;
/// The length that marks a bucket's weights as a dense row.
const DENSE: u32 = (1 << LEN_BITS) - 1;
/// A bucket with more weights than this keeps a dense row: past it, adding
/// a whole row costs less than adding the weights one by one.
const DENSE_FROM: usize = 8;
/// A dense row's length: the most classes a model with dense rows has (the
/// part-of-speech tagger's 45, rounded up to whole vectors).
const DENSE_WIDTH: usize = 48;
/// Most features a token has (the attribution labeller's).
pub const MAX_FEATURES: usize = 48;

/// Smallest weight kept, in hundredths: smaller ones change few choices
/// and would make the model too big to stay in the processor's caches.
pub const MIN_WEIGHT: i32 = 100;

impl Model {
    /// A model from dense weights (`buckets × classes`), rounded to whole
    /// hundredths; buckets whose weights round to zero take no entry.
    pub fn from_dense(classes: Vec<String>, dense: &[f32]) -> Model {
        let rows = dense.chunks(classes.len().max(1)).map(|row| {
            row.iter()
                .enumerate()
                .map(|(c, &w)| (c as u8, quantize(w)))
                .filter(|&(_, q)| q.abs() >= MIN_WEIGHT)
                .collect::<Vec<_>>()
        });
        Model::from_rows(classes, rows.enumerate())
    }

    /// A model from each bucket's weights as (class, whole hundredths).
    fn from_rows(
        classes: Vec<String>,
        rows: impl Iterator<Item = (usize, Vec<(u8, i32)>)>,
    ) -> Model {
        assert!(classes.len() < DENSE as usize, "too many classes");
        let mut model = Model {
            classes,
            index: vec![0; 1 << BUCKET_BITS],
            entries: Vec::new(),
            dense: Vec::new(),
            narrow: Vec::new(),
        };
        let narrow = model.classes.len() <= NARROW;
        if narrow {
            model.index = Vec::new();
            model.narrow = vec![[0; NARROW]; 1 << BUCKET_BITS];
        }
        for (bucket, row) in rows {
            if row.is_empty() {
                continue;
            }
            if narrow {
                let weights = &mut model.narrow[bucket];
                for &(c, q) in &row {
                    weights[c as usize] = q.clamp(-32768, 32767) as i16;
                }
                continue;
            }
            if row.len() > DENSE_FROM && model.classes.len() <= DENSE_WIDTH {
                let mut dense = [0i32; DENSE_WIDTH];
                for &(c, q) in &row {
                    dense[c as usize] = q;
                }
                model.index[bucket] = ((model.dense.len() as u32) << LEN_BITS) | DENSE;
                model.dense.push(dense);
                continue;
            }
            model.index[bucket] = ((model.entries.len() as u32) << LEN_BITS) | row.len() as u32;
            model
                .entries
                .extend(row.iter().map(|&(c, q)| ((q as u32) << 8) | u32::from(c)));
        }
        model
    }

    /// The class scoring highest for `buckets` (the first on a tie). The
    /// buckets' places are all read before any weight, so that the memory
    /// reads overlap instead of waiting one on another. Sums are whole
    /// hundredths, exact in any order.
    pub fn best(&self, buckets: &[u32]) -> u8 {
        if self.classes.len() <= NARROW {
            return self.best_narrow(buckets);
        }
        const MASK: u32 = (1 << LEN_BITS) - 1;
        let mut places = [0u32; MAX_FEATURES];
        let n = buckets.len().min(places.len());
        for (p, &b) in places.iter_mut().zip(&buckets[..n]) {
            *p = self.index[b as usize];
        }
        let mut scores = [0i32; 1 << LEN_BITS];
        // Apart from `scores`, which the sparse rows index: kept apart, the
        // dense rows' sum stays in vector registers.
        let mut dense = [0i32; DENSE_WIDTH];
        for &at in &places[..n] {
            let (start, len) = ((at >> LEN_BITS) as usize, at & MASK);
            if len == DENSE {
                for (s, &w) in dense.iter_mut().zip(&self.dense[start]) {
                    *s += w;
                }
                continue;
            }
            for &e in &self.entries[start..start + len as usize] {
                // The class is below 64 by construction: the mask costs no check.
                scores[(e & MASK) as usize] += (e as i32) >> 8;
            }
        }
        for (s, d) in scores.iter_mut().zip(dense) {
            *s += d;
        }
        argmax(&scores[..self.classes.len()])
    }

    /// [`Model::best`] of a model of narrow rows.
    fn best_narrow(&self, buckets: &[u32]) -> u8 {
        let mut sums = [0i32; NARROW];
        for &b in buckets {
            for (s, &w) in sums.iter_mut().zip(&self.narrow[b as usize]) {
                *s += i32::from(w);
            }
        }
        argmax(&sums[..self.classes.len()])
    }

    /// Each bucket that has entries, with them as (class, hundredths).
    fn rows(&self) -> Rows<'_> {
        if self.classes.len() <= NARROW {
            return Box::new(self.narrow.iter().enumerate().filter_map(|(b, row)| {
                let row: Vec<(u8, i32)> = row[..self.classes.len()]
                    .iter()
                    .enumerate()
                    .filter(|(_, &w)| w != 0)
                    .map(|(c, &w)| (c as u8, i32::from(w)))
                    .collect();
                (!row.is_empty()).then_some((b as u32, row))
            }));
        }
        Box::new(
            self.index
                .iter()
                .enumerate()
                .filter(|(_, &at)| at != 0)
                .map(move |(b, &at)| {
                    let (start, len) = ((at >> LEN_BITS) as usize, at & DENSE);
                    let row = if len == DENSE {
                        self.dense[start][..self.classes.len()]
                            .iter()
                            .enumerate()
                            .filter(|(_, &w)| w != 0)
                            .map(|(c, &w)| (c as u8, w))
                            .collect()
                    } else {
                        self.entries[start..start + len as usize]
                            .iter()
                            .map(|&e| ((e & 0xff) as u8, (e as i32) >> 8))
                            .collect()
                    };
                    (b as u32, row)
                }),
        )
    }
}

/// A model's buckets that have weights, each with them as (class, whole
/// hundredths).
type Rows<'a> = Box<dyn Iterator<Item = (u32, Vec<(u8, i32)>)> + 'a>;

/// A weight as whole hundredths, as the models keep it.
fn quantize(w: f32) -> i32 {
    (w * WEIGHT_SCALE).round().clamp(-8_000_000.0, 8_000_000.0) as i32
}

/// The index of the largest score, the first on a tie.
pub fn argmax<T: PartialOrd>(scores: &[T]) -> u8 {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best as u8
}

/// The part-of-speech and the name models, and a coarse part-of-speech
/// model for readers that need only word classes.
#[derive(Clone, Debug)]
pub struct Tagger {
    pub pos: Model,
    pub names: Model,
    pub coarse: Model,
    /// The coarse class of each word ([`Word::lower`]) that has one class
    /// nearly always ([`settled_classes`]): "the", ",", "would". Such a word
    /// takes it without the coarse model (more than half of running text;
    /// the model was a fifth of extraction's time).
    pub settled: FxHashMap<u64, u8>,
}

/// Most uses in which a word may take another class and still count as
/// having one, per thousand, and fewest uses it must have been seen in.
pub const SETTLED_EXCEPTIONS_PER_MILLE: usize = 5;
pub const SETTLED_MIN_USES: usize = 10;

/// The words of `counts` (a word's uses in each coarse class) that take one
/// class nearly always, with it.
pub fn settled_classes(
    counts: &FxHashMap<u64, [usize; COARSE_CLASSES.len()]>,
) -> FxHashMap<u64, u8> {
    counts
        .iter()
        .filter_map(|(&word, uses)| {
            let total: usize = uses.iter().sum();
            let class = argmax(uses);
            let others = total - uses[class as usize];
            (total >= SETTLED_MIN_USES && others * 1000 <= total * SETTLED_EXCEPTIONS_PER_MILLE)
                .then_some((word, class))
        })
        .collect()
}

/// The coarse classes ([`coarse_class`]): few enough for narrow rows, so a
/// word costs a fraction of what the 45-class model's weights do.
pub const COARSE_CLASSES: [&str; 8] = [
    "NOUN",
    "PROPN",
    "VERB",
    "VERB-NONFINITE",
    "MODIFIER",
    "DETERMINER",
    "FUNCTION",
    "OTHER",
];

/// The coarse class of a Penn Treebank part of speech (an index into
/// [`COARSE_CLASSES`]).
pub fn coarse_class(tag: &str) -> u8 {
    match tag {
        "NN" | "NNS" => 0,
        "NNP" | "NNPS" => 1,
        "VBD" | "VBZ" | "VBP" | "MD" => 2,
        "VB" | "VBG" | "VBN" => 3,
        "CD" => 4,
        t if t.starts_with("JJ") || t.starts_with("RB") => 4,
        "PRP" | "PRP$" | "DT" | "PDT" | "WP" | "WP$" | "WDT" | "EX" => 5,
        "IN" | "TO" | "CC" | "RP" | "WRB" => 6,
        _ => 7,
    }
}

/// Whether a coarse class is a verb's.
pub fn coarse_is_verb(class: u8) -> bool {
    class == 2 || class == 3
}

/// Whether a coarse class is a finite verb's ("said", "says", "will").
pub fn coarse_is_finite(class: u8) -> bool {
    class == 2
}

/// Whether a coarse class is a participle's or an infinitive's.
pub fn coarse_is_nonfinite(class: u8) -> bool {
    class == 3
}

/// Whether a coarse class is a noun's, common or proper.
pub fn coarse_is_noun(class: u8) -> bool {
    class == 0 || class == 1
}

/// A token's tags, as indexes into the models' classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tags {
    pub pos: u8,
    pub name: u8,
}

/// The tagger compiled into quarry.
pub fn tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| {
        Tagger::read(include_bytes!("tagger.bin")).expect("the compiled-in tagger.bin is valid")
    })
}

/// The words and punctuation of `text[range]` as quarry tokenizes running
/// text (quotation marks are tokens; a quotation's words are words).
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    text::plain_tokens(text, range)
}

/// What a feature template looks at, made once per token: hashes of the
/// normalised word (lower case; a number with digits is one word) and of
/// its last three letters, its shape and its first character.
#[derive(Clone, Copy, Debug)]
pub struct Word {
    pub(crate) lower: u64,
    pub(crate) suffix: u64,
    pub(crate) shape: u64,
    pub(crate) first: u64,
}

/// Standing for the words before the first and after the last.
const EDGE: Word = Word {
    lower: 0x0bad_cafe,
    suffix: 0x0bad_f00d,
    shape: 0,
    first: 0,
};

impl Word {
    pub fn new(text: &str) -> Word {
        let mut lower = FxHasher::default();
        let mut ring = [0u32; 3];
        let (mut digits, mut chars) = (false, 0usize);
        let mut put = |l: u32| {
            lower.write_u32(l);
            ring = [ring[1], ring[2], l];
        };
        if text.is_ascii() {
            // Most words: the same hashes, without decoding characters.
            for &b in text.as_bytes() {
                digits |= b.is_ascii_digit();
                put(u32::from(b.to_ascii_lowercase()));
            }
            chars = text.len();
        } else {
            for c in text.chars() {
                digits |= c.is_ascii_digit();
                chars += 1;
                c.to_lowercase().for_each(|l| put(l as u32));
            }
        }
        let lower = if digits && chars > 1 {
            0xd161_7500
        } else {
            lower.finish()
        };
        let suffix = ring
            .iter()
            .fold(0x0005_eed5_u64, |h, &c| mix(h, u64::from(c)));
        Word {
            lower,
            suffix,
            shape: shape(text),
            first: text.chars().next().map_or(0, u64::from),
        }
    }
}

/// Upper, lower, digit and other characters, runs collapsed ("Xx.", "d").
fn shape(text: &str) -> u64 {
    let mut h = 0u64;
    let mut last = 0u8;
    for c in text.chars().take(12) {
        let k = if c.is_uppercase() {
            1
        } else if c.is_lowercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4 + (c as u32 % 8) as u8
        };
        if k != last {
            h = h.wrapping_mul(13).wrapping_add(u64::from(k));
            last = k;
        }
    }
    h
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(27)
}

/// A feature of template `template` over `parts`, as a bucket.
#[inline]
pub(crate) fn bucket(template: u64, parts: &[u64]) -> u32 {
    let h = parts
        .iter()
        .fold(mix(0x51_7cc1_b727_220a, template), |h, &p| mix(h, p));
    let h = (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (h >> (64 - BUCKET_BITS)) as u32
}

const START: u64 = 255;

/// The word `j` places from `i` (an edge word outside the sentence).
#[inline]
pub(crate) fn at(words: &[Word], i: usize, j: isize) -> Word {
    let k = i as isize + j;
    if k < 0 || k as usize >= words.len() {
        EDGE
    } else {
        words[k as usize]
    }
}

/// Word `i` with the two words either side: (word, one before, two
/// before, one after, two after).
fn around(words: &[Word], i: usize) -> (Word, Word, Word, Word, Word) {
    (
        words[i],
        at(words, i, -1),
        at(words, i, -2),
        at(words, i, 1),
        at(words, i, 2),
    )
}

/// The buckets of the part-of-speech features of word `i`, given the tags
/// of the words before it.
pub fn pos_features(words: &[Word], i: usize, tags: &[u8], out: &mut Vec<u32>) {
    out.clear();
    let tag = |j: usize| -> u64 { i.checked_sub(j).map_or(START, |k| u64::from(tags[k])) };
    let (w, p1, p2, n1, n2) = around(words, i);
    out.extend([
        bucket(0, &[]),
        bucket(1, &[w.lower]),
        bucket(2, &[w.suffix]),
        bucket(3, &[w.first]),
        bucket(4, &[w.shape]),
        bucket(5, &[tag(1)]),
        bucket(6, &[tag(1), tag(2)]),
        bucket(7, &[w.lower, tag(1)]),
        bucket(8, &[p1.lower]),
        bucket(9, &[p1.suffix]),
        bucket(10, &[p2.lower]),
        bucket(11, &[n1.lower]),
        bucket(12, &[n1.suffix]),
        bucket(13, &[n2.lower]),
        bucket(14, &[w.lower, n1.lower]),
    ]);
}

/// The buckets of the name features of word `i`, given every word's part
/// of speech and the name classes of the words before it.
pub fn name_features(words: &[Word], i: usize, pos: &[u8], names: &[u8], out: &mut Vec<u32>) {
    out.clear();
    let p = |j: isize| -> u64 {
        let k = i as isize + j;
        if k < 0 || k as usize >= words.len() {
            START
        } else {
            u64::from(pos[k as usize])
        }
    };
    let prev = i.checked_sub(1).map_or(START, |k| u64::from(names[k]));
    let (w, p1, p2, n1, n2) = around(words, i);
    out.extend([
        bucket(20, &[]),
        bucket(21, &[w.lower]),
        bucket(22, &[w.suffix]),
        bucket(23, &[w.shape]),
        bucket(24, &[prev]),
        bucket(25, &[w.lower, prev]),
        bucket(26, &[p(-1), p(0), p(1)]),
        bucket(27, &[p1.lower]),
        bucket(28, &[n1.lower]),
        bucket(29, &[p1.lower, w.lower]),
        bucket(30, &[w.lower, n1.lower]),
        bucket(31, &[p2.lower, prev]),
        bucket(32, &[w.shape, p(0), prev]),
        bucket(33, &[n2.lower]),
    ]);
}

/// The classes `model` (over [`pos_features`]) gives `words[..n]`, but
/// for the words `settled` gives a class.
fn tag_with(model: &Model, settled: &FxHashMap<u64, u8>, words: &[Word], n: usize) -> Vec<u8> {
    let mut tags = Vec::with_capacity(n);
    let mut buckets = Vec::with_capacity(16);
    for (i, word) in words[..n].iter().enumerate() {
        if let Some(&class) = settled.get(&word.lower) {
            tags.push(class);
            continue;
        }
        pos_features(words, i, &tags, &mut buckets);
        tags.push(model.best(&buckets));
    }
    tags
}

impl Tagger {
    /// Tags the words `words` (one sentence or paragraph).
    pub fn tag(&self, words: &[&str]) -> Vec<Tags> {
        let words: Vec<Word> = words.iter().map(|w| Word::new(w)).collect();
        self.tag_words(&words)
    }

    /// The name class the name tagger gives the name that starts with the
    /// word at byte `at` of `text`, tagging the words of `range` (its
    /// sentence) alone; `None` when that word is not where a name starts
    /// (it is inside a longer one: "Union" of "the European Union").
    pub fn class_at(&self, text: &str, range: Range<usize>, at: usize) -> Option<&str> {
        self.class_near(text, range, at, usize::MAX)
    }

    /// [`Tagger::class_at`], tagging no more than `left` words before the
    /// name: the tags of words further back rarely change its class, and
    /// a name late in a long sentence then costs what one early does.
    pub fn class_near(
        &self,
        text: &str,
        range: Range<usize>,
        at: usize,
        left: usize,
    ) -> Option<&str> {
        // Only the bytes those words can lie in are split: where the
        // words average more than NEAR_BYTES, fewer of them are read.
        let range = if left == usize::MAX {
            range
        } else {
            let reach = NEAR_BYTES * (left + 1);
            let from = word_boundary_from(text, at.saturating_sub(reach).max(range.start), at);
            let to = word_boundary_from(text, (at + 4 * NEAR_BYTES).min(range.end), range.end);
            from..to
        };
        let tokens = tokens(text, range);
        let i = tokens.iter().position(|t| t.start == at)?;
        let first = i.saturating_sub(left);
        // A word's name class reads the next word's part of speech, which
        // reads two words more: the rest of the sentence would not change it.
        let words: Vec<Word> = tokens[first..tokens.len().min(i + 4)]
            .iter()
            .map(|t| Word::new(&text[t.clone()]))
            .collect();
        let i = i - first;
        let names = self.names_to(&words, i);
        let class = names[i];
        let inside = i > 0 && names[i - 1] == class;
        (!inside).then(|| self.names.classes[class as usize].as_str())
    }

    /// The name classes of `words[..=last]`, tagging no more of them, and
    /// of their parts of speech no more, than those classes read (a class
    /// reads the parts of speech of its word and the next).
    fn names_to(&self, words: &[Word], last: usize) -> Vec<u8> {
        let pos = self.pos_of_first(words, words.len().min(last + 2));
        self.names_of_first(words, &pos, last + 1)
    }

    /// The parts of speech of words already read ([`Word::new`]), without
    /// their name classes.
    pub fn pos_words(&self, words: &[Word]) -> Vec<u8> {
        self.pos_of_first(words, words.len())
    }

    /// The parts of speech of `words[..n]`, each read beside its
    /// neighbours in all of `words`.
    fn pos_of_first(&self, words: &[Word], n: usize) -> Vec<u8> {
        tag_with(&self.pos, &FxHashMap::default(), words, n)
    }

    /// The coarse classes ([`COARSE_CLASSES`]) of words already read.
    pub fn coarse_words(&self, words: &[Word]) -> Vec<u8> {
        tag_with(&self.coarse, &self.settled, words, words.len())
    }

    /// The name classes of `words[..n]`, given the parts of speech `pos`
    /// of at least the first `n + 1` of them (or of all).
    fn names_of_first(&self, words: &[Word], pos: &[u8], n: usize) -> Vec<u8> {
        let mut names = Vec::with_capacity(n);
        let mut buckets = Vec::with_capacity(16);
        for i in 0..n {
            name_features(words, i, pos, &names, &mut buckets);
            names.push(self.names.best(&buckets));
        }
        names
    }

    /// Tags words already read ([`Word::new`]).
    pub fn tag_words(&self, words: &[Word]) -> Vec<Tags> {
        let pos = self.pos_words(words);
        let names = self.names_of_first(words, &pos, words.len());
        pos.into_iter()
            .zip(names)
            .map(|(pos, name)| Tags { pos, name })
            .collect()
    }

    /// The tagger in its file format: a magic line, then each model
    /// ([`Model::write`]), then the settled words (a count, then each
    /// word's hash and class, in the hashes' order).
    pub fn write(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        self.pos.write(&mut out);
        self.names.write(&mut out);
        self.coarse.write(&mut out);
        let mut settled: Vec<(u64, u8)> = self.settled.iter().map(|(&w, &c)| (w, c)).collect();
        settled.sort_unstable();
        out.extend((settled.len() as u32).to_le_bytes());
        for (word, class) in settled {
            out.extend(word.to_le_bytes());
            out.push(class);
        }
        out
    }

    /// Reads [`Tagger::write`]'s format.
    pub fn read(bytes: &[u8]) -> Result<Tagger, String> {
        let mut at = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or("not a quarry tagger file")?;
        let pos = Model::read(&mut at)?;
        let names = Model::read(&mut at)?;
        let coarse = Model::read(&mut at)?;
        let count = at
            .first_chunk::<4>()
            .map(|b| u32::from_le_bytes(*b) as usize)
            .ok_or("the tagger file is cut short")?;
        let entries = at
            .get(4..4 + 9 * count)
            .ok_or("the tagger file is cut short")?;
        let mut settled = FxHashMap::default();
        for entry in entries.chunks_exact(9) {
            let (word, class) = entry.split_at(8);
            let class = class[0];
            if usize::from(class) >= coarse.classes.len() {
                return Err("a settled word's class is out of range".into());
            }
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(word);
            settled.insert(u64::from_le_bytes(bytes), class);
        }
        Ok(Tagger {
            pos,
            names,
            coarse,
            settled,
        })
    }
}

impl Model {
    /// Appends the model in its file format: its classes, and its rows,
    /// each a bucket and the weights that are not zero (class, whole
    /// hundredths).
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend((self.classes.len() as u32).to_le_bytes());
        for c in &self.classes {
            out.push(c.len() as u8);
            out.extend(c.as_bytes());
        }
        let rows: Vec<(u32, Vec<(u8, i32)>)> = self.rows().collect();
        out.extend((rows.len() as u32).to_le_bytes());
        for (bucket, row) in rows {
            out.extend(bucket.to_le_bytes());
            out.push(row.len() as u8);
            for (class, q) in row {
                out.push(class);
                out.extend((q.clamp(-32768, 32767) as i16).to_le_bytes());
            }
        }
    }

    /// Reads one model of [`Model::write`]'s format from the front of `at`.
    pub fn read(at: &mut &[u8]) -> Result<Model, String> {
        let mut take = |n: usize| -> Result<&[u8], String> {
            if at.len() < n {
                return Err("the model file is cut short".into());
            }
            let (head, rest) = at.split_at(n);
            *at = rest;
            Ok(head)
        };
        let u32_of = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let n = u32_of(take(4)?) as usize;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let len = take(1)?[0] as usize;
            let name = std::str::from_utf8(take(len)?).map_err(|e| e.to_string())?;
            classes.push(name.to_string());
        }
        let count = u32_of(take(4)?) as usize;
        if n <= NARROW {
            return Model::read_narrow(classes, count, at);
        }
        let mut rows = Vec::with_capacity(count);
        for _ in 0..count {
            let bucket = u32_of(take(4)?) as usize;
            if bucket >= 1 << BUCKET_BITS {
                return Err("a bucket out of range".into());
            }
            let kept = take(1)?[0] as usize;
            let mut row = Vec::with_capacity(kept);
            for entry in take(3 * kept)?.chunks(3) {
                if entry[0] as usize >= n {
                    return Err("a class out of range".into());
                }
                row.push((
                    entry[0],
                    i32::from(i16::from_le_bytes([entry[1], entry[2]])),
                ));
            }
            rows.push((bucket, row));
        }
        Ok(Model::from_rows(classes, rows.into_iter()))
    }

    /// [`Model::read`] of a model of narrow rows, after its classes and
    /// row count: each row goes straight to its place, with no list made.
    fn read_narrow(classes: Vec<String>, count: usize, at: &mut &[u8]) -> Result<Model, String> {
        let n = classes.len();
        let mut model = Model::from_rows(classes, std::iter::empty());
        let bytes = *at;
        let mut k = 0;
        for _ in 0..count {
            let head = bytes.get(k..k + 5).ok_or("the model file is cut short")?;
            let bucket = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
            let kept = head[4] as usize;
            k += 5;
            if bucket >= 1 << BUCKET_BITS {
                return Err("a bucket out of range".into());
            }
            let entries = bytes
                .get(k..k + 3 * kept)
                .ok_or("the model file is cut short")?;
            k += 3 * kept;
            if kept == 0 {
                continue;
            }
            let weights = &mut model.narrow[bucket];
            for entry in entries.chunks_exact(3) {
                let class = entry[0] as usize;
                if class >= n {
                    return Err("a class out of range".into());
                }
                weights[class] = i16::from_le_bytes([entry[1], entry[2]]);
            }
        }
        *at = &bytes[k..];
        Ok(model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarse_classes_fold_the_treebank_tags_and_know_their_verbs() {
        let class = |tag: &str| COARSE_CLASSES[coarse_class(tag) as usize];
        assert_eq!(class("NNS"), "NOUN");
        assert_eq!(class("NNPS"), "PROPN");
        assert_eq!(class("MD"), "VERB");
        assert_eq!(class("VBG"), "VERB-NONFINITE");
        assert_eq!(class("RBR"), "MODIFIER");
        assert_eq!(class("WDT"), "DETERMINER");
        assert_eq!(class("TO"), "FUNCTION");
        assert_eq!(class("''"), "OTHER");
        let which = |test: fn(u8) -> bool| -> Vec<&str> {
            (0..COARSE_CLASSES.len() as u8)
                .filter(|&c| test(c))
                .map(|c| COARSE_CLASSES[c as usize])
                .collect()
        };
        assert_eq!(which(coarse_is_verb), ["VERB", "VERB-NONFINITE"]);
        assert_eq!(which(coarse_is_finite), ["VERB"]);
        assert_eq!(which(coarse_is_nonfinite), ["VERB-NONFINITE"]);
        assert_eq!(which(coarse_is_noun), ["NOUN", "PROPN"]);
    }

    /// A word takes a settled class when nearly all of enough uses have
    /// it; the compiled-in tagger gives such words theirs without its model.
    #[test]
    fn words_of_one_class_are_settled() {
        let mut uses: FxHashMap<u64, [usize; COARSE_CLASSES.len()]> = FxHashMap::default();
        uses.insert(1, [0, 0, 0, 0, 0, 1000, 0, 0]);
        uses.insert(2, [0, 0, 995, 5, 0, 0, 0, 0]);
        uses.insert(3, [0, 0, 990, 10, 0, 0, 0, 0]);
        uses.insert(4, [0, 0, 0, 0, 0, 9, 0, 0]);
        let settled = settled_classes(&uses);
        assert_eq!(settled.get(&1), Some(&5), "only ever a determiner");
        assert_eq!(settled.get(&2), Some(&2), "five exceptions in a thousand");
        assert_eq!(settled.get(&3), None, "ten exceptions in a thousand");
        assert_eq!(settled.get(&4), None, "nine uses are too few to tell");
        let class = |w: &str| {
            tagger()
                .settled
                .get(&Word::new(w).lower)
                .map(|&c| COARSE_CLASSES[c as usize])
        };
        assert_eq!(class("the"), Some("DETERMINER"));
        assert_eq!(class("The"), Some("DETERMINER"));
        // "said" is a finite verb or a participle ("has said"): the model's.
        assert_eq!(class("said"), None);
    }

    #[test]
    fn the_compiled_in_coarse_model_tags_a_sentence() {
        let words: Vec<Word> = ["Rubio", "said", "sanctions", "would", "not", "help", "."]
            .iter()
            .map(|w| Word::new(w))
            .collect();
        let classes: Vec<&str> = tagger()
            .coarse_words(&words)
            .iter()
            .map(|&c| COARSE_CLASSES[c as usize])
            .collect();
        assert_eq!(
            classes,
            [
                "PROPN",
                "VERB",
                "NOUN",
                "VERB",
                "MODIFIER",
                "VERB-NONFINITE",
                "OTHER"
            ]
        );
    }

    #[test]
    fn the_compiled_in_tagger_tags_a_sentence() {
        let t = tagger();
        let words = [
            "Secretary",
            "Marco",
            "Rubio",
            "said",
            "the",
            "talks",
            "in",
            "Geneva",
            "went",
            "well",
            ".",
        ];
        let tags = t.tag(&words);
        let pos: Vec<&str> = tags
            .iter()
            .map(|t| tagger().pos.classes[t.pos as usize].as_str())
            .collect();
        assert_eq!(pos[3], "VBD", "{pos:?}");
        assert_eq!(pos[4], "DT", "{pos:?}");
        assert_eq!(pos[5], "NNS", "{pos:?}");
        let names: Vec<&str> = tags
            .iter()
            .map(|t| tagger().names.classes[t.name as usize].as_str())
            .collect();
        assert_eq!(&names[1..3], ["PERSON", "PERSON"], "{names:?}");
        assert_eq!(names[7], "PLACE", "{names:?}");
        assert_eq!(names[3], "O", "{names:?}");
    }

    #[test]
    fn dense_and_sparse_rows_score_as_the_plain_sum_of_their_weights() {
        // Ten classes; bucket 1 weighs all of them (a dense row), bucket 2
        // two (sparse), bucket 3 none.
        let n = 10;
        let classes: Vec<String> = (0..n).map(|c| format!("c{c}")).collect();
        let mut weights = vec![0.0f32; 4 * n];
        let many = [3.0, -2.0, 1.5, 7.25, -4.0, 2.0, 1.0, -1.0, 2.5, 6.0];
        weights[n..2 * n].copy_from_slice(&many);
        weights[2 * n + 1] = 9.0;
        weights[2 * n + 3] = -6.0;
        let model = Model::from_dense(classes, &weights);
        assert_eq!((model.dense.len(), model.entries.len()), (1, 2));
        // Rows as the file keeps them, whichever kind holds them.
        let rows: Vec<_> = model.rows().collect();
        assert_eq!(
            rows[0],
            (
                1,
                (0..n as u8)
                    .zip([300, -200, 150, 725, -400, 200, 100, -100, 250, 600])
                    .collect()
            )
        );
        assert_eq!(rows[1], (2, vec![(1, 900), (3, -600)]));
        for buckets in [&[1u32][..], &[2], &[1, 2], &[2, 3, 1], &[3]] {
            let plain: Vec<f32> = (0..n)
                .map(|c| buckets.iter().map(|&b| weights[b as usize * n + c]).sum())
                .collect();
            assert_eq!(model.best(buckets), argmax(&plain), "{buckets:?}");
        }
    }

    #[test]
    fn a_tagger_reads_back_what_it_wrote() {
        let t = tagger();
        let again = Tagger::read(&t.write()).unwrap();
        assert_eq!(again.write(), t.write());
        assert!(Tagger::read(b"QTAGGER1\x02").is_err());
        assert!(Tagger::read(b"nonsense").is_err());
    }

    #[test]
    fn a_names_class_is_read_from_its_sentence_start_to_three_words_on() {
        let t = tagger();
        let text = "Workers told the Harwell Dairy Cooperative on Friday that Lena Voss \
                    of Ohio would meet the United Steelworkers union in Toledo next week.";
        let toks = tokens(text, 0..text.len());
        let words: Vec<&str> = toks.iter().map(|r| &text[r.clone()]).collect();
        let full = t.tag(&words);
        for (i, r) in toks.iter().enumerate() {
            let starts = i == 0 || full[i - 1].name != full[i].name;
            let whole = starts.then(|| t.names.classes[full[i].name as usize].as_str());
            assert_eq!(
                t.class_at(text, 0..text.len(), r.start),
                whole,
                "{}",
                words[i]
            );
        }
        // Some word of it must be a name, or the test reads nothing.
        assert!(full.iter().any(|g| g.name != 0));
    }

    #[test]
    fn a_names_class_from_the_words_near_it_splits_no_character() {
        let t = tagger();
        // Long words and letters of several bytes around the names, so
        // that the bytes read start and end inside words and characters.
        let text = "“Überschallgeschwindigkeitsflugzeuge,” déclarée Mme. Hélène \
                    Carrère-d’Encausse à l’Académie française, while Lena Voss of \
                    Ohio met the United Steelworkers in Toledo — naïvely, perhaps.";
        let toks = tokens(text, 0..text.len());
        let words: Vec<&str> = toks.iter().map(|r| &text[r.clone()]).collect();
        let full = t.tag(&words);
        for (i, r) in toks.iter().enumerate() {
            let near = t.class_near(text, 0..text.len(), r.start, 4);
            let whole = t.class_at(text, 0..text.len(), r.start);
            if ["Voss", "Ohio", "Toledo"].contains(&words[i]) {
                // Far enough in for four words before them to be read.
                assert_eq!(near, whole, "{}", words[i]);
            }
        }
        assert!(full.iter().any(|g| g.name != 0));
    }
}
