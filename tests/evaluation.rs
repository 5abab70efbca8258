//! Attribution quality on the PolNeAR dev split, scored by the shared scorer,
//! so that quality cannot regress silently. Ignored, with the reason, when
//! `../shared` was absent at build time (see `build.rs`).

use std::path::PathBuf;
use std::process::Command;

/// Figures reached on dev, minus 0.02: a drop below these fails the suite.
/// Direct quotations (the scorer's first block, given quarry's quotations):
const MIN_ATTRIBUTED_F1: f64 = 0.875;
const MIN_SPEAKER_ACCURACY: f64 = 0.866;
const MIN_SPEAKER_ACCURACY_NAME: f64 = 0.918;
const MIN_QUOTE_F1: f64 = 0.955;
/// All attributions, reported speech included (the second block, given
/// everything quarry extracts):
const MIN_ALL_CONTENT_F1: f64 = 0.750;
const MIN_ALL_SOURCE_ACCURACY: f64 = 0.858;
const MIN_ALL_NAMED_ATTRIBUTED_F1: f64 = 0.721;
/// Exact content spans, as span-tagging work scores them.
const MIN_ALL_CONTENT_EXACT_F1: f64 = 0.508;

#[test]
#[cfg_attr(
    not(quarry_shared),
    ignore = "needs ../shared/data/polnear (absent when built; touch build.rs once it is there)"
)]
fn dev_split_attribution_does_not_regress() {
    let shared = PathBuf::from(env!("QUARRY_SHARED_DIR"));
    let data = shared.join("data/polnear");
    let scorer = shared.join("eval/score_quotes.py");
    assert!(
        data.join("dev/text").is_dir() && scorer.is_file(),
        "no PolNeAR data or scorer under {}",
        shared.display()
    );
    assert!(
        Command::new("python3").arg("--version").output().is_ok(),
        "python3 is needed to score the extraction"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(["extract", "--jsonl"])
        .arg(data.join("dev/text"))
        .output()
        .expect("quarry runs");
    assert!(out.status.success());
    let dir = tempfile::tempdir().unwrap();
    // As `eval/run` scores them: a statement in pieces, a line a piece.
    let lines = dir.path().join("extract.jsonl");
    std::fs::write(&lines, &out.stdout).unwrap();
    let all = python_output(
        Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/pieces.py"))
            .stdin(std::fs::File::open(&lines).unwrap()),
    );
    let quotes: String = all
        .lines()
        .filter(|l| l.contains("\"kind\":\"quote\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let score = |name: &str, lines: &str| -> serde_json::Value {
        let pred = dir.path().join(name);
        std::fs::write(&pred, lines).unwrap();
        let report = python_output(
            Command::new("python3")
                .arg(&scorer)
                .arg(data.join("gold-dev.jsonl"))
                .arg(data.join("dev/text"))
                .arg(&pred),
        );
        eprintln!("{name}:\n{report}");
        let last = report.lines().last().expect("scorer prints a JSON line");
        serde_json::from_str(last).unwrap()
    };
    let figures = score("quotes.jsonl", &quotes);
    let every = score("all.jsonl", &all);
    let all_figure = |k: &str| every[k].as_f64().unwrap_or(0.0);
    for (key, floor) in [
        ("all_content_f1", MIN_ALL_CONTENT_F1),
        ("all_source_accuracy", MIN_ALL_SOURCE_ACCURACY),
        ("all_named_attributed_f1", MIN_ALL_NAMED_ATTRIBUTED_F1),
        ("all_content_exact_f1", MIN_ALL_CONTENT_EXACT_F1),
    ] {
        assert!(
            all_figure(key) >= floor,
            "{key} {} < {floor}",
            all_figure(key)
        );
    }
    assert_eq!(
        every["n_pred_quote_text_mismatch"], 0,
        "offsets must point at the quoted words"
    );
    let figure = |k: &str| figures[k].as_f64().unwrap_or(0.0);
    assert!(
        figure("attributed_f1") >= MIN_ATTRIBUTED_F1,
        "attributed F1 {}",
        figure("attributed_f1")
    );
    assert!(
        figure("speaker_accuracy") >= MIN_SPEAKER_ACCURACY,
        "speaker accuracy {}",
        figure("speaker_accuracy")
    );
    assert!(
        figure("speaker_accuracy_name") >= MIN_SPEAKER_ACCURACY_NAME,
        "named speaker accuracy {}",
        figure("speaker_accuracy_name")
    );
    assert!(
        figure("quote_f1") >= MIN_QUOTE_F1,
        "quote F1 {}",
        figure("quote_f1")
    );
    assert_eq!(
        figures["n_pred_quote_text_mismatch"], 0,
        "offsets must point at the quoted words"
    );
}

/// What the Python script `command` runs prints, once it has succeeded
/// (else the test fails with what it said).
fn python_output(command: &mut Command) -> String {
    let out = command.output().expect("python3 runs");
    assert!(
        out.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
