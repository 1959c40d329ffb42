//! CSV export and import of ledger claims: one claim per row, RFC 4180 quoting, UTF-8, and
//! cells a spreadsheet would run as a formula neutralised by default.

use crate::claim::ClaimRecord;
use crate::store::LIST_SEPARATOR;
use std::io::{Read, Write};

/// The CSV columns, in order. Documented in the README.
pub const COLUMNS: [&str; 19] = [
    "id",
    "status",
    "text",
    "speakers",
    "roles",
    "speaker_kinds",
    "cue",
    "mode",
    "stance",
    "checkworthiness",
    "source_title",
    "publisher",
    "url",
    "published",
    "language",
    "last_review_note",
    "reviewer",
    "reviewed_at",
    "created_at",
];

/// Writes claims as CSV rows.
pub struct CsvWriter<W: Write> {
    inner: ::csv::Writer<W>,
    raw: bool,
}

impl<W: Write> CsvWriter<W> {
    /// Starts a CSV with its header row. `raw` turns off formula neutralisation.
    pub fn new(out: W, raw: bool) -> std::io::Result<Self> {
        let mut inner = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out);
        inner.write_record(COLUMNS).map_err(std::io::Error::other)?;
        Ok(CsvWriter { inner, raw })
    }

    /// Writes one claim, borrowing its text rather than copying it (exports are large).
    pub fn write(&mut self, r: &ClaimRecord) -> std::io::Result<()> {
        fn opt(o: &Option<String>) -> &str {
            o.as_deref().unwrap_or("")
        }
        let id = r.id.to_string();
        let checkworthiness = r.checkworthiness.to_string();
        let cells: [std::borrow::Cow<'_, str>; 19] = [
            id.as_str().into(),
            r.status.as_str().into(),
            r.text.as_str().into(),
            r.speakers.join(LIST_SEPARATOR).into(),
            r.roles.join(LIST_SEPARATOR).into(),
            r.kinds.join(LIST_SEPARATOR).into(),
            opt(&r.cue).into(),
            r.mode.as_str().into(),
            r.stance.as_str().into(),
            checkworthiness.as_str().into(),
            opt(&r.source_title).into(),
            opt(&r.publisher).into(),
            opt(&r.url).into(),
            opt(&r.published).into(),
            opt(&r.language).into(),
            opt(&r.last_review_note).into(),
            opt(&r.reviewer).into(),
            opt(&r.reviewed_at).into(),
            r.created_at.as_str().into(),
        ];
        for cell in &cells {
            let cell = if self.raw {
                cell.as_ref().into()
            } else {
                neutralise(cell)
            };
            self.inner
                .write_field(cell.as_bytes())
                .map_err(std::io::Error::other)?;
        }
        self.inner
            .write_record(None::<&[u8]>)
            .map_err(std::io::Error::other)
    }

    /// Flushes the output.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Prefixes a cell that a spreadsheet would evaluate (`= + - @`, tab, CR) with an apostrophe.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Undoes [`neutralise`] on import.
fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// A problem in an imported CSV, with where it is.
#[derive(Debug, thiserror::Error)]
#[error("line {line}, column {column}: {problem}")]
pub struct CsvProblem {
    pub line: u64,
    pub column: String,
    pub problem: String,
}

/// Reads and validates every row of an exported CSV; the first problem stops it.
pub fn read_records(input: impl Read) -> Result<Vec<ClaimRecord>, CsvProblem> {
    let mut reader = ::csv::ReaderBuilder::new().from_reader(input);
    let problem = |line: u64, column: &str, problem: String| CsvProblem {
        line,
        column: column.to_string(),
        problem,
    };
    let headers = reader
        .headers()
        .map_err(|e| problem(1, "-", format!("cannot read the header row: {e}")))?
        .clone();
    let mut index = std::collections::HashMap::new();
    for col in COLUMNS {
        match headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == col)
        {
            Some(i) => {
                index.insert(col, i);
            }
            None => {
                return Err(problem(
                    1,
                    col,
                    "the column is missing: export with 'claimledger export --format csv'".into(),
                ));
            }
        }
    }
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            problem(line, "-", format!("not valid CSV: {e}"))
        })?;
        let line = row.position().map_or(0, |p| p.line());
        let get = |c: &str| restore(row.get(index[c]).unwrap_or("")).to_string();
        let opt = |c: &str| Some(get(c)).filter(|s| !s.is_empty());
        let parse = |c: &str| -> Result<String, CsvProblem> { Ok(get(c)) };
        let id = get("id").parse::<i64>().map_err(|_| {
            problem(
                line,
                "id",
                format!("'{}' is not a claim id (a whole number)", get("id")),
            )
        })?;
        let status = parse("status")?
            .parse()
            .map_err(|e: crate::claim::UnknownName| problem(line, "status", e.to_string()))?;
        let mode = parse("mode")?
            .parse()
            .map_err(|e: crate::claim::UnknownName| problem(line, "mode", e.to_string()))?;
        let stance = parse("stance")?
            .parse()
            .map_err(|e: crate::claim::UnknownName| problem(line, "stance", e.to_string()))?;
        let score: f64 = get("checkworthiness")
            .parse()
            .ok()
            .filter(|x: &f64| (0.0..=1.0).contains(x))
            .ok_or_else(|| {
                problem(
                    line,
                    "checkworthiness",
                    format!("'{}' is not a number from 0 to 1", get("checkworthiness")),
                )
            })?;
        let text = get("text");
        if text.trim().is_empty() {
            return Err(problem(line, "text", "the claim text is empty".into()));
        }
        if let Some(d) = opt("published")
            && chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").is_err()
        {
            return Err(problem(
                line,
                "published",
                format!("'{d}' is not a date (YYYY-MM-DD)"),
            ));
        }
        let created = get("created_at");
        if chrono::DateTime::parse_from_rfc3339(&created).is_err() {
            return Err(problem(
                line,
                "created_at",
                format!("'{created}' is not an ISO 8601 time"),
            ));
        }
        let list = |c: &str| -> Vec<String> {
            let v = get(c);
            if v.is_empty() {
                Vec::new()
            } else {
                v.split(LIST_SEPARATOR).map(str::to_string).collect()
            }
        };
        out.push(ClaimRecord {
            id,
            status,
            text,
            speakers: list("speakers"),
            roles: list("roles"),
            kinds: list("speaker_kinds"),
            cue: opt("cue"),
            mode,
            stance,
            checkworthiness: score,
            source_title: opt("source_title"),
            publisher: opt("publisher"),
            url: opt("url"),
            published: opt("published"),
            language: opt("language"),
            last_review_note: opt("last_review_note"),
            reviewer: opt("reviewer"),
            reviewed_at: opt("reviewed_at"),
            created_at: created,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("-5 percent"), "'-5 percent");
        assert_eq!(neutralise("plain"), "plain");
        assert_eq!(restore("'=1+1"), "=1+1");
        assert_eq!(restore("'quoted"), "'quoted");
    }
}
