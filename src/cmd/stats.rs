//! `claimledger stats`, `speakers` and `sources`: counts for newsroom reports.

use super::output;
use crate::cli::{ListFormat, StatsArgs};
use crate::store::Ledger;
use std::io::Write;

pub fn run(ledger: &Ledger, args: StatsArgs) -> anyhow::Result<()> {
    let stats = ledger.stats(&super::where_from(&args.only)?)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let groups = [
        ("status", &stats.by_status),
        ("stance", &stats.by_stance),
        ("speaker", &stats.by_speaker),
        ("publisher", &stats.by_publisher),
        ("month", &stats.by_month),
    ];
    match args.format {
        ListFormat::Json | ListFormat::Jsonl => {
            serde_json::to_writer_pretty(&mut out, &stats)?;
            writeln!(out)?;
        }
        ListFormat::Csv => write_csv(&mut out, &stats)?,
        ListFormat::Table => {
            writeln!(
                out,
                "{} claims from {} sources by {} speakers",
                stats.claims, stats.sources, stats.speakers
            )?;
            for (group, rows) in groups {
                let mut table = output::table([group, "claims"]);
                for (value, n) in rows.iter().take(20) {
                    table.add_row(vec![value.clone(), n.to_string()]);
                }
                writeln!(out, "{table}")?;
            }
        }
    }
    Ok(())
}

/// Writes the counts as CSV (group, value, claims): `stats --format csv` and `report --format
/// csv`.
pub fn write_csv(out: &mut impl Write, stats: &crate::store::Stats) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["group", "value", "claims"])?;
    w.write_record(["total", "claims", &stats.claims.to_string()])?;
    w.write_record(["total", "sources", &stats.sources.to_string()])?;
    w.write_record(["total", "speakers", &stats.speakers.to_string()])?;
    let groups = [
        ("status", &stats.by_status),
        ("stance", &stats.by_stance),
        ("speaker", &stats.by_speaker),
        ("publisher", &stats.by_publisher),
        ("month", &stats.by_month),
    ];
    for (group, rows) in groups {
        for (value, n) in rows.iter() {
            w.write_record([
                group,
                crate::export::csv::neutralise(value).as_ref(),
                n.to_string().as_str(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

pub fn speakers(ledger: &Ledger, format: ListFormat) -> anyhow::Result<()> {
    let list = ledger.speakers()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if matches!(format, ListFormat::Json | ListFormat::Jsonl) {
        return output::print_json(&mut out, &list, format == ListFormat::Jsonl);
    }
    let rows = list
        .iter()
        .map(|s| {
            [
                s.id.to_string(),
                s.name.clone(),
                s.role.clone().unwrap_or_default(),
                s.kind.clone(),
                s.aliases.join("; "),
                s.claims.to_string(),
            ]
        })
        .collect();
    output::print_rows(
        &mut out,
        ["id", "name", "role", "kind", "aliases", "claims"],
        rows,
        format == ListFormat::Csv,
    )
}

pub fn sources(ledger: &Ledger, format: ListFormat) -> anyhow::Result<()> {
    let list = ledger.sources()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if matches!(format, ListFormat::Json | ListFormat::Jsonl) {
        return output::print_json(&mut out, &list, format == ListFormat::Jsonl);
    }
    let as_csv = format == ListFormat::Csv;
    let rows = list
        .iter()
        .map(|s| {
            let title = s.title.as_deref().unwrap_or("");
            [
                s.id.to_string(),
                // A table has to fit a terminal; a spreadsheet wants the whole title.
                if as_csv {
                    title.to_string()
                } else {
                    output::shorten(title, 60)
                },
                s.publisher.clone().unwrap_or_default(),
                s.url.clone().unwrap_or_default(),
                s.published.clone().unwrap_or_default(),
                s.language.clone().unwrap_or_default(),
                s.claims.to_string(),
            ]
        })
        .collect();
    output::print_rows(
        &mut out,
        [
            "id",
            "title",
            "publisher",
            "url",
            "published",
            "language",
            "claims",
        ],
        rows,
        as_csv,
    )
}
