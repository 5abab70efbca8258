//! Plain text and Markdown articles, with optional YAML front matter
//! (`---` lines around `title:`, `publisher:`, `date:`, `url:`, `author:`).
//!
//! The YAML is read as a stream of parser events, never loaded into a
//! tree: a loader expands aliases, and a few hundred bytes of nested
//! aliases ("billion laughs") expand to gigabytes. Only the top-level
//! `key: value` pairs (a value may be a list of scalars) are kept, an alias
//! stands for the scalar it names and nothing larger, and front matter over
//! [`MAX_FRONT_MATTER`] bytes or nested deeper than [`MAX_DEPTH`] gets the
//! file skipped with its reason.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, EventReceiver, Parser};

use super::{set_meta, Loaded, Skipped, SourceArticle};
use crate::article::Article;
use crate::meta::ArticleMeta;

/// Front matter larger than this is not read, and its file is skipped.
pub const MAX_FRONT_MATTER: usize = 64 * 1024;
/// Deepest nesting of lists and mappings in front matter.
pub const MAX_DEPTH: usize = 32;

pub fn load(key: &str, text: String) -> Loaded {
    let mut loaded = Loaded::default();
    let mut meta = ArticleMeta::default();
    let text = match front_matter(&text) {
        Some((block, _)) if block.len() > MAX_FRONT_MATTER => {
            loaded.skipped.push(Skipped::new(
                key,
                format!(
                    "front matter of {} bytes is over the {} KiB quarry reads",
                    block.len(),
                    MAX_FRONT_MATTER / 1024
                ),
            ));
            return loaded;
        }
        Some((block, end)) => {
            if let Err(reason) = read_yaml(block, key, &mut meta, &mut loaded.warnings) {
                loaded.skipped.push(Skipped::new(key, reason));
                return loaded;
            }
            blank(text, end)
        }
        None => text,
    };
    let mut article = Article::parse(text);
    let title_guessed = meta.title.is_none();
    if !title_guessed {
        article.title.clone_from(&meta.title);
    } else {
        meta.title.clone_from(&article.title);
    }
    loaded.articles.push(SourceArticle {
        key: key.to_string(),
        article,
        meta,
        title_guessed,
    });
    loaded
}

/// The YAML between a leading `---` line and the next `---` or `...` line,
/// and the byte offset where the front matter ends.
fn front_matter(text: &str) -> Option<(&str, usize)> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skip = text.len() - body.len();
    let first = body.split_inclusive('\n').next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut offset = skip + first.len();
    let start = offset;
    for line in text[start..].split_inclusive('\n') {
        let end = offset + line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return Some((&text[start..offset], end));
        }
        offset = end;
    }
    None
}

/// Sets `meta` from the front matter's top-level fields. A YAML error is a
/// warning (the block is then ignored); nesting past [`MAX_DEPTH`] is an
/// error that skips the file.
fn read_yaml(
    block: &str,
    key: &str,
    meta: &mut ArticleMeta,
    warnings: &mut Vec<String>,
) -> Result<(), String> {
    let mut fields = TopLevelFields::default();
    let parsed = Parser::new_from_str(block).load(&mut fields, false);
    if fields.too_deep {
        return Err(format!("front matter nests deeper than {MAX_DEPTH} levels"));
    }
    if let Err(e) = parsed {
        warnings.push(format!(
            "{key}: front matter is not YAML ({e}); read as text"
        ));
        return Ok(());
    }
    for (name, value) in fields.pairs {
        set_meta(meta, &name, &value, key, warnings);
    }
    Ok(())
}

/// Collects a YAML document's top-level `key: value` pairs from parser
/// events; a list of scalars becomes one value joined by ", ".
#[derive(Default)]
struct TopLevelFields {
    /// Lists and mappings open around the current event (1: the top mapping).
    depth: usize,
    /// The top mapping's key waiting for its value.
    key: Option<String>,
    /// A top-level list being read: its key and items.
    list: Option<(String, Vec<String>)>,
    /// Anchored scalars, so that an alias can stand for one.
    anchors: HashMap<usize, String>,
    pairs: Vec<(String, String)>,
    /// The root is not a mapping, or the document has ended.
    ignore: bool,
    too_deep: bool,
}

impl TopLevelFields {
    fn scalar(&mut self, value: String) {
        match (self.depth, &mut self.list) {
            (1, _) => match self.key.take() {
                None => self.key = Some(value),
                Some(key) => self.pairs.push((key, value)),
            },
            (2, Some((_, items))) => items.push(value),
            _ => {}
        }
    }
}

impl EventReceiver for TopLevelFields {
    fn on_event(&mut self, event: Event) {
        if self.ignore || self.too_deep {
            return;
        }
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if self.depth == 0 && !matches!(event, Event::MappingStart(..)) {
                    self.ignore = true;
                    return;
                }
                if self.depth == 1 {
                    // A nested value: only a list of scalars is kept.
                    let key = self.key.take();
                    if let (Some(key), Event::SequenceStart(..)) = (key, &event) {
                        self.list = Some((key, Vec::new()));
                    }
                }
                self.depth += 1;
                self.too_deep = self.depth > MAX_DEPTH;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 1 {
                    if let Some((key, items)) = self.list.take() {
                        if !items.is_empty() {
                            self.pairs.push((key, items.join(", ")));
                        }
                    }
                }
            }
            Event::Scalar(value, _, anchor, _) => {
                if self.depth == 0 {
                    self.ignore = true;
                    return;
                }
                if anchor > 0 {
                    self.anchors.insert(anchor, value.clone());
                }
                self.scalar(value);
            }
            Event::Alias(id) => {
                // Stands for an anchored scalar; an alias of a list or a
                // mapping is left out rather than expanded.
                match self.anchors.get(&id).cloned() {
                    Some(value) => self.scalar(value),
                    None if self.depth == 1 && self.key.take().is_none() => {
                        self.key = Some(String::new())
                    }
                    None => {}
                }
            }
            Event::DocumentEnd => self.ignore = true,
            _ => {}
        }
    }
}

/// Replaces the first `end` bytes by spaces (keeping line breaks), so the
/// article parser skips them and every byte offset stays that of the file.
fn blank(text: String, end: usize) -> String {
    let mut bytes = text.into_bytes();
    for b in &mut bytes[..end] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
    // Whole characters were replaced by ASCII, so the bytes are still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_gives_metadata_and_keeps_offsets() {
        let text = "---\ntitle: Talks in Geneva\npublisher: Reuters\ndate: 2025-11-23\nauthors: [A, B]\n---\n“We made progress,” Rubio said.\n";
        let loaded = load("a.md", text.to_string());
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let a = &loaded.articles[0];
        assert_eq!(a.meta.title.as_deref(), Some("Talks in Geneva"));
        assert_eq!(a.meta.publisher.as_deref(), Some("Reuters"));
        assert_eq!(a.meta.author.as_deref(), Some("A, B"));
        assert_eq!(a.article.text.len(), text.len());
        let p = a.article.passages().next().unwrap();
        assert_eq!(&text[p.range.clone()], "“We made progress,” Rubio said.");
        assert_eq!(a.article.passages().count(), 1);
    }

    #[test]
    fn without_front_matter_the_first_line_is_the_title() {
        let loaded = load("a.txt", "Talks resume\nRubio said more.\n".into());
        assert_eq!(
            loaded.articles[0].meta.title.as_deref(),
            Some("Talks resume")
        );
    }

    #[test]
    fn broken_front_matter_is_a_warning_not_a_loss() {
        let loaded = load(
            "a.md",
            "---\ntitle: [unclosed\n---\nBody text here.\n".into(),
        );
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.articles[0].article.passages().count(), 1);
    }

    #[test]
    fn nested_aliases_are_not_expanded() {
        // "Billion laughs": 9 levels of 9 aliases, a billion strings if expanded.
        let mut yaml = String::from("---\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for i in 1..10 {
            let p = i - 1;
            yaml.push_str(&format!(
                "a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
            ));
        }
        yaml.push_str("title: &t Laughs\nheadline: *t\n---\nBody.\n");
        let loaded = load("a.md", yaml);
        assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
        assert_eq!(loaded.articles[0].meta.title.as_deref(), Some("Laughs"));
    }

    #[test]
    fn front_matter_over_the_bounds_skips_the_file() {
        let big = format!("---\ntitle: {}\n---\nBody.\n", "x".repeat(MAX_FRONT_MATTER));
        let loaded = load("big.md", big);
        assert!(loaded.articles.is_empty());
        assert!(
            loaded.skipped[0].reason.contains("KiB"),
            "{:?}",
            loaded.skipped
        );
        let deep = format!("---\ntitle: {}\n---\nBody.\n", "[".repeat(200));
        let loaded = load("deep.md", deep);
        assert!(loaded.articles.is_empty());
        assert!(
            loaded.skipped[0].reason.contains("deeper"),
            "{:?}",
            loaded.skipped
        );
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let loaded = load("a.md", "---\nNot closed.\n".into());
        assert!(loaded.articles[0].meta.title.is_none());
        assert_eq!(loaded.articles[0].article.passages().count(), 1);
    }
}
