//! What ingest does with articles the ledger has seen before: a copy printed under another URL
//! or publisher, the same article again, claims that repeat a checked claim.

use crate::common::{ENGLISH, Ledger};

fn jsonl(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn ingest(ledger: &Ledger, args: &[&str]) -> (String, String) {
    let out = ledger.cmd().arg("ingest").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// An agency story printed by two papers: the second is not "already present" but an
/// appearance of each claim with its own URL, publisher and date, and the first URL stays.
#[test]
fn a_syndicated_copy_adds_an_appearance_of_each_claim_and_keeps_the_first_url() {
    let ledger = Ledger::new();
    ingest(
        &ledger,
        &[
            "--url",
            "https://first.example/bridge",
            "--publisher",
            "First Paper",
            "--date",
            "2024-03-01",
            ENGLISH,
        ],
    );
    let claims = ledger.claim_count();
    assert!(claims >= 3, "{claims} claims");
    let (out, err) = ingest(
        &ledger,
        &[
            "--url",
            "https://second.example/bridge",
            "--publisher",
            "Second Paper",
            "--date",
            "2024-03-05",
            ENGLISH,
        ],
    );
    assert!(out.contains("1 copy(ies) of stored articles"), "{out}");
    assert!(!out.contains("1 already present"), "{out}");
    assert!(err.contains("stored as source 2"), "{err}");
    assert_eq!(ledger.claim_count(), claims, "no claim added");
    let listed = jsonl(&ledger.run(&["list", "--format", "jsonl"]));
    assert!(listed.iter().all(|c| c["appearances"] == 2), "{listed:?}");
    // The claims keep their first source; the first URL is not overwritten.
    assert!(
        listed
            .iter()
            .all(|c| c["url"] == "https://first.example/bridge"),
        "{listed:?}"
    );
    let sources: serde_json::Value =
        serde_json::from_str(&ledger.run(&["sources", "--format", "json"])).unwrap();
    let mut urls: Vec<&str> = sources
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["url"].as_str())
        .collect();
    urls.sort_unstable();
    assert_eq!(
        urls,
        [
            "https://first.example/bridge",
            "https://second.example/bridge"
        ]
    );
}

/// The same text under the URL it has already (or with no URL given) adds nothing, and so does
/// the same copy a second time.
#[test]
fn the_same_text_under_the_same_url_again_changes_nothing() {
    let ledger = Ledger::new();
    ingest(&ledger, &["--url", "https://first.example/bridge", ENGLISH]);
    let export = ledger.run(&["export", "--format", "jsonl"]);
    for args in [
        vec!["--url", "https://first.example/bridge", ENGLISH],
        vec![ENGLISH],
    ] {
        let (out, err) = ingest(&ledger, &args);
        assert!(out.contains("; 1 already present"), "{out}");
        assert!(err.contains("nothing added"), "{err}");
    }
    assert_eq!(ledger.run(&["export", "--format", "jsonl"]), export);
    ingest(
        &ledger,
        &["--url", "https://second.example/bridge", ENGLISH],
    );
    let export = ledger.run(&["export", "--format", "jsonl"]);
    let (out, _) = ingest(
        &ledger,
        &["--url", "https://second.example/bridge", ENGLISH],
    );
    assert!(out.contains("; 1 already present"), "{out}");
    assert_eq!(ledger.run(&["export", "--format", "jsonl"]), export);
}

/// `--publisher`, `--since` and `--until` look at every appearance of a claim, as `--source`
/// does: a claim printed by a second paper a week later is found under either.
#[test]
fn publisher_and_dates_filter_by_any_appearance() {
    let ledger = Ledger::new();
    ingest(
        &ledger,
        &[
            "--publisher",
            "First Paper",
            "--date",
            "2024-03-01",
            ENGLISH,
        ],
    );
    ingest(
        &ledger,
        &[
            "--publisher",
            "Second Paper",
            "--date",
            "2024-03-08",
            ENGLISH,
        ],
    );
    let claims = ledger.claim_count();
    let count = |args: &[&str]| {
        let mut all = vec!["list", "--format", "jsonl"];
        all.extend_from_slice(args);
        jsonl(&ledger.run(&all)).len()
    };
    assert_eq!(count(&["--publisher", "second paper"]), claims);
    assert_eq!(count(&["--publisher", "First Paper"]), claims);
    assert_eq!(count(&["--publisher", "Third Paper"]), 0);
    assert_eq!(count(&["--since", "2024-03-05"]), claims);
    assert_eq!(count(&["--until", "2024-03-02"]), claims);
    // Both bounds: one appearance must fall between them.
    assert_eq!(
        count(&["--since", "2024-03-02", "--until", "2024-03-07"]),
        0
    );
    assert_eq!(
        count(&["--since", "2024-03-07", "--until", "2024-03-09"]),
        claims
    );
    assert_eq!(count(&["--since", "2024-03-09"]), 0);
}

/// A checked claim that comes back (a copy of its article, or a later article repeating it):
/// the ingest summary names it with its verdict, and `list --recurring` lists it.
#[test]
fn ingest_names_the_checked_claims_it_links_to_and_list_recurring_shows_them() {
    let ledger = Ledger::new();
    ingest(&ledger, &["--url", "https://first.example/bridge", ENGLISH]);
    assert_eq!(
        ledger.run(&["list", "--recurring", "--format", "jsonl"]),
        ""
    );
    ledger.run(&[
        "review",
        "1",
        "--status",
        "false",
        "--note",
        "the vote was 5 to 4",
    ]);
    // Not seen again yet.
    assert_eq!(
        ledger.run(&["list", "--recurring", "--format", "jsonl"]),
        ""
    );
    let (out, _) = ingest(
        &ledger,
        &["--url", "https://second.example/bridge", ENGLISH],
    );
    assert!(
        out.contains("1 claim(s) already checked: #1 false"),
        "{out}"
    );
    let recurring = jsonl(&ledger.run(&["list", "--recurring", "--format", "jsonl"]));
    assert_eq!(recurring.len(), 1, "{recurring:?}");
    assert_eq!(recurring[0]["id"], 1);

    // A later article with the claim in other surroundings: merged or suggested, it is named.
    let dir = tempfile::TempDir::new().unwrap();
    let text = std::fs::read_to_string(ENGLISH).unwrap();
    let later = dir.path().join("later.txt");
    std::fs::write(
        &later,
        format!("{text}\nThe bridge will have two lanes for cyclists, the planners said.\n"),
    )
    .unwrap();
    let (out, _) = ingest(&ledger, &[later.to_str().unwrap()]);
    assert!(out.contains("already checked: #1 false"), "{out}");
}

/// Claims repeated within one ingest into an empty ledger are matched although FTS5 writes its
/// totals only at commit: the look-up counts the claims itself.
#[test]
fn claims_repeated_within_one_strict_ingest_of_an_empty_ledger_are_merged() {
    let ledger = Ledger::new();
    let dir = tempfile::TempDir::new().unwrap();
    let text = std::fs::read_to_string(ENGLISH).unwrap();
    let copy = dir.path().join("copy.txt");
    std::fs::write(
        &copy,
        format!("{text}\nThe bridge will have two lanes for cyclists, the planners said.\n"),
    )
    .unwrap();
    let (out, _) = ingest(&ledger, &["--strict", ENGLISH, copy.to_str().unwrap()]);
    assert!(out.contains("ingested 2 article(s)"), "{out}");
    let listed = jsonl(&ledger.run(&["list", "--format", "jsonl"]));
    let twice = listed.iter().filter(|c| c["appearances"] == 2).count();
    assert!(twice >= 3, "{twice} of {} claims seen twice", listed.len());
}

/// The suggestions (claim, candidate, score, relation) of a ledger, in order.
fn suggestions(ledger: &Ledger) -> Vec<(i64, i64, f64, String)> {
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    conn.prepare(
        "SELECT claim_id, candidate_id, score, relation FROM suggestions ORDER BY claim_id, candidate_id",
    )
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Where ingest commits (one transaction with `--strict`, else batches cut by time) changes
/// nothing of what it matched: merges and suggestions are a function of the articles and their
/// order only, so the same files give the same ledger however busy the machine was.
#[test]
fn ingest_results_do_not_depend_on_batch_timing() {
    let folder = std::path::Path::new("../shared/eval/polnear-train");
    let Ok(entries) = std::fs::read_dir(folder) else {
        crate::common::skip("../shared/eval/polnear-train is absent");
        return;
    };
    let mut files: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files.truncate(300);
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let one = Ledger::new();
    let mut strict = vec!["--strict", "--quiet"];
    strict.extend(&args);
    ingest(&one, &strict);
    let batched = Ledger::new();
    let mut quiet = vec!["--quiet"];
    quiet.extend(&args);
    ingest(&batched, &quiet);
    let found = suggestions(&one);
    assert!(found.len() > 10, "{} suggestions", found.len());
    assert_eq!(found, suggestions(&batched));
    let export = |l: &Ledger| l.run(&["export", "--format", "jsonl"]);
    let (a, b) = (export(&one), export(&batched));
    assert!(a == b, "the exports differ");
}
