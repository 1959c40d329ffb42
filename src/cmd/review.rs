//! `claimledger review` and `claimledger history`: the audit trail.

use super::output;
use crate::claim::Status;
use crate::cli::{IdArgs, ListFormat, ReviewArgs};
use crate::store::Ledger;
use crate::store::StoreError;
use anyhow::bail;
use std::io::Write;

pub fn run(mut ledger: Ledger, args: ReviewArgs) -> anyhow::Result<()> {
    let status: Status = args.status.parse()?;
    for url in &args.evidence {
        if !is_web_address(url) {
            bail!("--evidence '{url}' is not a URL: give an http:// or https:// address");
        }
    }
    if let Some(url) = &args.url
        && !is_web_address(url)
    {
        bail!("--url '{url}' is not a URL: give the http:// or https:// address of the fact-check");
    }
    // `review 3 3` is one review of claim 3, not two.
    let mut ids = args.ids.clone();
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    let reviewer = super::person(args.reviewer.as_deref());
    ledger.review_published(
        &ids,
        status,
        args.note.as_deref(),
        &args.evidence,
        &reviewer,
        args.url.as_deref(),
    )?;
    let ids: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    crate::say!("claim {} → {status} (by {reviewer})", ids.join(", "))?;
    super::wrote_to(&ledger);
    Ok(())
}

pub use crate::claim::is_web_address;

/// One entry of a claim's history: a review or a correction, in the order they happened.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Entry {
    Review(crate::claim::Review),
    Correction(crate::claim::Correction),
    /// A merge, split or undone merge.
    Event(crate::store::TrailEvent),
}

impl Entry {
    fn when(&self) -> &str {
        match self {
            Entry::Review(r) => &r.reviewed_at,
            Entry::Correction(c) => &c.corrected_at,
            Entry::Event(e) => &e.at,
        }
    }
}

/// Prints the reviews and corrections of a claim, also of one that was deleted.
pub fn history(ledger: &Ledger, args: IdArgs) -> anyhow::Result<()> {
    let reviews = match ledger.history(args.id) {
        Ok(reviews) => reviews,
        // A deleted claim has no reviews left, but its corrections say what it was.
        Err(StoreError::UnknownClaim(_)) if !ledger.corrections(args.id)?.is_empty() => Vec::new(),
        Err(e) => return Err(e.into()),
    };
    let mut trail: Vec<Entry> = reviews.into_iter().map(Entry::Review).collect();
    trail.extend(
        ledger
            .corrections(args.id)?
            .into_iter()
            .map(Entry::Correction),
    );
    trail.extend(ledger.events(args.id)?.into_iter().map(Entry::Event));
    // Stable: at the same second a review stays before a correction.
    trail.sort_by(|a, b| a.when().cmp(b.when()));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ListFormat::Json | ListFormat::Jsonl => {
            output::print_json(&mut out, &trail, args.format == ListFormat::Jsonl)?
        }
        ListFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(HEADER)?;
            for entry in trail {
                // As in the CSV export: a cell a spreadsheet would run as a formula is not.
                let cells = row(entry);
                csv.write_record(
                    cells
                        .iter()
                        .map(|c| crate::export::csv::neutralise(c).into_owned()),
                )?;
            }
            csv.flush()?;
        }
        ListFormat::Table => {
            if trail.is_empty() {
                writeln!(out, "claim {} has no reviews yet (unverified)", args.id)?;
                return Ok(());
            }
            let mut table = output::table(HEADER);
            for entry in trail {
                table.add_row(row(entry));
            }
            writeln!(out, "{table}")?;
        }
    }
    Ok(())
}

/// The columns of the history as a table or CSV.
const HEADER: [&str; 6] = ["when", "from", "to", "by", "note", "evidence"];

/// An entry of the trail as a row of the history table.
fn row(entry: Entry) -> Vec<String> {
    match entry {
        Entry::Review(r) => vec![
            r.reviewed_at,
            r.from.to_string(),
            r.to.to_string(),
            r.reviewer,
            r.note.unwrap_or_default(),
            r.evidence.join(" "),
        ],
        Entry::Correction(c) => correction_row(c),
        Entry::Event(e) => event_row(e),
    }
}

/// A merge, split or undone merge as a row of the history table: what happened with which
/// other claim.
fn event_row(e: crate::store::TrailEvent) -> Vec<String> {
    vec![
        e.at,
        e.kind,
        e.other_id.map(|o| format!("claim {o}")).unwrap_or_default(),
        e.actor,
        e.note.unwrap_or_default(),
        String::new(),
    ]
}

/// A correction as a row of the history table: old and new value, and what was done why.
fn correction_row(c: crate::claim::Correction) -> Vec<String> {
    let what = match &c.field {
        Some(field) => format!("{} {} {}: {field}", c.action, c.target, c.target_id),
        None => format!("{} {} {}", c.action, c.target, c.target_id),
    };
    let note = match &c.reason {
        Some(reason) => format!("{what} ({reason})"),
        None => what,
    };
    let old = if c.action == "delete" {
        "(the claim, see --format json)".to_string()
    } else {
        output::shorten(c.old_value.as_deref().unwrap_or(""), 40)
    };
    vec![
        c.corrected_at,
        old,
        output::shorten(c.new_value.as_deref().unwrap_or(""), 40),
        c.corrector,
        note,
        String::new(),
    ]
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
