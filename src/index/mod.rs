//! The tantivy index on disk: opening or creating it, and the manifest of
//! indexed files that makes re-indexing incremental.
//!
//! The manifest is committed atomically with the documents it describes: its
//! list of files is written to a new file in the index folder first, then
//! tantivy's commit payload names that file. A crash leaves either the old
//! index and old list or the new ones, never a mix. The list stays out of
//! the payload because every search reads the payload, and a list of 100,000
//! files would cost each search a 12 MB parse.

pub mod analysis;
pub mod directory;
pub mod document;
pub mod merge;
pub mod reading;
pub mod schema;
pub mod space;
pub mod speaker_id;
pub mod writer;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};
use thiserror::Error;

use directory::IndexFolder;
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
    /// Only part of the file's documents are in the index (a commit came
    /// while it was being read): the next run reads it again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
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
    /// The corpus folders indexed, canonical: paths are shown relative to them.
    #[serde(default)]
    pub roots: Vec<String>,
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
    #[error("the index at {path} is damaged ({what}): run `quarry index CORPUS -i {path} --rebuild` to build it again")]
    Damaged { path: String, what: String },
    #[error("index {0} is locked by another quarry process; wait for it to finish and run again")]
    Locked(String),
    #[error("cannot read the index at {path}: {file}: {cause}; ask whoever built it to share it, or build your own")]
    NotReadable {
        path: String,
        file: String,
        cause: std::sync::Arc<std::io::Error>,
    },
    #[error("cannot write the index at {path}: {cause}; check that you may write to that folder (searches only need to read it)")]
    NotWritable {
        path: String,
        cause: std::sync::Arc<std::io::Error>,
    },
}

/// How much of an underlying error a damage report quotes.
const DAMAGE_SHOWN_CHARS: usize = 160;

impl IndexError {
    /// What a failure to open the index at `dir` means: a file this user
    /// may not read, or damage.
    fn opening(dir: &Path, e: tantivy::TantivyError) -> IndexError {
        use tantivy::directory::error::OpenReadError;
        if let tantivy::TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) =
            &e
        {
            if io_error.kind() == std::io::ErrorKind::PermissionDenied {
                return IndexError::NotReadable {
                    path: dir.display().to_string(),
                    file: filepath.display().to_string(),
                    cause: io_error.clone(),
                };
            }
        }
        IndexError::damaged(dir, e)
    }

    fn damaged(dir: &Path, what: impl std::fmt::Display) -> IndexError {
        let what = what.to_string().replace('\n', " ");
        let mut shown: String = what.chars().take(DAMAGE_SHOWN_CHARS).collect();
        if shown.len() < what.len() {
            shown.push('…');
        }
        IndexError::Damaged {
            path: dir.display().to_string(),
            what: shown,
        }
    }
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
    /// The indexed files, read on first use by a reader that needs them
    /// (the article view); a writer has them in `manifest.files`.
    files: OnceLock<BTreeMap<String, FileState>>,
    /// Speaker names as listed, worked out on first use
    /// ([`crate::speaker_names`]).
    pub speaker_names: OnceLock<std::collections::HashMap<String, String>>,
    /// Whether a search has looked up its few speakers' names without
    /// working them all out ([`crate::speaker_names::listed_among`]).
    pub speaker_names_peeked: std::sync::atomic::AtomicBool,
    /// How this index's articles were read, to read one again (the article
    /// view): built on first use, once per opened index.
    extractor: OnceLock<crate::extract::Extractor>,
    /// The fast columns hits read, opened for the searcher's generation on
    /// first use, not once per query.
    columns: OnceLock<(u64, std::sync::Arc<document::Columns>)>,
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
        let opening = |e: tantivy::TantivyError| IndexError::opening(dir, e);
        let folder = IndexFolder::open(dir).map_err(|e| IndexError::damaged(dir, e))?;
        let index = Index::open(folder).map_err(opening)?;
        schema::register_tokenizers(&index);
        let meta = index.load_metas().map_err(opening)?;
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
            files: OnceLock::new(),
            speaker_names: OnceLock::new(),
            speaker_names_peeked: Default::default(),
            extractor: OnceLock::new(),
            columns: OnceLock::new(),
        })
    }

    /// Checks the committed index whole: every segment file there and
    /// matching its checksum, every segment opening. Reads all of it, so it
    /// runs before writing (and to explain a failed search), not per search.
    pub fn check(&self) -> Result<(), IndexError> {
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let damaged = self.index.validate_checksum()?;
            if let Some(first) = damaged.iter().min() {
                return Ok(Some(format!(
                    "{} file(s) fail their checksum, {} first",
                    damaged.len(),
                    first.display()
                )));
            }
            // Opens every segment: a missing or cut file shows here.
            let reader: IndexReader = self
                .index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?;
            reader.searcher();
            Ok::<_, tantivy::TantivyError>(None)
        }));
        match checked {
            Ok(Ok(None)) => Ok(()),
            Ok(Ok(Some(what))) => Err(IndexError::damaged(&self.dir, what)),
            Ok(Err(e)) => Err(IndexError::damaged(&self.dir, e)),
            Err(panic) => Err(IndexError::damaged(
                &self.dir,
                crate::panic_message(&*panic),
            )),
        }
    }

    /// Reads the list of indexed files that the commit names (for writing).
    pub fn load_files(&mut self) -> anyhow::Result<()> {
        self.manifest.files = self.read_files()?;
        Ok(())
    }

    /// The indexed file that holds the article `key` (the file's own key,
    /// or `FILE#N`'s FILE), with what the index remembers of it.
    pub fn file_of_article(&self, key: &str) -> anyhow::Result<Option<(&str, &FileState)>> {
        let files = match self.files.get() {
            Some(files) => files,
            None if !self.manifest.files.is_empty() => &self.manifest.files,
            None => {
                let read = self.read_files()?;
                self.files.get_or_init(|| read)
            }
        };
        let whole = files.get_key_value(key);
        let part = || {
            let (file, _) = key.rsplit_once('#')?;
            files.get_key_value(file)
        };
        Ok(whole.or_else(part).map(|(k, v)| (k.as_str(), v)))
    }

    fn read_files(&self) -> anyhow::Result<BTreeMap<String, FileState>> {
        let mut files = BTreeMap::new();
        if let Some(name) = &self.manifest.files_list {
            let path = self.dir.join(name);
            let text = std::fs::read(&path).map_err(|e| {
                anyhow::anyhow!(
                    "index {}: cannot read {}: {e}; re-index needed",
                    self.dir.display(),
                    path.display()
                )
            })?;
            files = serde_json::from_slice(&text).map_err(|e| {
                anyhow::anyhow!(
                    "index {}: {} is damaged ({e}); re-index needed",
                    self.dir.display(),
                    path.display()
                )
            })?;
        }
        Ok(files)
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

    /// The fast columns of `searcher`'s segments ([`document::Columns`]):
    /// those opened first, when `searcher` is of the same generation.
    pub fn columns(
        &self,
        searcher: &Searcher,
    ) -> tantivy::Result<std::sync::Arc<document::Columns>> {
        let generation = searcher.generation().generation_id();
        if let Some((opened_for, columns)) = self.columns.get() {
            if *opened_for == generation {
                return Ok(columns.clone());
            }
            return Ok(std::sync::Arc::new(document::Columns::open(searcher)?));
        }
        let columns = std::sync::Arc::new(document::Columns::open(searcher)?);
        Ok(self.columns.get_or_init(|| (generation, columns)).1.clone())
    }

    /// The reader this index's articles were read with: the compiled-in
    /// models with the outlets and aliases it was built with
    /// ([`reading::ReadingSettings`]), made once per opened index rather
    /// than once per article shown.
    pub fn extractor(&self) -> anyhow::Result<&crate::extract::Extractor> {
        if let Some(e) = self.extractor.get() {
            return Ok(e);
        }
        let settings = reading::ReadingSettings::load(&self.dir)?;
        let made = settings.extractor(settings.aliases());
        Ok(self.extractor.get_or_init(|| made))
    }

    /// Opens the index in `dir`, creating an empty one (folder included)
    /// when none exists. A new index folder gets the permissions of
    /// `corpus`'s folder, since the index holds the articles' text (a
    /// private corpus makes a private index).
    pub fn open_or_create_for(dir: &Path, corpus: Option<&Path>) -> anyhow::Result<QuarryIndex> {
        if exists(dir) {
            return Ok(QuarryIndex::open(dir)?);
        }
        create_folder(dir, corpus)
            .map_err(|e| anyhow::anyhow!("cannot create index folder {}: {e}", dir.display()))?;
        let (schema, fields) = schema::build();
        let directory = IndexFolder::open(dir)
            .map_err(|e| anyhow::anyhow!("cannot open index folder {}: {e}", dir.display()))?;
        let index = Index::create(directory, schema, Default::default())?;
        schema::register_tokenizers(&index);
        Ok(QuarryIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader: OnceLock::new(),
            files: OnceLock::new(),
            speaker_names: OnceLock::new(),
            speaker_names_peeked: Default::default(),
            extractor: OnceLock::new(),
            columns: OnceLock::new(),
            manifest: Manifest {
                schema_version: schema::SCHEMA_VERSION,
                ..Manifest::default()
            },
        })
    }
}

/// Creates the index folder (and its parents), with the permissions of the
/// corpus folder when there is one; the umask applies as usual.
fn create_folder(dir: &Path, corpus: Option<&Path>) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let mode = corpus
        .filter(|c| c.is_dir())
        .and_then(|c| std::fs::metadata(c).ok())
        .map_or(0o777, |m| m.permissions().mode() & 0o777 | 0o700);
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(mode)
        .create(dir)
}

/// The error for a writer tantivy would not open, in a user's words.
pub fn writer_error(dir: &Path, e: tantivy::TantivyError) -> anyhow::Error {
    use tantivy::directory::error::LockError;
    let path = dir.display().to_string();
    match e {
        tantivy::TantivyError::LockFailure(LockError::LockBusy, _) => {
            IndexError::Locked(path).into()
        }
        tantivy::TantivyError::LockFailure(LockError::IoError(source), _) => {
            IndexError::NotWritable {
                path,
                cause: source,
            }
            .into()
        }
        e => anyhow::Error::new(e).context(format!("cannot write the index at {path}")),
    }
}

/// Deletes the index in `dir` for `--rebuild`, holding the writer's lock
/// meanwhile so that a run still writing it is not pulled from under.
pub fn remove_index(dir: &Path) -> anyhow::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    with_writer_lock(dir, || {
        remove_index_files(dir)
            .map_err(|e| anyhow::anyhow!("cannot delete the index at {}: {e}", dir.display()))
    })?;
    Ok(())
}

/// Runs `work` on the index in `dir` holding the writer's lock, so that no
/// run writes it meanwhile.
pub fn with_writer_lock<T>(
    dir: &Path,
    work: impl FnOnce() -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let folder = IndexFolder::open(dir)
        .map_err(|e| anyhow::anyhow!("cannot open index folder {}: {e}", dir.display()))?;
    let lock = tantivy::directory::Directory::acquire_lock(
        &folder,
        &tantivy::directory::INDEX_WRITER_LOCK,
    )
    .map_err(|e| writer_error(dir, tantivy::TantivyError::LockFailure(e, None)))?;
    let done = work()?;
    drop(lock);
    Ok(done)
}

/// Whether a file in an index folder is one that tantivy or quarry wrote:
/// what `--rebuild` may delete (a README beside the index stays).
fn is_index_file(name: &str) -> bool {
    segment_of(name).is_some()
        || name.starts_with(FILES_LIST_PREFIX)
        || name.starts_with(reading::SETTINGS_FILE)
        || name.starts_with(crate::speaker_names::NAMES_FILE)
        || name.starts_with(crate::speaker_names::COUNTS_FILE)
        || matches!(name, "meta.json" | ".managed.json")
}

/// The segment a file of tantivy's belongs to: the 32 hex digits its name
/// starts with ("<id>.idx", "<id>.12.del").
fn segment_of(name: &str) -> Option<&str> {
    let id = name.get(..32)?;
    (name.as_bytes().get(32) == Some(&b'.')
        && name.len() > 33
        && id.bytes().all(|b| b.is_ascii_hexdigit()))
    .then_some(id)
}

/// Deletes the index in `dir` (its files only, not the folder or anything
/// else in it), so that the next run builds it from nothing. A writer that
/// holds the index is not disturbed: the caller takes its lock first.
pub fn remove_index_files(dir: &Path) -> std::io::Result<usize> {
    let mut removed = 0;
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_str().is_some_and(is_index_file) && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuild_deletes_only_index_files() {
        assert!(is_index_file("0123456789abcdef0123456789abcdef.idx"));
        assert!(is_index_file("0123456789abcdef0123456789abcdef.12.del"));
        assert!(is_index_file("meta.json"));
        assert!(is_index_file("quarry-files-17.json"));
        assert!(!is_index_file("README.md"));
        assert!(!is_index_file("notes.json"));
        assert!(!is_index_file("0123456789abcdef0123456789abcdeX.idx"));
    }
}
