//! Ingest benchmark: how the cost of `ingest` compares with `extract` of the same articles, and
//! whether it stays linear as the ledger grows. Whole processes, as a user runs them; medians
//! of `BENCH_RUNS` runs (default 3), all figures of one run of this program, so that the ratios
//! hold on a busy machine too.
//!
//! Run: `cargo build --release && cargo run --release --example ingest_bench [DIR …]` (default
//! DIRs: `../shared/eval/polnear-train` and `../shared/eval/spkatt-train`, their `*.txt` files).
//! `BENCH_LEDGER=PATH` also ingests the same articles into a copy of that ledger (for example
//! the 1M-claim ledger `ledger_bench` leaves in the temporary folder) and times one `match` on
//! it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Runs the binary and returns the wall time in seconds; fails loudly when it fails.
fn timed(bin: &Path, args: &[&str], files: &[PathBuf]) -> f64 {
    let start = Instant::now();
    let out = Command::new(bin)
        .args(args)
        .args(files)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("the binary runs");
    let secs = start.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    secs
}

fn ingest(bin: &Path, db: &Path, files: &[PathBuf]) -> f64 {
    timed(
        bin,
        &["--db", db.to_str().unwrap(), "ingest", "--quiet"],
        files,
    )
}

/// A copy of a ledger (with its write-ahead log, if any) to ingest into.
fn copy_ledger(from: &Path, to: &Path) {
    let _ = std::fs::remove_file(to);
    std::fs::copy(from, to).expect("the ledger copies");
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", to.display()));
        let wal = PathBuf::from(format!("{}{ext}", from.display()));
        if wal.exists() {
            std::fs::copy(&wal, format!("{}{ext}", to.display())).unwrap();
        }
    }
}

fn fresh(db: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
}

fn main() {
    let mut dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs = [
            "../shared/eval/polnear-train",
            "../shared/eval/spkatt-train",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in &dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            println!("skipped: {} is not here", dir.display());
            return;
        };
        files.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    files.sort();
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "{} articles ({:.1} MB), medians of {runs} runs, whole processes",
        files.len(),
        bytes as f64 / 1e6
    );
    // The binary sits next to the examples folder of the same profile.
    let exe = std::env::current_exe().unwrap();
    let bin = exe
        .parent()
        .and_then(|p| p.parent())
        .unwrap()
        .join("claimledger");
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("ledger.db");
    // Alternately, in name order: two halves of similar size and kind.
    let odd: Vec<PathBuf> = files.iter().step_by(2).cloned().collect();
    let even: Vec<PathBuf> = files.iter().skip(1).step_by(2).cloned().collect();
    let half_ledger = dir.path().join("half.db");

    let (mut extract, mut all, mut first, mut second) = (vec![], vec![], vec![], vec![]);
    for _ in 0..runs {
        extract.push(timed(&bin, &["extract"], &files));
        fresh(&db);
        all.push(ingest(&bin, &db, &files));
        fresh(&db);
        first.push(ingest(&bin, &db, &odd));
        copy_ledger(&db, &half_ledger);
        second.push(ingest(&bin, &half_ledger, &even));
    }
    let (extract, all, first, second) =
        (median(extract), median(all), median(first), median(second));
    println!("extract, all articles: {extract:.2} s");
    println!(
        "ingest, all articles into an empty ledger: {all:.2} s ({:.2}x extract)",
        all / extract
    );
    println!(
        "ingest, first half into an empty ledger: {first:.2} s; second half into the ledger \
         holding the first: {second:.2} s ({:.2}x)",
        second / first
    );

    let Some(big) = std::env::var_os("BENCH_LEDGER").map(PathBuf::from) else {
        println!("(set BENCH_LEDGER to a large ledger to ingest into it and time `match`)");
        return;
    };
    let copy = dir.path().join("big.db");
    let mut into_big = Vec::new();
    let mut into_empty = Vec::new();
    for _ in 0..runs {
        copy_ledger(&big, &copy);
        into_big.push(ingest(&bin, &copy, &files));
        fresh(&db);
        into_empty.push(ingest(&bin, &db, &files));
    }
    let (into_big, into_empty) = (median(into_big), median(into_empty));
    let claims = claimledger::store::Ledger::open(&big, claimledger::store::Access::Read)
        .and_then(|l| l.claim_count_estimate())
        .expect("the large ledger opens");
    println!(
        "ingest, all articles into a ledger of {claims} claims: {into_big:.2} s; into an empty \
         one: {into_empty:.2} s ({:.2}x)",
        into_big / into_empty
    );
    let query = "The council voted to fund a new bridge over the river, officials said";
    let mut matches = Vec::new();
    for _ in 0..11 {
        matches.push(
            timed(
                &bin,
                &[
                    "--db",
                    copy.to_str().unwrap(),
                    "match",
                    query,
                    "--format",
                    "json",
                ],
                &[],
            ) * 1000.0,
        );
    }
    println!(
        "match, one claim, on that ledger: {:.1} ms (median of 11)",
        median(matches)
    );
}
