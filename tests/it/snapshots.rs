//! Whole outputs of a fixed ledger (fixed clock, reviewer and inputs), pinned as insta
//! snapshots: a change in any column of list, show, history, stats or an export is a diff to
//! review (`cargo insta review`, or INSTA_UPDATE=always and read the .snap diff).

use crate::common::{ENGLISH, GERMAN, Ledger};

/// Both fixtures, a review trail with evidence, a dismissal, a correction and a typed claim.
fn fixed_ledger() -> Ledger {
    let ledger = Ledger::new();
    ledger.run(&["ingest", "--date", "2024-05-01", GERMAN]);
    ledger.run(&["ingest", ENGLISH]);
    ledger.run(&["review", "1", "--status", "in-review"]);
    ledger.run(&[
        "review",
        "1",
        "9",
        "--status",
        "false",
        "--note",
        "Budget shows 52 million",
        "--evidence",
        "https://example.org/budget",
    ]);
    ledger.run(&[
        "review",
        "10",
        "--status",
        "mostly-true",
        "--note",
        "Close enough",
    ]);
    ledger.run(&["review", "11", "--status", "dismissed", "--note", "Opinion"]);
    ledger.run(&[
        "edit",
        "12",
        "--cue",
        "told reporters",
        "--reason",
        "cue was cut",
    ]);
    ledger.run(&[
        "add",
        "--text",
        "=1+1 is a formula",
        "--speaker",
        "A; B",
        "--speaker",
        "Merkel",
    ]);
    ledger
}

#[test]
fn outputs_of_a_fixed_ledger() {
    let ledger = fixed_ledger();
    for (name, args) in [
        ("list", &["list"][..]),
        ("list_all_csv", &["list", "--all", "--format", "csv"]),
        ("show", &["show", "1"]),
        ("show_json", &["show", "12", "--format", "json"]),
        ("history", &["history", "1"]),
        ("history_json", &["history", "12", "--format", "json"]),
        ("stats", &["stats"]),
        ("stats_csv", &["stats", "--format", "csv"]),
        ("export_csv", &["export"]),
        ("export_excel", &["export", "--excel"]),
        ("export_json", &["export", "--format", "json"]),
        ("export_jsonl", &["export", "--format", "jsonl"]),
        (
            "export_claimreview",
            &[
                "export",
                "--format",
                "claimreview",
                "--org-name",
                "Faktencheck",
                "--org-url",
                "https://factcheck.example",
                "--base-url",
                "https://factcheck.example",
            ],
        ),
        ("export_appearances", &["export", "--appearances"]),
        ("speakers", &["speakers"]),
        ("sources_csv", &["sources", "--format", "csv"]),
    ] {
        insta::assert_snapshot!(name, ledger.run(args));
    }
}
