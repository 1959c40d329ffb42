//! `claimledger search`: ranked full-text search with the matching words marked.

use super::output;
use crate::cli::{ListFormat, SearchArgs};
use crate::store::Ledger;
use anyhow::bail;
use std::io::Write;

pub fn run(ledger: &Ledger, args: SearchArgs) -> anyhow::Result<()> {
    let query = if args.fts {
        Some(args.query.clone()).filter(|q| !q.trim().is_empty())
    } else {
        ledger.search_query(&args.query)?
    };
    let Some(query) = query else {
        bail!("the search query has no words: give one or more words to find");
    };
    let filter = super::where_from(&args.only)?;
    // The table and the CSV do not show how often and when a claim was seen.
    let found = if matches!(args.format, ListFormat::Table | ListFormat::Csv) {
        ledger.search_unseen(&query, &filter, args.limit)?
    } else {
        ledger.search(&query, &filter, args.limit)?
    };
    // Said on stderr, so that the output stays the same format.
    if let Some(note) = found.bound_note() {
        eprintln!("claimledger: {note}");
    }
    let hits = found.hits;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ListFormat::Table => {
            let mut table = output::table(["id", "status", "speakers", "claim"]);
            for h in &hits {
                table.add_row(vec![
                    h.record.id.to_string(),
                    h.record.status.to_string(),
                    h.record.speakers.join("; "),
                    output::shorten(&h.highlighted, 110),
                ]);
            }
            writeln!(out, "{table}")?;
            writeln!(out, "{} hit(s)", hits.len())?;
        }
        ListFormat::Json | ListFormat::Jsonl => {
            output::print_json(&mut out, &hits, args.format == ListFormat::Jsonl)?
        }
        ListFormat::Csv => {
            let records: Vec<_> = hits.into_iter().map(|h| h.record).collect();
            output::print_records(&mut out, &records, ListFormat::Csv)?;
        }
    }
    Ok(())
}
