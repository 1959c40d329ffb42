//! Several writers on one ledger at once, as on a desk: ingests commit in short batches, so
//! that other ingests and reviewers wait for a batch at most (within the default busy
//! timeout) and never see "locked"; an ingest cut short keeps the articles it committed, each
//! whole, with the search index in step.

use crate::common::Ledger;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A short news article of our own, different for every `(run, i)`: three claims with a
/// speaker each, and numbers that differ from article to article.
fn article(run: usize, i: usize) -> String {
    const TOWNS: [&str; 6] = [
        "Riverton",
        "Lakeside",
        "Millbrook",
        "Ashford",
        "Cedar Falls",
        "Dunmore",
    ];
    const WORKS: [&str; 5] = [
        "bridge",
        "tram line",
        "harbour wall",
        "library",
        "water plant",
    ];
    const NAMES: [(&str, &str); 4] = [
        ("Jane", "Roe"),
        ("Omar", "Castell"),
        ("Lena", "Vogt"),
        ("Piet", "Marrow"),
    ];
    let town = TOWNS[(run + i) % TOWNS.len()];
    let work = WORKS[i % WORKS.len()];
    let (first, last) = NAMES[(i / 3 + run) % NAMES.len()];
    let n = run * 1000 + i;
    format!(
        "{town} council backs {work} plan number {n}\n\n\
         By Sam Ortiz\n\n\
         {upper}, Ohio (Example News) — The {town} council voted {a} to {b} on Tuesday to fund \
         the {work} plan number {n}, officials said.\n\n\
         \"We will open the {work} in {year}, and it will serve {people} people a day,\" said \
         Mayor {first} {last}, who has backed the plan since {since}.\n\n\
         According to the county budget office, the {work} project number {n} will cost {cost} \
         million dollars.\n\n\
         Opponents said the money should go to schools instead.\n",
        upper = town.to_uppercase(),
        a = 5 + n % 4,
        b = 1 + n % 3,
        year = 2027 + n % 9,
        people = 1000 + 7 * n,
        since = 2001 + n % 20,
        cost = 10 + n,
    )
}

/// Writes `count` articles of run `run` into a folder of their own.
fn write_articles(root: &Path, run: usize, count: usize) -> PathBuf {
    let dir = root.join(format!("run{run}"));
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..count {
        std::fs::write(dir.join(format!("a{i:04}.txt")), article(run, i)).unwrap();
    }
    dir
}

/// The binary on the ledger with the busy timeout it has for users (the harness's is short,
/// to make lock errors quick to see).
fn command(ledger: &Ledger) -> Command {
    let mut cmd = ledger.std_cmd();
    cmd.env_remove("CLAIMLEDGER_BUSY_TIMEOUT_MS");
    cmd
}

fn spawn_ingest(ledger: &Ledger, dir: &Path) -> Child {
    command(ledger)
        .args(["ingest", "--quiet"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn ok(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn open(ledger: &Ledger) -> rusqlite::Connection {
    rusqlite::Connection::open(ledger.db()).unwrap()
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// How many articles have fewer or more claim appearances than the first one: every article
/// has the same sentences with other words and numbers, so the same number of claims (those
/// repeated word for word are appearances of the first article's claim).
fn partial_articles(conn: &rusqlite::Connection) -> i64 {
    let each = count(
        conn,
        "SELECT COUNT(*) FROM appearances WHERE source_id = (SELECT MIN(id) FROM sources)",
    );
    assert!(each >= 3, "{each} claims in an article");
    conn.query_row(
        "SELECT COUNT(*) FROM sources s
         WHERE (SELECT COUNT(*) FROM appearances a WHERE a.source_id = s.id) <> ?1",
        [each],
        |r| r.get(0),
    )
    .unwrap()
}

/// Both search indexes agree with the claims: FTS5's own check compares the search index with
/// the claims table, and every claim has its row in the matching index.
fn indexes_in_step(conn: &rusqlite::Connection) {
    conn.execute(
        "INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')",
        [],
    )
    .expect("the search index matches the claims");
    conn.execute(
        "INSERT INTO match_fts(match_fts) VALUES ('integrity-check')",
        [],
    )
    .expect("the matching index is whole");
    let claims = count(conn, "SELECT COUNT(*) FROM claims");
    let found = count(
        conn,
        "SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH 'million OR council OR mayor OR opponents'",
    );
    assert!(found > 0 && found <= claims, "{found} of {claims}");
}

#[test]
fn two_ingests_and_eight_reviewers_at_once_all_succeed_and_store_everything_once() {
    let ledger = Ledger::new();
    let root = ledger.dir.path().to_path_buf();
    // Claims to review, there before the writers start.
    let seed = write_articles(&root, 0, 10);
    let out = command(&ledger).arg("ingest").arg(&seed).output().unwrap();
    ok("the first ingest", &out);
    let claims = count(&open(&ledger), "SELECT COUNT(*) FROM claims");
    assert!(claims >= 20, "{claims} claims to review");

    let (a, b) = (write_articles(&root, 1, 300), write_articles(&root, 2, 300));
    let start = Instant::now();
    let ingests = [spawn_ingest(&ledger, &a), spawn_ingest(&ledger, &b)];
    let reviewers: Vec<std::thread::JoinHandle<Vec<Output>>> = (0..8)
        .map(|p| {
            let mut commands: Vec<Command> = (0..50)
                .map(|k| {
                    let id = 1 + (p * 50 + k) as i64 % claims;
                    let mut cmd = command(&ledger);
                    cmd.args([
                        "review",
                        &id.to_string(),
                        "--status",
                        "false",
                        "--note",
                        &format!("reviewer {p} verdict {k}"),
                    ]);
                    cmd
                })
                .collect();
            std::thread::spawn(move || commands.iter_mut().map(|c| c.output().unwrap()).collect())
        })
        .collect();
    for (p, r) in reviewers.into_iter().enumerate() {
        for (k, out) in r.join().unwrap().iter().enumerate() {
            ok(&format!("review {k} of reviewer {p}"), out);
        }
    }
    for (i, child) in ingests.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        ok(&format!("ingest {i}"), &out);
        let summary = String::from_utf8_lossy(&out.stdout);
        assert!(summary.contains("ingested 300 article(s)"), "{summary}");
    }
    eprintln!("all writers done in {:.1} s", start.elapsed().as_secs_f64());

    let conn = open(&ledger);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM sources"), 610);
    assert_eq!(
        count(&conn, "SELECT COUNT(DISTINCT content_hash) FROM sources"),
        610
    );
    assert_eq!(partial_articles(&conn), 0, "an article lacks claims");
    let notes = count(
        &conn,
        "SELECT COUNT(*) FROM reviews WHERE note LIKE 'reviewer % verdict %'",
    );
    let distinct = count(
        &conn,
        "SELECT COUNT(DISTINCT note) FROM reviews WHERE note LIKE 'reviewer % verdict %'",
    );
    assert_eq!((notes, distinct), (400, 400));
    indexes_in_step(&conn);
}

/// Ctrl-C during an ingest: the articles committed before it are there, each with all its
/// claims, the search index agrees with them, and ingesting the same folder again completes
/// the ledger as one uninterrupted ingest would have.
#[test]
fn an_interrupted_ingest_keeps_whole_articles_and_the_rest_can_follow() {
    let ledger = Ledger::new();
    let root = ledger.dir.path().to_path_buf();
    let dir = write_articles(&root, 3, 1500);
    let mut child = spawn_ingest(&ledger, &dir);
    // Interrupt once some articles are committed (or give up waiting when the ingest is
    // already over: the checks below hold either way).
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
        let stored = if !ledger.db().exists() {
            0
        } else {
            rusqlite::Connection::open_with_flags(
                ledger.db(),
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .ok()
            .and_then(|c| {
                c.query_row("SELECT COUNT(*) FROM sources", [], |r| r.get::<_, i64>(0))
                    .ok()
            })
            .unwrap_or(0)
        };
        if stored >= 50 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let interrupted = child.try_wait().unwrap().is_none();
    if interrupted {
        let status = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
    child.wait_with_output().unwrap();
    let conn = open(&ledger);
    let kept = count(&conn, "SELECT COUNT(*) FROM sources");
    eprintln!("interrupted: {interrupted}; {kept} of 1500 articles kept");
    assert!(kept >= 50 || !interrupted, "{kept} articles kept");
    assert_eq!(partial_articles(&conn), 0, "an article was kept in part");
    assert_eq!(
        count(&conn, "SELECT bulk_fts FROM ledger_settings WHERE id = 1"),
        0
    );
    indexes_in_step(&conn);
    drop(conn);

    let out = command(&ledger)
        .args(["ingest", "--quiet"])
        .arg(&dir)
        .output()
        .unwrap();
    ok("the second ingest", &out);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains(&format!("ingested {} article(s)", 1500 - kept)),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("; {kept} already present")),
        "{summary}"
    );
    let conn = open(&ledger);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM sources"), 1500);
    indexes_in_step(&conn);
}
