//! Text for people: ranked hits with the matched words in colour on a
//! terminal, or between `**` markers when colour is off. Every string from
//! an article, a file name or a metadata table goes through [`visible`].

use std::io::Write;

use anyhow::Result;
use termcolor::{Color, ColorSpec, WriteColor};

use super::visible::visible;
use crate::search::{marked, Hit, Results};
use crate::tally::Tally;

/// Writes the hits, best first.
pub fn results(out: &mut dyn WriteColor, results: &Results, start_offset: usize) -> Result<()> {
    for (i, hit) in results.hits.iter().enumerate() {
        header(out, start_offset + i + 1, hit)?;
        write!(out, "   ")?;
        body(out, hit)?;
        writeln!(out)?;
    }
    let shown = results.hits.len();
    writeln!(
        out,
        "{} of {} hits ({:.1} ms)",
        shown,
        results.num_hits,
        results.elapsed_time_micros as f64 / 1000.0
    )?;
    Ok(())
}

fn header(out: &mut dyn WriteColor, rank: usize, hit: &Hit) -> Result<()> {
    out.set_color(ColorSpec::new().set_bold(true))?;
    write!(out, "{rank:>2}. ")?;
    out.reset()?;
    if let Some(s) = &hit.speaker {
        out.set_color(ColorSpec::new().set_fg(Some(Color::Cyan)).set_bold(true))?;
        write!(out, "{}", visible(s))?;
        out.reset()?;
        write!(out, " · ")?;
    } else if hit.kind != "passage" {
        write!(out, "(unattributed) · ")?;
    }
    if let Some(o) = &hit.outlet {
        out.set_color(ColorSpec::new().set_fg(Some(Color::Green)))?;
        write!(out, "{}", visible(o))?;
        out.reset()?;
        write!(out, " · ")?;
    }
    out.set_color(ColorSpec::new().set_fg(Some(Color::Magenta)))?;
    write!(
        out,
        "{} ¶{}",
        visible(&hit.article.relative_path),
        hit.paragraph
    )?;
    out.reset()?;
    let a = &hit.article;
    let published: Vec<&str> = [a.publisher.as_deref(), a.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !published.is_empty() {
        write!(out, " ({})", visible(&published.join(", ")))?;
    }
    if let Some(n) = hit.count.filter(|&n| n > 1) {
        write!(out, " · reported by {n} articles")?;
    }
    writeln!(out, "  [{} {:.2}]", hit.kind, hit.score)?;
    Ok(())
}

fn body(out: &mut dyn WriteColor, hit: &Hit) -> Result<()> {
    // Reported speech is the writer's wording: never in quotation marks.
    let (open, close) = match hit.kind.as_str() {
        "quote" => ("“", "”"),
        "reported" => ("(reported) ", ""),
        _ => ("", ""),
    };
    write!(out, "{open}")?;
    if out.supports_color() {
        let mut pos = 0;
        for r in &hit.highlights {
            write!(out, "{}", visible(&hit.fragment[pos..r.start]))?;
            out.set_color(ColorSpec::new().set_fg(Some(Color::Red)).set_bold(true))?;
            write!(out, "{}", visible(&hit.fragment[r.clone()]))?;
            out.reset()?;
            pos = r.end;
        }
        write!(out, "{}", visible(&hit.fragment[pos..]))?;
    } else {
        let text = marked(&hit.fragment, &hit.highlights, "**", "**");
        write!(out, "{}", visible(&text))?;
    }
    writeln!(out, "{close}")?;
    Ok(())
}

/// Writes the index's statistics as aligned `name: value` lines.
pub fn stats(out: &mut dyn Write, stats: &crate::stats::Stats) -> Result<()> {
    let date_range = match (&stats.first_date, &stats.last_date) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "no dates".to_string(),
    };
    let rows = [
        ("index", stats.index.clone()),
        ("files", stats.files.to_string()),
        ("articles", stats.articles.to_string()),
        ("passages", stats.passages.to_string()),
        ("quotations", stats.quotes.to_string()),
        ("reported", stats.reported.to_string()),
        ("speakers", stats.speakers.to_string()),
        ("outlets", stats.outlets.to_string()),
        ("publishers", stats.publishers.to_string()),
        ("dates", date_range),
        ("size", format!("{:.1} MB", stats.index_bytes as f64 / 1e6)),
        (
            "last indexed",
            stats.last_indexed.clone().unwrap_or_else(|| "never".into()),
        ),
    ];
    for (name, value) in rows {
        writeln!(out, "{:>13}  {}", format!("{name}:"), visible(&value))?;
    }
    Ok(())
}

/// Writes tallies as aligned rows: count, then name.
pub fn tallies(out: &mut dyn Write, rows: &[Tally]) -> Result<()> {
    for row in rows {
        writeln!(out, "{:>6}  {}", row.quotes, visible(&row.name))?;
    }
    Ok(())
}
