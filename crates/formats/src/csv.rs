//! CSV export and import of ledger claims: one claim per row, RFC 4180 quoting, UTF-8, and
//! cells a spreadsheet would run as a formula neutralised by default.

use crate::claim::{AppearanceRecord, ClaimRecord, ImportRow};
use crate::claim::{join_list, split_list};
use crate::store::ClaimCells;
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
    excel: bool,
    /// Reused for the numbers of [`CsvWriter::write_cells`].
    number: String,
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
        Ok(CsvWriter {
            inner,
            raw,
            excel,
            number: String::new(),
        })
    }

    /// Starts a CSV of appearances (`export --appearances`) with its header row, in the
    /// dialect [`CsvWriter::with_dialect`] describes.
    pub fn with_appearances(mut out: W, raw: bool, excel: bool) -> std::io::Result<Self> {
        if excel {
            out.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut inner = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .delimiter(if excel { b';' } else { b',' })
            .from_writer(out);
        inner
            .write_record(COLUMNS.iter().chain(APPEARANCE_COLUMNS.iter()))
            .map_err(std::io::Error::other)?;
        Ok(CsvWriter {
            inner,
            raw,
            excel,
            number: String::new(),
        })
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
            join_list(&a.speakers),
            join_list(&a.roles),
            join_list(&a.kinds),
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

    /// Writes one claim from its cells as the ledger holds them ([`ClaimCells`]): the same row
    /// as [`CsvWriter::write`] of its record, without building the record.
    pub fn write_cells(&mut self, c: &ClaimCells<'_>) -> std::io::Result<()> {
        use std::fmt::Write as _;
        let mut number = std::mem::take(&mut self.number);
        number.clear();
        let _ = write!(number, "{}", c.id);
        self.field(&number)?;
        self.field(c.status.as_str())?;
        self.field(c.text)?;
        self.field(&as_joined(c.speakers))?;
        self.field(&as_joined(c.roles))?;
        self.field(&as_joined(c.kinds))?;
        self.field(c.cue)?;
        self.field(c.mode.as_str())?;
        self.field(c.stance.as_str())?;
        number.clear();
        let _ = write!(number, "{}", c.checkworthiness);
        if self.excel {
            number = number.replace('.', ",");
        }
        self.field(&number)?;
        self.number = number;
        for cell in [
            c.source_title,
            c.publisher,
            c.url,
            c.published,
            c.language,
            c.last_review_note,
            c.reviewer,
            c.reviewed_at,
            c.created_at,
        ] {
            self.field(cell)?;
        }
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
            self.field(cell)?;
        }
        Ok(())
    }

    /// Flushes the output.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A stored speaker list as the CSV writes it: `join_list(split_list(cell))`, which is the cell
/// itself unless it has a backslash or a `;` that is not a separator (a ledger written before
/// names were escaped); only then is it split and joined again.
fn as_joined(cell: &str) -> std::borrow::Cow<'_, str> {
    let plain = !cell.contains('\\')
        && cell
            .match_indices(';')
            .all(|(i, _)| cell.as_bytes().get(i + 1) == Some(&b' '));
    if plain {
        cell.into()
    } else {
        join_list(&split_list(cell)).into()
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

/// The problem of a header row without one of [`COLUMNS`] (or, when it has the first of them,
/// one of [`APPEARANCE_COLUMNS`]); the column is the problem's `column`.
pub const MISSING_COLUMN: &str = "the column is missing";

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
pub fn read_records(input: &[u8]) -> Result<Vec<ImportRow>, CsvProblem> {
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
                return Err(problem(1, col, MISSING_COLUMN.into()));
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
                    return Err(problem(1, col, MISSING_COLUMN.into()));
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut lines = std::collections::HashMap::new();
    // Lines are counted from the byte offsets: the reader's own count is one short after a
    // record that ends in "\r\n", whose position it puts on the line end.
    let mut counted = (0usize, 1u64);
    let mut line_at = |byte: u64| {
        let mut byte = (byte as usize).min(input.len());
        // A record's position may be the line end before it.
        while input.get(byte).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            byte += 1;
        }
        let (from, line) = counted;
        let more = input[from.min(byte)..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = (byte.max(from), line + more as u64);
        counted.1
    };
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(p.byte()));
            problem(line, "-", format!("not valid CSV: {e}"))
        })?;
        let line = row.position().map_or(0, |p| line_at(p.byte()));
        let record = read_row(&row, &index, line)?;
        let appearance = if with_appearances {
            Some(read_appearance(&row, &index, record.id, line)?)
        } else {
            None
        };
        // Rows of `--appearances` repeat their claim: there the appearance is what is unique.
        let (key, what) = match &appearance {
            Some(a) => (a.id, "appearance"),
            None => (record.id, "claim"),
        };
        if let Some(first) = lines.insert(key, line) {
            return Err(problem(
                line,
                if appearance.is_some() {
                    "appearance"
                } else {
                    "id"
                },
                format!("{what} {key} is already on line {first}: drop one of the rows"),
            ));
        }
        out.push((record, appearance));
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
        appearances: 1,
        first_seen: None,
        last_seen: None,
        merged_into: None,
        review_url: None,
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

/// Reads the appearance columns of a row of `export --appearances`.
fn read_appearance(
    row: &::csv::StringRecord,
    index: &std::collections::HashMap<&str, usize>,
    claim_id: i64,
    line: u64,
) -> Result<AppearanceRecord, CsvProblem> {
    let get = |c: &str| restore(row.get(index[c]).unwrap_or("")).to_string();
    let opt = |c: &str| Some(get(c)).filter(|s| !s.is_empty());
    let list = |c: &str| split_list(&get(c));
    let id = get("appearance")
        .parse::<i64>()
        .ok()
        .filter(|id| (1..=MAX_ID).contains(id))
        .ok_or_else(|| {
            let why = format!(
                "'{}' is not an appearance id (a whole number from 1 to {MAX_ID})",
                get("appearance")
            );
            problem(line, "appearance", why)
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
    fn a_stored_list_is_written_as_its_names_joined_again() {
        for cell in [
            "",
            "Anna Berg",
            "Anna Berg; Ben Okafor",
            "a; ; b",
            "a;  b",
            "Smith;Jones",
            "a;; b",
            "end;",
            "O\\; Brien; Kim",
            "back\\\\slash",
            "trailing\\",
        ] {
            assert_eq!(as_joined(cell), join_list(&split_list(cell)), "{cell:?}");
        }
        assert!(matches!(
            as_joined("Anna; Ben"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

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
