//! Plain text and Markdown articles, with optional YAML front matter
//! (`---` lines around `title:`, `publisher:`, `date:`, `url:`, `author:`).

use yaml_rust2::{Yaml, YamlLoader};

use super::{set_meta, Loaded, SourceArticle};
use crate::article::Article;
use crate::meta::ArticleMeta;

pub fn load(key: &str, text: String) -> Loaded {
    let mut loaded = Loaded::default();
    let mut meta = ArticleMeta::default();
    let text = match front_matter(&text) {
        Some((block, end)) => {
            read_yaml(block, key, &mut meta, &mut loaded.warnings);
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

fn read_yaml(block: &str, key: &str, meta: &mut ArticleMeta, warnings: &mut Vec<String>) {
    let docs = match YamlLoader::load_from_str(block) {
        Ok(d) => d,
        Err(e) => {
            warnings.push(format!(
                "{key}: front matter is not YAML ({e}); read as text"
            ));
            return;
        }
    };
    let Some(Yaml::Hash(fields)) = docs.first() else {
        return;
    };
    for (name, value) in fields {
        let (Some(name), Some(value)) = (name.as_str(), scalar(value)) else {
            continue;
        };
        set_meta(meta, name, &value, key, warnings);
    }
}

fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(scalar).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
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
    fn unclosed_front_matter_is_text() {
        let loaded = load("a.md", "---\nNot closed.\n".into());
        assert!(loaded.articles[0].meta.title.is_none());
        assert_eq!(loaded.articles[0].article.passages().count(), 1);
    }
}
