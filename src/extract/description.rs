//! Whom a description means when no rule found anyone ("the governor",
//! "the Florida senator", "the tabloid", "the gambling tycoon"): each
//! person or body named in the last few sentences, and nobody, is scored by
//! a linear model over what is known of the pair — how far back and how
//! often the article named them, whether anyone else was named as
//! recently, whether they were given the role, whether the phrase's
//! capitalised words (if it has any) are in their name or roles, whether
//! they are a body, with the description's head word — learned from
//! PolNeAR train's description sources and their hand-checked speakers
//! (`descriptions.tsv`, `cargo run --release --example learn_models`). The
//! best scored wins; nobody wins where the article named no one it fits.

use super::linear::{put, Features};

/// What is known of one candidate for one description.
#[derive(Clone, Debug)]
pub struct Facts {
    /// The description's head word, lowercase ("governor", "ad").
    pub head: String,
    /// The phrase opens with "the" (not "a", a possessive or nothing).
    pub definite: bool,
    /// The description attributes a quotation (not reported speech).
    pub quotation: bool,
    /// The candidate is nobody: the description names no one the article
    /// named. The fields below are then unset.
    pub nobody: bool,
    /// Sentences between the candidate's last mention and the description.
    pub distance: usize,
    /// Other candidates named more recently.
    pub rank: usize,
    /// How many times the article names the candidate.
    pub mentions: usize,
    /// No other candidate is named as often.
    pub most_named: bool,
    /// Named in this sentence or the one before, and no other candidate
    /// is: the one person or body the description can be picking up.
    pub alone: bool,
    /// Named as a body, not a person.
    pub body: bool,
    /// Given this role before ("Sen. Rubio" for "the senator").
    pub has_role: bool,
    /// Given any title or role.
    pub titled: bool,
    /// A capitalised word of the phrase is in the candidate's name or
    /// roles ("the *Florida* senator", "the *Rove* ad"); `None` when the
    /// phrase has no capitalised word ("the father of six"), which says
    /// nothing either way.
    pub shares_word: Option<bool>,
    /// The head word is in the candidate's name ("the commission" for the
    /// Commission on Presidential Debates).
    pub head_in_name: bool,
    /// The candidate's last mention is the speaker of a cue.
    pub speaker: bool,
}

impl Facts {
    /// The facts of nobody, for a description with the head word `head`.
    pub fn nobody(head: &str, definite: bool, quotation: bool) -> Facts {
        Facts {
            head: head.to_string(),
            definite,
            quotation,
            nobody: true,
            distance: 0,
            rank: 0,
            mentions: 0,
            most_named: false,
            alone: false,
            body: false,
            has_role: false,
            titled: false,
            shares_word: None,
            head_in_name: false,
            speaker: false,
        }
    }
}

/// The features of `facts`, each given to `out` by name: the same code
/// serves learning and scoring.
pub fn features(facts: &Facts, out: &mut (impl Features + ?Sized)) {
    let head = facts.head.as_str();
    let what = if facts.quotation { "quote" } else { "reported" };
    let definite = if facts.definite { "the" } else { "other" };
    let mut put = |template: &str, values: &[&str]| put(out, template, values);
    if facts.nobody {
        put("nobody", &[]);
        put("nobody+head=", &[head]);
        put("nobody+what=", &[what]);
        put("nobody+definite=", &[definite]);
        return;
    }
    let distance = ["0", "1", "2", "3", "4", "5+"][facts.distance.min(5)];
    let rank = ["0", "1", "2", "3+"][facts.rank.min(3)];
    let mentions = match facts.mentions {
        1 => "1",
        2 | 3 => "2-3",
        4..=7 => "4-7",
        _ => "8+",
    };
    let kind = if facts.body { "body" } else { "person" };
    let yes = |b: bool| if b { "yes" } else { "no" };
    put("distance=", &[distance]);
    put("rank=", &[rank]);
    put("mentions=", &[mentions]);
    put("most named=", &[yes(facts.most_named)]);
    put("alone+kind=", &[yes(facts.alone), kind]);
    put("kind=", &[kind]);
    put("head+kind=", &[head, kind]);
    put("has role=", &[yes(facts.has_role)]);
    put("titled+kind=", &[yes(facts.titled), kind]);
    put("shares word=", &[facts.shares_word.map_or("none", yes)]);
    put("head in name=", &[yes(facts.head_in_name)]);
    put("speaker=", &[yes(facts.speaker)]);
    put("rank+kind=", &[rank, kind]);
    put("distance+most named=", &[distance, yes(facts.most_named)]);
    put("what+rank=", &[what, rank]);
    put("definite+kind=", &[definite, kind]);
}
