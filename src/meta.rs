//! What is known about an article besides its text — title, publisher, date,
//! author, URL — and the metadata tables (CSV or TSV) that news archives and
//! research datasets ship beside their articles.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use time::macros::date;
use time::Date;

/// Metadata table names looked for in the corpus folder when `--metadata` is not given.
pub const TABLE_NAMES: &[&str] = &["metadata.tsv", "metadata.csv"];

/// Values that mean "not known" in exported tables.
const PLACEHOLDERS: &[&str] = &[
    "None", "none", "null", "NULL", "N/A", "n/a", "NA", "NaN", "-",
];

/// Facts about one article. Every field is optional: sources say what they say.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub title: Option<String>,
    /// Who published the article (not where a quotation was said: that is the outlet).
    pub publisher: Option<String>,
    /// Publication date.
    #[serde(with = "iso_date")]
    pub date: Option<Date>,
    pub author: Option<String>,
    pub url: Option<String>,
}

impl ArticleMeta {
    /// Fills the fields this one lacks from `other`.
    pub fn fill_from(&mut self, other: &ArticleMeta) {
        fn fill<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
        fill(&mut self.title, &other.title);
        fill(&mut self.publisher, &other.publisher);
        fill(&mut self.date, &other.date);
        fill(&mut self.author, &other.author);
        fill(&mut self.url, &other.url);
    }

    /// Sets a field by its name in a source (`publication_date` and `date`
    /// alike); returns a complaint when the value cannot be used. Unknown
    /// names are ignored.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let value = value.trim();
        // Tables exported from Python or spreadsheets spell "nothing" in words.
        if value.is_empty() || PLACEHOLDERS.contains(&value) {
            return Ok(());
        }
        let slot = match name.to_ascii_lowercase().as_str() {
            "title" | "headline" => &mut self.title,
            "publisher" | "source" | "site" | "site_name" | "outlet" => &mut self.publisher,
            "author" | "authors" | "byline" => &mut self.author,
            "url" | "link" => &mut self.url,
            "date" | "publication_date" | "published" | "published_at" | "pubdate" => {
                self.date = Some(storable(parse_date(value)?)?);
                return Ok(());
            }
            _ => return Ok(()),
        };
        *slot = Some(value.to_string());
        Ok(())
    }
}

pub use crate::dates::{format_date, parse_date};

/// The first and last days the index can store: it keeps dates as
/// nanoseconds since 1970 in 64 bits, which reach from 1677 to 2262.
pub const FIRST_STORABLE_DAY: Date = date!(1678 - 01 - 01);
pub const LAST_STORABLE_DAY: Date = date!(2261 - 12 - 31);

/// An article's date if the index can store it; outside that range it
/// would silently become another date (1600 read back as 2184).
pub fn storable(day: Date) -> Result<Date, String> {
    if (FIRST_STORABLE_DAY..=LAST_STORABLE_DAY).contains(&day) {
        Ok(day)
    } else {
        Err(format!(
            "date {} is outside the years the index can store ({} to {}); the article is kept undated",
            format_date(day),
            FIRST_STORABLE_DAY.year(),
            LAST_STORABLE_DAY.year()
        ))
    }
}

/// A day as the index stores it: midnight UTC. Days beyond the storable
/// range are moved to its ends, which only filters (`--since 1600-01-01`)
/// can ask for: articles' dates are checked by [`storable`].
pub fn to_index_date(date: Date) -> tantivy::DateTime {
    let date = date.clamp(FIRST_STORABLE_DAY, LAST_STORABLE_DAY);
    tantivy::DateTime::from_timestamp_secs(date.midnight().assume_utc().unix_timestamp())
}

/// The day of a date the index stored.
pub fn from_index_date(stored: tantivy::DateTime) -> Option<Date> {
    time::OffsetDateTime::from_unix_timestamp(stored.into_timestamp_secs())
        .ok()
        .map(|t| t.date())
}

/// Serde for `Option<Date>` as `"YYYY-MM-DD"`.
mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&super::format_date(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        text.map(|t| super::parse_date(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// A metadata table: one row per article, matched by file name.
#[derive(Clone, Debug, Default)]
pub struct MetadataTable {
    /// File name (with and without extension) → metadata.
    rows: HashMap<String, ArticleMeta>,
    /// Fingerprint of the file, so an index knows when its metadata changed.
    pub fingerprint: u64,
    /// Rows that could not be used, one line each.
    pub problems: Vec<String>,
    files: usize,
}

impl MetadataTable {
    /// Reads a CSV or TSV table with a header row naming a `filename` column
    /// and any of `title`, `publisher`, `publication_date`/`date`, `author`,
    /// `url`. Tabs in the header make it TSV.
    pub fn load(path: &Path) -> Result<MetadataTable> {
        let bytes = std::fs::read(path)
            .with_context(|| format!("cannot read metadata table {}", path.display()))?;
        let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let delimiter = if header.contains(&b'\t') { b'\t' } else { b',' };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .quoting(delimiter == b',')
            .from_reader(bytes.as_slice());
        let names: Vec<String> = reader
            .headers()
            .with_context(|| format!("metadata table {}: no header row", path.display()))?
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let Some(key_col) = names.iter().position(|n| n == "filename" || n == "file") else {
            bail!(
                "metadata table {}: no `filename` column (header: {})",
                path.display(),
                names.join(", ")
            );
        };
        let mut table = MetadataTable {
            fingerprint: xxhash_rust::xxh3::xxh3_64(&bytes),
            ..Default::default()
        };
        for (row, record) in reader.records().enumerate() {
            let line = row + 2;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    table
                        .problems
                        .push(format!("{} line {line}: {e}", path.display()));
                    continue;
                }
            };
            let Some(file) = record.get(key_col).map(str::trim).filter(|f| !f.is_empty()) else {
                continue;
            };
            let mut meta = ArticleMeta::default();
            for (name, value) in names.iter().zip(record.iter()) {
                if let Err(e) = meta.set(name, value) {
                    table
                        .problems
                        .push(format!("{} line {line}: {e}", path.display()));
                }
            }
            table.insert(file, meta);
            table.files += 1;
        }
        Ok(table)
    }

    fn insert(&mut self, file: &str, meta: ArticleMeta) {
        let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
        if let Some(stem) = Path::new(name).file_stem().and_then(|s| s.to_str()) {
            if stem != name {
                self.rows.entry(stem.to_string()).or_insert(meta.clone());
            }
        }
        self.rows.insert(name.to_string(), meta);
    }

    /// The row for an article file, by its name with or without extension.
    pub fn lookup(&self, path: &Path) -> Option<&ArticleMeta> {
        let name = path.file_name()?.to_str()?;
        let stem = path.file_stem()?.to_str()?;
        self.rows.get(name).or_else(|| self.rows.get(stem))
    }

    /// Rows read (each file counted once, whichever way it is named).
    pub fn len_files(&self) -> usize {
        self.files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_days_alone_or_leading_a_timestamp() {
        let d = parse_date("2016-09-12").unwrap();
        assert_eq!(format_date(d), "2016-09-12");
        assert_eq!(parse_date("2016-09-12T14:03:00Z").unwrap(), d);
        assert!(parse_date("2016-13-01").is_err());
        assert!(parse_date("12/09/2016").is_err());
        assert!(parse_date("2016-09-123").is_err());
    }

    #[test]
    fn dates_the_index_cannot_store_are_refused_not_changed() {
        let mut meta = ArticleMeta::default();
        let e = meta.set("date", "1600-05-01").unwrap_err();
        assert!(e.contains("1678") && e.contains("undated"), "{e}");
        assert!(meta.set("date", "2300-01-01").is_err());
        assert_eq!(meta.date, None);
        meta.set("date", "1700-01-01").unwrap();
        let stored = to_index_date(meta.date.unwrap());
        assert_eq!(from_index_date(stored), meta.date);
        // A filter beyond the range is clamped, not wrapped around.
        let far = to_index_date(date!(1600 - 01 - 01));
        assert_eq!(from_index_date(far), Some(FIRST_STORABLE_DAY));
    }

    #[test]
    fn tsv_rows_match_file_names_with_or_without_extension() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meta.tsv");
        std::fs::write(
            &path,
            "filename\tpublisher\tpublication_date\ttitle\n\
             a_story\tbreitbart\t2016-09-12\tA story\n\
             b.txt\tnytimes\tnot a date\tB\n\
             c\tNone\tNaN\tC\n",
        )
        .unwrap();
        let table = MetadataTable::load(&path).unwrap();
        let a = table.lookup(Path::new("corpus/a_story.txt")).unwrap();
        assert_eq!(a.publisher.as_deref(), Some("breitbart"));
        assert_eq!(a.date.map(format_date).as_deref(), Some("2016-09-12"));
        let b = table.lookup(Path::new("x/b.txt")).unwrap();
        assert_eq!(b.title.as_deref(), Some("B"));
        assert_eq!(b.date, None);
        assert_eq!(table.problems.len(), 1, "{:?}", table.problems);
        assert_eq!(table.lookup(Path::new("c.txt")).unwrap().publisher, None);
        assert!(table.problems[0].contains("line 3"));
    }

    #[test]
    fn csv_needs_a_filename_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meta.csv");
        std::fs::write(&path, "name,publisher\na,b\n").unwrap();
        let e = MetadataTable::load(&path).unwrap_err().to_string();
        assert!(e.contains("no `filename` column"), "{e}");
    }
}
