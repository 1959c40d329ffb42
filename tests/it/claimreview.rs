//! ClaimReview out (publishable: Google's required and recommended fields) and in (objects,
//! arrays, graphs, feeds; rating labels; bad input refused with nothing imported).

use assert_cmd::Command;
use serde_json::{Value, json};
use tempfile::TempDir;

const GERMAN: &str = "tests/fixtures/hafen-de.txt";
const ENGLISH: &str = "tests/fixtures/bridge-en.txt";
const ORG: [&str; 4] = [
    "--org-name",
    "Faktencheck",
    "--org-url",
    "https://check.example",
];

struct Ledger {
    dir: TempDir,
}

impl Ledger {
    fn new() -> Ledger {
        Ledger {
            dir: TempDir::new().unwrap(),
        }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("claimledger").unwrap();
        cmd.env_clear()
            .env("CLAIMLEDGER_DB", self.dir.path().join("ledger.db"))
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
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }

    fn claims(&self) -> usize {
        self.run(&["list", "--format", "jsonl"]).lines().count()
    }

    fn export(&self, extra: &[&str]) -> String {
        let mut args = vec!["export", "--format", "claimreview"];
        args.extend(ORG);
        args.extend(extra);
        self.run(&args)
    }
}

/// A ledger with three verdicts: one published (review --url), two not.
fn reviewed() -> Ledger {
    let ledger = Ledger::new();
    ledger.run(&[
        "ingest",
        "--url",
        "https://example.org/hafen",
        "--date",
        "2024-05-01",
        GERMAN,
    ]);
    ledger.run(&["ingest", "--url", "https://example.org/bridge", ENGLISH]);
    ledger.run(&[
        "review",
        "1",
        "--status",
        "false",
        "--note",
        "Der Etat nennt 52 Millionen",
        "--url",
        "https://check.example/kaimauer",
    ]);
    ledger.run(&[
        "review",
        "2",
        "--status",
        "misleading",
        "--note",
        "Alte Schätzung",
    ]);
    let last = ledger.claims().to_string();
    ledger.run(&[
        "review",
        &last,
        "--status",
        "mostly-true",
        "--note",
        "Close to the budget",
    ]);
    ledger
}

#[test]
fn export_import_export_is_byte_identical() {
    let ledger = reviewed();
    let one = ledger.export(&["--base-url", "https://check.example/"]);
    let file = ledger.path("one.json");
    std::fs::write(&file, &one).unwrap();
    let other = Ledger::new();
    let out = other.run(&["import", "--format", "claimreview", &file]);
    assert!(out.contains("imported 3 fact-check(s)"), "{out}");
    assert_eq!(other.export(&["--base-url", "https://check.example/"]), one);
    // The same reviews again: nothing changes.
    let again = other.run(&["import", "--format", "claimreview", &file]);
    assert!(
        again.contains("imported 0 fact-check(s)") && again.contains("3 already"),
        "{again}"
    );
    assert_eq!(other.claims(), 3);
}

#[test]
fn every_claim_review_has_googles_fields() {
    let ledger = reviewed();
    let reviews: Value =
        serde_json::from_str(&ledger.export(&["--base-url", "https://check.example"])).unwrap();
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 3);
    for r in reviews {
        assert!(!r.to_string().contains("null"), "{r}");
        assert_eq!(r["@type"], "ClaimReview");
        assert!(
            r["url"]
                .as_str()
                .unwrap()
                .starts_with("https://check.example/"),
            "{r}"
        );
        assert!(!r["claimReviewed"].as_str().unwrap().is_empty());
        assert_eq!(
            r["author"],
            json!({"@type": "Organization", "name": "Faktencheck", "url": "https://check.example"})
        );
        assert_eq!(r["datePublished"], "2026-01-02");
        let rating = &r["reviewRating"];
        assert_eq!(
            (
                rating["worstRating"].as_i64(),
                rating["bestRating"].as_i64()
            ),
            (Some(1), Some(5))
        );
        assert!((1..=5).contains(&rating["ratingValue"].as_i64().unwrap()));
        assert!(
            rating["alternateName"]
                .as_str()
                .unwrap()
                .chars()
                .next()
                .unwrap()
                .is_uppercase()
        );
        let item = &r["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        for a in item["author"].as_array().unwrap() {
            assert!(
                ["Person", "Organization", "GovernmentOrganization"]
                    .contains(&a["@type"].as_str().unwrap()),
                "{a}"
            );
            assert!(a["name"].is_string());
        }
        let first = &item["firstAppearance"];
        assert!(
            first["url"]
                .as_str()
                .unwrap()
                .starts_with("https://example.org/"),
            "{r}"
        );
        assert_eq!(item["appearance"][0], *first);
    }
    // German claims get German labels, the published URL is kept, speakers are typed.
    assert_eq!(reviews[0]["url"], "https://check.example/kaimauer");
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Falsch");
    assert_eq!(
        reviews[0]["itemReviewed"]["author"][0]["@type"],
        "GovernmentOrganization"
    );
    assert_eq!(reviews[1]["reviewRating"]["alternateName"], "Irreführend");
    assert_eq!(reviews[1]["url"], "https://check.example/claims/2");
    assert_eq!(reviews[2]["reviewRating"]["alternateName"], "Mostly true");
    // The claim's date is its article's; an undated article gives none (not the day it was
    // recorded).
    assert_eq!(reviews[0]["itemReviewed"]["datePublished"], "2024-05-01");
    assert_eq!(reviews[2]["itemReviewed"].get("datePublished"), None);
}

#[test]
fn verdicts_without_a_url_are_skipped_and_counted() {
    let ledger = reviewed();
    let out = ledger
        .cmd()
        .args(["export", "--format", "claimreview"])
        .args(ORG)
        .assert()
        .success()
        .get_output()
        .clone();
    let reviews: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reviews.as_array().unwrap().len(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 verdict(s) skipped"));
    let out = ledger
        .cmd()
        .args(["export", "--format", "claimreview"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --org-name"));
}

fn review(url: &str, label: &str, value: Value) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": "The bridge cost 40 million dollars",
        "datePublished": "2024-03-01",
        "author": {"@type": "Organization", "name": "Other Check"},
        "reviewRating": {"@type": "Rating", "ratingValue": value, "alternateName": label},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ada Brook"},
            "appearance": [{"@type": "CreativeWork", "url": "https://example.org/speech", "datePublished": "2024-02-01"}]}
    })
}

#[test]
fn claim_review_forms_and_labels_are_read() {
    let ledger = Ledger::new();
    let file = ledger.path("in.json");
    let forms = [
        review("https://other.example/1", "Pants on Fire!", json!(null)),
        json!([review(
            "https://other.example/2",
            "Größtenteils falsch",
            json!(null)
        )]),
        json!({"@graph": [{"@type": "Organization", "name": "x"}, review("https://other.example/3", "Misleading", json!(2))]}),
        json!({"@type": "DataFeed", "dataFeedElement": [
            {"@type": "DataFeedItem", "item": review("https://other.example/4", "whatever", json!(5))}]}),
    ];
    for form in &forms {
        std::fs::write(&file, form.to_string()).unwrap();
        ledger.run(&["import", "--format", "claimreview", &file]);
    }
    let claims: Vec<Value> = ledger
        .run(&["list", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let statuses: Vec<&str> = claims
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["false", "mostly-false", "misleading", "true"]);
    assert_eq!(claims[0]["speakers"], json!(["Ada Brook"]));
    assert_eq!(claims[0]["first_seen"], "2024-02-01");
    let history: Value =
        serde_json::from_str(&ledger.run(&["history", "1", "--format", "json"])).unwrap();
    assert_eq!(history[0]["reviewer"], "Other Check");
    assert_eq!(history[0]["evidence"], json!(["https://other.example/1"]));
    assert_eq!(history[0]["reviewed_at"], "2024-03-01T00:00:00Z");
}

#[test]
fn bad_claim_review_imports_nothing() {
    let ledger = Ledger::new();
    // A failed first import removes the ledger it created; this one was there before.
    ledger.run(&["init"]);
    let file = ledger.path("bad.json");
    let try_ = |content: String, needle: &str| {
        std::fs::write(&file, content).unwrap();
        ledger.fails(&["import", "--format", "claimreview", &file], needle);
        assert_eq!(ledger.claims(), 0);
    };
    let good = review("https://other.example/1", "False", json!(1));
    try_("{not json".into(), "not JSON");
    try_(json!({"@type": "Recipe"}).to_string(), "not ClaimReview");
    try_(
        json!([good, {"@type": "Recipe"}]).to_string(),
        "item 2: is a Recipe",
    );
    let mut no_claim = good.clone();
    no_claim.as_object_mut().unwrap().remove("claimReviewed");
    try_(
        json!([good, no_claim]).to_string(),
        "item 2: has no claimReviewed",
    );
    let mut no_url = good.clone();
    no_url.as_object_mut().unwrap().remove("url");
    try_(json!([no_url]).to_string(), "item 1: has no url");
    try_(
        json!([review("https://other.example/9", "False", json!(7))]).to_string(),
        "item 1: ratingValue 7 is outside",
    );
    try_(
        json!([review("https://other.example/9", "Satire", json!(null))]).to_string(),
        "the rating 'Satire' is not in the label table",
    );
    std::fs::write(
        &file,
        json!([review("https://other.example/9", "Satire", json!(null))]).to_string(),
    )
    .unwrap();
    ledger.run(&[
        "import",
        "--format",
        "claimreview",
        "--unmapped",
        "unverifiable",
        &file,
    ]);
    assert_eq!(ledger.claims(), 1);
}

#[test]
fn the_organisation_can_come_from_the_ledger_settings() {
    let ledger = reviewed();
    let out = ledger.run(&[
        "settings",
        "--org-name",
        "Faktencheck",
        "--org-url",
        "https://check.example",
        "--base-url",
        "https://check.example",
    ]);
    assert!(out.contains("org-name: Faktencheck"), "{out}");
    let from_settings = ledger.run(&["export", "--format", "claimreview"]);
    assert_eq!(
        from_settings,
        ledger.export(&["--base-url", "https://check.example"])
    );
    ledger.fails(&["settings", "--org-url", "check.example"], "is not a URL");
}
