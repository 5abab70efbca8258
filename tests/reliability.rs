//! Reliability: hostile corpora, bad queries, concurrent runs and crashes
//! mid-index. Nothing is lost, nothing panics, every skip is explained.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{generate_corpus, hits, quarry_in, stats_of, stderr, stdout, Workspace};
use quarry::article::Article;
use quarry::extract::extract;
use quarry::index::writer::{index_corpus_observed, IndexOptions, Observer};

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn no_panic(err: &str) {
    assert!(
        !err.contains("panicked")
            && !err.contains("internal error")
            && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

#[test]
fn a_hostile_corpus_is_indexed_or_skipped_file_by_file() {
    let ws = Workspace::new();
    let c = ws.path().join("corpus");
    write(&c, "binary.txt", b"GIF89a\x00\x01\x02\x00binary");
    write(&c, "latin1.txt", b"Caf\xe9 society said \"hello\".\n");
    write(&c, "empty.txt", b"");
    write(&c, "blank.md", b"\n\n   \n");
    // A 50 MB article on one line.
    let prose =
        "Negotiators met again in Geneva, and officials said talks would resume next week. ";
    let quote = "“We are still a long ways off,” Rubio said on Sunday. ";
    let chunk = prose.repeat(999) + quote;
    write(&c, "one-line.txt", chunk.repeat(50_000_000 / chunk.len()));
    write(
        &c,
        "unbalanced.txt",
        "Nested quotes\n“He said ‘we will “never” agree’ and left,” Smith said.\n\
         “An opening mark that never closes, Jones said.\n\
         A closing mark with no opening” said nobody.\n\
         \"Straight \"nested\" quotes\" confuse, Lee said. \"\"\"\"\n",
    );
    write(
        &c,
        "unclosed.txt",
        format!("Title\n“{}\n", "word ".repeat(200_000)),
    );
    write(
        &c,
        "many-quotes.txt",
        format!("Marks\n{}\n", "“a” ‘b’ \"c\" ".repeat(20_000)),
    );
    write(
        &c,
        "long-words.txt",
        format!("Long\n{} said Rubio.\n", "x".repeat(1_000_000)),
    );
    write(
        &c,
        "rtl.txt",
        "שלום עולם\n\n“السلام عليكم,” قال المتحدث. “שלום,” אמר הדובר. Zelenskyy\u{0301}\u{0308} said “e\u{0301}te\u{0301}”.\n",
    );
    std::os::unix::fs::symlink(".", c.join("loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", c.join("dangling.txt")).unwrap();
    write(&c, "locked.txt", "“Locked away,” the clerk said.\n");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(c.join("locked.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything: then the file is simply indexed.
    let root = std::fs::read(c.join("locked.txt")).is_ok();

    let started = Instant::now();
    let out = ws.run(&["index", "--json"]);
    let secs = started.elapsed().as_secs_f64();
    no_panic(&stderr(&out));
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    common::assert_schema("index-report.schema.json", &report);
    let skipped: Vec<String> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s["path"].as_str().unwrap(),
                s["reason"].as_str().unwrap()
            )
        })
        .collect();
    let skipped_for = |name: &str, reason: &str| {
        skipped
            .iter()
            .any(|s| s.contains(name) && s.to_lowercase().contains(reason))
    };
    assert!(skipped_for("binary.txt", "binary file"), "{skipped:#?}");
    assert!(skipped_for("latin1.txt", "invalid utf-8"), "{skipped:#?}");
    assert!(skipped_for("loop", "loop"), "{skipped:#?}");
    assert!(skipped_for("dangling.txt", "no such file"), "{skipped:#?}");
    if !root {
        assert!(
            skipped_for("locked.txt", "permission denied"),
            "{skipped:#?}"
        );
    }
    // Every other file is indexed: 5 bundled articles and 8 made here (9 as root).
    let expected_added = 5 + 8 + usize::from(root);
    assert_eq!(report["added"], expected_added, "{report}");
    assert_eq!(skipped.len(), 4 + usize::from(!root), "{skipped:#?}");
    eprintln!("hostile corpus indexed in {secs:.1} s");

    // The index answers, including from the odd files.
    let v = ws.search_json(&["sanctions", "--speaker", "rubio"]);
    assert!(!hits(&v).is_empty());
    let v = ws.search_json(&["שלום"]);
    assert!(!hits(&v).is_empty(), "{v}");
    let v = ws.search_json(&["\"long ways off\"", "--speaker", "rubio", "-n", "3"]);
    assert_eq!(hits(&v).len(), 3);
    assert!(v["num_hits"].as_u64().unwrap() > 500, "{}", v["num_hits"]);
    let v = ws.search_json(&["resume", "--kind", "passage", "-n", "1"]);
    assert!(hits(&v)[0]["passage"].as_str().unwrap().len() <= 4096);
}

#[test]
fn a_file_removed_while_indexing_is_skipped_and_the_rest_indexed() {
    struct RemoveOne<'a>(&'a Path);
    impl Observer for RemoveOne<'_> {
        fn planned(&self, _files: usize, _bytes: u64) {
            // The walk has listed it; now it goes.
            std::fs::remove_file(self.0).unwrap();
        }
    }
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    let victim = corpus.join("002_f095e6a5aa76c446.txt");
    let report = index_corpus_observed(
        &corpus,
        &ws.path().join("index"),
        &IndexOptions::default(),
        &RemoveOne(&victim),
    )
    .unwrap();
    assert_eq!(report.added, 4);
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert!(
        report.skipped[0].path.contains("002_f095e6a5aa76c446.txt")
            && report.skipped[0].reason.contains("No such file"),
        "{:?}",
        report.skipped
    );
}

/// The extractor's steps (tokens read, mentions weighed) for one article.
fn steps_for(article: &Article) -> u64 {
    let before = quarry::extract::work::steps();
    extract(article);
    quarry::extract::work::steps() - before
}

/// Linear time, checked by counting the extractor's work rather than by
/// timing it: a count does not change when the machine is busy.
#[test]
fn extraction_work_grows_linearly_on_pathological_quotes() {
    // Each generator makes a paragraph of about n units of a hostile pattern.
    type Pattern = (&'static str, fn(usize) -> String);
    let patterns: [Pattern; 8] = [
        ("alternating marks", |n| "“a” ".repeat(n)),
        ("openings only", |n| "“word ".repeat(n)),
        ("straight marks", |n| "\"x\" said he. ".repeat(n)),
        ("nested", |n| "“a ‘b “c ‘d ".repeat(n)),
        ("names and cues", |n| {
            "Rubio said “yes,” he added, Mr. Smith told CNN. ".repeat(n)
        }),
        ("pronouns after names", |n| {
            "Mr. Smith and Ms. Jones met. “No,” she said. “Yes,” he said. ".repeat(n)
        }),
        // One sentence of reported speech without end: every cue is tried
        // with its sources and cuts.
        ("run-on reported speech", |n| {
            "officials said voters believe the plan would fail, and Rubio wants a deal ".repeat(n)
        }),
        ("run-on according to", |n| {
            "according to the senator the talks will resume; polls show ".repeat(n)
        }),
    ];
    for (name, make) in patterns {
        let small = Article::parse(format!("T\n{}\n", make(2_000)));
        let large = Article::parse(format!("T\n{}\n", make(16_000)));
        let (s, l) = (steps_for(&small), steps_for(&large));
        assert!(
            s > 2_000,
            "{name}: {s} steps: the count does not see this pattern"
        );
        let ratio = l as f64 / s as f64;
        // Linear is 8; quadratic would be 64.
        assert!(
            ratio < 12.0,
            "{name}: 8× the input took {ratio:.1}× the steps ({s} → {l})"
        );
    }
}

#[test]
fn bad_queries_get_a_one_line_error_or_an_empty_result() {
    let ws = Workspace::new();
    ws.index();
    let huge = "peace ".repeat(20_000);
    let deep = format!("{}peace{}", "(".repeat(5_000), ")".repeat(5_000));
    let cases: Vec<(&str, Option<i32>)> = vec![
        ("", Some(2)),
        ("   ", Some(2)),
        ("\"unclosed phrase", None),
        ("AND", None),
        ("(", None),
        (")", None),
        ("peace AND", None),
        ("nosuchfield:peace", None),
        ("speaker:", None),
        ("title:[a TO", None),
        ("*", None),
        ("-", None),
        ("-peace", None),
        ("the of and a", None),
        ("~2", None),
        ("peace^notanumber", None),
        ("\u{1}\u{7f}", None),
        ("🙂 ☮", None),
        ("שלום", None),
        (&huge, None),
        (&deep, None),
    ];
    for (query, expected) in cases {
        let out = ws.run(&["search", "--json", "--", query]);
        let err = stderr(&out);
        let shown: String = query.chars().take(40).collect();
        no_panic(&err);
        let code = out.status.code().expect("exited, not killed");
        assert!((0..=2).contains(&code), "{shown:?}: exit {code}");
        if let Some(e) = expected {
            assert_eq!(code, e, "{shown:?}: {err}");
        }
        if code == 2 {
            assert_eq!(err.trim_end().lines().count(), 1, "{shown:?}: {err}");
            assert!(err.starts_with("quarry: "), "{shown:?}: {err}");
        } else {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{shown:?}: {e}: {}", stdout(&out)));
            common::assert_schema("results.schema.json", &v);
        }
    }
    // Scripts that ask for syntax get the error.
    let out = ws.run(&["search", "--json", "--strict", "nosuchfield:peace"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("'nosuchfield'"), "{}", stderr(&out));
    // Filters with nothing usable in them find nothing, quietly.
    for flag in ["--speaker", "--outlet", "--publisher"] {
        let out = ws.run(&["search", "peace", flag, "!!!", "--json"]);
        assert_eq!(out.status.code(), Some(1), "{flag}: {}", stderr(&out));
    }
}

#[test]
fn a_second_index_run_fails_fast_and_searches_see_the_last_commit() {
    let ws = Workspace::new();
    ws.index();
    let before = stats_of(ws.path(), "index");
    generate_corpus(&ws.path().join("corpus/more"), 3000, 7);
    // One long article keeps the first run busy for seconds on any machine.
    let line = "Negotiators met again in Geneva, and officials said talks would resume. ";
    write(
        &ws.path().join("corpus"),
        "long.txt",
        line.repeat(30_000_000 / line.len()),
    );
    let mut first = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(["index", "-v", "--commit-every", "100000", "-q"])
        .current_dir(ws.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // With -v a run says when it has the lock and knows its work: wait for
    // that line rather than for a time that a busy machine may overrun.
    let _rest = common::wait_for_line(first.stderr.take().unwrap(), "files to read");
    let second = ws.run(&["index"]);
    let during = stats_of(ws.path(), "index");
    let search = ws.search_json(&["sanctions", "--speaker", "rubio"]);
    let still_running = first.try_wait().unwrap().is_none();
    assert!(
        still_running,
        "the first run ended before the checks; make the generated corpus bigger"
    );
    assert_eq!(second.status.code(), Some(2));
    assert!(
        stderr(&second).contains("is locked by another quarry process"),
        "{}",
        stderr(&second)
    );
    // Searches run against the last committed state: the bundled corpus only.
    assert_eq!(during["passages"], before["passages"]);
    assert!(!hits(&search).is_empty());
    let status = first.wait().unwrap();
    assert!(status.success());
    let after = stats_of(ws.path(), "index");
    assert_eq!(after["articles"], 3006);
}

/// Kills `quarry index` with SIGKILL at many moments of a run and checks
/// each time that the index opens and answers, and that a re-run converges
/// to exactly the documents a clean build has: none lost, none doubled.
#[test]
fn killing_the_indexer_at_any_moment_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Two states of one corpus: B edits 300 of A's 2000 articles, drops 150, adds 150.
    let a = root.join("a");
    let b = root.join("b");
    generate_corpus(&a, 2000, 1);
    common::copy_dir(&a, &b);
    for i in 0..300 {
        let path = b.join(format!("gen{:05}.txt", i * 5));
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("“An added line,” Rubio said.\n");
        std::fs::write(&path, text).unwrap();
    }
    for i in 0..150 {
        std::fs::remove_file(b.join(format!("gen{:05}.txt", i * 13 + 1))).unwrap();
    }
    generate_corpus(&b.join("new"), 150, 2);
    // The corpus is one folder whose content changes: the state in use is
    // renamed to `corpus` (a link would be another folder, since files
    // are keyed by their canonical path).
    let current: std::cell::RefCell<Option<PathBuf>> = Default::default();
    let use_corpus = |which: &Path| {
        let corpus = root.join("corpus");
        if let Some(previous) = current.borrow_mut().take() {
            std::fs::rename(&corpus, previous).unwrap();
        }
        std::fs::rename(which, &corpus).unwrap();
        *current.borrow_mut() = Some(which.to_path_buf());
    };
    let index = |name: &str| -> Duration {
        let t = Instant::now();
        let out = quarry_in(root, &["index", "corpus", "-i", name, "-q"]);
        assert!(out.status.success(), "{}", stderr(&out));
        t.elapsed()
    };
    let counts = |v: &serde_json::Value| {
        (
            v["files"].as_u64().unwrap(),
            v["articles"].as_u64().unwrap(),
            v["passages"].as_u64().unwrap(),
            v["quotes"].as_u64().unwrap(),
        )
    };
    // Reference builds, and how long a full build and an update take.
    use_corpus(&b);
    index("ref-b");
    let expected_b = counts(&stats_of(root, "ref-b"));
    use_corpus(&a);
    let full = index("ref-a");
    let expected_a = counts(&stats_of(root, "ref-a"));
    index("work");
    use_corpus(&b);
    let update = index("work");
    assert_eq!(counts(&stats_of(root, "work")), expected_b);

    // Kills that land after a run has ended test nothing: go on until 20
    // have landed mid-run (a busy or an idle machine shifts where they land).
    let (wanted, most_rounds) = (20, 60);
    let mut killed_mid_run = 0;
    let mut rounds = 0;
    for round in 0..most_rounds {
        if killed_mid_run >= wanted {
            break;
        }
        rounds += 1;
        // Even rounds: a first build of A from nothing. Odd rounds: A's
        // complete index updated to B.
        let (length, expected) = if round % 2 == 0 {
            let _ = std::fs::remove_dir_all(root.join("work"));
            use_corpus(&a);
            (full, expected_a)
        } else {
            use_corpus(&a);
            index("work");
            use_corpus(&b);
            (update, expected_b)
        };
        // Kill points spread over the run by the golden ratio.
        let at = length.mul_f64(0.02 + 0.96 * ((round as f64 * 0.618_034) % 1.0));
        let mut child = Command::new(env!("CARGO_BIN_EXE_quarry"))
            .args([
                "index",
                "corpus",
                "-i",
                "work",
                "-q",
                "--commit-every",
                "0.05",
            ])
            .current_dir(root)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // The index opens and answers (when the first commit had happened).
        if root.join("work/meta.json").exists() {
            let out = quarry_in(root, &["search", "talks", "-i", "work", "--json"]);
            assert!(
                out.status.code().unwrap() < 2,
                "round {round}: {}",
                stderr(&out)
            );
            stats_of(root, "work");
        }
        // A re-run converges to the clean build's documents.
        index("work");
        let got = counts(&stats_of(root, "work"));
        if got != expected {
            let reference = if round % 2 == 0 { "ref-a" } else { "ref-b" };
            let (mine, theirs) = (
                per_article(&root.join("work")),
                per_article(&root.join(reference)),
            );
            for (k, v) in &mine {
                if theirs.get(k) != Some(v) {
                    eprintln!("{k}: {v} here, {:?} in {reference}", theirs.get(k));
                }
            }
        }
        assert_eq!(got, expected, "round {round}, killed after {at:?}");
        // Nothing doubled: each article's unique paragraph is found once.
        // (Articles 13k are in both states of the corpus.)
        let probe = format!("docid1x{}", 13 * (round + 3));
        let v: serde_json::Value = serde_json::from_slice(
            &quarry_in(root, &["search", &probe, "-i", "work", "--json"]).stdout,
        )
        .unwrap();
        assert_eq!(v["num_hits"], 1, "round {round}: {probe}");
    }
    eprintln!(
        "{killed_mid_run} of {rounds} kills landed mid-run (full build {full:?}, update {update:?})"
    );
    assert!(
        killed_mid_run >= wanted,
        "only {killed_mid_run} of {rounds} kills landed mid-run"
    );
}

/// Live documents per article key, for explaining a mismatch.
fn per_article(dir: &Path) -> std::collections::BTreeMap<String, usize> {
    use tantivy::schema::Value;
    let qi = quarry::index::QuarryIndex::open(dir).unwrap();
    let searcher = qi.index.reader().unwrap().searcher();
    let mut counts = std::collections::BTreeMap::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            let d: tantivy::TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc))
                .unwrap();
            let key = d
                .get_first(qi.fields.article)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
}
