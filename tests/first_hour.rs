//! What a new user meets in the first hour (issue 14): the same folder typed
//! another way, an index inside the corpus, files of other types, plain
//! questions, names with titles, output to read.

mod common;

use common::{hits, quarry_in, stats_of, stderr, stdout, Workspace};

/// Articles in the index at `dir/index`.
fn articles(dir: &std::path::Path, index: &str) -> u64 {
    stats_of(dir, index)["articles"].as_u64().unwrap()
}

#[test]
fn one_folder_typed_four_ways_is_one_set_of_articles() {
    let ws = Workspace::new();
    let dir = ws.path();
    let absolute = dir.join("corpus").display().to_string();
    for (cwd, corpus, index) in [
        (dir.to_path_buf(), "corpus", "idx"),
        (dir.to_path_buf(), "./corpus/", "idx"),
        (dir.to_path_buf(), absolute.as_str(), "idx"),
        (dir.join("corpus"), ".", "../idx"),
        (dir.join("corpus"), "../corpus", "../idx"),
    ] {
        let out = quarry_in(&cwd, &["index", corpus, "-i", index]);
        assert!(out.status.success(), "{corpus}: {}", stderr(&out));
    }
    assert_eq!(articles(dir, "idx"), 5);
    let last = quarry_in(&dir.join("corpus"), &["index", ".", "-i", "../idx"]);
    assert!(
        stderr(&last).contains("added 0, updated 0, removed 0, unchanged 5"),
        "{}",
        stderr(&last)
    );

    // Paths are the files' own, whichever folder asks.
    let answer = ws.search_json(&["sanctions", "-i", "idx", "-n", "50"]);
    let elsewhere = quarry_in(
        &dir.join("corpus"),
        &["search", "sanctions", "-i", "../idx", "-n", "50", "--json"],
    );
    let elsewhere: serde_json::Value = serde_json::from_slice(&elsewhere.stdout).unwrap();
    assert_eq!(answer["num_hits"], elsewhere["num_hits"]);
    for hit in hits(&answer) {
        let path = hit["article"]["path"].as_str().unwrap();
        let relative = hit["article"]["relative_path"].as_str().unwrap();
        assert!(std::path::Path::new(path).is_absolute(), "{path}");
        assert!(std::path::Path::new(path).is_file(), "{path}");
        assert!(
            path.ends_with(&format!("/corpus/{relative}")),
            "{path} {relative}"
        );
        assert!(!relative.contains('/'), "{relative}");
    }
    let human = stdout(&ws.run(&["search", "sanctions", "-i", "idx"]));
    assert!(human.contains("001_9890da3020002da9.txt ¶8"), "{human}");
    assert!(!human.contains(&absolute), "{human}");
}

#[cfg(unix)]
#[test]
fn names_that_differ_only_in_invalid_bytes_are_two_articles() {
    use std::os::unix::ffi::OsStrExt;
    let ws = Workspace::new();
    let corpus = ws.path().join("odd");
    std::fs::create_dir(&corpus).unwrap();
    let text = "Title\n\nThe minister said the talks would go on.\n";
    for name in [&b"caf\xe9.txt"[..], b"caf\xe8.txt", b"caf\\xe9.txt"] {
        let path = corpus.join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, text).unwrap();
    }
    let out = ws.run(&["index", "odd", "-i", "idx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(articles(ws.path(), "idx"), 3);
    let again = ws.run(&["index", "odd", "-i", "idx"]);
    assert!(stderr(&again).contains("unchanged 3"), "{}", stderr(&again));
    let human = stdout(&ws.run(&["search", "minister", "-i", "idx", "--kind", "passage"]));
    // Invalid bytes are shown escaped, as a terminal-safe name.
    assert_eq!(human.matches("caf\\xe9.txt ¶1").count(), 2, "{human}");
    assert_eq!(human.matches("caf\\xe8.txt ¶1").count(), 1, "{human}");
}

#[test]
fn the_walk_skips_index_folders_hidden_entries_and_counts_other_types() {
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    std::fs::write(corpus.join("report.pdf"), b"%PDF-1.4").unwrap();
    std::fs::write(corpus.join("notes.docx"), b"PK").unwrap();
    std::fs::write(corpus.join("scan.PDF"), b"%PDF-1.4").unwrap();
    std::fs::create_dir(corpus.join(".git")).unwrap();
    std::fs::write(
        corpus.join(".git/HEAD.md"),
        "Hidden\n\nThe spokesman said nothing new.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join(".draft.txt"),
        "Draft\n\nThe envoy said it was a draft.\n",
    )
    .unwrap();

    // The index is written inside the corpus it reads.
    let first = ws.run(&["index", "corpus", "-i", "corpus/idx"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let summary = stderr(&first);
    assert!(summary.contains("added 5,"), "{summary}");
    assert!(summary.contains("ignored 3: .docx 1, .pdf 2"), "{summary}");
    for _ in 0..2 {
        let again = ws.run(&["index", "corpus", "-i", "corpus/idx"]);
        let summary = stderr(&again);
        assert!(
            summary.contains("added 0, updated 0, removed 0, unchanged 5"),
            "{summary}"
        );
        assert!(summary.contains("ignored 3: .docx 1, .pdf 2"), "{summary}");
    }
    // Another index in the corpus is not read either, and is named.
    let out = ws.run(&["index", "corpus", "-i", "elsewhere"]);
    let summary = stderr(&out);
    assert!(summary.contains("added 5,"), "{summary}");
    assert!(summary.contains("index folders 1"), "{summary}");

    let json = ws.run(&["index", "corpus", "-i", "all", "--hidden", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["added"], 7, "{report}");
    assert_eq!(report["ignored"][".pdf"], 2);
    common::assert_schema("index-report.schema.json", &report);
}

/// Whether a hit holds `word` in its text (any case) or as its speaker:
/// a passage's text is the paragraph, a statement's its words.
fn holds(hit: &serde_json::Value, word: &str) -> bool {
    let text = match hit["kind"].as_str().unwrap() {
        "passage" => hit["passage"].as_str().unwrap().to_string(),
        _ => format!(
            "{} {}",
            hit["quote"].as_str().unwrap(),
            hit["speaker"].as_str().unwrap_or_default()
        ),
    };
    text.to_lowercase().contains(word)
}

#[test]
fn a_plain_question_puts_the_speakers_statements_first() {
    let ws = Workspace::new();
    let v = ws.search_json(&["what did Rubio say about sanctions", "-n", "200"]);
    let all = hits(&v);
    assert!(all.len() > 10, "{v}");
    // Every hit holding both words comes before any that misses one.
    let both: Vec<bool> = all
        .iter()
        .map(|h| holds(h, "rubio") && holds(h, "sanction"))
        .collect();
    let first_miss = both.iter().position(|b| !b).unwrap_or(both.len());
    // (A paragraph that only repeats a statement is no hit of its own.)
    assert!(first_miss >= 5, "{both:?}");
    assert!(both[first_miss..].iter().all(|b| !b), "{both:?}");
    // Rubio's own statements on sanctions lead, reported speech included.
    let top: Vec<&serde_json::Value> = all.iter().take(5).collect();
    assert_eq!(top[0]["speaker"], "Marco Rubio", "{:#?}", top[0]);
    let by_rubio = top.iter().filter(|h| h["speaker"] == "Marco Rubio").count();
    assert!(by_rubio >= 4, "{top:#?}");
    assert!(top.iter().any(|h| h["kind"] == "reported"), "{top:#?}");
    // The same words without the question give the same hits (the
    // question's bonus for statements changes scores, not this order).
    let plain = ws.search_json(&["Rubio sanctions", "-n", "5"]);
    let unscored = |hs: &[serde_json::Value]| -> Vec<serde_json::Value> {
        hs.iter()
            .map(|h| {
                let mut h = h.clone();
                h.as_object_mut().unwrap().remove("score");
                h
            })
            .collect()
    };
    assert_eq!(unscored(&hits(&plain)[..]), unscored(&all[..5]));
    // Scripts keep every word required.
    let strict = ws.search_json(&["Rubio sanctions", "--strict", "-n", "200"]);
    assert!(
        hits(&strict).iter().all(|h| h["kind"] == "passage"),
        "{strict}"
    );
}

#[test]
fn every_spelling_of_a_name_finds_the_same_statements() {
    let ws = Workspace::new();
    let answers: Vec<serde_json::Value> = ["Zelensky", "Zelenskiy", "Zelenskyy", "zelenskyy"]
        .iter()
        .map(|q| ws.search_json(&[q, "-n", "100"]))
        .collect();
    assert!(
        answers[0]["num_hits"].as_u64().unwrap() >= 12,
        "{}",
        answers[0]
    );
    for other in &answers[1..] {
        assert_eq!(other["num_hits"], answers[0]["num_hits"]);
        assert_eq!(hits(other), hits(&answers[0]));
    }
}

#[test]
fn broken_syntax_is_searched_as_words_unless_strict() {
    let ws = Workspace::new();
    ws.index();
    for (query, problem) in [
        (
            "\"peace agreement",
            "the quotation mark at character 1 is never closed",
        ),
        ("(peace agreement", "the '(' at character 1 is never closed"),
        ("peace agreement)", "the ')' at character 16 closes no '('"),
        ("peace AND", "AND at the end has nothing after it"),
    ] {
        let out = ws.run(&["search", query, "--json"]);
        assert_eq!(out.status.code(), Some(0), "{query}: {}", stderr(&out));
        let note = stderr(&out);
        assert_eq!(note.lines().count(), 1, "{note}");
        assert!(
            note.contains("searched as words") && note.contains(problem),
            "{note}"
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(!hits(&v).is_empty());

        let strict = ws.run(&["search", query, "--strict"]);
        assert_eq!(strict.status.code(), Some(2), "{query}");
        let error = stderr(&strict);
        assert_eq!(error.lines().count(), 1, "{error}");
        assert!(error.contains(problem), "{error}");
    }
}

#[test]
fn a_speaker_is_one_name_however_titled() {
    let ws = Workspace::new();
    ws.index();
    let count = |speaker: &str| {
        let v = ws.search_json(&["sanctions", "--speaker", speaker]);
        v["num_hits"].as_u64().unwrap()
    };
    let plain = count("rubio");
    assert!(plain >= 4);
    for titled in ["Mr. Rubio", "Sen. Rubio", "Secretary of State Marco Rubio"] {
        assert_eq!(count(titled), plain, "{titled}");
    }
}

/// Over PolNeAR train and dev (924 articles, seven publishers): the 100
/// most quoted speakers are 100 people or organisations, each once, none a
/// title, a description or a place.
#[test]
#[cfg_attr(not(quarry_shared), ignore = "needs ../shared/data/polnear")]
fn polnear_top_speakers_are_one_entry_per_person() {
    let data = common::polnear();
    let ws = Workspace::new();
    let metadata = data.join("metadata.tsv");
    for split in ["train", "dev"] {
        let corpus = data.join(split).join("text");
        let out = ws.run(&[
            "index",
            corpus.to_str().unwrap(),
            "-i",
            "pn",
            "--metadata",
            metadata.to_str().unwrap(),
            "-q",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = ws.run(&["speakers", "-i", "pn", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let top = &rows[..100];
    let names: Vec<&str> = top.iter().map(|r| r["name"].as_str().unwrap()).collect();
    let ids: Vec<Vec<&str>> = top
        .iter()
        .map(|r| r["id"].as_str().unwrap().split(' ').collect())
        .collect();
    // One person, one row: no bare surname beside the full name, no
    // middle name or initial making a second row.
    for (i, a) in ids.iter().enumerate() {
        for (j, b) in ids.iter().enumerate().skip(i + 1) {
            let same = (a.len() == 1 && a[0] == *b.last().unwrap())
                || (b.len() == 1 && b[0] == *a.last().unwrap())
                || (a[0] == b[0] && a.last() == b.last());
            assert!(!same, "{} and {} are one person", names[i], names[j]);
        }
    }
    let leading = [
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Pres.",
        "President",
        "Sen.",
        "Senator",
        "Rep.",
        "Gov.",
        "Councilman",
        "The",
        "Billionaire",
        "Maybe",
        "Former",
    ];
    for name in &names {
        let first = name.split(' ').next().unwrap();
        assert!(
            !leading.contains(&first),
            "{name} keeps a title or description"
        );
        assert!(
            first.parse::<f64>().is_err() && !["Six", "Two", "Three"].contains(&first),
            "{name}"
        );
        assert!(
            !["New York", "Iowa", "Trump Tower", "Washington, D.C."].contains(name),
            "{name} is a place"
        );
    }
    // The people the issue names: one row each, two Clintons stay two.
    for person in [
        "Barack Obama",
        "Donald Trump",
        "Hillary Clinton",
        "Bill Clinton",
    ] {
        assert_eq!(
            names.iter().filter(|n| **n == person).count(),
            1,
            "{person}: {names:?}"
        );
    }
    for gone in [
        "Obama",
        "Donald J. Trump",
        "Hillary Rodham Clinton",
        "Pres. Obama",
    ] {
        assert!(
            !rows.iter().any(|r| r["name"] == gone),
            "{gone} has a row of its own"
        );
    }
}

#[test]
fn each_hit_says_who_where_and_from_which_article_in_plain_text_when_piped() {
    let ws = Workspace::with_fixture("metadata");
    ws.index();
    let out = ws.run(&["search", "budget"]);
    let text = stdout(&out);
    // Who, as what, and the article: title, publisher, date, short path.
    assert!(text.contains(". Alvarez · quotation  "), "{text}");
    assert!(
        text.contains(
            "    Budget signed after standoff — State Herald, 2016-03-04 · story-one.txt ¶2"
        ),
        "{text}"
    );
    // The quotation in its sentence; plain text when piped.
    assert!(
        text.contains(
            "    “This budget keeps our promises to working families,” Governor Alvarez said at the signing."
        ),
        "{text}"
    );
    assert!(!text.contains("**") && !text.contains('\u{1b}'), "{text}");
    // The paragraph that only repeats the quotation is no hit of its own:
    // search folds it into the quotation, and the count says what it counts.
    assert_eq!(text.matches("story-one.txt ¶2").count(), 1, "{text}");
    assert!(
        text.contains(" matching passages and statements ("),
        "{text}"
    );
    // No score when hits are not ranked by it.
    let by_date = stdout(&ws.run(&["search", "budget", "--sort", "date"]));
    assert!(by_date.contains(". Alvarez · quotation\n"), "{by_date}");
}

#[test]
fn hits_wrap_at_the_terminal_width_with_a_hanging_indent_and_cut_marks() {
    let ws = Workspace::new();
    ws.index();
    let out = common::quarry_env(
        ws.path(),
        &["search", "additional sanctions", "-n", "5"],
        &[("COLUMNS", "60")],
    );
    let text = stdout(&out);
    let mut body_lines = 0;
    // The hits, not the one-line summary under them.
    for line in text.lines().filter(|l| !l.contains(" matching ")) {
        assert!(line.chars().count() <= 60, "{line:?} in\n{text}");
        if line.starts_with("    ") {
            body_lines += 1;
        } else {
            let numbered = line
                .trim_start()
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<usize>().is_ok());
            assert!(line.is_empty() || numbered, "{line:?}");
        }
    }
    assert!(body_lines > 10, "{text}");
    // A sentence that goes on after the quotation says so.
    assert!(text.contains("“Face the\n    Nation.” …"), "{text}");
}

#[test]
fn help_and_man_pages_cover_every_command() {
    let ws = Workspace::new();
    let help = stdout(&ws.run(&["search", "--help"]));
    let tail: Vec<&str> = help.trim_end().lines().rev().take(6).collect();
    assert!(
        tail.iter()
            .all(|l| l.trim_start().starts_with("quarry search")),
        "{help}"
    );
    // quarry(1) names a page per command, and each exists.
    let top = stdout(&ws.run(&["man"]));
    let dir = ws.path().join("man");
    let out = ws.run(&["man", "--dir", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut named = 0;
    for name in ["index", "search", "speakers", "outlets", "extract", "stats"] {
        assert!(
            top.contains(&format!("quarry\\-{name}(1)")),
            "{name} in {top}"
        );
        let page = std::fs::read_to_string(dir.join(format!("quarry-{name}.1"))).unwrap();
        assert_eq!(page, stdout(&ws.run(&["man", name])));
        named += 1;
    }
    assert_eq!(named, 6);
    let search = stdout(&ws.run(&["man", "search"]));
    assert!(
        search.contains("Examples:") && search.contains("\\-\\-strict"),
        "{search}"
    );
    let bad = ws.run(&["man", "serch"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("the pages are index, search"),
        "{}",
        stderr(&bad)
    );
    // The title line names the page, its version and a date.
    let th = search.lines().find(|l| l.starts_with(".TH ")).unwrap();
    let version = format!("\"quarry {}\"", env!("CARGO_PKG_VERSION"));
    assert!(
        th.starts_with(".TH quarry-search 1 20") && th.contains(&version),
        "{th}"
    );
}

#[test]
fn a_mistyped_command_suggests_the_nearest_first() {
    let ws = Workspace::new();
    let out = ws.run(&["serach", "talks"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.contains("unrecognized subcommand 'serach'")
            && text.contains("tip: a similar subcommand exists: 'search'"),
        "{text}"
    );
}

#[test]
fn a_speaker_who_said_nothing_is_named_with_the_closest_speakers() {
    let ws = Workspace::new();
    let out = ws.run(&["search", "sanctions", "--speaker", "rubia"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("no speaker matches \"rubia\"; the closest: Marco Rubio"),
        "{text}"
    );
    // A speaker who said things, none of them on the subject: no such line.
    let out = ws.run(&["search", "zebra", "--speaker", "rubio"]);
    assert!(
        !stderr(&out).contains("no speaker matches"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn verbose_says_more_where_it_is_offered_and_is_refused_elsewhere() {
    let ws = Workspace::new();
    ws.index();
    std::fs::write(
        ws.path().join("dated.md"),
        "---\ndate: someday\n---\nTitle\n\n“We will see,” Rubio said.\n",
    )
    .unwrap();
    let quiet = ws.run(&["extract", "dated.md"]);
    let loud = ws.run(&["extract", "dated.md", "-v"]);
    assert!(!stderr(&quiet).contains("warning"), "{}", stderr(&quiet));
    assert!(stderr(&loud).contains("warning: "), "{}", stderr(&loud));
    // extract's table names the paragraph, not a line.
    assert!(
        stdout(&loud).starts_with("dated.md ¶1\tRubio\t"),
        "{}",
        stdout(&loud)
    );
    let counted = ws.run(&["speakers", "-v"]);
    assert!(
        stderr(&counted).contains("rows counted in"),
        "{}",
        stderr(&counted)
    );
    let stats = ws.run(&["stats", "-v"]);
    assert_eq!(stats.status.code(), Some(2), "{}", stderr(&stats));
}

#[test]
fn pages_and_feeds_as_they_come_dates_boilerplate_and_json_ld() {
    let ws = Workspace::new();
    let corpus = ws.path().join("pages");
    std::fs::create_dir(&corpus).unwrap();
    // A page with no <article> or <main>: its furniture is not the article.
    std::fs::write(
        corpus.join("wire.html"),
        r#"<!doctype html><html><head><title>Ignored | Site</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Site"},
  {"@type": "NewsArticle", "headline": "Envoys meet in Geneva",
   "datePublished": "2024-03-03T23:30:00-05:00",
   "author": [{"@type": "Person", "name": "Ana Ruiz"}],
   "publisher": {"@type": "Organization", "name": "Der Spiegel"}}]}</script>
</head><body>
<div class="site-header"><p>“Subscribe now,” the editors said.</p></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="story">
<p>The envoys met for six hours on Sunday.</p>
<p>“We are closer than ever,” Rubio told France 24 after the meeting.</p>
<p>Read more: <a href="/a">Talks stall</a> <a href="/b">Envoys leave</a></p>
</div>
<div class="sidebar"><p>“Best deal in town,” the advertisers said.</p></div>
<footer><p>© 2024 Example Media. “All rights reserved,” the lawyers said.</p></footer>
</body></html>"#,
    )
    .unwrap();
    std::fs::write(
        corpus.join("spelled.md"),
        "---\ntitle: Spelled out\ndate: March 5, 2024\n---\n“Wait,” Rubio told Al Jazeera.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("feed.md"),
        "---\ntitle: From a feed\ndate: Tue, 02 Apr 2024 08:00:00 +0000\n---\n“Later,” Rubio said.\n",
    )
    .unwrap();
    let out = ws.run(&["index", "pages", "-i", "idx", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["warnings"], serde_json::json!([]), "{report}");
    let all = ws.search_json(&["said OR told OR envoys", "-i", "idx", "-n", "50"]);
    let texts: Vec<String> = hits(&all)
        .iter()
        .map(|h| h["passage"].as_str().unwrap().to_string())
        .collect();
    for furniture in ["Subscribe", "advertisers", "lawyers", "Read more"] {
        assert!(
            !texts.iter().any(|t| t.contains(furniture)),
            "{furniture} in {texts:#?}"
        );
    }
    let quote = ws.search_json(&["closer", "-i", "idx", "--kind", "quote"]);
    let hit = &hits(&quote)[0];
    assert_eq!(hit["outlet"], "France 24");
    assert_eq!(hit["article"]["title"], "Envoys meet in Geneva");
    assert_eq!(hit["article"]["publisher"], "Der Spiegel");
    assert_eq!(hit["article"]["author"], "Ana Ruiz");
    assert_eq!(hit["article"]["date"], "2024-03-03");
    let jazeera = ws.search_json(&["wait", "-i", "idx", "--kind", "quote"]);
    assert_eq!(hits(&jazeera)[0]["outlet"], "Al Jazeera");
    // A year or a month is enough for a filter.
    let count = |args: &[&str]| {
        let mut all = vec!["said OR told", "-i", "idx"];
        all.extend_from_slice(args);
        ws.search_json(&all)["num_hits"].as_u64().unwrap()
    };
    let everything = count(&[]);
    assert_eq!(count(&["--since", "2024"]), everything);
    assert_eq!(count(&["--until", "2023"]), 0);
    let march = count(&["--since", "2024-03", "--until", "2024-03"]);
    let april = count(&["--since", "2024-04", "--until", "2024-04"]);
    assert!(
        march > 0 && april > 0 && march + april == everything,
        "{march} {april} {everything}"
    );
}

#[test]
fn outlets_of_the_world_and_the_users_own() {
    let ws = Workspace::new();
    let text = "Title\n\n“We will wait,” Rubio told Der Spiegel.\n\n\
                “It is early,” the minister told the BBC’s Today programme.\n\n\
                “Not yet,” Lavrov told Kommersant on Sunday.\n";
    std::fs::write(ws.path().join("world.txt"), text).unwrap();
    let outlets = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["extract", "world.txt", "--jsonl"];
        all.extend_from_slice(args);
        let out = ws.run(&all);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .map(|v| v["outlet"].as_str().unwrap_or("-").to_string())
            .collect()
    };
    assert_eq!(outlets(&[]), ["Der Spiegel", "BBC", "-"]);
    std::fs::write(ws.path().join("outlets.tsv"), "Kommersant\tKommersant\n").unwrap();
    assert_eq!(
        outlets(&["--outlets", "outlets.tsv"]),
        ["Der Spiegel", "BBC", "Kommersant"]
    );
    std::fs::write(
        ws.path().join("outlets.toml"),
        "[outlets]\n\"Kommersant FM\" = [\"Kommersant\"]\n",
    )
    .unwrap();
    assert_eq!(
        outlets(&["--outlets", "outlets.toml"]),
        ["Der Spiegel", "BBC", "Kommersant FM"]
    );
    // A changed outlets file re-extracts the index.
    std::fs::create_dir(ws.path().join("w")).unwrap();
    std::fs::rename(ws.path().join("world.txt"), ws.path().join("w/world.txt")).unwrap();
    let first = ws.run(&["index", "w", "-i", "idx", "--outlets", "outlets.tsv"]);
    assert!(stderr(&first).contains("added 1"), "{}", stderr(&first));
    let again = ws.run(&["index", "w", "-i", "idx", "--outlets", "outlets.toml"]);
    assert!(stderr(&again).contains("updated 1"), "{}", stderr(&again));
    let v = ws.search_json(&["yet", "-i", "idx", "--outlet", "Kommersant FM"]);
    assert_eq!(v["num_hits"], 1, "{v}");
}

#[test]
fn speakers_and_outlets_count_each_kind() {
    let ws = Workspace::new();
    ws.index();
    for command in ["speakers", "outlets"] {
        let out = ws.run(&[command, "--json"]);
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        common::assert_schema("tallies.schema.json", &rows);
        for row in rows.as_array().unwrap() {
            let n = |k: &str| row[k].as_u64().unwrap();
            assert_eq!(n("statements"), n("quotes") + n("reported"), "{row}");
        }
    }
    let out = ws.run(&["speakers", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rubio = &rows[0];
    assert_eq!(rubio["name"], "Marco Rubio");
    assert!(
        rubio["quotes"].as_u64().unwrap() > 20 && rubio["reported"].as_u64().unwrap() > 10,
        "{rubio}"
    );
    let text = stdout(&ws.run(&["speakers"]));
    assert!(
        text.lines().next().unwrap().ends_with(&format!(
            "Marco Rubio  ({} quoted, {} reported)",
            rubio["quotes"], rubio["reported"]
        )),
        "{text}"
    );
}

/// Search decides what a hit is: every printer shows the same page, pages
/// neither repeat nor skip, and a paragraph a statement shows is no hit.
#[test]
fn every_printer_shows_the_same_page_and_pages_neither_repeat_nor_skip() {
    let ws = Workspace::new();
    ws.index();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["talks"];
        all.extend_from_slice(args);
        hits(&ws.search_json(&all))
            .iter()
            .map(|h| format!("{}|{}|{}", h["article"]["id"], h["paragraph"], h["kind"]))
            .collect()
    };
    let whole = ids(&["-n", "50"]);
    assert!(whole.len() >= 8, "{whole:?}");
    // No paragraph is a hit beside a statement of the same paragraph.
    for h in whole.iter().filter(|h| h.ends_with("|\"passage\"")) {
        let paragraph = h.rsplit_once('|').unwrap().0;
        assert!(
            !whole
                .iter()
                .any(|o| o != h && o.rsplit_once('|').unwrap().0 == paragraph),
            "{h} beside its statement: {whole:?}"
        );
    }
    // Pages of two, put together, are the whole list.
    let mut paged = Vec::new();
    for start in (0..whole.len()).step_by(2) {
        paged.extend(ids(&["-n", "2", "--start-offset", &start.to_string()]));
    }
    assert_eq!(paged, whole);
    // The terminal shows as many hits as JSON, in the same order.
    let text = stdout(&ws.run(&["search", "talks", "-n", "50"]));
    let shown = text
        .lines()
        .filter(|l| {
            l.trim_start().split_once(". ").is_some_and(|(rank, _)| {
                !rank.is_empty() && rank.bytes().all(|b| b.is_ascii_digit())
            })
        })
        .count();
    assert_eq!(shown, whole.len(), "{text}");
}

/// A sentence read both as a quotation and as the reported speech around
/// it is one hit: the quotation, the speaker's own words.
#[test]
fn one_sentence_is_one_hit() {
    let ws = Workspace::new();
    let corpus = ws.path().join("corpus");
    for entry in std::fs::read_dir(&corpus).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    std::fs::write(
        corpus.join("ferry.txt"),
        "Ferry service to resume\n\n\
         Harbor director Ines Duarte told reporters that the new ferries were \
         “quieter, faster and cheaper to run than anything we had.”\n",
    )
    .unwrap();
    ws.index();
    let all = ws.search_json(&["cheaper", "-n", "10"]);
    let kinds: Vec<&str> = hits(&all)
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["quote"], "{all}");
    // Asked for reported speech alone, the reported statement is found.
    let reported = ws.search_json(&["cheaper", "--kind", "reported"]);
    assert_eq!(hits(&reported).len(), 1, "{reported}");
    // Counts say what they count, in the number they take.
    assert_eq!(reported["counted"], "reported statement", "{reported}");
    let text = stdout(&ws.run(&["search", "cheaper", "--kind", "reported"]));
    assert!(
        text.contains("\n1 of 1 matching reported statement ("),
        "{text}"
    );
    assert_eq!(all["counted"], "passages and statements", "{all}");
}

/// "who talked about a ceasefire": the verb of saying is no word to find,
/// and statements holding the other words come first.
#[test]
fn a_question_about_what_was_said_ranks_statements_on_its_subject() {
    let ws = Workspace::new();
    let v = ws.search_json(&["who talked about a ceasefire", "-n", "8"]);
    let top = hits(&v);
    assert!(top.len() >= 6, "{v}");
    let statements = top
        .iter()
        .take_while(|h| h["kind"] == "quote" || h["kind"] == "reported")
        .count();
    assert!(statements >= 6, "{v}");
    for h in top.iter().take(statements) {
        assert!(holds(h, "ceasefire"), "{h:#}");
    }
    // Trump's ceasefire statement is among them.
    assert!(
        top.iter().any(
            |h| h["speaker"].as_str().is_some_and(|s| s.contains("Trump")) && holds(h, "ceasefire")
        ),
        "{v}"
    );
    // Not a question: every word is searched, "talked" included — a hit
    // only that word can match is among the first (which of the two words
    // ranks first is the scores' near tie, not this test's business).
    let plain = ws.search_json(&["talked ceasefire", "-n", "3"]);
    assert!(
        hits(&plain)
            .iter()
            .any(|h| holds(h, "talk") && !holds(h, "ceasefire")),
        "{plain}"
    );
}

/// A hit names its speaker as `quarry speakers` lists them: "Donald
/// Trump", not the "Trump" of the one article that says "Mr. Trump".
#[test]
fn hits_name_speakers_as_the_speaker_list_does() {
    let ws = Workspace::new();
    ws.index();
    let out = ws.run(&["speakers", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    let v = ws.search_json(&["*", "--kind", "quote", "-n", "500"]);
    let shown: std::collections::BTreeSet<&str> = hits(&v)
        .iter()
        .filter_map(|h| h["speaker"].as_str())
        .collect();
    assert!(
        shown.contains("Donald Trump") && !shown.contains("Trump"),
        "{shown:?}"
    );
    for name in &shown {
        assert!(listed.contains(name), "{name} is not listed: {listed:?}");
    }
    // The terminal says the same.
    let text = stdout(&ws.run(&["search", "ceasefire", "--speaker", "trump"]));
    assert!(text.contains(". Donald Trump · "), "{text}");
}
