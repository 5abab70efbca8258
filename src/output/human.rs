//! Text for people: each hit as who said it and where, the sentence it
//! stands in with the query's words marked, and the article it is from;
//! wrapped to the terminal with a hanging indent. Colour marks the words
//! on a terminal; piped output is plain text. Every string from an
//! article, a file name or a metadata table goes through [`visible`].

use std::io::Write;

use anyhow::Result;
use termcolor::{Color, ColorSpec, WriteColor};

use super::layout::{occurrences, sentence_around, wrap, Style};
use super::visible::visible;
use crate::index::document::DocKind;
use crate::search::{Hit, Results};
use crate::search::{Kind, Relation};
use crate::tally::Tally;

/// Columns of the hanging indent under a hit's number.
const INDENT: usize = 4;

/// How to lay hits out.
#[derive(Clone, Copy, Debug, Default)]
pub struct Layout {
    /// Terminal width to wrap at; `None`: one line per part.
    pub columns: Option<usize>,
    /// Show each hit's score (the hits are ranked by it).
    pub scores: bool,
    /// Rank of the first hit, less one (`--start-offset`).
    pub start_offset: usize,
    /// Hits to show at most.
    pub max_hits: usize,
    /// What was searched, for the count ("passages and statements").
    pub kind: Kind,
}

/// Writes the hits, best first, as search decided them ([`crate::search`]
/// folds a paragraph into the statement it shows), then how many there are.
pub fn results(out: &mut dyn WriteColor, results: &Results, layout: Layout) -> Result<()> {
    for (i, hit) in results.hits.iter().take(layout.max_hits).enumerate() {
        header(out, layout.start_offset + i + 1, hit, layout.scores)?;
        lines(out, &body(hit), layout.columns)?;
        source(out, hit, layout.columns)?;
        writeln!(out)?;
    }
    let shown = results.hits.len().min(layout.max_hits);
    writeln!(
        out,
        "{} ({:.1} ms)",
        summary(
            layout.start_offset,
            shown,
            results.num_hits,
            results.num_hits_relation,
            layout.kind
        ),
        results.elapsed_time_micros as f64 / 1000.0
    )?;
    Ok(())
}

/// "hits 7–11 of 15 matching passages and statements", "1 of 1 matching
/// quotation", "10 of at least 10000 matching passages": the hits shown,
/// and the documents of `kind` that match (a paragraph that a matching
/// statement shows is no hit of its own, so the hits of all pages may be
/// fewer; counting may have stopped at its bound).
pub fn summary(
    offset: usize,
    shown: usize,
    matches: usize,
    relation: Relation,
    kind: Kind,
) -> String {
    let at_least = match relation {
        Relation::Eq => "",
        Relation::Gte => "at least ",
    };
    let what = format!("{at_least}{matches} matching {}", kind.noun(matches));
    match shown {
        0 if offset > 0 => format!("no hits past {offset}; {what}"),
        0 => format!("no hits; {what}"),
        _ if offset == 0 => format!("{shown} of {what}"),
        1 => format!("hit {} of {what}", offset + 1),
        _ => format!("hits {}–{} of {what}", offset + 1, offset + shown),
    }
}

/// "1. Marco Rubio · CBS · reported speech · reported by 3 articles  39.93"
fn header(out: &mut dyn WriteColor, rank: usize, hit: &Hit, score: bool) -> Result<()> {
    out.set_color(ColorSpec::new().set_bold(true))?;
    write!(out, "{rank:>2}. ")?;
    out.reset()?;
    if let Some(s) = &hit.speaker {
        out.set_color(ColorSpec::new().set_fg(Some(Color::Cyan)).set_bold(true))?;
        write!(out, "{}", visible(s))?;
        out.reset()?;
        write!(out, " · ")?;
    } else if hit.kind.is_statement() {
        write!(out, "(unattributed) · ")?;
    }
    if let Some(o) = &hit.outlet {
        out.set_color(ColorSpec::new().set_fg(Some(Color::Green)))?;
        write!(out, "{}", visible(o))?;
        out.reset()?;
        write!(out, " · ")?;
    }
    let kind = match hit.kind {
        DocKind::Quote => "quotation",
        DocKind::Reported => "reported speech",
        DocKind::Passage => "paragraph",
        DocKind::Article => "article title",
    };
    write!(out, "{kind}")?;
    if let Some(n) = hit.count.filter(|&n| n > 1) {
        write!(out, " · reported by {n} articles")?;
    }
    if score {
        out.set_color(ColorSpec::new().set_dimmed(true))?;
        write!(out, "  {:.2}", hit.score)?;
        out.reset()?;
    }
    writeln!(out)?;
    Ok(())
}

/// The text to show: a statement in its sentence, the rest of the
/// sentence set apart; a paragraph hit's best fragment. "…" where cut.
fn body(hit: &Hit) -> Vec<(String, Style)> {
    let terms: Vec<String> = hit
        .highlights
        .iter()
        .filter_map(|r| hit.fragment.get(r.clone()))
        .map(str::to_string)
        .collect();
    let statement = hit.quote.as_deref().filter(|_| hit.kind.is_statement());
    let located = statement.and_then(|q| Some((hit.passage.find(q)?, q.len())));
    let mut pieces = Vec::new();
    let (text, own, before, after) = match located {
        Some((at, len)) => {
            let (sentence, before, after) = sentence_around(&hit.passage, at..at + len);
            (
                &hit.passage[sentence.clone()],
                Some(at - sentence.start..at - sentence.start + len),
                before,
                after,
            )
        }
        None => {
            // The fragment of a paragraph, or of a statement whose context
            // was cut before it.
            let body = statement.unwrap_or(&hit.passage);
            let before = !body.trim_start().starts_with(hit.fragment.trim_start());
            let after = !body.trim_end().ends_with(hit.fragment.trim_end());
            (hit.fragment.as_str(), None, before, after)
        }
    };
    if before {
        pieces.push(("… ".to_string(), Style::Plain));
    }
    let marks = if located.is_some() {
        occurrences(text, &terms)
    } else {
        hit.highlights.clone()
    };
    let style_at = |i: usize| match &own {
        Some(own) if !own.contains(&i) => Style::Around,
        _ => Style::Plain,
    };
    // Cut points: statement bounds and match bounds.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    if let Some(own) = &own {
        cuts.extend([own.start, own.end]);
    }
    for m in &marks {
        cuts.extend([m.start, m.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let style = if marks.iter().any(|m| m.start <= a && b <= m.end) {
            Style::Match
        } else {
            style_at(a)
        };
        pieces.push((visible(&text[a..b]).into_owned(), style));
    }
    if after {
        pieces.push((" …".to_string(), Style::Plain));
    }
    pieces
}

/// "The title — Publisher, 2025-11-23 · corpus/file.txt ¶8"
fn source(out: &mut dyn WriteColor, hit: &Hit, columns: Option<usize>) -> Result<()> {
    let a = &hit.article;
    let mut line = a.title.clone().unwrap_or_default();
    let published: Vec<&str> = [a.publisher.as_deref(), a.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !published.is_empty() {
        if !line.is_empty() {
            line.push_str(" — ");
        }
        line.push_str(&published.join(", "));
    }
    if !line.is_empty() {
        line.push_str(" · ");
    }
    line.push_str(&format!("{} ¶{}", a.relative_path, hit.paragraph));
    lines(
        out,
        &[(visible(&line).into_owned(), Style::Article)],
        columns,
    )
}

/// Writes `pieces` wrapped under the hanging indent, styles as colour.
fn lines(
    out: &mut dyn WriteColor,
    pieces: &[(String, Style)],
    columns: Option<usize>,
) -> Result<()> {
    for row in wrap(pieces, columns.map(|c| c.saturating_sub(INDENT))) {
        write!(out, "{:INDENT$}", "")?;
        let mut runs: Vec<(String, Style)> = Vec::new();
        for (text, style) in row {
            match runs.last_mut() {
                Some((run, s)) if *s == style => run.push_str(&text),
                _ => runs.push((text, style)),
            }
        }
        for (text, style) in runs {
            match style {
                Style::Plain => {}
                Style::Around => {
                    out.set_color(ColorSpec::new().set_dimmed(true))?;
                }
                Style::Match => {
                    out.set_color(ColorSpec::new().set_fg(Some(Color::Red)).set_bold(true))?;
                }
                Style::Article => {
                    out.set_color(ColorSpec::new().set_fg(Some(Color::Magenta)))?;
                }
            }
            write!(out, "{text}")?;
            if style != Style::Plain {
                out.reset()?;
            }
        }
        writeln!(out)?;
    }
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

/// Writes tallies as aligned rows: statements, name, and how many of
/// them are quotations and reported speech.
pub fn tallies(out: &mut dyn Write, rows: &[Tally]) -> Result<()> {
    for row in rows {
        writeln!(
            out,
            "{:>6}  {}  ({} quoted, {} reported)",
            row.statements,
            visible(&row.name),
            row.quotes,
            row.reported
        )?;
    }
    Ok(())
}
