//! Ledger benchmark: fills a ledger with 1,000,000 claims (about 5 speakers and 1 source per 20
//! claims) and reports medians for batched inserts (against a plain `INSERT ... SELECT` of the
//! same rows into an empty ledger), CSV export (against `sqlite3 -csv` on the
//! same columns when the sqlite3 command exists), `list --status false --limit 50` and
//! two-word `search`es. Run: `cargo run --release --example ledger_bench [CLAIMS]`;
//! `BENCH_TEXT=narrow` uses a 40-word vocabulary (every query matches thousands of claims),
//! `BENCH_INSERT_ONLY=1` stops after the inserts.

use claimledger::claim::{Mode, SpeakerKind, SpeakerMention, Stance, Status};
use claimledger::store::{Ledger, NewClaim, NewSource};
use std::process::Command;
use std::time::Instant;

mod text;

use text::{Lcg, Vocabulary};

fn claim(rng: &mut Lcg, vocabulary: &Vocabulary, i: usize) -> NewClaim {
    let group = i / 20;
    let text = text::claim_text(rng, vocabulary);
    NewClaim {
        id: None,
        sentence: format!("{text}, officials said."),
        text,
        speakers: vec![SpeakerMention {
            name: text::speaker(group, rng.next() % 5),
            role: Some("spokesperson".into()),
            kind: SpeakerKind::Person,
            start: 0,
            end: 0,
        }],
        cue: Some("said".into()),
        mode: Mode::Indirect,
        stance: Stance::Assert,
        checkworthiness: (rng.next() % 100) as f64 / 100.0,
        source: Some(NewSource {
            url: Some(format!("https://news.example/{group}")),
            title: Some(format!("Report number {group}")),
            publisher: Some(["Daily", "Courier", "Herald"][group % 3].into()),
            published: Some(format!(
                "20{:02}-{:02}-{:02}",
                10 + group % 15,
                1 + group % 12,
                1 + group % 28
            )),
            language: Some("en".into()),
            authors: None,
        }),
        created_at: None,
        span: None,
    }
}

/// Copies the rows the bulk insert wrote (sources, speakers, claims, appearances and their
/// speaker links) from `db` into an empty ledger with one `INSERT ... SELECT` per table in one
/// transaction, and fills both search indexes with one statement each, as a bulk write does at
/// its end (the search index's stems from the same view): what the database itself needs for
/// those rows, with nothing computed per claim but what the ledger's triggers and view compute.
/// Returns the seconds it took.
fn plain_insert(dir: &std::path::Path, db: &std::path::Path) -> f64 {
    let target = dir.join("plain.db");
    drop(Ledger::open(&target, claimledger::store::Access::Create).unwrap());
    let conn = rusqlite::Connection::open(&target).unwrap();
    // The functions the ledger's triggers and index view call: stems and claim vectors are
    // computed per claim on both sides.
    claimledger::store::register_stems(&conn).unwrap();
    claimledger::store::register_vectors(&conn).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS bench", [db.to_str().unwrap()])
        .unwrap();
    let t = Instant::now();
    conn.execute_batch("BEGIN IMMEDIATE; UPDATE ledger_settings SET bulk_fts = 2 WHERE id = 1;")
        .unwrap();
    for table in [
        "sources",
        "speakers",
        "claims",
        "claim_speakers",
        "appearances",
        "appearance_speakers",
    ] {
        // Stored columns only: a generated column is computed, not inserted.
        let columns: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_xinfo('{table}', 'main') WHERE hidden = 0"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let columns = columns.join(", ");
        conn.execute(
            &format!("INSERT INTO main.{table} ({columns}) SELECT {columns} FROM bench.{table}"),
            [],
        )
        .unwrap();
    }
    conn.execute_batch(
        "INSERT INTO claims_fts (rowid, text, sentence, speaker_names, stems)
             SELECT id, text, sentence, speaker_names, stems FROM claims_search ORDER BY id;
         INSERT INTO match_fts (rowid, text, title, speakers)
             SELECT c.id, c.text, CASE WHEN c.sentence = '' THEN COALESCE(s.title, '') ELSE '' END,
                    c.speaker_names
             FROM claims c LEFT JOIN sources s ON s.id = c.source_id ORDER BY c.id;
         UPDATE ledger_settings SET bulk_fts = 0 WHERE id = 1;
         COMMIT;",
    )
    .unwrap();
    let secs = t.elapsed().as_secs_f64();
    drop(conn);
    let _ = std::fs::remove_file(&target);
    secs
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

fn time_cmd(cmd: &mut Command) -> (f64, Option<u64>) {
    let start = Instant::now();
    let out = cmd.output().expect("command runs");
    let secs = start.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // GNU time -v prints the peak resident set size on stderr.
    let peak = String::from_utf8_lossy(&out.stderr).lines().find_map(|l| {
        l.trim()
            .strip_prefix("Maximum resident set size (kbytes): ")
            .and_then(|v| v.parse().ok())
    });
    (secs, peak)
}

fn main() {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join("claimledger-bench");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("bench.db");
    let mut ledger = Ledger::open(&db, claimledger::store::Access::Create).unwrap();
    let narrow = std::env::var("BENCH_TEXT").is_ok_and(|v| v == "narrow");
    let vocabulary = Vocabulary::new(narrow);
    let mut rng = Lcg(42);
    let batch = 20_000;
    let mut rates = Vec::new();
    let mut done = 0;
    let all = Instant::now();
    while done < total {
        let n = batch.min(total - done);
        let claims: Vec<NewClaim> = (done..done + n)
            .map(|i| claim(&mut rng, &vocabulary, i))
            .collect();
        let t = Instant::now();
        ledger.add_claims(&claims).unwrap();
        rates.push(n as f64 / t.elapsed().as_secs_f64());
        done += n;
    }
    let inserted = all.elapsed().as_secs_f64();
    println!(
        "insert: {total} claims in {inserted:.1} s; median batch rate {:.0} claims/s ({} batches of {batch})",
        median(rates.clone()),
        rates.len()
    );
    drop(ledger);
    let plain = plain_insert(&dir, &db);
    println!(
        "plain INSERT ... SELECT of the same rows into an empty ledger: {plain:.1} s; the bulk insert runs at {:.2}x its speed",
        plain / inserted
    );
    let mut ledger = Ledger::open(&db, claimledger::store::Access::Create).unwrap();
    // As `ingest` and `import` do after a bulk load.
    let t = Instant::now();
    ledger.optimize_search().unwrap();
    println!("search index merged in {:.1} s", t.elapsed().as_secs_f64());
    if std::env::var_os("BENCH_INSERT_ONLY").is_some() {
        return;
    }
    let ids: Vec<i64> = (1..=total as i64).step_by(97).collect();
    ledger
        .review(&ids, Status::False, Some("benchmark verdict"), &[], "bench")
        .unwrap();
    drop(ledger);

    // The binary sits next to the examples folder of the same profile.
    let exe = std::env::current_exe().unwrap();
    let bin_path = exe
        .parent()
        .and_then(|p| p.parent())
        .unwrap()
        .join("claimledger");
    let bin = bin_path.to_str().unwrap();
    let csv = dir.join("out.csv");
    let have_time = std::path::Path::new("/usr/bin/time").exists();
    let mut ours = Vec::new();
    let mut peaks = Vec::new();
    let mut theirs = Vec::new();
    let columns = "SELECT c.id, c.status, c.text, c.speaker_names, c.speaker_roles, c.speaker_kinds, c.cue, c.mode, c.stance, c.checkworthiness, s.title, s.publisher, s.url, s.published, s.language, r.note, r.reviewer, r.reviewed_at, c.created_at FROM claims c LEFT JOIN sources s ON s.id = c.source_id LEFT JOIN reviews r ON r.id = (SELECT MAX(id) FROM reviews WHERE claim_id = c.id) ORDER BY c.id";
    let sqlite3 = Command::new("sqlite3").arg("-version").output().is_ok();
    for _ in 0..3 {
        let mut cmd = if have_time {
            let mut c = Command::new("/usr/bin/time");
            c.arg("-v").arg(bin);
            c
        } else {
            Command::new(bin)
        };
        cmd.args([
            "--db",
            db.to_str().unwrap(),
            "export",
            "--format",
            "csv",
            "-o",
            csv.to_str().unwrap(),
        ]);
        let (secs, peak) = time_cmd(&mut cmd);
        ours.push(secs);
        if let Some(p) = peak {
            peaks.push(p as f64 / 1024.0);
        }
        if sqlite3 {
            let out = std::fs::File::create(dir.join("sqlite3.csv")).unwrap();
            let t = Instant::now();
            let status = Command::new("sqlite3")
                .args(["-csv", "-header", db.to_str().unwrap(), columns])
                .stdout(out)
                .status()
                .unwrap();
            assert!(status.success());
            theirs.push(t.elapsed().as_secs_f64());
        }
    }
    let ours_m = median(ours);
    print!("export csv: median {ours_m:.2} s over 3 runs");
    if !peaks.is_empty() {
        print!(", peak memory {:.0} MB", median(peaks));
    }
    if !theirs.is_empty() {
        let t = median(theirs);
        print!("; sqlite3 -csv median {t:.2} s; ratio {:.2}", ours_m / t);
    }
    println!();

    // Two-word queries from the most frequent content words down to rarer ones, so no single
    // lucky pair decides the figure; the narrow text has its one stress query.
    let queries: Vec<String> = if narrow {
        vec!["inflation pensions".into()]
    } else {
        [(0, 1), (0, 20), (10, 40), (50, 100), (150, 250)]
            .iter()
            .map(|&(a, b)| format!("{} {}", vocabulary.at(a), vocabulary.at(b)))
            .collect()
    };
    let ledger = Ledger::open(&db, claimledger::store::Access::Create).unwrap();
    // How many claims each query matches (a search ranks at most RANK_AT_MOST of them).
    let matches: Vec<String> = queries
        .iter()
        .map(|q| {
            let fts = ledger.search_query(q).unwrap().unwrap();
            let all = claimledger::store::ClaimFilter::default();
            let found = ledger.search(&fts, &all, usize::MAX).unwrap();
            match found.ranked_newest {
                Some(n) => format!("more than {n}"),
                None => found.hits.len().to_string(),
            }
        })
        .collect();
    drop(ledger);
    let mut list = Vec::new();
    let mut search: Vec<Vec<f64>> = vec![Vec::new(); queries.len()];
    for _ in 0..11 {
        let (s, _) = time_cmd(Command::new(bin).args([
            "--db",
            db.to_str().unwrap(),
            "list",
            "--status",
            "false",
            "--limit",
            "50",
            "--format",
            "csv",
        ]));
        list.push(s * 1000.0);
        for (q, times) in queries.iter().zip(&mut search) {
            let (s, _) = time_cmd(Command::new(bin).args([
                "--db",
                db.to_str().unwrap(),
                "search",
                q,
                "--limit",
                "20",
                "--format",
                "csv",
            ]));
            times.push(s * 1000.0);
        }
    }
    println!(
        "list --status false --limit 50: median {:.1} ms (11 runs, whole process)",
        median(list)
    );
    let all: Vec<f64> = search.iter().flatten().copied().collect();
    for ((q, times), n) in queries.iter().zip(search).zip(matches) {
        println!(
            "search '{q}' ({n} matches): median {:.1} ms (11 runs, whole process)",
            median(times)
        );
    }
    println!("search, all queries: median {:.1} ms", median(all));
}
