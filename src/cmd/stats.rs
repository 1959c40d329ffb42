//! `claimledger stats`, `speakers` and `sources`: counts for newsroom reports.

use super::output;
use crate::cli::{ListFormat, StatsArgs};
use crate::store::Ledger;
use std::io::Write;

/// Which model scores the ledger's claims: its own newest one, or the built-in one.
#[derive(Debug, serde::Serialize)]
struct Scorer {
    model: String,
    trained_at: String,
    /// Triaged claims a ledger model learnt from (0 for the built-in one).
    triaged: i64,
}

fn scorer(ledger: &Ledger) -> anyhow::Result<Scorer> {
    Ok(match ledger.latest_model()? {
        Some(m) => Scorer {
            model: "ledger".into(),
            trained_at: m.trained_at,
            triaged: m.labelled,
        },
        None => Scorer {
            model: "built-in".into(),
            trained_at: crate::checkworthy::embedded().info.trained_at.clone(),
            triaged: 0,
        },
    })
}

pub fn run(ledger: &Ledger, args: StatsArgs) -> anyhow::Result<()> {
    let stats = ledger.stats(&super::where_from(&args.only)?)?;
    let scorer = scorer(ledger)?;
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
            let mut json = serde_json::to_value(&stats)?;
            json["checkworthiness"] = serde_json::to_value(&scorer)?;
            if args.format == ListFormat::Jsonl {
                serde_json::to_writer(&mut out, &json)?;
            } else {
                serde_json::to_writer_pretty(&mut out, &json)?;
            }
            writeln!(out)?;
        }
        ListFormat::Csv => write_csv(&mut out, ledger, &stats)?,
        ListFormat::Table => {
            writeln!(
                out,
                "{} claims from {} sources by {} speakers",
                stats.claims, stats.sources, stats.speakers
            )?;
            let triaged = if scorer.triaged > 0 {
                format!(", on {} triaged claims", scorer.triaged)
            } else {
                String::new()
            };
            writeln!(
                out,
                "check-worthiness scored by the {} model (trained {}{triaged})",
                scorer.model, scorer.trained_at
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
pub fn write_csv(
    out: &mut impl Write,
    ledger: &Ledger,
    stats: &crate::store::Stats,
) -> anyhow::Result<()> {
    let scorer = scorer(ledger)?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["group", "value", "claims"])?;
    w.write_record(["total", "claims", &stats.claims.to_string()])?;
    w.write_record(["total", "sources", &stats.sources.to_string()])?;
    w.write_record(["total", "speakers", &stats.speakers.to_string()])?;
    let model = format!("{} model, trained {}", scorer.model, scorer.trained_at);
    w.write_record(["scored by", &model, &scorer.triaged.to_string()])?;
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
                s.source.map(|id| id.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    // `source` is the article a generic speaker ("officials") belongs to; empty when shared.
    output::print_rows(
        &mut out,
        ["id", "name", "role", "kind", "aliases", "claims", "source"],
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
