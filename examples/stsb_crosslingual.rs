//! "Already checked?" across languages, measured through the CLI: each distinct German first
//! sentence of STSb dev is matched (`match --each-line`) against a ledger holding every
//! distinct English sentence of STSb dev (both columns, imported); right is the English first
//! sentence of the same row. Prints how often it comes first (P@1) and within the first five.
//!
//! cargo build --release && cargo run --release --example stsb_crosslingual -- \
//!     target/release/claimledger ../shared/eval/claim-matching/stsb-de-en

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

const HEADER: [&str; 19] = [
    "id",
    "status",
    "text",
    "speakers",
    "roles",
    "speaker_kinds",
    "cue",
    "mode",
    "stance",
    "checkworthiness",
    "source_title",
    "publisher",
    "url",
    "published",
    "language",
    "last_review_note",
    "reviewer",
    "reviewed_at",
    "created_at",
];

fn rows(path: &Path) -> anyhow::Result<Vec<csv::StringRecord>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)?;
    Ok(r.records().collect::<Result<_, _>>()?)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [bin, dir] = args.as_slice() else {
        anyhow::bail!("usage: stsb_crosslingual CLAIMLEDGER STSB_DIR");
    };
    let dir = Path::new(dir);
    if !dir.join("stsb-de-dev.csv").exists() {
        println!("skipped: {} has no stsb-de-dev.csv", dir.display());
        return Ok(());
    }
    let de = rows(&dir.join("stsb-de-dev.csv"))?;
    let en = rows(&dir.join("stsb-en-dev.csv"))?;
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let pool: Vec<String> = en
        .iter()
        .flat_map(|r| [one_line(&r[0]), one_line(&r[1])])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let number: HashMap<&str, usize> = pool
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i + 1))
        .collect();
    let mut seen = BTreeSet::new();
    let mut queries: Vec<(String, usize)> = Vec::new();
    for (d, e) in de.iter().zip(&en) {
        let german = one_line(&d[0]);
        if seen.insert(german.clone()) {
            queries.push((german, number[one_line(&e[0]).as_str()]));
        }
    }
    let tmp = tempfile::tempdir()?;
    let pool_csv = tmp.path().join("pool.csv");
    let mut w = csv::Writer::from_path(&pool_csv)?;
    w.write_record(HEADER)?;
    for (i, s) in pool.iter().enumerate() {
        let id = (i + 1).to_string();
        let url = format!("https://pool.example/{}", i + 1);
        w.write_record([
            id.as_str(),
            "unverified",
            s,
            "",
            "",
            "",
            "",
            "none",
            "assert",
            "0",
            "",
            "",
            &url,
            "",
            "en",
            "",
            "",
            "",
            "2024-01-01T00:00:00Z",
        ])?;
    }
    w.flush()?;
    let db = tmp.path().join("pool.db");
    let run = |args: &[&str]| -> anyhow::Result<String> {
        let out = Command::new(bin).arg("--db").arg(&db).args(args).output()?;
        if !out.status.success() {
            anyhow::bail!("{bin} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8(out.stdout)?)
    };
    run(&["import", pool_csv.to_str().unwrap_or_default()])?;
    let lines = tmp.path().join("queries.txt");
    let text: Vec<&str> = queries.iter().map(|(q, _)| q.as_str()).collect();
    std::fs::write(&lines, text.join("\n") + "\n")?;
    let started = std::time::Instant::now();
    let out = run(&[
        "match",
        "--format",
        "jsonl",
        "--each-line",
        "--limit",
        "5",
        lines.to_str().unwrap_or_default(),
    ])?;
    let seconds = started.elapsed().as_secs_f64();
    let (mut first, mut five) = (0, 0);
    for (line, (_, right)) in out.lines().zip(&queries) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let found: Vec<usize> = v["matches"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["url"].as_str()?.rsplit('/').next()?.parse().ok())
            .collect();
        first += usize::from(found.first() == Some(right));
        five += usize::from(found.contains(right));
    }
    let n = queries.len() as f64;
    println!(
        "STSb dev DE->EN through the CLI: {} German sentences, {} English claims; P@1 {:.3}, found in the first five {:.3}; match {:.1} s",
        queries.len(),
        pool.len(),
        first as f64 / n,
        five as f64 / n,
        seconds
    );
    Ok(())
}
