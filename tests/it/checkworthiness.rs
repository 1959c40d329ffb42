//! Check-worthiness end to end: a ledger's own model trained on its triage (`--from-ledger`),
//! the refusals, and the dev-set floors of the built-in model (measured with the shared scorer;
//! skipped, saying why, when `../shared` is absent).

use crate::common::Ledger;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Claims a desk in this test finds worth checking (budget figures) and ones it dismisses
/// (match results, which the built-in model rates high for their numbers).
fn budget(k: usize) -> String {
    let items = [
        "schools",
        "roads",
        "hospitals",
        "police",
        "libraries",
        "parks",
    ];
    format!(
        "The council spent {} million euros on {} in 20{:02}",
        10 + k,
        items[k % items.len()],
        k % 20
    )
}

fn sports(k: usize) -> String {
    let teams = [
        "Rovers",
        "United",
        "City",
        "Athletic",
        "Wanderers",
        "Albion",
    ];
    format!(
        "The {} beat the visitors {} to {} on Saturday in front of {} fans",
        teams[k % teams.len()],
        2 + k % 4,
        k % 2,
        1000 + k * 10
    )
}

fn score_of(ledger: &Ledger, id: usize) -> f64 {
    let out = ledger.run(&["show", &id.to_string(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json["checkworthiness"]
        .as_f64()
        .or_else(|| json["claim"]["checkworthiness"].as_f64())
        .unwrap_or_else(|| panic!("no score in {out}"))
}

/// Adds `n` budget and `n` sports claims, marks the budget ones in review and dismisses the
/// sports ones. Returns the ids of (budget, sports) claims.
fn triaged_ledger(ledger: &Ledger, n: usize) -> (Vec<usize>, Vec<usize>) {
    let (mut keep, mut drop) = (Vec::new(), Vec::new());
    for k in 0..n {
        ledger.run(&["add", "--text", &budget(k)]);
        keep.push(2 * k + 1);
        ledger.run(&["add", "--text", &sports(k)]);
        drop.push(2 * k + 2);
    }
    let ids = |v: &[usize]| v.iter().map(|i| i.to_string()).collect::<Vec<_>>();
    let mut args = vec!["review".to_string()];
    args.extend(ids(&keep));
    args.extend(["--status".into(), "in-review".into()]);
    ledger.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let mut args = vec!["review".to_string()];
    args.extend(ids(&drop));
    args.extend([
        "--status".into(),
        "dismissed".into(),
        "--note".into(),
        "sports results are not our beat".into(),
    ]);
    ledger.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    (keep, drop)
}

#[test]
fn a_ledger_learns_from_its_triage() {
    let ledger = Ledger::new();
    let (_, drop) = triaged_ledger(&ledger, 26);
    // A claim nobody triaged yet, of the kind this desk dismisses.
    let fresh = sports(40);
    ledger.run(&["add", "--text", &fresh]);
    let fresh_id = 2 * 26 + 1;
    let before = score_of(&ledger, fresh_id);
    let stats = ledger.run(&["stats"]);
    assert!(stats.contains("scored by the built-in model"), "{stats}");

    let out = ledger.run(&["train-checkworthiness", "--from-ledger"]);
    assert!(
        out.starts_with("trained on 52 triaged claims (26 worth checking, 26 dismissed)"),
        "{out}"
    );
    assert!(out.contains("53 claims rescored"), "{out}");
    let after = score_of(&ledger, fresh_id);
    assert!(after < 0.5 && after < before, "{before} -> {after}");
    for id in &drop[..3] {
        assert!(score_of(&ledger, *id) < 0.5);
    }
    // The queue puts the desk's kind of claim first.
    let queue = ledger.run(&["list", "--all", "--sort", "score", "--format", "jsonl"]);
    let first: Vec<String> = queue
        .lines()
        .take(20)
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].to_string())
        .collect();
    assert!(
        first.iter().all(|t| t.contains("council spent")),
        "{first:?}"
    );
    // stats names the model and when it was trained.
    let stats = ledger.run(&["stats"]);
    let line = "check-worthiness scored by the ledger model (trained 2026-01-02T03:04:05Z, on 52 triaged claims)";
    assert!(stats.contains(line), "{stats}");
    let json: serde_json::Value =
        serde_json::from_str(&ledger.run(&["stats", "--format", "json"])).unwrap();
    assert_eq!(json["checkworthiness"]["model"], "ledger");
    assert_eq!(json["checkworthiness"]["triaged"], 52);
    assert_eq!(
        json["checkworthiness"]["trained_at"],
        "2026-01-02T03:04:05Z"
    );
    // A claim added now is scored by the ledger's model too.
    ledger.run(&["add", "--text", &sports(41)]);
    assert!(score_of(&ledger, fresh_id + 1) < 0.5);
}

#[test]
fn too_few_triaged_claims_are_refused() {
    let ledger = Ledger::new();
    triaged_ledger(&ledger, 10);
    ledger.fails(
        &["train-checkworthiness", "--from-ledger"],
        1,
        "only 20 claims are triaged",
    );
    let stats = ledger.run(&["stats"]);
    assert!(stats.contains("built-in model"), "{stats}");
}

#[test]
fn training_needs_an_output_or_the_ledger() {
    let ledger = Ledger::new();
    ledger.fails(&["train-checkworthiness"], 2, "needs --output FILE");
    let missing = ledger.path("nowhere");
    ledger.fails(
        &[
            "train-checkworthiness",
            "--data",
            &missing,
            "-o",
            &ledger.path("m.bin"),
        ],
        1,
        "cannot read",
    );
    // No ledger is created by a refused --from-ledger.
    ledger.fails(&["train-checkworthiness", "--from-ledger"], 3, "");
    assert!(!ledger.db().exists());
}

#[test]
fn each_line_reads_a_line_whole_too() {
    let ledger = Ledger::new();
    let path = ledger.path("comments.txt");
    let questions = "Wer zahlt denn die Steuern für all das? Ist das nicht unser Geld?";
    let reported = "Der Minister sagte, die Steuern seien um 4 Prozent gestiegen.";
    std::fs::write(&path, format!("{questions}\n{reported}\n")).unwrap();
    let run = |min: &str| -> Vec<serde_json::Value> {
        let args = [
            "extract",
            "--format",
            "jsonl",
            "--each-line",
            "--min-score",
            min,
        ];
        let out = ledger.run(&[&args[..], &[path.as_str()]].concat());
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let lines = run("0");
    // Questions make no claim: the line read whole is the one claim, a statement of its own.
    let claims = lines[0]["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 1, "{lines:?}");
    assert_eq!(claims[0]["text"], questions);
    assert_eq!(claims[0]["mode"], "none");
    assert_eq!(claims[0]["end"], questions.len());
    let whole = claims[0]["checkworthiness"].as_f64().unwrap();
    // Below --min-score it is left out, as any statement of the line's own.
    let above = format!("{:.3}", whole + 0.001);
    assert_eq!(run(&above)[0]["claims"], serde_json::json!([]));
    // A line that reports someone keeps its claim and speaker, with no claim added.
    let claims = lines[1]["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 1, "{lines:?}");
    assert_eq!(claims[0]["speakers"][0]["name"], "Minister");
}

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("eval/checkworthy").is_dir() {
        Some(dir)
    } else {
        crate::common::skip(
            "../shared is not here, so the check-worthiness floors are not measured",
        );
        None
    }
}

fn scorer(shared: &Path, data: &Path) -> serde_json::Value {
    let bin = assert_cmd::cargo::cargo_bin("claimledger");
    let out = Command::new("python3")
        .arg(shared.join("tools/score_checkworthy.py"))
        .arg(data)
        .arg("--cmd")
        .arg(format!(
            "{} extract --format jsonl --each-line",
            bin.display()
        ))
        .arg("--json")
        .output()
        .expect("python3 runs the scorer");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn english_dev_floor() {
    let Some(shared) = shared() else { return };
    let r = scorer(&shared, &shared.join("eval/checkworthy/ct24-en-dev.tsv"));
    // Measured 0.884 (P 0.886, R 0.882) with the line weights; the hand-tuned formula had
    // 0.636.
    assert!(r["f1_positive"].as_f64().unwrap() >= 0.87, "{r}");
}

#[test]
fn german_dev_fifth_floor() {
    let Some(shared) = shared() else { return };
    // The dev fifth: comments whose id is divisible by 5, written as a GermEval CSV.
    let mut reader =
        csv::Reader::from_path(shared.join("eval/checkworthy/germeval21-de-train.csv")).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("dev-fifth.csv");
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(reader.headers().unwrap()).unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        if record[0].trim().parse::<u64>().unwrap() % 5 == 0 {
            writer.write_record(&record).unwrap();
        }
    }
    writer.flush().unwrap();
    let r = scorer(&shared, &path);
    // The floor sits just below the measured figure (see docs/checkworthiness-model.md); the
    // figure moves by a few thousandths with each retraining after an extractor change.
    assert!(r["macro_f1"].as_f64().unwrap() >= 0.73, "{r}");
}
