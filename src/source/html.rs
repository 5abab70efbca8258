//! HTML pages: the text of the article's paragraphs and headings (inside
//! `<article>` or `<main>` when the page has one), without the page's
//! furniture — navigation, headers and footers, sidebars, share and
//! newsletter boxes, lists of links, copyright lines — and the metadata
//! that news pages carry: schema.org JSON-LD (`NewsArticle`: headline,
//! datePublished, author, publisher), Open Graph and other `<meta>` tags,
//! `<title>` and `<link rel=canonical>`.

use std::borrow::Cow;

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

/// Elements that hold a page's furniture, never the article.
const FURNITURE_ELEMENTS: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "button",
    "figcaption",
    "menu",
];

/// Words in a class or id that mark furniture ("site-footer", "nav-menu").
const FURNITURE_MARKS: &[&str] = &[
    "footer",
    "header",
    "nav",
    "menu",
    "sidebar",
    "cookie",
    "subscribe",
    "newsletter",
    "share",
    "social",
    "related",
    "comment",
    "advert",
    "promo",
    "copyright",
    "breadcrumb",
    "masthead",
    "banner",
    "byline-social",
    "paywall",
    "signup",
    "sponsor",
    "recommend",
    "trending",
    "most-read",
];

/// schema.org types whose JSON-LD describes the article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "Report",
];

/// Elements whose text makes the article's lines.
const BLOCKS: &str = "h1, h2, h3, h4, p, li, pre";

/// Deepest nesting of elements handed to the HTML parser. The parser's
/// checks walk the stack of open elements, so each level costs every tag
/// after it: 100,000 nested `<div>`s took 38 s. No page nests this deep on
/// purpose; tags beyond it are dropped and their text kept.
pub const MAX_NESTING: usize = 256;

/// Elements that never nest (void), whose end tag may be left out (so a
/// count of start tags would overstate the depth), or whose content is raw
/// text: none of them is counted or dropped.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

pub fn load(key: &str, text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    let page = Html::parse_document(&shallow(text));
    let mut meta = ArticleMeta::default();
    json_ld(&page, key, &mut meta, &mut loaded.warnings);
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
        if is_furniture(element, root) {
            continue;
        }
        let line = collapse(element.text());
        if line.is_empty()
            || meta.title.as_deref() == Some(line.as_str())
            || is_copyright(&line)
            || mostly_links(element, &line)
        {
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

/// Whether `element` sits in the page's furniture (below `root`).
fn is_furniture(element: ElementRef, root: ElementRef) -> bool {
    std::iter::once(element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .take_while(|a| a.id() != root.id())
        .any(|a| {
            let v = a.value();
            FURNITURE_ELEMENTS.contains(&v.name())
                || v.attr("role").is_some_and(|r| {
                    matches!(r, "navigation" | "banner" | "contentinfo" | "complementary")
                })
                || [v.attr("class"), v.attr("id")]
                    .into_iter()
                    .flatten()
                    .any(|names| {
                        let names = names.to_ascii_lowercase();
                        FURNITURE_MARKS.iter().any(|m| names.contains(m))
                    })
        })
}

/// "© 2024 Example Media. All rights reserved."
fn is_copyright(line: &str) -> bool {
    let lower = line.to_lowercase();
    line.len() < 300
        && (lower.starts_with('©')
            || lower.starts_with("copyright")
            || lower.contains("all rights reserved"))
}

/// A block that is a list of links (a menu, "read more"), not prose.
fn mostly_links(element: ElementRef, line: &str) -> bool {
    let links = Selector::parse("a").expect("static selector");
    let linked: usize = element
        .select(&links)
        .map(|a| collapse(a.text()).len())
        .sum();
    linked * 2 > line.len()
}

/// Fills `meta` from the page's schema.org JSON-LD article, if it has one.
fn json_ld(page: &Html, key: &str, meta: &mut ArticleMeta, warnings: &mut Vec<String>) {
    let scripts = Selector::parse("script[type='application/ld+json']").expect("static selector");
    for script in page.select(&scripts) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            warnings.push(format!("{key}: JSON-LD that is not JSON (ignored)"));
            continue;
        };
        let Some(article) = find_article(&value, 0) else {
            continue;
        };
        let name = |v: &serde_json::Value| -> Option<String> {
            match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Object(o) => o.get("name")?.as_str().map(str::to_string),
                serde_json::Value::Array(items) => {
                    let names: Vec<String> = items
                        .iter()
                        .filter_map(|i| match i {
                            serde_json::Value::String(s) => Some(s.clone()),
                            serde_json::Value::Object(o) => {
                                o.get("name")?.as_str().map(str::to_string)
                            }
                            _ => None,
                        })
                        .collect();
                    (!names.is_empty()).then(|| names.join(", "))
                }
                _ => None,
            }
        };
        let fields = [
            ("title", article.get("headline").and_then(name)),
            ("date", article.get("datePublished").and_then(name)),
            ("author", article.get("author").and_then(name)),
            ("publisher", article.get("publisher").and_then(name)),
            ("url", article.get("url").and_then(name)),
        ];
        for (field, value) in fields {
            if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
                if field_unset(meta, field) {
                    set_meta(meta, field, value.trim(), key, warnings);
                }
            }
        }
        return;
    }
}

/// The first object of an article type in a JSON-LD value (alone, in a
/// list or in an `@graph`).
fn find_article(
    value: &serde_json::Value,
    depth: usize,
) -> Option<&serde_json::Map<String, serde_json::Value>> {
    if depth > 4 {
        return None;
    }
    match value {
        serde_json::Value::Array(items) => items.iter().find_map(|i| find_article(i, depth + 1)),
        serde_json::Value::Object(o) => {
            let typed =
                |t: &serde_json::Value| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t));
            let is_article = match o.get("@type") {
                Some(serde_json::Value::Array(types)) => types.iter().any(typed),
                Some(t) => typed(t),
                None => false,
            };
            if is_article {
                return Some(o);
            }
            o.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
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

/// The page with every start and end tag past [`MAX_NESTING`] levels
/// removed (text and shallower tags untouched), in one pass.
fn shallow(html: &str) -> Cow<'_, str> {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut drop: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut depth, mut i) = (0usize, 0usize);
    while let Some(found) = lower[i..].find('<') {
        let at = i + found;
        i = at + 1;
        if lower[at..].starts_with("<!--") {
            i = lower[at + 4..]
                .find("-->")
                .map_or(lower.len(), |e| at + 4 + e + 3);
            continue;
        }
        let closing = bytes.get(at + 1) == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &lower[name_start..name_start + name_len];
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut quote = None;
        let mut end = lower.len();
        for (k, &b) in bytes.iter().enumerate().skip(name_start + name_len) {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if b == q => quote = None,
                (None, b'>') => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        i = end;
        if !closing && RAW_TEXT.contains(&name) {
            let close = format!("</{name}");
            i = lower[end..].find(&close).map_or(lower.len(), |e| end + e);
            continue;
        }
        if NOT_COUNTED.contains(&name) {
            continue;
        }
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        if closing {
            if depth > MAX_NESTING {
                drop.push(at..end);
            }
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            if depth > MAX_NESTING {
                drop.push(at..end);
            }
        }
    }
    if drop.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut pos = 0;
    for r in drop {
        out.push_str(&html[pos..r.start]);
        pos = r.end;
    }
    out.push_str(&html[pos..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The deepest nesting of counted elements, by the same reading.
    fn depth_of(html: &str) -> usize {
        let (mut depth, mut deepest) = (0usize, 0usize);
        for part in html.split('<').skip(1) {
            if part.starts_with("/div") {
                depth = depth.saturating_sub(1);
            } else if part.starts_with("div") {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        deepest
    }

    #[test]
    fn deep_nesting_is_cut_to_the_bound_and_the_text_kept() {
        let n = 100_000;
        let page = format!(
            "<html><body>{}<p>“Deep,” Rubio said.</p>{}</body></html>",
            "<div class='x>y'>".repeat(n),
            "</div>".repeat(n)
        );
        let cut = shallow(&page);
        assert_eq!(depth_of(&cut), MAX_NESTING);
        let loaded = load("deep.html", &page);
        let a = &loaded.articles[0];
        assert_eq!(a.article.text.trim(), "“Deep,” Rubio said.");
    }

    #[test]
    fn ordinary_pages_are_handed_over_untouched() {
        let page = "<div><script>if (a<b) x = '<div>';</script><!-- <div> --><p>One<p>Two</div>";
        assert!(matches!(shallow(page), Cow::Borrowed(_)));
    }

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
