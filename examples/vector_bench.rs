//! The vector index on a large ledger: how long the upgrade that files every claim takes, how
//! evenly the lists fill, how often a look-up through the index finds the claims a scan of every
//! vector finds (recall of the 10 nearest), and the time of `match` as a user runs it (whole
//! process, median) with its peak memory, against another binary on another copy of the ledger.
//!
//! cargo build --release && cargo run --release --example vector_bench -- \
//!     LEDGER_COPY target/release/claimledger [BEFORE_LEDGER BEFORE_BINARY]
//!
//! LEDGER_COPY is upgraded in place (use a copy, e.g. of the 1M-claim ledger `ledger_bench`
//! leaves); queries are claims of the ledger itself (their text, slightly cut) and the lines of
//! `BENCH_QUERIES` (a file) if given.

use claimledger::matching::vectors;
use claimledger::store::{Access, Ledger};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Runs one `match` and returns (seconds, peak resident kB).
fn one_match(bin: &str, db: &str, text: &str) -> (f64, u64) {
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args([
            "-f", "%M", bin, "--db", db, "match", "--format", "jsonl", text,
        ])
        .output()
        .expect("the binary runs");
    let secs = start.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kb = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    (secs, kb)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (db, bin) = match args.as_slice() {
        [db, bin, ..] => (db.as_str(), bin.as_str()),
        _ => anyhow::bail!(
            "usage: vector_bench LEDGER_COPY CLAIMLEDGER [BEFORE_LEDGER BEFORE_BINARY]"
        ),
    };
    let start = Instant::now();
    let ledger = Ledger::open(Path::new(db), Access::Write)?;
    println!(
        "open (upgrade included): {:.1} s",
        start.elapsed().as_secs_f64()
    );
    drop(ledger);

    let conn = rusqlite::Connection::open(db)?;
    let (claims, listed): (i64, i64) = conn.query_row(
        "SELECT (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM claim_vector_lists)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut sizes: Vec<f64> = conn
        .prepare("SELECT COUNT(*) FROM claim_vector_lists GROUP BY list")?
        .query_map([], |r| r.get::<_, i64>(0))?
        .map(|n| n.map(|n| n as f64))
        .collect::<Result<_, _>>()?;
    sizes.sort_by(f64::total_cmp);
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    println!(
        "{claims} claims, {listed} filed in {} lists: smallest {}, median {}, largest {}; ledger {:.0} bytes per claim",
        sizes.len(),
        sizes[0],
        median(sizes.clone()),
        sizes[sizes.len() - 1],
        (pages * page) as f64 / claims.max(1) as f64
    );

    // Queries: every 9,973rd claim's text without its last word, and the lines of a file.
    let mut queries: Vec<String> = conn
        .prepare("SELECT text FROM claims WHERE id % 9973 = 1 ORDER BY id LIMIT 60")?
        .query_map([], |r| r.get::<_, String>(0))?
        .map(|t| {
            t.map(|t| {
                let words: Vec<&str> = t.split_whitespace().collect();
                words[..words.len().saturating_sub(1).max(1)].join(" ")
            })
        })
        .collect::<Result<_, _>>()?;
    if let Ok(file) = std::env::var("BENCH_QUERIES") {
        queries.extend(
            std::fs::read_to_string(file)?
                .lines()
                .filter(|l| !l.trim().is_empty())
                .take(60)
                .map(String::from),
        );
    }
    let ledger = Ledger::open(Path::new(db), Access::Read)?;
    let start = Instant::now();
    let all = ledger.vector_index()?;
    println!(
        "reading every vector: {:.2} s ({} vectors)",
        start.elapsed().as_secs_f64(),
        all.len()
    );
    let (mut found, mut wanted, mut took) = (0usize, 0usize, Vec::new());
    for q in &queries {
        let Some(v) = vectors::embed(q) else { continue };
        let truth: Vec<i64> = all.nearest(&v, 10).iter().map(|h| h.0).collect();
        let start = Instant::now();
        let hits = ledger.nearest_claims(&v, 10)?;
        took.push(start.elapsed().as_secs_f64() * 1000.0);
        wanted += truth.len();
        found += hits.iter().filter(|h| truth.contains(&h.0)).count();
    }
    println!(
        "index look-up: recall of the 10 nearest {:.3} over {} queries; median {:.1} ms in process",
        found as f64 / wanted.max(1) as f64,
        took.len(),
        median(took)
    );
    drop(all);

    let mut runs = vec![(db.to_string(), bin.to_string(), "this build")];
    if let [_, _, before_db, before_bin] = args.as_slice() {
        runs.push((before_db.clone(), before_bin.clone(), "before"));
    }
    // Interleaved, 11 runs each, over the first queries.
    let mut times = vec![Vec::new(); runs.len()];
    let mut peak = vec![0u64; runs.len()];
    for i in 0..11 {
        for (k, (db, bin, _)) in runs.iter().enumerate() {
            let (s, kb) = one_match(bin, db, &queries[i % queries.len()]);
            times[k].push(s * 1000.0);
            peak[k] = peak[k].max(kb);
        }
    }
    for (k, (_, _, name)) in runs.iter().enumerate() {
        println!(
            "match, whole process ({name}): median {:.1} ms, max {:.1} ms, peak memory {} MB",
            median(times[k].clone()),
            times[k].iter().copied().fold(0.0, f64::max),
            peak[k] / 1024
        );
    }
    Ok(())
}
