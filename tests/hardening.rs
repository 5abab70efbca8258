//! Hostile inputs found by probing quarry from outside: each test here
//! failed before its fix. Memory is checked as the child's peak resident
//! size (from `wait4`) under an address-space limit, so a regression fails
//! the test instead of taking the machine; nothing here reads a clock.

mod common;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use common::limits::{run_bounded, wait_with_peak};
use common::{generate_corpus, hits, stats_of, stderr, stdout, Workspace};

const MIB: u64 = 1024 * 1024;

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

fn quarry() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quarry"))
}

fn no_panic(err: &str) {
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
}

fn one_line_error(out: &Output) -> String {
    let err = stderr(out);
    no_panic(&err);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    err
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Runs quarry with `args` in `dir` as an unprivileged user: as root,
/// permissions do not stop anything, so the run drops to `nobody`. The
/// binary is copied into `dir` so that `nobody` may run it wherever the
/// checkout lives (a copy, not a link: the tests open the folder's files
/// to all, which must not reach the build).
fn run_unprivileged(dir: &Path, args: &[&str]) -> Output {
    if !is_root() {
        return quarry().args(args).current_dir(dir).output().unwrap();
    }
    let bin = dir.join("quarry-bin");
    if !bin.exists() {
        std::fs::copy(env!("CARGO_BIN_EXE_quarry"), &bin).unwrap();
    }
    // A copy is written through a handle that a sibling test's fork may
    // still hold for a moment (until that child execs), and the kernel
    // refuses to run a file open for writing: such a refusal is retried.
    for _ in 0..100 {
        let mut cmd = Command::new(&bin);
        cmd.args(args).current_dir(dir);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(65534) != 0
                    || libc::setuid(65534) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        match cmd.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            result => return result.unwrap(),
        }
    }
    panic!("{} stayed busy (open for writing)", bin.display());
}

/// Opens a folder tree to every user (for the unprivileged runs).
fn open_to_all(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o777 } else { 0o666 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            let entry = entry.unwrap();
            if !entry.file_type().unwrap().is_symlink() {
                open_to_all(&entry.path());
            }
        }
    }
}

/// Front matter whose aliases nest `levels` deep, 9 to a level: a loader
/// that expands aliases makes 9^levels strings of it.
fn laughs(levels: usize) -> String {
    let mut yaml = String::from(
        "---\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..levels {
        let p = format!("*a{}", i - 1);
        yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![p; 9].join(",")));
    }
    yaml + "title: Laughs\n---\n“We never expand aliases,” the parser said.\n"
}

#[test]
fn alias_bombs_in_front_matter_take_no_memory() {
    let ws = Workspace::new();
    let bomb = laughs(9);
    assert!(bomb.len() < 512, "{} bytes", bomb.len());
    write(&ws.path().join("corpus/laughs.md"), &bomb);
    // Deep nesting and oversized front matter: skipped with a reason.
    write(
        &ws.path().join("corpus/deep.md"),
        format!("---\ntitle: {}\n---\nBody.\n", "[".repeat(5_000)),
    );
    write(
        &ws.path().join("corpus/deeper.md"),
        format!("---\ntitle: {}\n---\nBody.\n", "[".repeat(40)),
    );
    write(
        &ws.path().join("corpus/huge.md"),
        format!("---\ntitle: {}\n---\nBody.\n", "x".repeat(100_000)),
    );
    let mut cmd = quarry();
    cmd.args(["extract", "corpus/laughs.md"])
        .current_dir(ws.path());
    let (status, err, peak) = run_bounded(cmd, 2048 * MIB);
    assert!(status.success(), "{status}: {err}");
    assert!(peak < 100 * MIB, "extract peaked at {} MiB", peak / MIB);

    let mut cmd = quarry();
    cmd.args(["index", "-v", "--json"]).current_dir(ws.path());
    let (status, err, peak) = run_bounded(cmd, 4096 * MIB);
    assert!(status.success(), "{status}: {err}");
    assert!(peak < 400 * MIB, "index peaked at {} MiB", peak / MIB);
    // Past the parser's own limit the block is not YAML; within it, too deep.
    assert!(err.contains("deep.md: front matter is not YAML"), "{err}");
    assert!(
        err.contains("deeper.md: front matter nests deeper"),
        "{err}"
    );
    assert!(err.contains("huge.md: front matter of"), "{err}");
    let v = ws.search_json(&["aliases", "--kind", "quote"]);
    assert_eq!(hits(&v)[0]["article"]["title"], "Laughs");
}

#[test]
fn many_threads_index_with_enough_memory_each() {
    for threads in ["9", "16", "64"] {
        let ws = Workspace::new();
        let out = ws.run(&["index", "--threads", threads, "--json"]);
        assert!(
            out.status.success(),
            "--threads {threads}: {}",
            stderr(&out)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["articles"], 5);
    }
}

/// Bytes that act on a terminal when printed raw.
fn has_terminal_controls(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let ws = Workspace::new();
    let evil_name = "evil\u{1b}]0;pwned\u{7}\nquarry: forged line.md";
    write(
        &ws.path().join("corpus").join(evil_name),
        "---\npublisher: \"Wire\\nforged: yes\"\ndate: 2025-11-23\n---\n\
         “Clear \u{1b}[2J the \u{1b}]8;;http://x\u{7}screen\u{1b}]8;;\u{7} now\r\u{202e}ok,” Rubio said.\n\
         “It's a 'deal' & a <pact> now,” Witkoff said.\n",
    );
    // A file skipped for its bytes is named in a message.
    write(
        &ws.path().join("corpus").join(format!("{evil_name}.txt")),
        b"bin\x00ary",
    );
    ws.index();
    let out = ws.run(&["search", "screen", "--color", "never"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(has_terminal_controls(&text), None, "{text:?}");
    assert!(text.contains("\\x1b[2J"), "{text}");
    // Every hit header is one line: no newline from a name or a field.
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with("quarry: forged") || l.starts_with("forged: yes")),
        "{text}"
    );
    let with_colour = stdout(&ws.run(&["search", "screen", "--color", "always"]));
    assert!(
        !with_colour.contains("\u{1b}[2J") && !with_colour.contains("\u{1b}]"),
        "{with_colour:?}"
    );
    // extract's table: one line per quotation, escapes shown.
    let out = ws.run(&["extract", "corpus"]);
    let table = stdout(&out);
    assert_eq!(has_terminal_controls(&table), None, "{table:?}");
    let evil_rows: Vec<&str> = table.lines().filter(|l| l.contains("evil")).collect();
    assert_eq!(evil_rows.len(), 2, "{table}");
    assert!(
        evil_rows.iter().all(|r| r.split('\t').count() == 4),
        "{evil_rows:?}"
    );
    // Messages name the file safely too.
    let err = stderr(&ws.run(&["index", "-v", "--rebuild"]));
    assert_eq!(has_terminal_controls(&err), None, "{err:?}");
    // JSON keeps the text as it is, and its snippet is safe in an attribute.
    assert!(
        err.contains("evil\\x1b]0;pwned\\x07\\x0aquarry: forged"),
        "{err}"
    );
    let v = ws.search_json(&["screen", "--kind", "quote"]);
    assert!(hits(&v)[0]["quote"].as_str().unwrap().contains('\u{1b}'));
    let v = ws.search_json(&["pact", "--kind", "quote"]);
    let snippet = hits(&v)[0]["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("&#39;deal&#39; &amp; a &lt;<b>pact</b>&gt;"),
        "{snippet}"
    );
}

/// The segment files of an index folder.
fn segment_files(index: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.len() > 33 && name.as_bytes()[32] == b'.'
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_damaged_index_is_named_and_rebuilt_never_trusted() {
    let ws = Workspace::new();
    ws.index();
    let healthy = stats_of(ws.path(), "index");
    let index = ws.path().join("index");
    write(&index.join("README.md"), "my notes\n");
    type Damage = (&'static str, fn(&Path));
    let damages: [Damage; 4] = [
        ("a segment file cut short", |dir| {
            let f = segment_files(dir)
                .into_iter()
                .find(|p| p.extension().unwrap() == "idx")
                .unwrap();
            let len = std::fs::metadata(&f).unwrap().len();
            std::fs::OpenOptions::new()
                .write(true)
                .open(&f)
                .unwrap()
                .set_len(len / 2)
                .unwrap();
        }),
        ("a segment file deleted", |dir| {
            let f = segment_files(dir)
                .into_iter()
                .find(|p| p.extension().unwrap() == "store")
                .unwrap();
            std::fs::remove_file(f).unwrap();
        }),
        ("meta.json cut short", |dir| {
            let f = dir.join("meta.json");
            std::fs::OpenOptions::new()
                .write(true)
                .open(&f)
                .unwrap()
                .set_len(300)
                .unwrap();
        }),
        ("bytes flipped in every segment file", |dir| {
            for f in segment_files(dir) {
                let mut bytes = std::fs::read(&f).unwrap();
                let at = bytes.len() / 3;
                bytes[at] ^= 0x55;
                std::fs::write(&f, bytes).unwrap();
            }
        }),
    ];
    for (what, damage) in damages {
        damage(&index);
        let out = ws.run(&["index"]);
        let err = one_line_error(&out);
        assert!(
            err.contains("is damaged") && err.contains("--rebuild"),
            "{what}: {err}"
        );
        for args in [
            vec!["search", "peace", "--json"],
            vec!["search", "sanctions", "--speaker", "rubio"],
            vec!["stats"],
        ] {
            let out = ws.run(&args);
            let err = stderr(&out);
            no_panic(&err);
            let code = out.status.code().expect("exited, not killed");
            assert!(code <= 2, "{what}: {args:?}: exit {code}");
            if code == 2 {
                assert_eq!(err.trim_end().lines().count(), 1, "{what}: {err}");
                assert!(err.len() < 600, "{what}: {} bytes: {err}", err.len());
            }
        }
        let out = ws.run(&["index", "--rebuild"]);
        assert!(out.status.success(), "{what}: {}", stderr(&out));
        let rebuilt = stats_of(ws.path(), "index");
        assert_eq!(rebuilt["passages"], healthy["passages"], "{what}");
        assert_eq!(rebuilt["quotes"], healthy["quotes"], "{what}");
        assert_eq!(
            std::fs::read_to_string(index.join("README.md")).unwrap(),
            "my notes\n"
        );
    }
}

#[test]
fn dates_the_index_cannot_hold_are_refused_and_the_article_kept() {
    let ws = Workspace::new();
    write(
        &ws.path().join("corpus/old.md"),
        "---\ntitle: An old report\ndate: 1600-05-01\n---\n“Pikes and muskets,” the herald said.\n",
    );
    let out = ws.run(&["index", "-v"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("1600-05-01 is outside"),
        "{}",
        stderr(&out)
    );
    let v = ws.search_json(&["muskets", "--since", "2025-01-01"]);
    assert!(hits(&v).is_empty(), "{v}");
    let v = ws.search_json(&["muskets"]);
    assert_eq!(hits(&v)[0]["article"]["date"], serde_json::Value::Null);
    // Filters beyond the range are clamped, not wrapped around.
    write(
        &ws.path().join("corpus/early.md"),
        "---\ntitle: An early report\ndate: 1700-01-01\n---\n“Sails and cannon,” the herald said.\n",
    );
    ws.index();
    let v = ws.search_json(&["cannon", "--since", "1500-01-01", "--until", "2900-01-01"]);
    assert_eq!(hits(&v)[0]["article"]["date"], "1700-01-01");
}

#[test]
fn huge_hit_counts_and_offsets_allocate_by_what_is_found() {
    let ws = Workspace::new();
    ws.index();
    let max = u64::MAX.to_string();
    let cases: [&[&str]; 5] = [
        &["-n", "1500000000"],
        &["-n", &max],
        &["--start-offset", &max],
        &["-n", &max, "--start-offset", &max],
        &["-n", &max, "--group-quotes"],
    ];
    for args in cases {
        let mut cmd = quarry();
        cmd.args(["search", "peace", "--json"])
            .args(args)
            .current_dir(ws.path());
        let (status, err, peak) = run_bounded(cmd, 2048 * MIB);
        no_panic(&err);
        // Refused in one line, as the API and a JSON line refuse it.
        assert_eq!(status.code(), Some(2), "{args:?}: {status} {err}");
        assert!(
            err.contains("at most") && err.trim().lines().count() == 1,
            "{args:?}: {err}"
        );
        assert!(peak < 200 * MIB, "{args:?}: {} MiB", peak / MIB);
    }
    // The same in a batch: every line answers, the huge ones with an error
    // line that names the query, not its flags.
    let queries = ws.path().join("queries.txt");
    write(
        &queries,
        format!("peace\t-n {max}\npeace\t--start-offset {max}\nsanctions\n"),
    );
    let out = ws.run(&["search", "--queries", queries.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for refused in &lines[..2] {
        assert_eq!(refused["query"], "peace", "{refused}");
        assert!(
            refused["error"].as_str().unwrap().contains("at most"),
            "{refused}"
        );
    }
    assert!(lines[2]["hits"].is_array(), "{}", lines[2]);
}

#[test]
fn deep_and_huge_queries_get_a_clear_error() {
    let ws = Workspace::new();
    ws.index();
    let deep = format!("{}peace{}", "(".repeat(9_000), ")".repeat(9_000));
    let out = ws.run(&["search", "--", &deep]);
    let err = one_line_error(&out);
    assert!(err.contains("nest 9000 deep"), "{err}");
    assert!(err.len() < 300, "{err}");
    // A batch with a deep line and a 5 MB line: those two fail, the others answer.
    let queries = ws.path().join("queries.txt");
    let huge = "\"".to_string() + &"peace talks ".repeat(450_000) + "\"";
    write(&queries, format!("peace\n{deep}\n{huge}\nsanctions\n"));
    let mut cmd = quarry();
    cmd.args(["search", "--queries", "queries.txt"])
        .current_dir(ws.path());
    let (status, err, peak) = run_bounded(cmd, 2048 * MIB);
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(peak < 200 * MIB, "{} MiB", peak / MIB);
    let out = ws.run(&["search", "--queries", "queries.txt"]);
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[1]["error"].as_str().unwrap().contains("deep"));
    assert!(lines[2]["error"].as_str().unwrap().contains("KiB"));
    assert!(lines[3]["hits"].is_array());
}

#[test]
fn links_out_of_the_corpus_are_not_followed_unless_asked() {
    let ws = Workspace::new();
    let outside = ws.path().join("private");
    write(
        &outside.join("diary.txt"),
        "Diary\n“My secret plans,” the clerk said.\n",
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        outside.join("diary.txt"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    let corpus = ws.path().join("corpus");
    std::os::unix::fs::symlink(outside.join("diary.txt"), corpus.join("diary.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, corpus.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink("000_4600caa0d332a40a.txt", corpus.join("inside.txt")).unwrap();
    let err = ws.index();
    assert!(
        err.contains("diary.txt: a link to") && err.contains("--follow"),
        "{err}"
    );
    assert!(err.contains("elsewhere: a link to"), "{err}");
    let v = ws.search_json(&["secret"]);
    assert!(hits(&v).is_empty(), "{v}");
    assert_eq!(
        stats_of(ws.path(), "index")["files"],
        6,
        "a link inside is followed"
    );
    let out = ws.run(&["index", "--follow"]);
    assert!(out.status.success());
    let v = ws.search_json(&["secret"]);
    let paths: Vec<&str> = hits(&v)
        .iter()
        .map(|h| h["article"]["relative_path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"diary.txt"), "{paths:?}");
}

#[test]
fn a_private_corpus_makes_a_private_index_that_its_reader_can_open() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    std::fs::set_permissions(&corpus, std::fs::Permissions::from_mode(0o700)).unwrap();
    ws.index();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let index = ws.path().join("index");
    assert_eq!(mode(&index) & 0o077, 0, "index folder {:o}", mode(&index));
    // tantivy's own files get the same permissions as quarry's.
    let list = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("quarry-files-")
        })
        .unwrap();
    assert_eq!(mode(&index.join("meta.json")), mode(&list));
    assert_eq!(mode(&index.join(".managed.json")), mode(&list));
}

#[test]
fn an_unreadable_folder_keeps_its_articles() {
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    let sub = corpus.join("sub");
    std::fs::create_dir(&sub).unwrap();
    for name in ["002_f095e6a5aa76c446.txt", "003_1ed1fa57e0d9f531.txt"] {
        std::fs::rename(corpus.join(name), sub.join(name)).unwrap();
    }
    open_to_all(ws.path());
    let index = |ws: &Workspace| run_unprivileged(ws.path(), &["index", "--json"]);
    let out = index(&ws);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = stats_of(ws.path(), "index");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = index(&ws);
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o777)).unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["removed"], 0, "{report}");
    assert_eq!(report["kept_unreadable"], 2, "{report}");
    assert!(
        stderr(&out).contains("cannot read this folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stats_of(ws.path(), "index")["articles"], before["articles"]);
}

#[test]
fn a_read_only_index_answers_searches() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    ws.index();
    open_to_all(ws.path());
    let index = ws.path().join("index");
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    std::fs::set_permissions(&index, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = |args: &[&str]| run_unprivileged(ws.path(), args);
    let out = run(&["search", "sanctions", "--speaker", "rubio", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["stats"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["index"]);
    let err = one_line_error(&out);
    assert!(
        err.contains("cannot write the index") && err.contains("ermission"),
        "{err}"
    );
    // A file kept from its reader is named as such, not called damage.
    std::fs::set_permissions(
        index.join("meta.json"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    let err = one_line_error(&run(&["search", "peace"]));
    assert!(
        err.contains("cannot read the index") && err.contains("meta.json"),
        "{err}"
    );
    std::fs::set_permissions(&index, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn json_lines_are_streamed_and_committed_within_the_file() {
    let ws = Workspace::new();
    let mut lines = String::new();
    for i in 1..=3000 {
        lines.push_str(&format!(
            "{{\"title\": \"Brief {i}\", \"text\": \"“Line {i} holds,” Rubio said of brief{i}. Talks went on in Geneva with officials.\"}}\n"
        ));
    }
    write(&ws.path().join("corpus/briefs.jsonl"), lines);
    let out = ws.run(&["index", "--json", "--commit-every", "0.000001"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["articles"], 3005);
    // One commit per file (6) and the final two would make 8; the JSON
    // Lines file's 6,000 documents come in three batches and commits fall
    // between them.
    assert!(report["commits"].as_u64().unwrap() >= 10, "{report}");
    let v = ws.search_json(&["brief3000"]);
    assert_eq!(hits(&v)[0]["article"]["relative_path"], "briefs.jsonl#3000");
    let again = ws.run(&["index", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["unchanged"], 6, "{report}");
}

#[test]
fn commit_every_zero_commits_only_at_the_end() {
    let ws = Workspace::new();
    generate_corpus(&ws.path().join("corpus/more"), 300, 3);
    let out = ws.run(&["index", "--json", "--commit-every", "0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The commit of the documents and the one that lets merges run.
    assert_eq!(report["commits"], 2, "{report}");
}

/// Starts `quarry index` on a corpus big enough to stop midway, and
/// returns it once it has the lock and its first commit is in, with the
/// thread that collects the rest of its stderr.
fn start_long_index(ws: &Workspace) -> (Child, std::thread::JoinHandle<Vec<String>>) {
    generate_corpus(&ws.path().join("corpus/more"), 6000, 11);
    let mut child = quarry()
        .args(["index", "-v", "--commit-every", "0.02"])
        .current_dir(ws.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rest = common::wait_for_line(child.stderr.take().unwrap(), "files to read");
    // A commit with some of the work: then a stop has something to keep.
    while committed_files(ws.path()).is_none_or(|files| files < 50) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be stopped"
        );
        std::thread::yield_now();
    }
    (child, rest)
}

/// Files in the index's last commit, if it has one.
fn committed_files(dir: &Path) -> Option<u64> {
    let out = common::quarry_in(dir, &["stats", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    v["files"].as_u64()
}

#[test]
fn a_signal_commits_what_is_done_and_a_rerun_finishes() {
    let reference = Workspace::new();
    generate_corpus(&reference.path().join("corpus/more"), 6000, 11);
    reference.index();
    let clean = stats_of(reference.path(), "index");
    for (signal, code, name) in [
        (libc::SIGINT, 130, "SIGINT"),
        (libc::SIGTERM, 143, "SIGTERM"),
    ] {
        let ws = Workspace::new();
        let (child, rest) = start_long_index(&ws);
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let (status, _) = wait_with_peak(child);
        assert_eq!(status.code(), Some(code), "{status}");
        let lines = rest.join().unwrap();
        let last = lines.last().map(String::as_str).unwrap_or_default();
        assert!(
            last.starts_with(&format!("quarry: stopped by {name}: committed")),
            "{lines:?}"
        );
        let files = stats_of(ws.path(), "index")["files"].as_u64().unwrap();
        assert!((50..6005).contains(&files), "{files} files committed");
        let out = ws.run(&["index", "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let after = stats_of(ws.path(), "index");
        assert_eq!(after["files"], 6005);
        assert_eq!(after["passages"], clean["passages"]);
        assert_eq!(after["quotes"], clean["quotes"]);
    }
}
