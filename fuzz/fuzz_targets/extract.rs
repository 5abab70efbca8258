//! Article parser + quote extractor on arbitrary text: no panic, and every
//! quotation's span lies on character boundaries inside the text and holds
//! the quoted words.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quarry::article::Article;
use quarry::extract::extract;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let article = Article::parse(text.to_string());
    for q in extract(&article) {
        let quoted = article
            .text
            .get(q.span.clone())
            .expect("quotation span inside the text, on char boundaries");
        assert_eq!(quoted, q.text);
        assert!(q.paragraph_index < article.paragraphs.len());
    }
});
