//! Shared helpers: run the real binary in a temporary copy of the bundled corpus.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The repository's bundled corpus.
pub fn bundled_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A scratch folder with a copy of the bundled corpus in `corpus/`.
pub struct Workspace {
    pub dir: TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        for entry in std::fs::read_dir(bundled_corpus()).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
        }
        Workspace { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `quarry ARGS` inside the workspace.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_quarry"))
            .args(args)
            .current_dir(self.path())
            .env_remove("NO_COLOR")
            .output()
            .expect("quarry runs")
    }

    /// Runs `quarry index` and checks it succeeded.
    pub fn index(&self) -> String {
        let out = self.run(&["index"]);
        assert!(out.status.success(), "index failed: {}", stderr(&out));
        stderr(&out)
    }

    /// Runs a search with `--json` and returns the parsed object.
    pub fn search_json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push("--json");
        let out = self.run(&all);
        assert!(
            out.status.code().unwrap() < 2,
            "search failed: {}",
            stderr(&out)
        );
        serde_json::from_slice(&out.stdout).expect("search --json prints JSON")
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The hits array of a search result.
pub fn hits(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["hits"].as_array().expect("hits array")
}
