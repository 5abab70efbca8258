//! `quarry serve` against a real server on an ephemeral port: every
//! endpoint and filter, bad parameters, the security headers, an article
//! holding markup, exports, and a commit picked up without a restart.

mod common;

use common::http::{enc, error_of, Server};
use common::{assert_schema, hits, stderr, stdout, Workspace};

#[test]
fn every_endpoint_answers_in_the_clis_shapes() {
    let ws = Workspace::desk();
    let server = Server::start(ws.path(), "index");

    let v = server.json("/api/search?q=sanctions&speaker=rubio");
    assert_schema("results.schema.json", &v);
    assert!(!hits(&v).is_empty());
    assert!(hits(&v)
        .iter()
        .all(|h| h["speaker"].as_str().unwrap().contains("Rubio")));
    // The same request on the command line gives the same hits.
    let cli = ws.search_json(&["sanctions", "--speaker", "rubio"]);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        hits(v)
            .iter()
            .map(|h| format!("{}#{}#{}", h["article"]["path"], h["paragraph"], h["quote"]))
            .collect()
    };
    assert_eq!(ids(&v), ids(&cli));

    let speakers = server.json("/api/speakers");
    assert_schema("tallies.schema.json", &speakers);
    assert!(speakers
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["name"] == "Marco Rubio"));
    let outlets = server.json("/api/outlets?limit=2");
    assert_schema("tallies.schema.json", &outlets);
    assert!(outlets.as_array().unwrap().len() <= 2);
    let stats = server.json("/api/stats");
    assert_schema("stats.schema.json", &stats);
    assert_eq!(stats["articles"], 6);

    let t = server.json("/api/timeline?q=*&interval=month&top=2");
    assert_eq!(t["interval"], "month");
    let starts: Vec<&str> = t["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["start"].as_str().unwrap())
        .collect();
    assert_eq!(starts, ["2025-08-01", "2025-09-01"], "{t}");
    assert!(t["series"].as_array().unwrap().len() <= 2);
    for b in t["buckets"].as_array().unwrap() {
        let sum: u64 = b["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_u64().unwrap())
            .sum();
        assert_eq!(sum, b["total"].as_u64().unwrap());
    }
    assert!(
        t["undated"].as_u64().unwrap() > 0,
        "the markup article has no date"
    );

    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<script src=\"/app.js\""));
    assert_eq!(server.get("/app.js").status, 200);
    assert_eq!(server.get("/app.css").status, 200);
    assert_eq!(server.get("/nothing-here").status, 404);
}

#[test]
fn every_filter_narrows_as_on_the_command_line() {
    let ws = Workspace::desk();
    let server = Server::start(ws.path(), "index");
    let count = |params: &str| -> u64 {
        server.json(&format!("/api/search?q=*&{params}"))["num_hits"]
            .as_u64()
            .unwrap()
    };
    let all = count("");
    for (params, cli) in [
        ("kind=quote", vec!["--kind", "quote"]),
        ("kind=reported", vec!["--kind", "reported"]),
        ("kind=passage", vec!["--kind", "passage"]),
        (
            "speaker=rubio&speaker=witkoff",
            vec!["--speaker", "rubio", "--speaker", "witkoff"],
        ),
        ("outlet=cbs", vec!["--outlet", "cbs"]),
        ("publisher=daily", vec!["--publisher", "daily"]),
        ("since=2025-09-01", vec!["--since", "2025-09-01"]),
        ("until=2025-08-31", vec!["--until", "2025-08-31"]),
    ] {
        let n = count(params);
        assert!(n > 0 && n < all, "{params}: {n} of {all}");
        let mut args = vec!["*"];
        args.extend(cli);
        assert_eq!(n, ws.search_json(&args)["num_hits"], "{params}");
    }
    let newest = server.json("/api/search?q=*&sort=date&n=1");
    assert_eq!(hits(&newest)[0]["article"]["date"], "2025-09-02");
    let page = |offset: usize| -> Vec<serde_json::Value> {
        hits(&server.json(&format!("/api/search?q=progress&n=3&offset={offset}"))).clone()
    };
    let (first, second) = (page(0), page(3));
    assert_eq!(first.len(), 3);
    assert!(first.iter().all(|h| !second.contains(h)));
    let grouped = server.json(&format!(
        "/api/search?q={}&group_quotes=true",
        enc("\"potential areas of agreement\"")
    ));
    assert_eq!(hits(&grouped).len(), 1);
    assert_eq!(hits(&grouped)[0]["count"], 2);
}

#[test]
fn bad_parameters_get_400_and_a_one_line_json_error() {
    let ws = Workspace::desk();
    let server = Server::start(ws.path(), "index");
    for (path, says) in [
        ("/api/search?q=x&speakr=rubio", "speakr"),
        ("/api/search?q=x&n=ten", "n=\"ten\""),
        ("/api/search?q=x&n=5000", "at most 1000"),
        ("/api/search?q=x&offset=9999999", "offset"),
        ("/api/search?q=x&kind=quotes", "quotes"),
        ("/api/search?q=x&since=2025-13-01", "2025-13-01"),
        ("/api/search?q=x&sort=random", "random"),
        ("/api/search?q=x&group_quotes=maybe", "maybe"),
        ("/api/search", "empty"),
        ("/api/timeline?interval=year", "year"),
        ("/api/timeline?by=publisher", "publisher"),
        ("/api/timeline?top=500", "top"),
        ("/api/speakers?limit=-1", "limit"),
        ("/api/stats?x=1", "x"),
        ("/api/article", "id"),
        ("/api/article?id=x&other=1", "other"),
    ] {
        let (status, message) = error_of(&server, path);
        assert_eq!(status, 400, "{path}: {message}");
        assert!(message.contains(says), "{path}: {message}");
    }
    let long = format!("/api/search?q={}", "a".repeat(10_000));
    assert_eq!(error_of(&server, &long).0, 400);
    // Only indexed articles are read: a path outside the index is unknown.
    let (status, message) = error_of(&server, "/api/article?id=%2Fetc%2Fpasswd");
    assert_eq!(status, 404, "{message}");
}

#[test]
fn answers_carry_security_headers_and_articles_come_back_as_data() {
    let ws = Workspace::desk();
    let server = Server::start(ws.path(), "index");
    for path in ["/", "/app.js", "/api/stats", "/api/search?q=bad&kind=nope"] {
        let a = server.get(path);
        let csp = a.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(
            a.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
    }
    let v = server.json("/api/search?q=plan&kind=quote");
    let hit = &hits(&v)[0];
    assert!(hit["quote"].as_str().unwrap().contains("<script>"));
    // The HTML snippet escapes it; the plain fragment is for the page to set as text.
    assert!(!hit["snippet"].as_str().unwrap().contains("<script>"));
    let id = hit["article"]["path"].as_str().unwrap();
    let view = server.json(&format!("/api/article?id={}", enc(id)));
    let text = view["text"].as_str().unwrap();
    assert!(text.contains("<img src=x onerror="));
    let attributions = view["attributions"].as_array().unwrap();
    assert!(!attributions.is_empty());
    for a in attributions {
        // Each is a line of `quarry extract --jsonl`.
        assert_schema("extract-line.schema.json", a);
        let (start, end) = (
            a["start"].as_u64().unwrap() as usize,
            a["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= text.len());
    }
    assert!(attributions
        .iter()
        .any(|a| a["speaker"].as_str().is_some_and(|s| s.contains("Roe"))));
    // The path a hit shows, relative to the corpus, names the same article.
    let relative = hit["article"]["relative_path"].as_str().unwrap();
    assert_eq!(relative, "markup.txt");
    let same = server.json(&format!("/api/article?id={}", enc(relative)));
    assert_eq!(same["text"], view["text"]);
    assert_eq!(same["article"]["id"], hit["article"]["id"]);
}

#[test]
fn exports_stream_every_match_with_article_metadata() {
    let ws = Workspace::desk();
    let server = Server::start(ws.path(), "index");
    let a = server.get("/api/export.csv?q=*&kind=quote");
    assert_eq!(a.status, 200);
    assert!(a.header("content-type").unwrap().starts_with("text/csv"));
    let cli = ws.run(&["export", "*", "--kind", "quote"]);
    assert!(cli.status.success());
    assert_eq!(a.body, String::from_utf8(cli.stdout).unwrap());
    let mut rows = csv::Reader::from_reader(a.body.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header[..5],
        ["kind", "speaker", "speaker_id", "outlet", "quote"]
    );
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let n = ws.search_json(&["*", "--kind", "quote"])["num_hits"]
        .as_u64()
        .unwrap();
    assert_eq!(rows.len() as u64, n, "every match, not a top 10");
    let publisher = header.iter().position(|h| h == "publisher").unwrap();
    assert!(rows.iter().any(|r| &r[publisher] == "The Daily"));
    // A bad query is refused before the file starts.
    assert_eq!(server.get("/api/export.csv?q=x&kind=bad").status, 400);
}

#[test]
fn a_commit_of_a_concurrent_index_run_is_picked_up() {
    let ws = Workspace::desk();
    let server = Server::start(ws.path(), "index");
    let count = || {
        server.json("/api/search?q=zanzibar")["num_hits"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count(), 0);
    std::fs::write(
        ws.path().join("corpus/new.txt"),
        "News\n\n“Zanzibar is next,” Rubio said.\n",
    )
    .unwrap();
    ws.index();
    assert!(count() > 0);
}

#[test]
fn the_article_view_reads_an_article_as_the_index_did() {
    let ws = Workspace::new();
    std::fs::write(
        ws.path().join("aliases.tsv"),
        "Rubio\tSecretary Marco Rubio\nTrump\tPresident Donald Trump\n",
    )
    .unwrap();
    std::fs::write(ws.path().join("outlets.tsv"), "This Week\tABC This Week\n").unwrap();
    let out = ws.run(&[
        "index",
        "--aliases",
        "aliases.tsv",
        "--outlets",
        "outlets.tsv",
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    // The files the index was built with may go: the index keeps them.
    std::fs::remove_file(ws.path().join("aliases.tsv")).unwrap();
    std::fs::remove_file(ws.path().join("outlets.tsv")).unwrap();
    let server = Server::start(ws.path(), "index");
    let v = server.json("/api/search?q=sanctions&speaker=rubio&n=50");
    let hit = &hits(&v)[0];
    assert_eq!(hit["speaker"], "Secretary Marco Rubio", "{hit}");
    let id = hit["article"]["id"].as_str().unwrap();
    let view = server.json(&format!("/api/article?id={}", enc(id)));
    let speakers: Vec<&str> = view["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["speaker"].as_str())
        .collect();
    assert!(speakers.contains(&"Secretary Marco Rubio"), "{speakers:?}");
    assert!(
        !speakers
            .iter()
            .any(|s| *s == "Marco Rubio" || *s == "Rubio"),
        "{speakers:?}"
    );
    // Every statement the index holds for the article is in the view, with
    // the same speaker and outlet.
    let indexed = server.json("/api/search?q=*&kind=statement&n=1000&sort=date");
    // (words, speaker, outlet) of a hit or an attribution: both name them alike.
    let said = |v: &serde_json::Value| {
        let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        (text("quote"), text("speaker"), text("outlet"))
    };
    let in_index: std::collections::BTreeSet<_> = hits(&indexed)
        .iter()
        .filter(|h| h["article"]["id"] == id)
        .map(said)
        .collect();
    let in_view: std::collections::BTreeSet<_> = view["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(said)
        .collect();
    assert!(!in_index.is_empty());
    assert_eq!(in_index, in_view);
}

/// One request four ways — command-line flags, a plain batch line, a JSON
/// line, the page's parameters — is one request: the same hits, and the
/// same refusal of the same limit.
#[test]
fn one_request_four_ways_finds_the_same_hits() {
    let ws = Workspace::desk();
    let server = Server::start(ws.path(), "index");
    let ids = |v: &serde_json::Value| -> Vec<String> {
        hits(v)
            .iter()
            .map(|h| format!("{}|{}|{}", h["article"]["id"], h["paragraph"], h["kind"]))
            .collect()
    };
    let flags = ws.search_json(&[
        "sanctions",
        "--speaker",
        "rubio",
        "--kind",
        "statement",
        "-n",
        "4",
        "--since",
        "2025-08",
    ]);
    let queries = ws.path().join("queries.txt");
    std::fs::write(
        &queries,
        "sanctions\t--speaker rubio --kind statement -n 4 --since 2025-08\n\
         {\"query\": \"sanctions\", \"speaker\": \"rubio\", \"kind\": \"statement\", \"max_hits\": 4, \"since\": \"2025-08\"}\n",
    )
    .unwrap();
    let out = ws.run(&["search", "--queries", queries.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let http =
        server.json("/api/search?q=sanctions&speaker=rubio&kind=statement&n=4&since=2025-08");
    let expected = ids(&flags);
    assert_eq!(expected.len(), 4, "{flags}");
    assert_eq!(ids(&lines[0]), expected);
    assert_eq!(ids(&lines[1]), expected);
    assert_eq!(ids(&http), expected);
    // The same limit, the same words, every way.
    refused_alike(
        &ws,
        &server,
        &["search", "sanctions", "-n", "5000"],
        "/api/search?q=sanctions&n=5000",
    );
}

/// The command line (exit 2) and the API (400) refuse a request in the
/// same words.
fn refused_alike(ws: &Workspace, server: &Server, args: &[&str], api: &str) {
    let refused = ws.run(args);
    let (status, message) = error_of(server, api);
    assert_eq!((refused.status.code(), status), (Some(2), 400));
    assert!(
        stderr(&refused).contains(&message),
        "{} / {message}",
        stderr(&refused)
    );
}

/// Counting stops at a bound (`--count N`, `"count": N`, `count=N`) and
/// says so ("gte", "at least"); `exact` counts every match; the hits are
/// the same either way, and a bad bound is refused in the same words.
#[test]
fn counting_stops_at_its_bound_and_says_so_four_ways() {
    let ws = Workspace::desk();
    let server = Server::start(ws.path(), "index");
    let exact = ws.search_json(&["sanctions", "-n", "1", "--count", "exact"]);
    let all = exact["num_hits"].as_u64().unwrap();
    assert!(all > 3, "{exact}");
    assert_eq!(exact["num_hits_relation"], "eq");
    // The default bound is far above the bundled corpus's matches.
    let default = ws.search_json(&["sanctions", "-n", "1"]);
    assert_eq!(default["num_hits"], all);
    assert_eq!(default["num_hits_relation"], "eq");
    let queries = ws.path().join("counts.txt");
    std::fs::write(
        &queries,
        "sanctions\t-n 1 --count 2\n{\"query\": \"sanctions\", \"max_hits\": 1, \"count\": 2}\n",
    )
    .unwrap();
    let out = ws.run(&["search", "--queries", queries.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut bounded: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    bounded.push(ws.search_json(&["sanctions", "-n", "1", "--count", "2"]));
    bounded.push(server.json("/api/search?q=sanctions&n=1&count=2"));
    for v in &bounded {
        assert_eq!(
            (v["num_hits"].as_u64(), &v["num_hits_relation"]),
            (Some(2), &"gte".into()),
            "{v}"
        );
        assert_eq!(hits(v), hits(&exact), "the same hits whatever is counted");
    }
    let as_exact = server.json(&format!("/api/search?q=sanctions&n=1&count={all}"));
    assert_eq!(
        as_exact["num_hits_relation"], "eq",
        "{all} matches, bound {all}"
    );
    let text = ws.run(&["search", "sanctions", "-n", "1", "--count", "2"]);
    assert!(
        stdout(&text).contains("1 of at least 2 matching passages and statements"),
        "{}",
        stdout(&text)
    );
    // A page is counted whole: never fewer matches than hits shown.
    let page = ws.search_json(&["sanctions", "-n", "3", "--count", "1"]);
    assert_eq!(
        (page["num_hits"].as_u64(), hits(&page).len()),
        (Some(3), 3),
        "{page}"
    );
    assert_eq!(page["num_hits_relation"], "gte");
    refused_alike(
        &ws,
        &server,
        &["search", "sanctions", "--count", "none"],
        "/api/search?q=sanctions&count=none",
    );
}
