//! `claimledger match`: "has this been checked already?" for any text — the closest claims in
//! the ledger with score, status, latest verdict note and url.

use super::output;
use crate::claim::Status;
use crate::cli::{MatchArgs, MatchFormat};
use crate::matching::{self, Scored};
use crate::store::{Ledger, MatchDetails};
use anyhow::{Context, bail};
use std::io::Write;

/// One match as printed.
#[derive(Debug, serde::Serialize)]
struct Printed {
    id: i64,
    score: f64,
    similarity: f64,
    same: bool,
    text: String,
    status: Status,
    url: Option<String>,
    verdict_note: Option<String>,
    speakers: Vec<String>,
    appearances: i64,
}

pub fn run(ledger: &Ledger, args: MatchArgs) -> anyhow::Result<()> {
    ledger.prepare_for_matching()?;
    let status: Option<Status> = args.status.as_deref().map(str::parse).transpose()?;
    if args.limit == 0 {
        bail!("--limit 0 asks for nothing: give 1 or more");
    }
    let Some(text) = &args.text else {
        return Err(super::UsageError(
            "nothing to match: give TEXT, - for standard input, or --each-line FILE".into(),
        )
        .into());
    };
    let queries: Vec<String> = if args.each_line {
        read_text(std::path::Path::new(text))?
            .lines()
            .map(str::to_string)
            .collect()
    } else {
        let text = if text == "-" {
            read_text(std::path::Path::new("-"))?
        } else {
            text.clone()
        };
        if text.trim().is_empty() {
            bail!("the text to match is empty: give the words of a claim");
        }
        vec![text]
    };
    let total = ledger.claim_count_estimate()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (i, query) in queries.iter().enumerate() {
        let printed = if query.trim().is_empty() {
            Vec::new()
        } else {
            find(ledger, query, status, args.limit, total)?
        };
        match args.format {
            MatchFormat::Jsonl => {
                serde_json::to_writer(&mut out, &serde_json::json!({ "matches": printed }))?;
                writeln!(out)?;
            }
            MatchFormat::Json => {
                serde_json::to_writer_pretty(
                    &mut out,
                    &serde_json::json!({ "query": query, "matches": printed }),
                )?;
                writeln!(out)?;
            }
            MatchFormat::Table => table(&mut out, i, query, &printed, queries.len() > 1)?,
        }
    }
    out.flush()?;
    Ok(())
}

/// The best `limit` claims for one text.
fn find(
    ledger: &Ledger,
    query: &str,
    status: Option<Status>,
    limit: usize,
    total: i64,
) -> anyhow::Result<Vec<Printed>> {
    let normalised = matching::normalise(query);
    let words = matching::content_words(&normalised);
    let candidates = ledger.match_candidates(&words, status, matching::CANDIDATES)?;
    let ranked: Vec<Scored> = matching::rank(query, None, &candidates, total);
    ranked
        .into_iter()
        .take(limit)
        .map(|s| {
            let d: MatchDetails = ledger.match_details(s.id)?;
            Ok(Printed {
                id: s.id,
                score: round3(s.score),
                similarity: round3(s.similarity),
                same: s.same,
                text: d.text,
                status: d.status,
                url: d.url,
                verdict_note: d.verdict_note,
                speakers: d.speakers,
                appearances: d.appearances,
            })
        })
        .collect()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Reads a text file (or standard input) and refuses binary or undecodable input.
fn read_text(path: &std::path::Path) -> anyhow::Result<String> {
    let bytes = super::input::read_bytes(path)?;
    crate::extract::decode::decode(&bytes).with_context(|| {
        if path == std::path::Path::new("-") {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        }
    })
}

fn table(
    out: &mut impl Write,
    i: usize,
    query: &str,
    printed: &[Printed],
    numbered: bool,
) -> anyhow::Result<()> {
    if numbered {
        writeln!(out, "line {}: {}", i + 1, output::shorten(query, 100))?;
    }
    let mut table = output::table(["id", "score", "same", "status", "claim", "verdict", "url"]);
    for p in printed {
        table.add_row(vec![
            p.id.to_string(),
            format!("{:.2}", p.score),
            if p.same { "yes" } else { "" }.to_string(),
            p.status.to_string(),
            output::shorten(&p.text, 80),
            p.verdict_note
                .as_deref()
                .map(|n| output::shorten(n, 40))
                .unwrap_or_default(),
            p.url.clone().unwrap_or_default(),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{} match(es)", printed.len())?;
    Ok(())
}
