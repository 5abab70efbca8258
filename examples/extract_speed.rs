//! Extraction throughput on one core: parses and extracts every article of a
//! folder, repeatedly, from memory, and prints MB/s.
//!
//!     cargo run --release --example extract_speed [FOLDER]
//!
//! FOLDER defaults to the PolNeAR train articles in ../shared, else corpus/.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use quarry::article::Article;
use quarry::corpus::{read_articles, walk};
use quarry::extract::Extractor;

/// Measure for at least this long.
const MIN_TIME: Duration = Duration::from_secs(3);

fn main() {
    let folder = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let polnear = PathBuf::from("../shared/data/polnear/train/text");
            if polnear.is_dir() {
                polnear
            } else {
                PathBuf::from("corpus")
            }
        });
    let extractor = Extractor::default();
    let mut texts: Vec<String> = Vec::new();
    for file in walk(&folder, Default::default()).files {
        let key = file.path.display().to_string();
        let _ = read_articles(&file.path, &key, file.size, &mut |loaded| {
            texts.extend(loaded.articles.into_iter().map(|a| a.article.text));
            true
        });
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut rounds = 0;
    let mut quotes = 0;
    let started = Instant::now();
    while started.elapsed() < MIN_TIME || rounds == 0 {
        for text in &texts {
            let article = Article::parse(text.clone());
            quotes += extractor.extract(&article).len();
        }
        rounds += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{}: {} articles, {:.2} MB, {} rounds in {:.2} s: {:.1} MB/s, {:.0} articles/s, {} quotations per round",
        folder.display(),
        texts.len(),
        bytes as f64 / 1e6,
        rounds,
        secs,
        mb / secs,
        (texts.len() * rounds) as f64 / secs,
        quotes / rounds
    );
}
