//! Index-time bad luck: a disk that fills, a file of one endless line or a
//! sparse image, a feed that grows while it is read, names that are not
//! UTF-8. Costs are counted (peak resident size, bytes on disk), never timed.

mod common;

use std::path::Path;
use std::process::Command;

use common::http::{enc, Server};
use common::limits::run_bounded;
use common::{generate_corpus, hits, stats_of, stderr, Workspace};

const MIB: u64 = 1024 * 1024;

fn quarry() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quarry"))
}

/// A file of about `bytes` of news on one line, no line break: one
/// paragraph, with a quotation every 80 KB.
fn one_line(path: &Path, bytes: usize) {
    let prose =
        "Negotiators met again in Geneva, and officials said talks would resume next week. ";
    let chunk = prose.repeat(999) + "“We are still a long ways off,” Rubio said on Sunday. ";
    let text = format!("One line\n\n{}", chunk.repeat(bytes / chunk.len()));
    std::fs::write(path, text).unwrap();
}

/// `quarry index -v` in `ws` under a 3 GB address-space limit: it must
/// succeed; its stderr and peak resident size.
fn index_bounded(ws: &Workspace) -> (String, u64) {
    let mut cmd = quarry();
    cmd.args(["index", "-v"]).current_dir(ws.path());
    let (status, err, peak) = run_bounded(cmd, 3072 * MIB);
    assert!(status.success(), "{err}");
    (err, peak)
}

#[test]
fn a_huge_paragraph_or_a_sparse_image_costs_a_bounded_multiple_of_its_text() {
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    one_line(&corpus.join("one-line.txt"), 40 << 20);
    // Two gigabytes of nothing: read for its first bytes only.
    let sparse = std::fs::File::create(corpus.join("disk-image.txt")).unwrap();
    sparse.set_len(2 << 30).unwrap();
    let (err, peak) = index_bounded(&ws);
    assert!(
        err.contains("disk-image.txt: binary file (NUL byte at 0)"),
        "{err}"
    );
    // Before: 16 times the line, and the whole sparse file, in memory.
    eprintln!("peak {} MB", peak / MIB);
    assert!(peak < 400 * MIB, "peak {} MB", peak / MIB);
    // The bundled articles are all there, and the line is read for its
    // statements, a window at a time.
    let stats = stats_of(ws.path(), "index");
    assert_eq!(stats["articles"], 6, "{stats}");
    let v = ws.search_json(&["\"long ways off\"", "--speaker", "rubio", "-n", "3"]);
    assert!(v["num_hits"].as_u64().unwrap() > 400, "{}", v["num_hits"]);
}

#[test]
fn a_long_json_line_is_skipped_with_its_reason() {
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    let mut feed =
        String::from("{\"title\": \"First\", \"text\": \"Rubio said talks went on.\"}\n");
    feed.push_str("{\"title\": \"Huge\", \"text\": \"");
    feed.push_str(&"a ".repeat(35 << 20));
    feed.push_str("\"}\n{\"title\": \"Last\", \"text\": \"Putin said nothing.\"}\n");
    std::fs::write(corpus.join("feed.jsonl"), &feed).unwrap();
    let (err, peak) = index_bounded(&ws);
    assert!(
        err.contains("feed.jsonl#2: a line of 73.4 MB, over the 64 MB"),
        "{err}"
    );
    assert!(peak < 400 * MIB, "peak {} MB", peak / MIB);
    assert_eq!(stats_of(ws.path(), "index")["articles"], 7);
    // Nothing changed: the next run reads nothing again.
    let out = ws.run(&["index"]);
    assert!(stderr(&out).contains("unchanged 6"), "{}", stderr(&out));
}

#[test]
fn a_feed_that_grows_while_indexed_is_read_as_it_was() {
    let ws = Workspace::new();
    let feed = ws.path().join("corpus/feed.jsonl");
    let line = |i: usize| {
        format!("{{\"title\": \"Item {i}\", \"text\": \"Item {i}: Rubio said talks went on.\"}}\n")
    };
    std::fs::write(&feed, (0..2000).map(line).collect::<String>()).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Appends while the index runs, up to a cap far beyond what a run that
    // stops at the size it found would read.
    const CAP: usize = 2_000_000;
    let writer = {
        let (stop, feed) = (stop.clone(), feed.clone());
        std::thread::spawn(move || {
            use std::io::Write;
            let mut out = std::fs::OpenOptions::new()
                .append(true)
                .open(&feed)
                .unwrap();
            let mut n = 2000;
            while n < CAP && !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let chunk: String = (n..n + 500).map(line).collect();
                out.write_all(chunk.as_bytes()).unwrap();
                n += 500;
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            n
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(50));
    let out = ws.run(&["index"]);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        written < CAP,
        "the run read the feed for as long as it grew"
    );
    let articles = stats_of(ws.path(), "index")["articles"].as_u64().unwrap();
    assert!(
        (2005..written as u64 + 5).contains(&articles),
        "{articles} of {written}"
    );
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_have_one_id_from_index_to_page() {
    use std::os::unix::ffi::OsStrExt;
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    let raw = corpus.join(std::ffi::OsStr::from_bytes(b"bad\xff\xfename.txt"));
    // A file literally named as the other's escaped key would read.
    let lookalike = corpus.join("bad\\xff\\xfename.txt");
    std::fs::write(
        &raw,
        "Raw name\n\nThe senator said the zeppelin plan was sound.\n",
    )
    .unwrap();
    std::fs::write(
        &lookalike,
        "Look-alike\n\nThe mayor said the quokka budget was fine.\n",
    )
    .unwrap();
    ws.index();
    let server = Server::start(ws.path(), "index");
    let mut ids = Vec::new();
    for (word, own, other) in [
        ("zeppelin", "zeppelin", "quokka"),
        ("quokka", "quokka", "zeppelin"),
    ] {
        let v = server.json(&format!("/api/search?q={word}"));
        let id = hits(&v)[0]["article"]["id"].as_str().unwrap().to_string();
        let view = server.json(&format!("/api/article?id={}", enc(&id)));
        let text = view["text"].as_str().unwrap();
        assert!(
            text.contains(own) && !text.contains(other),
            "{id:?}: {text}"
        );
        ids.push(id);
    }
    assert_ne!(ids[0], ids[1]);
}

/// A tmpfs of a few MB mounted for the test's length.
#[cfg(quarry_tmpfs)]
struct SmallDisk(std::path::PathBuf);

#[cfg(quarry_tmpfs)]
impl SmallDisk {
    fn mount(dir: &Path, mb: u32) -> SmallDisk {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mb}m"), "tmpfs"])
            .arg(dir)
            .status()
            .unwrap()
            .success();
        assert!(ok, "cannot mount a tmpfs at {}", dir.display());
        SmallDisk(dir.to_path_buf())
    }

    fn used(&self) -> u64 {
        let out = Command::new("df")
            .args(["--output=used", "-B1"])
            .arg(&self.0)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .unwrap()
    }
}

#[cfg(quarry_tmpfs)]
impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[cfg_attr(
    not(quarry_tmpfs),
    ignore = "mounts a small tmpfs to fill it: needs root with CAP_SYS_ADMIN (CI has it)"
)]
#[test]
fn a_full_disk_is_named_and_leaves_the_disk_as_it_was() {
    #[cfg(quarry_tmpfs)]
    {
        let ws = Workspace::new();
        let big = ws.path().join("big");
        generate_corpus(&big, 1500, 3);
        let disk = SmallDisk::mount(&ws.path().join("disk"), 3);
        let index = ws.path().join("disk/index");
        let index = index.to_str().unwrap();
        let run = |corpus: &Path| {
            quarry()
                .arg("index")
                .arg(corpus)
                .args(["-i", index])
                .output()
                .unwrap()
        };
        // A first build that cannot fit: said in words, nothing left.
        let out = run(&big);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains("no space left on device"), "{err}");
        assert!(disk.used() < 64 * 1024, "{} bytes left behind", disk.used());
        // An index that fits, then a run that does not: the index is as it was.
        let corpus = ws.path().join("corpus");
        let out = run(&corpus);
        assert!(out.status.success(), "{}", stderr(&out));
        let before = disk.used();
        let out = run(&big);
        let err = stderr(&out);
        assert!(
            err.contains("no space left on device") && err.contains("as before this run"),
            "{err}"
        );
        assert!(
            disk.used() <= before + 64 * 1024,
            "{} bytes before, {} after",
            before,
            disk.used()
        );
        // And the next small run works.
        std::fs::write(
            corpus.join("late.txt"),
            "Late news\n\nRubio said nothing new.\n",
        )
        .unwrap();
        let out = run(&corpus);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}
