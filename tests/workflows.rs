//! Research workflows on real files: article formats and metadata, date and
//! publisher filters, quotations reported by several articles, batch
//! queries, stats, shell integration — and every JSON output checked
//! against the documented schema in docs/schema/.

mod common;

use common::{assert_schema, hits, polnear, stderr, stdout, text_at, Workspace};

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn index_json(ws: &Workspace, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["index", "--json"];
    args.extend_from_slice(extra);
    let out = ws.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_schema("index-report.schema.json", &report);
    report
}

fn only_hit(ws: &Workspace, args: &[&str]) -> serde_json::Value {
    let v = ws.search_json(args);
    assert_schema("results.schema.json", &v);
    let hits = hits(&v);
    assert_eq!(hits.len(), 1, "{args:?}: {hits:#?}");
    hits[0].clone()
}

#[test]
fn json_jsonl_html_and_front_matter_articles_are_indexed_with_metadata() {
    let ws = Workspace::with_fixture("formats");
    let report = index_json(&ws, &[]);
    // geneva.json, 3 good lines of briefs.jsonl, page.html, front-matter.md.
    assert_eq!(report["articles"], 6, "{report}");
    assert_eq!(report["added"], 4);
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("/corpus/briefs.jsonl#3"));
    assert!(skipped[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("invalid JSON"));

    let json = only_hit(&ws, &["closer", "--kind", "quote"]);
    assert_eq!(json["speaker"], "Rubio");
    assert_eq!(json["article"]["relative_path"], "geneva.json");
    assert_eq!(
        json["article"]["title"],
        "Envoys report slow progress in Geneva"
    );
    assert_eq!(json["article"]["publisher"], "Example Wire");
    assert_eq!(json["article"]["date"], "2025-11-24");
    assert_eq!(json["article"]["author"], "Dana Keller");
    assert_eq!(
        json["article"]["url"],
        "https://example.org/world/geneva-talks"
    );

    let line = only_hit(&ws, &["\"without Ukraine\"", "--kind", "quote"]);
    assert_eq!(line["speaker"], "Zelensky");
    assert_eq!(line["article"]["relative_path"], "briefs.jsonl#1");
    assert_eq!(line["article"]["publisher"], "Kyiv Daily");
    let line = only_hit(&ws, &["proposal", "--kind", "quote"]);
    assert_eq!(line["speaker"], "Peskov");
    assert_eq!(line["article"]["relative_path"], "briefs.jsonl#2");

    let html = only_hit(&ws, &["fairly", "--kind", "quote"]);
    assert_eq!(html["speaker"], "Steve Witkoff");
    assert_eq!(html["outlet"], "Fox News");
    assert_eq!(
        html["quote"],
        "The president wants this done, and he wants it done fairly,"
    );
    assert_eq!(html["article"]["title"], "Witkoff heads to Moscow");
    assert_eq!(html["article"]["publisher"], "The Ledger");
    assert_eq!(html["article"]["date"], "2025-11-26");
    assert_eq!(html["article"]["author"], "Sam Ortiz");
    assert_eq!(
        html["article"]["url"],
        "https://ledger.example.com/2025/11/26/witkoff-moscow"
    );
    // Scripts, navigation and footers are not article text.
    for absent in ["headline", "Home", "Ledger"] {
        let v = ws.search_json(&[absent, "--kind", "passage"]);
        assert!(hits(&v).is_empty(), "{absent}: {v}");
    }

    let md = only_hit(&ws, &["faith", "--kind", "quote"]);
    assert_eq!(md["speaker"], "Graham");
    assert_eq!(md["article"]["title"], "Senators press for sanctions vote");
    assert_eq!(md["article"]["publisher"], "Capitol Notes");
    assert_eq!(md["article"]["date"], "2025-11-21");
    assert_eq!(md["article"]["author"], "Lee Park, Ana Ruiz");
}

#[test]
fn front_matter_keeps_extract_offsets_true_to_the_file() {
    let ws = Workspace::with_fixture("formats");
    let out = ws.run(&["extract", "corpus/front-matter.md", "--jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = std::fs::read(ws.path().join("corpus/front-matter.md")).unwrap();
    let lines = json_lines(&stdout(&out));
    // Graham's quotation, and the senators' urging reported in ¶1.
    let kinds: Vec<&str> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["reported", "quote"]);
    for line in &lines {
        assert_eq!(
            text_at(&file, line, "start", "end").unwrap(),
            line["quote"].as_str().unwrap()
        );
        assert_eq!(
            text_at(&file, line, "source_start", "source_end").unwrap(),
            line["source"].as_str().unwrap()
        );
    }
}

#[test]
fn a_metadata_table_beside_the_articles_gives_publisher_date_and_title() {
    let ws = Workspace::with_fixture("metadata");
    let report = index_json(&ws, &[]);
    assert_eq!(report["with_metadata"], 2, "{report}");
    let one = only_hit(&ws, &["promises", "--kind", "quote"]);
    assert_eq!(one["speaker"], "Alvarez");
    assert_eq!(one["article"]["publisher"], "State Herald");
    assert_eq!(one["article"]["date"], "2016-03-04");
    assert_eq!(one["article"]["author"], "Kim Lo");
    assert_eq!(one["article"]["title"], "Budget signed after standoff");
    assert_eq!(one["article"]["url"], "https://herald.example/budget");
    // story-two.txt is listed with its extension; story-three has no row.
    let two = only_hit(&ws, &["riders", "--kind", "quote"]);
    assert_eq!(two["article"]["publisher"], "Metro Times");
    assert_eq!(two["article"]["url"], serde_json::Value::Null);
    let three = only_hit(&ws, &["sleep", "--kind", "quote"]);
    assert_eq!(three["article"]["publisher"], serde_json::Value::Null);
    assert_eq!(three["article"]["date"], serde_json::Value::Null);
}

#[test]
fn publisher_and_date_filters_and_date_order() {
    let ws = Workspace::with_fixture("metadata");
    ws.index();
    let said = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["promises OR riders OR sleep", "--kind", "quote"];
        all.extend_from_slice(args);
        let v = ws.search_json(&all);
        assert_schema("results.schema.json", &v);
        hits(&v)
            .iter()
            .map(|h| h["speaker"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(said(&["--publisher", "metro times"]), ["Joan Pryor"]);
    assert_eq!(said(&["--publisher", "Herald"]), ["Alvarez"]);
    assert_eq!(said(&["--since", "2016-05-06"]), ["Joan Pryor"]);
    assert_eq!(said(&["--until", "2016-05-05"]), ["Alvarez"]);
    assert_eq!(
        said(&[
            "--since",
            "2016-03-04",
            "--until",
            "2016-05-06",
            "--sort",
            "date"
        ]),
        ["Joan Pryor", "Alvarez"]
    );
    // Undated articles come last in date order.
    assert_eq!(
        said(&["--sort", "date"]),
        ["Joan Pryor", "Alvarez", "Mark Ellis"]
    );
    // The outlet filter is not the publisher filter.
    assert!(said(&["--outlet", "metro times"]).is_empty());
    // Counting takes the same filters.
    let out = ws.run(&["speakers", "--since", "2016-01-01", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_schema("tallies.schema.json", &rows);
    let names: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(!names.contains(&"Mark Ellis"));
    let bad = ws.run(&["search", "riders", "--since", "2016-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("2016-02-30"), "{}", stderr(&bad));
}

#[test]
#[cfg_attr(
    not(quarry_shared),
    ignore = "needs ../shared/data/polnear (absent when built; touch build.rs once it is there)"
)]
fn polnear_metadata_reaches_all_840_train_articles() {
    let polnear = polnear();
    let ws = Workspace::new();
    let text = polnear.join("train/text");
    let table = polnear.join("metadata.tsv");
    let report = index_json(
        &ws,
        &[
            text.to_str().unwrap(),
            "-i",
            "pn",
            "--metadata",
            table.to_str().unwrap(),
        ],
    );
    assert_eq!(report["articles"], 840, "{report}");
    assert_eq!(report["with_metadata"], 840, "{report}");
    assert!(report["skipped"].as_array().unwrap().is_empty());
    let out = ws.run(&["stats", "-i", "pn", "--json"]);
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_schema("stats.schema.json", &stats);
    assert_eq!(stats["publishers"], 7, "{stats}");
    assert!(stats["first_date"].as_str().unwrap().starts_with("201"));
    let v = ws.search_json(&["clinton", "-i", "pn", "-n", "50"]);
    assert_schema("results.schema.json", &v);
    for h in hits(&v) {
        // Authors are "None" for some rows of the table: those stay null.
        for field in ["publisher", "date", "title"] {
            assert!(h["article"][field].is_string(), "{field}: {h}");
        }
    }
    let v = ws.search_json(&["clinton", "-i", "pn", "--publisher", "breitbart"]);
    assert!(hits(&v)
        .iter()
        .all(|h| h["article"]["publisher"] == "breitbart"));
}

#[test]
fn one_quotation_reported_by_two_articles_is_one_quote() {
    let ws = Workspace::new();
    let v = ws.search_json(&["\"potential areas of agreement\"", "--kind", "quote"]);
    assert_schema("results.schema.json", &v);
    let hits = hits(&v);
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert_eq!(hits[0]["quote_id"], hits[1]["quote_id"]);
    let reported: Vec<&str> = hits[0]["reported_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    let corpus = ws.path().canonicalize().unwrap().join("corpus");
    assert_eq!(
        reported,
        [
            corpus.join("000_4600caa0d332a40a.txt").to_str().unwrap(),
            corpus.join("001_9890da3020002da9.txt").to_str().unwrap(),
        ]
    );
    let grouped = ws.search_json(&["\"potential areas of agreement\"", "--group-quotes"]);
    assert_schema("results.schema.json", &grouped);
    let grouped = common::hits(&grouped);
    assert_eq!(grouped.len(), 1);
    assert_eq!(grouped[0]["count"], 2);

    // 000 "We are still a long ways off. We are not at the precipice…" and
    // 001 "We’re not at the precipice…" share most of their words; 002's
    // "We’re still a long ways off… but I do think progress was made" shares
    // three words in a row with them, too few to be the same quotation.
    let v = ws.search_json(&[
        "\"long ways off\" OR precipice",
        "--speaker",
        "rubio",
        "--group-quotes",
    ]);
    let counts: Vec<u64> = common::hits(&v)
        .iter()
        .map(|h| h["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts.iter().filter(|&&c| c == 2).count(), 1, "{v}");
    assert_eq!(counts.len(), 2, "{v}");
    // A stock phrase quoted from two people stays two quotations.
    let v = ws.search_json(&["\"severe consequences\"", "--group-quotes"]);
    let ids: std::collections::BTreeSet<_> = common::hits(&v)
        .iter()
        .map(|h| h["quote_id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.len() >= 2, "{v}");
}

/// Two three-word quotations by one person whose single trigrams differ
/// but share an index key (the low 32 bits of the hash), found by trying
/// made-up words: about 10^5 of each side give a few such pairs.
fn quotations_sharing_a_key() -> (String, String) {
    use quarry::same_quote::{key, shingles};
    let word = |mut n: u32| {
        let mut w = String::new();
        loop {
            w.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
            if n == 0 {
                return w;
            }
        }
    };
    let quote = |first: &str, n: u32| format!("alpha {first} {}", word(n));
    let one_key = |text: &str| {
        let s = shingles(text);
        assert_eq!(s.len(), 1, "{text}");
        key(s[0])
    };
    let mut keys = std::collections::HashMap::new();
    for n in 0..200_000 {
        keys.insert(one_key(&quote("beta", n)), n);
    }
    for n in 0..2_000_000 {
        let b = quote("gamma", n);
        if let Some(&m) = keys.get(&one_key(&b)) {
            return (quote("beta", m), b);
        }
    }
    panic!("no two quotations share a key");
}

/// Reports are found by the keys of their trigrams; two quotations whose
/// keys are the same by chance are still two quotations, each reported
/// once: the full hashes of their words decide.
#[test]
fn quotations_that_share_a_trigram_key_by_chance_stay_apart() {
    let (a, b) = quotations_sharing_a_key();
    assert_ne!(
        quarry::same_quote::shingles(&a),
        quarry::same_quote::shingles(&b)
    );
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    for (file, quote) in [("key-a.txt", &a), ("key-b.txt", &b)] {
        std::fs::write(
            corpus.join(file),
            format!("A made-up report\n\n“{quote},” Senator Jane Roe said on Tuesday.\n"),
        )
        .unwrap();
    }
    ws.index();
    let v = ws.search_json(&["alpha", "--kind", "quote", "--speaker", "roe"]);
    let hits = hits(&v);
    assert_eq!(hits.len(), 2, "{v}");
    assert!(hits.iter().all(|h| h["count"] == 1), "{v}");
    assert_ne!(hits[0]["quote_id"], hits[1]["quote_id"], "{v}");
}

/// A statement is shown in its own article's passage even when another
/// article's passage has the same id: ids are a 32-bit hash of the
/// article's key and the passage's offset, so two articles whose hashes
/// agree, with a paragraph at the same offset, share one.
#[test]
fn a_statement_is_shown_in_its_own_article_when_passage_ids_collide() {
    use quarry::index::document::passage_id;
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus").canonicalize().unwrap();
    let key = |name: &str| corpus.join(name).to_str().unwrap().to_string();
    // Two file names whose keys' hashes share their high half: about
    // 4 * 10^5 names give a dozen such pairs.
    let mut seen = std::collections::HashMap::new();
    let (a, b) = (0..400_000)
        .find_map(|n| {
            let name = format!("collide-{n}.txt");
            let high = passage_id(&key(&name), 0) >> 32;
            seen.insert(high, name.clone()).map(|other| (other, name))
        })
        .expect("two names whose ids collide");
    // The same layout, so that the quoting paragraphs start at one offset.
    for (name, who, words) in [(&a, "Jane Roe", "apples"), (&b, "John Poe", "pears")] {
        std::fs::write(
            corpus.join(name),
            format!("A made-up report\n\n“We grow {words} here,” Senator {who} said.\n"),
        )
        .unwrap();
    }
    ws.index();
    for (name, words) in [(&a, "apples"), (&b, "pears")] {
        let v = ws.search_json(&[words, "--kind", "quote"]);
        let hits = hits(&v);
        assert_eq!(hits.len(), 1, "{v}");
        assert_eq!(hits[0]["article"]["path"], key(name).as_str(), "{v}");
        let passage = hits[0]["passage"].as_str().unwrap();
        assert!(passage.contains(words), "{name}: {passage}");
    }
}

/// Reports are found from what is in the index now: an article removed
/// from the corpus leaves every group it was in, and one that comes back
/// joins it again, with no rebuild.
#[test]
fn report_groups_follow_the_corpus_as_it_changes() {
    let ws = Workspace::new();
    ws.index();
    let count = |ws: &Workspace| {
        let v = ws.search_json(&["\"potential areas of agreement\"", "--kind", "quote"]);
        common::hits(&v)
            .iter()
            .map(|h| h["count"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(count(&ws), [2, 2]);
    let moved = ws.path().join("000.txt.away");
    let file = ws.path().join("corpus/000_4600caa0d332a40a.txt");
    std::fs::rename(&file, &moved).unwrap();
    ws.index();
    assert_eq!(count(&ws), [1]);
    std::fs::rename(&moved, &file).unwrap();
    ws.index();
    assert_eq!(count(&ws), [2, 2]);
}

/// A statement is shown in the paragraph that holds it, and an article's
/// title (indexed once, on the article) answers `title:` queries.
#[test]
fn statements_show_their_paragraph_and_titles_find_articles() {
    let ws = Workspace::new();
    let v = ws.search_json(&["\"BIG PROGRESS\"", "--kind", "quote"]);
    let hit = &common::hits(&v)[0];
    let passage = hit["passage"].as_str().unwrap();
    assert!(
        passage.starts_with("In a social media post, Trump wrote")
            && passage.contains(hit["quote"].as_str().unwrap()),
        "{hit}"
    );
    let v = ws.search_json(&["title:concessions OR title:movement"]);
    assert_schema("results.schema.json", &v);
    let hits = common::hits(&v);
    assert_eq!(hits.len(), 1, "{v}");
    assert_eq!(hits[0]["kind"], "article");
    assert!(hits[0]["snippet"]
        .as_str()
        .unwrap()
        .contains("<b>movement</b>"));
    // Without `title:`, articles are never hits.
    let v = ws.search_json(&["*", "-n", "1000"]);
    assert!(common::hits(&v).iter().all(|h| h["kind"] != "article"));
}

#[test]
fn batch_queries_answer_one_json_object_per_line() {
    let ws = Workspace::new();
    ws.index();
    std::fs::write(
        ws.path().join("queries.txt"),
        "sanctions\t--speaker rubio -n 2\n\
         # a comment, then a blank line\n\
         \n\
         {\"query\": \"zone\", \"speaker\": \"zelenskiy\"}\n\
         \"Article Five\"\t--bogus\n\
         ceasefire\n",
    )
    .unwrap();
    let out = ws.run(&["search", "--queries", "queries.txt"]);
    assert_eq!(out.status.code(), Some(2), "one bad line: exit 2");
    assert!(stderr(&out).contains("queries.txt:5"), "{}", stderr(&out));
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 4);
    for l in &lines {
        assert_schema("results.schema.json", l);
    }
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["hits"].as_array().unwrap().len(), 2);
    assert!(lines[0]["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["speaker"] == "Marco Rubio"));
    assert_eq!(lines[1]["line"], 4);
    assert_eq!(lines[1]["hits"][0]["speaker"], "Volodymyr Zelenskyy");
    assert_eq!(lines[2]["line"], 5);
    assert!(lines[2]["error"].as_str().unwrap().contains("--bogus"));
    assert_eq!(lines[3]["query"], "ceasefire");

    // From stdin.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quarry"))
        .args(["search", "--queries", "-"])
        .current_dir(ws.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"progress\nwartime\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(json_lines(&stdout(&out)).len(), 2);
}

#[test]
fn stats_describe_the_bundled_corpus() {
    let ws = Workspace::new();
    ws.index();
    let out = ws.run(&["stats", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_schema("stats.schema.json", &s);
    assert_eq!(s["files"], 5);
    assert_eq!(s["articles"], 5);
    assert_eq!(s["passages"], 65);
    assert_eq!(s["quotes"], 43);
    assert!(s["reported"].as_u64().unwrap() >= 25, "{s}");
    // Reported speech brings in speakers never quoted: Chris Murphy, Jake
    // Sullivan, and Russia ("Russia has also refused …"), a body speaking.
    assert_eq!(s["speakers"], 8, "{s}");
    assert_eq!(s["first_date"], serde_json::Value::Null);
    assert!(s["index_bytes"].as_u64().unwrap() > 10_000);
    assert!(s["last_indexed"].as_str().unwrap().starts_with("20"));
    let out = ws.run(&["stats"]);
    let text = stdout(&out);
    assert!(text.contains("quotations:  43"), "{text}");
}

#[test]
fn index_reports_skips_briefly_and_fully_with_v() {
    let ws = Workspace::new();
    for i in 0..12 {
        std::fs::write(ws.path().join(format!("corpus/bad{i:02}.txt")), b"ab\xffcd").unwrap();
    }
    let out = ws.run(&["index"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert_eq!(err.matches("invalid UTF-8").count(), 10, "{err}");
    assert!(err.contains("and 2 more skipped"), "{err}");
    assert!(stdout(&out).is_empty(), "data only on stdout");
    std::fs::write(ws.path().join("corpus/bad00.txt"), b"x\xfe").unwrap();
    let out = ws.run(&["index", "-v"]);
    let err = stderr(&out);
    assert_eq!(err.matches("invalid UTF-8").count(), 12, "{err}");
}

#[test]
fn completions_man_page_and_help() {
    let ws = Workspace::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = ws.run(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = stdout(&out);
        assert!(
            script.contains("quarry") && script.contains("group-quotes"),
            "{shell}"
        );
    }
    let out = ws.run(&["man"]);
    let page = stdout(&out);
    assert!(
        page.starts_with(".ie") || page.contains(".TH quarry"),
        "{page}"
    );
    let out = ws.run(&["search", "--help"]);
    let help = stdout(&out);
    assert!(help.contains("--publisher") && help.contains("--since"));
    let out = ws.run(&["--help"]);
    assert!(stdout(&out).contains("Exit status: 0"));
}
