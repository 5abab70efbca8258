//! Where an index's bytes go: each field's term dictionary, postings,
//! positions, fast columns and norms, summed over segments, and the
//! document store, largest first — what issue 22's size target is
//! measured against.
//!
//!     cargo run --release --example index_space [INDEX]
//!
//! INDEX defaults to index/.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use tantivy::space_usage::PerFieldSpaceUsage;
use tantivy::Index;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("index"), PathBuf::from);
    if let Err(e) = run(&dir) {
        eprintln!("index_space: {}: {e}", dir.display());
        std::process::exit(1);
    }
}

fn run(dir: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let index = Index::open_in_dir(dir)?;
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;
    // (field, part) -> bytes
    let mut parts: BTreeMap<(String, &str), u64> = BTreeMap::new();
    let mut add = |what: &'static str, per_field: &PerFieldSpaceUsage| {
        for f in per_field.fields() {
            *parts.entry((f.field_name().to_string(), what)).or_default() += f.total().get_bytes();
        }
    };
    let mut store = 0;
    for segment in usage.segments() {
        add("terms", segment.termdict());
        add("postings", segment.postings());
        add("positions", segment.positions());
        add("fast", segment.fast_fields());
        add("norms", segment.fieldnorms());
        store += segment.store().total().get_bytes();
    }
    let total = usage.total().get_bytes();
    let mut rows: Vec<(u64, String)> = parts
        .into_iter()
        .filter(|(_, bytes)| *bytes > 0)
        .map(|((field, part), bytes)| (bytes, format!("{field} {part}")))
        .collect();
    rows.push((store, "document store".to_string()));
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    // Written to a locked stdout: a reader that stops early (`| head`)
    // ends the listing, not the process with a panic.
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: {:.1} MB in {} segments",
        dir.display(),
        total as f64 / 1e6,
        usage.segments().len()
    )?;
    for (bytes, what) in rows {
        if writeln!(
            out,
            "{:>9.2} MB {:>5.1}%  {what}",
            bytes as f64 / 1e6,
            100.0 * bytes as f64 / total as f64
        )
        .is_err()
        {
            break;
        }
    }
    Ok(())
}
