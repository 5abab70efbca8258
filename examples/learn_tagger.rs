//! Learns quarry's part-of-speech and name tagger from CoreNLP's analysis
//! of PolNeAR train (src/extract/learn_tags.rs), writes it where quarry
//! compiles it in, and says how often it agrees with CoreNLP on dev and
//! how fast it tags:
//!
//!     cargo run --release --example learn_tagger -- ../shared
//!
//! The same data gives the same file (tests/models.rs checks the committed
//! one). `--out DIR` writes elsewhere.

use std::path::PathBuf;
use std::time::Instant;

use quarry::extract::learn_tags::{agreement, learn, read_split};

fn main() {
    if let Err(e) = run() {
        eprintln!("learn_tagger: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut shared = PathBuf::from("../shared");
    let mut out = PathBuf::from("src/extract");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a folder")?),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => shared = PathBuf::from(a),
        }
    }
    let started = Instant::now();
    let train = read_split(&shared, "train")?;
    let tagger = learn(&train);
    let bytes = tagger.write();
    let path = out.join("tagger.bin");
    std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!(
        "wrote {} ({} bytes) from {} sentences in {:.1} s",
        path.display(),
        bytes.len(),
        train.len(),
        started.elapsed().as_secs_f64()
    );
    for split in ["train", "dev"] {
        let sentences = if split == "train" {
            train.clone()
        } else {
            read_split(&shared, split)?
        };
        let a = agreement(&tagger, &sentences);
        println!(
            "{split}: {} tokens; part of speech {:.4} (coarse {:.4}); name class {:.4} (on name tokens {:.4} of {})",
            a.tokens,
            a.pos(),
            a.coarse(),
            a.classes(),
            a.names(),
            a.name_tokens
        );
        if split == "dev" {
            // Tagging alone (reading the words included), best of three.
            let words: Vec<Vec<&str>> = sentences
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let tokens: usize = words.iter().map(Vec::len).sum();
            let text: usize = words.iter().flatten().map(|w| w.len() + 1).sum();
            let best = (0..3)
                .map(|_| {
                    let started = Instant::now();
                    let tagged: usize = words.iter().map(|s| tagger.tag(s).len()).sum();
                    assert_eq!(tagged, tokens);
                    started.elapsed().as_secs_f64()
                })
                .fold(f64::MAX, f64::min);
            println!(
                "tagging {split}: {:.2} M tokens/s, {:.1} MB/s of words, one core",
                tokens as f64 / best / 1e6,
                text as f64 / best / 1e6
            );
        }
    }
    Ok(())
}
