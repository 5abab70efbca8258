//! Learns quarry's five models of attribution from PolNeAR's annotations
//! (src/extract/learn.rs) and writes their tables, which quarry compiles in:
//!
//!     cargo run --release --example learn_models -- ../shared
//!
//! writes src/extract/cue_model.tsv, ends.tsv, verifier.tsv,
//! antecedent.tsv, descriptions.tsv and the attribution labeller
//! spans.bin from the train split. Options: `--splits train,dev` (default train: dev stays a
//! check), `--without PUBLISHER` (leave that publisher's articles out),
//! `--learned-cues FILE` (the cue-word table both models read as a
//! feature, learned without that publisher too) and `--out DIR`, which the
//! leave-one-publisher-out evaluation (`eval/run --lopo`) uses. The same
//! data gives the same tables (tests/models.rs checks the committed ones).

use std::path::{Path, PathBuf};

use quarry::extract::learn::{learn, Options};

fn main() {
    if let Err(e) = run() {
        eprintln!("learn_models: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut shared = PathBuf::from("../shared");
    let mut splits = "train".to_string();
    let mut without: Option<String> = None;
    let mut out = PathBuf::from("src/extract");
    let mut learned_cues = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--splits" => splits = args.next().ok_or("--splits needs a value")?,
            "--without" => without = Some(args.next().ok_or("--without needs a value")?),
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a folder")?),
            "--learned-cues" => {
                let path = args.next().ok_or("--learned-cues needs a file")?;
                let table = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                learned_cues = Some(table);
            }
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => shared = PathBuf::from(a),
        }
    }
    let tables = learn(&Options {
        shared: &shared,
        splits: &splits,
        without: without.as_deref(),
        learned_cues,
    })?;
    write(&out.join("cue_model.tsv"), &tables.cue_model)?;
    write(&out.join("ends.tsv"), &tables.ends)?;
    write(&out.join("verifier.tsv"), &tables.verifier)?;
    write(&out.join("antecedent.tsv"), &tables.antecedents)?;
    write(&out.join("descriptions.tsv"), &tables.descriptions)?;
    write(&out.join("spans.bin"), &tables.spans)
}

fn write(path: &Path, table: impl AsRef<[u8]>) -> Result<(), String> {
    let table = table.as_ref();
    std::fs::write(path, table).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("wrote {} ({} bytes)", path.display(), table.len());
    Ok(())
}
