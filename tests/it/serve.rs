//! The review desk over HTTP, without a browser: every page and form, escaping of markup in
//! the ledger's content, status codes for bad requests, login, CSRF, and a review round trip.

use crate::webdesk::{Client, Ledger, Server, assert_escaped, csrf, hidden};

/// A ledger with markup everywhere, a reviewer, and a logged-in client.
fn desk() -> (Ledger, Server, Client, serde_json::Value) {
    let ledger = Ledger::new();
    let password = ledger.with_evil_content();
    let server = Server::start(&ledger, &[]);
    let mut client = Client::new(&server);
    client.log_in("kim", &password);
    let claims: Vec<serde_json::Value> = ledger
        .run(&["list", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The claim typed by hand. (The evil article's first line is read as a title that reports
    // the mayor, so a claim of its own carries markup too.)
    let evil = claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("alert(6)"))
        .unwrap()
        .clone();
    (ledger, server, client, evil)
}

fn id_of(ledger: &Ledger, listing: &str, key: &str, needle: &str) -> i64 {
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&ledger.run(&[listing, "--format", "json"])).unwrap();
    all.iter()
        .find(|x| x[key].as_str().is_some_and(|v| v.contains(needle)))
        .unwrap_or_else(|| panic!("no {needle} in {all:?}"))["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn every_page_answers_and_shows_markup_as_text() {
    let (ledger, _server, mut client, evil) = desk();
    let speaker = id_of(&ledger, "speakers", "name", "onerror");
    let source = id_of(&ledger, "sources", "title", "alert(4)");
    let pages = [
        "/".to_string(),
        "/?status=all&sort=newest".into(),
        format!("/claims/{}", evil["id"]),
        format!("/claims/{}?pos=0", evil["id"]),
        "/search?q=Taxes".into(),
        "/search?q=script".into(),
        format!("/speakers/{speaker}"),
        format!("/sources/{source}"),
        "/dashboard".into(),
        "/login".into(),
    ];
    for path in &pages {
        let page = client.get(path);
        // The login page sends a logged-in reviewer on.
        let expected = if path == "/login" { 303 } else { 200 };
        assert_eq!(page.status, expected, "{path}: {}", page.body);
        assert_escaped(path, &page.body);
    }
    let claim = client.get(&format!("/claims/{}", evil["id"])).body;
    assert!(
        claim.contains("Taxes &lt;script&gt;alert(6)&lt;/script&gt; rose 5 percent"),
        "{claim}"
    );
    assert!(
        claim.contains("&quot;&gt;&lt;img src=x onerror=alert(7)&gt;"),
        "{claim}"
    );
    // The javascript: source URL is shown, not linked.
    assert!(
        claim.contains("<span class=\"url\">javascript:alert(8)</span>"),
        "{claim}"
    );
    let search = client.get("/search?q=Taxes").body;
    assert!(search.contains("&lt;script&gt;alert(6)"), "{search}");
    let source_page = client.get(&format!("/sources/{source}")).body;
    assert!(
        source_page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{source_page}"
    );
    assert!(
        source_page.contains("<span class=\"url\">javascript:alert(3)</span>"),
        "{source_page}"
    );
    let speaker_page = client.get(&format!("/speakers/{speaker}")).body;
    assert!(
        speaker_page.contains("<h1>&quot;&gt;&lt;img src=x onerror=alert(7)&gt;</h1>"),
        "{speaker_page}"
    );
    // The dashboard draws its charts on the server.
    let dashboard = client.get("/dashboard").body;
    assert!(dashboard.contains("<svg"), "{dashboard}");
    // Nothing is loaded from elsewhere.
    for page in [&claim, &search, &source_page, &dashboard] {
        assert!(!page.contains("src=\"http"), "{page}");
        assert!(
            !page.contains("href=\"http") || page.contains("rel=\"noopener"),
            "{page}"
        );
    }
    let css = client.get("/assets/desk.css");
    assert_eq!(
        (css.status, css.content_type.as_str()),
        (200, "text/css; charset=utf-8")
    );
    assert_eq!(client.get("/assets/desk.js").status, 200);
}

#[test]
fn the_source_page_links_every_claim_of_the_article() {
    let (ledger, _server, mut client, _) = desk();
    let claims: Vec<serde_json::Value> = ledger
        .run(&["list", "--format", "jsonl", "--source", "Hafen"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let sources: Vec<serde_json::Value> =
        serde_json::from_str(&ledger.run(&["sources", "--format", "json"])).unwrap();
    let german = sources
        .iter()
        .find(|s| s["language"] == "de")
        .unwrap_or_else(|| panic!("{sources:?}"));
    let page = client.get(&format!("/sources/{}", german["id"])).body;
    let linked = page.matches("class=\"claim-span").count();
    assert_eq!(linked as i64, german["claims"].as_i64().unwrap(), "{page}");
    for c in claims {
        assert!(
            page.contains(&format!("href=\"/claims/{}\"", c["id"])),
            "{page}"
        );
    }
}

#[test]
fn unknown_ids_are_404_pages() {
    let (_ledger, _server, mut client, _) = desk();
    for path in [
        "/claims/999999",
        "/claims/abc",
        "/claims/-1",
        "/sources/999999",
        "/speakers/999999",
        "/speaker?name=Nobody%20Here",
        "/no/such/page",
    ] {
        let page = client.get(path);
        assert_eq!(page.status, 404, "{path}");
        assert!(page.content_type.starts_with("text/html"), "{path}");
        assert!(
            page.body.contains("<h1>Not found</h1>"),
            "{path}: {}",
            page.body
        );
    }
}

#[test]
fn a_malformed_filter_is_a_400_page_with_the_reason() {
    let (_ledger, _server, mut client, _) = desk();
    for (path, reason) in [
        ("/?status=bogus", "unknown status 'bogus'"),
        ("/?min_score=abc", "min_score 'abc' is not a number"),
        ("/?since=yesterday", "since 'yesterday' is not a date"),
        ("/?page=0", "page '0' is not a number"),
        ("/search?q=x&colour=red", "unknown filter 'colour'"),
        ("/?language=xx", "unknown language 'xx'"),
        (
            "/download/claims.csv?stance=%3Cscript%3E",
            "unknown stance '&lt;script&gt;'",
        ),
    ] {
        let page = client.get(path);
        assert_eq!(page.status, 400, "{path}");
        assert!(page.body.contains(reason), "{path}: {}", page.body);
        assert_escaped(path, &page.body);
    }
}

#[test]
fn posts_without_csrf_token_or_session_are_forbidden() {
    let (_ledger, server, mut client, evil) = desk();
    let review = format!("/claims/{}/review", evil["id"]);
    let page = client.get(&format!("/claims/{}", evil["id"])).body;
    let form = hidden(&page, "form");
    let token = csrf(&page);
    let fields = |csrf: &'static str| [("csrf", csrf), ("status", "in-review")];
    // No token.
    let res = client.post(&review, &[("form", &form), ("status", "in-review")]);
    assert_eq!(res.status, 403, "{}", res.body);
    // A wrong token.
    assert_eq!(
        client
            .post(&review, &fields("00000000000000000000000000000000"))
            .status,
        403
    );
    // The right token without the session cookie (another client).
    let mut stranger = Client::new(&server);
    let res = stranger.post(
        &review,
        &[("csrf", &token), ("form", &form), ("status", "in-review")],
    );
    assert_eq!(res.status, 403, "{}", res.body);
    // A session that is not logged in, with its own valid token.
    let login = stranger.get("/login").body;
    let own = csrf(&login);
    let res = stranger.post(
        &review,
        &[("csrf", &own), ("form", &form), ("status", "in-review")],
    );
    assert_eq!(res.status, 403, "{}", res.body);
    // Log out and log in need the token too.
    assert_eq!(client.post("/logout", &[]).status, 403);
    assert_eq!(
        stranger
            .post("/login", &[("name", "kim"), ("password", "x")])
            .status,
        403
    );
    // Nothing was recorded.
    let trail = client.get(&format!("/claims/{}", evil["id"])).body;
    assert!(trail.contains("No reviews yet."), "{trail}");
}

#[test]
fn a_body_over_64_kb_is_refused_with_413() {
    let (_ledger, _server, mut client, evil) = desk();
    let page = client.get(&format!("/claims/{}", evil["id"])).body;
    let note = "x".repeat(70 * 1024);
    let res = client.post(
        &format!("/claims/{}/review", evil["id"]),
        &[
            ("csrf", &csrf(&page)),
            ("form", &hidden(&page, "form")),
            ("status", "false"),
            ("note", &note),
        ],
    );
    assert_eq!(res.status, 413);
    assert!(
        res.body.contains("larger than the desk takes"),
        "{}",
        res.body
    );
    assert!(res.content_type.starts_with("text/html"), "a desk page");
}

#[test]
fn a_review_round_trip_is_recorded_once_under_the_reviewer() {
    let (ledger, _server, mut client, evil) = desk();
    let id = evil["id"].as_i64().unwrap();
    let queue = client.get("/").body;
    let before = count(&queue, "to-review");
    let page = client.get(&format!("/claims/{id}?pos=0")).body;
    let fields = [
        ("csrf", csrf(&page)),
        ("form", hidden(&page, "form")),
        ("status", "false".to_string()),
        ("note", "Budget shows <b>52</b> million".to_string()),
        (
            "evidence",
            "https://example.org/budget\nhttps://example.org/vote".to_string(),
        ),
        ("url", "https://factcheck.example/taxes".to_string()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // A double click: the same form twice.
    for _ in 0..2 {
        let res = client.post(&format!("/claims/{id}/review?pos=0"), &fields);
        assert_eq!(res.status, 303, "{}", res.body);
        assert_eq!(
            res.location.as_deref(),
            Some(format!("/claims/{id}?pos=0#trail").as_str())
        );
    }
    let history: Vec<serde_json::Value> =
        serde_json::from_str(&ledger.run(&["history", &id.to_string(), "--format", "json"]))
            .unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0]["reviewer"], "kim");
    assert_eq!(history[0]["to"], "false");
    assert_eq!(history[0]["note"], "Budget shows <b>52</b> million");
    assert_eq!(history[0]["evidence"].as_array().unwrap().len(), 2);
    let trail = client.get(&format!("/claims/{id}")).body;
    assert!(
        trail.contains("Budget shows &lt;b&gt;52&lt;/b&gt; million"),
        "{trail}"
    );
    assert!(trail.contains("<td>kim</td>"), "{trail}");
    assert_eq!(count(&client.get("/").body, "to-review"), before - 1);
    assert_eq!(count(&client.get("/").body, "false"), 1);
    // A new form (a new page load) is a new review; a verdict without a note is refused.
    let page = client.get(&format!("/claims/{id}")).body;
    let res = client.post(
        &format!("/claims/{id}/review"),
        &[
            ("csrf", &csrf(&page)),
            ("form", &hidden(&page, "form")),
            ("status", "true"),
            ("evidence", "https://example.org/kept"),
        ],
    );
    assert_eq!(res.status, 422);
    assert!(res.body.contains("needs a note"), "{}", res.body);
    assert!(
        res.body.contains("https://example.org/kept</textarea>"),
        "the form comes back filled: {}",
        res.body
    );
    let res = client.post(
        &format!("/claims/{id}/review"),
        &[
            ("csrf", &csrf(&page)),
            ("form", &hidden(&page, "form")),
            ("status", "in-review"),
            ("evidence", "javascript:alert(1)"),
        ],
    );
    assert_eq!(res.status, 422);
    assert_escaped("bad evidence", &res.body);
}

/// The number in the queue's header for a status ("to-review" for the queue).
fn count(queue: &str, key: &str) -> i64 {
    let marker = format!("data-count=\"{key}\">");
    queue
        .find(&marker)
        .map(|at| {
            queue[at + marker.len()..]
                .split('<')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .unwrap_or(0)
}

#[test]
fn login_sets_a_strict_cookie_and_wrong_passwords_back_off() {
    let ledger = Ledger::new();
    let password = ledger.with_evil_content();
    let server = Server::start(&ledger, &[]);
    let mut client = Client::new(&server);
    // Not logged in: every page sends to the login page.
    let res = client.get("/claims/1");
    assert_eq!(res.status, 303);
    assert_eq!(res.location.as_deref(), Some("/login?next=%2Fclaims%2F1"));
    let cookie = res.set_cookie.unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let page = client.get("/login?next=/claims/1").body;
    let token = csrf(&page);
    let wrong = client.post(
        "/login",
        &[
            ("csrf", &token),
            ("name", "kim"),
            ("password", "nope"),
            ("next", "/"),
        ],
    );
    assert_eq!(wrong.status, 401);
    assert!(
        wrong.body.contains("wrong name or password"),
        "{}",
        wrong.body
    );
    // Right away, even the right password waits.
    let soon = client.post(
        "/login",
        &[
            ("csrf", &token),
            ("name", "KIM"),
            ("password", &password),
            ("next", "/"),
        ],
    );
    assert_eq!(soon.status, 429);
    assert_eq!(soon.retry_after.as_deref(), Some("1"));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let before = client.cookie.clone();
    let ok = client.post(
        "/login",
        &[
            ("csrf", &token),
            ("name", "kim"),
            ("password", &password),
            ("next", "//evil.example/"),
        ],
    );
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(
        ok.location.as_deref(),
        Some("/"),
        "only local paths after a login"
    );
    assert_ne!(client.cookie, before, "a new session id after the login");
    assert_eq!(client.get("/").status, 200);
    // Log out: the session is gone.
    let page = client.get("/").body;
    assert_eq!(
        client.post("/logout", &[("csrf", &csrf(&page))]).status,
        303
    );
    assert_eq!(client.get("/").status, 303);
}

#[test]
fn a_login_survives_a_restart_and_the_ledger_never_holds_the_token() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", crate::webdesk::GERMAN]);
    let password = ledger.add_user("kim");
    // Another reviewer, so that the desk still starts once kim is removed.
    ledger.add_user("lee");
    let mut server = Server::start(&ledger, &[]);
    let mut client = Client::new(&server);
    client.log_in("kim", &password);
    assert_eq!(client.get("/").status, 200);
    let cookie = client.cookie.clone().unwrap();
    let token = cookie.split_once('=').unwrap().1.to_string();
    assert!(server.stop_with("TERM", 10));
    let mut stored = Vec::new();
    for file in ["ledger.db", "ledger.db-wal"] {
        stored.extend(std::fs::read(ledger.path(file)).unwrap_or_default());
    }
    assert!(
        !stored.windows(token.len()).any(|w| w == token.as_bytes()),
        "the session token is stored as it is"
    );
    // Another server on the same ledger knows the session: no new login.
    let server = Server::start(&ledger, &[]);
    let mut again = Client::new(&server);
    again.cookie = Some(cookie.clone());
    let page = again.get("/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.set_cookie.is_none(), "the same session");
    // Logged out there, the session is gone for every later server.
    assert_eq!(
        again.post("/logout", &[("csrf", &csrf(&page.body))]).status,
        303
    );
    drop(server);
    let server = Server::start(&ledger, &[]);
    let mut third = Client::new(&server);
    third.cookie = Some(cookie.clone());
    assert_eq!(third.get("/").status, 303);
    // A removed reviewer's kept sessions end too.
    third.log_in("kim", &password);
    let cookie = third.cookie.clone().unwrap();
    drop(server);
    ledger.run(&["users", "remove", "kim"]);
    let server = Server::start(&ledger, &[]);
    let mut fourth = Client::new(&server);
    fourth.cookie = Some(cookie);
    assert_eq!(fourth.get("/").status, 303);
}

#[test]
fn a_removed_reviewer_can_no_longer_review() {
    let (ledger, _server, mut client, evil) = desk();
    let id = evil["id"].as_i64().unwrap();
    let page = client.get(&format!("/claims/{id}")).body;
    ledger.run(&["users", "remove", "kim"]);
    let res = client.post(
        &format!("/claims/{id}/review"),
        &[
            ("csrf", &csrf(&page)),
            ("form", &hidden(&page, "form")),
            ("status", "in-review"),
        ],
    );
    assert_eq!(res.status, 403, "{}", res.body);
    assert!(res.body.contains("no longer a reviewer"), "{}", res.body);
    assert_eq!(client.get("/").status, 303, "the session is gone");
    assert!(
        ledger
            .run(&["history", &id.to_string()])
            .contains("no reviews yet")
    );
}

#[test]
fn serve_refuses_to_listen_where_nobody_can_log_in() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", crate::webdesk::GERMAN]);
    ledger.fails(
        &["serve", "--bind", "0.0.0.0:0"],
        2,
        "no reviewer can log in, so the desk will not listen on 0.0.0.0:0",
    );
    ledger.fails(
        &["serve", "--bind", "127.0.0.1:0"],
        2,
        "or start with --open",
    );
    ledger.fails(
        &["serve", "--bind", "0.0.0.0:0", "--open"],
        2,
        "--open (no login) is allowed on a loopback address only",
    );
    ledger.fails(
        &["serve", "--bind", "localhost"],
        2,
        "--bind 'localhost' is not an address",
    );
    let missing = Ledger::new();
    missing.fails(&["serve", "--open"], 3, "there is no ledger");
}

#[test]
fn open_desk_needs_no_login_and_records_under_the_reviewer() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", crate::webdesk::GERMAN]);
    let server = Server::start(&ledger, &["--open", "--reviewer", "desk"]);
    let mut client = Client::new(&server);
    let queue = client.get("/");
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("<span>desk</span>"), "{}", queue.body);
    assert!(
        !queue.body.contains("action=\"/logout\""),
        "nobody to log out"
    );
    let page = client.get("/claims/1").body;
    let res = client.post(
        "/claims/1/review",
        &[
            ("csrf", &csrf(&page)),
            ("form", &hidden(&page, "form")),
            ("status", "in-review"),
        ],
    );
    assert_eq!(res.status, 303);
    let history: Vec<serde_json::Value> =
        serde_json::from_str(&ledger.run(&["history", "1", "--format", "json"])).unwrap();
    assert_eq!(history[0]["reviewer"], "desk");
}

#[test]
fn downloads_stream_the_current_filter() {
    let (ledger, _server, mut client, _) = desk();
    let csv = client.get("/download/claims.csv?status=all&sort=id");
    assert_eq!(csv.status, 200);
    assert_eq!(csv.content_type, "text/csv; charset=utf-8");
    assert_eq!(csv.body, ledger.run(&["export", "--format", "csv"]));
    // Without an organisation, ClaimReview says what to set.
    let cr = client.get("/download/claimreview.json?status=all");
    assert_eq!(cr.status, 400);
    assert!(
        cr.body.contains("claimledger settings --org-name"),
        "{}",
        cr.body
    );
    ledger.run(&[
        "settings",
        "--org-name",
        "Faktencheck",
        "--base-url",
        "https://factcheck.example",
    ]);
    ledger.run(&["review", "1", "--status", "false", "--note", "wrong"]);
    let cr = client.get("/download/claimreview.json?status=false");
    assert_eq!(cr.status, 200);
    let reviews: Vec<serde_json::Value> = serde_json::from_str(&cr.body).unwrap();
    assert_eq!(reviews.len(), 1, "{}", cr.body);
    assert_eq!(reviews[0]["url"], "https://factcheck.example/claims/1");
}

#[test]
fn users_are_added_listed_and_removed() {
    let ledger = Ledger::new();
    ledger.run(&["init"]);
    let password = ledger.add_user("kim");
    assert_eq!(password.len(), 20);
    assert_ne!(ledger.add_user("lou"), password);
    let list = ledger.run(&["users", "list", "--format", "json"]);
    let names: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    assert_eq!(
        names
            .iter()
            .map(|u| u["name"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["kim", "lou"]
    );
    assert!(
        !list.contains(&password),
        "the password is printed only once"
    );
    ledger.fails(
        &["users", "add", "KIM"],
        1,
        "there is already a reviewer called 'KIM'",
    );
    ledger.fails(
        &["users", "add", " "],
        1,
        "is not usable: give 1 to 64 printable characters",
    );
    ledger.run(&["users", "remove", "kim"]);
    ledger.fails(&["users", "remove", "kim"], 1, "no reviewer called 'kim'");
    let db = rusqlite::Connection::open(ledger.path("ledger.db")).unwrap();
    let hash: String = db
        .query_row(
            "SELECT password_hash FROM desk_users WHERE name = 'lou'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
}

/// Timed through the harness's client, which gives up after 30 s.
fn timed(client: &mut Client, path: &str) -> (crate::webdesk::Answer, std::time::Duration) {
    let started = std::time::Instant::now();
    let answer = client.get(path);
    (answer, started.elapsed())
}

#[test]
fn a_long_search_answers_at_once_and_does_not_hold_up_the_desk() {
    let (_ledger, _server, mut client, _) = desk();
    // 8 KB of one word: every copy made the search slower, faster than the query grew.
    let long = format!("/search?q={}", "a+".repeat(4000));
    let (res, took) = timed(&mut client, &long);
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(took.as_secs_f64() < 5.0, "{took:?}");
    // Two at once, while others use the desk.
    std::thread::scope(|scope| {
        for _ in 0..2 {
            let mut c = client.twin();
            let long = long.clone();
            scope.spawn(move || assert_eq!(c.get(&long).status, 200));
        }
        for path in ["/", "/dashboard", "/search?q=Taxes", "/download/claims.csv"] {
            let (res, took) = timed(&mut client.twin(), path);
            assert_eq!(res.status, 200, "{path}");
            assert!(took.as_secs_f64() < 5.0, "{path}: {took:?}");
        }
    });
    // Many different words are refused at once, with the reason.
    let many: String = (0..60).map(|i| format!("word{i}+")).collect();
    let (res, took) = timed(&mut client, &format!("/search?q={many}"));
    assert_eq!(res.status, 400);
    assert!(
        res.body.contains("at most 32 different words"),
        "{}",
        res.body
    );
    assert!(took.as_secs_f64() < 2.0, "{took:?}");
}

#[test]
fn a_costly_phrase_or_prefix_is_refused_at_once_and_the_search_box_keeps_it() {
    let (_ledger, _server, mut client, _) = desk();
    // One word repeated inside quotes passed the cap of different words and read most of
    // the index, position by position.
    let phrase = format!("/search?q=%22{}%22", "percent+".repeat(400));
    let (res, took) = timed(&mut client, &phrase);
    assert_eq!(res.status, 400, "{}", res.body);
    assert!(
        res.body
            .contains("A quoted phrase may hold at most 10 words"),
        "{}",
        res.body
    );
    assert!(took.as_secs_f64() < 2.0, "{took:?}");
    assert!(
        res.body
            .contains("name=\"q\" value=\"&quot;percent percent"),
        "the search box keeps what was typed: {}",
        res.body
    );
    for (q, why) in [
        ("p*", "at least 4 letters before the *"),
        ("taxe*+budg*+perc*", "at most 2 prefixes"),
    ] {
        let res = client.get(&format!("/search?q={q}"));
        assert_eq!(res.status, 400, "{q}: {}", res.body);
        assert!(res.body.contains(why), "{q}: {}", res.body);
    }
    assert_eq!(client.get("/search?q=taxe*").status, 200);
    assert_eq!(client.get("/search?q=%22the+budget%22").status, 200);
}

#[test]
fn ctrl_c_stops_the_server_with_connections_open() {
    let ledger = Ledger::new();
    ledger.with_evil_content();
    let mut server = Server::start(&ledger, &[]);
    // A client that never finishes its request, and one that keeps its connection.
    use std::io::Write;
    let mut half = std::net::TcpStream::connect(server.authority()).unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let mut kept = std::net::TcpStream::connect(server.authority()).unwrap();
    kept.write_all(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(server.stop_with("INT", 8), "SIGINT did not stop the desk");
    let mut again = Server::start(&ledger, &[]);
    assert!(again.stop_with("TERM", 8), "SIGTERM did not stop the desk");
    drop((half, kept));
}

#[test]
fn a_desk_answers_only_to_its_own_names() {
    let ledger = Ledger::new();
    ledger.run(&["ingest", crate::webdesk::GERMAN]);
    let server = Server::start(
        &ledger,
        &[
            "--open",
            "--reviewer",
            "desk",
            "--public-url",
            "https://desk.example.org/",
        ],
    );
    let port = server.authority().rsplit(':').next().unwrap().to_string();
    let get = |host: &str| {
        server
            .raw(&format!(
                "GET /download/claims.csv HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            ))
            .0
    };
    // A page of another site whose name was made to resolve to this machine.
    assert_eq!(get(&format!("rebound.example:{port}")), 421);
    assert_eq!(get("rebound.example"), 421);
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "desk.example.org".to_string(),
    ] {
        assert_eq!(get(&host), 200, "{host}");
    }
    // A form posted from another origin.
    let mut client = Client::new(&server);
    let page = client.get("/claims/1");
    assert!(
        page.set_cookie
            .as_deref()
            .is_some_and(|c| c.contains("Secure")),
        "an https public URL makes the cookie Secure"
    );
    let body = format!(
        "csrf={}&form={}&status=in-review",
        csrf(&page.body),
        hidden(&page.body, "form")
    );
    let (status, _) = server.raw(&format!(
        "POST /claims/1/review HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://rebound.example:{port}\r\nCookie: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        client.cookie.as_deref().unwrap(),
        body.len()
    ));
    assert_eq!(status, 403);
    assert!(ledger.run(&["history", "1"]).contains("no reviews yet"));
}

#[test]
fn login_next_never_leaves_the_site_nor_fails() {
    let ledger = Ledger::new();
    let password = ledger.with_evil_content();
    let server = Server::start(&ledger, &[]);
    let mut client = Client::new(&server);
    for next in [
        "%2F%09%2Fother.example%2F",
        "%2F%5Cother.example",
        "%2F%01x",
        "%2F%0A%2Fx",
    ] {
        let page = client.get(&format!("/login?next={next}"));
        assert_eq!(page.status, 200, "{next}: {}", page.body);
        assert_eq!(hidden(&page.body, "next"), "/", "{next}");
    }
    let page = client.get("/login");
    let res = client.post(
        "/login",
        &[
            ("csrf", &csrf(&page.body)),
            ("name", "kim"),
            ("password", &password),
            ("next", "/\t/other.example/"),
        ],
    );
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location.as_deref(), Some("/"));
}

#[test]
fn a_removed_reviewers_session_ends_at_once() {
    let (ledger, _server, mut client, _) = desk();
    assert_eq!(client.get("/").status, 200);
    ledger.run(&["users", "remove", "kim"]);
    for path in ["/", "/download/claims.csv", "/search?q=Taxes"] {
        let res = client.get(path);
        assert_eq!(res.status, 303, "{path}: {}", res.body);
        assert!(res.location.unwrap().starts_with("/login"));
    }
}

/// Posts a wrong password from `clients` at once; returns the status codes.
fn guesses(clients: Vec<Client>, name: &str) -> Vec<u16> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = clients
            .into_iter()
            .map(|mut c| {
                let name = name.to_string();
                scope.spawn(move || {
                    let page = c.get("/login").body;
                    let token = csrf(&page);
                    c.post(
                        "/login",
                        &[("csrf", &token), ("name", &name), ("password", "guess")],
                    )
                    .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn forty_simultaneous_wrong_guesses_meet_the_back_off() {
    let ledger = Ledger::new();
    ledger.with_evil_content();
    let server = Server::start(&ledger, &[]);
    let codes = guesses((0..40).map(|_| Client::new(&server)).collect(), "kim");
    let checked = codes.iter().filter(|c| **c == 401).count();
    assert_eq!(checked, 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 429).count(), 39, "{codes:?}");
}

#[test]
fn a_stranger_cannot_lock_a_reviewer_out_nor_spray_names() {
    let ledger = Ledger::new();
    let password = ledger.with_evil_content();
    let server = Server::start(&ledger, &["--trusted-proxy", "127.0.0.1"]);
    let from = |addr: &str| {
        let mut c = Client::new(&server);
        c.headers = vec![("X-Forwarded-For".into(), addr.into())];
        c
    };
    let codes = guesses((0..5).map(|_| from("198.51.100.7")).collect(), "kim");
    assert!(codes.contains(&429), "{codes:?}");
    // Kim, elsewhere, logs in at once.
    from("203.0.113.5").log_in("kim", &password);
    // One address trying many names is stopped.
    let mut sprayer = from("198.51.100.8");
    let mut refused = 0;
    for i in 0..30 {
        let page = sprayer.get("/login").body;
        let res = sprayer.post(
            "/login",
            &[
                ("csrf", &csrf(&page)),
                ("name", &format!("name{i}")),
                ("password", "x"),
            ],
        );
        refused += usize::from(res.status == 429);
    }
    assert_eq!(refused, 10, "20 tries per address, then a wait");
}

/// The review form fields of a claim page, with a status and a note.
fn review_fields(page: &str, status: &str, note: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", csrf(page)),
        ("form", hidden(page, "form")),
        ("seen", hidden(page, "seen")),
        ("status", status.to_string()),
        ("note", note.to_string()),
    ]
}

fn post_fields(
    client: &mut Client,
    path: &str,
    fields: &[(&'static str, String)],
) -> crate::webdesk::Answer {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.post(path, &pairs)
}

#[test]
fn a_review_from_an_older_page_does_not_overwrite_a_colleagues() {
    let (ledger, server, mut kim, evil) = desk();
    let id = evil["id"].as_i64().unwrap();
    let lou_password = ledger.add_user("lou");
    let mut lou = Client::new(&server);
    lou.log_in("lou", &lou_password);
    let path = format!("/claims/{id}");
    let kim_page = kim.get(&path).body;
    let lou_page = lou.get(&path).body;
    let review = format!("{path}/review");
    let res = post_fields(
        &mut kim,
        &review,
        &review_fields(&kim_page, "true", "Budget confirms it"),
    );
    assert_eq!(res.status, 303, "{}", res.body);
    let res = post_fields(
        &mut lou,
        &review,
        &review_fields(&lou_page, "false", "My own reading"),
    );
    assert_eq!(res.status, 409, "{}", res.body);
    assert!(res.body.contains("kim recorded true"), "{}", res.body);
    assert!(
        res.body.contains("My own reading</textarea>"),
        "the note comes back: {}",
        res.body
    );
    let history = || -> Vec<serde_json::Value> {
        serde_json::from_str(&ledger.run(&["history", &id.to_string(), "--format", "json"]))
            .unwrap()
    };
    assert_eq!(history().len(), 1);
    // Sent again from the page that showed kim's verdict: recorded.
    let res = post_fields(
        &mut lou,
        &review,
        &review_fields(&res.body, "false", "My own reading"),
    );
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(history().len(), 2);
}

#[test]
fn back_and_resubmit_records_once_and_a_form_of_another_claim_is_refused() {
    let (ledger, _server, mut client, evil) = desk();
    let id = evil["id"].as_i64().unwrap();
    let path = format!("/claims/{id}");
    let review = format!("{path}/review");
    let page = client.get(&path).body;
    let fields = review_fields(&page, "false", "Checked against the budget");
    assert_eq!(post_fields(&mut client, &review, &fields).status, 303);
    // The same form again, then the page reloaded (Back) and the same review sent again.
    assert_eq!(post_fields(&mut client, &review, &fields).status, 303);
    let reloaded = client.get(&path).body;
    let again = review_fields(&reloaded, "false", "Checked against the budget");
    assert_eq!(post_fields(&mut client, &review, &again).status, 303);
    let history: Vec<serde_json::Value> =
        serde_json::from_str(&ledger.run(&["history", &id.to_string(), "--format", "json"]))
            .unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    // A form of this claim sent for another one.
    let other = client.get("/claims/1").body;
    let fields = review_fields(&other, "in-review", "");
    let res = post_fields(&mut client, &review, &fields);
    assert_eq!(res.status, 409, "{}", res.body);
    assert!(
        res.body.contains("this form was made for claim 1"),
        "{}",
        res.body
    );
}

#[test]
fn search_pages_sorts_and_keeps_brackets_as_typed() {
    let (ledger, _server, mut client, _) = desk();
    ledger.run(&[
        "add",
        "--text",
        "The harbour [sic] grew by 4 percent",
        "--speaker",
        "Ann Bell",
    ]);
    let page = client.get("/search?q=sic").body;
    assert!(page.contains("[<mark>sic</mark>]"), "{page}");
    assert!(
        page.contains("<option value=\"\" selected>any status</option>"),
        "{page}"
    );
    let by_id = client.get("/search?q=percent&sort=id").body;
    let ids: Vec<i64> = by_id
        .split("<tr data-href=\"/claims/")
        .skip(1)
        .map(|r| r[..r.find('"').unwrap()].parse().unwrap())
        .collect();
    assert!(ids.len() >= 2, "{by_id}");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
}

#[test]
fn suggested_matches_show_their_verdict_and_merge_from_the_desk() {
    let ledger = Ledger::new();
    let write = |name: &str, rest: &str| {
        let path = ledger.path(name);
        std::fs::write(
            &path,
            format!(
                "Quay plans\n\nPORTVILLE (Ledger Post) - Mayor Ada Brook said that the new quay {rest}.\n\nThe council meets on Monday.\n"
            ),
        )
        .unwrap();
        path
    };
    let first = write("a.txt", "will cost 48 million euros by March 2025");
    let second = write("b.txt", "will cost 52 million euros by March 2025");
    ledger.run(&["ingest", &first]);
    ledger.run(&["ingest", &second]);
    let suggested: Vec<serde_json::Value> = ledger
        .run(&["list", "--suggested", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let id = suggested[0]["id"].as_i64().unwrap();
    let matches: serde_json::Value =
        serde_json::from_str(&ledger.run(&["matches", &id.to_string(), "--format", "json"]))
            .unwrap();
    let other = matches["matches"][0]["id"].as_i64().unwrap();
    ledger.run(&[
        "review",
        &other.to_string(),
        "--status",
        "false",
        "--note",
        "Budget says 40",
    ]);
    ledger.run(&[
        "review",
        &id.to_string(),
        "--status",
        "true",
        "--note",
        "Budget says 48",
    ]);
    let password = ledger.add_user("kim");
    let server = Server::start(&ledger, &[]);
    let mut client = Client::new(&server);
    client.log_in("kim", &password);
    let page = client.get(&format!("/claims/{id}")).body;
    assert!(
        page.contains("Budget says 40"),
        "the other claim's note: {page}"
    );
    // The suggested claim's language, read from its article.
    assert!(
        page.contains(r#"<td class="lang">en</td>"#),
        "the other claim's language: {page}"
    );
    let merge = format!("/claims/{id}/merge");
    let res = client.post(
        &merge,
        &[("csrf", &csrf(&page)), ("other", &other.to_string())],
    );
    assert_eq!(res.status, 409, "{}", res.body);
    assert!(res.body.contains("Merge anyway"), "{}", res.body);
    let res = client.post(
        &merge,
        &[
            ("csrf", &csrf(&page)),
            ("other", &other.to_string()),
            ("force", "yes"),
        ],
    );
    assert_eq!(res.status, 303, "{}", res.body);
    let page = client.get(&format!("/claims/{id}")).body;
    assert!(page.contains("Unmerge"), "{page}");
    let res = client.post(
        &format!("/claims/{id}/unmerge"),
        &[("csrf", &csrf(&page)), ("other", &other.to_string())],
    );
    assert_eq!(res.status, 303, "{}", res.body);
    let listed = ledger.run(&["list", "--status", "false", "--format", "jsonl"]);
    assert!(listed.contains(&format!("\"id\":{other}")), "{listed}");
}

#[test]
fn a_suggested_match_is_called_not_the_same_from_the_desk() {
    let ledger = Ledger::new();
    let write = |name: &str, rest: &str| {
        let path = ledger.path(name);
        std::fs::write(
            &path,
            format!(
                "Quay plans\n\nPORTVILLE (Ledger Post) - Mayor Ada Brook said that the new quay {rest}.\n\nThe council meets on Monday.\n"
            ),
        )
        .unwrap();
        path
    };
    ledger.run(&[
        "ingest",
        &write("a.txt", "will cost 48 million euros by March 2025"),
    ]);
    ledger.run(&[
        "ingest",
        &write("b.txt", "will cost 52 million euros by March 2025"),
    ]);
    let password = ledger.add_user("kim");
    let server = Server::start(&ledger, &[]);
    let mut client = Client::new(&server);
    client.log_in("kim", &password);
    let page = client.get("/claims/2").body;
    assert!(page.contains("Not the same"), "{page}");
    let res = client.post("/claims/2/not-same", &[("csrf", "forged"), ("other", "1")]);
    assert_eq!(res.status, 403, "{}", res.body);
    let res = client.post(
        "/claims/2/not-same",
        &[("csrf", &csrf(&page)), ("other", "1")],
    );
    assert_eq!(res.status, 303, "{}", res.body);
    let page = client.get("/claims/2").body;
    assert!(page.contains("dismissed"), "{page}");
    assert!(!page.contains("Not the same</button>"), "{page}");
    assert!(page.contains("not the same claim as claim 1"), "{page}");
    // Nothing open is left to dismiss: the desk says so instead of recording twice.
    let res = client.post(
        "/claims/2/not-same",
        &[("csrf", &csrf(&page)), ("other", "1")],
    );
    assert_eq!(res.status, 400, "{}", res.body);
    assert!(res.body.contains("no open suggested match"), "{}", res.body);
}

#[test]
fn plain_http_off_loopback_needs_a_flag_and_open_needs_a_name() {
    let ledger = Ledger::new();
    ledger.with_evil_content();
    ledger.fails(
        &["serve", "--bind", "0.0.0.0:0"],
        2,
        "passwords and session cookies would travel unencrypted",
    );
    ledger.fails(
        &[
            "serve",
            "--bind",
            "0.0.0.0:0",
            "--public-url",
            "desk.example.org",
        ],
        2,
        "--public-url 'desk.example.org' is not an http:// or https:// address",
    );
    let out = ledger
        .cmd()
        .env_remove("CLAIMLEDGER_REVIEWER")
        .args(["serve", "--open", "--bind", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("give --reviewer NAME"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
