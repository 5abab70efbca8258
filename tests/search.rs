//! What a user sees from `quarry search`, `speakers` and `outlets` on the bundled corpus.

mod common;

use common::{hits, stderr, stdout, Workspace};

/// The question quarry exists for: all six of Rubio's statements on
/// sanctions in the bundled articles, two quoted and four reported.
#[test]
fn sanctions_by_rubio_returns_his_quotes_and_reported_speech() {
    let ws = Workspace::new();
    let v = ws.search_json(&["sanctions", "--speaker", "rubio"]);
    let hits = hits(&v);
    for h in hits {
        assert_eq!(h["speaker"], "Marco Rubio", "{h}");
    }
    let found: Vec<(String, &str, &str)> = hits
        .iter()
        .map(|h| {
            let path = h["article"]["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap()[..3].to_string();
            (
                name,
                h["kind"].as_str().unwrap(),
                h["outlet"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    let has = |article: &str, kind: &str, words: &str, outlet: &str| {
        hits.iter().zip(&found).any(|(h, (a, k, o))| {
            a == article
                && *k == kind
                && *o == outlet
                && h["quote"].as_str().unwrap().contains(words)
        })
    };
    assert!(
        has(
            "001",
            "quote",
            "The moment the president puts the additional sanctions",
            "CBS"
        ),
        "{found:?}"
    );
    assert!(
        has(
            "000",
            "quote",
            "the minute you levy additional sanctions",
            "-"
        ),
        "{found:?}"
    );
    assert!(
        has(
            "000",
            "reported",
            "Mr. Trump decided against imposing new sanctions",
            "-"
        ),
        "{found:?}"
    );
    assert!(
        has(
            "001",
            "reported",
            "additional sanctions will not help the situation",
            "CBS"
        ),
        "{found:?}"
    );
    assert!(
        has(
            "002",
            "reported",
            "imposing western sanctions alone might not be enough",
            "-"
        ),
        "{found:?}"
    );
    assert!(
        has(
            "003",
            "reported",
            "existing U.S. sanctions on Russia would continue",
            "ABC"
        ),
        "{found:?}"
    );
    assert_eq!(hits.len(), 6, "{found:?}");
    // Reported speech is shown as such, never in quotation marks.
    let out = ws.run(&[
        "search",
        "sanctions",
        "--speaker",
        "rubio",
        "--kind",
        "reported",
        "--color",
        "never",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("Marco Rubio · CBS · reported speech"),
        "{text}"
    );
    assert!(
        text.contains("Rubio said additional sanctions will not help the situation."),
        "{text}"
    );
    assert!(!text.contains("“additional"), "{text}");
}

#[test]
fn speaker_filter_takes_any_spelling_and_case() {
    let ws = Workspace::new();
    ws.index();
    for name in ["rubio", "Marco Rubio", "RUBIO"] {
        let v = ws.search_json(&["sanctions", "--speaker", name]);
        assert!(!hits(&v).is_empty(), "{name}");
    }
    for name in ["zelensky", "zelenskiy", "Zelenskyy", "Volodymyr Zelensky"] {
        let v = ws.search_json(&["zone", "--speaker", name, "--kind", "quote"]);
        let hits = hits(&v);
        assert_eq!(hits.len(), 1, "{name}");
        assert!(hits[0]["quote"]
            .as_str()
            .unwrap()
            .contains("free economic zone"));
    }
}

#[test]
fn article_five_finds_witkoff_on_cnn() {
    let ws = Workspace::new();
    let v = ws.search_json(&["\"Article Five\"", "--kind", "quote"]);
    let hits = hits(&v);
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h["speaker"] == "Steve Witkoff" && h["outlet"] == "CNN"),
        "{hits:?}"
    );
}

#[test]
fn show_titles_are_never_quotations() {
    let ws = Workspace::new();
    for show in [
        "\"Face the Nation\"",
        "\"This Week\"",
        "\"Sunday Morning Futures\"",
    ] {
        let v = ws.search_json(&[show, "--kind", "quote"]);
        for h in hits(&v) {
            let q = h["quote"].as_str().unwrap().trim_end_matches(['.', ',']);
            assert!(
                !["Face the Nation", "This Week", "Sunday Morning Futures"].contains(&q),
                "{h}"
            );
        }
    }
}

#[test]
fn outlet_filter_finds_what_was_said_on_cbs() {
    let ws = Workspace::new();
    let v = ws.search_json(&["war", "--outlet", "cbs"]);
    let hits = hits(&v);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["outlet"] == "CBS"));
}

/// A request for statements searches their field alone, yet every
/// statement it finds scores as it does among passages and statements: the
/// same hits, in the same order, with the same scores (words anywhere, all
/// the words, a phrase).
#[test]
fn a_statement_scores_the_same_whatever_kinds_are_searched() {
    let ws = Workspace::new();
    // Syntax over both kinds is ranked field by field
    // (`query::parse_by_field`), over statements alone as one query.
    for query in [
        "peace agreement",
        "Zelensky security guarantees",
        "\"peace deal\"",
        "+sanctions +Russia",
        "(sanctions OR ceasefire) -Putin",
    ] {
        let key = |h: &serde_json::Value| {
            (
                h["article"]["path"].as_str().unwrap().to_string(),
                h["kind"].as_str().unwrap().to_string(),
                h["quote"].as_str().unwrap_or_default().to_string(),
            )
        };
        let statements = ws.search_json(&[query, "--kind", "statement", "-n", "1000"]);
        let all = ws.search_json(&[query, "--kind", "all", "-n", "1000"]);
        let among_all: Vec<(f64, _)> = hits(&all)
            .iter()
            .filter(|h| h["kind"] != "passage")
            .map(|h| (h["score"].as_f64().unwrap(), key(h)))
            .collect();
        let alone: Vec<(f64, _)> = hits(&statements)
            .iter()
            .map(|h| (h["score"].as_f64().unwrap(), key(h)))
            .collect();
        assert!(!alone.is_empty(), "{query}");
        // Folding may show a statement among all kinds as its passage's
        // hit; every statement shown among all is found alone, as scored.
        for (score, k) in &among_all {
            assert!(
                alone.iter().any(|(s, a)| a == k && s == score),
                "{query}: {k:?} scored {score} among all kinds, not so alone"
            );
        }
        let scores: Vec<f64> = alone.iter().map(|(s, _)| *s).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "{query}: {scores:?}"
        );
    }
}

#[test]
fn json_output_has_the_documented_shape_and_descending_scores() {
    let ws = Workspace::new();
    let v = ws.search_json(&["peace agreement"]);
    assert_eq!(v["query"], "peace agreement");
    assert!(v["num_hits"].as_u64().unwrap() > 1);
    assert!(v["elapsed_time_micros"].is_u64());
    let hits = hits(&v);
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for h in hits {
        for key in [
            "score",
            "kind",
            "speaker",
            "outlet",
            "quote",
            "passage",
            "snippet",
            "highlights",
            "article",
            "paragraph",
        ] {
            assert!(h.get(key).is_some(), "missing {key} in {h}");
        }
        let path = h["article"]["path"].as_str().unwrap();
        assert!(std::path::Path::new(path).is_file(), "{path}");
        assert!(path.ends_with(h["article"]["relative_path"].as_str().unwrap()));
        let snippet = h["snippet"].as_str().unwrap();
        assert!(snippet.contains("<b>"), "{snippet}");
        // Highlights index into the fragment the hit carries: each is a match.
        let fragment = h["fragment"].as_str().unwrap();
        let marks = h["highlights"].as_array().unwrap();
        assert!(!marks.is_empty(), "{h}");
        for m in marks {
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let word = fragment
                .get(start..end)
                .unwrap_or_else(|| panic!("{start}..{end} in {fragment:?}"));
            let word = word.to_lowercase();
            assert!(
                word.starts_with("peace") || word.starts_with("agree"),
                "{word:?} in {fragment:?}"
            );
        }
    }
}

#[test]
fn jsonl_prints_one_hit_per_line() {
    let ws = Workspace::new();
    let out = ws.run(&["search", "Putin", "--jsonl", "-n", "3"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 3);
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["score"].is_f64());
    }
}

#[test]
fn paging_with_start_offset_continues_the_ranking() {
    let ws = Workspace::new();
    let all = ws.search_json(&["Rubio", "-n", "4"]);
    let second = ws.search_json(&["Rubio", "-n", "2", "--start-offset", "2"]);
    assert_eq!(hits(&all)[2]["passage"], hits(&second)[0]["passage"]);
}

#[test]
fn piped_output_is_plain_text_and_colour_marks_the_words() {
    let ws = Workspace::new();
    let out = ws.run(&[
        "search",
        "sanctions",
        "--speaker",
        "rubio",
        "--color",
        "never",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("additional sanctions will not help"),
        "{text}"
    );
    assert!(!text.contains("**") && !text.contains('\u{1b}'), "{text}");
    let out = ws.run(&["search", "sanctions", "--color", "always"]);
    let text = stdout(&out);
    assert!(
        text.contains("\u{1b}[0m\u{1b}[1m\u{1b}[31msanctions\u{1b}[0m"),
        "{text:?}"
    );
}

#[test]
fn malformed_query_exits_2_with_one_line() {
    let ws = Workspace::new();
    ws.index();
    for (q, strict) in [
        ("nosuchfield:x", "--strict"),
        ("\"unclosed", "--strict"),
        ("", "-n5"),
    ] {
        let out = ws.run(&["search", q, strict]);
        assert_eq!(out.status.code(), Some(2), "{q}");
        let err = stderr(&out);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.starts_with("quarry: "), "{err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn nothing_found_exits_1() {
    let ws = Workspace::new();
    ws.index();
    let out = ws.run(&["search", "xylophone"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn first_search_builds_the_index_and_says_so() {
    let ws = Workspace::new();
    let out = ws.run(&["search", "ceasefire"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("indexing corpus/ first"));
    let again = ws.run(&["search", "ceasefire"]);
    assert!(!stderr(&again).contains("indexing"));
}

#[test]
fn speakers_and_outlets_count_quotations() {
    let ws = Workspace::new();
    ws.index();
    let out = ws.run(&["speakers", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows[0]["name"], "Marco Rubio");
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    // One row per person, however the articles spell them.
    assert_eq!(
        names.iter().filter(|n| n.contains("Zelensk")).count(),
        1,
        "{names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| n.contains("Trump")).count(),
        1,
        "{names:?}"
    );
    let out = ws.run(&["outlets", "sanctions"]);
    assert!(stdout(&out).contains("CBS"));
    let out = ws.run(&["speakers", "xylophone"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_mistyped_index_is_an_error_never_another_corpus() {
    let ws = Workspace::new();
    ws.index();
    for args in [
        vec!["search", "peace", "-i", "nope-idx"],
        vec!["stats", "-i", "nope-idx"],
        vec!["speakers", "-i", "nope-idx"],
    ] {
        let out = ws.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("no index at nope-idx") && err.contains("quarry index"),
            "{args:?}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(
            !ws.path().join("nope-idx").exists(),
            "{args:?} built an index"
        );
    }
    // QUARRY_INDEX names the default index: an installed binary answers
    // from any folder, and never builds the bundled corpus there.
    let index = ws.path().join("index");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(["search", "sanctions", "--speaker", "rubio", "--json"])
        .env("QUARRY_INDEX", &index)
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits(&v).is_empty());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(["stats"])
        .env("QUARRY_INDEX", ws.path().join("elsewhere"))
        .current_dir(ws.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!ws.path().join("elsewhere").exists());
}

/// More speakers than tantivy's default limit of aggregation buckets
/// (65,000): every search failed ("bucket limit was exceeded") on a 270 MB
/// corpus with 154,658 speakers, as did `quarry speakers`.
#[test]
fn an_index_of_more_speakers_than_aggregation_buckets_still_answers() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    const SPEAKERS: usize = 80_000;
    let letters = |mut n: usize| {
        let mut s = String::new();
        for _ in 0..4 {
            s.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
        }
        s
    };
    // Twenty articles of 4,000 speakers each, every one named in full
    // (some spellings fold together: more than 65,000 remain).
    for file in 0..20 {
        let mut text = String::from("Statements of the hearing\n\n");
        for i in file * SPEAKERS / 20..(file + 1) * SPEAKERS / 20 {
            text.push_str(&format!(
                "Senator Mark Qu{} said the levee bill would pass.\n\n",
                letters(i)
            ));
        }
        std::fs::write(corpus.join(format!("{file:02}.txt")), text).unwrap();
    }
    let run = |args: &[&str]| {
        let out = common::quarry_in(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    run(&["index", "corpus", "-i", "idx", "-q"]);
    let found: serde_json::Value =
        serde_json::from_str(&run(&["search", "levee", "-i", "idx", "-n", "2", "--json"])).unwrap();
    assert_eq!(hits(&found).len(), 2, "{found}");
    let listed = run(&["speakers", "-i", "idx", "--json"]);
    let speakers: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let n = speakers
        .as_array()
        .or_else(|| speakers["speakers"].as_array())
        .map_or(0, Vec::len);
    assert!(n >= 65_001, "{n} speakers listed");
}

/// Matches of equal score (or, by date, of one day) keep one order in
/// every build of the same articles. Here the same report runs in eight
/// articles: one index reads them all at once, the other the last three
/// first and the rest later, into another segment, so that their
/// documents lie in another order.
#[test]
fn equal_matches_keep_their_order_whatever_order_the_articles_were_indexed_in() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let article = |name: &str| {
        let text = format!(
            "Ferry fares, part {name}\n\n\
             “The ferry levy will double by spring,” harbour master Ines Calder said.\n\n\
             Calder said the island council would vote on the levy in March.\n"
        );
        std::fs::write(corpus.join(format!("{name}.txt")), text).unwrap();
    };
    let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
    let dated = |names: &[&str]| {
        let rows: String = names
            .iter()
            .map(|n| format!("{n}.txt\t2025-03-01\n"))
            .collect();
        std::fs::write(
            corpus.join("metadata.tsv"),
            format!("filename\tpublication_date\n{rows}"),
        )
        .unwrap();
    };
    for name in &names[5..] {
        article(name);
    }
    dated(&names[5..]);
    let index = |ix: &str| {
        let out = common::quarry_in(dir.path(), &["index", "corpus", "-i", ix, "-q"]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    index("later");
    for name in &names[..5] {
        article(name);
    }
    dated(&names);
    index("later");
    index("at_once");
    let page = |ix: &str, extra: &[&str]| -> Vec<(String, String, String)> {
        let mut args = vec!["search", "ferry levy", "-i", ix, "-n", "30", "--json"];
        args.extend_from_slice(extra);
        let out = common::quarry_in(dir.path(), &args);
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        hits(&v)
            .iter()
            .map(|h| {
                (
                    h["article"]["path"].as_str().unwrap().to_string(),
                    h["kind"].as_str().unwrap().to_string(),
                    h["score"].to_string(),
                )
            })
            .collect()
    };
    for extra in [&[][..], &["--sort", "date"], &["--kind", "quote"]] {
        let at_once = page("at_once", extra);
        assert!(at_once.len() >= 8, "{extra:?}: {at_once:?}");
        assert_eq!(page("later", extra), at_once, "{extra:?}");
    }
}
