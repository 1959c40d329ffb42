//! STSb DE->EN retrieval through the CLI, as a user runs it: each distinct German first
//! sentence of STSb dev is matched (`match --each-line`) against a ledger holding every distinct
//! English sentence of STSb dev (both columns, imported from CSV); right is the English first
//! sentence of the same row. Shared by the floor in `crosslingual.rs` and by
//! `examples/stsb_crosslingual.rs`, which includes this file by its path.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

/// How often the right English sentence came first and within the first five.
pub struct Retrieval {
    pub queries: usize,
    pub pool: usize,
    pub first: usize,
    pub five: usize,
    /// Wall time of the one `match --each-line`.
    pub seconds: f64,
}

impl Retrieval {
    pub fn p_at_1(&self) -> f64 {
        self.first as f64 / self.queries as f64
    }

    pub fn in_five(&self) -> f64 {
        self.five as f64 / self.queries as f64
    }
}

fn rows(path: &Path) -> anyhow::Result<Vec<csv::StringRecord>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)?;
    Ok(r.records().collect::<Result<_, _>>()?)
}

/// Measures the retrieval with the binary `bin` on the STSb files in `dir`.
pub fn measure(bin: &Path, dir: &Path) -> anyhow::Result<Retrieval> {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let de = rows(&dir.join("stsb-de-dev.csv"))?;
    let en = rows(&dir.join("stsb-en-dev.csv"))?;
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
    // The columns `export --format csv` writes, which `import` reads back.
    w.write_record(claimledger::export::csv::COLUMNS)?;
    for (i, s) in pool.iter().enumerate() {
        let id = (i + 1).to_string();
        let url = format!("https://pool.example/{id}");
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
            anyhow::bail!(
                "{} {args:?}: {}",
                bin.display(),
                String::from_utf8_lossy(&out.stderr)
            );
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
    if out.lines().count() != queries.len() {
        anyhow::bail!(
            "{} answers for {} queries",
            out.lines().count(),
            queries.len()
        );
    }
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
    Ok(Retrieval {
        queries: queries.len(),
        pool: pool.len(),
        first,
        five,
        seconds,
    })
}
