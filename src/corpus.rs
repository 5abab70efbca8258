//! Walks a corpus folder and reads its articles; the only place that touches
//! article files.
//!
//! Files are keyed by their path inside the canonical corpus folder, so
//! that one folder typed three ways (`text`, `./text`, `/abs/…/text`) is
//! one set of articles.
//!
//! The walk skips what is not an article: hidden entries (unless asked),
//! index folders (quarry's own or any tantivy index), and files of other
//! types, which it counts by extension so the user hears about them.
//!
//! The walk stays inside the corpus: a symbolic link that leads out of it
//! (to a private file, to `/etc`) is skipped and named unless the user asks
//! to follow links, because whatever is indexed can be read back from the
//! index. A folder that cannot be read is reported, and the caller keeps
//! what it had indexed from it rather than taking it for deleted.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use thiserror::Error;
use walkdir::WalkDir;
use xxhash_rust::xxh3::Xxh3;

use crate::source::{Loaded, Skipped};

/// An article file found by the walk, before it is read.
#[derive(Clone, Debug)]
pub struct ArticleFile {
    /// The path as walked (under the root as the user typed it).
    pub path: PathBuf,
    /// The file's key in the index: see [`path_key`].
    pub key: String,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime: u64,
    pub size: u64,
}

/// How to walk a corpus.
#[derive(Clone, Copy, Debug, Default)]
pub struct WalkOptions<'a> {
    /// Follow symbolic links out of the corpus.
    pub follow: bool,
    /// Read hidden files and folders (names starting with `.`).
    pub hidden: bool,
    /// A folder never to read (the index being written).
    pub skip: Option<&'a Path>,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The corpus root, canonical (absolute, links resolved): every key
    /// starts with its key.
    pub root: PathBuf,
    /// Article files, sorted by path.
    pub files: Vec<ArticleFile>,
    /// Entries not walked, with the reason.
    pub problems: Vec<Skipped>,
    /// Keys of folders that could not be listed: their files are unknown, not gone.
    pub unreadable: Vec<String>,
    /// Files that are not articles, by extension (".pdf", or "no extension").
    pub ignored: BTreeMap<String, usize>,
}

/// A path as a key: its text when it is UTF-8. A name that is not UTF-8
/// gets its invalid bytes as `\xNN` (and `\` as `\\`) and a final NUL,
/// which no real path holds: two names that differ only in invalid bytes
/// stay two keys, and no such key equals a UTF-8 path.
pub fn path_key(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Ok(text) = std::str::from_utf8(bytes) {
            return text.to_string();
        }
        let mut key = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            key.push_str(&chunk.valid().replace('\\', "\\\\"));
            for b in chunk.invalid() {
                let _ = write!(key, "\\x{b:02x}");
            }
        }
        key.push('\0');
        key
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// The path a key was made from: [`path_key`] undone, so that a file whose
/// name is not UTF-8 is opened by its own name, never by the escaped text
/// (which another file could be called).
pub fn key_path(key: &str) -> PathBuf {
    #[cfg(unix)]
    if let Some(escaped) = key.strip_suffix('\0') {
        use std::os::unix::ffi::OsStringExt;
        let mut bytes = Vec::with_capacity(escaped.len());
        let mut rest = escaped.as_bytes();
        while let Some((&b, tail)) = rest.split_first() {
            let escape = match (b, tail) {
                (b'\\', [b'\\', ..]) => Some((b'\\', 1)),
                (b'\\', [b'x', hi, lo, ..]) => std::str::from_utf8(&[*hi, *lo])
                    .ok()
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                    .map(|v| (v, 3)),
                _ => None,
            };
            match escape {
                Some((v, used)) => {
                    bytes.push(v);
                    rest = &tail[used..];
                }
                None => {
                    bytes.push(b);
                    rest = tail;
                }
            }
        }
        return PathBuf::from(std::ffi::OsString::from_vec(bytes));
    }
    PathBuf::from(key)
}

/// Opens the indexed file `key` again, to show it (`quarry serve`'s article
/// view): only a regular file, found inside one of the corpus folders
/// `roots` *as opened* (the checks are made on the open file, so a link or
/// a name swapped in after indexing leads nowhere else), of the `size` it
/// had when it was indexed. A pipe or device is opened without waiting and
/// refused. The error says why, in words for the user.
pub fn open_indexed(key: &str, roots: &[String], size: u64) -> Result<std::fs::File, String> {
    let path = key_path(key);
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO would wait for a writer; a terminal must not become ours.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options
        .open(&path)
        .map_err(|e| format!("cannot open it: {e}"))?;
    let opened = file
        .metadata()
        .map_err(|e| format!("cannot read it: {e}"))?;
    if !opened.is_file() {
        return Err("it is no longer a regular file (a pipe, a device or a folder stands in its place); re-index".into());
    }
    let real = path
        .canonicalize()
        .map_err(|e| format!("cannot resolve its path: {e}"))?;
    let real_key = path_key(&real);
    let real_key = real_key.trim_end_matches('\0');
    let inside = roots
        .iter()
        .any(|root| is_under(real_key, root.trim_end_matches('\0')));
    if !inside {
        return Err(format!(
            "it leads outside the corpus now (to {}); only files inside the indexed folders are shown",
            shown_key(real_key)
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let checked = std::fs::metadata(&real).map_err(|e| format!("cannot read it: {e}"))?;
        if (checked.dev(), checked.ino()) != (opened.dev(), opened.ino()) {
            return Err("it was replaced while being opened; try again or re-index".into());
        }
    }
    if opened.len() != size {
        return Err(format!(
            "it changed since it was indexed ({size} bytes then, {} now); re-index to see it",
            opened.len()
        ));
    }
    Ok(file)
}

/// Whether the key `key` is the folder key `dir` or lies inside it.
pub fn is_under(key: &str, dir: &str) -> bool {
    key.strip_prefix(dir)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(std::path::MAIN_SEPARATOR))
}

/// A key as people read it: without the marker of a non-UTF-8 name (an
/// article key `FILE#N` may hold it before the `#`).
pub fn shown_key(key: &str) -> String {
    key.replace('\0', "")
}

/// The article keys that [`relative_key`] may have shown as `shown` (a
/// hit's `relative_path`), most likely first: under the one corpus folder,
/// under the folder whose name it opens with, or a single-file corpus
/// named by its file.
pub fn keys_for_relative(roots: &[String], shown: &str) -> Vec<String> {
    let sep = std::path::MAIN_SEPARATOR;
    let name = |path: &str| {
        Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut keys = Vec::new();
    for root in roots {
        let (file, article) = match shown.rsplit_once('#') {
            Some((file, n)) if n.bytes().all(|b| b.is_ascii_digit()) => {
                (file, &shown[file.len()..])
            }
            _ => (shown, ""),
        };
        if file == name(root) {
            keys.push(format!("{root}{article}"));
        }
        if roots.len() == 1 {
            keys.push(format!("{root}{sep}{shown}"));
        } else if let Some(inside) = shown.strip_prefix(&format!("{}{sep}", name(root))) {
            keys.push(format!("{root}{sep}{inside}"));
        }
    }
    keys
}

/// An article key shown short: relative to the corpus folder it was found
/// in (of those in `roots`, the longest that holds it), with that folder's
/// name in front when the index holds several; a single-file corpus shows
/// the file's name. A key under no root is shown whole.
pub fn relative_key(roots: &[String], key: &str) -> String {
    let sep = std::path::MAIN_SEPARATOR;
    let holding = roots
        .iter()
        .filter(|root| {
            key.strip_prefix(root.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([sep, '#']))
        })
        .max_by_key(|root| root.len());
    let Some(root) = holding else {
        return shown_key(key);
    };
    let rest = &key[root.len()..];
    let name = |path: &str| {
        Path::new(path.trim_end_matches('\0'))
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let shown = match rest.strip_prefix(sep) {
        Some(inside) if roots.len() > 1 => format!("{}{sep}{inside}", name(root)),
        Some(inside) => inside.to_string(),
        // The root is the file itself.
        None => format!("{}{rest}", name(root)),
    };
    shown_key(&shown)
}

/// Whether `dir` is an index (quarry's, or any tantivy index): its files
/// are not articles, and reading them would change the index under itself.
pub fn is_index_folder(dir: &Path) -> bool {
    dir.join("meta.json").is_file() && dir.join(".managed.json").is_file()
}

/// What an ignored file is counted under: its extension, lower case.
fn ignored_type(path: &Path) -> String {
    match path.extension() {
        Some(ext) => format!(".{}", ext.to_string_lossy().to_lowercase()),
        None => "no extension".to_string(),
    }
}

/// "ignored 12: .pdf 10, .docx 2", or nothing when nothing was ignored.
pub fn describe_ignored(ignored: &BTreeMap<String, usize>) -> Option<String> {
    let total: usize = ignored.values().sum();
    let each: Vec<String> = ignored.iter().map(|(t, n)| format!("{t} {n}")).collect();
    (total > 0).then(|| format!("ignored {total}: {}", each.join(", ")))
}

/// Metadata tables beside the articles are read by `index`, not ignored.
fn is_metadata_table(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| crate::meta::TABLE_NAMES.contains(&n))
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
    #[error("cannot read {path}: {} MB, over the {} MB a file read whole may be", size >> 20, MAX_WHOLE_BYTES >> 20)]
    TooLarge { path: String, size: u64 },
    #[error("cannot read {path}: no memory left for its {} MB", size >> 20)]
    OutOfMemory { path: String, size: u64 },
}

impl From<ReadError> for Skipped {
    fn from(e: ReadError) -> Skipped {
        let reason = match &e {
            ReadError::Io { source, .. } => format!("cannot read it: {source}"),
            ReadError::InvalidUtf8 { at, .. } => format!("invalid UTF-8 at byte {at}"),
            ReadError::Binary { at, .. } => format!("binary file (NUL byte at {at})"),
            ReadError::TooLarge { size, .. } => format!(
                "{:.1} MB, over the {} MB a file read whole may be (split it, or use JSON Lines)",
                *size as f64 / 1e6,
                MAX_WHOLE_BYTES >> 20
            ),
            ReadError::OutOfMemory { size, .. } => {
                format!("no memory left to read its {:.1} MB", *size as f64 / 1e6)
            }
        };
        let (ReadError::Io { path, .. }
        | ReadError::InvalidUtf8 { path, .. }
        | ReadError::Binary { path, .. }
        | ReadError::TooLarge { path, .. }
        | ReadError::OutOfMemory { path, .. }) = e;
        Skipped::new(path, reason)
    }
}

/// Lists the article files under `root` (a folder or a single file), sorted
/// by path. Symbolic links are followed while they stay inside `root`, and
/// anywhere when `options.follow` is set.
pub fn walk(root: &Path, options: WalkOptions) -> Walk {
    // The root resolved (links out of it are found against this); one that
    // does not resolve (it does not exist) is keyed as typed, made absolute.
    let inside = root.canonicalize().ok();
    let canonical = inside
        .clone()
        .unwrap_or_else(|| std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()));
    let mut walk = Walk {
        root: canonical.clone(),
        ..Walk::default()
    };
    let skip = options.skip.and_then(|s| s.canonicalize().ok());
    // A path under `root` as typed, keyed under the canonical root.
    let key_of = |path: &Path| match path.strip_prefix(root) {
        Ok(rel) if rel.as_os_str().is_empty() => path_key(&canonical),
        Ok(rel) => path_key(&canonical.join(rel)),
        Err(_) => path_key(path),
    };
    let mut outside = Vec::new();
    let mut index_folders = 0usize;
    let mut articles = Vec::new();
    let entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() > 0 {
                let hidden = entry.file_name().as_encoded_bytes().first() == Some(&b'.');
                if hidden && !options.hidden {
                    return false;
                }
                if entry.file_type().is_dir() {
                    // The index being written is quarry's own business.
                    if skip
                        .as_ref()
                        .is_some_and(|s| entry.path().canonicalize().is_ok_and(|p| p == *s))
                    {
                        return false;
                    }
                    if is_index_folder(entry.path()) {
                        index_folders += 1;
                        return false;
                    }
                }
            }
            if options.follow || entry.depth() == 0 || !entry.path_is_symlink() {
                return true;
            }
            // A link that does not resolve is left to the walk to report.
            let (Ok(target), Some(inside)) = (entry.path().canonicalize(), &inside) else {
                return true;
            };
            if target.starts_with(inside) {
                return true;
            }
            outside.push(Skipped::new(
                key_of(entry.path()),
                format!(
                    "a link to {}, outside the corpus (--follow indexes it)",
                    target.display()
                ),
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
                        walk.problems.push(Skipped::new(
                            key_of(dir),
                            format!(
                                "cannot read this folder: {}; the articles indexed from it are kept",
                                e.io_error()
                                    .map_or_else(|| e.to_string(), |io| io.to_string())
                            ),
                        ));
                        walk.unreadable.push(key_of(dir));
                    }
                    None => walk.problems.push(Skipped::new(
                        e.path().map(&key_of).unwrap_or_default(),
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string()),
                    )),
                }
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        if !crate::source::is_article(entry.path()) {
            if !is_metadata_table(entry.path()) {
                *walk.ignored.entry(ignored_type(entry.path())).or_default() += 1;
            }
            continue;
        }
        articles.push(entry.into_path());
    }
    let stats = stat_all(&articles);
    for (path, meta) in articles.into_iter().zip(stats) {
        match meta {
            Ok(meta) => walk.files.push(ArticleFile {
                key: key_of(&path),
                path,
                mtime: meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as u64),
                size: meta.len(),
            }),
            Err(e) => walk
                .problems
                .push(Skipped::new(key_of(&path), e.to_string())),
        }
    }
    walk.problems.extend(outside);
    if index_folders > 0 {
        *walk.ignored.entry("index folders".to_string()).or_default() += index_folders;
    }
    walk
}

/// Articles one thread stats at least.
const STATS_PER_THREAD: usize = 8192;

/// Each file's metadata (through links, as the walk follows them), in
/// order, read by a few threads: one stat after another was most of a run
/// over 100,000 unchanged files.
fn stat_all(paths: &[PathBuf]) -> Vec<std::io::Result<std::fs::Metadata>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(paths.len() / STATS_PER_THREAD)
        .max(1);
    let stat = |part: &[PathBuf]| part.iter().map(std::fs::metadata).collect::<Vec<_>>();
    if threads == 1 {
        return stat(paths);
    }
    let parts: Option<Vec<_>> = std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(paths.len().div_ceil(threads))
            .map(|part| s.spawn(move || stat(part)))
            .collect();
        handles.into_iter().map(|h| h.join().ok()).collect()
    });
    match parts {
        Some(parts) => parts.into_iter().flatten().collect(),
        None => stat(paths),
    }
}

/// A file's size and xxh3 hash, read in pieces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub hash: u64,
}

/// The fingerprint of the file at `path`, in constant memory, of its
/// first `limit` bytes at most (a file that grows while it is read is not
/// read for ever).
pub fn fingerprint(path: &Path, limit: u64) -> std::io::Result<Fingerprint> {
    let mut file = std::fs::File::open(path)?.take(limit);
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

/// Largest file read whole (any type but JSON Lines), and longest line of a
/// JSON Lines file: one article's worth. Larger ones are skipped with the
/// reason, so that a stray dump or disk image never takes the run's memory.
pub const MAX_WHOLE_BYTES: u64 = 64 << 20;
/// How much of a file is looked at for NUL bytes before the rest is read.
const SNIFF_BYTES: usize = 8 << 10;

/// Reads the articles of one file and hands them to `each` as they come,
/// with the parts skipped and the warnings: a JSON Lines file one line at a
/// time, so that a file of any size is read in the memory of its longest
/// line, any other file whole. `size` is the file's size when the walk
/// found it: a JSON Lines file is read no further, so a feed that grows
/// while it is indexed is read as it was. `each` returns false to stop
/// reading (the fingerprint is then of what was read). `key` names the
/// file in messages and in the index.
pub fn read_articles(
    path: &Path,
    key: &str,
    size: u64,
    each: &mut dyn FnMut(Loaded) -> bool,
) -> Result<Fingerprint, ReadError> {
    let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
        path: key.to_string(),
        source,
    })?;
    read_opened(file, path, key, size, each)
}

/// [`read_articles`] from a file already open (`path` says its type).
pub fn read_opened(
    file: std::fs::File,
    path: &Path,
    key: &str,
    size: u64,
    each: &mut dyn FnMut(Loaded) -> bool,
) -> Result<Fingerprint, ReadError> {
    let io = |source| ReadError::Io {
        path: key.to_string(),
        source,
    };
    if crate::source::is_line_per_article(path) {
        let reader = BufReader::with_capacity(1 << 16, file.take(size));
        return read_lines(reader, key, each).map_err(io);
    }
    let bytes = read_whole(file, key, size)?;
    let print = Fingerprint {
        size: bytes.len() as u64,
        hash: xxhash_rust::xxh3::xxh3_64(&bytes),
    };
    each(crate::source::load(path, key, decode(key, bytes)?));
    Ok(print)
}

/// A file's bytes, at most [`MAX_WHOLE_BYTES`] of them: its first bytes
/// are checked for NUL (a binary file, a sparse image) before the rest is
/// read, and the buffer is asked for before reading, so that a file too
/// big for the memory left is skipped instead of ending the run.
fn read_whole(mut file: impl Read, key: &str, size: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: key.to_string(),
        source,
    };
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Err(ReadError::Binary {
            path: key.to_string(),
            at,
        });
    }
    let too_large = |size| ReadError::TooLarge {
        path: key.to_string(),
        size,
    };
    if size > MAX_WHOLE_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(size as usize + 1)
        .map_err(|_| ReadError::OutOfMemory {
            path: key.to_string(),
            size,
        })?;
    bytes.extend_from_slice(&head);
    if head.len() == SNIFF_BYTES {
        file.take(MAX_WHOLE_BYTES + 1 - SNIFF_BYTES as u64)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    if bytes.len() as u64 > MAX_WHOLE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// JSON Lines, line by line; a line that is not UTF-8, or longer than
/// [`MAX_WHOLE_BYTES`], is skipped and named.
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
        if (&mut reader)
            .take(MAX_WHOLE_BYTES + 1)
            .read_until(b'\n', &mut line)?
            == 0
        {
            break;
        }
        hasher.update(&line);
        let start = size;
        size += line.len() as u64;
        let mut loaded = Loaded::default();
        if line.len() as u64 > MAX_WHOLE_BYTES && line.last() != Some(&b'\n') {
            // The rest of the line is passed over, counted, not kept.
            let rest = skip_line(&mut reader, &mut hasher)?;
            size += rest;
            loaded.skipped.push(Skipped::new(
                format!("{key}#{number}"),
                format!(
                    "a line of {:.1} MB, over the {} MB an article may be",
                    (line.len() as u64 + rest) as f64 / 1e6,
                    MAX_WHOLE_BYTES >> 20
                ),
            ));
        } else {
            match std::str::from_utf8(&line) {
                Ok(text) => crate::source::json::load_line(
                    &mut loaded,
                    key,
                    number,
                    text.trim_end_matches(['\n', '\r']),
                ),
                Err(e) => loaded.skipped.push(Skipped::new(
                    format!("{key}#{number}"),
                    format!("invalid UTF-8 at byte {}", start + e.valid_up_to() as u64),
                )),
            }
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

/// Reads past the end of the current line (its newline included), hashing
/// what it passes; gives how many bytes.
fn skip_line(reader: &mut impl BufRead, hasher: &mut Xxh3) -> std::io::Result<u64> {
    let mut passed = 0u64;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(passed);
        }
        let (n, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        hasher.update(&buf[..n]);
        reader.consume(n);
        passed += n as u64;
        if done {
            return Ok(passed);
        }
    }
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

    #[cfg(unix)]
    #[test]
    fn keys_of_names_with_invalid_bytes_never_collide() {
        use std::os::unix::ffi::OsStrExt;
        let key = |b: &[u8]| path_key(Path::new(std::ffi::OsStr::from_bytes(b)));
        assert_eq!(key(b"a/b.txt"), "a/b.txt");
        let keys = [
            key(b"caf\xe9"),
            key(b"caf\xe8"),
            key(b"caf\\xe9"),
            key(b"caf\\xe9\xff"),
            key(b"caf\xff\\xe9"),
        ];
        let distinct: std::collections::BTreeSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
        assert_eq!(shown_key(&keys[0]), "caf\\xe9");
        for name in [
            &b"caf\xe9"[..],
            b"caf\\xe9\xff",
            b"a\\\\b\xfe",
            b"plain.txt",
        ] {
            let path = Path::new(std::ffi::OsStr::from_bytes(name));
            assert_eq!(key_path(&path_key(path)), path, "{name:?}");
        }
    }

    #[test]
    fn keys_are_shown_relative_to_their_corpus() {
        let one = ["/data/news".to_string()];
        assert_eq!(relative_key(&one, "/data/news/a/b.txt"), "a/b.txt");
        assert_eq!(relative_key(&one, "/data/news/c.jsonl#3"), "c.jsonl#3");
        assert_eq!(
            relative_key(&one, "/data/newsroom/x.txt"),
            "/data/newsroom/x.txt"
        );
        let two = ["/data/news".to_string(), "/data/news/wires".to_string()];
        assert_eq!(relative_key(&two, "/data/news/wires/x.txt"), "wires/x.txt");
        assert_eq!(relative_key(&two, "/data/news/y.txt"), "news/y.txt");
        let file = ["/data/one.jsonl".to_string()];
        assert_eq!(relative_key(&file, "/data/one.jsonl#2"), "one.jsonl#2");
    }

    #[test]
    fn a_key_shown_relative_leads_back_to_its_key() {
        let sets: [&[&str]; 3] = [
            &["/data/news"],
            &["/data/news", "/data/news/wires"],
            &["/data/one.jsonl"],
        ];
        for roots in sets {
            let roots: Vec<String> = roots.iter().map(|r| r.to_string()).collect();
            for key in [
                "/data/news/a/b.txt",
                "/data/news/c.jsonl#3",
                "/data/news/wires/x.txt",
                "/data/one.jsonl#2",
            ] {
                let shown = relative_key(&roots, key);
                if shown == key {
                    continue;
                }
                assert!(
                    keys_for_relative(&roots, &shown).contains(&key.to_string()),
                    "{roots:?} {key} shown {shown}"
                );
            }
        }
    }

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
        assert_eq!(
            seen[1].1[0],
            Skipped::new("a.jsonl#2", "invalid UTF-8 at byte 17")
        );
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
