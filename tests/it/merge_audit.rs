//! Repairing what an older rule merged: migration 0008 marks the automatic merges of ingest,
//! `matches --audit` lists those the current `same` rule would not make, and `matches --audit
//! --split` splits each back through the trail.

use crate::common::Ledger;
use rusqlite::{Connection, OptionalExtension};

fn json_lines(ledger: &Ledger, args: &[&str]) -> Vec<serde_json::Value> {
    ledger
        .run(args)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A one-claim article in which the harbour master says that the ferry fares `rest`; the
/// `n`th paper prints it.
fn article(ledger: &Ledger, n: usize, rest: &str) -> String {
    let path = ledger.path(&format!("{n}.txt"));
    let paper = ["Gazette", "Courier", "Herald"][n % 3];
    std::fs::write(
        &path,
        format!(
            "Ferry fares\n\nKESTRELBY ({paper}) - Harbour master Ivo Lind said that the ferry fares {rest}.\n\nThe board meets again in June.\n"
        ),
    )
    .unwrap();
    path
}

/// A ledger as an older build left it: each `rest` ingested after the first merged into claim 1
/// by ingest (what the character-similarity rule did), at schema version 7.
fn ledger_with_old_merges(rests: &[&str]) -> Ledger {
    let ledger = Ledger::new();
    for (i, rest) in rests.iter().enumerate() {
        let path = article(&ledger, i, rest);
        ledger.run(&["ingest", &path]);
    }
    let conn = Connection::open(ledger.db()).unwrap();
    for claim in 2..=rests.len() as i64 {
        // A claim the current rule merged at ingest already has its merge event.
        let Some(appearance) = conn
            .query_row(
                "SELECT id FROM appearances WHERE claim_id = ?1",
                [claim],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .unwrap()
        else {
            continue;
        };
        conn.execute_batch(&format!(
            "UPDATE appearances SET claim_id = 1 WHERE id = {appearance};
             UPDATE claims SET merged_into = 1 WHERE id = {claim};
             INSERT INTO claim_events (claim_id, kind, appearance_id, score, note, actor, at)
             VALUES (1, 'merged', {appearance}, 0.9, 'merged, score 0.90', 'ingest',
                     '2025-01-01T00:00:00Z');"
        ))
        .unwrap();
    }
    // The older build counted its migrations by user_version and had no schema_migrations.
    conn.execute_batch(
        "DROP TABLE merge_audit; DROP TABLE desk_sessions; DROP TABLE schema_migrations;
         PRAGMA user_version = 7;",
    )
    .unwrap();
    ledger
}

#[test]
fn merges_the_current_rule_would_not_make_are_listed_and_split_back() {
    let ledger = ledger_with_old_merges(&[
        "rose by 8 percent in 2024",
        "fell by 8 percent in 2024",
        "rose by 8 percent in 2024",
    ]);
    ledger.run(&[
        "review",
        "1",
        "--status",
        "false",
        "--note",
        "They rose 3 percent",
    ]);
    let listed = json_lines(&ledger, &["matches", "--audit", "--format", "jsonl"]);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["claim"], 1);
    assert!(
        listed[0]["reason"]
            .as_str()
            .unwrap()
            .contains("fell ↔ rose"),
        "{listed:?}"
    );
    let out = ledger.run(&["matches", "--audit", "--split"]);
    assert!(out.contains("split 1 automatic merge(s) back"), "{out}");
    // The falling fares are a claim of their own again, without the verdict, suggested as
    // related to the checked claim; the identical copy stays an appearance of claim 1.
    let claims = json_lines(&ledger, &["list", "--format", "jsonl"]);
    let fell = claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("fell"))
        .expect("the split claim");
    assert_ne!(fell["status"], "false", "{fell}");
    let one = claims.iter().find(|c| c["id"] == 1).unwrap();
    assert_eq!(one["appearances"], 2, "{one}");
    let id = fell["id"].as_i64().unwrap().to_string();
    let matches: serde_json::Value =
        serde_json::from_str(&ledger.run(&["matches", &id, "--format", "json"])).unwrap();
    assert_eq!(matches["matches"][0]["id"], 1, "{matches}");
    assert_eq!(matches["matches"][0]["relation"], "related", "{matches}");
    let history = ledger.run(&["history", "1"]);
    assert!(history.contains("split off as claim"), "{history}");
    // Nothing is left to audit, and splitting again changes nothing.
    assert!(json_lines(&ledger, &["matches", "--audit", "--format", "jsonl"]).is_empty());
    let again = ledger.run(&["matches", "--audit", "--split"]);
    assert!(again.contains("split 0 automatic merge(s) back"), "{again}");
}

#[test]
fn merges_made_after_the_audit_began_are_not_listed() {
    let ledger = Ledger::new();
    for (i, rest) in ["rose by 8 percent in 2024", "rose by 8 percent in 2024"]
        .iter()
        .enumerate()
    {
        let path = article(&ledger, i, rest);
        ledger.run(&["ingest", &path]);
    }
    let claims = json_lines(&ledger, &["list", "--format", "jsonl"]);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["appearances"], 2);
    let out = ledger.run(&["matches", "--audit"]);
    assert!(!out.contains("rose"), "{out}");
}

#[test]
fn matches_needs_an_id_or_audit() {
    let ledger = Ledger::new();
    ledger.run(&["init"]);
    ledger.cmd().args(["matches"]).assert().code(2);
    ledger.cmd().args(["matches", "--split"]).assert().code(2);
    ledger
        .cmd()
        .args(["matches", "3", "--audit"])
        .assert()
        .code(2);
}
