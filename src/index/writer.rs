//! Incremental indexing: walk the corpus, compare with the manifest, and
//! replace only the articles that changed.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use tantivy::schema::TantivyDocument;
use tantivy::{IndexWriter, Term};

use super::{Fields, FileState, QuarryIndex};
use crate::aliases::Aliases;
use crate::article::Article;
use crate::corpus::{self, ArticleFile, ReadError};
use crate::extract::{try_extract, Quotation};

/// Memory the tantivy writer may use, shared by its threads.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

/// What an index run did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct IndexReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Files not indexed, with the reason.
    pub skipped: Vec<String>,
    pub passages: usize,
    pub quotes: usize,
}

impl IndexReport {
    /// One line for people: "added 5, updated 0, …".
    pub fn summary(&self) -> String {
        format!(
            "added {}, updated {}, removed {}, unchanged {}, skipped {} ({} passages, {} quotations written)",
            self.added,
            self.updated,
            self.removed,
            self.unchanged,
            self.skipped.len(),
            self.passages,
            self.quotes
        )
    }
}

/// Indexes the articles under `corpus` into the index at `dir`.
/// Speakers are renamed by `aliases`; when the aliases differ from those the
/// index was built with, every article is extracted again.
pub fn index_corpus(corpus: &Path, dir: &Path, aliases: &Aliases) -> Result<IndexReport> {
    if !corpus.exists() {
        anyhow::bail!("corpus {}: no such file or folder", corpus.display());
    }
    let mut qi = QuarryIndex::open_or_create(dir)?;
    let mut writer: IndexWriter<TantivyDocument> = match qi.index.writer(WRITER_MEMORY) {
        Ok(w) => w,
        Err(tantivy::TantivyError::LockFailure(..)) => anyhow::bail!(
            "index {} is locked by another quarry process; wait for it to finish and run again",
            dir.display()
        ),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot write the index at {}", dir.display()))
        }
    };
    let (files, problems) = corpus::walk(corpus);
    let mut report = IndexReport {
        skipped: problems,
        ..Default::default()
    };
    let renamed = qi.manifest.aliases != aliases.fingerprint;
    qi.manifest.aliases = aliases.fingerprint;
    let mut seen = BTreeSet::new();
    for file in &files {
        let key = file.path.display().to_string();
        seen.insert(key.clone());
        let known = qi.manifest.files.get(&key).cloned();
        let same_stat = known
            .as_ref()
            .is_some_and(|k| k.mtime == file.mtime && k.size == file.size);
        if !renamed && same_stat {
            report.unchanged += 1;
            continue;
        }
        let bytes = match std::fs::read(&file.path) {
            Ok(b) => b,
            Err(source) => {
                let e = ReadError::Io {
                    path: key.clone(),
                    source,
                };
                report.skipped.push(e.to_string());
                continue;
            }
        };
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
        let state = FileState {
            mtime: file.mtime,
            size: file.size,
            hash,
        };
        if !renamed && known.as_ref().is_some_and(|k| k.hash == hash) {
            qi.manifest.files.insert(key, state);
            report.unchanged += 1;
            continue;
        }
        let text = match corpus::decode(&key, bytes) {
            Ok(t) => t,
            Err(e) => {
                report.skipped.push(format!("{e} (skipped)"));
                if known.is_some() {
                    writer.delete_term(Term::from_field_text(qi.fields.article, &key));
                    qi.manifest.files.remove(&key);
                    report.removed += 1;
                }
                continue;
            }
        };
        let article = Article::parse(text);
        let mut quotations = match try_extract(&article) {
            Ok(q) => q,
            Err(e) => {
                report.skipped.push(format!(
                    "{key}: extraction failed ({e}); indexed without quotations, please report"
                ));
                Vec::new()
            }
        };
        aliases.apply(&mut quotations);
        writer.delete_term(Term::from_field_text(qi.fields.article, &key));
        let (p, q) = add_article(&writer, &qi.fields, file, &key, &article, &quotations)?;
        report.passages += p;
        report.quotes += q;
        if known.is_some() {
            report.updated += 1;
        } else {
            report.added += 1;
        }
        qi.manifest.files.insert(key, state);
    }
    // Files of this corpus that are gone from disk.
    let root = corpus.display().to_string();
    let gone: Vec<String> = qi
        .manifest
        .files
        .keys()
        .filter(|k| !seen.contains(*k) && Path::new(k).starts_with(&root))
        .cloned()
        .collect();
    for key in gone {
        writer.delete_term(Term::from_field_text(qi.fields.article, &key));
        qi.manifest.files.remove(&key);
        report.removed += 1;
    }
    let changed = report.added + report.updated + report.removed > 0;
    let fresh = qi.index.load_metas()?.payload.is_none();
    if changed || fresh {
        let payload = serde_json::to_string(&qi.manifest)?;
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        writer.wait_merging_threads()?;
    }
    Ok(report)
}

/// Adds one article's passage and quotation documents; returns their counts.
fn add_article(
    writer: &IndexWriter<TantivyDocument>,
    f: &Fields,
    _file: &ArticleFile,
    key: &str,
    article: &Article,
    quotations: &[Quotation],
) -> Result<(usize, usize)> {
    let title = article.title.as_deref().unwrap_or("");
    let mut passages = 0;
    for p in article.passages() {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, "passage");
        doc.add_text(f.article, key);
        doc.add_text(f.title, title);
        doc.add_u64(f.paragraph, p.number as u64);
        doc.add_text(f.passage, article.paragraph_text(p));
        writer.add_document(doc)?;
        passages += 1;
    }
    for q in quotations {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, "quote");
        doc.add_text(f.article, key);
        doc.add_text(f.title, title);
        doc.add_u64(f.paragraph, q.paragraph as u64);
        doc.add_text(
            f.context,
            article.paragraph_text(&article.paragraphs[q.paragraph_index]),
        );
        doc.add_text(f.quote, &q.text);
        doc.add_u64(f.start, q.span.start as u64);
        doc.add_u64(f.end, q.span.end as u64);
        if let Some(s) = &q.speaker {
            doc.add_text(f.speaker, &s.name);
            let mut id = s.id.as_str().to_string();
            if s.id.tokens().count() == 1 {
                id.push(' ');
                id.push_str(super::schema::SINGLE_NAME);
            }
            doc.add_text(f.speaker_id, &id);
            doc.add_text(f.speaker_name, &s.name);
        }
        if let Some(o) = &q.outlet {
            doc.add_text(f.outlet, o);
            doc.add_text(f.outlet_id, crate::extract::names::fold_tokens(o).join(" "));
            doc.add_text(f.outlet_name, o);
        }
        if let Some(c) = &q.cue {
            doc.add_text(f.cue, c);
        }
        writer.add_document(doc)?;
    }
    Ok((passages, quotations.len()))
}
