//! Walks a corpus folder and reads its articles; the only place that touches
//! article files.
//!
//! The walk stays inside the corpus: a symbolic link that leads out of it
//! (to a private file, to `/etc`) is skipped and named unless the user asks
//! to follow links, because whatever is indexed can be read back from the
//! index. A folder that cannot be read is reported, and the caller keeps
//! what it had indexed from it rather than taking it for deleted.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use thiserror::Error;
use walkdir::WalkDir;
use xxhash_rust::xxh3::Xxh3;

use crate::source::Loaded;

/// An article file found by the walk, before it is read.
#[derive(Clone, Debug)]
pub struct ArticleFile {
    pub path: PathBuf,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime: u64,
    pub size: u64,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Article files, sorted by path.
    pub files: Vec<ArticleFile>,
    /// Entries not walked, one line each with the reason.
    pub problems: Vec<String>,
    /// Folders that could not be listed: their files are unknown, not gone.
    pub unreadable: Vec<PathBuf>,
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
/// by path. Symbolic links are followed while they stay inside `root`, and
/// anywhere when `follow` is set.
pub fn walk(root: &Path, follow: bool) -> Walk {
    let mut walk = Walk::default();
    let inside = root.canonicalize().ok();
    let mut outside = Vec::new();
    let entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if follow || entry.depth() == 0 || !entry.path_is_symlink() {
                return true;
            }
            // A link that does not resolve is left to the walk to report.
            let (Ok(target), Some(inside)) = (entry.path().canonicalize(), &inside) else {
                return true;
            };
            if target.starts_with(inside) {
                return true;
            }
            outside.push(format!(
                "skipped {}: a link to {}, outside the corpus (--follow indexes it)",
                entry.path().display(),
                target.display()
            ));
            false
        });
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                match e
                    .path()
                    .filter(|p| e.loop_ancestor().is_none() && p.is_dir())
                {
                    Some(dir) => {
                        walk.problems.push(format!(
                            "cannot read folder {}: {}; the articles indexed from it are kept",
                            dir.display(),
                            e.io_error()
                                .map_or_else(|| e.to_string(), |io| io.to_string())
                        ));
                        walk.unreadable.push(dir.to_path_buf());
                    }
                    None => walk.problems.push(format!("skipped: {e}")),
                }
                continue;
            }
        };
        if !entry.file_type().is_file() || !crate::source::is_article(entry.path()) {
            continue;
        }
        match entry.metadata() {
            Ok(meta) => walk.files.push(ArticleFile {
                path: entry.path().to_path_buf(),
                mtime: meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as u64),
                size: meta.len(),
            }),
            Err(e) => walk
                .problems
                .push(format!("skipped {}: {e}", entry.path().display())),
        }
    }
    walk.problems.extend(outside);
    walk
}

/// A file's size and xxh3 hash, read in pieces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub hash: u64,
}

/// The fingerprint of the file at `path`, in constant memory.
pub fn fingerprint(path: &Path) -> std::io::Result<Fingerprint> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Xxh3::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok(Fingerprint {
        size,
        hash: hasher.digest(),
    })
}

/// Reads the articles of one file and hands them to `each` as they come,
/// with the parts skipped and the warnings: a JSON Lines file one line at a
/// time, so that a file of any size is read in the memory of its longest
/// line, any other file whole. `each` returns false to stop reading (the
/// fingerprint is then of what was read). `key` names the file in messages
/// and in the index.
pub fn read_articles(
    path: &Path,
    key: &str,
    each: &mut dyn FnMut(Loaded) -> bool,
) -> Result<Fingerprint, ReadError> {
    let io = |source| ReadError::Io {
        path: key.to_string(),
        source,
    };
    if crate::source::is_line_per_article(path) {
        let file = std::fs::File::open(path).map_err(io)?;
        return read_lines(BufReader::with_capacity(1 << 16, file), key, each).map_err(io);
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let print = Fingerprint {
        size: bytes.len() as u64,
        hash: xxhash_rust::xxh3::xxh3_64(&bytes),
    };
    each(crate::source::load(path, key, decode(key, bytes)?));
    Ok(print)
}

/// JSON Lines, line by line; a line that is not UTF-8 is skipped and named.
fn read_lines(
    mut reader: impl BufRead,
    key: &str,
    each: &mut dyn FnMut(Loaded) -> bool,
) -> std::io::Result<Fingerprint> {
    let mut hasher = Xxh3::new();
    let mut size = 0u64;
    let mut line = Vec::new();
    for number in 1.. {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        hasher.update(&line);
        let start = size;
        size += line.len() as u64;
        let mut loaded = Loaded::default();
        match std::str::from_utf8(&line) {
            Ok(text) => crate::source::json::load_line(
                &mut loaded,
                key,
                number,
                text.trim_end_matches(['\n', '\r']),
            ),
            Err(e) => loaded.skipped.push(format!(
                "{key}#{number}: invalid UTF-8 at byte {} (skipped)",
                start + e.valid_up_to() as u64
            )),
        }
        if !each(loaded) {
            break;
        }
    }
    Ok(Fingerprint {
        size,
        hash: hasher.digest(),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_are_read_one_at_a_time_with_the_whole_file_fingerprint() {
        let text = b"{\"text\": \"One.\"}\n\xff\xfe\n{\"text\": \"Two.\"}\n";
        let mut seen = Vec::new();
        let print = read_lines(&text[..], "a.jsonl", &mut |loaded| {
            seen.push((loaded.articles.len(), loaded.skipped));
            true
        })
        .unwrap();
        assert_eq!(print.size, text.len() as u64);
        assert_eq!(print.hash, xxhash_rust::xxh3::xxh3_64(text));
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0].0, 1);
        assert!(seen[1].1[0].starts_with("a.jsonl#2: invalid UTF-8 at byte 17"));
        assert_eq!(seen[2].0, 1);
    }

    #[test]
    fn a_reader_can_stop_after_any_line() {
        let mut calls = 0;
        read_lines(&b"{}\n{}\n{}\n"[..], "a.jsonl", &mut |_| {
            calls += 1;
            false
        })
        .unwrap();
        assert_eq!(calls, 1);
    }
}
