//! End-to-end tests: the real binary on temporary ledgers.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const GERMAN: &str = "tests/fixtures/hafen-de.txt";
const ENGLISH: &str = "tests/fixtures/bridge-en.txt";

/// A temporary ledger and a way to run claimledger against it with a clean environment.
struct Ledger {
    dir: TempDir,
}

impl Ledger {
    fn new() -> Ledger {
        Ledger {
            dir: TempDir::new().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.db")
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("claimledger").unwrap();
        cmd.env_clear()
            .env("CLAIMLEDGER_DB", self.db())
            .env("CLAIMLEDGER_REVIEWER", "tester")
            .env("CLAIMLEDGER_NOW", "2026-01-02T03:04:05Z")
            .env("CLAIMLEDGER_BUSY_TIMEOUT_MS", "200");
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    /// Runs a command that must fail with `code` and one line on stderr containing `needle`.
    fn fails(&self, args: &[&str], code: i32, needle: &str) {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .code(code)
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(needle), "stderr of {args:?}: {stderr}");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "one line expected: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    fn claim_count(&self) -> usize {
        let out = self.run(&["list", "--format", "jsonl"]);
        out.lines().count()
    }
}

#[test]
fn ingest_review_history_export_import_round_trip() {
    let ledger = Ledger::new();
    ledger.run(&["init"]);
    let out = ledger.run(&["ingest", GERMAN, ENGLISH]);
    assert!(out.contains("ingested 2 article(s)"), "{out}");
    let again = ledger
        .cmd()
        .args(["ingest", GERMAN])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&again.stderr).contains("already in the ledger"));
    let before = ledger.claim_count();
    assert!(before >= 8, "{before} claims");

    ledger.run(&["review", "1", "--status", "in-review"]);
    ledger.run(&[
        "review",
        "1",
        "2",
        "--status",
        "false",
        "--note",
        "Budget shows 52 million",
        "--evidence",
        "https://example.org/budget",
    ]);
    let history = ledger.run(&["history", "1", "--format", "json"]);
    let trail: serde_json::Value = serde_json::from_str(&history).unwrap();
    assert_eq!(trail.as_array().unwrap().len(), 2);
    assert_eq!(trail[1]["to"], "false");
    assert_eq!(trail[1]["reviewer"], "tester");
    assert_eq!(trail[1]["evidence"][0], "https://example.org/budget");

    let csv1 = ledger.path("one.csv");
    ledger.run(&["export", "--format", "csv", "-o", &csv1]);
    let other = Ledger::new();
    other.run(&["import", &csv1]);
    let csv2 = other.path("two.csv");
    other.run(&["export", "--format", "csv", "-o", &csv2]);
    let (a, b) = (
        std::fs::read_to_string(&csv1).unwrap(),
        std::fs::read_to_string(&csv2).unwrap(),
    );
    assert_eq!(a, b);
    assert!(a.starts_with("id,status,text,speakers,roles"), "{a}");
    assert!(a.contains("Budget shows 52 million"));
}

#[test]
fn extracted_claims_have_speakers_and_modes() {
    let ledger = Ledger::new();
    let out = ledger.run(&["extract", "--format", "json", GERMAN]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["language"], "de");
    assert_eq!(doc["publisher"], "Beispielpresse");
    assert_eq!(doc["dateline"], "NORDHAFEN");
    assert_eq!(
        doc["authors"],
        serde_json::json!(["Lena Kraus", "Tom Becker"])
    );
    let claims = doc["claims"].as_array().unwrap();
    let find = |needle: &str| {
        claims
            .iter()
            .find(|c| c["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no claim with {needle}: {claims:#?}"))
    };
    let deny = find("von den Plänen früh erfahren");
    assert_eq!(deny["stance"], "deny");
    assert_eq!(deny["speakers"].as_array().unwrap().len(), 2);
    let quote = find("Kein Schiff muss umgeleitet werden");
    assert_eq!(quote["mode"], "direct");
    assert_eq!(quote["speakers"][0]["name"], "Mara Lindqvist");
    let later = find("der Zeitplan sei trotz des Winters zu halten");
    assert_eq!(later["speakers"][0]["name"], "Mara Lindqvist");
    for c in claims {
        let text = c["text"].as_str().unwrap();
        assert!(
            !text.contains("lehnte es ab")
                && !text.contains("AUSBLICK")
                && !text.contains("Morgennebel"),
            "{text}"
        );
    }
    let en = ledger.run(&["extract", "--format", "json", ENGLISH]);
    let doc: serde_json::Value = serde_json::from_str(&en).unwrap();
    assert_eq!(doc["language"], "en");
    let texts: Vec<&str> = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("the project will cost 40 million dollars")),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t.contains("declined")), "{texts:?}");
}

#[test]
fn search_ignores_diacritics_and_rejects_bad_queries() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", GERMAN]);
    let plain = ledger.run(&["search", "Plaenen", "--format", "jsonl"]);
    let umlaut = ledger.run(&["search", "Plänen", "--format", "jsonl"]);
    // "Plänen", "Planen" and the transliteration "Plaenen" all fold together.
    assert_eq!(plain.lines().count(), 1);
    assert_eq!(umlaut.lines().count(), 1);
    let folded = ledger.run(&["search", "Planen", "--format", "jsonl"]);
    assert_eq!(folded.lines().count(), 1);
    let table = ledger.run(&["search", "Schiff"]);
    assert!(table.contains("[Schiff]"), "{table}");
    ledger.fails(&["search", "--fts", "\"unclosed"], 1, "is not valid");
    // Hits come best first and say so.
    let hits = ledger.run(&["search", "Kaimauer OR Schiff", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(&hits).unwrap();
    let ranks: Vec<u64> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["rank"].as_u64().unwrap())
        .collect();
    assert!(ranks.len() >= 2, "{hits}");
    assert_eq!(ranks, (1..=ranks.len() as u64).collect::<Vec<_>>());
}

#[test]
fn speakers_and_sources_as_csv() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", "--url", "https://example.org/hafen", GERMAN]);
    let sources = ledger.run(&["sources", "--format", "csv"]);
    let mut lines = sources.lines();
    assert_eq!(
        lines.next(),
        Some("id,title,publisher,url,published,language,claims")
    );
    let row = lines.next().unwrap();
    assert!(row.contains(",https://example.org/hafen,"), "{row}");
    assert!(!sources.contains('|'), "a table, not CSV: {sources}");
    let speakers = ledger.run(&["speakers", "--format", "csv"]);
    assert!(speakers.starts_with("id,name,role,kind,aliases,claims"));
    assert!(speakers.contains("Mara Lindqvist"), "{speakers}");
}

#[test]
fn filters_narrow_the_list() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", "--date", "2024-05-01", GERMAN]);
    ledger.run(&["ingest", "--date", "2024-07-01", ENGLISH]);
    ledger.run(&[
        "add",
        "--text",
        "The port handled 3 million containers in 2023",
        "--speaker",
        "Port Authority",
        "--source",
        "Hand notes",
    ]);
    let all = ledger.claim_count();
    let de = ledger
        .run(&["list", "--until", "2024-05-31", "--format", "jsonl"])
        .lines()
        .count();
    let en = ledger
        .run(&[
            "list",
            "--since",
            "2024-06-01",
            "--until",
            "2024-12-31",
            "--format",
            "jsonl",
        ])
        .lines()
        .count();
    assert!(de > 0 && en > 0 && de + en < all);
    let deny = ledger.run(&["list", "--stance", "deny", "--format", "jsonl"]);
    assert_eq!(deny.lines().count(), 1);
    let lind = ledger.run(&["list", "--speaker", "Lindqvist", "--format", "jsonl"]);
    assert!(lind.lines().count() >= 2, "alias lookup: {lind}");
    let direct = ledger.run(&["list", "--mode", "direct", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&direct).unwrap();
    assert!(v.as_array().unwrap().iter().all(|c| c["mode"] == "direct"));
    let top = ledger.run(&[
        "list", "--sort", "score", "--limit", "1", "--format", "jsonl",
    ]);
    assert_eq!(top.lines().count(), 1);
    let pub_ = ledger.run(&["list", "--publisher", "Beispielpresse", "--format", "jsonl"]);
    assert_eq!(pub_.lines().count(), de);
    ledger.run(&["stats", "--format", "csv"]);
    assert!(ledger.run(&["speakers"]).contains("Mara Lindqvist"));
}

#[test]
fn formulas_are_neutralised_unless_raw() {
    let ledger = Ledger::new();
    ledger.run(&[
        "add",
        "--text",
        "=HYPERLINK(\"http://evil\") sales rose 5 percent",
        "--speaker",
        "@someone",
    ]);
    let safe = ledger.run(&["export"]);
    assert!(safe.contains("'=HYPERLINK"), "{safe}");
    assert!(safe.contains("'@someone"), "{safe}");
    let raw = ledger.run(&["export", "--raw"]);
    assert!(raw.contains("\"=HYPERLINK"), "{raw}");
}

#[test]
fn bad_ids_statuses_and_dates() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    ledger.fails(&["show", "999"], 1, "no claim with id 999");
    ledger.fails(
        &["review", "1", "--status", "bogus"],
        1,
        "unknown status 'bogus'",
    );
    ledger.fails(
        &["review", "1", "--status", "false"],
        1,
        "needs a note saying why: add --note TEXT",
    );
    ledger.fails(
        &["review", "1", "999", "--status", "in-review"],
        1,
        "no claim with id 999: see 'claimledger list' for ids",
    );
    // Nothing was written for claim 1 either.
    assert!(ledger.run(&["history", "1"]).contains("no reviews yet"));
    ledger.fails(&["list", "--since", "2024-13-01"], 1, "is not a date");
    ledger.fails(&["list", "--min-score", "3"], 1, "out of range");
}

#[test]
fn bad_input_files() {
    let ledger = Ledger::new();
    let empty = ledger.path("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    // --strict: the first bad input stops the ingest with one line and nothing stored.
    ledger.fails(&["ingest", "--strict", &empty], 1, "empty");
    ledger.fails(
        &["ingest", "--strict", "does/not/exist.txt"],
        1,
        "no such file",
    );
    let dir = ledger.path("folder");
    std::fs::create_dir(&dir).unwrap();
    ledger.fails(&["extract", &dir], 1, "is a directory");
    let binary = ledger.path("image.txt");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..400u32).map(|i| (i % 7) as u8));
    std::fs::write(&binary, bytes).unwrap();
    ledger.fails(&["ingest", "--strict", &binary, ENGLISH], 1, "looks binary");
    // The good file in the same call was not stored either, and no empty ledger is left.
    assert!(!ledger.db().exists());
    let latin = ledger.path("latin.txt");
    std::fs::write(
        &latin,
        b"\xdcberschrift\n\nDer Minister sagte, die Stra\xdfe werde im M\xe4rz 2025 gesperrt.\n",
    )
    .unwrap();
    let out = ledger.run(&["extract", "--format", "json", &latin]);
    assert!(out.contains("Straße werde im März 2025 gesperrt"), "{out}");
}

#[test]
fn bad_csv_imports_nothing() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    let good = ledger.path("good.csv");
    ledger.run(&["export", "-o", &good]);
    let text = std::fs::read_to_string(&good).unwrap();

    let missing = ledger.path("missing.csv");
    std::fs::write(&missing, text.replacen("stance,", "posture,", 1)).unwrap();
    let target = Ledger::new();
    target.fails(&["import", &missing], 1, "column stance");

    let bad_value = ledger.path("bad.csv");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[2] = lines[2].replacen(",unverified,", ",maybe,", 1);
    std::fs::write(&bad_value, lines.join("\n")).unwrap();
    target.fails(&["import", &bad_value], 1, "line 3, column status");
    assert!(!target.db().exists());

    target.run(&["import", &good]);
    // The same claims again are found, not refused as a clash of ids.
    let again = target.run(&["import", "--keep-ids", &good]);
    assert!(again.contains("imported 0 claim(s)"), "{again}");
}

fn user_version(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

#[test]
fn unusable_ledgers() {
    let ledger = Ledger::new();
    std::fs::write(
        ledger.db(),
        "this is a text file, not a database\n".repeat(20),
    )
    .unwrap();
    ledger.fails(&["list"], 3, "not a claimledger database");

    let newer = Ledger::new();
    newer.run(&["init"]);
    {
        let conn = rusqlite::Connection::open(newer.db()).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    newer.fails(&["list"], 3, "newer claimledger");
    assert_eq!(user_version(&newer.db()), 99);

    let locked = Ledger::new();
    locked.run(&["init"]);
    let conn = rusqlite::Connection::open(locked.db()).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    locked.fails(
        &["add", "--text", "Prices rose 4 percent in May"],
        3,
        "locked",
    );
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);

    let readonly = Ledger::new();
    readonly.run(&["init"]);
    let mut perms = std::fs::metadata(readonly.db()).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(readonly.db(), perms).unwrap();
    readonly.fails(
        &["add", "--text", "Prices rose 4 percent in May"],
        3,
        "read-only",
    );
}

#[test]
fn migrations_on_fresh_and_existing_ledgers() {
    let ledger = Ledger::new();
    let init = ledger.run(&["init"]);
    let latest = user_version(&ledger.db());
    // 0001, 0002 (claims and appearances), 0003 (corrections), then the others in order.
    // 0001, 0002 (claims and appearances), 0003 (corrections), 0004 (the desk's reviewers), …
    assert_eq!(
        latest,
        claimledger::store::migrate::latest_version(),
        "{init}"
    );
    assert!(latest >= 4, "{init}");
    assert!(init.contains(&format!("schema {latest}")), "{init}");
    ledger.run(&[
        "add",
        "--text",
        "Exports grew 12 percent in 2023",
        "--speaker",
        "Trade Office",
    ]);
    // Opening again applies nothing and keeps the data.
    assert!(ledger.run(&["init"]).contains(&format!("schema {latest}")));
    assert_eq!(ledger.claim_count(), 1);
    assert_eq!(user_version(&ledger.db()), latest);
}

#[test]
fn status_changes_only_through_reviews() {
    let ledger = Ledger::new();
    ledger.run(&["add", "--text", "Exports grew 12 percent in 2023"]);
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    let err = conn
        .execute("UPDATE claims SET status = 'true' WHERE id = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("only through a review"), "{err}");
    let err = conn.execute("DELETE FROM reviews", []).map(|_| ()).err();
    assert!(err.is_none(), "no reviews yet, nothing to refuse");
}

#[test]
fn help_shows_examples() {
    for cmd in [
        "ingest", "list", "review", "search", "export", "import", "stats",
    ] {
        let out = Command::cargo_bin("claimledger")
            .unwrap()
            .args([cmd, "--help"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(String::from_utf8(out).unwrap().contains("Example"), "{cmd}");
    }
}

#[test]
fn export_refuses_to_write_over_the_ledger() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    let db = ledger.db().display().to_string();
    let before = std::fs::read(ledger.db()).unwrap();
    ledger.fails(&["export", "-o", &db], 1, "is the ledger itself");
    ledger.fails(&["report", "-o", &db], 1, "is the ledger itself");
    // Also through another spelling of the same path.
    let dotted = ledger.dir.path().join(".").join("ledger.db");
    ledger.fails(
        &["export", "-o", &dotted.display().to_string()],
        1,
        "is the ledger itself",
    );
    // Any other SQLite file (another ledger, a backup) is refused too.
    let copy = ledger.path("copy.db");
    ledger.run(&["backup", &copy]);
    ledger.fails(&["export", "-o", &copy], 1, "is an SQLite database");
    ledger.fails(&["report", "-o", &copy], 1, "is an SQLite database");
    assert_eq!(std::fs::read(ledger.db()).unwrap(), before);
    assert_eq!(ledger.claim_count(), 4);
}

#[test]
fn backup_copies_a_live_ledger_and_never_overwrites_unasked() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    ledger.run(&[
        "review",
        "1",
        "--status",
        "false",
        "--note",
        "vote was 6 to 3",
    ]);
    let copy = ledger.path("copy.db");
    let out = ledger.run(&["backup", &copy]);
    assert!(out.contains("backup of"), "{out}");
    let list = ledger.run(&["list", "--format", "jsonl"]);
    let copied = ledger.run(&["--db", &copy, "list", "--format", "jsonl"]);
    assert_eq!(list, copied);
    assert!(
        !std::path::Path::new(&format!("{copy}-wal")).exists(),
        "the copy is one file"
    );
    ledger.fails(
        &["backup", &copy],
        1,
        "exists: give a new file name, or add --force",
    );
    ledger.run(&["review", "2", "--status", "in-review"]);
    ledger.run(&["backup", &copy, "--force"]);
    let copied = ledger.run(&["--db", &copy, "show", "2"]);
    assert!(copied.contains("in-review"), "{copied}");
    let db = ledger.db().display().to_string();
    ledger.fails(&["backup", &db, "--force"], 1, "is the ledger itself");
    ledger.fails(&["backup", &ledger.path("")], 1, "is a directory");
    let leftovers: Vec<_> = std::fs::read_dir(ledger.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn redact_removes_a_person_everywhere_and_the_trail_keeps_only_the_fact() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    ledger.run(&[
        "review",
        "2",
        "--status",
        "in-review",
        "--note",
        "ask Jane Roe's office for the timetable",
    ]);
    assert!(ledger.run(&["search", "Roe"]).contains("1 hit"));
    let out = ledger.run(&[
        "redact",
        "--speaker",
        "jane roe",
        "--reason",
        "erasure request",
        "--by",
        "editor",
    ]);
    assert!(
        out.contains("redacted: 1 claims, 1 sources, 1 speakers"),
        "{out}"
    );
    for args in [
        &["export", "--format", "jsonl"][..],
        &["export", "--format", "csv"],
        &["export", "--format", "claimreview", "--org-name", "Desk"],
        &["speakers"],
        &["sources", "--format", "json"],
        &["show", "2"],
        &["history", "2", "--format", "json"],
    ] {
        let text = ledger.run(args);
        assert!(!text.contains("Roe"), "{args:?}: {text}");
    }
    assert!(ledger.run(&["search", "Roe"]).contains("0 hit"));
    assert!(
        ledger
            .run(&["show", "2"])
            .contains("said Mayor [redacted], who")
    );
    let trail: serde_json::Value =
        serde_json::from_str(&ledger.run(&["history", "2", "--format", "json"])).unwrap();
    let redaction = trail
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "redact" && e["target"] == "claim")
        .expect("the redaction is in the claim's trail");
    assert_eq!(redaction["reason"], "erasure request");
    assert_eq!(redaction["corrector"], "editor");
    assert!(redaction["old_value"].is_null() && redaction["new_value"].is_null());
    // Nothing of the name is left in the file (index segments, freed pages, the log).
    let bytes = std::fs::read(ledger.db()).unwrap();
    assert!(
        !bytes.windows(3).any(|w| w == b"Roe"),
        "the name is still in the file"
    );
    // Claims of other speakers are untouched, and the append-only guards are back.
    assert!(ledger.run(&["show", "3"]).contains("county budget office"));
    ledger.run(&["review", "2", "--status", "unverified"]);
    assert_eq!(ledger.claim_count(), 4);
}

#[test]
fn redact_text_removes_a_phrase_and_refuses_what_it_cannot_do() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    let out = ledger.run(&["redact", "--text", "since 2021", "--reason", "detail"]);
    assert!(out.contains("1 claims"), "{out}");
    assert!(!ledger.run(&["show", "2"]).contains("2021"));
    ledger.fails(
        &["redact", "--speaker", "Nobody Here", "--reason", "x"],
        1,
        "no speaker called 'Nobody Here'",
    );
    ledger.fails(
        &["redact", "--text", "x", "--reason", "why"],
        1,
        "at least two",
    );
    ledger.fails(
        &["redact", "--text", "bridge", "--reason", " "],
        1,
        "--reason is empty",
    );
}

#[test]
fn edit_speaker_keeps_roles_and_the_trail_records_them() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    assert!(ledger.run(&["show", "2"]).contains("Jane Roe, Mayor"));
    ledger.run(&[
        "edit",
        "2",
        "--speaker",
        "Jane Roe",
        "--speaker",
        "Ann Lee",
        "--reason",
        "two speakers",
    ]);
    let show = ledger.run(&["show", "2"]);
    assert!(show.contains("Jane Roe, Mayor"), "{show}");
    let csv = ledger.run(&["export", "--format", "csv", "--appearances"]);
    assert!(csv.contains("Jane Roe; Ann Lee,Mayor; ,"), "{csv}");
    ledger.run(&[
        "edit",
        "2",
        "--speaker",
        "Ann Lee",
        "--reason",
        "it was Lee",
    ]);
    let trail: serde_json::Value =
        serde_json::from_str(&ledger.run(&["history", "2", "--format", "json"])).unwrap();
    let roles = trail
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "speaker roles" && e["old_value"] == "Mayor; ")
        .expect("the roles taken away are in the trail");
    assert_eq!(roles["new_value"], "");
}

#[test]
fn urls_are_validated_wherever_one_is_taken() {
    let ledger = Ledger::new();
    let bad = "javascript:alert(1)";
    ledger.fails(&["ingest", "--url", bad, ENGLISH], 1, "is not a URL");
    ledger.fails(
        &["add", "--text", "Tolls rose by half", "--source-url", bad],
        1,
        "is not a URL",
    );
    let feed = ledger.path("feed.jsonl");
    let text = std::fs::read_to_string(ENGLISH).unwrap();
    std::fs::write(
        &feed,
        serde_json::json!({"text": text, "url": bad}).to_string(),
    )
    .unwrap();
    let out = ledger
        .cmd()
        .args(["ingest", "--strict", &feed])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("\"url\" 'javascript:alert(1)' is not a URL")
    );
    ledger.run(&["ingest", ENGLISH]);
    ledger.fails(&["sources", "edit", "1", "--url", bad], 1, "is not a URL");
    // An import with such a URL is refused whole.
    let csv = ledger.run(&["export", "--format", "csv"]);
    let evil = ledger.path("evil.csv");
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    lines[1] = lines[1].replace(",Example News,,", &format!(",Example News,{bad},"));
    std::fs::write(&evil, lines.join("\n")).unwrap();
    let other = Ledger::new();
    other.fails(&["import", &evil], 1, "is not a URL");
    assert!(!other.db().exists());
    let export = ledger.run(&["export", "--format", "claimreview", "--org-name", "Desk"]);
    assert!(!export.contains("javascript:"));
}

#[test]
fn add_sets_the_language_of_a_typed_claim() {
    let ledger = Ledger::new();
    ledger.run(&[
        "add",
        "--text",
        "Die Regierung hat die Steuer auf Diesel deutlich erhöht",
    ]);
    ledger.run(&[
        "add",
        "--text",
        "The council has doubled the parking fees in the centre",
    ]);
    ledger.run(&["add", "--text", "Hello there", "--language", "fr"]);
    let german = ledger.run(&["list", "--language", "de", "--format", "jsonl"]);
    assert_eq!(german.lines().count(), 1, "{german}");
    assert!(german.contains("Diesel"));
    let english = ledger.run(&["list", "--language", "en", "--format", "jsonl"]);
    assert_eq!(english.lines().count(), 1, "{english}");
    let french = ledger.run(&["list", "--language", "fr", "--format", "jsonl"]);
    assert!(french.contains("Hello there"), "{french}");
    ledger.fails(
        &["add", "--text", "x y z", "--language", "xx"],
        1,
        "unknown language 'xx'",
    );
}

#[test]
fn extract_json_of_several_files_is_one_array() {
    let ledger = Ledger::new();
    let out = ledger.run(&["extract", "--format", "json", GERMAN, ENGLISH]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    let articles = doc.as_array().expect("an array");
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["language"], "de");
    assert_eq!(articles[1]["language"], "en");
    // One file stays one object.
    let one: serde_json::Value =
        serde_json::from_str(&ledger.run(&["extract", "--format", "json", ENGLISH])).unwrap();
    assert!(one.is_object());
}

#[test]
fn format_is_honoured_or_refused() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    ledger.run(&[
        "review",
        "1",
        "--status",
        "false",
        "--note",
        "=SUM(A1) was 6 to 3",
    ]);
    let csv = ledger.run(&["history", "1", "--format", "csv"]);
    assert!(csv.starts_with("when,from,to,by,note,evidence\n"), "{csv}");
    assert!(
        csv.contains("unverified,false,tester,'=SUM(A1) was 6 to 3"),
        "{csv}"
    );
    let show = ledger.run(&["show", "1", "--format", "jsonl"]);
    assert_eq!(show.lines().count(), 1);
    serde_json::from_str::<serde_json::Value>(&show).unwrap();
    ledger.fails(
        &["show", "1", "--format", "csv"],
        2,
        "show prints one claim",
    );
    let stats = ledger.run(&["stats", "--format", "jsonl"]);
    assert_eq!(stats.lines().count(), 1);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stats).unwrap()["claims"],
        4
    );
    let lines = ledger.path("lines.txt");
    std::fs::write(
        &lines,
        "The port handled 9 million tonnes last year, the minister said.\n",
    )
    .unwrap();
    for format in ["table", "json"] {
        ledger.fails(
            &["extract", "--each-line", "--format", format, &lines],
            2,
            "--each-line prints one JSON line per input line",
        );
    }
    let each = ledger.run(&["extract", "--each-line", &lines]);
    serde_json::from_str::<serde_json::Value>(each.trim()).unwrap();
}

#[test]
fn csv_import_names_the_right_line_on_crlf_files() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", ENGLISH]);
    let csv = ledger.run(&["export", "--format", "csv"]);
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    lines[3] = lines[3].replacen(",unverified,", ",bogus,", 1);
    for (name, end) in [("lf.csv", "\n"), ("crlf.csv", "\r\n")] {
        let path = ledger.path(name);
        std::fs::write(&path, lines.join(end) + end).unwrap();
        Ledger::new().fails(&["import", &path], 1, "line 4, column status");
    }
}

#[test]
fn messages_say_what_is_wrong() {
    let ledger = Ledger::new();
    let dir = ledger.dir.path().display().to_string();
    ledger.fails(
        &["--db", &dir, "list"],
        3,
        "is a directory, not a ledger file",
    );
    ledger.run(&["ingest", ENGLISH]);
    ledger.fails(
        &["list", "--since", "24-1-1"],
        1,
        "--since '24-1-1' is not a date in the form YYYY-MM-DD",
    );
    let feed = ledger.path("feed.jsonl");
    std::fs::write(
        &feed,
        serde_json::json!({"text": "The mayor said fares rose.", "published": 20240105})
            .to_string(),
    )
    .unwrap();
    let out = ledger.cmd().args(["ingest", &feed]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\"published\" must be a string, not 20240105"),
        "{stderr}"
    );
    std::fs::write(
        &feed,
        serde_json::json!({"text": "The mayor said fares rose.", "published": "5.1.2024"})
            .to_string(),
    )
    .unwrap();
    let out = ledger.cmd().args(["ingest", &feed]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\"published\" '5.1.2024' is not a date in the form YYYY-MM-DD"),
        "{stderr}"
    );
}

#[test]
fn a_failed_import_or_strict_ingest_leaves_no_ledger_behind() {
    let ledger = Ledger::new();
    let bad = ledger.path("bad.csv");
    std::fs::write(&bad, "id,text\n1,too few columns\n").unwrap();
    ledger.fails(&["import", &bad], 1, "column");
    assert!(!ledger.db().exists());
    let binary = ledger.path("photo.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1].repeat(40)).unwrap();
    let out = ledger
        .cmd()
        .args(["ingest", "--strict", ENGLISH, &binary])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!ledger.db().exists());
    // A ledger that was there stays, also when empty.
    ledger.run(&["init"]);
    ledger.fails(&["import", &bad], 1, "column");
    assert!(ledger.db().exists());
}

/// Runs claimledger as an unprivileged user where the tests run as root, since root may write
/// to any folder; prints "skipped" when that cannot be done.
#[test]
fn a_ledger_in_a_folder_without_write_permission_can_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let ledger = Ledger::new();
    let folder = ledger.dir.path().join("shelf");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("ledger.db");
    let db_s = db.display().to_string();
    ledger.run(&["--db", &db_s, "ingest", ENGLISH]);
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n");
    let as_nobody = root.unwrap_or(false);
    let bin = assert_cmd::cargo::cargo_bin("claimledger");
    let mut cmd = if as_nobody {
        let Ok(status) = std::process::Command::new("setpriv").arg("--help").output() else {
            println!("skipped: running as root without setpriv");
            return;
        };
        assert!(status.status.success());
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        std::process::Command::new("chown")
            .args(["-R", "65534"])
            .arg(ledger.dir.path())
            .status()
            .unwrap();
        c
    } else {
        std::process::Command::new(&bin)
    };
    std::fs::set_permissions(ledger.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = cmd
        .env_clear()
        .args(["--db", &db_s, "list", "--format", "jsonl"])
        .output()
        .unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 4);
}
