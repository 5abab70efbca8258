//! Shared helpers: run the real binary in a temporary copy of the bundled corpus.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

pub mod http;
#[cfg(unix)]
pub mod limits;

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

    /// The bundled corpus with a metadata table (publisher, date; titles
    /// for some) and one more article whose quotations hold markup, indexed:
    /// what the server and browser tests look at.
    pub fn desk() -> Workspace {
        let ws = Workspace::new();
        let corpus = ws.path().join("corpus");
        std::fs::write(
            corpus.join("metadata.tsv"),
            "filename\tpublisher\tpublication_date\ttitle\n\
             000_4600caa0d332a40a.txt\tThe Daily\t2025-08-17\tRubio on the summit\n\
             001_9890da3020002da9.txt\tThe Hill\t2025-08-18\tRubio holds out hope\n\
             002_f095e6a5aa76c446.txt\tThe Daily\t2025-09-02\tA long ways off\n\
             003_1ed1fa57e0d9f531.txt\tWire\t2025-08-17\t\n\
             004_14d996466d6db0ab.txt\tWire\t2025-08-20\t\n",
        )
        .unwrap();
        std::fs::write(
            corpus.join("markup.txt"),
            "Markup in the news\n\n\
             “<script>document.title = 'pwned'</script> is not a plan,” Senator Jane Roe said.\n\n\
             Roe added that <img src=x onerror=\"document.title = 'pwned'\"> was seen in the plan.\n",
        )
        .unwrap();
        ws.index();
        ws
    }

    /// A scratch folder whose `corpus/` holds a copy of `tests/fixtures/NAME`.
    pub fn with_fixture(name: &str) -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(name), &dir.path().join("corpus"));
        Workspace { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `quarry ARGS` inside the workspace.
    pub fn run(&self, args: &[&str]) -> Output {
        quarry_in(self.path(), args)
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

/// The text of `bytes` between the byte offsets a JSON line gives under
/// `start` and `end` ("start"/"end", "source_start"/"source_end"); None
/// when the line gives none.
pub fn text_at<'a>(
    bytes: &'a [u8],
    line: &serde_json::Value,
    start: &str,
    end: &str,
) -> Option<&'a str> {
    let (s, e) = (line[start].as_u64()? as usize, line[end].as_u64()? as usize);
    Some(std::str::from_utf8(&bytes[s..e]).expect("offsets on character boundaries"))
}

/// The hits array of a search result.
pub fn hits(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["hits"].as_array().expect("hits array")
}

/// A folder of hand-written fixture articles.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies the files of `from` (recursively) into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The PolNeAR data beside the repository. Tests that call it are marked
/// `#[cfg_attr(not(quarry_shared), ignore = …)]`, so it is there unless
/// `QUARRY_SHARED` names a folder without it: then the test fails.
pub fn polnear() -> PathBuf {
    let dir = Path::new(env!("QUARRY_SHARED_DIR")).join("data/polnear");
    assert!(
        dir.join("metadata.tsv").is_file(),
        "no PolNeAR data in {}",
        dir.display()
    );
    dir
}

/// The schemas in docs/schema, by their `$id`, for `$ref`s between them.
struct SchemaFiles(std::collections::HashMap<String, serde_json::Value>);

impl jsonschema::Retrieve for SchemaFiles {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
        self.0
            .get(uri.as_str())
            .cloned()
            .ok_or_else(|| format!("no schema {uri} in docs/schema").into())
    }
}

/// Checks `value` against the JSON Schema `docs/schema/NAME`, which may
/// refer to the other schemas there.
pub fn assert_schema(name: &str, value: &serde_json::Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema");
    let load = |n: &std::ffi::OsStr| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(n)).unwrap()).unwrap()
    };
    let mut files = std::collections::HashMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let schema = load(&entry.unwrap().file_name());
        files.insert(schema["$id"].as_str().unwrap().to_string(), schema);
    }
    let validator = jsonschema::options()
        .with_retriever(SchemaFiles(files))
        .should_validate_formats(true)
        .build(&load(name.as_ref()))
        .unwrap_or_else(|e| panic!("schema {name}: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{value}");
}

/// Writes `n` articles into `dir`, each a title and 6 to 12 paragraphs drawn
/// (deterministically, from `seed`) from the bundled articles, plus one
/// paragraph naming the article so that every article is distinct.
/// Returns the number of bytes written.
pub fn generate_corpus(dir: &Path, n: usize, seed: u64) -> u64 {
    let mut paragraphs = Vec::new();
    for entry in std::fs::read_dir(bundled_corpus()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        paragraphs.extend(
            text.lines()
                .skip(1)
                .filter(|l| l.len() > 80)
                .map(str::to_string),
        );
    }
    paragraphs.sort();
    std::fs::create_dir_all(dir).unwrap();
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % bound
    };
    let mut bytes = 0;
    for i in 0..n {
        let mut text = format!("Generated report {i} on the talks\n\n");
        for _ in 0..6 + next(7) {
            text.push_str(&paragraphs[next(paragraphs.len())]);
            text.push_str("\n\n");
        }
        text.push_str(&format!("This is reference article docid{seed}x{i}.\n"));
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("gen{i:05}.txt")), text).unwrap();
    }
    bytes
}

/// Runs `quarry ARGS` in `dir` and returns its output (with colour and
/// width decided by the flags, not by the caller's NO_COLOR or COLUMNS).
pub fn quarry_in(dir: &Path, args: &[&str]) -> Output {
    quarry_env(dir, args, &[])
}

/// [`quarry_in`] with environment variables set (and no NO_COLOR or
/// COLUMNS but these).
pub fn quarry_env(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .envs(vars.iter().copied())
        .output()
        .expect("quarry runs")
}

/// `quarry stats --json` of the index `index` in `dir`.
pub fn stats_of(dir: &Path, index: &str) -> serde_json::Value {
    let out = quarry_in(dir, &["stats", "-i", index, "--json"]);
    assert!(out.status.success(), "stats: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Reads `from` (a child's stderr) until a line containing `needle`, then
/// keeps reading it on a thread, so the child never blocks on a full pipe;
/// the thread returns the lines that came after. Panics if the stream ends
/// first.
pub fn wait_for_line(
    from: impl std::io::Read + Send + 'static,
    needle: &str,
) -> std::thread::JoinHandle<Vec<String>> {
    use std::io::BufRead;
    let mut lines = std::io::BufReader::new(from).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap_or_default();
        if line.contains(needle) {
            return std::thread::spawn(move || lines.map_while(Result::ok).collect());
        }
        seen.push(line);
    }
    panic!("the child ended without printing {needle:?}: {seen:?}");
}
