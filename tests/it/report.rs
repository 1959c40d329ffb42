//! `claimledger report`: one self-contained HTML page with charts and tables, and the CSV of
//! `stats`.

use crate::webdesk::{Ledger, assert_escaped};

fn reviewed() -> Ledger {
    let ledger = Ledger::new();
    ledger.with_evil_content();
    let ids: Vec<serde_json::Value> = ledger
        .run(&["list", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let evil = ids
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("<script>"))
        .unwrap();
    ledger.run(&[
        "review",
        &evil["id"].to_string(),
        "--status",
        "false",
        "--note",
        "no",
    ]);
    ledger.run(&["review", "1", "--status", "misleading", "--note", "context"]);
    ledger.run(&["review", "2", "--status", "true", "--note", "yes"]);
    ledger
}

#[test]
fn the_html_report_is_one_page_with_charts_and_escaped_content() {
    let ledger = reviewed();
    let out = ledger.path("report.html");
    ledger.run(&["report", "--format", "html", "-o", &out]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert_eq!(html.matches("<svg").count(), 3, "three charts: {html}");
    assert!(html.contains("Verdicts per month") && html.contains("Top speakers by false"));
    // Self-contained: inline style, no script, nothing fetched.
    assert!(html.contains("<style>"), "{html}");
    for external in [
        "<script",
        "<link",
        "src=\"",
        "href=\"http",
        "url(",
        "@import",
    ] {
        assert!(!html.contains(external), "{external} in {html}");
    }
    assert_escaped("report", &html);
    assert!(
        html.contains("&quot;&gt;&lt;img src=x onerror=alert(7)&gt;"),
        "{html}"
    );
    assert!(html.contains("All claims"), "{html}");
}

#[test]
fn the_report_takes_the_filters() {
    let ledger = reviewed();
    let all = ledger.run(&["report", "--format", "html"]);
    let some = ledger.run(&[
        "report",
        "--format",
        "html",
        "--since",
        "2024-01-01",
        "--until",
        "2024-12-31",
    ]);
    assert!(
        some.contains("Claims with published since 2024-01-01, published until 2024-12-31"),
        "{some}"
    );
    assert_ne!(all, some);
    let german = ledger.run(&["stats", "--format", "json", "--since", "2024-01-01"]);
    let german: serde_json::Value = serde_json::from_str(&german).unwrap();
    assert!(
        some.contains(&format!("<strong>{}</strong> claims", german["claims"])),
        "{some}"
    );
    ledger.fails(
        &["report", "--since", "May"],
        1,
        "--since 'May' is not a date",
    );
}

#[test]
fn the_csv_report_is_the_csv_of_stats() {
    let ledger = reviewed();
    for filter in [
        vec![],
        vec!["--publisher", "\"><img src=x onerror=alert(5)>"],
        vec!["--since", "2024-01-01"],
        vec!["--status", "false"],
    ] {
        let mut report = vec!["report", "--format", "csv"];
        report.extend(&filter);
        let mut stats = vec!["stats", "--format", "csv"];
        stats.extend(&filter);
        assert_eq!(ledger.run(&report), ledger.run(&stats), "{filter:?}");
    }
    let out = ledger.path("r.csv");
    ledger.run(&["report", "--format", "csv", "-o", &out]);
    assert_eq!(
        std::fs::read_to_string(out).unwrap(),
        ledger.run(&["stats", "--format", "csv"])
    );
}
