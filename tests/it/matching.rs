//! "Already checked?" quality floors, measured with `../shared/tools/score_matching.py` on the
//! dev splits of CheckThat! 2020 (tweets → Snopes) and 2021 2B (debates → PolitiFact). Skipped
//! (with a message) when `../shared` is not beside the checkout.
//!
//! Floors are what the matcher measured when it was written, less a small margin (README,
//! "Already checked?"): matching is deterministic, so a change that loses quality fails here.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("tools/score_matching.py").is_file() {
        Some(dir)
    } else {
        crate::common::skip("../shared is not here, so the matching floors are not measured");
        None
    }
}

fn score(shared: &Path, set: &str) -> serde_json::Value {
    let out = Command::new("python3")
        .arg(shared.join("tools/score_matching.py"))
        .arg(shared.join("eval/claim-matching").join(set))
        .args([
            "--cmd",
            env!("CARGO_BIN_EXE_claimledger"),
            "--split",
            "dev",
            "--json",
        ])
        .output()
        .expect("python3 runs the scorer");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(stdout.lines().last().unwrap()).unwrap()
}

fn check(s: &serde_json::Value, map_floor: f64, same_floor: f64) {
    let map = s["map_at_5"].as_f64().unwrap();
    assert!(map >= map_floor, "MAP@5 {map} < {map_floor}: {s}");
    // A matcher that never says "same" has no precision to check; ours does on both sets.
    let same = s["same_precision"]
        .as_f64()
        .expect("some matches are 'same'");
    assert!(
        same >= same_floor,
        "'same' right in {same} < {same_floor}: {s}"
    );
}

#[test]
fn checkthat_2020_tweets_dev() {
    let Some(shared) = shared() else { return };
    let s = score(&shared, "checkthat2020-en");
    eprintln!("CheckThat! 2020 dev: {s}");
    // Measured 0.839 MAP@5, 'same' 1.0 (1 of 197: a tweet is rarely word for word its
    // fact-check's claim, and `same` needs every content word).
    check(&s, 0.83, 0.95);
}

#[test]
fn checkthat_2021_debates_dev() {
    let Some(shared) = shared() else { return };
    let s = score(&shared, "checkthat2021-2b-en");
    eprintln!("CheckThat! 2021 2B dev: {s}");
    // Measured 0.422 MAP@5 with the file's speaker prior, 'same' 1.0 (2 of 119).
    check(&s, 0.41, 0.95);
}

/// The reference article, a copy with one extra line and a copy naming another agency end as
/// the same claims, each seen three times (the extra line once).
#[test]
fn three_copies_of_the_reference_article_are_one_set_of_claims() {
    let Some(shared) = shared() else { return };
    let text = std::fs::read_to_string(shared.join("corpus/de/reuters-kim-russia-2023-09.txt"))
        .expect("the reference article");
    let dir = tempfile::TempDir::new().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    let c = dir.path().join("c.txt");
    std::fs::write(&a, &text).unwrap();
    std::fs::write(
        &b,
        format!(
            "{text}\nEin Sprecher der Stadt sagte, die Gespräche würden im Herbst fortgesetzt.\n"
        ),
    )
    .unwrap();
    std::fs::write(&c, text.replace("Reuters", "dpa").replace("REUTERS", "DPA")).unwrap();
    let db = dir.path().join("ledger.db");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(env!("CARGO_BIN_EXE_claimledger"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("CLAIMLEDGER_NOW", "2026-01-02T03:04:05Z")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    for f in [&a, &b, &c, &a] {
        run(&["ingest".as_ref(), f.as_os_str()]);
    }
    let claims: Vec<serde_json::Value> =
        run(&["list".as_ref(), "--format".as_ref(), "jsonl".as_ref()])
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    let three = claims.iter().filter(|c| c["appearances"] == 3).count();
    eprintln!("{} claims, {three} with three appearances", claims.len());
    assert!(
        (24..=28).contains(&three),
        "{three} of {} claims seen 3 times",
        claims.len()
    );
    assert!(claims.len() <= three + 2, "{} claims", claims.len());
}
