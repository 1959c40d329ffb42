//! `claimledger match`: "has this been checked already?" for any text — the closest claims in
//! the ledger with score, status, latest verdict note and url.

use super::output;
use crate::claim::Status;
use crate::cli::{MatchArgs, MatchFormat};
use crate::matching::{self, Lookups, Prior, Scored, SpeakerVotes};
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
    let mut lookups = Lookups::default();
    let mut done = 0;
    for block in queries.chunks(BLOCK) {
        let ranked = rank_block(ledger, block, args.each_line, status, total, &mut lookups)?;
        for (query, scored) in block.iter().zip(ranked) {
            let printed = details(ledger, query, scored, args.limit)?;
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
                MatchFormat::Table => table(&mut out, done, query, &printed, queries.len() > 1)?,
            }
            done += 1;
        }
    }
    out.flush()?;
    Ok(())
}

/// How many lines of a file share one speaker prior: enough for a transcript's speakers to
/// show, and a bound on the rankings held at once.
const BLOCK: usize = 2_000;

/// Ranks the candidates of each text of a block. One text: with the ledger's speaker prior. The
/// lines of a file: a first pass by wording alone finds each line's best match, and then the
/// speakers of those best matches are the prior for every line (see [`Prior::File`]).
fn rank_block(
    ledger: &Ledger,
    block: &[String],
    each_line: bool,
    status: Option<Status>,
    total: i64,
    lookups: &mut Lookups,
) -> anyhow::Result<Vec<Vec<Scored>>> {
    if !each_line {
        let mut scored = score(ledger, &block[0], status, lookups)?;
        matching::order(&mut scored, &Prior::Ledger(total));
        return Ok(vec![scored]);
    }
    let mut votes = SpeakerVotes::default();
    let mut first: Vec<Vec<Scored>> = Vec::with_capacity(block.len());
    for query in block {
        let mut scored = score(ledger, query, status, lookups)?;
        matching::order(&mut scored, &Prior::None);
        if let Some(best) = scored.first() {
            votes.vote(best);
        }
        first.push(scored);
    }
    for scored in &mut first {
        matching::order(scored, &Prior::File(&votes));
    }
    Ok(first)
}

/// The candidates for one text, scored by wording (none for a blank line).
fn score(
    ledger: &Ledger,
    query: &str,
    status: Option<Status>,
    lookups: &mut Lookups,
) -> anyhow::Result<Vec<Scored>> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    let normalised = matching::normalise(query);
    let words = matching::content_words(&normalised);
    let candidates = ledger.match_candidates(&words, status, matching::CANDIDATES, lookups)?;
    Ok(matching::score(query, &candidates, lookups))
}

/// The best `limit` claims of an ordered ranking, with what is printed about them; the best is
/// judged `same` or not against its text.
fn details(
    ledger: &Ledger,
    query: &str,
    mut ranked: Vec<Scored>,
    limit: usize,
) -> anyhow::Result<Vec<Printed>> {
    let found: Vec<MatchDetails> = ranked
        .iter()
        .take(limit)
        .map(|s| ledger.match_details(s.id))
        .collect::<Result<_, _>>()?;
    if let Some(top) = found.first() {
        // Free text has no stance, so only numbers, dates and negation can conflict.
        matching::decide_same(query, None, &mut ranked, &top.text, None);
    }
    Ok(ranked
        .into_iter()
        .zip(found)
        .map(|(s, d)| Printed {
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
        .collect())
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
