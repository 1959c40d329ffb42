//! End-to-end tests of claims and their appearances: the migration of old ledgers, listing,
//! showing, counting and exporting through appearances.

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

/// A temporary ledger and claimledger run against it with a clean environment.
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

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::cargo_bin("claimledger")
            .unwrap()
            .env_clear()
            .env("CLAIMLEDGER_DB", self.db())
            .env("CLAIMLEDGER_REVIEWER", "tester")
            .env("CLAIMLEDGER_NOW", "2026-01-02T03:04:05Z")
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
        let out = Command::cargo_bin("claimledger")
            .unwrap()
            .env_clear()
            .env("CLAIMLEDGER_DB", self.db())
            .env("CLAIMLEDGER_REVIEWER", "tester")
            .env("CLAIMLEDGER_NOW", "2026-01-02T03:04:05Z")
            .args(args)
            .assert()
            .code(code)
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(needle), "stderr of {args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }

    fn json_lines(&self, args: &[&str]) -> Vec<serde_json::Value> {
        self.run(args)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

/// Writes a ledger the way claimledger wrote it before appearances existed: schema 0001 only,
/// with a source, two speakers, three claims and a review trail.
fn write_schema_1_ledger(ledger: &Ledger) {
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    conn.execute_batch(include_str!("../../migrations/0001_init.sql"))
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    conn.execute_batch(
        "INSERT INTO sources (id, url, title, publisher, published, language, content_hash, body, ingested_at)
         VALUES (1, 'https://example.org/harbour', 'Harbour wall', 'Gazette', '2024-05-01', 'en', 'h1', 'body', '2024-05-02T00:00:00Z');
         INSERT INTO speakers (id, name, role, kind) VALUES (1, 'Ada Brook', 'mayor', 'person'), (2, 'Port Office', NULL, 'organisation');
         INSERT INTO claims (id, source_id, text, sentence, cue, mode, stance, checkworthiness, speaker_names, speaker_roles, speaker_kinds, created_at, updated_at)
         VALUES (1, 1, 'The wall will cost 48 million euros', 'Ada Brook said the wall will cost 48 million euros.', 'said', 'indirect', 'assert', 0.8, 'Ada Brook', 'mayor', 'person', '2024-05-02T00:00:00Z', '2024-05-02T00:00:00Z'),
                (2, 1, 'No ship has to be diverted', 'No ship has to be diverted, the port office said.', 'said', 'indirect', 'deny', 0.6, 'Port Office', '', 'organisation', '2024-05-02T00:00:00Z', '2024-05-02T00:00:00Z'),
                (3, NULL, 'Fares rose 4 percent', '', NULL, 'none', 'assert', 0.5, '', '', '', '2024-05-03T00:00:00Z', '2024-05-03T00:00:00Z');
         INSERT INTO claim_speakers (claim_id, speaker_id, position, mention) VALUES (1, 1, 0, 'Ada Brook'), (2, 2, 0, 'Port Office');
         INSERT INTO reviews (claim_id, from_status, to_status, note, evidence, reviewer, reviewed_at)
         VALUES (1, 'unverified', 'in-review', NULL, '[]', 'kim', '2024-05-04T00:00:00Z'),
                (1, 'in-review', 'false', 'Budget says 52 million', '[\"https://example.org/budget\"]', 'kim', '2024-05-05T00:00:00Z');",
    )
    .unwrap();
}

#[test]
fn a_schema_1_ledger_keeps_every_claim_and_review() {
    let ledger = Ledger::new();
    write_schema_1_ledger(&ledger);
    let claims = ledger.json_lines(&["list", "--format", "jsonl"]);
    let summary: Vec<(i64, &str, &str, i64)> = claims
        .iter()
        .map(|c| {
            (
                c["id"].as_i64().unwrap(),
                c["status"].as_str().unwrap(),
                c["text"].as_str().unwrap(),
                c["appearances"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, "false", "The wall will cost 48 million euros", 1),
            (2, "unverified", "No ship has to be diverted", 1),
            (3, "unverified", "Fares rose 4 percent", 1),
        ]
    );
    assert_eq!(claims[0]["first_seen"], "2024-05-01");
    assert_eq!(claims[2]["last_seen"], "2024-05-03");
    let trail: serde_json::Value =
        serde_json::from_str(&ledger.run(&["history", "1", "--format", "json"])).unwrap();
    let trail = trail.as_array().unwrap();
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[1]["to"], "false");
    assert_eq!(trail[1]["note"], "Budget says 52 million");
    assert_eq!(trail[1]["evidence"][0], "https://example.org/budget");
    // The old claim is now a claim with one appearance that keeps its source and speakers.
    let shown: serde_json::Value =
        serde_json::from_str(&ledger.run(&["show", "2", "--format", "json"])).unwrap();
    let appearances = shown["appearances"].as_array().unwrap();
    assert_eq!(appearances.len(), 1);
    assert_eq!(appearances[0]["speakers"][0], "Port Office");
    assert_eq!(appearances[0]["stance"], "deny");
    assert_eq!(appearances[0]["url"], "https://example.org/harbour");
    // Speakers are counted through the appearances.
    let by_speaker = ledger.json_lines(&["list", "--speaker", "ada brook", "--format", "jsonl"]);
    assert_eq!(by_speaker.len(), 1);
    let stats: serde_json::Value =
        serde_json::from_str(&ledger.run(&["stats", "--format", "json"])).unwrap();
    assert_eq!(stats["claims"], 3);
    assert_eq!(stats["appearances"], 3);
    assert_eq!(
        stats["by_speaker"],
        serde_json::json!([["Ada Brook", 1], ["Port Office", 1]])
    );
    // --checked: claim 1 has a verdict, the others do not.
    let checked = ledger.json_lines(&["list", "--checked", "--format", "jsonl"]);
    assert_eq!(checked.len(), 1);
    assert_eq!(
        ledger
            .json_lines(&["list", "--unchecked", "--format", "jsonl"])
            .len(),
        2
    );
    // A review after the migration still works and lands on the claim.
    ledger.run(&["review", "2", "--status", "in-review"]);
    assert_eq!(
        ledger.json_lines(&["list", "--status", "in-review", "--format", "jsonl"])[0]["id"],
        2
    );
}

#[test]
fn appearance_csv_round_trips_through_import() {
    let ledger = Ledger::new();
    write_schema_1_ledger(&ledger);
    let one = ledger.path("one.csv");
    ledger.run(&["export", "--appearances", "-o", &one]);
    let text = std::fs::read_to_string(&one).unwrap();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(",created_at,appearance,appearance_text,appearance_speakers,appearance_roles,appearance_kinds,appearance_cue,appearance_mode,appearance_stance,appearance_source_title,appearance_publisher,appearance_url,appearance_published,appearance_language,appearance_created_at")
    );
    assert_eq!(lines.count(), 3);
    let other = Ledger::new();
    let out = other.run(&["import", &one]);
    assert!(
        out.contains("imported 3 claim(s) with 3 appearance(s)"),
        "{out}"
    );
    let two = other.path("two.csv");
    other.run(&["export", "--appearances", "-o", &two]);
    assert_eq!(text, std::fs::read_to_string(&two).unwrap());
    // The per-claim CSV of both ledgers is the same too.
    assert_eq!(ledger.run(&["export"]), other.run(&["export"]));
}

/// A one-claim article: Mayor Ada Brook `verb` that the new harbour wall `rest`.
fn article(ledger: &Ledger, name: &str, verb: &str, rest: &str) -> String {
    let path = ledger.path(name);
    std::fs::write(
        &path,
        format!(
            "Harbour wall plans\n\nNORDHAFEN (Gazette) - Mayor Ada Brook {verb} that the new harbour wall {rest}.\n\nThe council meets again on Friday.\n"
        ),
    )
    .unwrap();
    path
}

/// Ingests the base article and a variant; returns the claims and the suggestions of the
/// variant's claim.
fn ingest_pair(verb: &str, rest: &str) -> (Vec<serde_json::Value>, serde_json::Value) {
    let ledger = Ledger::new();
    let base = article(
        &ledger,
        "a.txt",
        "said",
        "will cost 48 million euros by March 2025",
    );
    let variant = article(&ledger, "b.txt", verb, rest);
    ledger.run(&["ingest", &base]);
    ledger.run(&["ingest", &variant]);
    let claims = ledger.json_lines(&["list", "--format", "jsonl"]);
    let matches = if claims.len() > 1 {
        serde_json::from_str(&ledger.run(&["matches", "2", "--format", "json"])).unwrap()
    } else {
        serde_json::Value::Null
    };
    (claims, matches)
}

#[test]
fn the_same_claim_elsewhere_becomes_an_appearance() {
    let ledger = Ledger::new();
    let base = article(
        &ledger,
        "a.txt",
        "said",
        "will cost 48 million euros by March 2025",
    );
    let copy = ledger.path("copy.txt");
    std::fs::write(
        &copy,
        std::fs::read_to_string(&base)
            .unwrap()
            .replace("Gazette", "Courier"),
    )
    .unwrap();
    ledger.run(&["ingest", &base]);
    let out = ledger.run(&["ingest", &copy]);
    assert!(
        out.contains("(1 already in the ledger became appearances"),
        "{out}"
    );
    let claims = ledger.json_lines(&["list", "--format", "jsonl"]);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["appearances"], 2);
    let history = ledger.run(&["history", "1"]);
    assert!(history.contains("merged, score 1.00"), "{history}");
    // Ingesting either again changes nothing.
    ledger.run(&["ingest", &copy]);
    assert_eq!(
        ledger.json_lines(&["list", "--format", "jsonl"])[0]["appearances"],
        2
    );
}

fn assert_kept_apart(verb: &str, rest: &str, reason: &str) {
    let (claims, matches) = ingest_pair(verb, rest);
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert!(claims.iter().all(|c| c["appearances"] == 1), "{claims:?}");
    let m = &matches["matches"][0];
    assert_eq!(m["id"], 1, "{matches}");
    assert_eq!(m["relation"], "related", "{matches}");
    let said = m["reason"].as_str().unwrap_or_default();
    assert!(said.contains(reason), "{matches}");
}

#[test]
fn a_suggestion_a_reviewer_calls_not_the_same_is_dismissed_in_both_trails() {
    let ledger = Ledger::new();
    let base = article(
        &ledger,
        "a.txt",
        "said",
        "will cost 48 million euros by March 2025",
    );
    let variant = article(
        &ledger,
        "b.txt",
        "said",
        "will cost 52 million euros by March 2025",
    );
    ledger.run(&["ingest", &base]);
    ledger.run(&[
        "review",
        "1",
        "--status",
        "false",
        "--note",
        "Budget says 40",
    ]);
    ledger.run(&["ingest", &variant]);
    assert_eq!(
        ids(&ledger, &["list", "--suggested", "--format", "jsonl"]),
        vec![2]
    );
    assert_eq!(
        ids(&ledger, &["list", "--recurring", "--format", "jsonl"]),
        vec![1]
    );
    ledger.fails(
        &["matches", "1", "--not-same", "3"],
        1,
        "no claim with id 3",
    );
    let said = ledger.run(&["matches", "1", "--not-same", "2"]);
    assert!(said.contains("not the same claim"), "{said}");
    let matches: serde_json::Value =
        serde_json::from_str(&ledger.run(&["matches", "2", "--format", "json"])).unwrap();
    assert_eq!(matches["matches"][0]["state"], "dismissed", "{matches}");
    assert!(ids(&ledger, &["list", "--suggested", "--format", "jsonl"]).is_empty());
    // The other claim no longer makes the checked one recurring.
    assert!(ids(&ledger, &["list", "--recurring", "--format", "jsonl"]).is_empty());
    for (id, other) in [("1", 2), ("2", 1)] {
        let history = ledger.run(&["history", id]);
        assert!(
            history.contains(&format!("not the same claim as claim {other}")),
            "{history}"
        );
    }
    // Said once; a second time there is nothing open to dismiss.
    ledger.fails(
        &["matches", "2", "--not-same", "1"],
        1,
        "no open suggested match",
    );
    // The decision survives the ledger's own export and import.
    let exported = ledger.run(&["export", "--format", "jsonl"]);
    let file = ledger.path("all.jsonl");
    std::fs::write(&file, &exported).unwrap();
    let copy = Ledger::new();
    copy.run(&["import", &file]);
    assert_eq!(copy.run(&["export", "--format", "jsonl"]), exported);
}

#[test]
fn a_different_number_is_never_merged() {
    assert_kept_apart(
        "said",
        "will cost 52 million euros by March 2025",
        "differs: 52 million ↔ 48 million (number)",
    );
}

#[test]
fn a_different_date_is_never_merged() {
    assert_kept_apart(
        "said",
        "will cost 48 million euros by May 2025",
        "differs: May ↔ March (period)",
    );
}

#[test]
fn a_negation_is_never_merged() {
    assert_kept_apart(
        "said",
        "will not cost 48 million euros by March 2025",
        "differs: not ↔ – (negation)",
    );
}

#[test]
fn a_denial_is_never_merged_with_an_assertion() {
    assert_kept_apart(
        "denied",
        "will cost 48 million euros by March 2025",
        "stance: a denial against an assertion",
    );
}

/// The ledger of the migration test plus a copy of claim 2 typed by hand elsewhere.
fn curated_ledger() -> Ledger {
    let ledger = Ledger::new();
    write_schema_1_ledger(&ledger);
    ledger.run(&[
        "add",
        "--text",
        "No ship has to be diverted",
        "--speaker",
        "Port Office",
        "--source-url",
        "https://example.org/other",
    ]);
    ledger
}

fn ids(ledger: &Ledger, args: &[&str]) -> Vec<i64> {
    ledger
        .json_lines(args)
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn merge_split_and_undo() {
    let ledger = curated_ledger();
    let out = ledger.run(&["merge", "4", "2"]);
    assert!(
        out.contains("merged claim 4 into claim 2 (1 appearance(s) moved)"),
        "{out}"
    );
    assert_eq!(ids(&ledger, &["list", "--format", "jsonl"]), [1, 2, 3]);
    let two: serde_json::Value =
        serde_json::from_str(&ledger.run(&["show", "2", "--format", "json"])).unwrap();
    let appearances = two["appearances"].as_array().unwrap();
    assert_eq!(appearances.len(), 2);
    assert_eq!(two["trail"][0]["kind"], "merged");
    assert_eq!(two["trail"][0]["other_id"], 4);
    let moved = appearances
        .iter()
        .find(|a| a["url"] == "https://example.org/other")
        .unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    // A verdict on claim 2 holds for the appearance merged into it...
    ledger.run(&[
        "review",
        "2",
        "--status",
        "false",
        "--note",
        "Ships were diverted",
    ]);
    assert_eq!(
        ids(&ledger, &["list", "--checked", "--format", "jsonl"]),
        [1, 2]
    );
    // ... until it is undone.
    ledger.run(&["unmerge", "4"]);
    assert_eq!(ids(&ledger, &["list", "--format", "jsonl"]), [1, 2, 3, 4]);
    assert_eq!(
        ids(&ledger, &["list", "--unchecked", "--format", "jsonl"]),
        [3, 4]
    );
    // Split: merge again, then take the appearance out into a claim of its own.
    ledger.run(&["merge", "4", "2"]);
    let out = ledger.run(&["split", "2", &moved]);
    assert!(out.contains("is now claim 5"), "{out}");
    let five: serde_json::Value =
        serde_json::from_str(&ledger.run(&["show", "5", "--format", "json"])).unwrap();
    assert_eq!(five["claim"]["text"], "No ship has to be diverted");
    assert_eq!(five["appearances"][0]["url"], "https://example.org/other");
    assert_eq!(five["trail"][0]["kind"], "split");
    let history = ledger.run(&["history", "2"]);
    assert!(history.contains("split off as claim 5"), "{history}");
    // Undo of the split: merge back.
    ledger.run(&["merge", "5", "2"]);
    assert_eq!(ids(&ledger, &["list", "--format", "jsonl"]), [1, 2, 3]);
}

#[test]
fn curating_refuses_bad_input() {
    let ledger = curated_ledger();
    ledger.fails(&["merge", "2", "2"], 1, "into itself");
    ledger.fails(&["merge", "2", "99"], 1, "no claim with id 99");
    ledger.fails(&["merge", "99", "2"], 1, "no claim with id 99");
    ledger.run(&["review", "4", "--status", "true", "--note", "Checked"]);
    // Claim 1 is rated false, claim 4 true.
    ledger.fails(&["merge", "4", "1"], 1, "add --force");
    assert_eq!(ids(&ledger, &["list", "--format", "jsonl"]), [1, 2, 3, 4]);
    ledger.run(&["merge", "4", "1", "--force"]);
    ledger.fails(&["merge", "4", "2"], 1, "merged into claim 1 already");
    ledger.fails(&["unmerge", "2"], 1, "nothing to undo");
    ledger.fails(&["split", "1", "999"], 1, "has no appearance 999");
    ledger.fails(&["split", "3", "3"], 1, "the only one of claim 3");
    ledger.fails(&["split", "4", "4"], 1, "split claim 1");
    ledger.fails(&["matches", "99"], 1, "no claim with id 99");
}

/// A claim in another language is found by its meaning, by default, and then only as related
/// ("other language"): never `same`, whatever its score. `--language` keeps the claims of one
/// language; `--across-languages` (what asked for this before) is still accepted.
#[test]
fn a_claim_in_another_language_is_found_by_default_and_never_same() {
    let ledger = Ledger::new();
    for text in [
        "Die Arbeitslosigkeit ist im Mai deutlich gesunken",
        "Der Hafen öffnet morgens um acht Uhr",
    ] {
        ledger.run(&["add", "--text", text]);
    }
    let ids = |out: &[serde_json::Value]| -> Vec<i64> {
        out[0]["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_i64().unwrap())
            .collect()
    };
    let query = "Unemployment fell sharply in May";
    for args in [
        &["match", "--format", "jsonl", query][..],
        &["match", "--across-languages", "--format", "jsonl", query][..],
    ] {
        let out = ledger.json_lines(args);
        let best = &out[0]["matches"][0];
        assert_eq!(best["id"], 1, "{out:?}");
        assert_eq!(best["same"], false, "{best}");
        assert_eq!(best["reason"], "other language", "{best}");
        assert_eq!(best["language"], "de", "{best}");
    }
    let english = ledger.json_lines(&["match", "--language", "en", "--format", "jsonl", query]);
    assert!(ids(&english).is_empty(), "{english:?}");
    let german = ledger.json_lines(&["match", "--language", "DE", "--format", "jsonl", query]);
    assert_eq!(ids(&german)[0], 1, "{german:?}");
    // Within its own language the same words are still the same claim.
    let own = ledger.json_lines(&[
        "match",
        "--format",
        "jsonl",
        "Die Arbeitslosigkeit ist im Mai deutlich gesunken",
    ]);
    assert_eq!(own[0]["matches"][0]["id"], 1);
    assert_eq!(own[0]["matches"][0]["same"], true, "{own:?}");
    assert!(own[0]["matches"][0].get("reason").is_none(), "{own:?}");
    ledger.fails(&["match", "--language", "xx", query], 2, "--language xx");
}

#[test]
fn match_finds_the_claim_and_refuses_bad_input() {
    let ledger = curated_ledger();
    let out = ledger.json_lines(&[
        "match",
        "--format",
        "jsonl",
        "The wall will cost 48 million euros, the mayor said",
    ]);
    let best = &out[0]["matches"][0];
    assert_eq!(best["id"], 1);
    assert_eq!(best["status"], "false");
    assert_eq!(best["url"], "https://example.org/harbour");
    assert_eq!(best["verdict_note"], "Budget says 52 million");
    assert_eq!(best["same"], true, "{best}");
    // A different number reads alike but is not the same claim.
    let other = ledger.json_lines(&[
        "match",
        "--format",
        "jsonl",
        "The wall will cost 60 million euros",
    ]);
    assert_eq!(other[0]["matches"][0]["id"], 1);
    assert_eq!(other[0]["matches"][0]["same"], false);
    // Each line on its own, in order; an empty line gets no matches.
    let lines = ledger.path("lines.txt");
    std::fs::write(
        &lines,
        "ships diverted

fares rose 4 percent
",
    )
    .unwrap();
    let each = ledger.json_lines(&["match", "--format", "jsonl", "--each-line", &lines]);
    assert_eq!(each.len(), 3);
    assert_eq!(each[0]["matches"][0]["id"], 2);
    assert_eq!(each[1]["matches"], serde_json::json!([]));
    assert_eq!(each[2]["matches"][0]["id"], 3);
    let limited = ledger.json_lines(&[
        "match",
        "--format",
        "jsonl",
        "--limit",
        "1",
        "--status",
        "unverified",
        "wall ship fares",
    ]);
    let m = limited[0]["matches"].as_array().unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0]["status"], "unverified");
    ledger.fails(&["match", "   "], 1, "is empty");
    ledger.fails(&["match"], 2, "nothing to match");
    ledger.fails(&["match", "--status", "bogus", "x"], 1, "unknown status");
    let binary = ledger.path("image.bin");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..400u32).map(|i| (i % 7) as u8));
    std::fs::write(&binary, bytes).unwrap();
    ledger.fails(&["match", "--each-line", &binary], 1, "looks binary");
    ledger.fails(
        &["match", "--each-line", "does/not/exist.txt"],
        1,
        "no such file",
    );
}

/// A long file is matched on several threads: every line still gets its own matches, in the
/// file's order.
#[test]
fn a_long_file_keeps_its_lines_in_order() {
    let ledger = curated_ledger();
    let texts = [
        "ships diverted",
        "",
        "fares rose 4 percent",
        "the wall will cost",
    ];
    let wanted = [Some(2), None, Some(3), Some(1)];
    let lines = ledger.path("long.txt");
    let body: String = (0..301).map(|i| format!("{}\n", texts[i % 4])).collect();
    std::fs::write(&lines, body).unwrap();
    let each = ledger.json_lines(&["match", "--format", "jsonl", "--each-line", &lines]);
    assert_eq!(each.len(), 301);
    for (i, line) in each.iter().enumerate() {
        let best = line["matches"].get(0).map(|m| m["id"].as_i64().unwrap());
        assert_eq!(best, wanted[i % 4], "line {}: {line}", i + 1);
    }
}

#[test]
fn suggested_claims_are_listed() {
    let ledger = Ledger::new();
    let base = article(
        &ledger,
        "a.txt",
        "said",
        "will cost 48 million euros by March 2025",
    );
    let other = article(
        &ledger,
        "b.txt",
        "said",
        "will cost 52 million euros by March 2025",
    );
    ledger.run(&["ingest", &base]);
    assert_eq!(
        ids(&ledger, &["list", "--suggested", "--format", "jsonl"]),
        Vec::<i64>::new()
    );
    let out = ledger.run(&["ingest", &other]);
    assert!(
        out.contains("1 new claim(s) have a suggested match"),
        "{out}"
    );
    assert_eq!(
        ids(&ledger, &["list", "--suggested", "--format", "jsonl"]),
        [2]
    );
    let table = ledger.run(&["matches", "1"]);
    assert!(
        table.contains("related") && table.contains("number"),
        "{table}"
    );
}

#[test]
fn list_and_show_of_a_claim_seen_twice() {
    let ledger = curated_ledger();
    ledger.run(&["merge", "4", "2"]);
    insta::assert_snapshot!("list_after_merge", ledger.run(&["list"]));
    insta::assert_snapshot!("show_after_merge", ledger.run(&["show", "2"]));
}

#[test]
fn new_commands_show_examples() {
    for cmd in ["match", "matches", "merge", "unmerge", "split"] {
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

// --- Claims and appearances together with corrections and the full-fidelity JSONL ---

fn user_version(ledger: &Ledger) -> i64 {
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn shown(ledger: &Ledger, id: &str) -> serde_json::Value {
    serde_json::from_str(&ledger.run(&["show", id, "--format", "json"])).unwrap()
}

/// A ledger written by schema 0001 goes through 0002 (appearances) and 0003 (corrections):
/// a correction afterwards lands on the claim and its appearance, with its trail.
#[test]
fn a_schema_1_ledger_migrates_through_appearances_and_corrections() {
    let ledger = Ledger::new();
    write_schema_1_ledger(&ledger);
    ledger.run(&["list"]);
    assert_eq!(
        user_version(&ledger),
        claimledger::store::migrate::latest_version()
    );
    ledger.run(&["edit", "2", "--stance", "assert", "--reason", "misread"]);
    let two = shown(&ledger, "2");
    assert_eq!(two["claim"]["stance"], "assert");
    assert_eq!(two["appearances"][0]["stance"], "assert");
    assert_eq!(two["corrections"][0]["field"], "stance");
    assert_eq!(two["corrections"][0]["old_value"], "deny");
    // The reviews made under schema 0001 are still the claim's trail.
    let history = ledger.run(&["history", "1"]);
    assert!(history.contains("Budget says 52 million"), "{history}");
}

/// A ledger of a build that had the corrections as its second migration (user_version 2, a
/// `corrections` table, no appearances) is caught up, not taken for a ledger with appearances.
#[test]
fn a_ledger_with_corrections_but_no_appearances_is_caught_up() {
    let ledger = Ledger::new();
    write_schema_1_ledger(&ledger);
    {
        let conn = rusqlite::Connection::open(ledger.db()).unwrap();
        conn.execute_batch(include_str!("../../migrations/0003_corrections.sql"))
            .unwrap();
        conn.execute(
            "INSERT INTO corrections (target, target_id, action, field, old_value, new_value, corrector, corrected_at)
             VALUES ('claim', 3, 'edit', 'text', 'Fares rose 3 percent', 'Fares rose 4 percent', 'kim', '2024-05-06T00:00:00Z')",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
    }
    let claims = ledger.json_lines(&["list", "--format", "jsonl"]);
    assert_eq!(claims.len(), 3);
    assert!(claims.iter().all(|c| c["appearances"] == 1), "{claims:?}");
    assert_eq!(
        user_version(&ledger),
        claimledger::store::migrate::latest_version()
    );
    let three = shown(&ledger, "3");
    assert_eq!(three["corrections"][0]["old_value"], "Fares rose 3 percent");
    assert_eq!(three["appearances"][0]["text"], "Fares rose 4 percent");
}

/// The names in a ledger's `schema_migrations`, oldest first.
fn recorded_migrations(ledger: &Ledger) -> Vec<String> {
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM schema_migrations ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A ledger written by the build that counted its migrations by `user_version` (a checked-in
/// file, see tests/fixtures/ledger-counted-migrations.txt): read as it is, and on the first
/// write its migrations are recorded by name; its claims and reviews are all still there.
#[test]
fn a_ledger_that_counted_its_migrations_gets_them_recorded_by_name() {
    let ledger = Ledger::new();
    let fixture = include_bytes!("../fixtures/ledger-counted-migrations.db");
    std::fs::write(ledger.db(), fixture).unwrap();
    // A read-only file that needs a migration is refused, and left as it was.
    let set_read_only = |yes: bool| {
        let mut permissions = std::fs::metadata(ledger.db()).unwrap().permissions();
        permissions.set_readonly(yes);
        std::fs::set_permissions(ledger.db(), permissions).unwrap();
    };
    set_read_only(true);
    ledger.fails(
        &["list"],
        3,
        "read-only: open it once with write permission",
    );
    assert_eq!(std::fs::read(ledger.db()).unwrap(), fixture);
    set_read_only(false);
    let claims = ledger.json_lines(&["list", "--format", "jsonl", "--sort", "id"]);
    let summary: Vec<(i64, &str, &str)> = claims
        .iter()
        .map(|c| {
            (
                c["id"].as_i64().unwrap(),
                c["status"].as_str().unwrap(),
                c["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "false", "The ferry timetable was cut by a third"),
            (
                2,
                "unverified",
                "Die Bibliothek schließt im Sommer zwei Wochen"
            ),
            (3, "true", "Bus fares have not risen since 2019"),
        ]
    );
    // Opened with write permission, it gets the eight migrations it had recorded by name, the
    // later ones applied, and none applied twice.
    ledger.run(&["review", "2", "--status", "in-review"]);
    let known: Vec<String> = claimledger::store::migrate::known_migrations()
        .map(String::from)
        .collect();
    assert_eq!(
        known.len(),
        14,
        "a new migration: extend this test's expectations"
    );
    assert_eq!(recorded_migrations(&ledger), known);
    // Its claims' vectors are filed in the vector index's lists on the way.
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    let (vectors, listed): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT COUNT(vector) FROM claim_vectors),
                    (SELECT COUNT(*) FROM claim_vector_lists)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((vectors, listed), (3, 3));
    assert_eq!(
        user_version(&ledger),
        claimledger::store::migrate::latest_version()
    );
    let one = shown(&ledger, "1");
    assert_eq!(one["claim"]["speakers"][0], "Mara Voss");
    assert_eq!(one["claim"]["url"], "https://example.org/ferry");
    let trail: Vec<(&str, &str)> = one["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["to"].as_str().unwrap(), r["reviewer"].as_str().unwrap()))
        .collect();
    assert_eq!(trail, [("in-review", "kim"), ("false", "kim")]);
    assert_eq!(
        one["history"][1]["note"],
        "The timetable lost two of nine sailings"
    );
    assert_eq!(
        one["history"][1]["evidence"][0],
        "https://example.org/timetable"
    );
    assert_eq!(shown(&ledger, "2")["claim"]["status"], "in-review");
    assert_eq!(shown(&ledger, "3")["history"][0]["reviewer"], "lee");
    // Opening it again changes nothing in the record.
    ledger.run(&["review", "2", "--status", "unverified"]);
    assert_eq!(recorded_migrations(&ledger), known);
}

/// A ledger that records a migration this build does not know (another branch's, or a newer
/// build's) is refused, by reads and writes alike, and left byte for byte as it was.
#[test]
fn a_ledger_with_a_migration_of_another_build_is_refused_before_anything_is_written() {
    let ledger = Ledger::new();
    ledger.run(&["add", "--text", "The pier reopens in May"]);
    {
        let conn = rusqlite::Connection::open(ledger.db()).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations (name, applied_at) VALUES ('0009_elsewhere.sql', 'x')",
            [],
        )
        .unwrap();
    }
    let before = std::fs::read(ledger.db()).unwrap();
    for args in [
        &["list"][..],
        &["add", "--text", "More ferries in June"][..],
    ] {
        ledger.fails(
            args,
            3,
            "migration 0009_elsewhere.sql, which this claimledger does not know",
        );
        assert_eq!(std::fs::read(ledger.db()).unwrap(), before, "{args:?}");
    }
}

/// `edit`: the text is the claim's own (its appearances keep their words, "already checked?"
/// finds the new wording); speakers, cue, mode and stance change on every appearance, or with
/// `--appearance` on that one only.
#[test]
fn corrections_reach_the_right_rows() {
    let ledger = curated_ledger();
    ledger.run(&["merge", "4", "2"]);
    let appearances: Vec<i64> = shown(&ledger, "2")["appearances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(appearances.len(), 2);
    ledger.run(&["edit", "2", "--text", "No ship had to be diverted in May"]);
    let two = shown(&ledger, "2");
    assert_eq!(two["claim"]["text"], "No ship had to be diverted in May");
    for a in two["appearances"].as_array().unwrap() {
        assert_eq!(a["text"], "No ship has to be diverted", "{a}");
    }
    let found: serde_json::Value =
        serde_json::from_str(&ledger.run(&["match", "ship diverted in May", "--format", "json"]))
            .unwrap();
    assert_eq!(found["matches"][0]["id"], 2, "{found}");
    assert_eq!(
        found["matches"][0]["text"],
        "No ship had to be diverted in May"
    );

    ledger.run(&[
        "edit",
        "2",
        "--stance",
        "promise",
        "--speaker",
        "Harbour Master",
    ]);
    let two = shown(&ledger, "2");
    assert_eq!(two["claim"]["stance"], "promise");
    for a in two["appearances"].as_array().unwrap() {
        assert_eq!(a["stance"], "promise", "{a}");
        assert_eq!(a["speakers"], serde_json::json!(["Harbour Master"]), "{a}");
    }
    assert_eq!(
        ids(
            &ledger,
            &["list", "--speaker", "Harbour Master", "--format", "jsonl"]
        ),
        [2]
    );

    let one = appearances[1].to_string();
    ledger.run(&["edit", "2", "--appearance", &one, "--cue", "wrote"]);
    let two = shown(&ledger, "2");
    let cues: Vec<(i64, serde_json::Value)> = two["appearances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_i64().unwrap(), a["cue"].clone()))
        .collect();
    assert!(cues.contains(&(appearances[1], "wrote".into())), "{cues:?}");
    assert!(
        !cues.contains(&(appearances[0], "wrote".into())),
        "{cues:?}"
    );
    // Two appearances: the claim row keeps its own cue.
    assert_eq!(two["claim"]["cue"], "said");
    let history = ledger.run(&["history", "2", "--format", "json"]);
    assert!(
        history.contains(&format!("\"appearance {one} cue\"")),
        "{history}"
    );

    ledger.fails(
        &["edit", "2", "--appearance", "999", "--cue", "x"],
        1,
        "claim 2 has no appearance 999",
    );
    ledger.fails(
        &["edit", "2", "--appearance", &one, "--text", "x"],
        2,
        "--text",
    );
}

/// A claim that others were merged into cannot be deleted (their appearances are its now).
#[test]
fn delete_refuses_a_claim_with_merged_claims() {
    let ledger = curated_ledger();
    ledger.run(&["merge", "4", "2"]);
    ledger.fails(
        &["delete", "2", "--reason", "gone"],
        1,
        "claim 2 has claim(s) 4 merged into it: unmerge them first",
    );
    assert_eq!(ids(&ledger, &["list", "--format", "jsonl"]), [1, 2, 3]);
    ledger.run(&["unmerge", "4"]);
    ledger.run(&["delete", "2", "--reason", "gone"]);
    assert_eq!(ids(&ledger, &["list", "--format", "jsonl"]), [1, 3, 4]);
}

/// A ledger with a claim seen twice, a suggested match, a claim merged by hand and a published
/// verdict.
fn matched_ledger() -> Ledger {
    let ledger = Ledger::new();
    let base = article(
        &ledger,
        "a.txt",
        "said",
        "will cost 48 million euros by March 2025",
    );
    let copy = ledger.path("copy.txt");
    std::fs::write(
        &copy,
        std::fs::read_to_string(&base)
            .unwrap()
            .replace("Gazette", "Courier"),
    )
    .unwrap();
    let variant = article(
        &ledger,
        "b.txt",
        "said",
        "will cost 52 million euros by March 2025",
    );
    for file in [&base, &copy, &variant] {
        ledger.run(&["ingest", file]);
    }
    ledger.run(&[
        "add",
        "--text",
        "The harbour wall costs 48 million",
        "--speaker",
        "Ada Brook",
        "--source-url",
        "https://example.org/radio",
    ]);
    ledger.run(&["merge", "3", "1"]);
    ledger.run(&[
        "review",
        "1",
        "--status",
        "false",
        "--note",
        "Budget says 52 million",
        "--url",
        "https://factcheck.example/wall",
    ]);
    ledger
}

/// The full-fidelity JSONL carries appearances, merges, the trail and suggestions: export →
/// import into an empty ledger → export is byte-identical; into a ledger with claims the ids
/// are new and every reference follows them.
#[test]
fn jsonl_round_trip_carries_appearances_and_matches() {
    let ledger = matched_ledger();
    let one = shown(&ledger, "1");
    assert_eq!(one["appearances"].as_array().unwrap().len(), 3);
    assert_eq!(shown(&ledger, "3")["claim"]["merged_into"], 1);
    let suggested = ids(&ledger, &["list", "--suggested", "--format", "jsonl"]);
    assert_eq!(suggested, [2]);

    let first = ledger.path("one.jsonl");
    ledger.run(&["export", "--format", "jsonl", "-o", &first]);
    let text = std::fs::read_to_string(&first).unwrap();
    let claims = text.lines().filter(|l| !l.starts_with("{\"kind\"")).count();
    assert_eq!(claims, 3, "the merged claim comes along");
    let other = Ledger::new();
    other.run(&["import", &first]);
    let again = other.path("two.jsonl");
    other.run(&["export", "--format", "jsonl", "-o", &again]);
    assert_eq!(text, std::fs::read_to_string(&again).unwrap());
    // (`show` as a table: source ids may be numbered differently.)
    for args in [
        &["show", "1"][..],
        &["history", "1", "--format", "json"],
        &["matches", "2", "--format", "json"],
        &["list", "--format", "jsonl"],
    ] {
        assert_eq!(other.run(args), ledger.run(args), "{args:?}");
    }

    // Into a ledger with a claim of its own: new ids, references numbered along.
    let third = Ledger::new();
    third.run(&["add", "--text", "Ferries run every hour"]);
    let out = third.run(&["import", &first]);
    assert!(out.contains("as claims 2–4"), "{out}");
    let wall = shown(&third, "2");
    assert_eq!(wall["appearances"].as_array().unwrap().len(), 3);
    assert_eq!(wall["claim"]["status"], "false");
    assert_eq!(shown(&third, "4")["claim"]["merged_into"], 2);
    let matches: serde_json::Value =
        serde_json::from_str(&third.run(&["matches", "3", "--format", "json"])).unwrap();
    assert_eq!(matches["matches"][0]["id"], 2, "{matches}");
    assert_eq!(
        ids(&third, &["list", "--format", "jsonl"]),
        [1, 2, 3],
        "the merged claim stays hidden"
    );
    third.run(&["unmerge", "4"]);
    assert_eq!(
        shown(&third, "4")["appearances"].as_array().unwrap().len(),
        1
    );
    assert_eq!(
        shown(&third, "2")["appearances"].as_array().unwrap().len(),
        2
    );
}

/// Merged claims are found through the claim they joined: `search` and `stats` leave them
/// out; a JSON-lines file written before appearances existed still imports, one appearance
/// per claim.
#[test]
fn merged_claims_stay_hidden_and_old_jsonl_imports() {
    let ledger = matched_ledger();
    let hits = ledger.json_lines(&["search", "harbour wall", "--format", "jsonl"]);
    let found: Vec<i64> = hits
        .iter()
        .map(|h| h["record"]["id"].as_i64().unwrap())
        .collect();
    assert!(found.contains(&1) && !found.contains(&3), "{found:?}");
    let stats: serde_json::Value =
        serde_json::from_str(&ledger.run(&["stats", "--format", "json"])).unwrap();
    assert_eq!(stats["claims"], 2);
    assert_eq!(stats["appearances"], 4);

    let mut old = String::new();
    for line in ledger.run(&["export", "--format", "jsonl"]).lines() {
        let mut claim: serde_json::Value = serde_json::from_str(line).unwrap();
        let fields = claim.as_object_mut().unwrap();
        // Older files had claims only.
        if fields.contains_key("merged_into") || fields.contains_key("kind") {
            continue;
        }
        for key in ["appearances", "trail", "suggestions"] {
            fields.remove(key);
        }
        old.push_str(&format!("{claim}\n"));
    }
    let file = ledger.path("old.jsonl");
    std::fs::write(&file, old).unwrap();
    let other = Ledger::new();
    other.run(&["import", &file]);
    let claims = other.json_lines(&["list", "--format", "jsonl"]);
    assert_eq!(claims.len(), 2);
    assert!(claims.iter().all(|c| c["appearances"] == 1), "{claims:?}");
    assert_eq!(
        shown(&other, "1")["appearances"][0]["speakers"],
        serde_json::json!(["Ada Brook"])
    );
}

/// The same words said by two speakers in one article are two claims; a copy of the article
/// adds an appearance to each, by speaker, not two to the first.
#[test]
fn a_copy_repeats_each_speaker_on_their_own_claim() {
    let ledger = Ledger::new();
    let text = "Harbour wall plans\n\nNORDHAFEN (Gazette) - Mayor Ada Brook said that the new harbour wall will cost 48 million euros.\n\nThe port authority said that the new harbour wall will cost 48 million euros.\n";
    let a = ledger.path("a.txt");
    let b = ledger.path("b.txt");
    std::fs::write(&a, text).unwrap();
    std::fs::write(&b, text.replace("Gazette", "Courier")).unwrap();
    ledger.run(&["ingest", &a]);
    let first = ledger.json_lines(&["list", "--format", "jsonl"]);
    assert_eq!(first.len(), 2, "{first:?}");
    ledger.run(&["ingest", &b]);
    let claims = ledger.json_lines(&["list", "--format", "jsonl"]);
    let seen: Vec<(serde_json::Value, i64)> = claims
        .iter()
        .map(|c| (c["speakers"].clone(), c["appearances"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (serde_json::json!(["Ada Brook"]), 2),
            (serde_json::json!(["port authority"]), 2)
        ]
    );
}
