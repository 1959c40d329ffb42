//! Regression tests of a ledger shared by a desk. Each test names the bug it protects
//! against; each failed on the code before its fix.

use crate::common::{ENGLISH, GERMAN, Ledger};
use std::process::Stdio;
use std::time::Instant;

/// Bug 1: eight reviewers writing at once, while an ingest runs, all land. Before the fix about
/// 40 % of concurrent writes failed at once with "locked" (a deferred transaction cannot wait
/// for the lock when it upgrades from reading to writing).
#[test]
fn concurrent_writers_all_land_while_an_ingest_runs() {
    const PROCESSES: usize = 8;
    const WRITES: usize = 50;
    let ledger = Ledger::new();
    ledger.run(&["add", "--text", "Exports grew 12 percent in 2023"]);
    // An ingest of many articles that runs while the reviewers write.
    let german = std::fs::read_to_string(GERMAN).unwrap();
    let english = std::fs::read_to_string(ENGLISH).unwrap();
    let mut lines = String::new();
    for i in 0..400 {
        let body = if i % 2 == 0 { &german } else { &english };
        let text = format!("{body}\n\nNummer {i}.");
        lines.push_str(&serde_json::json!({ "text": text }).to_string());
        lines.push('\n');
    }
    let jsonl = ledger.path("many.jsonl");
    std::fs::write(&jsonl, lines).unwrap();
    let started = Instant::now();
    let ingest = ledger
        .std_cmd()
        .env("CLAIMLEDGER_BUSY_TIMEOUT_MS", "5000")
        .args(["ingest", "--quiet", &jsonl])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let failures = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for p in 0..PROCESSES {
            let (ledger, failures) = (&ledger, &failures);
            scope.spawn(move || {
                for w in 0..WRITES {
                    let note = format!("reviewer {p}, write {w}");
                    let args: Vec<&str> = if w % 2 == 0 {
                        vec!["review", "1", "--status", "false", "--note", &note]
                    } else {
                        vec!["add", "--text", &note, "--speaker", "Desk Writer"]
                    };
                    let out = ledger
                        .std_cmd()
                        .env("CLAIMLEDGER_BUSY_TIMEOUT_MS", "5000")
                        .args(&args)
                        .output()
                        .unwrap();
                    if !out.status.success() {
                        failures.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        eprintln!("{args:?}: {}", String::from_utf8_lossy(&out.stderr));
                    }
                }
            });
        }
    });
    let ingest = ingest.wait_with_output().unwrap();
    let wall = started.elapsed();
    let failures = failures.into_inner();
    eprintln!(
        "concurrent writers: {} writes by {PROCESSES} processes, {failures} failed, {:.2} s wall (ingest of 400 articles alongside)",
        PROCESSES * WRITES,
        wall.as_secs_f64()
    );
    assert!(ingest.status.success(), "{ingest:?}");
    assert_eq!(failures, 0);
    let trail = ledger.run(&["history", "1", "--format", "jsonl"]);
    assert_eq!(trail.lines().count(), PROCESSES * WRITES / 2);
    // The trail is a chain: each review starts from the status the one before left.
    let reviews: Vec<serde_json::Value> = trail
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reviews[0]["from"], "unverified");
    for pair in reviews.windows(2) {
        assert_eq!(pair[1]["from"], pair[0]["to"]);
    }
    let added = ledger.run(&["list", "--speaker", "Desk Writer", "--format", "jsonl"]);
    assert_eq!(
        added.lines().count(),
        PROCESSES * WRITES / 2,
        "{}",
        &added[..2000.min(added.len())]
    );
}

/// Bug 2: two exports into one folder at once both succeed and are whole; a user's own
/// `.partial` file survives; a symlink stays a symlink; a FIFO is written to, not replaced.
#[test]
fn exports_use_their_own_temporary_files() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", GERMAN, ENGLISH]);
    let (csv, json) = (ledger.path("out.csv"), ledger.path("out.json"));
    std::fs::write(ledger.path("out.partial"), "mine").unwrap();
    let mut a = ledger
        .std_cmd()
        .args(["export", "-o", &csv])
        .spawn()
        .unwrap();
    let mut b = ledger
        .std_cmd()
        .args(["export", "--format", "json", "-o", &json])
        .spawn()
        .unwrap();
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    assert_eq!(
        std::fs::read_to_string(ledger.path("out.partial")).unwrap(),
        "mine"
    );
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let rows = std::fs::read_to_string(&csv).unwrap().lines().count();
    assert_eq!(rows - 1, exported.as_array().unwrap().len());
    let leftovers: Vec<_> = std::fs::read_dir(ledger.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial") && n != "out.partial")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    #[cfg(unix)]
    {
        let (real, link) = (ledger.path("real.csv"), ledger.path("link.csv"));
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        ledger.run(&["export", "-o", &link]);
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(&real).unwrap(),
            std::fs::read_to_string(&csv).unwrap()
        );

        let fifo = ledger.path("pipe.csv");
        match std::process::Command::new("mkfifo").arg(&fifo).status() {
            Ok(s) if s.success() => {
                let reader = std::thread::spawn({
                    let fifo = fifo.clone();
                    move || std::fs::read_to_string(fifo).unwrap()
                });
                ledger.run(&["export", "-o", &fifo]);
                let got = reader.join().unwrap();
                assert_eq!(got, std::fs::read_to_string(&csv).unwrap());
                use std::os::unix::fs::FileTypeExt;
                assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
            }
            _ => eprintln!("mkfifo is not available: the FIFO case is skipped"),
        }
    }
}

/// Bug 3: every command that prints exits 0 when its reader has gone (`… | head -1`).
#[test]
fn closed_pipe_exits_zero_for_every_printing_command() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", GERMAN, ENGLISH]);
    ledger.run(&["review", "1", "--status", "false", "--note", "wrong"]);
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "csv"],
        &["list", "--format", "json"],
        &["list", "--format", "jsonl"],
        &["show", "1"],
        &["show", "1", "--format", "json"],
        &["history", "1"],
        &["history", "1", "--format", "json"],
        &["search", "Kaimauer"],
        &["search", "Kaimauer", "--format", "json"],
        &["search", "Kaimauer", "--format", "csv"],
        &["export"],
        &["export", "--format", "json"],
        &["export", "--format", "jsonl"],
        &["export", "--format", "claimreview", "--org-name", "Desk"],
        &["export", "--appearances"],
        &["match", "Kaimauer"],
        &["match", "Kaimauer", "--format", "jsonl"],
        &["matches", "1"],
        &["settings"],
        &["settings", "--org-name", "Desk"],
        &["list", "--checked", "--suggested"],
        &["stats"],
        &["stats", "--format", "csv"],
        &["stats", "--format", "json"],
        &["speakers"],
        &["speakers", "--format", "csv"],
        &["speakers", "--format", "json"],
        &["sources"],
        &["sources", "--format", "csv"],
        &["sources", "--format", "json"],
        &["extract", GERMAN],
        &["extract", "--format", "json", GERMAN],
        &["init"],
        &["add", "--text", "Prices rose 4 percent in May"],
        &["review", "2", "--status", "in-review"],
        &["ingest", "--quiet", GERMAN],
        &["edit", "3", "--cue", "erklärte"],
        &["speakers", "set", "Mara Lindqvist", "--role", "Direktorin"],
        &["sources", "edit", "1", "--date", "2024-05-01"],
        &["merge", "6", "5"],
        &["unmerge", "6"],
        &["delete", "4", "--reason", "duplicate"],
        &["history", "4"],
        &["import", "--help"],
    ];
    for args in commands {
        // The reading end is closed before the command starts: its first write fails.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = ledger
            .std_cmd()
            .args(*args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
}

fn sha(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// Bug 4: `--db` never creates a ledger for a read, never touches a file that is not a ledger
/// (or is newer), and a read-only ledger can still be read.
#[test]
fn db_path_is_not_created_or_changed_by_reads() {
    let ledger = Ledger::new();
    let typo = ledger.path("typo/dir/x.db");
    for read in [
        &["list"][..],
        &["search", "x"],
        &["export"],
        &["stats"],
        &["show", "1"],
    ] {
        let mut args = vec!["--db", typo.as_str()];
        args.extend_from_slice(read);
        ledger.fails(&args, 3, "there is no ledger at");
    }
    assert!(!ledger.dir.path().join("typo").exists());
    ledger.fails(
        &["review", "1", "--status", "in-review"],
        3,
        "claimledger --db",
    );
    assert!(!ledger.db().exists());

    // An SQLite file of another program: refused, byte-identical, no WAL files.
    let other = ledger.dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hi');")
            .unwrap();
    }
    let before = sha(&other);
    let o = other.display().to_string();
    for args in [
        &["--db", &o, "list"][..],
        &["--db", &o, "add", "--text", "Prices rose"],
        &["--db", &o, "init"],
    ] {
        ledger.fails(args, 3, "is not a claimledger ledger");
    }
    assert_eq!(sha(&other), before);
    assert!(!ledger.dir.path().join("other.db-wal").exists());

    // A ledger written by a newer claimledger, in rollback-journal mode: refused before WAL.
    let newer = ledger.dir.path().join("newer.db");
    let n = newer.display().to_string();
    ledger.run(&["--db", &n, "init"]);
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = sha(&newer);
    ledger.fails(&["--db", &n, "list"], 3, "newer claimledger");
    ledger.fails(
        &["--db", &n, "add", "--text", "Prices rose"],
        3,
        "newer claimledger",
    );
    assert_eq!(sha(&newer), before);

    // A ledger whose version was reset to 0: one line, not the schema's SQL.
    let reset = ledger.dir.path().join("reset.db");
    let r = reset.display().to_string();
    ledger.run(&["--db", &r, "init"]);
    rusqlite::Connection::open(&reset)
        .unwrap()
        .pragma_update(None, "user_version", 0)
        .unwrap();
    ledger.fails(&["--db", &r, "list"], 3, "no schema version");

    // A read-only ledger: reads work, writes are refused.
    ledger.run(&["ingest", GERMAN]);
    let mut perms = std::fs::metadata(ledger.db()).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(ledger.db(), perms).unwrap();
    assert!(ledger.run(&["list"]).contains("claim(s)"));
    assert!(ledger.run(&["search", "Kaimauer"]).contains("Kaimauer"));
    assert!(ledger.run(&["export"]).starts_with("id,status"));
    ledger.run(&["stats"]);
    ledger.fails(&["review", "1", "--status", "in-review"], 3, "read-only");
}

fn ids(jsonl: &str) -> Vec<i64> {
    jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.get("record").unwrap_or(&v)["id"].as_i64().unwrap()
        })
        .collect()
}

/// Bug 5: what people type is searched as words; operators, phrases and prefixes still work;
/// German spellings and inflections are found; raw FTS5 sits behind --fts; filters apply.
#[test]
fn search_takes_what_people_type() {
    let ledger = Ledger::new();
    for text in [
        "CDU-Chef Jonas Brell nannte die Zahl von 5.1 Prozent", // 1
        "Die Inflation lag bei 3,5 Prozent im Mai",             // 2
        "Trump's plan for the U.S. economy failed, #metoo activists said", // 3
        "Die Grünen fordern niedrigere Steuern für Familien",   // 4
        "Der Außenminister reist nach Paris",                   // 5
        "Die Hafenmauer wird bis 2025 ersetzt",                 // 6
    ] {
        ledger.run(&["add", "--text", text]);
    }
    let search = |args: &[&str]| {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "jsonl"]);
        let mut found = ids(&ledger.run(&all));
        found.sort();
        found
    };
    assert_eq!(search(&["CDU-Chef"]), [1]);
    assert_eq!(search(&["5.1"]), [1]);
    assert_eq!(search(&["\"3,5 Prozent\""]), [2]);
    assert_eq!(search(&["Trump's"]), [3]);
    assert_eq!(search(&["U.S."]), [3]);
    assert_eq!(search(&["#metoo"]), [3]);
    assert_eq!(search(&["Gruene"]), [4]);
    assert_eq!(search(&["Aussenminister"]), [5]);
    assert_eq!(search(&["Steuer"]), [4]);
    assert_eq!(search(&["Prozent"]), [1, 2]);
    assert_eq!(search(&["Prozent Mai"]), [2]);
    assert_eq!(search(&["Paris OR Familien"]), [4, 5]);
    assert_eq!(search(&["Prozent AND Zahl"]), [1]);
    assert_eq!(search(&["Prozent NOT Mai"]), [1]);
    assert_eq!(search(&["\"Prozent im Mai\""]), [2]);
    assert_eq!(search(&["Hafen*"]), [6]);
    assert_eq!(search(&["(Paris OR Familien) Grünen"]), [4]);
    assert_eq!(search(&["\"unclosed"]), Vec::<i64>::new());
    // Raw FTS5: column filters work, and its syntax errors are reported.
    assert_eq!(search(&["--fts", "text:Paris"]), [5]);
    ledger.fails(&["search", "--fts", "\"unclosed"], 1, "is not valid");
    ledger.fails(&["search", " # - "], 1, "has no words");
    // The filters of list.
    ledger.run(&["review", "2", "--status", "false", "--note", "It was 2.9"]);
    assert_eq!(search(&["Prozent", "--status", "false"]), [2]);
    assert_eq!(search(&["Prozent", "--status", "unverified"]), [1]);
    ledger.fails(
        &["search", "Prozent", "--status", "fake"],
        1,
        "unknown status",
    );
}

/// Bug 6: stats takes the filters of list.
#[test]
fn stats_take_the_list_filters() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", GERMAN, ENGLISH]);
    ledger.run(&["review", "1", "2", "--status", "false", "--note", "wrong"]);
    let stats = ledger.run(&["stats", "--status", "false", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["claims"], 2);
    assert_eq!(stats["by_status"], serde_json::json!([["false", 2]]));
    let de = ledger.run(&["stats", "--publisher", "Beispielpresse", "--format", "json"]);
    let de: serde_json::Value = serde_json::from_str(&de).unwrap();
    let listed = ledger.run(&["list", "--publisher", "Beispielpresse", "--format", "jsonl"]);
    assert_eq!(de["claims"], listed.lines().count());
    assert_eq!(de["sources"], 1);
    ledger.fails(&["stats", "--since", "yesterday"], 1, "is not a date");
}

/// Bug 7: the input-validation list of the issue.
#[test]
fn bad_values_are_refused_and_good_ones_accepted() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    assert!(
        ledger
            .run(&["list", "--limit", "18446744073709551615"])
            .contains("claim(s)")
    );
    for score in ["7", "nan", "1.5"] {
        ledger.fails(
            &["extract", "--min-score", score, ENGLISH],
            1,
            "out of range",
        );
        ledger.fails(&["list", "--min-score", score], 1, "out of range");
    }
    for url in ["http://a b c", "https://", "example.org"] {
        ledger.fails(
            &[
                "review",
                "1",
                "--status",
                "false",
                "--note",
                "n",
                "--evidence",
                url,
            ],
            1,
            "is not a URL",
        );
    }
    ledger.run(&["review", "1", "1", "--status", "in-review"]);
    assert_eq!(
        ledger
            .run(&["history", "1", "--format", "jsonl"])
            .lines()
            .count(),
        1
    );
    ledger.run(&[
        "review",
        "1",
        "--status",
        "false",
        "--note",
        "Budget says 52",
    ]);
    ledger.fails(
        &["review", "1", "--status", "unverified"],
        1,
        "needs a note",
    );
    ledger.fails(&["review", "1", "--status", "in-review"], 1, "needs a note");
    ledger.run(&[
        "review",
        "1",
        "--status",
        "unverified",
        "--note",
        "Reopened: new figures",
    ]);

    assert!(
        ledger
            .run(&["add", "--text", "-5 percent"])
            .starts_with("added claim")
    );
    ledger.run(&[
        "add",
        "--text",
        "Pensions rise",
        "--speaker",
        "Merkel",
        "--speaker",
        "CDU",
    ]);
    let speakers = ledger.run(&["speakers", "--format", "jsonl"]);
    let kind = |name: &str| -> String {
        speakers
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|s| s["name"] == name)
            .map(|s| s["kind"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(kind("Merkel"), "person");
    assert_eq!(kind("CDU"), "organisation");

    // A UTF-16 file (as Windows editors save "Unicode") reads like its UTF-8 original.
    let text = std::fs::read_to_string(GERMAN).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = ledger.path("utf16.txt");
    std::fs::write(&path, utf16).unwrap();
    assert_eq!(
        ledger.run(&["extract", "--format", "json", &path]),
        ledger.run(&["extract", "--format", "json", GERMAN])
    );

    // A missing file is named once, without the OS repeating it.
    let out = ledger
        .cmd()
        .args(["ingest", "nothere.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_lowercase();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr.matches("no such file").count(), 1, "{stderr}");

    // Scores print as the numbers they are, also from a ledger holding an unrounded one.
    rusqlite::Connection::open(ledger.db())
        .unwrap()
        .execute(
            "UPDATE claims SET checkworthiness = 0.6299999999999999 WHERE id = 2",
            [],
        )
        .unwrap();
    let csv = ledger.run(&["export", "--format", "csv"]);
    assert!(
        !csv.contains("0.6299999999999999") && csv.contains(",0.63,"),
        "{csv}"
    );
    let json = ledger.run(&["show", "2", "--format", "json"]);
    assert!(json.contains("0.63") && !json.contains("0.6299"), "{json}");
}

/// Rewrites one cell of a CSV export (`row` 0 is the first claim).
fn with_cell(csv: &str, row: usize, column: &str, value: &str) -> String {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = header.iter().position(|h| h == column).unwrap();
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    rows[row][col] = value.to_string();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// A desk ledger with reviews, evidence, aliases, odd cells and names.
fn desk_ledger() -> Ledger {
    let ledger = Ledger::new();
    ledger.run(&["ingest", GERMAN, ENGLISH]);
    ledger.run(&["review", "1", "--status", "in-review"]);
    ledger.run(&[
        "review",
        "1",
        "2",
        "--status",
        "false",
        "--note",
        "Budget says 52",
        "--evidence",
        "https://example.org/budget",
    ]);
    ledger.run(&[
        "add",
        "--text",
        "'=already quoted",
        "--speaker",
        "A; B",
        "--speaker",
        "back\\slash",
    ]);
    ledger.run(&["add", "--text", "-5 percent", "--speaker", "Merkel"]);
    ledger.run(&[
        "edit",
        "14",
        "--cue",
        "wrote",
        "--reason",
        "cue was missing",
    ]);
    ledger
}

/// Bug 8: import keeps what export wrote: quoted cells, names with separators, and — in JSON
/// lines — every review, evidence, sentence, alias and offset. Export → import → export is
/// byte-identical in both formats.
#[test]
fn import_loses_nothing() {
    let ledger = desk_ledger();
    for (format, name) in [("csv", "one.csv"), ("jsonl", "one.jsonl")] {
        let first = ledger.path(name);
        ledger.run(&["export", "--format", format, "-o", &first]);
        let other = Ledger::new();
        other.run(&["import", &first]);
        let again = other.path(name);
        other.run(&["export", "--format", format, "-o", &again]);
        assert_eq!(
            std::fs::read_to_string(&first).unwrap(),
            std::fs::read_to_string(&again).unwrap(),
            "{format}"
        );
        let quoted = other.run(&["show", "13", "--format", "json"]);
        let quoted: serde_json::Value = serde_json::from_str(&quoted).unwrap();
        assert_eq!(quoted["claim"]["text"], "'=already quoted", "{format}");
        assert_eq!(
            quoted["claim"]["speakers"],
            serde_json::json!(["A; B", "back\\slash"]),
            "{format}"
        );
        if format == "jsonl" {
            // The whole trail, evidence, sentence and aliases came along.
            assert_eq!(
                other.run(&["history", "1", "--format", "json"]),
                ledger.run(&["history", "1", "--format", "json"])
            );
            assert_eq!(
                other.run(&["history", "14", "--format", "json"]),
                ledger.run(&["history", "14", "--format", "json"])
            );
            assert_eq!(
                other.run(&["speakers", "--format", "json"]),
                ledger.run(&["speakers", "--format", "json"])
            );
            assert_eq!(other.run(&["show", "3"]), ledger.run(&["show", "3"]));
            // The same article ingested again is recognised.
            let again = other.cmd().args(["ingest", GERMAN]).output().unwrap();
            assert!(String::from_utf8_lossy(&again.stdout).contains("1 already present"));
        }
    }
}

/// Bug 8: bad rows are refused with their line and column, and nothing is imported.
#[test]
fn import_refuses_bad_rows_with_their_line() {
    let ledger = desk_ledger();
    let good = ledger.run(&["export", "--format", "csv"]);
    let target = Ledger::new();
    let cases: Vec<(String, &str)> = vec![
        (
            with_cell(&good, 0, "reviewed_at", "yesterday"),
            "line 2, column reviewed_at",
        ),
        (with_cell(&good, 0, "last_review_note", ""), "has no note"),
        (with_cell(&good, 0, "id", "0"), "is not a claim id"),
        (with_cell(&good, 0, "id", "-4"), "is not a claim id"),
        (
            with_cell(&good, 0, "id", "9223372036854775000"),
            "is not a claim id",
        ),
        (
            with_cell(&good, 2, "speaker_kinds", "alien"),
            "unknown speaker kind 'alien'",
        ),
        (
            with_cell(&good, 3, "id", "1"),
            "line 5, column id: claim 1 is already on line 2",
        ),
    ];
    for (i, (csv, needle)) in cases.iter().enumerate() {
        let path = target.path(&format!("bad{i}.csv"));
        std::fs::write(&path, csv).unwrap();
        target.fails(&["import", &path], 1, needle);
    }
    assert!(!target.db().exists() || target.claim_count() == 0);

    let jsonl = ledger.run(&["export", "--format", "jsonl"]);
    let first = jsonl.lines().find(|l| !l.starts_with("{\"kind\"")).unwrap();
    let bad = jsonl.replacen(first, &first.replace("Budget says 52", ""), 1);
    let path = target.path("bad.jsonl");
    std::fs::write(&path, bad).unwrap();
    target.fails(
        &["import", &path],
        1,
        ": claim 1: the verdict false has no note",
    );
}

/// Bug 8 and the spreadsheet feature: `export --excel` writes a BOM, `;` and decimal commas;
/// import detects the separator and the BOM (also of a sheet saved by hand).
#[test]
fn spreadsheet_csv_round_trip() {
    let ledger = desk_ledger();
    let excel = ledger.path("excel.csv");
    ledger.run(&["export", "--excel", "-o", &excel]);
    let bytes = std::fs::read(&excel).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFid;status;text;"));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(";0,"), "decimal comma expected");
    let other = Ledger::new();
    other.run(&["import", &excel]);
    assert_eq!(
        other.run(&["export"]),
        ledger.run(&["export"]),
        "the Excel dialect imports like the plain CSV"
    );
    ledger.fails(
        &["export", "--excel", "--format", "json"],
        2,
        "--excel is a CSV dialect",
    );
}

/// Feature: import into a ledger with claims gives new ids; --keep-ids keeps them and fails
/// on a clash; the same file again adds nothing.
#[test]
fn import_into_a_ledger_with_claims() {
    let ledger = desk_ledger();
    let n = ledger.claim_count();
    let jsonl = ledger.path("all.jsonl");
    ledger.run(&["export", "--format", "jsonl", "-o", &jsonl]);
    let other = Ledger::new();
    other.run(&["add", "--text", "Ferries run every hour"]);
    let out = other.run(&["import", &jsonl]);
    assert!(out.contains(&format!("as claims 2–{}", n + 1)), "{out}");
    assert_eq!(other.claim_count(), n + 1);
    assert_eq!(
        other
            .run(&["history", "2", "--format", "jsonl"])
            .lines()
            .count(),
        2
    );
    let out = other.run(&["import", &jsonl]);
    assert!(out.contains(&format!("{n} already in the ledger")), "{out}");
    let own = Ledger::new();
    own.run(&["add", "--text", "Trams run every ten minutes"]);
    own.fails(
        &["import", "--keep-ids", &jsonl],
        1,
        "claim 1 is already in the ledger",
    );
    assert_eq!(own.claim_count(), 1);
}

/// Bug 9: details given when an article is ingested again are stored, not dropped.
#[test]
fn metadata_given_at_a_repeated_ingest_is_kept() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    assert_eq!(
        ledger.run(&["list", "--since", "2024-05-01", "--format", "jsonl"]),
        ""
    );
    let out = ledger
        .cmd()
        .args([
            "ingest",
            "--url",
            "https://example.org/bridge",
            "--date",
            "2024-05-01",
            ENGLISH,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("already in the ledger as source 1; updated its url, published"),
        "{stderr}"
    );
    let sources: serde_json::Value =
        serde_json::from_str(&ledger.run(&["sources", "--format", "json"])).unwrap();
    assert_eq!(sources[0]["url"], "https://example.org/bridge");
    assert_eq!(sources[0]["published"], "2024-05-01");
    // Another publisher would make it a copy printed elsewhere (tests/it/ingest.rs).
    assert_eq!(sources.as_array().unwrap().len(), 1);
    let dated = ledger.run(&["list", "--since", "2024-05-01", "--format", "jsonl"]);
    assert_eq!(dated.lines().count(), ledger.claim_count());
    // The same again changes nothing and says so.
    let out = ledger
        .cmd()
        .args(["ingest", "--date", "2024-05-01", ENGLISH])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing added"));
}

/// Feature (dates): --since/--until look at the publication date only; --undated adds claims
/// without one; stats by month has an "undated" row.
#[test]
fn dates_are_publication_dates() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", "--date", "2024-05-01", ENGLISH]);
    ledger.run(&["add", "--text", "Prices rose 4 percent in May"]);
    let count = |args: &[&str]| {
        let mut all = vec!["list", "--format", "jsonl"];
        all.extend_from_slice(args);
        ledger.run(&all).lines().count()
    };
    assert_eq!(count(&["--since", "2024-05-01"]), 4);
    assert_eq!(count(&["--since", "2024-05-01", "--undated"]), 5);
    assert_eq!(count(&["--until", "2024-04-30"]), 0);
    assert_eq!(count(&["--until", "2024-04-30", "--undated"]), 1);
    let stats: serde_json::Value =
        serde_json::from_str(&ledger.run(&["stats", "--format", "json"])).unwrap();
    assert_eq!(
        stats["by_month"],
        serde_json::json!([["2024-05", 4], ["undated", 1]])
    );
}

/// Feature (triage): `dismissed` needs a reason, leaves the default queue, and is counted.
#[test]
fn dismissed_claims_leave_the_queue() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    let n = ledger.claim_count();
    ledger.fails(&["review", "1", "--status", "dismissed"], 1, "needs a note");
    ledger.run(&[
        "review",
        "1",
        "--status",
        "dismissed",
        "--note",
        "opinion, not checkable",
    ]);
    assert_eq!(
        ids(&ledger.run(&["list", "--format", "jsonl"])).len(),
        n - 1
    );
    assert!(!ids(&ledger.run(&["list", "--format", "jsonl"])).contains(&1));
    assert_eq!(
        ids(&ledger.run(&["list", "--all", "--format", "jsonl"])).len(),
        n
    );
    assert_eq!(
        ids(&ledger.run(&["list", "--status", "dismissed", "--format", "jsonl"])),
        [1]
    );
    let stats: serde_json::Value =
        serde_json::from_str(&ledger.run(&["stats", "--format", "json"])).unwrap();
    assert!(
        stats["by_status"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(["dismissed", 1]))
    );
    // With a base URL every rated verdict would be written: a dismissal is none.
    let claim_reviews = [
        "export",
        "--format",
        "claimreview",
        "--org-name",
        "Desk",
        "--base-url",
        "https://desk.example",
    ];
    assert_eq!(ledger.run(&claim_reviews), "[\n]\n");
    let claim_lines = ledger.run(&["export", "--format", "jsonl"]);
    let claim_lines = claim_lines.lines().filter(|l| !l.starts_with("{\"kind\""));
    assert_eq!(claim_lines.count(), n);
    ledger.fails(
        &["review", "1", "--status", "unverified"],
        1,
        "claim 1 is dismissed",
    );
    ledger.run(&[
        "review",
        "1",
        "--status",
        "unverified",
        "--note",
        "A figure after all",
    ]);
    assert_eq!(ids(&ledger.run(&["list", "--format", "jsonl"])).len(), n);
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

/// Feature (corrections): edit, delete, speakers rename/merge/set and sources edit change the
/// ledger and are kept in the history of the claims they touch, with who, when and why.
#[test]
fn corrections_are_kept_in_the_history() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    // Claim 2 is Jane Roe's promise; 1 and 3 are other claims of the same article.
    ledger.run(&[
        "edit",
        "2",
        "--text",
        "We will open the bridge in 2027",
        "--reason",
        "misquoted",
    ]);
    assert_eq!(
        json(&ledger.run(&["show", "2", "--format", "json"]))["claim"]["text"],
        "We will open the bridge in 2027"
    );
    assert_eq!(
        ids(&ledger.run(&["search", "2027", "--format", "jsonl"])),
        [2]
    );
    // The article's sentence still has the old words; the claim text does not.
    assert!(ids(&ledger.run(&["search", "--fts", "text:traffic", "--format", "jsonl"])).is_empty());
    let trail = json(&ledger.run(&["history", "2", "--format", "json"]));
    assert_eq!(trail[0]["action"], "edit");
    assert_eq!(trail[0]["field"], "text");
    assert_eq!(trail[0]["new_value"], "We will open the bridge in 2027");
    assert_eq!(trail[0]["corrector"], "tester");
    assert_eq!(trail[0]["reason"], "misquoted");
    assert_eq!(trail[0]["corrected_at"], "2026-01-02T03:04:05Z");

    ledger.run(&[
        "speakers",
        "rename",
        "Jane Roe",
        "Jane Q. Roe",
        "--reason",
        "full name",
    ]);
    assert_eq!(
        json(&ledger.run(&["show", "2", "--format", "json"]))["claim"]["speakers"],
        serde_json::json!(["Jane Q. Roe"])
    );
    assert_eq!(
        ids(&ledger.run(&["list", "--speaker", "Jane Roe", "--format", "jsonl"])),
        [2]
    );
    ledger.run(&[
        "add",
        "--text",
        "Tolls will stay at 2 dollars",
        "--speaker",
        "J. Roe",
    ]);
    ledger.run(&["speakers", "merge", "J. Roe", "Jane Q. Roe"]);
    assert_eq!(
        ids(&ledger.run(&["list", "--speaker", "Jane Q. Roe", "--format", "jsonl"])),
        [2, 5]
    );
    assert_eq!(
        ids(&ledger.run(&["list", "--speaker", "J. Roe", "--format", "jsonl"])),
        [2, 5]
    );
    ledger.run(&[
        "speakers",
        "set",
        "Jane Q. Roe",
        "--kind",
        "government",
        "--role",
        "Mayor of Riverton",
    ]);
    let five = json(&ledger.run(&["show", "5", "--format", "json"]));
    assert_eq!(five["claim"]["kinds"], serde_json::json!(["government"]));
    assert_eq!(
        five["claim"]["roles"],
        serde_json::json!(["Mayor of Riverton"])
    );
    let actions: Vec<String> = json(&ledger.run(&["history", "5", "--format", "json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c["action"].as_str().unwrap(),
                c["field"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        actions,
        ["rename name", "merge name", "set kind", "set role"]
    );

    ledger.run(&[
        "sources",
        "edit",
        "1",
        "--url",
        "https://example.org/bridge",
        "--date",
        "2024-05-01",
    ]);
    let sources = json(&ledger.run(&["sources", "--format", "json"]));
    // Source 2 is the typed claim's (its language only).
    let article = sources.as_array().unwrap().iter().find(|s| s["id"] == 1);
    assert_eq!(article.unwrap()["url"], "https://example.org/bridge");
    assert!(ledger.run(&["history", "1"]).contains("edit source 1: url"));
    ledger.fails(
        &["sources", "edit", "9", "--url", "https://x.org"],
        1,
        "no source with id 9",
    );
    ledger.fails(
        &["speakers", "rename", "Nobody", "X"],
        1,
        "no speaker called 'Nobody'",
    );
    ledger.fails(
        &["speakers", "set", "Jane Q. Roe"],
        2,
        "needs --kind or --role",
    );

    ledger.cmd().args(["delete", "3"]).assert().code(2);
    ledger.run(&["delete", "3", "--reason", "not a claim"]);
    ledger.fails(&["show", "3"], 1, "no claim with id 3");
    let gone = json(&ledger.run(&["history", "3", "--format", "json"]));
    assert_eq!(gone[0]["action"], "delete");
    assert_eq!(gone[0]["reason"], "not a claim");
    let old = json(gone[0]["old_value"].as_str().unwrap());
    assert_eq!(old["text"], "the project will cost 40 million dollars");
    assert!(ids(&ledger.run(&["search", "million", "--format", "jsonl"])).is_empty());
}

/// Reviews and corrections are append-only: updating or deleting an existing row fails.
#[test]
fn trails_are_append_only() {
    let ledger = Ledger::new();
    ledger.run(&["add", "--text", "Exports grew 12 percent in 2023"]);
    ledger.run(&["review", "1", "--status", "false", "--note", "It was 9"]);
    ledger.run(&["edit", "1", "--text", "Exports grew 12 percent in 2022"]);
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    for sql in [
        "UPDATE reviews SET note = 'x' WHERE id = 1",
        "DELETE FROM reviews WHERE id = 1",
        "UPDATE corrections SET reason = 'x' WHERE id = 1",
        "DELETE FROM corrections WHERE id = 1",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

/// Feature (bulk ingest): a bad input is reported and skipped, the rest is stored, one summary
/// line ends the run and the exit code is 1; --strict stores nothing.
#[test]
fn bulk_ingest_finishes() {
    let ledger = Ledger::new();
    let binary = ledger.path("photo.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(50)).unwrap();
    let jsonl = ledger.path("feed.jsonl");
    let english = std::fs::read_to_string(ENGLISH).unwrap();
    std::fs::write(
        &jsonl,
        format!("{}\nnot json\n", serde_json::json!({ "text": english })),
    )
    .unwrap();
    let missing = ledger.path("missing.txt");
    let strict = ledger
        .cmd()
        .args(["ingest", "--strict", GERMAN, &binary])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("nothing was stored (--strict)"));
    // Nothing stored, and no empty ledger file left behind either.
    assert!(!ledger.db().exists());

    let out = ledger
        .cmd()
        .args(["ingest", GERMAN, &binary, &missing, &jsonl])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        // The good line of the feed is stored, its bad line skipped.
        stdout.starts_with("ingested 2 article(s) with "),
        "{stdout}"
    );
    assert!(
        stdout
            .trim_end()
            .ends_with("; 0 already present; 3 skipped"),
        "{stdout}"
    );
    assert!(
        stderr.contains(&format!("{binary}: skipped: the input looks binary")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{missing}: skipped: no such file or directory")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{jsonl}:2: skipped: not a JSON object")),
        "{stderr}"
    );
    assert!(
        stderr.trim_end().ends_with(
            "3 input(s) skipped (see above): fix them and ingest them again, the others are stored"
        ),
        "{stderr}"
    );
    let sources = json(&ledger.run(&["sources", "--format", "json"]));
    assert_eq!(sources.as_array().unwrap().len(), 2);
}

/// Feature (dates): a .jsonl article may carry its title, url, publisher, publication date and
/// authors; the command line still wins; a bad date is reported.
#[test]
fn jsonl_articles_carry_their_details() {
    let ledger = Ledger::new();
    let english = std::fs::read_to_string(ENGLISH).unwrap();
    let german = std::fs::read_to_string(GERMAN).unwrap();
    let feed = ledger.path("feed.jsonl");
    std::fs::write(
        &feed,
        format!(
            "{}\n{}\n",
            serde_json::json!({"text": english, "title": "Bridge vote", "url": "https://example.org/bridge",
                "publisher": "Riverton Times", "published": "2024-05-01T08:00:00Z", "authors": ["Sam Ortiz", "Ann Lee"]}),
            serde_json::json!({"text": german, "published": "2024-06-02"}),
        ),
    )
    .unwrap();
    ledger.run(&["ingest", "--publisher", "Desk Feed", &feed]);
    let sources = json(&ledger.run(&["sources", "--format", "json"]));
    let bridge = sources
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Bridge vote")
        .unwrap();
    assert_eq!(bridge["url"], "https://example.org/bridge");
    assert_eq!(bridge["published"], "2024-05-01");
    assert_eq!(bridge["publisher"], "Desk Feed");
    assert_eq!(
        bridge["authors"],
        serde_json::json!(["Sam Ortiz", "Ann Lee"])
    );
    assert_eq!(
        ledger
            .run(&["list", "--since", "2024-06-01", "--format", "jsonl"])
            .lines()
            .count(),
        8
    );
    let bad = ledger.path("bad.jsonl");
    std::fs::write(
        &bad,
        format!(
            "{}\n",
            serde_json::json!({"text": english, "published": "May 1st"})
        ),
    )
    .unwrap();
    ledger.fails(
        &["ingest", "--strict", &bad],
        1,
        "\"published\" 'May 1st' is not a date",
    );
}

/// Bug 4: a read-only ledger in a read-only folder (no WAL files can be made) is still
/// readable. Needs a user the permissions bind: run as root, it drops to `nobody` with
/// runuser; otherwise it is skipped.
#[cfg(unix)]
#[test]
fn read_only_ledger_in_a_read_only_folder_is_readable() {
    use std::os::unix::fs::PermissionsExt;
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let runuser = std::path::Path::new("/usr/sbin/runuser").exists();
    if !(root && runuser) {
        eprintln!("skipped: needs root and runuser to read as another user");
        return;
    }
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    let folder = ledger.dir.path();
    std::fs::set_permissions(ledger.db(), std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let as_nobody = |args: &[&str]| {
        let mut all = vec!["-u", "nobody", "--"];
        let bin = assert_cmd::cargo::cargo_bin("claimledger");
        let db = ledger.db();
        all.push(bin.to_str().unwrap());
        all.extend_from_slice(&["--db", db.to_str().unwrap()]);
        all.extend_from_slice(args);
        std::process::Command::new("runuser")
            .args(&all)
            .output()
            .unwrap()
    };
    let list = as_nobody(&["list", "--format", "jsonl"]);
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().count(), 4);
    let search = as_nobody(&["search", "bridge", "--format", "jsonl"]);
    assert!(
        search.status.success(),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
    let review = as_nobody(&["review", "1", "--status", "in-review"]);
    assert_eq!(review.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&review.stderr).contains("read-only"));
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Feature: every command that writes names the ledger on stderr, in one line; reads do not.
#[test]
fn writing_commands_name_their_ledger() {
    let ledger = Ledger::new();
    let line = format!("ledger: {}\n", ledger.db().display());
    for args in [
        &["add", "--text", "Prices rose 4 percent in May"][..],
        &["ingest", ENGLISH],
        &["review", "1", "--status", "in-review"],
        &["edit", "1", "--cue", "stated"],
        &["sources", "edit", "1", "--title", "Bridge"],
    ] {
        let out = ledger.cmd().args(args).output().unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stderr), line, "{args:?}");
    }
    let out = ledger.cmd().args(["list"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Bug 8: a CSV saved by a German spreadsheet (';', decimal comma, no byte-order mark) imports.
#[test]
fn semicolon_csv_without_bom_imports() {
    let ledger = desk_ledger();
    let excel = ledger.run(&["export", "--excel"]);
    let plain = excel.trim_start_matches('\u{feff}');
    let path = ledger.path("sheet.csv");
    std::fs::write(&path, plain).unwrap();
    let other = Ledger::new();
    other.run(&["import", &path]);
    assert_eq!(other.run(&["export"]), ledger.run(&["export"]));
}

/// The queue's filters include the article's language (the desk filters by it too).
#[test]
fn list_and_stats_filter_by_language() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", GERMAN, ENGLISH]);
    let all = ledger.run(&["list", "--format", "jsonl"]).lines().count();
    let de = ledger.run(&["list", "--language", "de", "--format", "jsonl"]);
    let en = ledger.run(&["list", "--language", "EN", "--format", "jsonl"]);
    assert!(
        de.lines().count() > 0 && en.lines().count() > 0,
        "{de}\n{en}"
    );
    assert_eq!(de.lines().count() + en.lines().count(), all);
    let stats = ledger.run(&["stats", "--language", "de", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["claims"], de.lines().count());
    assert_eq!(stats["sources"], 1);
    ledger.fails(&["list", "--language", "xx"], 1, "unknown language 'xx'");
}
