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
        if !is_web_address(url) {
            bail!("--evidence '{url}' is not a URL: give an http:// or https:// address");
        }
    }
    // `review 3 3` is one review of claim 3, not two.
    let mut ids = args.ids.clone();
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    let reviewer = args
        .reviewer
        .clone()
        .or_else(|| std::env::var("CLAIMLEDGER_REVIEWER").ok())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| "unknown".into());
    ledger.review(
        &ids,
        status,
        args.note.as_deref(),
        &args.evidence,
        &reviewer,
    )?;
    let ids: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    crate::say!("claim {} → {status} (by {reviewer})", ids.join(", "))?;
    super::wrote_to(&ledger);
    Ok(())
}

/// Returns true for an http(s) address with a host and no spaces or control characters.
fn is_web_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let name = host.split(':').next().unwrap_or("");
    !name.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
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
                return Ok(());
            }
            let mut table = output::table(["when", "from", "to", "reviewer", "note", "evidence"]);
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
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_must_be_a_web_address() {
        assert!(is_web_address("https://example.org/census?year=2023"));
        assert!(is_web_address("http://example.org"));
        for bad in [
            "https://",
            "http://a b c",
            "ftp://example.org",
            "https://:80/x",
            "example.org",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
