//! The desk's dashboard on an archive (claims published over many months, recorded in one
//! day), its counts after writes, and how the search and claim pages show scores, dates and
//! the suggestion buttons.

use crate::webdesk::{Client, Ledger, Server, csrf};

/// A ledger with one article published in each of `months` months from January 2013 on, all
/// ingested now, and the reviewer `kim`; returns kim's password.
fn archive(months: usize) -> (Ledger, String) {
    let ledger = Ledger::new();
    for i in 0..months {
        let (year, month) = (2013 + i / 12, 1 + i % 12);
        let path = ledger.path(&format!("a{i}.txt"));
        std::fs::write(
            &path,
            format!(
                "Harbour notes {i}\n\nPORTVILLE (Ledger Post) - Mayor Ada Brook said that pier {i} will cost {} million euros.\n",
                10 + i
            ),
        )
        .unwrap();
        ledger.run(&["ingest", "--date", &format!("{year}-{month:02}-15"), &path]);
    }
    let password = ledger.add_user("kim");
    (ledger, password)
}

fn logged_in(ledger: &Ledger, password: &str) -> (Server, Client) {
    let server = Server::start(ledger, &[]);
    let mut client = Client::new(&server);
    client.log_in("kim", password);
    (server, client)
}

/// The points of the dashboard's queue line: the titles of its circles ("2013-01: 1").
fn queue_points(page: &str) -> Vec<String> {
    page.split("<circle")
        .skip(1)
        .filter_map(|c| {
            let title = c.split("<title>").nth(1)?;
            Some(title.split("</title>").next()?.to_string())
        })
        .collect()
}

#[test]
fn the_queue_chart_counts_claims_by_their_publication_month() {
    let (ledger, password) = archive(3);
    let (_server, mut client) = logged_in(&ledger, &password);
    let page = client.get("/dashboard").body;
    assert_eq!(
        queue_points(&page),
        vec!["2013-01: 1", "2013-02: 2", "2013-03: 3"],
        "{page}"
    );
    assert!(page.contains("claims by publication date"), "{page}");
}

#[test]
fn the_month_charts_show_the_latest_24_months_and_link_to_every_month() {
    let (ledger, password) = archive(26);
    let (_server, mut client) = logged_in(&ledger, &password);
    let page = client.get("/dashboard").body;
    let points = queue_points(&page);
    assert_eq!(points.len(), 24, "{points:?}");
    assert_eq!(points[0], "2013-03: 3");
    assert_eq!(points[23], "2015-02: 26");
    assert!(page.contains("href=\"?months=all\""), "{page}");
    let all = client.get("/dashboard?months=all");
    assert_eq!(all.status, 200);
    assert_eq!(queue_points(&all.body).len(), 26);
    assert!(!all.body.contains("Show every month"));
    let bad = client.get("/dashboard?months=12");
    assert_eq!(bad.status, 400, "{}", bad.body);
}

#[test]
fn the_dashboard_counts_again_after_every_write() {
    let (ledger, password) = archive(2);
    let (_server, mut client) = logged_in(&ledger, &password);
    let totals = |page: &str| {
        page.split("<strong>")
            .nth(1)
            .and_then(|t| t.split("</strong>").next())
            .map(str::to_string)
    };
    let page = client.get("/dashboard").body;
    assert_eq!(totals(&page).as_deref(), Some("2"), "{page}");
    assert!(!page.contains("s-false"), "{page}");
    // A review from the desk: the statuses change at once.
    let listed = ledger.run(&["list", "--format", "jsonl"]);
    let first: serde_json::Value = serde_json::from_str(listed.lines().next().unwrap()).unwrap();
    let id = first["id"].as_i64().unwrap();
    let claim = client.get(&format!("/claims/{id}")).body;
    let res = client.post(
        &format!("/claims/{id}/review"),
        &[
            ("csrf", &csrf(&claim)),
            ("form", &crate::webdesk::hidden(&claim, "form")),
            ("seen", &crate::webdesk::hidden(&claim, "seen")),
            ("status", "false"),
            ("note", "The budget says otherwise"),
        ],
    );
    assert_eq!(res.status, 303, "{}", res.body);
    let page = client.get("/dashboard").body;
    assert!(page.contains("status s-false"), "{page}");
    // A claim added by another process: counted.
    ledger.run(&["add", "--text", "The ferry will run every hour from May"]);
    let page = client.get("/dashboard").body;
    assert_eq!(totals(&page).as_deref(), Some("3"), "{page}");
}

#[test]
fn search_names_its_score_and_dates_stay_on_one_line() {
    let (ledger, password) = archive(2);
    let (_server, mut client) = logged_in(&ledger, &password);
    let page = client.get("/search?q=pier").body;
    assert!(page.contains("Best match first"), "{page}");
    assert!(page.contains(">Check-worthiness</th>"), "{page}");
    assert!(!page.contains(">Score</th>"), "{page}");
    assert!(page.contains("<td class=\"date\">2013-0"), "{page}");
    let sorted = client.get("/search?q=pier&sort=newest").body;
    assert!(sorted.contains("Sorted by newest first"), "{sorted}");
    let queue = client.get("/").body;
    assert!(queue.contains("<td class=\"date\">2013-0"), "{queue}");
    // A prefix of four letters is searched and its words marked.
    let prefix = client.get("/search?q=harb*");
    assert_eq!(prefix.status, 200);
    let prefix = client.get("/search?q=pier*").body;
    assert!(prefix.contains("<mark>pier</mark>"), "{prefix}");
}

#[test]
fn not_the_same_looks_unlike_merge_and_says_it_cannot_be_undone() {
    let ledger = Ledger::new();
    for (name, cost) in [("a.txt", 48), ("b.txt", 52)] {
        let path = ledger.path(name);
        std::fs::write(
            &path,
            format!(
                "Quay plans\n\nPORTVILLE (Ledger Post) - Mayor Ada Brook said that the new quay will cost {cost} million euros by March 2025.\n\nThe council meets on Monday.\n"
            ),
        )
        .unwrap();
        ledger.run(&["ingest", &path]);
    }
    let suggested = ledger.run(&["list", "--suggested", "--format", "jsonl"]);
    let first: serde_json::Value = serde_json::from_str(suggested.lines().next().unwrap()).unwrap();
    let id = first["id"].as_i64().unwrap();
    let password = ledger.add_user("kim");
    let (_server, mut client) = logged_in(&ledger, &password);
    let page = client.get(&format!("/claims/{id}")).body;
    let merge = page
        .find("<button class=\"merge\"")
        .expect("a merge button");
    let final_ = page
        .find("<button class=\"final\"")
        .expect("a not-the-same button of its own look");
    assert!(merge < final_, "{page}");
    let button = &page[final_..];
    let button = &button[..button.find("</button>").unwrap()];
    assert!(button.contains("Not the same"), "{button}");
    assert!(button.contains("cannot be undone"), "{button}");
    let css = client.get("/assets/desk.css").body;
    assert!(css.contains("button.final {"), "{css}");
}

#[test]
fn a_filtered_dashboard_counts_its_claims_and_shows_reviews_made_after() {
    let (ledger, password) = archive(4);
    let (_server, mut client) = logged_in(&ledger, &password);
    let totals = |page: &str| {
        page.split("<p class=\"totals\"><strong>")
            .nth(1)
            .and_then(|t| t.split("</strong>").next())
            .map(str::to_string)
    };
    let spring = "/dashboard?since=2013-02-01&until=2013-03-31";
    let page = client.get(spring);
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(totals(&page.body).as_deref(), Some("2"), "{}", page.body);
    assert_eq!(
        queue_points(&page.body),
        vec!["2013-02: 1", "2013-03: 2"],
        "{}",
        page.body
    );
    assert!(!page.body.contains("status s-false"), "{}", page.body);
    // The page says which claims it counts.
    assert!(
        page.body.contains(
            "Only claims with since <strong>2013-02-01</strong>, until <strong>2013-03-31</strong>"
        ),
        "{}",
        page.body
    );
    assert!(!client.get("/dashboard").body.contains("Only claims with"));
    // A review of one of its claims: its counts were kept, its statuses are read again.
    let listed = ledger.run(&[
        "list",
        "--since",
        "2013-03-01",
        "--until",
        "2013-03-31",
        "--format",
        "jsonl",
    ]);
    let first: serde_json::Value = serde_json::from_str(listed.lines().next().unwrap()).unwrap();
    let id = first["id"].as_i64().unwrap();
    let claim = client.get(&format!("/claims/{id}")).body;
    let res = client.post(
        &format!("/claims/{id}/review"),
        &[
            ("csrf", &csrf(&claim)),
            ("form", &crate::webdesk::hidden(&claim, "form")),
            ("seen", &crate::webdesk::hidden(&claim, "seen")),
            ("status", "false"),
            ("note", "The council's minutes say less"),
        ],
    );
    assert_eq!(res.status, 303, "{}", res.body);
    let page = client.get(spring).body;
    assert_eq!(totals(&page).as_deref(), Some("2"), "{page}");
    assert!(page.contains("status s-false"), "{page}");
    // The queue line: the reviewed claim left the queue in the month of its review.
    assert_eq!(
        queue_points(&page)[..2],
        ["2013-02: 1", "2013-03: 2"],
        "{page}"
    );
    // By status: the one claim rated false.
    let page = client.get("/dashboard?status=false").body;
    assert_eq!(totals(&page).as_deref(), Some("1"), "{page}");
    let page = client.get("/dashboard?status=false&publisher=nobody").body;
    assert_eq!(totals(&page).as_deref(), Some("0"), "{page}");
}
