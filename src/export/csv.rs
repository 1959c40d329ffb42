//! CSV export and import of ledger claims: one claim per row, RFC 4180 quoting, UTF-8, and
//! cells a spreadsheet would run as a formula neutralised by default.

use crate::claim::ClaimRecord;
use crate::claim::{join_list, split_list};
use std::io::Write;

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
    excel: bool,
}

impl<W: Write> CsvWriter<W> {
    /// Starts a CSV with its header row. `raw` turns off formula neutralisation.
    pub fn new(out: W, raw: bool) -> std::io::Result<Self> {
        Self::with_dialect(out, raw, false)
    }

    /// Starts a CSV for German Excel when `excel` is set: a UTF-8 byte-order mark, `;` between
    /// fields and a decimal comma, which is what it opens without an import dialog.
    pub fn with_dialect(mut out: W, raw: bool, excel: bool) -> std::io::Result<Self> {
        if excel {
            out.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut inner = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .delimiter(if excel { b';' } else { b',' })
            .from_writer(out);
        inner.write_record(COLUMNS).map_err(std::io::Error::other)?;
        Ok(CsvWriter { inner, raw, excel })
    }

    /// Writes one claim, borrowing its text rather than copying it (exports are large).
    pub fn write(&mut self, r: &ClaimRecord) -> std::io::Result<()> {
        fn opt(o: &Option<String>) -> &str {
            o.as_deref().unwrap_or("")
        }
        let id = r.id.to_string();
        let mut checkworthiness = r.checkworthiness.to_string();
        if self.excel {
            checkworthiness = checkworthiness.replace('.', ",");
        }
        let cells: [std::borrow::Cow<'_, str>; 19] = [
            id.as_str().into(),
            r.status.as_str().into(),
            r.text.as_str().into(),
            join_list(&r.speakers).into(),
            join_list(&r.roles).into(),
            join_list(&r.kinds).into(),
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

/// The first characters that make a spreadsheet evaluate a cell.
const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Returns true for a cell that [`neutralise`] prefixes: one a spreadsheet would evaluate, or
/// one that already looks neutralised (`'=x`), so that import can tell the two apart.
fn needs_prefix(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA)
}

/// Prefixes a cell that a spreadsheet would evaluate (`= + - @`, tab, CR) with an apostrophe.
/// A cell that starts with apostrophes before such a character gets one more, so that
/// `'=already quoted` comes back from import as it was.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_prefix(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Undoes [`neutralise`] on import.
fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_prefix(rest) => rest,
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

/// Ids an import accepts: positive and far from the end of SQLite's range, so the ledger can
/// still number new claims after them.
pub const MAX_ID: i64 = 999_999_999_999_999;

/// The field separator of a CSV: the most frequent of `,` `;` and tab in its header row (a
/// German spreadsheet saves with `;`).
fn separator(text: &[u8]) -> u8 {
    let header = text.split(|&b| b == b'\n').next().unwrap_or(b"");
    let count = |c: u8| header.iter().filter(|&&b| b == c).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&c| (count(c), c == b','))
        .unwrap_or(b',')
}

/// Reads and validates every row of an exported CSV (`,` or `;` separated, with or without a
/// UTF-8 byte-order mark); the first problem stops it.
pub fn read_records(input: &[u8]) -> Result<Vec<ClaimRecord>, CsvProblem> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(separator(input))
        .from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| problem(1, "-", format!("cannot read the header row: {e}")))?
        .clone();
    let mut index = std::collections::HashMap::new();
    for col in COLUMNS {
        match headers.iter().position(|h| h.trim() == col) {
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
    let mut lines = std::collections::HashMap::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            problem(line, "-", format!("not valid CSV: {e}"))
        })?;
        let line = row.position().map_or(0, |p| p.line());
        let record = read_row(&row, &index, line)?;
        if let Some(first) = lines.insert(record.id, line) {
            return Err(problem(
                line,
                "id",
                format!(
                    "claim {} is already on line {first}: drop one of the rows",
                    record.id
                ),
            ));
        }
        out.push(record);
    }
    Ok(out)
}

fn problem(line: u64, column: &str, problem: String) -> CsvProblem {
    CsvProblem {
        line,
        column: column.to_string(),
        problem,
    }
}

/// Reads one row into a record, then checks what the ledger would refuse or get wrong.
fn read_row(
    row: &::csv::StringRecord,
    index: &std::collections::HashMap<&str, usize>,
    line: u64,
) -> Result<ClaimRecord, CsvProblem> {
    let get = |c: &str| restore(row.get(index[c]).unwrap_or("")).to_string();
    let opt = |c: &str| Some(get(c)).filter(|s| !s.is_empty());
    let named = |c: &'static str| NamedCell {
        line,
        column: c,
        value: get(c),
    };
    let id = get("id")
        .parse::<i64>()
        .ok()
        .filter(|id| (1..=MAX_ID).contains(id))
        .ok_or_else(|| {
            let why = format!(
                "'{}' is not a claim id (a whole number from 1 to {MAX_ID})",
                get("id")
            );
            problem(line, "id", why)
        })?;
    // German spreadsheets write a decimal comma.
    let checkworthiness: f64 = get("checkworthiness")
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|x: &f64| (0.0..=1.0).contains(x))
        .ok_or_else(|| {
            let why = format!("'{}' is not a number from 0 to 1", get("checkworthiness"));
            problem(line, "checkworthiness", why)
        })?;
    let record = ClaimRecord {
        id,
        status: named("status").parse()?,
        text: get("text"),
        speakers: split_list(&get("speakers")),
        roles: split_list(&get("roles")),
        kinds: split_list(&get("speaker_kinds")),
        cue: opt("cue"),
        mode: named("mode").parse()?,
        stance: named("stance").parse()?,
        checkworthiness,
        source_title: opt("source_title"),
        publisher: opt("publisher"),
        url: opt("url"),
        published: opt("published"),
        language: opt("language"),
        last_review_note: opt("last_review_note"),
        reviewer: opt("reviewer"),
        reviewed_at: opt("reviewed_at"),
        created_at: get("created_at"),
    };
    check_record(&record, line)?;
    Ok(record)
}

/// A cell holding one of the names of an enum (status, mode, stance).
struct NamedCell {
    line: u64,
    column: &'static str,
    value: String,
}

impl NamedCell {
    fn parse<T: std::str::FromStr<Err = crate::claim::UnknownName>>(self) -> Result<T, CsvProblem> {
        self.value
            .parse()
            .map_err(|e: crate::claim::UnknownName| problem(self.line, self.column, e.to_string()))
    }
}

/// Refuses an empty text, bad dates and times, a verdict without a note and speaker kinds that
/// do not fit the speakers.
fn check_record(r: &ClaimRecord, line: u64) -> Result<(), CsvProblem> {
    if r.text.trim().is_empty() {
        return Err(problem(line, "text", "the claim text is empty".into()));
    }
    if let Some(d) = &r.published
        && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err()
    {
        let why = format!("'{d}' is not a date (YYYY-MM-DD)");
        return Err(problem(line, "published", why));
    }
    let times = [
        ("created_at", Some(&r.created_at)),
        ("reviewed_at", r.reviewed_at.as_ref()),
    ];
    for (column, time) in times {
        if let Some(time) = time
            && chrono::DateTime::parse_from_rfc3339(time).is_err()
        {
            let why = format!("'{time}' is not an ISO 8601 time (2024-05-01T12:00:00Z)");
            return Err(problem(line, column, why));
        }
    }
    if r.status.needs_note()
        && r.last_review_note
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
    {
        let why = format!(
            "the verdict {} has no note: every verdict needs one",
            r.status
        );
        return Err(problem(line, "last_review_note", why));
    }
    for kind in &r.kinds {
        kind.parse::<crate::claim::SpeakerKind>()
            .map_err(|e| problem(line, "speaker_kinds", e.to_string()))?;
    }
    if r.kinds.len() != r.speakers.len() {
        let why = format!(
            "{} kind(s) for {} speaker(s): give one kind per speaker",
            r.kinds.len(),
            r.speakers.len()
        );
        return Err(problem(line, "speaker_kinds", why));
    }
    Ok(())
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
        for cell in ["'=already quoted", "''=twice", "=x", "'plain", "-5"] {
            assert_eq!(restore(&neutralise(cell)), cell);
        }
    }
}
