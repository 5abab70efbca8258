//! What a reading of an article is done with, as one value: the cue
//! model, the end model, the verifier, the antecedent model, the
//! description model, what the word lists and the learned cue words say
//! of each word, and the outlet table. The compiled-in tables make the
//! default; the leave-one-publisher-out evaluation gives tables learned
//! without a publisher, and a user their own outlets. A run builds its
//! [`Models`] once and hands them to every article explicitly (through
//! [`super::Extractor`]): nothing is set for the process, so two runs
//! with different models can share one.

use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap as HashMap;

use super::lexicon;
use super::linear::LinearModel;
use super::outlet::Outlets;
use super::span_tagger;
use super::tagger::Model;

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
    /// Which words are cue, source and content ([`super::span_tagger`]).
    pub spans: Model,
    /// What the word lists and these models say of each word they name.
    words: HashMap<Box<str>, WordFacts>,
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
    /// The attribution labeller, in its file format.
    pub spans: Option<Vec<u8>>,
}

const CUE_MODEL: &str = include_str!("cue_model.tsv");
const ENDS: &str = include_str!("ends.tsv");
const VERIFIER: &str = include_str!("verifier.tsv");
const ANTECEDENTS: &str = include_str!("antecedent.tsv");
const DESCRIPTIONS: &str = include_str!("descriptions.tsv");
const LEARNED_CUES: &str = include_str!("learned_cues.tsv");
const SPANS: &[u8] = include_bytes!("spans.bin");

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
        let cue_table = tables.cue_model.as_deref().unwrap_or(CUE_MODEL);
        let learned = tables.learned_cues.as_deref().unwrap_or(LEARNED_CUES);
        Ok(Models {
            words: word_facts(cue_table, learned),
            cues: table(&tables.cue_model, CUE_MODEL, "cue model")?,
            ends: table(&tables.ends, ENDS, "end model")?,
            verifier: table(&tables.verifier, VERIFIER, "verifier")?,
            antecedents: table(&tables.antecedents, ANTECEDENTS, "antecedent model")?,
            descriptions: table(&tables.descriptions, DESCRIPTIONS, "description model")?,
            spans: span_tagger::read(tables.spans.as_deref().unwrap_or(SPANS))
                .map_err(|e| format!("attribution labeller: {e}"))?,
            outlets: Outlets::new(outlets),
        })
    }

    /// What the word lists and these models say of `word` (lowercase).
    pub fn facts(&self, word: &str) -> WordFacts {
        self.words.get(word).copied().unwrap_or_default()
    }
}

/// What the word lists and the models say of one word, found by one
/// look-up: reported speech asks all of it of nearly every word of an
/// article, where looking in each list in turn cost 4% of extraction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordFacts(u8);

impl WordFacts {
    const CUE: u8 = 1;
    const LEARNED: u8 = 2;
    const NOT_HEAD: u8 = 4;
    const NEVER: u8 = 8;
    const DEED: u8 = 16;
    const EVIDENCE: u8 = 32;

    /// A form of a curated speech verb ([`lexicon::is_cue`]).
    pub fn cue(self) -> bool {
        self.0 & Self::CUE != 0
    }
    /// A cue word learned from train (`learned_cues.tsv`).
    pub fn learned(self) -> bool {
        self.0 & Self::LEARNED != 0
    }
    /// One of the words that open a cue span without being its cue
    /// ([`super::cue_model::NOT_CUE_HEADS`]).
    pub fn not_head(self) -> bool {
        self.0 & Self::NOT_HEAD != 0
    }
    /// Marked by the cue model as never a cue ([`super::cue_model::NEVER`]).
    pub fn never(self) -> bool {
        self.0 & Self::NEVER != 0
    }
    /// An act, not speech ([`lexicon::DEEDS`]).
    pub fn deed(self) -> bool {
        self.0 & Self::DEED != 0
    }
    /// A verb of evidence ("found", "shows": [`super::reported::EVIDENCE`]).
    pub fn evidence(self) -> bool {
        self.0 & Self::EVIDENCE != 0
    }
}

/// The facts of every word the lists, the cue model's table (`never=`
/// lines) and the learned-cue table (its first column) name.
fn word_facts(cue_table: &str, learned_table: &str) -> HashMap<Box<str>, WordFacts> {
    let mut words: HashMap<Box<str>, WordFacts> = HashMap::default();
    let mut mark = |word: &str, fact: u8| {
        if let Some(f) = words.get_mut(word) {
            f.0 |= fact;
        } else {
            words.insert(word.into(), WordFacts(fact));
        }
    };
    for w in lexicon::cue_forms() {
        mark(w, WordFacts::CUE);
    }
    for w in learned_table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .filter(|w| !w.is_empty())
    {
        mark(w, WordFacts::LEARNED);
    }
    for w in super::cue_model::NOT_CUE_HEADS {
        mark(w, WordFacts::NOT_HEAD);
    }
    for line in cue_table.lines() {
        if let Some(w) = line
            .strip_prefix(super::cue_model::NEVER)
            .and_then(|rest| rest.split('\t').next())
        {
            mark(w, WordFacts::NEVER);
        }
    }
    for w in lexicon::DEEDS {
        mark(w, WordFacts::DEED);
    }
    for w in super::reported::EVIDENCE {
        mark(w, WordFacts::EVIDENCE);
    }
    words
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
    fn a_word_s_facts_are_what_each_list_says_of_it() {
        let models = Models::compiled();
        let said = models.facts("said");
        assert!(said.cue() && said.learned() && !said.never() && !said.deed());
        assert!(models.facts("voted").deed() && models.facts("found").evidence());
        let the = models.facts("the");
        assert!(the.not_head() && the.never() && !the.cue());
        assert_eq!(models.facts("zzyzx"), WordFacts::default());
        // Every word the cue table marks never= is known so.
        for line in CUE_MODEL.lines() {
            if let Some(rest) = line.strip_prefix(super::super::cue_model::NEVER) {
                let word = rest.split('\t').next().unwrap();
                assert!(models.facts(word).never(), "{word}");
            }
        }
    }

    #[test]
    fn the_compiled_in_tables_parse_and_know_said() {
        let models = Models::compiled();
        assert!(models.facts("said").learned());
        assert!(!models.cues.is_empty() && !models.verifier.is_empty());
    }
}
