//! Every article format (text with front matter, JSON, JSON Lines, HTML) on
//! arbitrary input, then the extractor on what it yields: no panic, and
//! every quotation span lies inside its article's text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use quarry::extract::extract;
use quarry::source::load;

const NAMES: &[&str] = &["a.md", "a.json", "a.jsonl", "a.html", "a.txt"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    let loaded = load(Path::new(name), name, text.to_string());
    for source in loaded.articles {
        for q in extract(&source.article) {
            assert_eq!(source.article.text.get(q.span.clone()), Some(q.text.as_str()));
        }
    }
});
