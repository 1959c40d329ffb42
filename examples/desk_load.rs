//! Load test of the review desk: starts `claimledger serve` on a free loopback port on a copy
//! of nothing but the ledger given (reviews are written into it), logs in 32 clients and runs
//! them for 30 s: 28 read the queue, claim pages and searches, 4 post reviews. Reports
//! requests/s, p50/p95 per page, failures, whether every posted review is in its claim's trail
//! exactly once, and the server's resident memory (current and peak).
//!
//! Run: `cargo build --release --bins --examples` (`--examples` alone leaves an older
//! `claimledger` binary in place, and this runs that binary), then
//! `target/release/examples/desk_load LEDGER [SECONDS]` (`DESK_LOAD_COMMON=N`:
//! N searches in ten for words of most claims, default 1; `DESK_LOAD_LONG=N`: N more clients,
//! at most 8, each sending 8 KB searches all the time — the word "a" 4,000 times, a pasted
//! paragraph of claims, a quoted phrase of one word of most claims, one-letter prefixes, two
//! four-letter prefixes of words of most claims — reported per kind
//! with their answers, 200 or a refusal; `DESK_LOAD_KIND=8k-prefix4` sends only that kind;
//! `DESK_LOAD_READERS`/`DESK_LOAD_WRITERS` change the 28 and 4), e.g. on the 1M-claim
//! ledger of `BENCH_INSERT_ONLY=1 cargo run --release --example ledger_bench` (which leaves it
//! in the temp folder as claimledger-bench/bench.db). Loopback only; bounded in clients, time
//! and per-request timeout.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Clients reading and clients reviewing (`DESK_LOAD_READERS`, `DESK_LOAD_WRITERS`).
const READERS: usize = 28;
const WRITERS: usize = 4;
/// The size of a long search, as pasted into the search box.
const LONG: usize = 8000;

/// A tiny deterministic random number generator (no dependency, reproducible runs).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[derive(Default)]
struct Tally {
    latencies: HashMap<&'static str, Vec<f64>>,
    failures: HashMap<&'static str, usize>,
    statuses: HashMap<&'static str, HashMap<u16, usize>>,
    posted: Vec<(i64, String)>,
}

struct Client {
    agent: ureq::Agent,
    base: String,
    cookie: String,
}

impl Client {
    fn new(base: &str) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        Client {
            agent,
            base: base.to_string(),
            cookie: String::new(),
        }
    }

    /// GET: (status, body).
    fn get(&mut self, path: &str) -> Result<(u16, String), ureq::Error> {
        let res = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Cookie", &self.cookie)
            .call()?;
        self.keep_cookie(&res);
        let status = res.status().as_u16();
        Ok((status, res.into_body().read_to_string()?))
    }

    fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Result<u16, ureq::Error> {
        let res = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Cookie", &self.cookie)
            .send_form(form.iter().copied())?;
        self.keep_cookie(&res);
        Ok(res.status().as_u16())
    }

    fn keep_cookie(&mut self, res: &ureq::http::Response<ureq::Body>) {
        if let Some(c) = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
        {
            self.cookie = c.split(';').next().unwrap_or("").to_string();
        }
    }

    fn log_in(&mut self, password: &str) {
        let (_, page) = self.get("/login").unwrap();
        let csrf = hidden(&page, "csrf");
        let status = self
            .post(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("name", "load"),
                    ("password", password),
                    ("next", "/"),
                ],
            )
            .unwrap();
        assert_eq!(status, 303, "login failed");
    }
}

fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    body.find(&marker)
        .map(|at| {
            body[at + marker.len()..]
                .split('"')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_default()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn memory_kb(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Words to search for, from a few claims so that searches find something: those in at most
/// 1 % of the claims (names, topics: what a desk looks for) and those in more (words of
/// nearly every claim, such as "percent" in the benchmark's text).
fn search_words(db: &str) -> (i64, Vec<String>, Vec<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let max: i64 = conn
        .query_row("SELECT MAX(id) FROM claims", [], |r| r.get(0))
        .unwrap();
    let mut stmt = conn
        .prepare("SELECT text FROM claims WHERE id % 9973 = 1 LIMIT 40")
        .unwrap();
    let mut words: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .filter_map(Result::ok)
        .flat_map(|t| {
            t.split_whitespace()
                .filter(|w| w.len() > 5 && w.chars().all(char::is_alphabetic))
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    let (mut specific, mut common) = (Vec::new(), Vec::new());
    let mut count = conn
        .prepare("SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH ?1")
        .unwrap();
    for w in words {
        let n: i64 = count
            .query_row([format!("\"{w}\"")], |r| r.get(0))
            .unwrap_or(0);
        if n == 0 {
            continue;
        }
        if n * 100 <= max {
            &mut specific
        } else {
            &mut common
        }
        .push(w);
    }
    (max, specific, common)
}

/// A source file of the workspace changed after `bin` was built, if any (the binary's own
/// sources, the crates' and the migrations).
fn newer_source(bin: &std::path::Path) -> Option<std::path::PathBuf> {
    let built = std::fs::metadata(bin).and_then(|m| m.modified()).ok()?;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut folders = vec![
        root.join("src"),
        root.join("crates"),
        root.join("migrations"),
    ];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|m| m > built)
            {
                return Some(path);
            }
        }
    }
    None
}

/// Long searches of about `LONG` bytes, named: the word "a" repeated; claims pasted as one
/// paragraph; a quoted phrase of one word of most claims repeated; one-letter prefixes.
fn long_queries(db: &str, common: &[String]) -> Vec<(&'static str, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT text FROM claims WHERE id % 7919 = 3 LIMIT 400")
        .unwrap();
    let mut paragraph = String::new();
    for text in stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .filter_map(Result::ok)
    {
        paragraph.push_str(&text);
        paragraph.push(' ');
        if paragraph.len() >= LONG {
            break;
        }
    }
    let repeat = |unit: &str, limit: usize| {
        let mut s = String::new();
        while s.len() + unit.len() < limit {
            s.push_str(unit);
            s.push(' ');
        }
        s.trim_end().to_string()
    };
    let word = common.first().map_or("percent", String::as_str);
    let phrase = format!("\"{}\"", repeat(word, LONG - 2));
    vec![
        ("8k-a", repeat("a", LONG)),
        (
            "8k-paragraph",
            paragraph
                .char_indices()
                .take_while(|(i, _)| *i < LONG)
                .map(|(_, c)| c)
                .collect(),
        ),
        ("8k-phrase", phrase),
        ("8k-prefix", repeat("p* a* s* o* d* m* g* t*", LONG)),
        // Two prefixes of four letters of words of most claims ("perc* offi*"), repeated.
        ("8k-prefix4", repeat(&common_prefixes(common), LONG)),
    ]
}

/// The first four letters of the two first words of most claims, each with a `*`.
fn common_prefixes(common: &[String]) -> String {
    let mut out: Vec<String> = common
        .iter()
        .filter(|w| w.chars().count() >= 4)
        .map(|w| format!("{}*", w.chars().take(4).collect::<String>()))
        .collect();
    out.dedup();
    out.truncate(2);
    if out.is_empty() {
        out.push("perc*".into());
    }
    out.join(" ")
}

/// Percent-encodes a query parameter's value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn main() {
    let db = std::env::args()
        .nth(1)
        .expect("usage: desk_load LEDGER [SECONDS]");
    let seconds: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(30)
        .min(600);
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().unwrap().parent().unwrap().join("claimledger");
    if let Some(newer) = newer_source(&bin) {
        eprintln!(
            "warning: {} is older than {}: it may not be the current desk \
             (cargo build --release --bins --examples)",
            bin.display(),
            newer.display()
        );
    }
    let cli = |args: &[&str]| {
        Command::new(&bin)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let _ = cli(&["users", "remove", "load"]);
    let added = cli(&["users", "add", "load"]);
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let password = String::from_utf8(added.stdout)
        .unwrap()
        .trim()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_string();
    let (max_id, specific, common) = search_words(&db);
    let long_clients = long_clients();
    let (readers, writers) = (
        count_from_env("DESK_LOAD_READERS", READERS),
        count_from_env("DESK_LOAD_WRITERS", WRITERS),
    );
    let only_kind = std::env::var("DESK_LOAD_KIND").ok();
    let long = Arc::new(long_queries(&db, &common));
    println!(
        "search words: {} in at most 1 % of the claims, {} in more ({})",
        specific.len(),
        common.len(),
        common.join(", ")
    );
    let mut server = Command::new(&bin)
        .args(["--db", &db, "serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .expect("a loopback address")
        .trim_end_matches('/')
        .to_string();
    println!(
        "ledger {db}: {max_id} claims (max id); server {base}; {readers} readers + {writers} writers + {long_clients} long searchers ({}) for {seconds} s",
        only_kind.as_deref().unwrap_or("every kind")
    );
    let rss_start = memory_kb(server.id(), "VmRSS:");
    let tally = Arc::new(Mutex::new(Tally::default()));
    let words = Arc::new((specific, common));
    // Notes name the run, so that a second run on the same ledger checks its own reviews.
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let started = Instant::now();
    let end = started + Duration::from_secs(seconds);
    let long: Arc<Vec<_>> = Arc::new(
        long.iter()
            .filter(|(kind, _)| only_kind.as_deref().is_none_or(|k| k == *kind))
            .cloned()
            .collect(),
    );
    assert!(
        !long.is_empty(),
        "DESK_LOAD_KIND: no such kind of long search"
    );
    let threads: Vec<_> = (0..readers + writers + long_clients)
        .map(|n| {
            let (base, password, tally, words, long) = (
                base.clone(),
                password.clone(),
                tally.clone(),
                words.clone(),
                long.clone(),
            );
            std::thread::spawn(move || {
                let mut client = Client::new(&base);
                client.log_in(&password);
                let mut rng = Lcg(n as u64 + 1);
                let mut i = 0u64;
                while Instant::now() < end {
                    i += 1;
                    if n < readers {
                        read_once(&mut client, &mut rng, max_id, &words, &tally);
                    } else if n >= readers + writers {
                        let (kind, query) = &long[(n + i as usize) % long.len()];
                        long_once(&mut client, kind, query, &tally);
                    } else {
                        write_once(&mut client, &mut rng, max_id, (run, n, i), &tally);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let (rss, peak) = (
        memory_kb(server.id(), "VmRSS:"),
        memory_kb(server.id(), "VmHWM:"),
    );
    let _ = server.kill();
    let _ = server.wait();
    report(&tally.lock().unwrap(), elapsed, &db, rss_start, rss, peak);
}

/// How many searches in ten look for a word of most claims (`DESK_LOAD_COMMON`, default 1).
fn common_share() -> u64 {
    std::env::var("DESK_LOAD_COMMON")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .min(10)
}

/// A number of clients from the environment, at most 64.
fn count_from_env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .min(64)
}

/// How many clients send long searches (`DESK_LOAD_LONG`, default 0, at most 8).
fn long_clients() -> usize {
    std::env::var("DESK_LOAD_LONG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
        .min(8)
}

/// One long search: answered (200) or refused with a page (4xx) both count as handled; a
/// time-out page (503) or no answer as failed. Each status is tallied.
fn long_once(client: &mut Client, kind: &'static str, query: &str, tally: &Mutex<Tally>) {
    let t = Instant::now();
    let status = client
        .get(&format!("/search?q={}", encode(query)))
        .map_or(0, |(s, _)| s);
    record(
        tally,
        kind,
        t,
        status == 200 || (400..500).contains(&status),
    );
    *tally
        .lock()
        .unwrap()
        .statuses
        .entry(kind)
        .or_default()
        .entry(status)
        .or_default() += 1;
}

fn record(tally: &Mutex<Tally>, kind: &'static str, t: Instant, ok: bool) {
    let mut tally = tally.lock().unwrap();
    tally
        .latencies
        .entry(kind)
        .or_default()
        .push(t.elapsed().as_secs_f64() * 1000.0);
    if !ok {
        *tally.failures.entry(kind).or_default() += 1;
    }
}

fn read_once(
    client: &mut Client,
    rng: &mut Lcg,
    max_id: i64,
    (specific, common): &(Vec<String>, Vec<String>),
    tally: &Mutex<Tally>,
) {
    let (kind, path) = match rng.next() % 3 {
        0 => ("queue", format!("/?page={}", 1 + rng.next() % 20)),
        1 => (
            "claim",
            format!("/claims/{}", 1 + rng.next() as i64 % max_id),
        ),
        // DESK_LOAD_COMMON searches in ten (default 1) are for a word of most claims.
        _ if common.is_empty() || rng.next() % 10 >= common_share() => {
            let a = &specific[rng.next() as usize % specific.len()];
            ("search", format!("/search?q={a}"))
        }
        _ => {
            let a = &common[rng.next() as usize % common.len()];
            ("search-common", format!("/search?q={a}"))
        }
    };
    let t = Instant::now();
    let ok = matches!(client.get(&path), Ok((200, _)));
    record(tally, kind, t, ok);
}

fn write_once(
    client: &mut Client,
    rng: &mut Lcg,
    max_id: i64,
    (run, n, i): (u64, usize, u64),
    tally: &Mutex<Tally>,
) {
    let id = 1 + rng.next() as i64 % max_id;
    let t = Instant::now();
    let page = client.get(&format!("/claims/{id}"));
    let Ok((200, body)) = page else {
        record(tally, "claim", t, false);
        return;
    };
    record(tally, "claim", t, true);
    let note = format!("load test {run}-{n}-{i}");
    let form = [
        ("csrf", hidden(&body, "csrf")),
        ("form", hidden(&body, "form")),
        ("status", "in-review".to_string()),
        ("note", note.clone()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let t = Instant::now();
    let ok = matches!(client.post(&format!("/claims/{id}/review"), &form), Ok(303));
    record(tally, "review", t, ok);
    if ok {
        tally.lock().unwrap().posted.push((id, note));
    }
}

fn report(tally: &Tally, elapsed: f64, db: &str, rss_start: u64, rss: u64, peak: u64) {
    let total: usize = tally.latencies.values().map(Vec::len).sum();
    let failed: usize = tally.failures.values().sum();
    println!(
        "{total} requests in {elapsed:.1} s: {:.0} requests/s, {failed} failed",
        total as f64 / elapsed
    );
    for kind in [
        "queue",
        "claim",
        "search",
        "search-common",
        "review",
        "8k-a",
        "8k-paragraph",
        "8k-phrase",
        "8k-prefix",
        "8k-prefix4",
    ] {
        if kind.starts_with("8k") && !tally.latencies.contains_key(kind) {
            continue;
        }
        let mut l = tally.latencies.get(kind).cloned().unwrap_or_default();
        l.sort_by(|a, b| a.total_cmp(b));
        println!(
            "  {kind:13} {:6} requests  p50 {:7.1} ms  p95 {:7.1} ms  max {:7.1} ms  failed {}",
            l.len(),
            percentile(&l, 0.5),
            percentile(&l, 0.95),
            l.last().copied().unwrap_or(f64::NAN),
            tally.failures.get(kind).copied().unwrap_or(0)
        );
        if let Some(statuses) = tally.statuses.get(kind) {
            let mut statuses: Vec<_> = statuses.iter().collect();
            statuses.sort();
            let within = l.iter().filter(|ms| **ms <= 1000.0).count();
            println!(
                "  {:13} answers {} (0: no answer); {within} of {} within 1 s",
                "",
                statuses
                    .iter()
                    .map(|(s, n)| format!("{s}×{n}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                l.len()
            );
        }
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT COUNT(*) FROM reviews WHERE claim_id = ?1 AND note = ?2 AND reviewer = 'load'",
        )
        .unwrap();
    let once = tally
        .posted
        .iter()
        .filter(|(id, note)| {
            stmt.query_row(rusqlite::params![id, note], |r| r.get::<_, i64>(0))
                .unwrap()
                == 1
        })
        .count();
    println!(
        "reviews posted: {}; in their claim's trail exactly once: {once}",
        tally.posted.len()
    );
    println!(
        "server memory: RSS {:.0} MB at start, {:.0} MB at the end, peak {:.0} MB",
        rss_start as f64 / 1024.0,
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
}
