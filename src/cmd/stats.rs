//! `claimledger stats`, `speakers` and `sources`: counts for newsroom reports.

use super::output;
use crate::cli::{FormatArgs, ListFormat, StatsArgs};
use crate::store::Ledger;
use std::io::Write;

pub fn run(ledger: &Ledger, args: StatsArgs) -> anyhow::Result<()> {
    let stats = ledger.stats()?;
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
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["group", "value", "claims"])?;
            w.write_record(["total", "claims", &stats.claims.to_string()])?;
            w.write_record(["total", "sources", &stats.sources.to_string()])?;
            w.write_record(["total", "speakers", &stats.speakers.to_string()])?;
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
        }
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

pub fn speakers(ledger: &Ledger, args: FormatArgs) -> anyhow::Result<()> {
    let list = ledger.speakers()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ListFormat::Table => {
            let mut table = output::table(["id", "name", "role", "kind", "aliases", "claims"]);
            for s in &list {
                table.add_row(vec![
                    s.id.to_string(),
                    s.name.clone(),
                    s.role.clone().unwrap_or_default(),
                    s.kind.clone(),
                    s.aliases.join("; "),
                    s.claims.to_string(),
                ]);
            }
            writeln!(out, "{table}")?;
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["id", "name", "role", "kind", "aliases", "claims"])?;
            for s in &list {
                let cells = [
                    s.id.to_string(),
                    s.name.clone(),
                    s.role.clone().unwrap_or_default(),
                    s.kind.clone(),
                    s.aliases.join("; "),
                    s.claims.to_string(),
                ];
                w.write_record(
                    cells
                        .iter()
                        .map(|c| crate::export::csv::neutralise(c).into_owned()),
                )?;
            }
            w.flush()?;
        }
        ListFormat::Json | ListFormat::Jsonl => {
            output::print_json(&mut out, &list, args.format == ListFormat::Jsonl)?
        }
    }
    Ok(())
}

pub fn sources(ledger: &Ledger, args: FormatArgs) -> anyhow::Result<()> {
    let list = ledger.sources()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ListFormat::Table | ListFormat::Csv => {
            let mut table = output::table([
                "id",
                "title",
                "publisher",
                "published",
                "language",
                "claims",
            ]);
            for s in &list {
                table.add_row(vec![
                    s.id.to_string(),
                    output::shorten(s.title.as_deref().unwrap_or(""), 60),
                    s.publisher.clone().unwrap_or_default(),
                    s.published.clone().unwrap_or_default(),
                    s.language.clone().unwrap_or_default(),
                    s.claims.to_string(),
                ]);
            }
            writeln!(out, "{table}")?;
        }
        ListFormat::Json | ListFormat::Jsonl => {
            output::print_json(&mut out, &list, args.format == ListFormat::Jsonl)?
        }
    }
    Ok(())
}
