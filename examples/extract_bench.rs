//! Extraction speed: MB/s of extraction and selection (the claims a user sees) over every .txt
//! file in the given folders, one article at a time (scoring runs on every core), median of
//! five passes. Run: `cargo run --release --example extract_bench -- DIR…`.

use claimledger::checkworthy::score_and_select;
use claimledger::extract::{Options, extract};
use std::time::Instant;

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: extract_bench DIR…");
        std::process::exit(2);
    }
    for dir in dirs {
        let mut texts = Vec::new();
        for entry in std::fs::read_dir(&dir)
            .expect("a readable folder")
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(&path).expect("UTF-8 text"));
            }
        }
        let bytes: usize = texts.iter().map(String::len).sum();
        let opts = Options::default();
        let mut rates = Vec::new();
        let mut claims = 0;
        for _ in 0..5 {
            let t = Instant::now();
            claims = texts
                .iter()
                .map(|t| {
                    let mut article = extract(t.clone(), &opts);
                    score_and_select(&mut article, None, 0.5);
                    article.claims.len()
                })
                .sum::<usize>();
            rates.push(bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
        }
        rates.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "{dir}: {} articles, {:.1} MB, {claims} claims; one article at a time, median {:.1} MB/s (min {:.1}, max {:.1}, 5 passes)",
            texts.len(),
            bytes as f64 / 1e6,
            rates[2],
            rates[0],
            rates[4]
        );
    }
}
