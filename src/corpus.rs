//! Walks a corpus folder and reads its articles; the only place that touches
//! article files.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use thiserror::Error;
use walkdir::WalkDir;

use crate::source::Loaded;

/// An article file found by the walk, before it is read.
#[derive(Clone, Debug)]
pub struct ArticleFile {
    pub path: PathBuf,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime: u64,
    pub size: u64,
}

/// Why an article could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read {path}: invalid UTF-8 at byte {at}")]
    InvalidUtf8 { path: String, at: usize },
    #[error("cannot read {path}: binary file (NUL byte at {at})")]
    Binary { path: String, at: usize },
}

/// Lists the article files under `root` (a folder or a single file), sorted
/// by path. Entries the walk cannot open come back as errors to report.
pub fn walk(root: &Path) -> (Vec<ArticleFile>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(format!("skipped: {e}"));
                continue;
            }
        };
        if !entry.file_type().is_file() || !crate::source::is_article(entry.path()) {
            continue;
        }
        match entry.metadata() {
            Ok(meta) => files.push(ArticleFile {
                path: entry.path().to_path_buf(),
                mtime: meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as u64),
                size: meta.len(),
            }),
            Err(e) => problems.push(format!("skipped {}: {e}", entry.path().display())),
        }
    }
    (files, problems)
}

/// Reads the articles of one file.
pub fn read_file(path: &Path) -> Result<Loaded, ReadError> {
    let key = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: key.clone(),
        source,
    })?;
    Ok(crate::source::load(path, &key, decode(&key, bytes)?))
}

/// An article's text from its bytes: UTF-8 without NUL bytes. Invalid
/// UTF-8 is refused, not decoded lossily, so that byte offsets in the index
/// always point into the file as it is.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, ReadError> {
    let text = String::from_utf8(bytes).map_err(|e| ReadError::InvalidUtf8 {
        path: path.to_string(),
        at: e.utf8_error().valid_up_to(),
    })?;
    match text.find('\0') {
        Some(at) => Err(ReadError::Binary {
            path: path.to_string(),
            at,
        }),
        None => Ok(text),
    }
}
