//! How the articles of an index were read — the user's speaker aliases and
//! outlets — kept beside the index, so that an article read again (the
//! article view of `quarry serve`) gets the same speakers and outlets as
//! its statements in the index, whoever opens it and from wherever.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::aliases::Aliases;
use crate::extract::models::{Models, Tables};
use crate::extract::Extractor;
use std::sync::Arc;

/// The file in the index folder.
pub const SETTINGS_FILE: &str = "quarry-reading.json";

/// The settings an index's articles were read with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingSettings {
    /// (other name, name) pairs of `--aliases`.
    #[serde(default)]
    pub aliases: Vec<(String, String)>,
    /// (phrase, outlet) pairs of `--outlets`.
    #[serde(default)]
    pub outlets: Vec<(String, String)>,
}

impl ReadingSettings {
    /// Writes the settings into the index folder `dir` (through a
    /// temporary file, so a reader never sees half of them).
    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        let path = dir.join(SETTINGS_FILE);
        let tmp = dir.join(format!("{SETTINGS_FILE}.tmp"));
        let write = || -> std::io::Result<()> {
            std::fs::write(&tmp, serde_json::to_vec(self)?)?;
            std::fs::rename(&tmp, &path)
        };
        write().map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
    }

    /// The settings of the index in `dir`; none (the default) when it was
    /// built before they were kept, or without aliases and outlets.
    pub fn load(dir: &Path) -> anyhow::Result<ReadingSettings> {
        let path = dir.join(SETTINGS_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                anyhow::anyhow!(
                    "{} is damaged ({e}); re-index to write it again",
                    path.display()
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ReadingSettings::default()),
            Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
        }
    }

    /// The aliases, ready to rename speakers.
    pub fn aliases(&self) -> Aliases {
        Aliases::from_pairs(self.aliases.clone(), 0)
    }

    /// The reader these settings make: the compiled-in models with the
    /// outlets and the aliases. The index and the article view both read
    /// through it, so an article shown reads as it was indexed.
    pub fn extractor(&self, aliases: Aliases) -> Extractor {
        let models = if self.outlets.is_empty() {
            Models::compiled()
        } else {
            let tables = Tables::default();
            // The compiled-in tables parse (tests/models.rs), so only the
            // outlets differ, and any outlet pairs build a table.
            Arc::new(
                Models::new(&tables, self.outlets.clone())
                    .expect("the compiled-in model tables parse"),
            )
        };
        Extractor::new(models, aliases)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_back_as_written_and_default_when_absent() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            ReadingSettings::load(dir.path()).unwrap(),
            ReadingSettings::default()
        );
        let settings = ReadingSettings {
            aliases: vec![("Zelenskiy".into(), "Volodymyr Zelensky".into())],
            outlets: vec![("the Sunday show".into(), "CBS".into())],
        };
        settings.save(dir.path()).unwrap();
        assert_eq!(ReadingSettings::load(dir.path()).unwrap(), settings);
        std::fs::write(dir.path().join(SETTINGS_FILE), "{").unwrap();
        assert!(ReadingSettings::load(dir.path()).is_err());
    }
}
