//! A ledger's own check-worthiness models: training refuses triage of one kind, and the model
//! used before stays to return to.

use crate::common::Ledger;

fn score_of(ledger: &Ledger, id: usize) -> f64 {
    let out = ledger.run(&["show", &id.to_string(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json["claim"]["checkworthiness"].as_f64().unwrap()
}

/// Adds `yes` claims the desk keeps (in review) and `no` it dismisses, through an import
/// (one process instead of a hundred). Returns the number of claims.
fn triaged(ledger: &Ledger, yes: usize, no: usize) -> usize {
    let mut lines = Vec::new();
    for k in 0..yes + no {
        let (text, status, note) = if k < yes {
            (
                format!(
                    "The council spent {} million euros on roads in 20{:02}",
                    10 + k,
                    k % 20
                ),
                "in-review",
                "",
            )
        } else {
            (
                format!(
                    "The Rovers beat the visitors {} to {} in front of {} fans",
                    2 + k % 4,
                    k % 2,
                    900 + k
                ),
                "dismissed",
                "not our beat",
            )
        };
        lines.push(format!("{},{status},{text},,,,,none,assert,0.5,,,,,en,{note},desk,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z", k + 1));
    }
    let csv = format!(
        "id,status,text,speakers,roles,speaker_kinds,cue,mode,stance,checkworthiness,source_title,publisher,url,published,language,last_review_note,reviewer,reviewed_at,created_at\n{}\n",
        lines.join("\n")
    );
    let path = ledger.path("triage.csv");
    std::fs::write(&path, csv).unwrap();
    ledger.run(&["import", &path]);
    yes + no
}

#[test]
fn training_refuses_triage_of_one_kind() {
    let ledger = Ledger::new();
    triaged(&ledger, 60, 5);
    let before = score_of(&ledger, 1);
    ledger.fails(
        &["train-checkworthiness", "--from-ledger"],
        1,
        "60 are worth checking and 5 dismissed; training needs at least 20 of each",
    );
    assert_eq!(score_of(&ledger, 1), before);
    assert!(ledger.run(&["stats"]).contains("built-in model"));
}

#[test]
fn the_model_used_before_can_be_restored() {
    let ledger = Ledger::new();
    let n = triaged(&ledger, 30, 30);
    let out = ledger.run(&["train-checkworthiness", "--from-ledger"]);
    assert!(out.contains("--use-model builtin' returns to it"), "{out}");
    let trained = score_of(&ledger, n);
    let listed = ledger.run(&["train-checkworthiness", "--list-models"]);
    assert!(listed.contains("| 1 "), "{listed}");
    let out = ledger.run(&["train-checkworthiness", "--use-model", "builtin"]);
    assert!(
        out.contains(&format!("{n} claims rescored with the built-in model")),
        "{out}"
    );
    assert!(
        ledger
            .run(&["stats"])
            .contains("scored by the built-in model")
    );
    let builtin = score_of(&ledger, n);
    assert_ne!(builtin, trained);
    ledger.run(&["train-checkworthiness", "--use-model", "1"]);
    assert_eq!(score_of(&ledger, n), trained);
    assert!(
        ledger
            .run(&["stats"])
            .contains("scored by the ledger model")
    );
    ledger.fails(
        &["train-checkworthiness", "--use-model", "9"],
        1,
        "the ledger has no model 9",
    );
}
