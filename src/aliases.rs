//! User-supplied speaker aliases (`--aliases FILE`): other names, spellings or
//! transliterations that should count as one speaker.
//!
//! Two formats, chosen by extension. TOML (`.toml`):
//!
//! ```toml
//! [aliases]
//! "Volodymyr Zelensky" = ["Selenskyj", "Zelenskyi"]
//! "Hillary Clinton" = ["Hillary Rodham Clinton", "HRC"]
//! ```
//!
//! or TSV (anything else): one `alias<TAB>canonical name` per line, `#` for
//! comments. An alias matches a speaker whose folded name is the alias or
//! ends with it ("Selenskyj" matches "Wolodymyr Selenskyj"); a speaker known
//! by a bare surname matches an alias or canonical name with that surname.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::extract::names::{fold_tokens, SpeakerId};
use crate::extract::{Quotation, Speaker};

/// Alias → canonical display name.
#[derive(Clone, Debug, Default)]
pub struct Aliases {
    /// (folded alias tokens, canonical display name), longest alias first.
    entries: Vec<(Vec<String>, String)>,
    /// Fingerprint of the file, so an index knows when its aliases changed.
    pub fingerprint: u64,
    /// (other name, name) as the file gives them: what an index keeps, so
    /// that an article shown again is read with the same aliases.
    pub pairs: Vec<(String, String)>,
}

/// Reads a file of (other name, name) pairs with its fingerprint: TOML
/// (`.toml`) with a `[TABLE]` of `"name" = ["other", …]`, or TSV lines
/// `other<TAB>name`. `what` names the file in errors ("aliases").
pub fn read_pairs(path: &Path, table: &str, what: &str) -> Result<(Vec<(String, String)>, u64)> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {what} file {}", path.display()))?;
    let pairs = if path.extension().is_some_and(|e| e == "toml") {
        let mut file: BTreeMap<String, BTreeMap<String, Vec<String>>> = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{what} file {}: {}", path.display(), e.message()))?;
        let Some(names) = file.remove(table) else {
            bail!("{what} file {}: no [{table}] table", path.display());
        };
        names
            .into_iter()
            .flat_map(|(name, others)| others.into_iter().map(move |o| (o, name.clone())))
            .collect()
    } else {
        parse_tsv(&text).with_context(|| format!("{what} file {}", path.display()))?
    };
    Ok((pairs, xxhash_rust::xxh3::xxh3_64(text.as_bytes())))
}

impl Aliases {
    /// Reads an alias file.
    pub fn load(path: &Path) -> Result<Aliases> {
        let (pairs, fingerprint) = read_pairs(path, "aliases", "aliases")?;
        Ok(Aliases::from_pairs(pairs, fingerprint))
    }

    /// Reads the alias file when one is given; no aliases otherwise.
    pub fn load_optional(path: Option<&Path>) -> Result<Aliases> {
        path.map_or_else(|| Ok(Aliases::default()), Aliases::load)
    }

    /// Builds from (alias, canonical) pairs.
    pub fn from_pairs(pairs: Vec<(String, String)>, fingerprint: u64) -> Aliases {
        let mut entries: Vec<(Vec<String>, String)> = pairs
            .iter()
            .cloned()
            .map(|(alias, canonical)| (fold_tokens(&alias), canonical))
            .filter(|(tokens, _)| !tokens.is_empty())
            .collect();
        // The canonical name is an alias of itself, so its own variants fold too.
        let canonicals: Vec<String> = entries.iter().map(|(_, c)| c.clone()).collect();
        entries.extend(canonicals.into_iter().map(|c| (fold_tokens(&c), c)));
        entries.sort_by_key(|(tokens, _)| std::cmp::Reverse(tokens.len()));
        Aliases {
            entries,
            fingerprint,
            pairs,
        }
    }

    /// The canonical name for `name`, if an alias covers it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        let tokens = fold_tokens(name);
        self.entries
            .iter()
            .find(|(alias, _)| {
                tokens.ends_with(alias) || (tokens.len() == 1 && alias.last() == tokens.last())
            })
            .map(|(_, canonical)| canonical.as_str())
    }

    /// Renames the speakers of `quotations` that an alias covers.
    pub fn apply(&self, quotations: &mut [Quotation]) {
        if self.entries.is_empty() {
            return;
        }
        for q in quotations {
            let Some(speaker) = &q.speaker else { continue };
            if let Some(canonical) = self.canonical(&speaker.name) {
                q.speaker = Some(Speaker {
                    name: canonical.to_string(),
                    id: SpeakerId::of(canonical),
                });
            }
        }
    }
}

fn parse_tsv(text: &str) -> Result<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((alias, canonical)) = line.split_once('\t') else {
            bail!("line {}: expected `alias<TAB>canonical name`", n + 1);
        };
        pairs.push((alias.trim().to_string(), canonical.trim().to_string()));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_matches_the_end_of_a_name() {
        let a = Aliases::from_pairs(vec![("Selenskyj".into(), "Volodymyr Zelensky".into())], 0);
        assert_eq!(
            a.canonical("Wolodymyr Selenskyj"),
            Some("Volodymyr Zelensky")
        );
        assert_eq!(a.canonical("Selenskyj"), Some("Volodymyr Zelensky"));
        assert_eq!(a.canonical("Zelenskyy"), Some("Volodymyr Zelensky"));
        assert_eq!(a.canonical("Marco Rubio"), None);
    }

    #[test]
    fn tsv_lines_need_a_tab() {
        assert_eq!(parse_tsv("# c\nHRC\tHillary Clinton\n").unwrap().len(), 1);
        assert!(parse_tsv("HRC Hillary Clinton").is_err());
    }
}
