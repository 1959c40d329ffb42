//! `claimledger review` and `claimledger history`: the audit trail.

use super::output;
use crate::claim::Status;
use crate::cli::{IdArgs, ListFormat, ReviewArgs};
use crate::store::Ledger;
use anyhow::bail;
use std::io::Write;

pub fn run(mut ledger: Ledger, args: ReviewArgs) -> anyhow::Result<()> {
    let status: Status = args.status.parse()?;
    for url in &args.evidence {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            bail!("--evidence '{url}' is not a URL: give an http:// or https:// address");
        }
    }
    let reviewer = args
        .reviewer
        .clone()
        .or_else(|| std::env::var("CLAIMLEDGER_REVIEWER").ok())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| "unknown".into());
    if let Some(url) = &args.url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        bail!("--url '{url}' is not a URL: give the http:// or https:// address of the fact-check");
    }
    ledger.review_published(
        &args.ids,
        status,
        args.note.as_deref(),
        &args.evidence,
        &reviewer,
        args.url.as_deref(),
    )?;
    let ids: Vec<String> = args.ids.iter().map(|i| i.to_string()).collect();
    println!("claim {} → {status} (by {reviewer})", ids.join(", "));
    Ok(())
}

pub fn history(ledger: &Ledger, args: IdArgs) -> anyhow::Result<()> {
    let trail = ledger.history(args.id)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ListFormat::Json | ListFormat::Jsonl => {
            output::print_json(&mut out, &trail, args.format == ListFormat::Jsonl)?
        }
        ListFormat::Table | ListFormat::Csv => {
            if trail.is_empty() {
                writeln!(out, "claim {} has no reviews yet (unverified)", args.id)?;
            } else {
                let mut table =
                    output::table(["when", "from", "to", "reviewer", "note", "evidence"]);
                for r in trail {
                    table.add_row(vec![
                        r.reviewed_at,
                        r.from.to_string(),
                        r.to.to_string(),
                        r.reviewer,
                        r.note.unwrap_or_default(),
                        r.evidence.join(" "),
                    ]);
                }
                writeln!(out, "{table}")?;
            }
            let events = ledger.events(args.id)?;
            if !events.is_empty() {
                let mut table = output::table(["when", "what", "by", "note"]);
                for e in events {
                    table.add_row(vec![e.at, e.kind, e.actor, e.note.unwrap_or_default()]);
                }
                writeln!(out, "{table}")?;
            }
        }
    }
    Ok(())
}
