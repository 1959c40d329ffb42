//! Printing claim records as a table (for people) or CSV/JSON/JSON lines (for scripts).

use crate::claim::ClaimRecord;
use crate::cli::ListFormat;
use crate::export::csv::CsvWriter;
use std::io::Write;

/// Prints records in the chosen format.
pub fn print_records(
    out: &mut impl Write,
    records: &[ClaimRecord],
    format: ListFormat,
) -> anyhow::Result<()> {
    match format {
        ListFormat::Table => {
            let mut table = table([
                "id", "status", "speakers", "stance", "score", "seen", "claim", "source",
            ]);
            for r in records {
                table.add_row(vec![
                    r.id.to_string(),
                    r.status.to_string(),
                    r.speakers.join("; "),
                    r.stance.to_string(),
                    format!("{:.2}", r.checkworthiness),
                    seen(r),
                    shorten(&r.text, 90),
                    r.source_title
                        .as_deref()
                        .map(|t| shorten(t, 30))
                        .unwrap_or_default(),
                ]);
            }
            writeln!(out, "{table}")?;
            writeln!(out, "{} claim(s)", records.len())?;
        }
        ListFormat::Csv => {
            let mut w = CsvWriter::new(&mut *out, false)?;
            for r in records {
                w.write(r)?;
            }
            w.finish()?;
        }
        ListFormat::Json | ListFormat::Jsonl => {
            print_json(out, records, format == ListFormat::Jsonl)?
        }
    }
    Ok(())
}

/// Prints a list as one pretty JSON array or as JSON lines.
pub fn print_json<T: serde::Serialize>(
    out: &mut impl Write,
    items: &[T],
    lines: bool,
) -> anyhow::Result<()> {
    if lines {
        for item in items {
            serde_json::to_writer(&mut *out, item)?;
            writeln!(out)?;
        }
    } else {
        serde_json::to_writer_pretty(&mut *out, items)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Prints rows of cells under a header: a table for people, or CSV (formula cells
/// neutralised) for spreadsheets.
pub fn print_rows<const N: usize>(
    out: &mut impl Write,
    header: [&str; N],
    rows: Vec<[String; N]>,
    as_csv: bool,
) -> anyhow::Result<()> {
    if as_csv {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(header)?;
        for row in &rows {
            w.write_record(
                row.iter()
                    .map(|c| crate::export::csv::neutralise(c).into_owned()),
            )?;
        }
        w.flush()?;
    } else {
        let mut grid = table(header);
        for row in rows {
            grid.add_row(row.to_vec());
        }
        writeln!(out, "{grid}")?;
    }
    Ok(())
}

/// A table with a header, fitted to the terminal.
pub fn table<const N: usize>(header: [&str; N]) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    table.set_header(header.to_vec());
    table
}

/// Cuts a text to `max` characters with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// "1× 2024-05-01", or "3× 2024-05-01…2024-05-09": how often and when a claim was seen.
pub fn seen(r: &ClaimRecord) -> String {
    let first = r.first_seen.as_deref().unwrap_or("");
    let last = r.last_seen.as_deref().unwrap_or("");
    if first == last {
        format!("{}× {first}", r.appearances)
    } else {
        format!("{}× {first}…{last}", r.appearances)
    }
}
