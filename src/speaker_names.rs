//! The name a speaker is shown under, the same in every output: the name
//! `quarry speakers` lists the speaker's statements under ("Donald Trump"
//! for an article's "Mr. Trump" where he holds most of the surname's
//! statements), not the spelling of the one article a hit comes from.
//!
//! Working that out reads every statement's speaker, so it is done once per
//! state of the index and kept beside it (`quarry-speaker-names.json`,
//! keyed by the index's `meta.json`); a read-only index works it out in
//! memory instead.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::index::QuarryIndex;
use crate::search::SearchError;

/// The file in the index folder.
pub const NAMES_FILE: &str = "quarry-speaker-names.json";

#[derive(Serialize, Deserialize)]
struct Saved {
    /// A fingerprint of the `meta.json` the names were worked out for.
    meta: u64,
    /// Speaker name as statements carry it → the name listed, where they differ.
    names: HashMap<String, String>,
}

/// Speaker names as statements carry them → the names `quarry speakers`
/// lists them under, where the two differ; worked out once per opened index.
pub fn listed(qi: &QuarryIndex) -> Result<&HashMap<String, String>, SearchError> {
    if let Some(names) = qi.speaker_names.get() {
        return Ok(names);
    }
    let names = load_or_work_out(qi)?;
    Ok(qi.speaker_names.get_or_init(|| names))
}

fn load_or_work_out(qi: &QuarryIndex) -> Result<HashMap<String, String>, SearchError> {
    let meta = std::fs::read(qi.dir.join("meta.json"))
        .map(|bytes| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            h.finish()
        })
        .unwrap_or(0);
    let path = qi.dir.join(NAMES_FILE);
    if let Ok(saved) = std::fs::read(&path)
        .map_err(|_| ())
        .and_then(|b| serde_json::from_slice::<Saved>(&b).map_err(|_| ()))
    {
        if saved.meta == meta {
            return Ok(saved.names);
        }
    }
    let names = crate::tally::listed_names(qi)?;
    // Kept for the next process when the folder may be written; an index
    // on read-only storage answers the same, working it out each time.
    let saved = Saved { meta, names };
    if let Ok(bytes) = serde_json::to_vec(&saved) {
        let tmp = qi.dir.join(format!("{NAMES_FILE}.tmp"));
        if std::fs::write(&tmp, bytes).is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
    }
    Ok(saved.names)
}
