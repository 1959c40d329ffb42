//! CSV export and import of ledger claims: one claim per row, RFC 4180 quoting, UTF-8, and
//! cells a spreadsheet would run as a formula neutralised by default.

use crate::claim::{AppearanceRecord, ClaimRecord, ImportRow};
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

/// The columns `export --appearances` adds after [`COLUMNS`]: one row per appearance, the claim's
/// columns repeated. Documented in the README.
pub const APPEARANCE_COLUMNS: [&str; 14] = [
    "appearance",
    "appearance_text",
    "appearance_speakers",
    "appearance_roles",
    "appearance_kinds",
    "appearance_cue",
    "appearance_mode",
    "appearance_stance",
    "appearance_source_title",
    "appearance_publisher",
    "appearance_url",
    "appearance_published",
    "appearance_language",
    "appearance_created_at",
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

    /// Starts a CSV of appearances (`export --appearances`) with its header row.
    pub fn with_appearances(out: W, raw: bool) -> std::io::Result<Self> {
        let mut inner = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out);
        inner
            .write_record(COLUMNS.iter().chain(APPEARANCE_COLUMNS.iter()))
            .map_err(std::io::Error::other)?;
        Ok(CsvWriter { inner, raw })
    }

    /// Writes one appearance of a claim: the claim's columns, then the appearance's.
    pub fn write_appearance(
        &mut self,
        r: &ClaimRecord,
        a: &AppearanceRecord,
    ) -> std::io::Result<()> {
        self.fields(r)?;
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let cells: [String; 14] = [
            a.id.to_string(),
            a.text.clone(),
            a.speakers.join(LIST_SEPARATOR),
            a.roles.join(LIST_SEPARATOR),
            a.kinds.join(LIST_SEPARATOR),
            opt(&a.cue),
            a.mode.to_string(),
            a.stance.to_string(),
            opt(&a.source_title),
            opt(&a.publisher),
            opt(&a.url),
            opt(&a.published),
            opt(&a.language),
            a.created_at.clone(),
        ];
        for cell in &cells {
            self.field(cell)?;
        }
        self.inner
            .write_record(None::<&[u8]>)
            .map_err(std::io::Error::other)
    }

    fn field(&mut self, cell: &str) -> std::io::Result<()> {
        let cell = if self.raw {
            cell.into()
        } else {
            neutralise(cell)
        };
        self.inner
            .write_field(cell.as_bytes())
            .map_err(std::io::Error::other)
    }

    /// Writes one claim, borrowing its text rather than copying it (exports are large).
    pub fn write(&mut self, r: &ClaimRecord) -> std::io::Result<()> {
        self.fields(r)?;
        self.inner
            .write_record(None::<&[u8]>)
            .map_err(std::io::Error::other)
    }

    /// Writes the claim's cells of a row.
    fn fields(&mut self, r: &ClaimRecord) -> std::io::Result<()> {
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
            self.field(cell)?;
        }
        Ok(())
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
pub fn read_records(input: impl Read) -> Result<Vec<ImportRow>, CsvProblem> {
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
    let with_appearances = headers.iter().any(|h| h == APPEARANCE_COLUMNS[0]);
    if with_appearances {
        for col in APPEARANCE_COLUMNS {
            match headers.iter().position(|h| h == col) {
                Some(i) => {
                    index.insert(col, i);
                }
                None => {
                    return Err(problem(
                        1,
                        col,
                        "the column is missing: export with 'claimledger export --appearances'"
                            .into(),
                    ));
                }
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
        let appearance = if with_appearances {
            Some(read_appearance(id, line, &get, &problem)?)
        } else {
            None
        };
        let record = ClaimRecord {
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
            appearances: 1,
            first_seen: None,
            last_seen: None,
            merged_into: None,
            review_url: None,
        };
        out.push((record, appearance));
    }
    Ok(out)
}

/// Reads the appearance columns of a row of `export --appearances`.
fn read_appearance(
    claim_id: i64,
    line: u64,
    get: &dyn Fn(&str) -> String,
    problem: &dyn Fn(u64, &str, String) -> CsvProblem,
) -> Result<AppearanceRecord, CsvProblem> {
    let opt = |c: &str| Some(get(c)).filter(|s| !s.is_empty());
    let list = |c: &str| -> Vec<String> {
        let v = get(c);
        if v.is_empty() {
            Vec::new()
        } else {
            v.split(LIST_SEPARATOR).map(str::to_string).collect()
        }
    };
    let id = get("appearance").parse::<i64>().map_err(|_| {
        problem(
            line,
            "appearance",
            format!("'{}' is not an appearance id", get("appearance")),
        )
    })?;
    let named = |c: &str| -> Result<String, CsvProblem> {
        let v = get(c);
        if v.is_empty() {
            Err(problem(line, c, "the cell is empty".into()))
        } else {
            Ok(v)
        }
    };
    let mode = named("appearance_mode")?
        .parse()
        .map_err(|e: crate::claim::UnknownName| problem(line, "appearance_mode", e.to_string()))?;
    let stance = named("appearance_stance")?
        .parse()
        .map_err(|e: crate::claim::UnknownName| {
            problem(line, "appearance_stance", e.to_string())
        })?;
    let created = get("appearance_created_at");
    if chrono::DateTime::parse_from_rfc3339(&created).is_err() {
        return Err(problem(
            line,
            "appearance_created_at",
            format!("'{created}' is not an ISO 8601 time"),
        ));
    }
    let published = opt("appearance_published");
    Ok(AppearanceRecord {
        id,
        claim_id,
        text: named("appearance_text")?,
        sentence: String::new(),
        speakers: list("appearance_speakers"),
        roles: list("appearance_roles"),
        kinds: list("appearance_kinds"),
        cue: opt("appearance_cue"),
        mode,
        stance,
        source_id: None,
        source_title: opt("appearance_source_title"),
        publisher: opt("appearance_publisher"),
        url: opt("appearance_url"),
        seen: published
            .clone()
            .unwrap_or_else(|| created.get(..10).unwrap_or("").to_string()),
        published,
        language: opt("appearance_language"),
        created_at: created,
    })
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
