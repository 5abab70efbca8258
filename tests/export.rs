//! `quarry export` and `search --csv`: every match, the documented
//! columns, and NDJSON that the Quickwit and Elasticsearch configs in
//! docs/scale-out accept field by field.

mod common;

use std::collections::BTreeMap;

use common::{stdout, Workspace};

fn export(ws: &Workspace, args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let out = ws.run(&all);
    assert!(out.status.success(), "{}", common::stderr(&out));
    stdout(&out)
}

#[test]
fn export_writes_every_match_and_search_csv_the_top_n() {
    let ws = Workspace::new();
    ws.index();
    let csv = export(&ws, &[]);
    let rows = csv::Reader::from_reader(csv.as_bytes()).records().count();
    let stats = common::stats_of(ws.path(), "index");
    let docs = stats["passages"].as_u64().unwrap()
        + stats["quotes"].as_u64().unwrap()
        + stats["reported"].as_u64().unwrap();
    assert_eq!(rows as u64, docs, "everything, without a query");
    let rubio = export(
        &ws,
        &["sanctions", "--speaker", "rubio", "--format", "ndjson"],
    );
    let lines: Vec<serde_json::Value> = rubio
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| {
        l["speaker"].as_str().unwrap().contains("Rubio")
            && l["quote"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("sanction")
    }));
    let top = ws.run(&["search", "progress", "--csv", "-n", "3"]);
    let top = stdout(&top);
    let mut reader = csv::Reader::from_reader(top.as_bytes());
    assert_eq!(
        reader.headers().unwrap().len(),
        quarry::export::COLUMNS.len()
    );
    assert_eq!(reader.records().count(), 3);
}

/// The fields of `docs/scale-out/*` by name: ES type and Quickwit type.
fn configs() -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scale-out");
    let es: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("elasticsearch-mapping.json")).unwrap(),
    )
    .unwrap();
    let es = es["mappings"]["properties"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["type"].as_str().unwrap().to_string()))
        .collect();
    let text = std::fs::read_to_string(dir.join("quickwit-index.yaml")).unwrap();
    let yaml = &yaml_rust2::YamlLoader::load_from_str(&text).unwrap()[0];
    let qw = yaml["doc_mapping"]["field_mappings"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["type"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (es, qw)
}

#[test]
fn ndjson_export_matches_the_quickwit_and_elasticsearch_configs() {
    let ws = Workspace::new();
    std::fs::write(
        ws.path().join("corpus/metadata.tsv"),
        "filename\tpublisher\tpublication_date\tauthor\turl\n\
         000_4600caa0d332a40a.txt\tThe Daily\t2025-08-17\tA. Writer\thttps://example.com/a\n",
    )
    .unwrap();
    ws.index();
    let (es, qw) = configs();
    assert_eq!(
        es.keys().collect::<Vec<_>>(),
        qw.keys().collect::<Vec<_>>(),
        "both configs name the same fields"
    );
    let columns: Vec<String> = quarry::export::COLUMNS
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(es.keys().cloned().collect::<Vec<_>>().len(), columns.len());
    let ndjson = export(&ws, &["--format", "ndjson"]);
    let mut dated = 0;
    for line in ndjson.lines() {
        let row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).unwrap();
        for (field, value) in &row {
            let (Some(e), Some(q)) = (es.get(field), qw.get(field)) else {
                panic!("field {field} is in neither config: {line}");
            };
            let fits = match value {
                serde_json::Value::Null => true,
                serde_json::Value::String(s) if field == "date" => {
                    dated += 1;
                    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
                        .is_ok()
                        && e == "date"
                        && q == "datetime"
                }
                serde_json::Value::String(_) => {
                    matches!(e.as_str(), "keyword" | "text") && q == "text"
                }
                serde_json::Value::Number(n) => {
                    n.is_u64() && matches!(e.as_str(), "integer" | "long") && q == "u64"
                }
                _ => false,
            };
            assert!(fits, "{field} = {value} does not fit {e} / {q}");
        }
        assert_eq!(row.len(), columns.len(), "every column on every line");
    }
    assert!(dated > 0);
}

#[test]
fn a_reader_that_stops_early_ends_an_export_quietly() {
    use std::io::BufRead;
    let ws = Workspace::new();
    common::generate_corpus(&ws.path().join("corpus/more"), 300, 5);
    ws.index();
    for format in ["ndjson", "csv"] {
        // `quarry export | head -1`: the reader goes after one line.
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quarry"))
            .args(["export", "--format", format])
            .current_dir(ws.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            common::stderr(&out)
        );
        assert!(out.stderr.is_empty(), "{format}: {}", common::stderr(&out));
    }
    // A disk that is full is an error, in one line that says so.
    #[cfg(target_os = "linux")]
    {
        let full = std::fs::File::create("/dev/full").unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_quarry"))
            .args(["export", "--format", "csv"])
            .current_dir(ws.path())
            .stdout(full)
            .output()
            .unwrap();
        let err = common::stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(
            err.contains("cannot write the output: No space left on device"),
            "{err}"
        );
    }
}

/// A statement's words are cut from its passage when shown: every exported
/// statement must be its article's bytes at its offset, one that runs
/// across the cut of a paragraph too long for one passage (whose words are
/// stored) included.
#[test]
fn every_statement_is_its_articles_words_at_its_offset() {
    let ws = Workspace::new();
    let filler = "The council met on Tuesday to review the flood budget line by line. ";
    let long = format!(
        "{}“The new levee protects every street in the valley from the floods that came last spring, and from the ones still to come,” said Mayor Lena Ortiz. {}",
        filler.repeat(60),
        filler.repeat(60)
    );
    assert!(long.len() > 8192);
    let text = format!(
        "Floods return to the valley\n\n“We will not back down,” Ortiz says\n\n{long}\n\nOrtiz said the work would take two years.\n"
    );
    std::fs::write(ws.path().join("corpus/levee.txt"), &text).unwrap();
    ws.index();
    let rows = export(&ws, &["--kind", "statement", "--format", "ndjson"]);
    let mut seen = Vec::new();
    for line in rows.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let quote = row["quote"].as_str().unwrap();
        let start = row["start"].as_u64().unwrap() as usize;
        let bytes = std::fs::read(row["article"].as_str().unwrap()).unwrap();
        assert!(!quote.is_empty(), "{row}");
        assert_eq!(
            bytes.get(start..start + quote.len()),
            Some(quote.as_bytes()),
            "{row}"
        );
        if row["article"].as_str().unwrap().ends_with("levee.txt") {
            seen.push(quote.to_string());
        }
    }
    // Passages are cut at a space before 4,096 bytes of their paragraph.
    let (cut, levee) = (4096, "The new levee");
    let at = long.find(levee).unwrap();
    assert!(at < cut && at + 100 > cut && long[at..cut].contains(' '));
    assert!(seen.iter().any(|q| q.starts_with(levee)), "{seen:?}");
    assert!(
        seen.iter().any(|q| q == "We will not back down,"),
        "{seen:?}"
    );
}
