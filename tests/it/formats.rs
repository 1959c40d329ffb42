//! Regression tests of verdicts across merges, of what the exports carry and of what the
//! imports accept: every reader shows a merged verdict, every import takes back what another
//! one stored, a full export comes back byte for byte, and the same file imported twice
//! changes nothing.

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::PathBuf;
use tempfile::TempDir;

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

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("claimledger").unwrap();
        cmd.env_clear()
            .env("CLAIMLEDGER_DB", self.db())
            .env("CLAIMLEDGER_REVIEWER", "tester")
            .env("CLAIMLEDGER_NOW", "2026-01-02T03:04:05Z");
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).unwrap()
    }

    fn fails(&self, args: &[&str], needle: &str) {
        let out = self.cmd().args(args).assert().code(1).get_output().clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(needle), "stderr of {args:?}: {stderr}");
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.run(args)).unwrap()
    }

    fn json_lines(&self, args: &[&str]) -> Vec<Value> {
        self.run(args)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn ids(&self, args: &[&str]) -> Vec<i64> {
        self.json_lines(args)
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// Two typed claims saying one thing: claim 1 rated false (published at a URL), claim 2 not
/// checked.
fn two_wordings() -> Ledger {
    let ledger = Ledger::new();
    ledger.run(&[
        "add",
        "--text",
        "The ferry to Nordholm runs every hour",
        "--speaker",
        "Ada Brook",
        "--source-url",
        "https://example.org/ferry",
    ]);
    ledger.run(&[
        "add",
        "--text",
        "Every hour a ferry runs to Nordholm",
        "--speaker",
        "Ada Brook",
        "--source-url",
        "https://example.org/radio",
    ]);
    ledger.run(&[
        "review",
        "1",
        "--status",
        "false",
        "--note",
        "The timetable has four ferries a day",
        "--url",
        "https://check.example/ferry",
    ]);
    ledger
}

/// What every reader says about claim `id`'s status.
fn seen_status(ledger: &Ledger, id: i64) -> Vec<String> {
    let id_text = id.to_string();
    let mut seen = Vec::new();
    let listed = ledger.ids(&["list", "--status", "false", "--format", "jsonl"]);
    seen.push(format!("list --status false: {listed:?}"));
    let checked = ledger.ids(&["list", "--checked", "--format", "jsonl"]);
    seen.push(format!("list --checked: {checked:?}"));
    let stats = ledger.json(&["stats", "--format", "json"]);
    seen.push(format!("stats: {}", stats["by_status"]));
    let shown = ledger.json(&["show", &id_text, "--format", "json"]);
    seen.push(format!("show: {}", shown["claim"]["status"]));
    let jsonl = ledger.json_lines(&["export", "--format", "jsonl"]);
    let line = jsonl
        .iter()
        .find(|c| c["id"] == id && c.get("kind").is_none())
        .unwrap();
    seen.push(format!("jsonl: {}", line["status"]));
    let array = ledger.json(&["export", "--format", "json"]);
    let entry = array.as_array().unwrap().iter().find(|c| c["id"] == id);
    seen.push(format!("json: {}", entry.unwrap()["status"]));
    let csv = ledger.run(&["export", "--format", "csv"]);
    let row = csv
        .lines()
        .find(|l| l.starts_with(&format!("{id},")))
        .unwrap();
    seen.push(format!("csv: {}", row.split(',').nth(1).unwrap()));
    let reviews = ledger.json(&["export", "--format", "claimreview", "--org-name", "Check"]);
    let texts: Vec<&str> = reviews
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["claimReviewed"].as_str().unwrap())
        .collect();
    seen.push(format!("claimreview: {texts:?}"));
    seen
}

#[test]
fn a_verdict_merged_into_an_unchecked_claim_stays_visible() {
    let ledger = two_wordings();
    ledger.run(&["merge", "1", "2"]);
    let seen = seen_status(&ledger, 2);
    assert_eq!(
        seen,
        [
            "list --status false: [2]",
            "list --checked: [2]",
            "stats: [[\"false\",1]]",
            "show: \"false\"",
            "jsonl: \"false\"",
            "json: \"false\"",
            "csv: false",
            "claimreview: [\"Every hour a ferry runs to Nordholm\"]",
        ]
    );
    // The verdict's note and published URL come along.
    let listed = ledger.json_lines(&["list", "--format", "jsonl"]);
    assert_eq!(
        listed[0]["last_review_note"],
        "The timetable has four ferries a day"
    );
    assert_eq!(listed[0]["review_url"], "https://check.example/ferry");
    // `show` says where the verdict comes from instead of calling the claim unverified.
    let shown = ledger.run(&["show", "2"]);
    assert!(
        shown.contains("none of its own; false is the verdict of a claim merged into it (1)"),
        "{shown}"
    );
    // Nothing was copied: undoing the merge gives each claim its own status back.
    ledger.run(&["unmerge", "1"]);
    assert_eq!(
        ledger.ids(&["list", "--status", "false", "--format", "jsonl"]),
        [1]
    );
    assert_eq!(
        ledger.ids(&["list", "--unchecked", "--format", "jsonl"]),
        [2]
    );
    assert!(ledger.run(&["history", "2"]).contains("unmerged"));
}

#[test]
fn a_verdict_stays_visible_when_an_unchecked_claim_is_merged_into_it() {
    let ledger = two_wordings();
    ledger.run(&["merge", "2", "1"]);
    let seen = seen_status(&ledger, 1);
    assert_eq!(seen[0], "list --status false: [1]");
    assert_eq!(seen[2], "stats: [[\"false\",1]]");
    assert_eq!(
        seen[7],
        "claimreview: [\"The ferry to Nordholm runs every hour\"]"
    );
}

#[test]
fn a_lent_verdict_yields_to_the_claims_own_and_two_verdicts_need_force() {
    let ledger = two_wordings();
    ledger.run(&["add", "--text", "A ferry leaves for Nordholm hourly"]);
    ledger.run(&["merge", "1", "2"]);
    ledger.run(&[
        "review",
        "3",
        "--status",
        "true",
        "--note",
        "Seen on the pier",
    ]);
    // Claim 2 shows claim 1's false: claim 3's true differs.
    ledger.fails(&["merge", "3", "2"], "add --force");
    ledger.run(&["merge", "3", "2", "--force"]);
    // The newest verdict merged in shows, until the claim gets one of its own.
    let shown = ledger.json(&["show", "2", "--format", "json"]);
    assert_eq!(shown["claim"]["status"], "true");
    ledger.run(&[
        "review",
        "2",
        "--status",
        "mostly-false",
        "--note",
        "Mostly",
    ]);
    let shown = ledger.json(&["show", "2", "--format", "json"]);
    assert_eq!(shown["claim"]["status"], "mostly-false");
    // The JSON-lines file holds the shown status and imports again.
    let file = ledger.path("all.jsonl");
    ledger.run(&["review", "2", "--status", "in-review", "--note", "Reopened"]);
    ledger.run(&["export", "--format", "jsonl", "-o", &file]);
    let other = Ledger::new();
    other.run(&["import", &file]);
    assert_eq!(
        other.json(&["show", "2", "--format", "json"])["claim"]["status"],
        "true"
    );
}

#[test]
fn match_shows_where_the_verdict_was_published() {
    let ledger = two_wordings();
    let found = ledger.json(&[
        "match",
        "The ferry to Nordholm runs every hour",
        "--format",
        "json",
    ]);
    let text = found.to_string();
    assert!(text.contains("https://check.example/ferry"), "{text}");
    assert!(!text.contains("https://example.org/ferry"), "{text}");
}

/// A ClaimReview without `reviewBody`, then the ledger's own exports of it.
#[test]
fn a_claim_review_without_a_body_reimports_from_jsonl_and_csv() {
    let ledger = Ledger::new();
    let review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://other.example/ferry",
        "claimReviewed": "The ferry to Nordholm is free for pupils",
        "datePublished": "2024-03-01",
        "author": {"@type": "Organization", "name": "Other Check"},
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                         "worstRating": 1, "alternateName": "Wrong"},
        "itemReviewed": {"@type": "Claim"}
    });
    let file = ledger.write("in.json", &review.to_string());
    ledger.run(&["import", "--format", "claimreview", &file]);
    for format in ["jsonl", "csv"] {
        let out = ledger.path(&format!("out.{format}"));
        ledger.run(&["export", "--format", format, "-o", &out]);
        let other = Ledger::new();
        other.run(&["import", &out]);
        let claims = other.json_lines(&["list", "--format", "jsonl"]);
        assert_eq!(claims.len(), 1, "{format}");
        assert_eq!(claims[0]["status"], "false", "{format}");
    }
}

#[test]
fn claim_review_leaves_out_the_date_of_an_undated_claim() {
    let ledger = two_wordings();
    let reviews = ledger.json(&["export", "--format", "claimreview", "--org-name", "Check"]);
    let item = &reviews[0]["itemReviewed"];
    assert_eq!(item["datePublished"], Value::Null, "{item}");
    assert_eq!(
        item["appearance"][0]["datePublished"],
        Value::Null,
        "{item}"
    );
}

const GERMAN: &str = "tests/fixtures/hafen-de.txt";
const ENGLISH: &str = "tests/fixtures/bridge-en.txt";

/// Two ingested articles, a deleted claim, a source no claim appears in, publishing settings
/// and a model trained on the ledger.
fn everything_besides_claims() -> Ledger {
    let ledger = Ledger::new();
    ledger.run(&["ingest", "--url", "https://example.org/hafen", GERMAN]);
    ledger.run(&["ingest", "--url", "https://example.org/bridge", ENGLISH]);
    ledger.run(&["delete", "2", "--reason", "Not a claim"]);
    ledger.run(&[
        "settings",
        "--org-name",
        "Faktencheck",
        "--org-url",
        "https://check.example",
    ]);
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    conn.execute_batch(
        "INSERT INTO sources (id, url, title, content_hash, body, ingested_at)
         VALUES (40, 'https://example.org/empty', 'Nothing said', 'h-empty', 'No claims here.', '2025-12-01T00:00:00Z');
         INSERT INTO checkworthiness_models (trained_at, labelled, positives, info, model)
         VALUES ('2025-12-02T00:00:00Z', 40, 12, '{\"note\":\"own triage\"}', X'00ff10');",
    )
    .unwrap();
    ledger
}

#[test]
fn jsonl_keeps_deleted_history_lone_sources_settings_and_models() {
    let ledger = everything_besides_claims();
    let first = ledger.path("one.jsonl");
    ledger.run(&["export", "--format", "jsonl", "-o", &first]);
    let other = Ledger::new();
    other.run(&["import", &first]);
    let again = other.path("two.jsonl");
    other.run(&["export", "--format", "jsonl", "-o", &again]);
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        std::fs::read_to_string(&again).unwrap()
    );
    for args in [
        &["history", "2"][..],
        &["sources", "--format", "csv"],
        &["list", "--format", "jsonl"],
    ] {
        assert_eq!(other.run(args), ledger.run(args), "{args:?}");
    }
    assert!(other.run(&["history", "2"]).contains("Not a claim"));
    let sources = other.run(&["sources", "--format", "csv"]);
    assert!(sources.contains("\n40,Nothing said,"), "{sources}");
    let conn = rusqlite::Connection::open(other.db()).unwrap();
    let model: (i64, Vec<u8>) = conn
        .query_row(
            "SELECT labelled, model FROM checkworthiness_models",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(model, (40, vec![0x00, 0xff, 0x10]));
    let org: String = conn
        .query_row("SELECT org_name FROM ledger_settings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(org, "Faktencheck");
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let ledger = everything_besides_claims();
    ledger.run(&["review", "1", "--status", "false", "--note", "Wrong sum"]);
    for format in ["jsonl", "csv"] {
        let file = ledger.path(&format!("all.{format}"));
        ledger.run(&["export", "--format", format, "-o", &file]);
        // Into a ledger with a claim of its own: new ids the first time, nothing the second.
        let other = Ledger::new();
        other.run(&["add", "--text", "The ferry to Nordholm runs every hour"]);
        other.run(&["import", &file]);
        let once = other.run(&["export", "--format", "jsonl"]);
        let out = other.run(&["import", &file]);
        assert!(out.contains("imported 0 claim(s)"), "{format}: {out}");
        assert_eq!(
            other.run(&["export", "--format", "jsonl"]),
            once,
            "{format}"
        );
        // Into the ledger it came from: nothing new either.
        let out = ledger.run(&["import", &file]);
        assert!(out.contains("imported 0 claim(s)"), "{format}: {out}");
    }
    // With --keep-ids the same claims are found, not refused as a clash.
    let file = ledger.path("all.jsonl");
    let out = ledger.run(&["import", "--keep-ids", &file]);
    assert!(out.contains("imported 0 claim(s)"), "{out}");
}

/// Search finds the words of a stem, not the words that begin like the typed one: `car` is
/// not "caring", `war` not "ward", `plan` not an English "plane"; `liefert` finds `liefern`.
#[test]
fn search_matches_stems_not_prefixes() {
    let ledger = Ledger::new();
    for text in [
        "Caring for the elderly will cost the county more next year",
        "The children's ward of the hospital was closed in the spring",
        "The plane from the capital landed two hours late on Monday",
        "Die Werke liefern in diesem Jahr weniger Stahl als geplant",
        "Two new cars were bought for the fire service last year",
        "The war in the region has lasted for three years now",
        "Nach dem Alarm liefen die Menschen aus dem Rathaus",
    ] {
        ledger.run(&["add", "--text", text]);
    }
    let found = |query: &str| -> Vec<i64> {
        ledger
            .json_lines(&["search", query, "--format", "jsonl"])
            .iter()
            .map(|h| h["record"]["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(found("car"), [5]);
    assert_eq!(found("war"), [6]);
    assert_eq!(found("plan"), [4], "geplant is a form of planen");
    // `liefen` (of laufen) has the Snowball stem of `liefern`: the table keeps them apart.
    assert_eq!(found("liefert"), [4]);
    assert_eq!(found("laufen"), [7]);
    assert_eq!(found("cared"), [1]);
    assert_eq!(found("closing"), [2]);
}

/// A ledger written before the index held stems gets it rebuilt when it is opened.
#[test]
fn an_older_ledger_gets_its_search_index_rebuilt() {
    let ledger = Ledger::new();
    {
        let conn = rusqlite::Connection::open(ledger.db()).unwrap();
        conn.execute_batch(include_str!("../../migrations/0001_init.sql"))
            .unwrap();
        conn.execute_batch(
            "INSERT INTO claims (id, text, mode, stance, created_at, updated_at)
             VALUES (1, 'Die Werke liefern weniger Stahl', 'none', 'assert', 't', 't'),
                    (2, 'Caring for the elderly costs more', 'none', 'assert', 't', 't');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let found = |query: &str| -> usize {
        ledger
            .run(&["search", query, "--format", "jsonl"])
            .lines()
            .count()
    };
    assert_eq!(found("liefert"), 1);
    assert_eq!(found("car"), 0);
}
