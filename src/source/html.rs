//! HTML pages: the text of the article's paragraphs and headings (inside
//! `<article>` or `<main>` when the page has one), and the metadata that
//! news pages carry in `<meta>` tags, `<title>` and `<link rel=canonical>`.

use scraper::{ElementRef, Html, Selector};

use super::{set_meta, Loaded, SourceArticle};
use crate::article::Article;
use crate::meta::ArticleMeta;

/// `<meta>` attributes holding metadata, and the field each fills.
const META_TAGS: &[(&str, &str)] = &[
    ("meta[property='og:title']", "title"),
    ("meta[property='og:site_name']", "publisher"),
    ("meta[name='publisher']", "publisher"),
    ("meta[property='article:published_time']", "date"),
    ("meta[name='date']", "date"),
    ("meta[name='pubdate']", "date"),
    ("meta[itemprop='datePublished']", "date"),
    ("meta[name='author']", "author"),
    ("meta[property='article:author']", "author"),
    ("meta[property='og:url']", "url"),
];

/// Elements whose text makes the article's lines.
const BLOCKS: &str = "h1, h2, h3, h4, p, li, pre";

pub fn load(key: &str, text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    let page = Html::parse_document(text);
    let mut meta = ArticleMeta::default();
    for (selector, field) in META_TAGS {
        if let Some(content) = first(&page, selector).and_then(|e| e.value().attr("content")) {
            if field_unset(&meta, field) {
                set_meta(&mut meta, field, content, key, &mut loaded.warnings);
            }
        }
    }
    if meta.url.is_none() {
        if let Some(href) =
            first(&page, "link[rel='canonical']").and_then(|e| e.value().attr("href"))
        {
            meta.url = Some(href.to_string());
        }
    }
    if meta.date.is_none() {
        if let Some(when) = first(&page, "time[datetime]").and_then(|e| e.value().attr("datetime"))
        {
            // A <time> may be any time on the page: use it only when it reads as a date.
            let _ = meta.set("date", when);
        }
    }
    if meta.title.is_none() {
        meta.title = first(&page, "title")
            .or_else(|| first(&page, "h1"))
            .map(|e| collapse(e.text()))
            .filter(|t| !t.is_empty());
    }
    let root = ["article", "main", "body"]
        .iter()
        .find_map(|s| first(&page, s))
        .unwrap_or_else(|| page.root_element());
    let blocks = Selector::parse(BLOCKS).expect("static selector");
    let mut body = String::new();
    for element in root.select(&blocks) {
        // A <p> inside an <li> would be read twice.
        if element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.id() != root.id() && matches!(a.value().name(), "p" | "li" | "pre"))
        {
            continue;
        }
        let line = collapse(element.text());
        if line.is_empty() || meta.title.as_deref() == Some(line.as_str()) {
            continue;
        }
        body.push_str(&line);
        body.push_str("\n\n");
    }
    let article = Article::with_title(body, meta.title.clone());
    loaded.articles.push(SourceArticle {
        key: key.to_string(),
        article,
        meta,
        title_guessed: false,
    });
    loaded
}

fn field_unset(meta: &ArticleMeta, field: &str) -> bool {
    match field {
        "title" => meta.title.is_none(),
        "publisher" => meta.publisher.is_none(),
        "date" => meta.date.is_none(),
        "author" => meta.author.is_none(),
        _ => meta.url.is_none(),
    }
}

fn first<'a>(page: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
    let selector = Selector::parse(selector).ok()?;
    page.select(&selector).next()
}

/// Joins text nodes and collapses white space, as a browser renders it.
fn collapse<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let joined: String = parts.collect();
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_meta_tags() {
        let page = r#"<!doctype html><html><head><title>Talks | Site</title>
            <meta property="og:title" content="Talks in Geneva">
            <meta property="og:site_name" content="The Wire">
            <meta property="article:published_time" content="2025-11-23T10:00:00Z">
            <link rel="canonical" href="https://example.com/talks"></head>
            <body><nav><p>Menu</p></nav><article><h1>Talks in Geneva</h1>
            <p>“We made <b>progress</b>,” Rubio told
               ABC.</p><ul><li><p>Item</p></li></ul><script>var x = "“no”";</script></article></body></html>"#;
        let loaded = load("a.html", page);
        let a = &loaded.articles[0];
        assert_eq!(a.meta.title.as_deref(), Some("Talks in Geneva"));
        assert_eq!(a.meta.publisher.as_deref(), Some("The Wire"));
        assert_eq!(a.meta.url.as_deref(), Some("https://example.com/talks"));
        assert_eq!(crate::meta::format_date(a.meta.date.unwrap()), "2025-11-23");
        let lines: Vec<_> = a
            .article
            .passages()
            .map(|p| a.article.paragraph_text(p))
            .collect();
        assert_eq!(lines, ["“We made progress,” Rubio told ABC."]);
        assert_eq!(
            a.article.paragraphs.len(),
            2,
            "the list item is a heading-like line"
        );
    }
}
