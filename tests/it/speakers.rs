//! Speakers across articles, end to end: a surname or a role+name
//! joins the speaker it names when only one fits; generic and anonymous speakers stay with
//! their article; an older ledger's shared generic speakers are split when it migrates.
//! The articles in tests/fixtures/speakers/ are written for these tests.

use crate::common::Ledger;

fn article(name: &str) -> String {
    format!("tests/fixtures/speakers/{name}.txt")
}

/// Ingests the articles one command each.
fn ingest_each(ledger: &Ledger, names: &[&str]) {
    for name in names {
        ledger.run(&["ingest", &article(name)]);
    }
}

/// The names in the speaker cell of every claim, in id order.
fn claim_speakers(ledger: &Ledger) -> Vec<String> {
    ledger
        .run(&["list", "--format", "jsonl", "--sort", "id"])
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["speakers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })
        .collect()
}

/// The search index is in step with the claims and every speaker link points at a speaker.
fn assert_consistent(ledger: &Ledger) {
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    // The index's stems column is read through claimledger's own function.
    claimledger::store::register_stems(&conn).unwrap();
    conn.execute(
        "INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
    let broken: i64 = conn
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "foreign keys");
}

#[test]
fn a_surname_and_a_role_name_join_the_speaker_they_name_across_articles() {
    let ledger = Ledger::new();
    ingest_each(&ledger, &["voss1", "voss2", "voss3", "haldane"]);
    insta::assert_snapshot!(ledger.run(&["speakers"]));
    // "Voss" in the second article is Clara Voss of the first: her name is on the claim.
    assert_eq!(
        claim_speakers(&ledger),
        [
            "Clara Voss",
            "Officials",
            "Clara Voss",
            "Officials",
            "Clara Voss",
            "Ruth Haldane",
            "Ruth Haldane",
            "Ruth Haldane"
        ]
    );
    let by_surname = ledger.run(&["list", "--speaker", "Voss", "--format", "csv"]);
    assert_eq!(by_surname.lines().count(), 4, "{by_surname}");
    assert_consistent(&ledger);
}

#[test]
fn one_run_of_several_articles_resolves_speakers_as_separate_runs_do() {
    let each = Ledger::new();
    ingest_each(&each, &["voss2", "voss1", "voss3", "haldane"]);
    let together = Ledger::new();
    together.run(&[
        "ingest",
        &article("voss2"),
        &article("voss1"),
        &article("voss3"),
        &article("haldane"),
    ]);
    assert_eq!(together.run(&["speakers"]), each.run(&["speakers"]));
    assert_eq!(claim_speakers(&together), claim_speakers(&each));
    assert_consistent(&together);
}

/// "Voss" first, "Clara Voss" later: one speaker, renamed to the full name (the surname stays
/// an alias, the rename is in the trail), and the earlier claim shows and finds the full name.
#[test]
fn a_full_name_after_the_surname_alone_completes_that_speaker() {
    let ledger = Ledger::new();
    ingest_each(&ledger, &["voss2", "voss1"]);
    insta::assert_snapshot!(ledger.run(&["speakers"]));
    assert_eq!(
        claim_speakers(&ledger),
        ["Clara Voss", "Officials", "Clara Voss", "Officials"]
    );
    let found = ledger.run(&["search", "Clara", "--format", "csv"]);
    assert!(found.lines().any(|l| l.starts_with("1,")), "{found}");
    insta::assert_snapshot!(ledger.run(&["history", "1"]));
    assert_consistent(&ledger);
}

/// Two people called Müller: a later "Müller" alone names neither of them.
#[test]
fn a_surname_two_people_share_is_never_guessed() {
    let ledger = Ledger::new();
    ingest_each(&ledger, &["mueller1", "mueller2", "mueller3"]);
    insta::assert_snapshot!(ledger.run(&["speakers"]));
    assert_consistent(&ledger);
}

/// "Müller" alone first, then Anna Müller (the only one: she completes it), then Thomas
/// Müller, who is someone else.
#[test]
fn a_second_full_name_with_that_surname_is_another_person() {
    let ledger = Ledger::new();
    ingest_each(&ledger, &["mueller3", "mueller1", "mueller2"]);
    insta::assert_snapshot!(ledger.run(&["speakers"]));
    assert_consistent(&ledger);
}

/// "Officials" and "ein Sprecher" of unrelated articles are speakers of their own article: a
/// correction by that name must say which one, and takes an id.
#[test]
fn generic_speakers_stay_with_their_article() {
    let ledger = Ledger::new();
    ingest_each(&ledger, &["voss1", "voss2"]);
    let speakers = ledger.run(&["speakers", "--format", "csv"]);
    let officials: Vec<&str> = speakers
        .lines()
        .filter(|l| l.split(',').nth(1) == Some("Officials"))
        .collect();
    assert_eq!(officials.len(), 2, "{speakers}");
    ledger.fails(
        &["speakers", "rename", "Officials", "port officials"],
        1,
        "2 speakers are called 'Officials'",
    );
    let id = officials[1].split(',').next().unwrap();
    ledger.run(&["speakers", "rename", id, "Lübeck officials"]);
    assert_eq!(
        claim_speakers(&ledger),
        ["Clara Voss", "Officials", "Clara Voss", "Lübeck officials"]
    );
    // A hand edit naming a generic speaker gets that article's own (source 1), not the
    // other article's.
    ledger.run(&["edit", "1", "--speaker", "officials", "--reason", "test"]);
    let after = ledger.run(&["speakers", "--format", "csv"]);
    let own: Vec<&str> = after
        .lines()
        .filter(|l| l.split(',').nth(1) == Some("Officials"))
        .collect();
    assert_eq!(own.len(), 1, "{after}");
    assert!(own[0].ends_with(",2,1"), "two claims, source 1: {after}");
    assert_consistent(&ledger);
}

/// A ledger of schema 0003 whose "officials" (a group) was shared by two articles: after the
/// migration each article has its own, the named speaker is untouched, nothing is lost.
#[test]
fn a_ledger_with_shared_generic_speakers_is_split_when_it_migrates() {
    let ledger = Ledger::new();
    {
        let conn = rusqlite::Connection::open(ledger.db()).unwrap();
        conn.execute_batch(include_str!("../../migrations/0001_init.sql"))
            .unwrap();
        conn.execute_batch(
            "INSERT INTO sources (id, title, content_hash, body, ingested_at)
             VALUES (1, 'Harbour', 'h1', 'b1', '2024-05-02T00:00:00Z'),
                    (2, 'Bridge', 'h2', 'b2', '2024-05-03T00:00:00Z');
             INSERT INTO speakers (id, name, role, kind)
             VALUES (1, 'Ada Brook', 'mayor', 'person'), (2, 'officials', NULL, 'group');
             INSERT INTO speaker_aliases (alias, speaker_id) VALUES ('Brook', 1);
             INSERT INTO claims (id, source_id, text, mode, stance, speaker_names, speaker_roles,
                                 speaker_kinds, created_at, updated_at)
             VALUES (1, 1, 'The wall costs 48 million', 'indirect', 'assert', 'Ada Brook', 'mayor', 'person', 't', 't'),
                    (2, 1, 'The port lost 12 million', 'indirect', 'assert', 'officials', '', 'group', 't', 't'),
                    (3, 2, 'The bridge opens in May', 'indirect', 'assert', 'officials', '', 'group', 't', 't'),
                    (4, 2, 'Tolls will rise', 'indirect', 'assert', 'Ada Brook', 'mayor', 'person', 't', 't');
             INSERT INTO claim_speakers (claim_id, speaker_id, position, mention)
             VALUES (1, 1, 0, 'Ada Brook'), (2, 2, 0, 'officials'), (3, 2, 0, 'officials'), (4, 1, 0, 'Ada Brook');",
        )
        .unwrap();
        conn.execute_batch(include_str!("../../migrations/0002_appearances.sql"))
            .unwrap();
        conn.execute_batch(include_str!("../../migrations/0003_corrections.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    insta::assert_snapshot!(ledger.run(&["speakers"]));
    assert_eq!(
        claim_speakers(&ledger),
        ["Ada Brook", "officials", "officials", "Ada Brook"]
    );
    let version: i64 = rusqlite::Connection::open(ledger.db())
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, claimledger::store::migrate::latest_version());
    assert_consistent(&ledger);
}

/// A join a person finds wrong is undone by naming the speaker in a correction (taken as
/// typed, not joined again), and an export read back into an empty ledger keeps both
/// speakers apart: imports join only the same name.
#[test]
fn a_corrected_join_stays_undone_and_survives_the_round_trip() {
    let ledger = Ledger::new();
    ingest_each(&ledger, &["voss1", "voss2"]);
    ledger.run(&["edit", "3", "--speaker", "Voss", "--reason", "another Voss"]);
    assert_eq!(
        claim_speakers(&ledger),
        ["Clara Voss", "Officials", "Voss", "Officials"]
    );
    let file = ledger.dir.path().join("all.jsonl");
    let file = file.to_str().unwrap();
    ledger.run(&["export", "--format", "jsonl", "-o", file]);
    let other = Ledger::new();
    other.run(&["import", file]);
    assert_eq!(claim_speakers(&other), claim_speakers(&ledger));
    // The same speakers (ids are numbered in another order).
    let without_ids = |l: &Ledger| -> Vec<String> {
        let mut rows: Vec<String> = l
            .run(&["speakers", "--format", "csv"])
            .lines()
            .map(|r| r.split_once(',').unwrap().1.to_string())
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(without_ids(&other), without_ids(&ledger));
    assert_eq!(without_ids(&other).len(), 5, "{:?}", without_ids(&other));
    let again = other.dir.path().join("again.jsonl");
    other.run(&["export", "--format", "jsonl", "-o", again.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(file).unwrap(),
        std::fs::read_to_string(&again).unwrap()
    );
    assert_consistent(&other);
}
