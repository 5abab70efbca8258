//! Incremental indexing: walk the corpus, compare with the manifest, and
//! replace only the files that changed.
//!
//! Reading, parsing and extraction run on worker threads; one thread owns
//! the tantivy writer and the manifest, so what is committed is always a
//! consistent pair. The queue between them is bounded, so memory stays
//! bounded whatever the corpus size. A long run commits every
//! [`COMMIT_INTERVAL`], so a killed run keeps most of its work; a run that
//! is asked to stop ([`IndexOptions::stop`]) commits what it has and ends.
//!
//! A commit may fall in the middle of a big file: the manifest then lists
//! that file as `partial`, so the next run redoes it (or removes it, if it
//! is gone) instead of trusting half of it.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Result;
use serde::Serialize;
use tantivy::indexer::{IndexWriterOptions, NoMergePolicy};
use tantivy::schema::TantivyDocument;
use tantivy::{IndexWriter, Term};

use super::document::documents;
use super::merge::BoundedMergePolicy;
use super::space;
use super::{Fields, FileState, QuarryIndex, FILES_LIST_PREFIX};
use crate::aliases::Aliases;
use crate::corpus::{self, ArticleFile, ReadError};
use crate::extract::Extractor;
use crate::meta::{ArticleMeta, MetadataTable};
use crate::pipeline;
use crate::source::{Loaded, Skipped, SourceArticle};
use crate::speaker_names::Changes;

/// Memory each tantivy indexing thread may use (tantivy refuses less than
/// 15 MB a thread, so the budget grows with the thread count).
const WRITER_MEMORY_PER_THREAD: usize = 64 * 1024 * 1024;
/// tantivy's indexing threads: more than this only splits the same
/// memory into smaller segments (tantivy's own default stops there too).
const MAX_WRITER_THREADS: usize = 8;
/// Merges that may run at once.
const MAX_MERGE_THREADS: usize = 2;
/// How often a long run commits what it has done so far.
pub const COMMIT_INTERVAL: Duration = Duration::from_secs(30);

/// How to index.
#[derive(Clone, Debug, Default)]
pub struct IndexOptions {
    /// Speakers renamed by these aliases.
    pub aliases: Aliases,
    /// Article metadata by file name.
    pub metadata: Option<MetadataTable>,
    /// Fingerprint of the user's outlets file (0: none).
    pub outlets: u64,
    /// The user's outlets, (phrase, outlet), as the file gives them.
    pub outlet_pairs: Vec<(String, String)>,
    /// Worker threads for extraction and for tantivy (0: one per core).
    pub threads: usize,
    /// Commit at least this often (default [`COMMIT_INTERVAL`]; zero: only
    /// at the end).
    pub commit_every: Option<Duration>,
    /// Follow symbolic links that lead out of the corpus.
    pub follow: bool,
    /// Read hidden files and folders.
    pub hidden: bool,
    /// Delete the index and build it from nothing.
    pub rebuild: bool,
    /// Set (to a signal number, or any non-zero value) to stop the run: it
    /// commits what it has done and returns with `stopped` set.
    pub stop: Option<Arc<AtomicUsize>>,
}

impl IndexOptions {
    /// A fingerprint of everything besides the files that shapes the index:
    /// when it changes, every file is extracted again.
    fn fingerprint(&self) -> u64 {
        let metadata = self.metadata.as_ref().map_or(0, |m| m.fingerprint);
        if metadata == 0 && self.outlets == 0 {
            // Indexes built before metadata tables existed stay valid.
            return self.aliases.fingerprint;
        }
        self.aliases.fingerprint ^ metadata.rotate_left(1) ^ self.outlets.rotate_left(2)
    }

    /// Whether the run has been asked to stop.
    fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::SeqCst) != 0)
    }

    /// Extraction workers: as asked, else one per core; never more than
    /// four per core, where more threads only wait for each other.
    fn thread_count(&self) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if self.threads > 0 {
            return self.threads.min(cores * 4);
        }
        cores
    }

    /// tantivy's indexing threads.
    fn writer_threads(&self) -> usize {
        self.thread_count().clamp(1, MAX_WRITER_THREADS)
    }
}

/// Told how a run goes, for progress bars.
pub trait Observer: Sync {
    /// The run will read `files` files of `bytes` bytes in all.
    fn planned(&self, _files: usize, _bytes: u64) {}
    /// One more file of `bytes` bytes is done.
    fn done(&self, _bytes: u64) {}
}

/// Observes nothing.
pub struct Quiet;
impl Observer for Quiet {}

/// What an index run did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct IndexReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Files (or articles of a file) not indexed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Indexed anyway, but worth knowing: unreadable dates, bad front matter.
    pub warnings: Vec<String>,
    pub articles: usize,
    pub passages: usize,
    /// Direct quotations written.
    pub quotes: usize,
    /// Reported-speech statements written.
    pub reported: usize,
    /// Bytes of the files read and extracted.
    pub bytes: u64,
    /// Commits written (a long run commits as it goes).
    pub commits: usize,
    /// Articles written this run that matched a row of the metadata table.
    pub with_metadata: usize,
    /// Indexed files kept because their folder could not be read.
    pub kept_unreadable: usize,
    /// Files that are not articles, by type (".pdf": 10, "index folders": 1).
    pub ignored: std::collections::BTreeMap<String, usize>,
    /// The run was asked to stop: what it did is committed, the rest is not done.
    pub stopped: bool,
}

impl IndexReport {
    /// One line for people: "added 5, updated 0, …".
    pub fn summary(&self) -> String {
        format!(
            "added {}, updated {}, removed {}, unchanged {}, skipped {} ({} articles, {} passages, {} quotations, {} reported statements written)",
            self.added,
            self.updated,
            self.removed,
            self.unchanged,
            self.skipped.len(),
            self.articles,
            self.passages,
            self.quotes,
            self.reported
        ) + &corpus::describe_ignored(&self.ignored)
            .map(|i| format!("; {i}"))
            .unwrap_or_default()
    }
}

/// Indexes the articles under `corpus` into the index at `dir`.
pub fn index_corpus(corpus: &Path, dir: &Path, options: &IndexOptions) -> Result<IndexReport> {
    index_corpus_observed(corpus, dir, options, &Quiet)
}

/// A file that needs reading: new, or changed by size or modification time.
struct Todo {
    file: ArticleFile,
    key: String,
    known: Option<FileState>,
    /// Extract again even if the bytes are the same (the options changed,
    /// or only part of the file was indexed).
    force: bool,
}

/// What a worker made of one file.
enum Outcome {
    /// Same bytes as indexed (only the modification time moved).
    Unchanged {
        key: String,
        state: FileState,
    },
    /// Not readable as text: skipped, its old documents (if any) removed.
    Unreadable {
        key: String,
        reason: Skipped,
        known: bool,
    },
    /// A big file's documents come in batches: first this, then `Docs`,
    /// then its `Indexed` with the rest.
    Begin {
        key: String,
        mtime: u64,
        known: bool,
    },
    Docs(Vec<TantivyDocument>),
    Indexed(Box<Indexed>),
    /// The run stopped while the file was being read: nothing to record.
    Abandoned,
}

/// Documents a worker hands over at a time: what bounds memory for a file
/// with a huge number of quotations.
const BATCH_DOCS: usize = 2048;

/// How often the writer's thread looks at the stop flag while it waits.
const STOP_POLL: Duration = Duration::from_millis(50);

struct Indexed {
    key: String,
    /// Its documents came in batches after a `Begin`.
    batched: bool,
    state: FileState,
    known: bool,
    docs: Vec<TantivyDocument>,
    articles: usize,
    with_metadata: usize,
    passages: usize,
    quotes: usize,
    reported: usize,
    skipped: Vec<Skipped>,
    warnings: Vec<String>,
}

/// [`index_corpus`], telling `observer` how it goes.
pub fn index_corpus_observed(
    corpus: &Path,
    dir: &Path,
    options: &IndexOptions,
    observer: &dyn Observer,
) -> Result<IndexReport> {
    let had_folder = dir.is_dir();
    let had_index = super::exists(dir) && !options.rebuild;
    index_run(corpus, dir, options, observer)
        .map_err(|e| after_failure(e, dir, had_index, had_folder))
}

/// A failed run's error. When the disk is full it says so, and what the
/// run wrote is removed (the index is left as its last commit has it, or
/// gone with its folder when the run made them), so the space comes back
/// and the next run can work.
fn after_failure(e: anyhow::Error, dir: &Path, had_index: bool, had_folder: bool) -> anyhow::Error {
    if !space::is_disk_full(&e, dir) {
        return e;
    }
    let cleaned = if had_index {
        super::with_writer_lock(dir, || Ok(space::remove_uncommitted(dir)?)).map(|freed| {
            format!(
                "the index is as before this run ({:.1} MB it wrote removed)",
                freed as f64 / 1e6
            )
        })
    } else {
        super::remove_index(dir).map(|()| {
            if !had_folder {
                // The folder this run made, with tantivy's empty lock files.
                for lock in [".tantivy-writer.lock", ".tantivy-meta.lock"] {
                    let _ = std::fs::remove_file(dir.join(lock));
                }
                let _ = std::fs::remove_dir(dir);
            }
            "nothing of the new index is left".to_string()
        })
    };
    let cleaned = cleaned.unwrap_or_else(|e| format!("what it wrote could not be removed: {e}"));
    anyhow::anyhow!(
        "no space left on device for the index at {}: {cleaned}; free some space and run again",
        dir.display()
    )
}

fn index_run(
    corpus: &Path,
    dir: &Path,
    options: &IndexOptions,
    observer: &dyn Observer,
) -> Result<IndexReport> {
    if !corpus.exists() {
        anyhow::bail!("corpus {}: no such file or folder", corpus.display());
    }
    if options.rebuild {
        super::remove_index(dir)?;
    }
    let mut qi = QuarryIndex::open_or_create_for(dir, Some(corpus))?;
    let threads = options.thread_count();
    let mut writer = open_writer(&qi, dir, options)?;
    // No merges until the run knows whether it replaces documents.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let walk = walk_beside_check(&qi, corpus, dir, options)?;
    qi.load_files()?;
    let mut report = IndexReport {
        skipped: walk.problems,
        ignored: walk.ignored,
        ..Default::default()
    };
    let root = corpus::path_key(&walk.root);
    if !qi.manifest.roots.contains(&root) {
        qi.manifest.roots.push(root.clone());
    }
    if let Some(m) = &options.metadata {
        report.warnings.extend(m.problems.iter().cloned());
    }
    let fingerprint = options.fingerprint();
    let redo_all = qi.manifest.aliases != fingerprint;
    qi.manifest.aliases = fingerprint;
    // How articles are read here, for whoever reads one again (the article
    // view): written before any commit that depends on it.
    let settings = super::reading::ReadingSettings {
        aliases: options.aliases.pairs.clone(),
        outlets: options.outlet_pairs.clone(),
    };
    settings.save(dir)?;
    let extractor = settings.extractor(options.aliases.clone());
    // Followed only when few articles may change: a run that reads every
    // article again works the names out whole anyway.
    let mut names = Changes::start(&qi, !redo_all);

    // Every segment at the end of the run is the run's own.
    let first_build = qi.manifest.files.is_empty();
    let (todo, gone) = plan(
        walk.files,
        &walk.unreadable,
        &root,
        &qi,
        redo_all,
        &mut report,
    );
    observer.planned(todo.len(), todo.iter().map(|t| t.file.size).sum());
    // No merges while documents are being replaced: a merge that overlaps
    // a delete and a commit was seen to bring deleted documents back (a
    // file's old version next to its new one); such a run merges once its
    // last commit is in and no delete is pending. A run that only adds
    // files (a first build) deletes nothing, and merges its new segments
    // while it indexes, not after (on a 270 MB corpus the merges after the
    // last commit were a sixth of the run).
    if todo.iter().all(|t| t.known.is_none()) && gone.is_empty() {
        writer.set_merge_policy(Box::new(BoundedMergePolicy::default()));
    }

    let work = Work {
        todo: &todo,
        extractor: &extractor,
        options,
        observer,
        threads,
    };
    work.run(&mut writer, &mut qi, &mut names, &mut report)?;
    let ending = Ending {
        gone,
        redo_all,
        first_build,
    };
    finish(writer, &mut qi, names, report, ending, dir)
}

/// What is left to do once every file is read: `gone` files to remove,
/// whether every file was read again, whether the index was new.
struct Ending {
    gone: Vec<String>,
    redo_all: bool,
    first_build: bool,
}

/// The index check (once the lock is ours, so no other run changes the
/// index meanwhile) beside the walk of the corpus, which needs nothing of
/// the index: one after the other they were most of a run that changes
/// nothing.
fn walk_beside_check(
    qi: &QuarryIndex,
    corpus: &Path,
    dir: &Path,
    options: &IndexOptions,
) -> Result<corpus::Walk> {
    let (checked, walk) = std::thread::scope(|s| {
        let checked = s.spawn(|| qi.check());
        let walk = corpus::walk(
            corpus,
            corpus::WalkOptions {
                follow: options.follow,
                hidden: options.hidden,
                skip: Some(dir),
            },
        );
        (checked.join(), walk)
    });
    checked.map_err(|_| anyhow::anyhow!("the index check stopped unexpectedly"))??;
    Ok(walk)
}

/// The end of a run: the files gone removed, the last commits, the merges
/// waited for, and the speakers' names brought up to date.
fn finish(
    mut writer: IndexWriter<TantivyDocument>,
    qi: &mut QuarryIndex,
    mut names: Changes,
    mut report: IndexReport,
    ending: Ending,
    dir: &Path,
) -> Result<IndexReport> {
    let fields = qi.fields;
    // Workers finish in any order; the report lists files in path order.
    report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    report.warnings.sort();

    if report.stopped {
        // What is done is kept; what is gone is removed by the next full run.
        commit(&mut writer, qi, &mut report)?;
        writer.wait_merging_threads()?;
        return Ok(report);
    }
    for key in ending.gone {
        names.removing(&fields, &key);
        writer.delete_term(Term::from_field_text(fields.file, &key));
        qi.manifest.files.remove(&key);
        report.removed += 1;
    }
    let changed = report.added + report.updated + report.removed > 0 || ending.redo_all;
    let fresh = qi.index.load_metas()?.payload.is_none();
    if changed || fresh || report.commits > 0 {
        commit(&mut writer, qi, &mut report)?;
        // A commit with nothing pending, so that the merge policy runs; the
        // list of files is the one just written.
        writer.set_merge_policy(Box::new(BoundedMergePolicy {
            all_leftovers: ending.first_build,
        }));
        commit_payload(&mut writer, qi, &mut report)?;
    }
    writer.wait_merging_threads()?;
    // Merges write meta.json and .managed.json again.
    if let Some(list) = &qi.manifest.files_list {
        share_like(&qi.dir, list);
    }
    // The speakers' listed names, brought up to date now rather than by
    // the first search (a cache: a search works them out if this could not).
    let _ = names.finish(dir);
    Ok(report)
}

/// The run's tantivy writer: its threads and memory as `options` ask.
fn open_writer(
    qi: &QuarryIndex,
    dir: &Path,
    options: &IndexOptions,
) -> Result<IndexWriter<TantivyDocument>> {
    // Each merge reads its segments whole (about 250 MB for a merged
    // segment of a million documents): one at a time with one thread, at
    // most two at once.
    let writer_options = IndexWriterOptions::builder()
        .num_worker_threads(options.writer_threads())
        .memory_budget_per_thread(WRITER_MEMORY_PER_THREAD)
        .num_merge_threads(options.writer_threads().min(MAX_MERGE_THREADS))
        .build();
    match qi.index.writer_with_options(writer_options) {
        Ok(w) => Ok(w),
        Err(e) => {
            // A damaged index may be why: say so rather than tantivy's words.
            qi.check()?;
            Err(super::writer_error(dir, e))
        }
    }
}

/// What a run must do with the corpus's `files`: those to read (new,
/// changed, or all of them when `redo_all`), and the indexed files under
/// `root` that are gone from disk (those of an `unreadable` folder are
/// not known to be gone: they are kept and counted).
fn plan(
    files: Vec<ArticleFile>,
    unreadable: &[String],
    root: &str,
    qi: &QuarryIndex,
    redo_all: bool,
    report: &mut IndexReport,
) -> (Vec<Todo>, Vec<String>) {
    let mut seen = BTreeSet::new();
    let mut todo = Vec::new();
    for file in files {
        let key = file.key.clone();
        // A link to a file of the corpus is the same file.
        if !seen.insert(key.clone()) {
            continue;
        }
        let known = qi.manifest.files.get(&key).cloned();
        let partial = known.as_ref().is_some_and(|k| k.partial);
        let same_stat = known
            .as_ref()
            .is_some_and(|k| k.mtime == file.mtime && k.size == file.size);
        if !redo_all && !partial && same_stat {
            report.unchanged += 1;
            continue;
        }
        todo.push(Todo {
            file,
            key,
            known,
            force: redo_all || partial,
        });
    }
    let mut gone = Vec::new();
    for key in qi.manifest.files.keys() {
        if seen.contains(key) || !corpus::is_under(key, root) {
            continue;
        }
        if unreadable.iter().any(|d| corpus::is_under(key, d)) {
            report.kept_unreadable += 1;
        } else {
            gone.push(key.clone());
        }
    }
    (todo, gone)
}

/// The files a run reads and what reads them.
struct Work<'a> {
    todo: &'a [Todo],
    extractor: &'a Extractor,
    options: &'a IndexOptions,
    observer: &'a dyn Observer,
    threads: usize,
}

impl Work<'_> {
    /// Reads every file on `threads` workers and gives what they make to
    /// `writer` on this thread, committing every [`COMMIT_INTERVAL`] (or
    /// as the options say); returns when all is done or a stop is asked.
    fn run(
        &self,
        writer: &mut IndexWriter<TantivyDocument>,
        qi: &mut QuarryIndex,
        names: &mut Changes,
        report: &mut IndexReport,
    ) -> Result<()> {
        let options = self.options;
        let next = AtomicUsize::new(0);
        let (tx, rx) = sync_channel::<Outcome>(self.threads * 4);
        let fields = qi.fields;
        let commit_every = options.commit_every.unwrap_or(COMMIT_INTERVAL);
        let mut last_commit = Instant::now();
        std::thread::scope(|scope| -> Result<()> {
            for _ in 0..self.threads {
                let tx = tx.clone();
                let (todo, next, extractor) = (self.todo, &next, self.extractor);
                scope.spawn(move || loop {
                    if options.stopped() {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = todo.get(i) else { break };
                    let send = |o: Outcome| tx.send(o).is_ok();
                    if !send(process(item, &fields, options, extractor, &send)) {
                        break;
                    }
                });
            }
            drop(tx);
            // Owned here, so that returning drops it before the workers are
            // joined: a worker blocked on a full queue then gets an error and stops.
            let rx = rx;
            loop {
                if options.stopped() {
                    report.stopped = true;
                    return Ok(());
                }
                let outcome = match rx.recv_timeout(STOP_POLL) {
                    Ok(o) => o,
                    Err(RecvTimeoutError::Timeout) => continue,
                    // The workers are done: all the work, or all they took
                    // before a stop (then what they left is not done).
                    Err(RecvTimeoutError::Disconnected) => {
                        report.stopped = options.stopped();
                        return Ok(());
                    }
                };
                let bytes = apply(outcome, writer, qi, names, report)?;
                self.observer.done(bytes);
                if !commit_every.is_zero() && last_commit.elapsed() >= commit_every {
                    commit(writer, qi, report)?;
                    last_commit = Instant::now();
                }
            }
        })
    }
}

/// Commits the documents added so far with the manifest that describes them.
fn commit(
    writer: &mut IndexWriter<TantivyDocument>,
    qi: &mut QuarryIndex,
    report: &mut IndexReport,
) -> Result<()> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let m = &mut qi.manifest;
    m.file_count = m.files.len() as u64;
    m.article_count = m.files.values().map(|f| f.articles as u64).sum();
    // The list first, durable, under a new name; then the commit that names it.
    let name = format!("{FILES_LIST_PREFIX}{}.json", now.as_nanos());
    let tmp = qi.dir.join(format!("{name}.tmp"));
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        serde_json::to_writer(&mut file, &m.files)?;
        file.into_inner()?.sync_all()?;
    }
    std::fs::rename(&tmp, qi.dir.join(&name))?;
    m.files_list = Some(name.clone());
    commit_payload(writer, qi, report)?;
    share_like(&qi.dir, &name);
    // Lists of earlier commits, and of runs killed before committing theirs.
    if let Ok(entries) = std::fs::read_dir(&qi.dir) {
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            if file.starts_with(FILES_LIST_PREFIX) && file != name {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// tantivy writes `meta.json` and `.managed.json` through temporary files
/// readable by their owner only, so another user could not search an
/// index that is otherwise theirs to read. They are given the permissions
/// of `model`, a file of ours created under the user's umask.
fn share_like(dir: &Path, model: &str) {
    let Ok(mode) = std::fs::metadata(dir.join(model)).map(|m| m.permissions()) else {
        return;
    };
    for name in ["meta.json", ".managed.json"] {
        let _ = std::fs::set_permissions(dir.join(name), mode.clone());
    }
}

/// Commits with the manifest as the payload, naming the list of files it has.
fn commit_payload(
    writer: &mut IndexWriter<TantivyDocument>,
    qi: &mut QuarryIndex,
    report: &mut IndexReport,
) -> Result<()> {
    qi.manifest.indexed_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let payload = serde_json::to_string(&qi.manifest)?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    report.commits += 1;
    Ok(())
}

/// Reads, parses and extracts one file (on a worker thread).
fn process(
    item: &Todo,
    fields: &Fields,
    options: &IndexOptions,
    extractor: &Extractor,
    send: &dyn Fn(Outcome) -> bool,
) -> Outcome {
    let key = item.key.clone();
    let known = item.known.is_some();
    let unreadable = |reason: Skipped| Outcome::Unreadable {
        key: key.clone(),
        reason,
        known,
    };
    let path = &item.file.path;
    if let Some(k) = item
        .known
        .as_ref()
        .filter(|k| !item.force && k.size == item.file.size)
    {
        // The time changed, not the size; the bytes may not have.
        match corpus::fingerprint(path, k.size) {
            Ok(print) if print.hash == k.hash && print.size == k.size => {
                let state = FileState {
                    mtime: item.file.mtime,
                    ..k.clone()
                };
                return Outcome::Unchanged { key, state };
            }
            Ok(_) => {}
            Err(source) => {
                return unreadable(
                    ReadError::Io {
                        path: key.clone(),
                        source,
                    }
                    .into(),
                )
            }
        }
    }
    let table_meta = options.metadata.as_ref().and_then(|m| m.lookup(path));
    let mut out = Indexed {
        key: key.clone(),
        batched: false,
        state: FileState {
            mtime: item.file.mtime,
            size: 0,
            hash: 0,
            articles: 0,
            partial: false,
        },
        known,
        docs: Vec::new(),
        articles: 0,
        with_metadata: 0,
        passages: 0,
        quotes: 0,
        reported: 0,
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    let read = corpus::read_articles(path, &key, item.file.size, &mut |loaded: Loaded| {
        out.skipped.extend(loaded.skipped);
        out.warnings.extend(loaded.warnings);
        for article in loaded.articles {
            add_article(&mut out, article, table_meta, fields, extractor, send);
        }
        !options.stopped()
    });
    if options.stopped() {
        return Outcome::Abandoned;
    }
    let print = match read {
        Ok(p) => p,
        Err(e) => return unreadable(e.into()),
    };
    out.state.size = print.size;
    out.state.hash = print.hash;
    // Every document was counted as a passage; the articles' and the
    // statements' are not.
    out.passages = out
        .passages
        .saturating_sub(out.articles + out.quotes + out.reported);
    out.state.articles = out.articles as u32;
    Outcome::Indexed(Box::new(out))
}

/// Extracts one article of a file and adds its documents to `out`, handing
/// them over in batches when there are many.
fn add_article(
    out: &mut Indexed,
    mut article: SourceArticle,
    table_meta: Option<&ArticleMeta>,
    fields: &Fields,
    extractor: &Extractor,
    send: &dyn Fn(Outcome) -> bool,
) {
    out.articles += 1;
    if let Some(row) = table_meta {
        out.with_metadata += 1;
        pipeline::apply_metadata(&mut article, row);
    }
    // A failed extraction still indexes the article's passages.
    let (quotations, failure) = pipeline::statements(extractor, &article);
    out.skipped.extend(failure);
    let reported = pipeline::reported_count(&quotations);
    out.reported += reported;
    out.quotes += quotations.len() - reported;
    for doc in documents(fields, &out.key, &article, &quotations) {
        out.docs.push(doc);
        out.passages += 1;
        if out.docs.len() >= BATCH_DOCS {
            if !out.batched {
                out.batched = true;
                send(Outcome::Begin {
                    key: out.key.clone(),
                    mtime: out.state.mtime,
                    known: out.known,
                });
            }
            // When the writer's end is gone the run has stopped; the
            // file's last outcome tells the worker loop.
            if !send(Outcome::Docs(std::mem::take(&mut out.docs))) {
                return;
            }
        }
    }
}

/// Applies one worker outcome to the writer, manifest and report (on the
/// writer's thread); returns the bytes it accounts for.
fn apply(
    outcome: Outcome,
    writer: &IndexWriter<TantivyDocument>,
    qi: &mut QuarryIndex,
    names: &mut Changes,
    report: &mut IndexReport,
) -> Result<u64> {
    let fields = qi.fields;
    let file_term = |key: &str| Term::from_field_text(fields.file, key);
    let delete = |names: &mut Changes, key: &str| {
        names.removing(&fields, key);
        writer.delete_term(file_term(key));
    };
    match outcome {
        Outcome::Unchanged { key, state } => {
            let bytes = state.size;
            qi.manifest.files.insert(key, state);
            report.unchanged += 1;
            Ok(bytes)
        }
        Outcome::Unreadable { key, reason, known } => {
            report.skipped.push(reason);
            if known {
                delete(names, &key);
                qi.manifest.files.remove(&key);
                report.removed += 1;
            }
            Ok(0)
        }
        Outcome::Begin { key, mtime, known } => {
            if known {
                delete(names, &key);
            }
            // Until its last batch is in, the manifest lists the file as
            // partial: a commit meanwhile holds only some of its documents.
            let partial = FileState {
                mtime,
                size: 0,
                hash: 0,
                articles: 0,
                partial: true,
            };
            qi.manifest.files.insert(key, partial);
            Ok(0)
        }
        Outcome::Docs(docs) => {
            for doc in docs {
                names.adding(&fields, &doc);
                writer.add_document(doc)?;
            }
            Ok(0)
        }
        Outcome::Abandoned => Ok(0),
        Outcome::Indexed(done) => {
            let done = *done;
            // A new file has no documents to replace: the index holds only
            // the files its manifest lists.
            if !done.batched && done.known {
                delete(names, &done.key);
            }
            for doc in done.docs {
                names.adding(&fields, &doc);
                writer.add_document(doc)?;
            }
            report.articles += done.articles;
            report.with_metadata += done.with_metadata;
            report.passages += done.passages;
            report.quotes += done.quotes;
            report.reported += done.reported;
            report.bytes += done.state.size;
            report.skipped.extend(done.skipped);
            report.warnings.extend(done.warnings);
            if done.known {
                report.updated += 1;
            } else {
                report.added += 1;
            }
            let bytes = done.state.size;
            qi.manifest.files.insert(done.key, done.state);
            Ok(bytes)
        }
    }
}
