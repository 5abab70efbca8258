//! The name a speaker is shown under, the same in every output: the name
//! `quarry speakers` lists the speaker's statements under ("Donald Trump"
//! for an article's "Mr. Trump" where he holds most of the surname's
//! statements), not the spelling of the one article a hit comes from.
//!
//! Working that out reads every statement's speaker, so it is done once per
//! state of the index and kept beside it (`quarry-speaker-names.json`,
//! keyed by the index's `meta.json`); a read-only index works it out in
//! memory instead. An index run that changes a few articles works out
//! again only the names they touch ([`Changes`]), from the statements per
//! name kept in a second file (`quarry-speaker-counts.json`): at 154,658
//! speakers the whole work takes 0.4 s, which a one-article update cannot
//! afford.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;

use std::borrow::Cow;

use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use crate::extract::names::SpeakerId;
use crate::index::{Fields, QuarryIndex};
use crate::search::SearchError;

/// The file in the index folder that searches read.
pub const NAMES_FILE: &str = "quarry-speaker-names.json";
/// The file in the index folder that index runs read.
pub const COUNTS_FILE: &str = "quarry-speaker-counts.json";

#[derive(Serialize, Deserialize)]
struct Saved {
    /// A fingerprint of the `meta.json` the names were worked out for.
    meta: u64,
    /// Speaker name as statements carry it → the name listed, where they differ.
    names: HashMap<String, String>,
}

/// Statements per speaker name, grouped by the last word of the name's id:
/// every merge of two names (spellings, a middle name, a bare surname)
/// stays inside one group, so a changed name needs only its group merged
/// again. Kept a group a line (`["clinton",{"Hillary Clinton":93,…}]`)
/// after a line with the grouping and the meta fingerprint, so that a run
/// parses only the groups it touches and copies the others' lines (the
/// whole file as one JSON object took 65 ms to read and write at 154,658
/// names).
type Groups = HashMap<String, HashMap<String, u64>>;

/// The counts file's first word: to be changed with the grouping (the
/// fold of [`SpeakerId`], what [`crate::tally`] merges), so that a file
/// grouped another way is worked out again, not merged wrongly.
const COUNTS_GROUPING: &str = "grouped-by-last-folded-word-1";

/// Speaker names as statements carry them → the names `quarry speakers`
/// lists them under, where the two differ; worked out once per opened index.
pub fn listed(qi: &QuarryIndex) -> Result<&HashMap<String, String>, SearchError> {
    if let Some(names) = qi.speaker_names.get() {
        return Ok(names);
    }
    let meta = meta_print(&qi.dir);
    let names = match load::<Saved>(&qi.dir.join(NAMES_FILE)) {
        Some(saved) if saved.meta == meta => saved.names,
        _ => work_out(qi, meta)?,
    };
    Ok(qi.speaker_names.get_or_init(|| names))
}

/// The listed names of `names` alone (a page's speakers). The first look
/// of an opened index reads just these from the kept file: a search in a
/// process of its own (`quarry search`) pays for no other name, where
/// reading every name into a table was a tenth of it; a second look (a
/// batch, the server) reads them all, once, as [`listed`] does.
pub fn listed_among(
    qi: &QuarryIndex,
    names: &[&str],
) -> Result<HashMap<String, String>, SearchError> {
    let first_look = qi.speaker_names.get().is_none()
        && !qi
            .speaker_names_peeked
            .swap(true, std::sync::atomic::Ordering::Relaxed);
    if first_look {
        if let Some(found) = peek(&qi.dir, names) {
            return Ok(found);
        }
    }
    let all = listed(qi)?;
    Ok(names
        .iter()
        .filter_map(|&n| Some((n.to_string(), all.get(n)?.clone())))
        .collect())
}

/// The kept listed names of `names`, when the kept file is of the index as
/// it is now; the other names are passed over, not kept.
fn peek(dir: &Path, names: &[&str]) -> Option<HashMap<String, String>> {
    let bytes = std::fs::read(dir.join(NAMES_FILE)).ok()?;
    let mut json = serde_json::Deserializer::from_slice(&bytes);
    let (meta, found) = SavedAmong(names).deserialize(&mut json).ok()?;
    (meta == Some(meta_print(dir))).then_some(found)
}

/// Reads a kept [`Saved`] keeping only the names it was given.
struct SavedAmong<'n>(&'n [&'n str]);

impl<'de> DeserializeSeed<'de> for SavedAmong<'_> {
    type Value = (Option<u64>, HashMap<String, String>);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SavedAmong<'_> {
    type Value = (Option<u64>, HashMap<String, String>);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("kept speaker names")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut meta, mut found) = (None, HashMap::new());
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "meta" => meta = Some(map.next_value()?),
                "names" => found = map.next_value_seed(Among(self.0))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok((meta, found))
    }
}

/// The entries of a name table whose key is one of the names given.
struct Among<'n>(&'n [&'n str]);

impl<'de> DeserializeSeed<'de> for Among<'_> {
    type Value = HashMap<String, String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Among<'_> {
    type Value = HashMap<String, String>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a table of speaker names")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = HashMap::new();
        while let Some(key) = map.next_key_seed(Text)? {
            if self.0.contains(&key.as_ref()) {
                found.insert(key.into_owned(), map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// A string read in place where the JSON holds it unescaped.
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
}

/// Works the listed names out from every statement, and keeps them (and
/// the counts they came from) for the next process when the folder may be
/// written; an index on read-only storage answers the same, working it out
/// each time.
fn work_out(qi: &QuarryIndex, meta: u64) -> Result<HashMap<String, String>, SearchError> {
    let counts = crate::tally::speaker_counts(qi)?;
    let mut groups = Groups::new();
    for (name, n) in counts {
        groups.entry(group_of(&name)).or_default().insert(name, n);
    }
    // Group by group: the same answer as all at once, in half the time
    // (0.19 s for 154,658 names, against 0.40 s).
    let mut names = HashMap::new();
    for in_group in groups.values() {
        names.extend(listed_in(in_group));
    }
    let saved = Saved { meta, names };
    save(&qi.dir, &saved, &groups, &[]);
    Ok(saved.names)
}

/// Writes both files (counts first: names that match the index while the
/// counts do not would only cost the next run a whole work-out): the
/// counts of `groups` and the lines of the `others` as they were.
fn save(dir: &Path, names: &Saved, groups: &Groups, others: &[&str]) {
    let mut counts = format!("{COUNTS_GROUPING} {}\n", names.meta);
    for line in others {
        counts.push_str(line);
        counts.push('\n');
    }
    for group in groups.iter().filter(|(_, n)| !n.is_empty()) {
        if let Ok(line) = serde_json::to_string(&group) {
            counts.push_str(&line);
            counts.push('\n');
        }
    }
    keep(&dir.join(COUNTS_FILE), counts.as_bytes());
    if let Ok(bytes) = serde_json::to_vec(names) {
        keep(&dir.join(NAMES_FILE), &bytes);
    }
}

/// The kept counts of the `touched` groups, and the other groups' lines
/// as they are; `None` when they are not those of the index whose
/// `meta.json` has fingerprint `meta`, or are damaged.
fn split_counts<'a>(
    text: &'a str,
    meta: u64,
    touched: &HashSet<String>,
) -> Option<(Groups, Vec<&'a str>)> {
    let mut lines = text.lines();
    let (grouping, kept_meta) = lines.next()?.split_once(' ')?;
    if grouping != COUNTS_GROUPING || kept_meta.parse::<u64>().ok()? != meta {
        return None;
    }
    let mut groups = Groups::new();
    let mut others = Vec::new();
    for line in lines {
        // A group is a folded word, letters and digits: written as it is.
        let (group, _) = line.strip_prefix("[\"")?.split_once("\",")?;
        if touched.contains(group) {
            let (group, counts): (String, HashMap<String, u64>) =
                serde_json::from_str(line).ok()?;
            groups.insert(group, counts);
        } else {
            others.push(line);
        }
    }
    Some((groups, others))
}

/// The listed names of one group's speakers.
fn listed_in(group: &HashMap<String, u64>) -> HashMap<String, String> {
    crate::tally::listed_from(group.iter().map(|(n, k)| (n.clone(), *k)).collect())
}

/// The group a speaker name's statements are counted in.
fn group_of(name: &str) -> String {
    SpeakerId::of(name)
        .tokens()
        .last()
        .unwrap_or_default()
        .to_string()
}

fn meta_print(dir: &Path) -> u64 {
    std::fs::read(dir.join("meta.json"))
        .map(|bytes| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            h.finish()
        })
        .unwrap_or(0)
}

fn load<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Replaces `path` whole or not at all; a failure leaves a cache to work
/// out again, not an error.
fn keep(path: &Path, bytes: &[u8]) {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    if std::fs::write(&tmp, bytes).is_ok() {
        let _ = std::fs::rename(&tmp, path);
    }
}

/// What an index run changes of the statements per speaker name: the
/// names of the statements it removes (read from the index as it was when
/// the run began) and of those it adds. At the run's end [`Changes::finish`]
/// applies them to the kept counts and merges again only the groups they
/// touch; when the kept files do not describe the index the run began
/// with, it works everything out instead.
pub struct Changes {
    /// The index as the run found it; `None` when the changes are not
    /// followed (a new or rebuilt index, every article read again).
    before: Option<Searcher>,
    meta_before: u64,
    delta: HashMap<String, i64>,
    /// A removed statement could not be read: the delta is not whole.
    lost: bool,
}

impl Changes {
    /// Follows the changes to `qi` from now on, if `follow` and the kept
    /// counts may describe it.
    pub fn start(qi: &QuarryIndex, follow: bool) -> Changes {
        let kept = qi.dir.join(COUNTS_FILE).is_file();
        Changes {
            before: (follow && kept).then(|| qi.searcher().ok()).flatten(),
            meta_before: meta_print(&qi.dir),
            delta: HashMap::new(),
            lost: false,
        }
    }

    /// The statements of file `key` are about to be deleted.
    pub fn removing(&mut self, fields: &Fields, key: &str) {
        let Some(searcher) = &self.before else {
            return;
        };
        let term = Term::from_field_text(fields.file, key);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let Ok(docs) = searcher.search(&query, &DocSetCollector) else {
            self.lost = true;
            return;
        };
        let mut name = String::new();
        for address in docs {
            let segment = searcher.segment_reader(address.segment_ord);
            let Ok(Some(column)) = segment.fast_fields().str("speaker_name") else {
                self.lost = true;
                return;
            };
            for ord in column.term_ords(address.doc_id) {
                if column.ord_to_str(ord, &mut name).is_err() {
                    self.lost = true;
                    return;
                }
                *self.delta.entry(name.clone()).or_default() -= 1;
            }
        }
    }

    /// `doc` is about to be added.
    pub fn adding(&mut self, fields: &Fields, doc: &TantivyDocument) {
        if self.before.is_none() {
            return;
        }
        for value in doc.get_all(fields.speaker_name) {
            if let Some(name) = value.as_str() {
                *self.delta.entry(name.to_string()).or_default() += 1;
            }
        }
    }

    /// Brings the kept names up to date with the index in `qi`'s folder
    /// once the run's commits and merges are done.
    pub fn finish(self, dir: &Path) -> anyhow::Result<()> {
        let meta = meta_print(dir);
        let names_file = dir.join(NAMES_FILE);
        if meta == self.meta_before && self.delta.values().all(|d| *d == 0) && names_file.is_file()
        {
            return Ok(());
        }
        let followed = self.before.is_some() && !self.lost;
        drop(self.before);
        let changed: Vec<Change> = self
            .delta
            .into_iter()
            .filter(|(_, d)| *d != 0)
            .map(|(name, by)| (group_of(&name), name, by))
            .collect();
        let touched: HashSet<String> = changed.iter().map(|(group, ..)| group.clone()).collect();
        // Read only when the run followed its changes: else the kept files
        // are not brought up to date but worked out again.
        let text = followed
            .then(|| std::fs::read_to_string(dir.join(COUNTS_FILE)).ok())
            .flatten()
            .unwrap_or_default();
        let kept = split_counts(&text, self.meta_before, &touched).and_then(|counts| {
            let names = load::<Saved>(&names_file).filter(|n| n.meta == self.meta_before)?;
            Some((counts, names))
        });
        if let Some(((mut groups, others), mut names)) = kept {
            if apply(&mut groups, &mut names.names, changed) {
                names.meta = meta;
                save(dir, &names, &groups, &others);
                return Ok(());
            }
        }
        work_out(&QuarryIndex::open(dir)?, meta)?;
        Ok(())
    }
}

/// A change to one name's statements: its group ([`group_of`]), the name,
/// and by how many.
type Change = (String, String, i64);

/// Applies per-name changes to the counts and merges the groups they touch
/// again; false when a count would fall below zero (the kept counts were
/// not this index's).
fn apply(groups: &mut Groups, names: &mut HashMap<String, String>, changed: Vec<Change>) -> bool {
    let mut touched = HashSet::new();
    for (group, name, d) in changed {
        let in_group = groups.entry(group.clone()).or_default();
        let now = in_group.get(&name).copied().unwrap_or(0) as i64 + d;
        match now {
            n if n < 0 => return false,
            0 => {
                in_group.remove(&name);
                names.remove(&name);
            }
            n => {
                in_group.insert(name, n as u64);
            }
        }
        touched.insert(group);
    }
    for group in touched {
        let Some(in_group) = groups.get(&group) else {
            continue;
        };
        for name in in_group.keys() {
            names.remove(name);
        }
        names.extend(listed_in(in_group));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups_of(pairs: &[(&str, u64)]) -> Groups {
        let mut groups = Groups::new();
        for (name, n) in pairs {
            groups
                .entry(group_of(name))
                .or_default()
                .insert(name.to_string(), *n);
        }
        groups
    }

    fn changes(pairs: &[(&str, i64)]) -> Vec<Change> {
        pairs
            .iter()
            .map(|(name, by)| (group_of(name), name.to_string(), *by))
            .collect()
    }

    fn whole(pairs: &[(&str, u64)]) -> HashMap<String, String> {
        crate::tally::listed_from(pairs.iter().map(|(n, k)| (n.to_string(), *k)).collect())
    }

    /// A look at a few names reads them from the kept file as a whole read
    /// would (a name written with escapes included), and nothing from a
    /// file of another state of the index.
    #[test]
    fn a_look_at_a_few_names_reads_them_as_the_whole_table_has_them() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("meta.json"), "{\"segments\": []}").unwrap();
        let names: HashMap<String, String> = [
            ("Trump", "Donald Trump"),
            ("Mr. \"Bernie\" Sanders", "Bernie Sanders"),
            ("Rubio", "Marco Rubio"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let saved = Saved {
            meta: meta_print(dir.path()),
            names: names.clone(),
        };
        save(dir.path(), &saved, &Groups::new(), &[]);
        let wanted = ["Trump", "Mr. \"Bernie\" Sanders", "Nobody"];
        let found = peek(dir.path(), &wanted).expect("the kept file is of this index");
        let expected: HashMap<String, String> = wanted
            .iter()
            .filter_map(|&w| Some((w.to_string(), names.get(w)?.clone())))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(found.len(), 2);
        std::fs::write(dir.path().join("meta.json"), "{\"segments\": [1]}").unwrap();
        assert_eq!(
            peek(dir.path(), &wanted),
            None,
            "another state of the index"
        );
    }

    /// Kept, read back touching one group, changed, kept again: the names
    /// are those of a whole work-out, and the untouched group is copied.
    #[test]
    fn a_change_merges_again_only_its_group_and_agrees_with_a_whole_work_out() {
        let dir = tempfile::tempdir().unwrap();
        let before = [
            ("Hillary Clinton", 9),
            ("Bill Clinton", 2),
            ("Clinton", 5),
            ("Marco Rubio", 4),
            ("Rubio", 1),
        ];
        let saved = Saved {
            meta: 7,
            names: whole(&before),
        };
        assert_eq!(saved.names.get("Clinton"), None);
        save(dir.path(), &saved, &groups_of(&before), &[]);
        // Hillary's statements grow past nine tenths of the Clintons':
        // "Clinton" becomes hers.
        let changed = changes(&[("Hillary Clinton", 20), ("Bill Clinton", -1)]);
        let touched = HashSet::from(["clinton".to_string()]);
        let text = std::fs::read_to_string(dir.path().join(COUNTS_FILE)).unwrap();
        assert!(split_counts(&text, 8, &touched).is_none(), "another state");
        let other_grouping = text.replacen(COUNTS_GROUPING, "grouped-otherwise", 1);
        assert!(split_counts(&other_grouping, 7, &touched).is_none());
        let (mut groups, others) = split_counts(&text, 7, &touched).unwrap();
        assert_eq!((groups.len(), others.len()), (1, 1));
        let mut names = saved.names.clone();
        assert!(apply(&mut groups, &mut names, changed));
        let after = [
            ("Hillary Clinton", 29),
            ("Bill Clinton", 1),
            ("Clinton", 5),
            ("Marco Rubio", 4),
            ("Rubio", 1),
        ];
        assert_eq!(names, whole(&after));
        assert_eq!(
            names.get("Clinton").map(String::as_str),
            Some("Hillary Clinton")
        );
        save(dir.path(), &Saved { meta: 8, names }, &groups, &others);
        let text = std::fs::read_to_string(dir.path().join(COUNTS_FILE)).unwrap();
        let all: HashSet<String> = ["clinton", "rubio"].map(String::from).into();
        let (groups, others) = split_counts(&text, 8, &all).unwrap();
        assert!(others.is_empty());
        assert_eq!(groups, groups_of(&after));
    }

    #[test]
    fn a_name_with_no_statements_left_is_gone() {
        let before = [("Marco Rubio", 4), ("Rubio", 1)];
        let (mut groups, mut names) = (groups_of(&before), whole(&before));
        assert_eq!(names.get("Rubio").map(String::as_str), Some("Marco Rubio"));
        assert!(apply(&mut groups, &mut names, changes(&[("Rubio", -1)])));
        assert_eq!(names.get("Rubio"), None);
        assert_eq!(groups["rubio"].len(), 1);
    }

    #[test]
    fn counts_that_would_fall_below_zero_are_not_this_index() {
        let before = [("Marco Rubio", 1)];
        let (mut groups, mut names) = (groups_of(&before), whole(&before));
        let changed = changes(&[("Marco Rubio", -2)]);
        assert!(!apply(&mut groups, &mut names, changed));
    }
}
