//! JSON articles: one object per `.json` file (or an array of them), one
//! object per line in `.jsonl`. The text is `body` or `text` (or `content`);
//! `title`, `publisher`, `date`, `author` and `url` are metadata.

use serde_json::{Map, Value};

use super::{set_meta, Loaded, Skipped, SourceArticle};
use crate::article::Article;
use crate::meta::ArticleMeta;

/// Fields that may hold the article's text, in order of preference.
const BODY_FIELDS: &[&str] = &["body", "text", "content"];

pub fn load_document(key: &str, text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(obj)) => add(&mut loaded, key.to_string(), &obj),
        Ok(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let item_key = format!("{key}#{}", i + 1);
                match item {
                    Value::Object(obj) => add(&mut loaded, item_key, obj),
                    _ => loaded
                        .skipped
                        .push(Skipped::new(item_key, "not a JSON object")),
                }
            }
        }
        Ok(_) => loaded
            .skipped
            .push(Skipped::new(key, "not a JSON object or array of objects")),
        Err(e) => loaded
            .skipped
            .push(Skipped::new(key, format!("invalid JSON: {e}"))),
    }
    loaded
}

pub fn load_lines(key: &str, text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    for (i, line) in text.lines().enumerate() {
        load_line(&mut loaded, key, i + 1, line);
    }
    loaded
}

/// Reads line `number` (from 1) of the JSON Lines file `key` into `loaded`:
/// what a file read line by line calls for each line.
pub fn load_line(loaded: &mut Loaded, key: &str, number: usize, line: &str) {
    if line.trim().is_empty() {
        return;
    }
    let line_key = format!("{key}#{number}");
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(obj)) => add(loaded, line_key, &obj),
        Ok(_) => loaded
            .skipped
            .push(Skipped::new(line_key, "not a JSON object")),
        Err(e) => loaded
            .skipped
            .push(Skipped::new(line_key, format!("invalid JSON: {e}"))),
    }
}

fn add(loaded: &mut Loaded, key: String, obj: &Map<String, Value>) {
    let Some(body) = BODY_FIELDS
        .iter()
        .find_map(|f| obj.get(*f).and_then(Value::as_str))
    else {
        loaded
            .skipped
            .push(Skipped::new(key, "no \"body\" or \"text\" field"));
        return;
    };
    if body.contains('\0') {
        loaded
            .skipped
            .push(Skipped::new(key, "NUL character in the text"));
        return;
    }
    let mut meta = ArticleMeta::default();
    for (name, value) in obj {
        let value = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Array(items) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            _ => continue,
        };
        set_meta(&mut meta, name, &value, &key, &mut loaded.warnings);
    }
    let article = Article::with_title(body.to_string(), meta.title.clone());
    loaded.articles.push(SourceArticle {
        key,
        article,
        meta,
        title_guessed: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_object_with_body_and_metadata() {
        let loaded = load_document(
            "a.json",
            r#"{"title": "Talks", "body": "“Progress,” Rubio said.\nMore.", "publisher": "AP", "date": "2025-11-23", "views": 3}"#,
        );
        let a = &loaded.articles[0];
        assert_eq!(a.key, "a.json");
        assert_eq!(a.meta.publisher.as_deref(), Some("AP"));
        assert_eq!(a.article.title.as_deref(), Some("Talks"));
        assert_eq!(a.article.passages().count(), 2);
    }

    #[test]
    fn lines_keep_good_articles_and_name_bad_ones() {
        let loaded = load_lines(
            "b.jsonl",
            "{\"text\": \"One.\"}\n\nnot json\n[1]\n{\"title\": \"no body\"}\n{\"text\": \"Two.\", \"date\": \"soon\"}\n",
        );
        let keys: Vec<_> = loaded.articles.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["b.jsonl#1", "b.jsonl#6"]);
        assert_eq!(loaded.skipped.len(), 3, "{:?}", loaded.skipped);
        assert_eq!(loaded.skipped[0].path, "b.jsonl#3");
        assert!(loaded.skipped[0].reason.starts_with("invalid JSON"));
        assert_eq!(loaded.warnings.len(), 1);
    }
}
