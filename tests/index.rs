//! Incremental indexing: unchanged corpora are a no-op, edits and deletions show up.

mod common;

use common::{hits, stderr, Workspace};

#[test]
fn reindexing_an_unchanged_corpus_changes_nothing() {
    let ws = Workspace::new();
    let first = ws.index();
    assert!(first.contains("added 5"), "{first}");
    let meta = std::fs::read(ws.path().join("index/meta.json")).unwrap();
    let second = ws.index();
    assert!(
        second.contains("added 0, updated 0, removed 0, unchanged 5"),
        "{second}"
    );
    assert_eq!(
        meta,
        std::fs::read(ws.path().join("index/meta.json")).unwrap()
    );
}

#[test]
fn edited_and_deleted_articles_are_updated() {
    let ws = Workspace::new();
    ws.index();
    let corpus = ws.path().join("corpus");
    // Edit: a new quotation in one article.
    let edited = corpus.join("002_f095e6a5aa76c446.txt");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("\n“Marmalade diplomacy is the future,” Rubio said on CNN.\n");
    std::fs::write(&edited, text).unwrap();
    // Delete: the article with Witkoff's Article Five quotes.
    std::fs::remove_file(corpus.join("003_1ed1fa57e0d9f531.txt")).unwrap();
    let report = ws.index();
    assert!(
        report.contains("updated 1, removed 1, unchanged 3"),
        "{report}"
    );

    let v = ws.search_json(&["marmalade", "--speaker", "rubio"]);
    let found = hits(&v);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["outlet"], "CNN");
    let v = ws.search_json(&["\"Article Five\""]);
    assert!(hits(&v).is_empty());
    // The edited article's other passages are there once, not twice.
    let v = ws.search_json(&["\"wartime economy\"", "--kind", "passage"]);
    assert_eq!(hits(&v).len(), 1);
}

#[test]
fn unreadable_article_is_reported_and_skipped() {
    let ws = Workspace::new();
    std::fs::write(ws.path().join("corpus/bad.txt"), [0xff, 0xfe, 0x41]).unwrap();
    let out = ws.run(&["index"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("bad.txt: invalid UTF-8 at byte 0"), "{err}");
    assert!(err.contains("added 5"), "{err}");
}

#[test]
fn missing_corpus_is_a_clear_error() {
    let ws = Workspace::new();
    let out = ws.run(&["index", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nowhere: no such file or folder"));
}

#[test]
fn aliases_rename_speakers_and_a_changed_file_reindexes() {
    let ws = Workspace::new();
    let aliases = ws.path().join("aliases.toml");
    std::fs::write(
        &aliases,
        "[aliases]\n\"Volodymyr Zelensky\" = [\"Zelenskyy\", \"Selenskyj\"]\n",
    )
    .unwrap();
    let out = ws.run(&["index", "--aliases", "aliases.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = ws.run(&["speakers", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "Volodymyr Zelensky"),
        "{rows}"
    );
    // The same aliases again: nothing to do.
    let again = ws.run(&["index", "--aliases", "aliases.toml"]);
    assert!(stderr(&again).contains("unchanged 5"), "{}", stderr(&again));
    // Without them: every article is named anew.
    let plain = ws.run(&["index"]);
    assert!(stderr(&plain).contains("updated 5"), "{}", stderr(&plain));
    // Aliases also translate --speaker at search time.
    std::fs::write(ws.path().join("a.tsv"), "Selenskyj\tVolodymyr Zelenskyy\n").unwrap();
    let v = ws.search_json(&["zone", "--speaker", "Selenskyj", "--aliases", "a.tsv"]);
    let kinds: Vec<&str> = hits(&v)
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    // One sentence, one hit: the quotation, not the reported speech around it.
    assert_eq!(kinds, ["quote"], "{kinds:?}");
    let v = ws.search_json(&[
        "zone",
        "--speaker",
        "Selenskyj",
        "--aliases",
        "a.tsv",
        "--kind",
        "reported",
    ]);
    assert_eq!(hits(&v).len(), 1, "{v}");
}

#[test]
fn malformed_aliases_file_is_a_one_line_error() {
    let ws = Workspace::new();
    std::fs::write(ws.path().join("bad.tsv"), "no tab here\n").unwrap();
    let out = ws.run(&["index", "--aliases", "bad.tsv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1);
    assert!(err.contains("bad.tsv") && err.contains("line 1"), "{err}");
}

#[test]
fn index_json_lists_what_was_skipped_and_why() {
    let ws = Workspace::new();
    std::fs::write(ws.path().join("corpus/empty.txt"), "").unwrap();
    std::fs::write(ws.path().join("corpus/binary.md"), [b'x', 159, 146, 150, 1]).unwrap();
    std::fs::write(ws.path().join("corpus/nul.txt"), b"text\0with a NUL").unwrap();
    let out = ws.run(&["index", "--json", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["added"], 6, "{report}");
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2, "{report}");
    assert!(
        skipped[0]["path"].as_str().unwrap().ends_with("/binary.md")
            && skipped[0]["reason"] == "invalid UTF-8 at byte 1",
        "{report}"
    );
    assert!(
        skipped[1]["path"].as_str().unwrap().ends_with("/nul.txt")
            && skipped[1]["reason"] == "binary file (NUL byte at 4)",
        "{report}"
    );
}

#[test]
fn a_second_writer_is_told_the_index_is_locked() {
    let ws = Workspace::new();
    ws.index();
    // Hold tantivy's writer lock the way a running `quarry index` does.
    let index = tantivy::Index::open_in_dir(ws.path().join("index")).unwrap();
    let _writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    let out = ws.run(&["index"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("is locked by another quarry process"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    // Searching still works while the writer holds the lock.
    let v = ws.search_json(&["sanctions"]);
    assert!(!hits(&v).is_empty());
}

#[test]
fn an_index_from_another_schema_version_asks_for_a_rebuild_or_is_rebuilt_when_default() {
    let ws = Workspace::new();
    ws.index();
    let meta_path = ws.path().join("index/meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    let mut payload: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    payload["schema_version"] = serde_json::json!(0);
    meta["payload"] = serde_json::Value::String(payload.to_string());
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    // Named, it is the user's to rebuild.
    let out = ws.run(&["search", "sanctions", "-i", "index"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("re-index needed"), "{}", stderr(&out));
    // The default index of the bundled corpus is built again.
    let out = ws.run(&["search", "sanctions"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("from another quarry version; indexing corpus/ again"),
        "{}",
        stderr(&out)
    );
    assert!(ws.run(&["search", "sanctions"]).stderr.is_empty());
}

/// An update works out again only the speaker names its articles touch
/// (from counts kept beside the index); hits must still name speakers as a
/// whole work-out would, as a bare surname changes hands.
#[test]
fn an_update_names_speakers_as_a_whole_work_out_would() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let write = |name: &str, text: &str| std::fs::write(corpus.join(name), text).unwrap();
    write(
        "hillary.txt",
        "Hillary Clinton spoke on Monday.\n\n\
         “We will win the state,” Hillary Clinton said.\n\n\
         “Our plan is ready,” Hillary Clinton said on Tuesday.\n\n\
         “The debate went well,” Hillary Clinton said later.\n",
    );
    write("bill.txt", "“The economy is strong,” Bill Clinton said.\n");
    write("bare.txt", "“Taxes are too high,” Clinton said.\n");
    let speaker_of_taxes = || {
        let out = common::quarry_in(dir.path(), &["search", "taxes", "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        hits(&v)[0]["speaker"].as_str().unwrap().to_string()
    };
    let index = || {
        let out = common::quarry_in(dir.path(), &["index"]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    // Whatever the kept files say, a search without them works it out whole.
    let whole = || {
        for file in ["quarry-speaker-names.json", "quarry-speaker-counts.json"] {
            std::fs::remove_file(dir.path().join("index").join(file)).unwrap();
        }
        speaker_of_taxes()
    };
    index();
    // Hillary holds 3 of the Clintons' 4 statements: "Clinton" is no one's.
    assert_eq!(speaker_of_taxes(), "Clinton");
    std::fs::remove_file(corpus.join("bill.txt")).unwrap();
    index();
    assert!(dir
        .path()
        .join("index/quarry-speaker-counts.json")
        .is_file());
    assert_eq!(speaker_of_taxes(), "Hillary Clinton");
    assert_eq!(whole(), "Hillary Clinton");
    // Back again (the counts were just worked out whole by that search).
    index();
    write("bill.txt", "“The economy is strong,” Bill Clinton said.\n");
    index();
    assert_eq!(speaker_of_taxes(), "Clinton");
    assert_eq!(whole(), "Clinton");
}
