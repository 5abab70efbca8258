//! JSON for scripts. `search --json` prints one object:
//! `{"query", "num_hits", "elapsed_time_micros", "hits": [Hit…]}`; `--jsonl`
//! prints one `Hit` per line. A hit is
//! `{"score", "kind", "speaker", "speaker_id", "outlet", "quote", "passage",
//! "snippet", "highlights", "article": {"path", "title"}, "paragraph"}`,
//! where `snippet` wraps matches in `<b>…</b>` (the rest HTML-escaped) and
//! `highlights` are byte ranges of the matches in the snippet's plain text.
//! Scores descend.

use std::io::Write;

use anyhow::Result;

use crate::search::Results;
use crate::tally::Tally;

/// The whole result as one JSON object.
pub fn results(out: &mut dyn Write, results: &Results) -> Result<()> {
    serde_json::to_writer(&mut *out, results)?;
    writeln!(out)?;
    Ok(())
}

/// One hit per line.
pub fn results_lines(out: &mut dyn Write, results: &Results) -> Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *out, hit)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Tallies as one JSON array of `{"name", "id", "quotes"}`.
pub fn tallies(out: &mut dyn Write, rows: &[Tally]) -> Result<()> {
    serde_json::to_writer(&mut *out, rows)?;
    writeln!(out)?;
    Ok(())
}
