//! `claim_rank()`: the search ranking, an FTS5 auxiliary function.
//!
//! It is FTS5's own bm25 (k1 = 1.2, b = 0.75, the same formula and the same per-row work) with
//! one change that matters on a large ledger: bm25 learns how many claims hold each query term
//! by walking the term's whole list of claims, once per query. For a word in most claims
//! ("said", "percent") that walk over a million entries costs more than the search. Here the
//! walk stops after [`EXACT_COUNT_LIMIT`] claims and the rest is estimated from how far into the
//! (dense) claim ids it got. A term that common has an inverse document frequency near zero
//! either way, so the order of results barely moves while the query gets several times faster.
//!
//! A claim's length (bm25 needs it) is what FTS5 keeps in the `claims_fts_docsize` table. FTS5
//! looks it up with a statement of its own for every match, which was two thirds of the cost of
//! ranking; `claim_rank(claims_fts, d.sz)` takes the row of that table instead, joined by the
//! query (`LEFT JOIN claims_fts_docsize d ON d.id = claims_fts.rowid`), which SQLite reads
//! with a plain cursor that mostly steps to the next row. Without the argument (or with NULL)
//! the length comes from FTS5 as before.
//!
//! SQLite offers auxiliary functions only through its C interface, hence the `unsafe` here: the
//! pointers come from SQLite and are used only during the call that hands them over.

use rusqlite::{Connection, ffi};
use std::ffi::{c_int, c_void};

/// Up to this many claims of a term are counted exactly; above it the count is estimated.
const EXACT_COUNT_LIMIT: i64 = 20_000;

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Makes `claim_rank()` available on this connection (`ORDER BY claim_rank(claims_fts)`), and
/// `search_stems()`, which the search index's triggers and content view call.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    register_stems(conn)?;
    let api = fts5_api(conn)?;
    let name = c"claim_rank";
    // SAFETY: `api` is the live fts5_api of this connection; FTS5 copies the name.
    let rc = unsafe {
        match (*api).xCreateFunction {
            Some(create) => create(api, name.as_ptr(), std::ptr::null_mut(), Some(rank), None),
            None => ffi::SQLITE_MISUSE,
        }
    };
    check(rc)
}

/// `search_stems(text)`: the stems of a claim's words (see `query::stems_of_text`). The same
/// text always gives the same stems, as FTS5 needs to delete what it indexed.
pub fn register_stems(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "search_stems",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: Option<String> = ctx.get(0)?;
            let text = text.as_deref().unwrap_or("");
            if let Some(stems) = AHEAD.with_borrow_mut(|ahead| ahead.take(text)) {
                return Ok(stems);
            }
            Ok(super::query::stems_of_text(text))
        },
    )
}

thread_local! {
    /// Stems worked out before the claim they are of is written (ingest prepares them beside
    /// extraction, on other cores), by their text: `search_stems()` takes them from here
    /// instead of stemming again on the writer's thread, which is the one that calls it.
    static AHEAD: std::cell::RefCell<super::ahead::Ahead<String>> =
        std::cell::RefCell::default();
}

/// How many stems handed ahead are still waiting to be asked for (on this thread).
#[cfg(test)]
pub(super) fn stems_waiting() -> usize {
    AHEAD.with_borrow(|ahead| ahead.waiting())
}

/// Hands `search_stems()` the stems of `text` ahead of the write that asks for them (on this
/// thread). Stems are a function of the text alone, so whoever asks for this text next gets
/// what it would have computed.
pub(super) fn stems_ahead(text: &str, stems: &str) {
    AHEAD.with_borrow_mut(|ahead| ahead.put(text, stems.to_string()));
}

/// Asks SQLite for the connection's FTS5 interface, the documented way (`SELECT fts5(?1)`).
fn fts5_api(conn: &Connection) -> rusqlite::Result<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = std::ptr::null_mut();
    // SAFETY: the statement is prepared, bound, stepped and finalized here; the bound pointer
    // outlives it.
    unsafe {
        let db = conn.handle();
        let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        check(ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            std::ptr::null_mut(),
        ))?;
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        check(ffi::sqlite3_finalize(stmt))?;
    }
    if api.is_null() {
        return Err(rusqlite::Error::SqliteFailure(
            ffi::Error::new(ffi::SQLITE_ERROR),
            Some("this SQLite has no FTS5".into()),
        ));
    }
    Ok(api)
}

fn check(rc: c_int) -> rusqlite::Result<()> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None))
    }
}

/// What one query needs for every row: the average claim length and each phrase's IDF.
struct QueryStats {
    average_length: f64,
    idf: Vec<f64>,
}

/// Counts a phrase's claims while walking them, up to the limit.
struct PhraseCount {
    claims: i64,
    last_rowid: i64,
}

unsafe extern "C" fn count_claim(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    data: *mut c_void,
) -> c_int {
    // SAFETY: `data` is the `PhraseCount` passed to xQueryPhrase below, alive for its call.
    let count = unsafe { &mut *data.cast::<PhraseCount>() };
    count.claims += 1;
    if count.claims >= EXACT_COUNT_LIMIT {
        // SAFETY: `api` and `fts` are valid during this callback.
        count.last_rowid = unsafe { (*api).xRowid.map_or(0, |rowid| rowid(fts)) };
        return ffi::SQLITE_DONE;
    }
    ffi::SQLITE_OK
}

/// Reads the query's statistics, or the error code FTS5 reported.
///
/// SAFETY: `api` and `fts` must be the pointers of the current auxiliary function call.
unsafe fn query_stats(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
) -> Result<QueryStats, c_int> {
    let (Some(phrase_count), Some(row_count), Some(total_size), Some(query_phrase)) = (
        api.xPhraseCount,
        api.xRowCount,
        api.xColumnTotalSize,
        api.xQueryPhrase,
    ) else {
        return Err(ffi::SQLITE_MISUSE);
    };
    let mut rows: i64 = 0;
    let mut tokens: i64 = 0;
    // SAFETY: as the function's contract says.
    unsafe {
        check_rc(row_count(fts, &mut rows))?;
        check_rc(total_size(fts, -1, &mut tokens))?;
    }
    let rows_f = rows.max(1) as f64;
    // SAFETY: as the function's contract says.
    let phrases = unsafe { phrase_count(fts) }.max(0);
    let mut idf = Vec::with_capacity(phrases as usize);
    for phrase in 0..phrases {
        let mut count = PhraseCount {
            claims: 0,
            last_rowid: 0,
        };
        // SAFETY: `count` lives across the call, which is the only user of the pointer.
        check_rc(unsafe {
            query_phrase(
                fts,
                phrase,
                (&mut count as *mut PhraseCount).cast(),
                Some(count_claim),
            )
        })?;
        let hits = if count.claims >= EXACT_COUNT_LIMIT && count.last_rowid > 0 {
            // Claim ids are dense: the share of ids walked is the share of claims walked.
            (count.claims as f64 * rows_f / count.last_rowid as f64)
                .clamp(count.claims as f64, rows_f)
        } else {
            count.claims as f64
        };
        let value = ((rows_f - hits + 0.5) / (hits + 0.5)).ln();
        idf.push(if value <= 0.0 { 1e-6 } else { value });
    }
    Ok(QueryStats {
        average_length: tokens as f64 / rows_f,
        idf,
    })
}

fn check_rc(rc: c_int) -> Result<(), c_int> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rc)
    }
}

unsafe extern "C" fn drop_stats(stats: *mut c_void) {
    // SAFETY: FTS5 calls this once with the pointer made by `Box::into_raw` in `rank`.
    drop(unsafe { Box::from_raw(stats.cast::<QueryStats>()) });
}

/// The auxiliary function: bm25 of the current row, negated so that `ORDER BY` puts the best
/// first, as FTS5's `rank` does.
unsafe extern "C" fn rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    argc: c_int,
    argv: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: SQLite passes `argc` valid values in `argv` for the duration of this call.
    let stored = unsafe { stored_size(argc, argv) };
    // SAFETY: SQLite passes valid pointers for the duration of this call.
    let result = unsafe { row_score(&*api, fts, stored) };
    // SAFETY: `ctx` is this call's result context.
    unsafe {
        match result {
            Ok(score) => ffi::sqlite3_result_double(ctx, -score),
            Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
        }
    }
}

/// The claim's length in tokens from its `claims_fts_docsize.sz` (one varint per column, the
/// total over all columns being what bm25 uses), when that is the first argument.
///
/// SAFETY: `argv` must hold `argc` values valid for the current call.
unsafe fn stored_size(argc: c_int, argv: *mut *mut ffi::sqlite3_value) -> Option<i64> {
    if argc < 1 || argv.is_null() {
        return None;
    }
    // SAFETY: as the function's contract says; the blob lives until the call returns.
    let blob = unsafe {
        let value = *argv;
        if ffi::sqlite3_value_type(value) != ffi::SQLITE_BLOB {
            return None;
        }
        let len = usize::try_from(ffi::sqlite3_value_bytes(value)).ok()?;
        let data = ffi::sqlite3_value_blob(value).cast::<u8>();
        if data.is_null() {
            return None;
        }
        std::slice::from_raw_parts(data, len)
    };
    let mut total = 0i64;
    let mut rest = blob;
    while !rest.is_empty() {
        let (value, used) = varint(rest)?;
        total += value;
        rest = &rest[used..];
    }
    Some(total)
}

/// Reads one SQLite varint (as FTS5 writes the sizes): seven bits a byte, high bit first,
/// the ninth byte whole. Returns the value and the bytes it took; `None` when cut short.
fn varint(bytes: &[u8]) -> Option<(i64, usize)> {
    let mut value: u64 = 0;
    for (i, &b) in bytes.iter().enumerate().take(9) {
        if i == 8 {
            return Some((((value << 8) | u64::from(b)) as i64, 9));
        }
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Some((value as i64, i + 1));
        }
    }
    None
}

/// SAFETY: `api` and `fts` must be the pointers of the current auxiliary function call.
unsafe fn row_score(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    stored: Option<i64>,
) -> Result<f64, c_int> {
    let (Some(get_aux), Some(set_aux), Some(inst_count), Some(inst), Some(column_size)) = (
        api.xGetAuxdata,
        api.xSetAuxdata,
        api.xInstCount,
        api.xInst,
        api.xColumnSize,
    ) else {
        return Err(ffi::SQLITE_MISUSE);
    };
    // SAFETY: the auxdata pointer is only ever a `QueryStats` boxed below and owned by FTS5.
    let stats: &QueryStats = unsafe {
        let mut ptr = get_aux(fts, 0).cast::<QueryStats>();
        if ptr.is_null() {
            let boxed = Box::into_raw(Box::new(query_stats(api, fts)?));
            check_rc(set_aux(fts, boxed.cast(), Some(drop_stats)))?;
            ptr = boxed;
        }
        &*ptr
    };
    let mut frequency = vec![0.0f64; stats.idf.len()];
    let mut instances: c_int = 0;
    // SAFETY: as the function's contract says.
    unsafe { check_rc(inst_count(fts, &mut instances))? };
    for i in 0..instances {
        let (mut phrase, mut column, mut offset) = (0, 0, 0);
        // SAFETY: `i` is below the instance count just read.
        unsafe { check_rc(inst(fts, i, &mut phrase, &mut column, &mut offset))? };
        if let Some(f) = frequency.get_mut(phrase as usize) {
            *f += 1.0;
        }
    }
    let length = match stored {
        Some(length) => length as f64,
        None => {
            let mut length: c_int = 0;
            // SAFETY: as the function's contract says.
            unsafe { check_rc(column_size(fts, -1, &mut length))? };
            f64::from(length)
        }
    };
    let norm = K1 * (1.0 - B + B * length / stats.average_length.max(1e-9));
    Ok(stats
        .idf
        .iter()
        .zip(&frequency)
        .map(|(idf, f)| idf * (f * (K1 + 1.0)) / (f + norm))
        .sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger_with(texts: &[&str]) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(a, b);")
            .unwrap();
        for text in texts {
            conn.execute("INSERT INTO t (a, b) VALUES (?1, '')", [text])
                .unwrap();
        }
        register(&conn).unwrap();
        conn
    }

    fn scores(conn: &Connection, query: &str, function: &str) -> Vec<(i64, f64)> {
        let sql = format!("SELECT rowid, {function} FROM t WHERE t MATCH ?1 ORDER BY rowid");
        let mut stmt = conn.prepare(&sql).unwrap();
        stmt.query_map([query], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn equals_bm25_when_every_count_is_exact() {
        let conn = ledger_with(&[
            "prices rose in the port",
            "the port closed",
            "prices prices fell sharply in the north of the country",
            "wages rose",
        ]);
        for query in ["prices", "port OR wages", "prices rose"] {
            let ours = scores(&conn, query, "claim_rank(t)");
            let theirs = scores(&conn, query, "bm25(t)");
            assert_eq!(ours.len(), theirs.len(), "{query}");
            for ((id, a), (_, b)) in ours.iter().zip(&theirs) {
                assert!((a - b).abs() < 1e-9, "{query} row {id}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn the_stored_sizes_give_the_scores_fts5_lengths_give() {
        let conn = ledger_with(&[
            "prices rose in the port",
            "the port closed",
            "prices prices fell sharply in the north of the country",
            "wages rose",
        ]);
        let joined =
            "SELECT t.rowid, claim_rank(t, d.sz) FROM t LEFT JOIN t_docsize d ON d.id = t.rowid
                      WHERE t MATCH ?1 ORDER BY t.rowid";
        for query in ["prices", "port OR wages", "prices rose"] {
            let ours: Vec<(i64, f64)> = conn
                .prepare(joined)
                .unwrap()
                .query_map([query], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let theirs = scores(&conn, query, "bm25(t)");
            assert_eq!(ours.len(), theirs.len(), "{query}");
            for ((id, a), (_, b)) in ours.iter().zip(&theirs) {
                assert!((a - b).abs() < 1e-9, "{query} row {id}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn varints_are_read_as_sqlite_writes_them() {
        assert_eq!(varint(&[0x0e]), Some((14, 1)));
        assert_eq!(varint(&[0x81, 0x00]), Some((128, 2)));
        assert_eq!(varint(&[0x82, 0x80, 0x01]), Some((32769, 3)));
        assert_eq!(varint(&[0x81]), None);
        assert_eq!(varint(&[0xff; 9]), Some((-1, 9)));
    }

    #[test]
    fn estimates_counts_of_very_common_terms_close_to_bm25() {
        let texts: Vec<String> = (0..(EXACT_COUNT_LIMIT as usize * 2))
            .map(|i| {
                if i % 7 == 0 {
                    format!("filler number {i} with rare")
                } else {
                    format!("filler number {i}")
                }
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let conn = ledger_with(&refs);
        let ours = scores(&conn, "filler rare", "claim_rank(t)");
        let theirs = scores(&conn, "filler rare", "bm25(t)");
        for ((_, a), (_, b)) in ours.iter().zip(&theirs) {
            assert!((a - b).abs() < 0.01 * b.abs().max(1e-6), "{a} vs {b}");
        }
    }

    #[test]
    fn a_bad_query_is_an_error_not_a_crash() {
        let conn = ledger_with(&["prices rose"]);
        let result: rusqlite::Result<f64> = conn.query_row(
            "SELECT claim_rank(t) FROM t WHERE t MATCH 'prices AND'",
            [],
            |r| r.get(0),
        );
        assert!(result.is_err());
    }
}
