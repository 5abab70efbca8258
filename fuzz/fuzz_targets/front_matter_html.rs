//! Front matter and HTML, the two formats with a parser underneath that
//! can blow up (YAML aliases, deep element nesting). The input is always
//! shaped so that those parsers see it: as the YAML between `---` lines of
//! a Markdown article, or as the markup of a page (alone, or inside deeply
//! nested elements). No panic, memory within libFuzzer's limit, and every
//! quotation span inside its article's text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use quarry::extract::extract;
use quarry::source::load;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (name, document) = match pick % 3 {
        0 => (
            "a.md",
            format!("---\n{text}\n---\n“Body words,” Rubio said.\n"),
        ),
        1 => ("a.html", text.to_string()),
        _ => {
            let depth = 1 + usize::from(pick) * 4;
            (
                "a.html",
                format!("{}{text}{}", "<div><span>".repeat(depth), "</span></div>".repeat(depth)),
            )
        }
    };
    let loaded = load(Path::new(name), name, document);
    for source in loaded.articles {
        for q in extract(&source.article) {
            assert_eq!(
                source.article.text.get(q.span.clone()),
                Some(q.text.as_str())
            );
        }
    }
});
