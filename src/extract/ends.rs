//! Where a reported content ends: of the ends one reading of a cue and
//! source is tried at (the sentence's end, or a clause boundary: a
//! semicolon, a dash, a parenthesis, ", and", ", which" …), the one a
//! ranking model learned from PolNeAR train's Content spans prefers
//! (`ends.tsv`, `cargo run --release --example learn_models`). Whether a
//! ", which …" clause is still the words reported depends on the cue, the
//! words at the cut and what the cut leaves out, which no fixed rule says.
//! One thing a fixed rule does say: a comma before a closing attribution
//! ("…, two officials said Monday.") ends the content, unweighed.
//!
//! Choosing the end first, and only then weighing whether the reading is
//! an attribution at all ([`super::verifier`]), keeps the two questions
//! apart: the verifier learns from and weighs one reading per cue and
//! source, not near-copies of it that differ in their last clause.

use super::lexicon;
use super::linear::{put, Features, LinearModel};
use super::reported::{Candidate, SentenceFacts};
use super::speaker::Reader;
use super::verifier::bucket;

/// How much more than the best longer end a shorter one must score to be
/// taken: the ranking cuts a little too often for content F1, so a cut is
/// taken only where the model is sure of it (of 0, 2 and 5, the margin
/// whose gains held on publishers left out of learning).
const END_MARGIN: f32 = 4.0;

/// How many tokens after a cut are looked at for a cue.
const CUE_LOOKAHEAD: usize = 12;

/// Most words a closing attribution's source has ("…, *two senior
/// officials* said"), and most words after its cue ("said *on Monday*").
const CLOSING_SOURCE_WORDS: usize = 4;
const CLOSING_TAIL_WORDS: usize = 3;

/// How many tokens after a cut are tagged, for the clause they open.
const AFTER_CUT_TAGGED: usize = 6;

/// Keeps, of each run of `candidates` that share a cue and a source (the
/// cuts of one reading, uncut first, then shorter), the one `model`
/// prefers: a shorter end where it scores [`END_MARGIN`] above the best
/// before it.
pub fn choose(
    reader: &Reader,
    model: &LinearModel,
    candidates: Vec<Candidate>,
    facts: &SentenceFacts,
) -> Vec<Candidate> {
    let runs = groups(&candidates);
    let mut keep = vec![false; candidates.len()];
    for (run, full_end) in runs {
        if run.len() == 1 {
            // A reading with no clause boundary has one end: nothing to weigh.
            keep[run.start] = true;
            continue;
        }
        // "…, officials said Monday.": what a closing attribution cuts off
        // is never the content's; the cut nearest it keeps all the rest
        // ("…, risky, officials said" cut at either comma).
        let closing = |c: &Candidate| {
            dropped_cue(reader, c, full_end).is_some_and(|cue| closes(c, cue, full_end, facts))
        };
        if let Some(i) = run
            .clone()
            .filter(|&i| closing(&candidates[i]))
            .max_by_key(|&i| candidates[i].span.content.end)
        {
            keep[i] = true;
            continue;
        }
        // "…; shipping firms rerouted their vessels": a semicolon before a
        // clause of its own (a finite verb soon after) ends the content.
        if let Some(i) = run
            .clone()
            .filter(|&i| new_clause_after_semicolon(reader, &candidates[i], full_end))
            .min_by_key(|&i| candidates[i].span.content.end)
        {
            keep[i] = true;
            continue;
        }
        let mut best: Option<(f32, usize)> = None;
        for i in run {
            let score = model.score(|out| features(reader, &candidates[i], full_end, facts, out));
            if best.is_none_or(|(b, _)| score > b + END_MARGIN) {
                best = Some((score, i));
            }
        }
        if let Some((_, i)) = best {
            keep[i] = true;
        }
    }
    candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect()
}

/// The runs of `candidates` that share a cue and a source, as ranges of
/// indexes, each with the end of its uncut content.
pub fn groups(candidates: &[Candidate]) -> Vec<(std::ops::Range<usize>, usize)> {
    let mut out: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        match out.last_mut() {
            Some((run, _))
                if candidates[run.start].span.cue_token == c.span.cue_token
                    && candidates[run.start].span.source_tokens == c.span.source_tokens =>
            {
                run.end = i + 1;
            }
            _ => out.push((i..i + 1, c.span.content.end)),
        }
    }
    out
}

/// The features of `candidate`'s end, each given to `emit` by name; its
/// reading's uncut content ends at token `full_end`. The same code serves
/// learning and scoring.
pub fn features(
    reader: &Reader,
    candidate: &Candidate,
    full_end: usize,
    facts: &SentenceFacts,
    out: &mut (impl Features + ?Sized),
) {
    let content = &candidate.span.content;
    let cut = candidate.cut;
    let cue = reader.lower(candidate.span.cue_token).unwrap_or("");
    let token = |t: usize| {
        reader
            .lower(t)
            .or_else(|| reader.is_quote(t).then_some("\""))
            .or_else(|| reader.punct(t).map(|_| ","))
            .unwrap_or("")
    };
    let uncut = cut == "none";
    let (at, after) = if uncut {
        ("$", "$")
    } else {
        (token(content.end), token(content.end + 1))
    };
    let last = content.end.checked_sub(1).map_or("", token);
    let dropped = content.end..full_end;
    let dropped_words = facts.words(&dropped);
    // A cue soon after the cut: another statement, the reading's content
    // ends before it.
    let dropped_cue = dropped_cue(reader, candidate, full_end).is_some();
    let form = if content.start > candidate.span.cue_token {
        "after"
    } else {
        "before"
    };
    let mut put = |template: &str, values: &[&str]| put(out, template, values);
    put("cut=", &[cut]);
    put("cut+form=", &[cut, form]);
    put("cut+at=", &[cut, at]);
    put("cut+after=", &[cut, after]);
    put("cut+last=", &[cut, last]);
    put("cut+cue=", &[cut, cue]);
    put("at+cue=", &[at, cue]);
    put("cut+words=", &[cut, bucket(candidate.words)]);
    put("cut+how=", &[cut, candidate.how.as_str()]);
    put(
        "cut+words+dropped=",
        &[cut, bucket(candidate.words), bucket(dropped_words)],
    );
    if candidate.rules_choice {
        put("cut+rules=", &[cut]);
    }
    put("cut+dropped=", &[cut, bucket(dropped_words)]);
    if dropped_cue {
        put("cut+dropped cue=", &[cut]);
    }
    if facts.quotes(&dropped) > 0 {
        put("cut+dropped quote=", &[cut]);
    }
    if candidate.content_quoted {
        put("cut+quoted=", &[cut]);
    }
    if !uncut {
        // ", but that …": a second clause of what was said, not a new one.
        put("cut+after+next=", &[cut, after, token(content.end + 2)]);
    }
    if matches!(cut, ",other" | ";") {
        // What the words after a plain comma or a semicolon are: a new
        // clause ("…, Judge Berman proceeded to …", "…; shipping firms
        // rerouted …": a finite verb soon after) or more of the same one
        // ("…, a reference point for …").
        let from = content.end + 1;
        let to = full_end.min(from + AFTER_CUT_TAGGED);
        if from < to {
            let tags = reader.pos_of(from, to);
            put("cut+after tag=", &[cut, tags[0]]);
            let finite = tags
                .iter()
                .any(|t| matches!(*t, "VBD" | "VBZ" | "VBP" | "MD"));
            put("cut+clause after=", &[cut, if finite { "y" } else { "n" }]);
        }
    }
}

/// The first cue in the words `candidate`'s end cuts off (up to
/// `full_end`, its uncut end), if one is soon after the cut ("…; the union
/// *said* …" opens another statement). Looked for in the next few tokens
/// only, so that each end costs the same however long its sentence.
fn dropped_cue(reader: &Reader, candidate: &Candidate, full_end: usize) -> Option<usize> {
    let from = candidate.span.content.end;
    (from..full_end.min(from + CUE_LOOKAHEAD))
        .find(|&t| reader.lower(t).is_some_and(lexicon::is_cue))
}

/// Whether `candidate` is cut at a semicolon that a clause of its own
/// follows: a finite verb among the next few words (up to `full_end`).
fn new_clause_after_semicolon(reader: &Reader, candidate: &Candidate, full_end: usize) -> bool {
    let from = candidate.span.content.end + 1;
    candidate.cut == ";"
        && (from..full_end.min(from + AFTER_CUT_TAGGED)).any(|t| reader.is_finite_verb(t))
}

/// Whether what `candidate`'s end cuts off, with its cue at token `cue`, is
/// all of a closing attribution after a comma: a few words naming who, the
/// cue, at most a few saying when or how, and the sentence ends ("…, two
/// senior officials said Monday.").
fn closes(candidate: &Candidate, cue: usize, full_end: usize, facts: &SentenceFacts) -> bool {
    candidate.cut == ",other"
        && facts.words(&(candidate.span.content.end..cue)) <= CLOSING_SOURCE_WORDS
        && facts.words(&(cue + 1..full_end)) <= CLOSING_TAIL_WORDS
}

#[cfg(test)]
mod tests {
    use crate::extract::models::Models;

    #[test]
    fn the_compiled_in_model_is_not_empty() {
        assert!(Models::compiled().ends.len() > 50);
    }
}
