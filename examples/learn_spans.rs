//! Learns quarry's attribution labeller from PolNeAR train
//! (src/extract/learn_spans.rs) and says how well it labels dev:
//!
//!     cargo run --release --example learn_spans -- ../shared [--predict FILE]
//!
//! `--predict FILE` writes its dev readings as the scorer's JSON lines
//! (the source's words as the speaker), to score them alone.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use quarry::extract::learn_spans::{learn, read};
use quarry::extract::span_tagger::{readings, spans, LABELS};

fn main() {
    if let Err(e) = run() {
        eprintln!("learn_spans: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut shared = PathBuf::from("../shared");
    let mut predict = None;
    let mut without = None;
    let mut write_to: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--predict" => {
                predict = Some(PathBuf::from(args.next().ok_or("--predict needs a file")?))
            }
            "--write" => write_to = Some(PathBuf::from(args.next().ok_or("--write needs a file")?)),
            "--without" => without = Some(args.next().ok_or("--without needs a publisher")?),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => shared = PathBuf::from(a),
        }
    }
    let started = Instant::now();
    let train = read(&shared, "train", without.as_deref())?;
    let model = learn(&train);
    if let Some(out) = &write_to {
        std::fs::write(out, quarry::extract::span_tagger::write(&model))
            .map_err(|e| e.to_string())?;
    }
    eprintln!(
        "learned from {} paragraphs in {:.1} s",
        train.len(),
        started.elapsed().as_secs_f64()
    );
    let dev = read(&shared, "dev", None)?;
    let mut confusion = vec![[0usize; 7]; 7];
    let mut out = Vec::new();
    for p in &dev {
        let labels = p.seq.label(&model);
        for (g, l) in p.gold.iter().zip(&labels) {
            confusion[*g as usize][*l as usize] += 1;
        }
        if predict.is_none() {
            continue;
        }
        let text = std::fs::read_to_string(shared.join("data/polnear/dev/text").join(&p.path))
            .map_err(|e| e.to_string())?;
        let found = spans(&labels);
        for r in readings(&p.seq, &found) {
            let bytes = |t: &std::ops::Range<usize>| {
                p.seq.tokens[t.start].start..p.seq.tokens[t.end - 1].end
            };
            let c = bytes(&r.content);
            let mut row = serde_json::json!({
                "path": format!("dev/text/{}", p.path),
                "kind": "reported",
                "start": c.start, "end": c.end,
                "quote": &text[c.clone()],
                "speaker": null,
            });
            if let Some(s) = &r.source {
                let s = bytes(s);
                row["speaker"] = serde_json::json!(&text[s.clone()]);
                row["source_start"] = serde_json::json!(s.start);
                row["source_end"] = serde_json::json!(s.end);
            }
            out.push(row.to_string());
        }
    }
    for (g, row) in confusion.iter().enumerate() {
        let total: usize = row.iter().sum();
        println!(
            "{:6} {:7} right {:.3}  {:?}",
            LABELS[g],
            total,
            row[g] as f64 / total.max(1) as f64,
            row
        );
    }
    if let Some(path) = predict {
        let mut f = std::fs::File::create(&path).map_err(|e| e.to_string())?;
        for line in out {
            writeln!(f, "{line}").map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
