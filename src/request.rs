//! A search request as scripts and the browser send it — a JSON line of
//! `search --queries` or the query parameters of `quarry serve`'s
//! `/api/search` — read into a [`Request`] in one place, so that every way
//! in takes the same names, the same defaults and the same checks.

use serde::Deserialize;

use crate::search::{Counting, Kind, Request, Sort};

/// Most hits one request may ask for: a page, not an export.
pub const MAX_HITS: usize = 1000;
/// Deepest page: beyond it, an export is the way.
pub const MAX_OFFSET: usize = 100_000;

/// An endpoint's own parameters (name, value), in the order given.
pub type OwnParams<'a> = Vec<(&'a str, String)>;

/// The fields of a request. `speaker`, `outlet` and `publisher` take a
/// name or a list of names.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestFields {
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub speaker: Names,
    #[serde(default)]
    pub outlet: Names,
    #[serde(default)]
    pub publisher: Names,
    pub since: Option<String>,
    pub until: Option<String>,
    pub kind: Option<String>,
    pub max_hits: Option<usize>,
    #[serde(default)]
    pub start_offset: usize,
    pub sort: Option<String>,
    #[serde(default)]
    pub group_quotes: bool,
    /// `"exact"`, or how many matches to count exactly before `num_hits`
    /// says "at least" (default [`COUNT_BOUND`](crate::search::COUNT_BOUND)).
    pub count: Option<CountField>,
}

/// How far to count, as JSON gives it: `"exact"`, or a number (also as
/// text, as URL parameters give it).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum CountField {
    Bound(usize),
    Word(String),
}

/// One name or several, as a field of a request.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum Names {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl Names {
    fn push(&mut self, name: String) {
        *self = match std::mem::take(self) {
            Names::None => Names::One(name),
            Names::One(first) => Names::Many(vec![first, name]),
            Names::Many(mut all) => {
                all.push(name);
                Names::Many(all)
            }
        }
    }

    fn into_vec(self) -> Vec<String> {
        match self {
            Names::None => Vec::new(),
            Names::One(n) => vec![n],
            Names::Many(v) => v,
        }
    }
}

impl RequestFields {
    /// Reads a JSON object (one line of `--queries`).
    pub fn from_json(text: &str) -> Result<RequestFields, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// Reads URL query parameters: `q` (or `query`), `speaker`, `outlet`
    /// and `publisher` (each repeatable), `kind`, `since`, `until`, `sort`,
    /// `n` (or `max_hits`), `offset` (or `start_offset`), `group_quotes`,
    /// `count`.
    /// Parameters in `allowed` (an endpoint's own) are handed back.
    pub fn from_params<'a>(
        params: impl IntoIterator<Item = (String, String)>,
        allowed: &[&'a str],
    ) -> Result<(RequestFields, OwnParams<'a>), String> {
        let mut f = RequestFields::default();
        let mut own = Vec::new();
        for (name, value) in params {
            match name.as_str() {
                "q" | "query" => f.query = value,
                "speaker" => f.speaker.push(value),
                "outlet" => f.outlet.push(value),
                "publisher" => f.publisher.push(value),
                "since" => f.since = Some(value).filter(|v| !v.is_empty()),
                "until" => f.until = Some(value).filter(|v| !v.is_empty()),
                "kind" => f.kind = Some(value).filter(|v| !v.is_empty()),
                "sort" => f.sort = Some(value).filter(|v| !v.is_empty()),
                "n" | "max_hits" => f.max_hits = Some(whole_number(&name, &value, None)?),
                "offset" | "start_offset" => f.start_offset = whole_number(&name, &value, None)?,
                "count" => f.count = Some(CountField::Word(value)),
                "group_quotes" => {
                    f.group_quotes = match value.as_str() {
                        "" | "1" | "true" | "on" | "yes" => true,
                        "0" | "false" | "off" | "no" => false,
                        _ => {
                            return Err(format!(
                                "parameter group_quotes={value:?}: expected true or false"
                            ))
                        }
                    }
                }
                other => match allowed.iter().find(|a| **a == other) {
                    Some(a) => own.push((*a, value)),
                    None => return Err(format!("unknown parameter {other:?}")),
                },
            }
        }
        Ok((f, own))
    }

    /// The request, `template` giving what the fields leave out.
    pub fn into_request(self, template: &Request) -> Result<Request, String> {
        let since = self
            .since
            .map(|d| crate::dates::parse_since(&d))
            .transpose()?;
        let until = self
            .until
            .map(|d| crate::dates::parse_until(&d))
            .transpose()?;
        let sort = match self.sort.as_deref() {
            None => template.sort,
            Some(name) => Sort::parse(name)?,
        };
        let kind = match self.kind.as_deref() {
            None => template.kind,
            Some(name) => Kind::parse(name)?,
        };
        let max_hits = self.max_hits.unwrap_or(template.max_hits);
        if max_hits > MAX_HITS {
            return Err(format!(
                "{max_hits} hits asked for; at most {MAX_HITS} a request (use export for all)"
            ));
        }
        if self.start_offset > MAX_OFFSET {
            return Err(format!(
                "offset {}: at most {MAX_OFFSET} (use export for all)",
                self.start_offset
            ));
        }
        let count = match self.count {
            None => template.count,
            Some(CountField::Bound(n)) => Counting::parse(&n.to_string())?,
            Some(CountField::Word(w)) => Counting::parse(&w)?,
        };
        Ok(Request {
            query: self.query,
            speakers: self.speaker.into_vec(),
            outlets: self.outlet.into_vec(),
            publishers: self.publisher.into_vec(),
            since,
            until,
            max_hits,
            start_offset: self.start_offset,
            sort,
            group_quotes: self.group_quotes || template.group_quotes,
            kind: if self.group_quotes { Kind::Quote } else { kind },
            strict: template.strict,
            count,
        })
    }
}

/// The parameter `name`'s value as a whole number, at most `max` if given.
pub fn whole_number(name: &str, value: &str, max: Option<usize>) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(n) if max.is_none_or(|m| n <= m) => Ok(n),
        _ => Err(format!(
            "parameter {name}={value:?}: expected a whole number{}",
            max.map(|m| format!(" up to {m}")).unwrap_or_default()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn url_parameters_and_json_lines_make_the_same_request() {
        let template = Request {
            max_hits: 10,
            ..Default::default()
        };
        let (fields, own) = RequestFields::from_params(
            params(&[
                ("q", "sanctions"),
                ("speaker", "rubio"),
                ("speaker", "witkoff"),
                ("since", "2025-08"),
                ("n", "5"),
                ("kind", "quote"),
                ("interval", "week"),
            ]),
            &["interval"],
        )
        .unwrap();
        assert_eq!(own, [("interval", "week".to_string())]);
        let from_url = fields.into_request(&template).unwrap();
        let from_json = RequestFields::from_json(
            r#"{"query": "sanctions", "speaker": ["rubio", "witkoff"], "since": "2025-08", "max_hits": 5, "kind": "quote"}"#,
        )
        .unwrap()
        .into_request(&template)
        .unwrap();
        assert_eq!(format!("{from_url:?}"), format!("{from_json:?}"));
        assert_eq!(from_url.speakers, ["rubio", "witkoff"]);
        assert_eq!(from_url.kind, Kind::Quote);
    }

    #[test]
    fn bad_parameters_say_which() {
        let bad = |pairs: &[(&str, &str)]| {
            RequestFields::from_params(params(pairs), &[])
                .and_then(|(f, _)| f.into_request(&Request::default()))
                .unwrap_err()
        };
        assert!(bad(&[("speakr", "x")]).contains("speakr"));
        assert!(bad(&[("n", "ten")]).contains("n=\"ten\""));
        assert!(bad(&[("n", "100000")]).contains("at most"));
        assert!(bad(&[("kind", "quotes")]).contains("quotes"));
        assert!(bad(&[("since", "2025-13-01")]).contains("2025-13-01"));
        assert!(bad(&[("sort", "random")]).contains("random"));
        assert!(bad(&[("group_quotes", "maybe")]).contains("maybe"));
    }
}
