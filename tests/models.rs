//! The learned models compiled into quarry are what the learning commands
//! make from PolNeAR train today: src/extract/cue_model.tsv, ends.tsv,
//! verifier.tsv, antecedent.tsv, descriptions.tsv and the attribution
//! labeller spans.bin (`cargo run --release --example learn_models`) and
//! tagger.bin (`--example learn_tagger`). A change to the features, the
//! candidates or the training that was not followed by relearning fails
//! here. Ignored, with the reason, when `../shared` was absent at build
//! time (see `build.rs`). Alone in its test binary: learning gives the
//! process its new cue model, which must happen before any extraction.

use std::path::PathBuf;

use quarry::extract::learn::{learn, Options};

#[test]
#[cfg_attr(
    not(quarry_shared),
    ignore = "needs ../shared/data/polnear (absent when built; touch build.rs once it is there)"
)]
fn the_committed_models_are_what_train_teaches() {
    let shared = PathBuf::from(env!("QUARRY_SHARED_DIR"));
    let tables = learn(&Options {
        shared: &shared,
        splits: "train",
        without: None,
        learned_cues: None,
    })
    .expect("learning from PolNeAR train");
    let committed = |name: &str| {
        std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("src/extract")
                .join(name),
        )
        .unwrap()
    };
    // Line by line, so that a failure shows the first weight that moved.
    for (name, learned) in [
        ("cue_model.tsv", &tables.cue_model),
        ("ends.tsv", &tables.ends),
        ("verifier.tsv", &tables.verifier),
        ("antecedent.tsv", &tables.antecedents),
        ("descriptions.tsv", &tables.descriptions),
    ] {
        let committed = committed(name);
        for (n, (a, b)) in committed.lines().zip(learned.lines()).enumerate() {
            assert_eq!(
                a,
                b,
                "{name} line {}: relearn with `cargo run --release --example learn_models`",
                n + 1
            );
        }
        assert_eq!(committed.lines().count(), learned.lines().count(), "{name}");
    }
    let spans =
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/extract/spans.bin"))
            .unwrap();
    assert!(
        spans == tables.spans,
        "src/extract/spans.bin is stale: relearn with `cargo run --release --example learn_models`"
    );
}

#[test]
#[cfg_attr(
    not(quarry_shared),
    ignore = "needs ../shared/data/polnear (absent when built; touch build.rs once it is there)"
)]
fn the_committed_tagger_is_what_train_teaches_and_agrees_with_corenlp_on_dev() {
    use quarry::extract::learn_tags;
    let shared = PathBuf::from(env!("QUARRY_SHARED_DIR"));
    let train = learn_tags::read_split(&shared, "train").expect("CoreNLP's analysis of train");
    let tagger = learn_tags::learn(&train);
    let committed =
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/extract/tagger.bin"))
            .unwrap();
    assert!(
        tagger.write() == committed,
        "src/extract/tagger.bin is stale: relearn with `cargo run --release --example learn_tagger`"
    );
    // What it was learned for: CoreNLP's part of speech on tokens it never saw.
    let dev = learn_tags::read_split(&shared, "dev").expect("CoreNLP's analysis of dev");
    let agreement = learn_tags::agreement(&tagger, &dev);
    assert!(agreement.tokens > 70_000, "{agreement:?}");
    assert!(agreement.pos() >= 0.96, "{agreement:?}");
    assert!(agreement.classes() >= 0.97, "{agreement:?}");
}
