//! Batch queries (`quarry search --queries FILE`): one query per line, as
//! plain text with optional flags after a tab (`sanctions<TAB>--speaker
//! rubio -n 5`) or as a JSON object (`{"query": "sanctions", "speaker":
//! "rubio"}`), each turned into a [`Request`] — with the same mapping from
//! command-line filters that a single search uses ([`from_filters`]).

use clap::Parser;

use crate::cli::{Filters, SortBy};
use quarry::request::RequestFields;
use quarry::search::{Request, Sort};

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
    sort: Option<SortBy>,
    #[arg(long)]
    group_quotes: bool,
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
    Ok(Request {
        max_hits: flags.max_hits.unwrap_or(template.max_hits),
        start_offset: flags.start_offset,
        sort: flags.sort.map_or(template.sort, to_sort),
        group_quotes: flags.group_quotes || template.group_quotes,
        kind: template.kind,
        strict: flags.filters.strict || template.strict,
        ..from_filters(query.trim(), &flags.filters)
    })
}

fn parse_json(line: &str, template: &Request) -> Result<Request, String> {
    RequestFields::from_json(line)?.into_request(template)
}

/// A request for `query` with the command line's filters (speakers as
/// written: aliases are the caller's to apply).
pub fn from_filters(query: &str, f: &Filters) -> Request {
    Request {
        query: query.to_string(),
        speakers: f.speakers.clone(),
        outlets: f.outlets.clone(),
        publishers: f.publishers.clone(),
        since: f.since,
        until: f.until,
        strict: f.strict,
        ..Default::default()
    }
}

/// The library's sort order for the command line's.
pub fn to_sort(sort: SortBy) -> Sort {
    match sort {
        SortBy::Score => Sort::Score,
        SortBy::Date => Sort::Date,
    }
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
