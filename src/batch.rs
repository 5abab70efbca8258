//! Batch queries (`quarry search --queries FILE`): one query per line, as
//! plain text with optional flags after a tab (`sanctions<TAB>--speaker
//! rubio -n 5`) or as a JSON object (`{"query": "sanctions", "speaker":
//! "rubio"}`), each turned into a [`Request`] — with the same mapping from
//! command-line filters that a single search uses ([`from_filters`]).

use clap::Parser;

use crate::cli::Filters;
use quarry::request::{CountField, Names, RequestFields};
use quarry::search::{Kind, Request, Sort};

/// The flags a plain line may carry after its tab, parsed by clap like the
/// command line's.
#[derive(Debug, Parser)]
#[command(no_binary_name = true)]
struct LineFlags {
    #[command(flatten)]
    filters: Filters,
    #[arg(short = 'n', long = "max-hits")]
    max_hits: Option<usize>,
    #[arg(long = "start-offset", default_value_t = 0)]
    start_offset: usize,
    #[arg(long, value_enum)]
    sort: Option<Sort>,
    #[arg(long)]
    group_quotes: bool,
    #[arg(long, value_enum)]
    kind: Option<Kind>,
    #[arg(long)]
    count: Option<String>,
}

/// Reads one line into a request, `template` giving the defaults (kind,
/// max hits). `None` for blank lines and `#` comments.
pub fn parse_line(line: &str, template: &Request) -> Option<Result<Request, String>> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    Some(if trimmed.starts_with('{') {
        parse_json(trimmed, template)
    } else {
        parse_plain(line.trim_end_matches(['\r', '\n']), template)
    })
}

fn parse_plain(line: &str, template: &Request) -> Result<Request, String> {
    let (query, flags) = line.split_once('\t').unwrap_or((line, ""));
    let words = shell_words::split(flags).map_err(|e| format!("flags {flags:?}: {e}"))?;
    let flags = LineFlags::try_parse_from(words)
        .map_err(|e| e.to_string().lines().next().unwrap_or_default().to_string())?;
    let strict = flags.filters.strict || template.strict;
    let fields = RequestFields {
        max_hits: flags.max_hits,
        start_offset: flags.start_offset,
        sort: flags.sort.map(|s| s.name().to_string()),
        group_quotes: flags.group_quotes,
        kind: flags.kind.map(|k| k.name().to_string()),
        count: flags.count.map(CountField::Word),
        ..fields_of(query.trim(), &flags.filters)
    };
    let req = fields.into_request(template)?;
    Ok(Request { strict, ..req })
}

/// The query a batch line asks, without its flags: what an error line
/// names.
pub fn query_of(line: &str) -> String {
    let trimmed = line.trim();
    if trimmed.starts_with('{') {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(trimmed) {
            if let Some(q) = v.get("query").and_then(|q| q.as_str()) {
                return q.to_string();
            }
        }
        return trimmed.to_string();
    }
    line.split_once('\t')
        .map_or(line, |(q, _)| q)
        .trim()
        .to_string()
}

/// The fields of a request for `query` with the command line's filters, as
/// a script or the page would send them: every way in is read by
/// [`RequestFields::into_request`], with one set of defaults, limits and
/// messages. Speakers as written: aliases are the caller's to apply.
pub fn fields_of(query: &str, f: &Filters) -> RequestFields {
    let day = |d: &time::Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    let names = |v: &[String]| match v {
        [] => Names::None,
        [one] => Names::One(one.clone()),
        many => Names::Many(many.to_vec()),
    };
    RequestFields {
        query: query.to_string(),
        speaker: names(&f.speakers),
        outlet: names(&f.outlets),
        publisher: names(&f.publishers),
        since: f.since.as_ref().map(day),
        until: f.until.as_ref().map(day),
        ..RequestFields::default()
    }
}

fn parse_json(line: &str, template: &Request) -> Result<Request, String> {
    RequestFields::from_json(line)?.into_request(template)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> Request {
        Request {
            max_hits: 10,
            ..Default::default()
        }
    }

    #[test]
    fn plain_lines_with_flags() {
        let r = parse_line(
            "sanctions talks\t--speaker 'Marco Rubio' -n 3 --since 2025-11-01",
            &template(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.query, "sanctions talks");
        assert_eq!(r.speakers, ["Marco Rubio"]);
        assert_eq!(r.max_hits, 3);
        assert!(r.since.is_some());
        let r = parse_line("just words", &template()).unwrap().unwrap();
        assert_eq!((r.query.as_str(), r.max_hits), ("just words", 10));
    }

    #[test]
    fn json_lines() {
        let r = parse_line(
            r#"{"query": "peace", "speaker": ["rubio", "witkoff"], "until": "2025-12-01", "max_hits": 2}"#,
            &template(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.speakers.len(), 2);
        assert_eq!(r.max_hits, 2);
    }

    #[test]
    fn bad_lines_say_why_and_blank_lines_are_skipped() {
        assert!(parse_line("  ", &template()).is_none());
        assert!(parse_line("# note", &template()).is_none());
        let e = parse_line("x\t--bogus", &template()).unwrap().unwrap_err();
        assert!(e.contains("--bogus"), "{e}");
        let e = parse_line(r#"{"query": "x", "speakr": "y"}"#, &template())
            .unwrap()
            .unwrap_err();
        assert!(e.contains("speakr"), "{e}");
        let e = parse_line("x\t--since 2025-13-01", &template())
            .unwrap()
            .unwrap_err();
        assert!(e.contains("2025-13-01"), "{e}");
    }
}
