//! Learning the attribution labeller ([`super::span_tagger`]) from
//! PolNeAR's annotated Cue, Source and Content spans: each token takes the
//! label of the span its first byte lies in (a cue before a source before
//! a content, where annotations nest), and the greedy perceptron learns on
//! the labels it gives itself, as it will read at run time.

use std::ops::Range;
use std::path::Path;

use super::learn::{read_split, Example};
use super::learn_tags::{shuffle, Averaged};
use super::span_tagger::{Part, Seen, Sequence, LABELS, OUTSIDE};
use super::tagger::Model;

/// Passes over the paragraphs.
const EPOCHS: usize = 6;

/// One paragraph and its gold labels.
pub struct Labelled {
    pub path: String,
    pub seq: Sequence,
    pub gold: Vec<u8>,
}

/// The byte ranges of each line of `text` that holds a word.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let range = offset..offset + line.trim_end().len();
        offset += line.len();
        if !line.trim().is_empty() {
            out.push(range);
        }
    }
    out
}

/// The labels of `seq`'s tokens, given the annotated spans of each part.
fn gold_labels(seq: &Sequence, parts: &[(Part, &[Range<usize>])]) -> Vec<u8> {
    let mut labels = Vec::with_capacity(seq.len());
    let mut last: Option<(Part, usize)> = None;
    for t in &seq.tokens {
        let found = parts.iter().find_map(|(part, ranges)| {
            ranges
                .iter()
                .position(|r| r.start <= t.start && t.start < r.end)
                .map(|k| (*part, k))
        });
        labels.push(match found {
            None => OUTSIDE,
            Some((part, _)) if last == found => part.begin() + 1,
            Some((part, _)) => part.begin(),
        });
        last = found;
    }
    labels
}

/// The paragraphs of a PolNeAR split with their gold labels.
pub fn read(shared: &Path, split: &str, without: Option<&str>) -> Result<Vec<Labelled>, String> {
    Ok(labelled(&read_split(shared, split, without)?))
}

/// The paragraphs of `examples` with their gold labels.
pub(crate) fn labelled<'a>(examples: impl IntoIterator<Item = &'a Example>) -> Vec<Labelled> {
    let mut out = Vec::new();
    for e in examples {
        let text = &e.article.text;
        let sources: Vec<Range<usize>> = e
            .gold
            .iter()
            .flat_map(|g| g.source.iter().cloned())
            .collect();
        let contents: Vec<Range<usize>> = e
            .gold
            .iter()
            .flat_map(|g| g.content.iter().cloned())
            .collect();
        let parts = [
            (Part::Cue, e.cues.as_slice()),
            (Part::Source, sources.as_slice()),
            (Part::Content, contents.as_slice()),
        ];
        for range in paragraphs(text) {
            let seq = Sequence::read(text, range);
            let gold = gold_labels(&seq, &parts);
            out.push(Labelled {
                path: e.name.clone(),
                seq,
                gold,
            });
        }
    }
    out
}

/// Learns the labeller from `paragraphs`.
pub fn learn(paragraphs: &[Labelled]) -> Model {
    let mut model = Averaged::new(LABELS.len());
    let mut order: Vec<usize> = (0..paragraphs.len()).collect();
    let (mut buckets, mut scores) = (Vec::new(), Vec::new());
    for epoch in 0..EPOCHS {
        shuffle(&mut order, 0x5ba5 + epoch as u64);
        for &k in &order {
            let p = &paragraphs[k];
            let mut labels = Vec::with_capacity(p.seq.len());
            let mut seen = Seen::default();
            for i in 0..p.seq.len() {
                seen = seen.at(&p.seq, i, &labels);
                p.seq.features(i, &labels, seen, &mut buckets);
                labels.push(model.learn(&buckets, Some(p.gold[i]), &mut scores));
            }
        }
    }
    Model::from_dense(
        LABELS.iter().map(|l| l.to_string()).collect(),
        &model.averaged(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_take_the_part_their_first_byte_lies_in_and_a_new_span_begins_anew() {
        let text = "Rubio said the talks went well. Aides said otherwise.";
        let seq = Sequence::read(text, 0..text.len());
        let at = |w: &str| text.find(w).unwrap();
        let span = |w: &str| at(w)..at(w) + w.len();
        let cues = [at("said")..at("said") + 4, 38..42];
        let sources = [span("Rubio"), span("Aides")];
        let contents = [span("the talks went well"), span("otherwise")];
        let labels = gold_labels(
            &seq,
            &[
                (Part::Cue, &cues[..]),
                (Part::Source, &sources[..]),
                (Part::Content, &contents[..]),
            ],
        );
        let named: Vec<&str> = labels.iter().map(|&l| LABELS[l as usize]).collect();
        assert_eq!(
            named,
            [
                "B-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "I-CON", "O", "B-SRC", "B-CUE",
                "B-CON", "O"
            ]
        );
    }
}
