//! The reader of a run, as one value: its models and tables
//! ([`Models`]) and the user's aliases, built once from the run's settings
//! and passed to whatever reads articles — the index, `quarry extract`,
//! the article view of `quarry serve` — so that each reads an article the
//! same way, and nothing about a reading is process-wide.

use std::sync::Arc;

use crate::aliases::Aliases;
use crate::article::Article;

use super::models::Models;
use super::{Quotation, Reading};

/// Reads articles into statements with one set of models and aliases.
#[derive(Clone)]
pub struct Extractor {
    models: Arc<Models>,
    aliases: Arc<Aliases>,
}

impl Default for Extractor {
    /// The compiled-in models and the built-in outlets, no aliases.
    fn default() -> Extractor {
        Extractor::new(Models::compiled(), Aliases::default())
    }
}

impl Extractor {
    pub fn new(models: Arc<Models>, aliases: Aliases) -> Extractor {
        Extractor {
            models,
            aliases: Arc::new(aliases),
        }
    }

    pub fn models(&self) -> &Models {
        &self.models
    }

    /// The user's aliases, which rename the speakers of every statement
    /// read ([`crate::pipeline::statements`] applies them).
    pub fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    /// Every quotation and reported statement of `article`, with its
    /// speaker and outlet (aliases not applied: a window of an article is
    /// read at a time, and the whole is renamed once).
    pub fn extract(&self, article: &Article) -> Vec<Quotation> {
        let reading = Reading::new(article, &self.models);
        let mut resolver = reading.resolver();
        reading.statements(&mut resolver, None)
    }

    /// [`Extractor::extract`], with a panic (a bug on some unforeseen text)
    /// turned into an error message, so that one article cannot bring down
    /// a whole index run.
    pub fn try_extract(&self, article: &Article) -> Result<Vec<Quotation>, String> {
        std::panic::catch_unwind(|| self.extract(article))
            .map_err(|payload| crate::panic_message(&*payload))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two readers with different outlets in one process: nothing about a
    /// reading is set for the process.
    #[test]
    fn readers_with_different_settings_live_side_by_side() {
        let article = Article::parse(
            "Title\n“We will rebuild the pier,” the mayor said on the Harbor Hour.\n".to_string(),
        );
        let user = vec![("Harbor Hour".to_string(), "WKPR".to_string())];
        let theirs = Extractor::new(
            Arc::new(Models::new(&Default::default(), user).unwrap()),
            Aliases::default(),
        );
        let plain = Extractor::default();
        let outlet = |e: &Extractor| e.extract(&article)[0].outlet.clone();
        assert_eq!(outlet(&theirs).as_deref(), Some("WKPR"));
        assert_eq!(outlet(&plain), None);
        assert_eq!(outlet(&theirs).as_deref(), Some("WKPR"));
    }
}
