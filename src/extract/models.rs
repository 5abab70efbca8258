//! What a reading of an article is done with, as one value: the cue
//! model, the end model, the verifier, the antecedent model, the
//! description model, the learned
//! cue words and the outlet table. The compiled-in tables make the
//! default; the leave-one-publisher-out evaluation gives tables learned
//! without a publisher, and a user their own outlets. A run builds its
//! [`Models`] once and hands them to every article explicitly (through
//! [`super::Extractor`]): nothing is set for the process, so two runs
//! with different models can share one.

use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashSet as HashSet;

use super::linear::LinearModel;
use super::outlet::Outlets;

/// The models and tables of one run.
pub struct Models {
    /// Which words open an attribution ([`super::cue_model`]).
    pub cues: LinearModel,
    /// Where a reported content ends ([`super::ends`]).
    pub ends: LinearModel,
    /// Which reading of a sentence is its reported speech ([`super::verifier`]).
    pub verifier: LinearModel,
    /// Which person a pronoun means ([`super::antecedent`]).
    pub antecedents: LinearModel,
    /// Whom a description no rule resolved means ([`super::description`]).
    pub descriptions: LinearModel,
    /// Cue words learned from train's annotations (`learned_cues.tsv`).
    learned_cues: HashSet<String>,
    /// Where words were said ([`super::outlet`]).
    pub outlets: Outlets,
}

/// Tables in place of the compiled-in ones, as text in their files' formats.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    pub cue_model: Option<String>,
    pub ends: Option<String>,
    pub verifier: Option<String>,
    pub antecedents: Option<String>,
    pub descriptions: Option<String>,
    pub learned_cues: Option<String>,
}

const CUE_MODEL: &str = include_str!("cue_model.tsv");
const ENDS: &str = include_str!("ends.tsv");
const VERIFIER: &str = include_str!("verifier.tsv");
const ANTECEDENTS: &str = include_str!("antecedent.tsv");
const DESCRIPTIONS: &str = include_str!("descriptions.tsv");
const LEARNED_CUES: &str = include_str!("learned_cues.tsv");

static COMPILED: LazyLock<Arc<Models>> = LazyLock::new(|| {
    Arc::new(
        Models::new(&Tables::default(), Vec::new())
            .expect("the compiled-in model tables parse (checked by tests/models.rs)"),
    )
});

impl Models {
    /// The compiled-in models and the built-in outlets, built once and shared.
    pub fn compiled() -> Arc<Models> {
        Arc::clone(&COMPILED)
    }

    /// Models from `tables` (the compiled-in ones where a table is not
    /// given) and the built-in outlets with `outlets`, the user's
    /// (phrase, outlet) pairs, before them. A table that does not parse is
    /// an error naming it.
    pub fn new(tables: &Tables, outlets: Vec<(String, String)>) -> Result<Models, String> {
        let table = |given: &Option<String>, compiled: &'static str, what: &str| {
            let text = given.as_deref().unwrap_or(compiled);
            LinearModel::parse(text).map_err(|e| format!("{what}: {e}"))
        };
        Ok(Models {
            cues: table(&tables.cue_model, CUE_MODEL, "cue model")?,
            ends: table(&tables.ends, ENDS, "end model")?,
            verifier: table(&tables.verifier, VERIFIER, "verifier")?,
            antecedents: table(&tables.antecedents, ANTECEDENTS, "antecedent model")?,
            descriptions: table(&tables.descriptions, DESCRIPTIONS, "description model")?,
            learned_cues: learned_cues(tables.learned_cues.as_deref().unwrap_or(LEARNED_CUES)),
            outlets: Outlets::new(outlets),
        })
    }

    /// Whether `word` (lowercase) is a cue learned from PolNeAR train.
    pub fn is_learned_cue(&self, word: &str) -> bool {
        self.learned_cues.contains(word)
    }
}

/// The words of a learned-cue table: its first column, comments skipped.
fn learned_cues(table: &str) -> HashSet<String> {
    table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_that_does_not_parse_is_named() {
        let tables = Tables {
            verifier: Some("bias\tnot-a-number\n".to_string()),
            ..Tables::default()
        };
        let err = Models::new(&tables, Vec::new()).err().unwrap();
        assert!(err.starts_with("verifier: "), "{err}");
    }

    #[test]
    fn the_compiled_in_tables_parse_and_know_said() {
        let models = Models::compiled();
        assert!(models.is_learned_cue("said"));
        assert!(!models.cues.is_empty() && !models.verifier.is_empty());
    }
}
