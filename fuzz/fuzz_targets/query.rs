//! Query parsing and search on arbitrary query strings and filters, against
//! an index of the bundled corpus: an answer or a typed error, never a panic.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use quarry::index::writer::{index_corpus, IndexOptions};
use quarry::index::QuarryIndex;
use quarry::search::{search, Kind, Request};

fn index() -> &'static QuarryIndex {
    static INDEX: OnceLock<QuarryIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let dir = std::env::temp_dir().join(format!("quarry-fuzz-query-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        index_corpus(&corpus, &dir, &IndexOptions::default()).expect("index the bundled corpus");
        QuarryIndex::open(&dir).expect("open the fresh index")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // "query\x1fspeaker\x1foutlet\x1fmax_hits\x1fstart_offset": one input
    // drives the query, both filters and the paging (any size).
    let mut parts = text.split('\u{1f}');
    let query = parts.next().unwrap_or_default().to_string();
    let speakers = parts.next().map(|s| vec![s.to_string()]).unwrap_or_default();
    let outlets = parts.next().map(|s| vec![s.to_string()]).unwrap_or_default();
    let number = |part: Option<&str>, default: usize| {
        part.and_then(|s| s.trim().parse::<usize>().ok())
            .unwrap_or(default)
    };
    let max_hits = number(parts.next(), 10);
    let start_offset = number(parts.next(), data.len() % 4);
    let kind = match data.first().map(|b| b % 3) {
        Some(0) => Kind::Quote,
        Some(1) => Kind::Passage,
        _ => Kind::All,
    };
    let request = Request {
        query,
        speakers,
        outlets,
        kind,
        max_hits,
        start_offset,
        group_quotes: data.len() % 5 == 0,
        ..Default::default()
    };
    let _ = search(index(), &request);
});
