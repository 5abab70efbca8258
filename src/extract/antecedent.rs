//! Which of the people named just before a pronoun it means ("…,” he
//! said"; "it" and "they" may mean a body): each mention in the last few
//! sentences is scored by a linear model over what it is — the speaker of
//! a cue or a subject, how many sentences back, how many other people were
//! named since, whether the pronoun's gender is known to be theirs,
//! whether the quotation names them (people rarely name themselves), and,
//! for a name no first name gives a gender, whether the name tagger reads
//! it as a person, an organisation or a place —
//! learned from PolNeAR train's pronoun sources and their hand-checked
//! speakers (`antecedent.tsv`, `cargo run --release --example
//! learn_models`).

use super::lexicon::Gender;
use super::linear::{put, Features};
use super::speaker::MentionRole;

/// What is known of one mention as the antecedent of one pronoun.
#[derive(Clone, Debug)]
pub struct Facts {
    /// Sentences between the mention and the pronoun (0: the same one).
    pub distance: usize,
    pub role: MentionRole,
    /// The pronoun's gender and the person's.
    pub pronoun: Gender,
    pub person: Gender,
    /// The quotation the pronoun attributes names the person.
    pub named_inside: bool,
    /// The pronoun attributes a quotation (not reported speech).
    pub quotation: bool,
    /// Other people named between the mention and the pronoun.
    pub named_since: usize,
    /// Whether this is the person's last mention before the pronoun.
    pub latest: bool,
    /// How many times the article names the person.
    pub mentions: usize,
    /// Whether the person was given a title or role ("Sen.", "the mayor").
    pub titled: bool,
    /// The name is one word; its last word looks plural ("Republicans").
    pub one_word: bool,
    pub plural: bool,
    /// Named as a body, not a person ("it" and "they" may mean one).
    pub body: bool,
    /// Not a name but a pronoun or description resolved to the person
    /// ("“…,” he said. “…,” he added").
    pub referred: bool,
    /// The name tagger's class for the mention's name ("PERSON",
    /// "ORGANIZATION", "PLACE", "OTHER", "O", or "inside" a longer name),
    /// asked only of a named mention whose gender is unknown.
    pub class: Option<&'static str>,
}

/// The features of `facts`, each given to `emit` by name: the same code
/// serves learning and scoring.
pub fn features(facts: &Facts, out: &mut (impl Features + ?Sized)) {
    let distance = ["0", "1", "2", "3", "4"][facts.distance.min(4)];
    let role = match facts.role {
        MentionRole::Speaker => "speaker",
        MentionRole::Subject => "subject",
        MentionRole::Other => "other",
    };
    let gender = match (facts.pronoun, facts.person) {
        (Gender::Unknown, _) => "pronoun unknown",
        (_, Gender::Unknown) => "person unknown",
        (a, b) if a == b => "same",
        _ => "other",
    };
    let since = match facts.named_since {
        0 => "0",
        1 => "1",
        2 => "2",
        _ => "3+",
    };
    let mentions = match facts.mentions {
        1 => "1",
        2 | 3 => "2-3",
        _ => "4+",
    };
    let what = if facts.quotation { "quote" } else { "reported" };
    let mut put = |template: &str, values: &[&str]| put(out, template, values);
    put("distance=", &[distance]);
    put("role=", &[role]);
    put("gender=", &[gender]);
    put("since=", &[since]);
    put("mentions=", &[mentions]);
    put("distance+role=", &[distance, role]);
    put("since+role=", &[since, role]);
    put("what+role=", &[what, role]);
    put("what+distance=", &[what, distance]);
    put("gender+role=", &[gender, role]);
    if facts.named_inside {
        put("named inside", &[]);
    }
    if !facts.latest {
        put("named again later", &[]);
    }
    if facts.titled {
        put("titled", &[]);
    }
    if facts.one_word {
        put("one word", &[]);
    }
    if facts.plural {
        put("plural", &[]);
    }
    if facts.referred {
        put("referred", &[]);
        put("referred+distance=", &[distance]);
        put("referred+since=", &[since]);
    }
    // What the tagger says a name is weighs only when it says what kind
    // of name: a word it reads as no name ("O") or inside a longer one
    // is a mention the rules found and it did not (a surname alone).
    if let Some(class) = facts.class.filter(|c| !matches!(*c, "O" | "inside")) {
        put("class=", &[class]);
        put("class+pronoun=", &[class, pronoun_known(facts.pronoun)]);
    }
    if facts.body {
        put("body", &[]);
        put("body+distance=", &[distance]);
        put("body+role=", &[role]);
    }
}

/// Whether the pronoun says a person ("he", "she") or may mean a body.
fn pronoun_known(gender: Gender) -> &'static str {
    if gender == Gender::Unknown {
        "it/they"
    } else {
        "he/she"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::models::Models;

    fn mention(distance: usize, role: MentionRole, person: Gender) -> Facts {
        Facts {
            distance,
            role,
            pronoun: Gender::Male,
            person,
            named_inside: false,
            quotation: true,
            named_since: 0,
            latest: true,
            mentions: 1,
            titled: false,
            one_word: false,
            plural: false,
            body: false,
            referred: false,
            class: Some("PERSON"),
        }
    }

    /// "He recently pitched himself to African-Americans by telling them …
    /// “Look at …,” he said": a group read as a person, the speaker of a
    /// cue one sentence back, lost to it with hand-set weights (a speaker
    /// +1.5, a sentence back −1, a known gender +1).
    #[test]
    fn a_named_group_does_not_outrank_the_person_the_pronoun_fits() {
        let model = &Models::compiled().antecedents;
        assert!(!model.is_empty(), "antecedent.tsv is compiled in");
        let score = |facts: &Facts| model.score(|out| features(facts, out));
        let group = Facts {
            one_word: true,
            plural: true,
            ..mention(1, MentionRole::Speaker, Gender::Unknown)
        };
        let person = Facts {
            titled: true,
            named_since: 1,
            mentions: 4,
            ..mention(2, MentionRole::Subject, Gender::Male)
        };
        assert!(
            score(&person) > score(&group),
            "{} vs {}",
            score(&person),
            score(&group)
        );
        // And the nearer of two people otherwise alike.
        let near = mention(0, MentionRole::Speaker, Gender::Male);
        let far = Facts {
            named_since: 1,
            ..mention(3, MentionRole::Speaker, Gender::Male)
        };
        assert!(score(&near) > score(&far));
    }
}
