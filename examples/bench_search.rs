//! In-process query latency, for bench/run: opens an index once and runs
//! every query of a bench queries.tsv (top-10 with snippets, highlights and
//! other reports, exactly what `quarry search` computes), several times.
//! Prints one JSON object: per-kind and overall p50/p99 in microseconds,
//! and the five queries slowest at their median.
//!
//!     cargo run --release --example bench_search -- INDEX QUERIES.tsv [REPEATS]

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use quarry::index::QuarryIndex;
use quarry::search::{search, Request};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: bench_search INDEX QUERIES.tsv [REPEATS]");
        std::process::exit(2);
    }
    let repeats: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let opened = Instant::now();
    let qi = QuarryIndex::open(Path::new(&args[1])).unwrap_or_else(|e| {
        eprintln!("bench_search: {e}");
        std::process::exit(2)
    });
    let open_micros = opened.elapsed().as_micros();
    let text = std::fs::read_to_string(&args[2]).expect("queries file");
    let requests: Vec<(String, Request)> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let speakers = cols
                .get(2)
                .filter(|s| !s.is_empty())
                .map(|s| vec![s.to_string()])
                .unwrap_or_default();
            let req = Request {
                query: cols[1].to_string(),
                speakers,
                max_hits: 10,
                ..Default::default()
            };
            (cols[0].to_string(), req)
        })
        .collect();
    // One warm-up pass: the page cache and tantivy's caches, as a server would have them.
    for (_, req) in &requests {
        let _ = search(&qi, req);
    }
    let mut by_kind: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut all = Vec::new();
    let mut per_query: Vec<Vec<f64>> = vec![Vec::new(); requests.len()];
    let mut errors = 0;
    for _ in 0..repeats {
        for ((kind, req), times) in requests.iter().zip(&mut per_query) {
            let t = Instant::now();
            if search(&qi, req).is_err() {
                errors += 1;
            }
            let micros = t.elapsed().as_secs_f64() * 1e6;
            by_kind.entry(kind.clone()).or_default().push(micros);
            all.push(micros);
            times.push(micros);
        }
    }
    // The queries slowest at their median: where a p99 comes from.
    let mut medians: Vec<(f64, usize)> = per_query
        .iter_mut()
        .enumerate()
        .map(|(i, times)| {
            times.sort_by(|a, b| a.total_cmp(b));
            (percentile(times, 50.0), i)
        })
        .collect();
    medians.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slowest: Vec<serde_json::Value> = medians
        .iter()
        .take(5)
        .map(|&(micros, i)| {
            let (kind, req) = &requests[i];
            serde_json::json!({"kind": kind, "query": req.query,
                               "speakers": req.speakers, "median_us": micros})
        })
        .collect();
    let summary = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        serde_json::json!({"n": v.len(), "p50_us": percentile(v, 50.0), "p99_us": percentile(v, 99.0),
                           "mean_us": v.iter().sum::<f64>() / v.len().max(1) as f64})
    };
    let kinds: serde_json::Map<String, serde_json::Value> = by_kind
        .iter_mut()
        .map(|(k, v)| (k.clone(), summary(v)))
        .collect();
    let out = serde_json::json!({
        "queries": requests.len(), "repeats": repeats, "errors": errors,
        "open_us": open_micros, "all": summary(&mut all), "by_kind": kinds,
        "slowest": slowest,
    });
    println!("{out}");
}
