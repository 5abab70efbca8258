//! The tantivy index on disk: opening or creating it, and the manifest of
//! indexed files that makes re-indexing incremental.
//!
//! The manifest is committed atomically with the documents it describes: its
//! list of files is written to a new file in the index folder first, then
//! tantivy's commit payload names that file. A crash leaves either the old
//! index and old list or the new ones, never a mix. The list stays out of
//! the payload because every search reads the payload, and a list of 100,000
//! files would cost each search a 12 MB parse.

pub mod document;
pub mod schema;
pub mod writer;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};
use thiserror::Error;

pub use schema::Fields;

/// What the index remembers of one indexed file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    pub mtime: u64,
    pub size: u64,
    /// xxh3 of the file's bytes.
    pub hash: u64,
    /// Articles the file holds (several for JSON Lines).
    #[serde(default)]
    pub articles: u32,
}

/// The commit payload: schema version, options, counts, and (loaded for
/// writing only) every indexed file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    /// Fingerprint of the aliases and metadata table the index was built
    /// with (0: none).
    #[serde(default)]
    pub aliases: u64,
    /// When the last commit was made, in seconds since the epoch.
    #[serde(default)]
    pub indexed_at: u64,
    /// The file in the index folder holding `files`.
    #[serde(default)]
    pub files_list: Option<String>,
    #[serde(default)]
    pub file_count: u64,
    #[serde(default)]
    pub article_count: u64,
    /// Every indexed file, by path: filled by [`QuarryIndex::load_files`].
    #[serde(skip)]
    pub files: BTreeMap<String, FileState>,
}

/// Prefix of the files that hold a manifest's list of files.
pub const FILES_LIST_PREFIX: &str = "quarry-files-";

/// Why an index cannot be used.
#[derive(Debug, Error)]
pub enum IndexError {
    #[error("no index at {0}: run `quarry index CORPUS -i {0}` first")]
    Missing(String),
    #[error("the index at {path} was written by another quarry version (schema {found}, this one reads {expected}): re-index needed, delete {path} and run `quarry index`")]
    WrongVersion {
        path: String,
        found: u32,
        expected: u32,
    },
    #[error("{0} is not a quarry index (delete it or pick another folder with -i)")]
    Foreign(String),
    #[error("cannot open the index at {path}: {source}")]
    Tantivy {
        path: String,
        #[source]
        source: tantivy::TantivyError,
    },
}

/// An opened index with its fields and manifest.
pub struct QuarryIndex {
    pub index: Index,
    pub fields: Fields,
    pub manifest: Manifest,
    /// The index folder.
    pub dir: std::path::PathBuf,
    /// Opened on first use and kept: opening segment readers costs more
    /// than a query, and a batch runs many queries.
    reader: OnceLock<IndexReader>,
}

/// Whether `dir` holds an index.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

impl QuarryIndex {
    /// Opens the index in `dir`.
    pub fn open(dir: &Path) -> Result<QuarryIndex, IndexError> {
        let path = dir.display().to_string();
        if !exists(dir) {
            return Err(IndexError::Missing(path));
        }
        let tantivy_err = |source| IndexError::Tantivy {
            path: path.clone(),
            source,
        };
        let index = Index::open_in_dir(dir).map_err(tantivy_err)?;
        schema::register_tokenizers(&index);
        let meta = index.load_metas().map_err(tantivy_err)?;
        let manifest: Manifest = match meta.payload.as_deref() {
            Some(p) => serde_json::from_str(p).map_err(|_| IndexError::Foreign(path.clone()))?,
            // Created, but killed before its first commit: ours and empty.
            None if meta.segments.is_empty() && schema::fields_of(&index.schema()).is_some() => {
                Manifest {
                    schema_version: schema::SCHEMA_VERSION,
                    ..Manifest::default()
                }
            }
            None => return Err(IndexError::Foreign(path.clone())),
        };
        if manifest.schema_version != schema::SCHEMA_VERSION {
            return Err(IndexError::WrongVersion {
                path,
                found: manifest.schema_version,
                expected: schema::SCHEMA_VERSION,
            });
        }
        let fields = schema::fields_of(&index.schema()).ok_or(IndexError::Foreign(path))?;
        Ok(QuarryIndex {
            index,
            fields,
            manifest,
            dir: dir.to_path_buf(),
            reader: OnceLock::new(),
        })
    }

    /// Reads the list of indexed files that the commit names (for writing).
    pub fn load_files(&mut self) -> anyhow::Result<()> {
        if let Some(name) = &self.manifest.files_list {
            let path = self.dir.join(name);
            let text = std::fs::read(&path).map_err(|e| {
                anyhow::anyhow!(
                    "index {}: cannot read {}: {e}; re-index needed",
                    self.dir.display(),
                    path.display()
                )
            })?;
            self.manifest.files = serde_json::from_slice(&text).map_err(|e| {
                anyhow::anyhow!(
                    "index {}: {} is damaged ({e}); re-index needed",
                    self.dir.display(),
                    path.display()
                )
            })?;
        }
        Ok(())
    }

    /// A searcher on the index as last committed when it was first asked for.
    pub fn searcher(&self) -> tantivy::Result<Searcher> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader.searcher());
        }
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(self.reader.get_or_init(|| reader).searcher())
    }

    /// Opens the index in `dir`, creating an empty one (folder included) when none exists.
    pub fn open_or_create(dir: &Path) -> anyhow::Result<QuarryIndex> {
        if exists(dir) {
            return Ok(QuarryIndex::open(dir)?);
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create index folder {}: {e}", dir.display()))?;
        let (schema, fields) = schema::build();
        let directory = MmapDirectory::open(dir)
            .map_err(|e| anyhow::anyhow!("cannot open index folder {}: {e}", dir.display()))?;
        let index = Index::create(directory, schema, Default::default())?;
        schema::register_tokenizers(&index);
        Ok(QuarryIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader: OnceLock::new(),
            manifest: Manifest {
                schema_version: schema::SCHEMA_VERSION,
                ..Manifest::default()
            },
        })
    }
}
