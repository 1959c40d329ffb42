//! The contrast set: pairs of short claims where the second changes one thing that changes
//! what is claimed (direction, comparative, scale, unit, period, roles, entity, polarity), or
//! rewords the first without changing it (`reword-keep`: every content word kept; `reword`:
//! another paraphrase). All claims of the set go into one ledger through the real binary: the
//! A sides are added (every third reviewed `false`), the B sides are matched (`match
//! --each-line`) and then ingested as articles. A verdict must never travel to a different
//! claim: no B of a `different` row may be `same` in `match` or merged at ingest.
//!
//! `CONTRAST_FILE=path` runs the same checks on another file whose rows start with a language
//! column (`lang<TAB>kind<TAB>a<TAB>b<TAB>expected`) and prints the figures without floors;
//! `CONTRAST_BIN=path` runs another build of the binary.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Clone)]
struct Row {
    /// "en:12" (file and line) for messages.
    name: String,
    lang: String,
    kind: String,
    a: String,
    b: String,
    same: bool,
}

fn rows_of(path: &Path, lang: Option<&str>) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut cells: Vec<&str> = line.split('\t').collect();
        let lang = match lang {
            Some(l) => l.to_string(),
            None => {
                if cells.len() != 5 {
                    panic!("{path:?} line {}: want 5 cells, got {}", i + 1, cells.len());
                }
                cells.remove(0).to_string()
            }
        };
        assert_eq!(cells.len(), 4, "{path:?} line {}: {line}", i + 1);
        if cells[0] == "kind" {
            continue;
        }
        let same = match cells[3].trim() {
            "same" => true,
            "different" => false,
            other => panic!("{path:?} line {}: expected {other:?}", i + 1),
        };
        rows.push(Row {
            name: format!("{lang}:{}", i + 1),
            lang: lang.clone(),
            kind: cells[0].trim().to_string(),
            a: cells[1].trim().to_string(),
            b: cells[2].trim().to_string(),
            same,
        });
    }
    rows
}

fn own_rows() -> Vec<Row> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contrast");
    ["de", "en", "fr"]
        .iter()
        .flat_map(|l| rows_of(&dir.join(format!("{l}.tsv")), Some(l)))
        .collect()
}

struct Run {
    dir: tempfile::TempDir,
}

impl Run {
    fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.db")
    }

    fn run(&self, args: &[&str]) -> String {
        // CONTRAST_BIN measures another build (an older one, for a before/after figure).
        let bin = std::env::var_os("CONTRAST_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_claimledger").into());
        let out = Command::new(bin)
            .env_clear()
            .env("CLAIMLEDGER_DB", self.db())
            .env("CLAIMLEDGER_REVIEWER", "tester")
            .env("CLAIMLEDGER_NOW", "2026-01-02T03:04:05Z")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

/// What happened to the rows, as counts and the names of the wrong ones.
#[derive(Default, Debug)]
struct Figures {
    rows: usize,
    different: usize,
    wrong_same: Vec<String>,
    wrong_merge: Vec<String>,
    rewordings: usize,
    found_first: usize,
    not_found_first: Vec<String>,
    keep: usize,
    keep_same: usize,
    reword_same: usize,
    merged_right: usize,
    /// B sides the extractor took no claim from (nothing to merge).
    not_extracted: usize,
    by_kind: HashMap<String, (usize, usize)>,
}

impl Figures {
    fn print(&self, title: &str) {
        eprintln!(
            "{title}: {} rows ({} different); wrong same {}, wrong merges {}; rewordings found \
             first {}/{}; reword-keep same {}/{}; reword same {}; rewordings merged {}; B sides \
             without a claim {}",
            self.rows,
            self.different,
            self.wrong_same.len(),
            self.wrong_merge.len(),
            self.found_first,
            self.rewordings,
            self.keep_same,
            self.keep,
            self.reword_same,
            self.merged_right,
            self.not_extracted
        );
        let mut kinds: Vec<_> = self.by_kind.iter().collect();
        kinds.sort();
        for (kind, (n, kept_apart)) in kinds {
            eprintln!("  {kind}: {kept_apart}/{n} not same");
        }
        for w in &self.wrong_same {
            eprintln!("  wrong same: {w}");
        }
        for w in &self.wrong_merge {
            eprintln!("  wrong merge: {w}");
        }
        for w in &self.not_found_first {
            eprintln!("  not found first: {w}");
        }
    }
}

/// Puts every claim of the rows into one ledger and counts what `match` and ingest did.
fn measure(rows: &[Row]) -> Figures {
    let run = Run {
        dir: tempfile::TempDir::new().unwrap(),
    };
    run.run(&["init"]);
    // The A sides, typed in one by one as a fact-checker would.
    for r in rows {
        run.run(&["add", "--text", &r.a]);
    }
    let mut ids = vec![0; rows.len()];
    let listed = run.run(&["list", "--format", "jsonl", "--limit", "100000"]);
    let by_text: HashMap<String, i64> = listed
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["text"].as_str().unwrap().to_string(),
                v["id"].as_i64().unwrap(),
            )
        })
        .collect();
    for (i, r) in rows.iter().enumerate() {
        ids[i] = *by_text
            .get(&r.a)
            .unwrap_or_else(|| panic!("{}: A side not imported: {}", r.name, r.a));
    }
    let reviewed: Vec<String> = ids.iter().step_by(3).map(|id| id.to_string()).collect();
    let mut review = vec!["review"];
    review.extend(reviewed.iter().map(String::as_str));
    review.extend(["--status", "false", "--note", "Checked against the record"]);
    run.run(&review);

    let mut f = Figures {
        rows: rows.len(),
        ..Figures::default()
    };
    // `match`: the B sides against the A sides.
    let lines = run.dir.path().join("b.txt");
    std::fs::write(
        &lines,
        rows.iter()
            .map(|r| format!("{}\n", r.b))
            .collect::<String>(),
    )
    .unwrap();
    let matched = run.run(&[
        "match",
        "--each-line",
        lines.to_str().unwrap(),
        "--format",
        "jsonl",
        "--limit",
        "3",
    ]);
    let matched: Vec<serde_json::Value> = matched
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(matched.len(), rows.len());
    for ((r, &id), m) in rows.iter().zip(&ids).zip(&matched) {
        let top = &m["matches"][0];
        let top_id = top["id"].as_i64();
        let top_same = top["same"].as_bool().unwrap_or(false);
        let entry = f.by_kind.entry(r.kind.clone()).or_default();
        entry.0 += 1;
        if !(top_same && top_id == Some(id)) {
            entry.1 += 1;
        }
        let describe = || format!("{} {}: {} | {}", r.name, r.kind, r.a, r.b);
        if top_same && (!r.same || top_id != Some(id)) {
            f.wrong_same
                .push(format!("{} (top #{top_id:?})", describe()));
        }
        if r.same {
            f.rewordings += 1;
            if top_id == Some(id) {
                f.found_first += 1;
            } else {
                f.not_found_first.push(describe());
            }
            if top_same && top_id == Some(id) {
                if r.kind == "reword-keep" {
                    f.keep_same += 1;
                } else {
                    f.reword_same += 1;
                }
            }
            if r.kind == "reword-keep" {
                f.keep += 1;
            }
        } else {
            f.different += 1;
        }
    }

    // Ingest: each B side an article of its own (a title line, then the sentence), with a URL
    // naming its row; one file per language, whose language is given.
    let mut langs: Vec<&str> = rows.iter().map(|r| r.lang.as_str()).collect();
    langs.sort();
    langs.dedup();
    for lang in langs {
        let articles = run.dir.path().join(format!("b-{lang}.jsonl"));
        let mut file = std::fs::File::create(&articles).unwrap();
        for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.lang == lang) {
            let line = serde_json::json!({
                "text": format!("Row {i}\n\n{}\n", r.b),
                "url": format!("https://example.org/contrast/{i}"),
            });
            writeln!(file, "{line}").unwrap();
        }
        drop(file);
        run.run(&[
            "ingest",
            "--quiet",
            "--min-score",
            "0",
            "--lang",
            lang,
            articles.to_str().unwrap(),
        ]);
    }
    // Which claim each row's article ended in: a merge leaves it as an appearance of an older
    // claim (one of the A sides, or an earlier B).
    let exported = run.run(&["export", "--format", "jsonl"]);
    let mut landed: HashMap<usize, Vec<(i64, bool)>> = HashMap::new();
    for line in exported.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(claim) = v["id"].as_i64() else {
            continue;
        };
        let Some(appearances) = v["appearances"].as_array() else {
            continue;
        };
        for (n, a) in appearances.iter().enumerate() {
            let url = a["url"]
                .as_str()
                .or_else(|| a["source"]["url"].as_str())
                .unwrap_or("");
            if let Some(i) = url.strip_prefix("https://example.org/contrast/") {
                let i: usize = i.parse().unwrap();
                // Only the claim made of the B sentence (not one made of the title line).
                let text = a["text"].as_str().unwrap_or("");
                if text.len() < 12 || !rows[i].b.starts_with(text.trim_end_matches('.')) {
                    continue;
                }
                // The first appearance of a claim made from a B side is that claim itself.
                let merged = n > 0 || ids.contains(&claim);
                landed.entry(i).or_default().push((claim, merged));
            }
        }
    }
    for (i, (r, &id)) in rows.iter().zip(&ids).enumerate() {
        let Some(places) = landed.get(&i) else {
            f.not_extracted += 1;
            continue;
        };
        for &(claim, merged) in places {
            if !merged {
                continue;
            }
            if r.same && claim == id {
                f.merged_right += 1;
            } else {
                f.wrong_merge.push(format!(
                    "{} {}: {} | {} (into #{claim})",
                    r.name, r.kind, r.a, r.b
                ));
            }
        }
    }
    f
}

#[test]
fn contrast_set_keeps_different_claims_apart_and_finds_rewordings() {
    let rows = own_rows();
    let french = rows.iter().filter(|r| r.name.starts_with("fr:")).count();
    assert!(
        rows.len() >= 300 && french >= 50,
        "{} rows, {french} French",
        rows.len()
    );
    let f = measure(&rows);
    f.print("contrast set");
    assert!(
        f.wrong_same.is_empty(),
        "different claims called `same`: {:#?}",
        f.wrong_same
    );
    assert!(
        f.wrong_merge.is_empty(),
        "different claims merged at ingest: {:#?}",
        f.wrong_merge
    );
    let first = f.found_first as f64 / f.rewordings as f64;
    assert!(
        first >= 0.95,
        "rewordings found first {first}: {:#?}",
        f.not_found_first
    );
    let keep = f.keep_same as f64 / f.keep as f64;
    assert!(keep >= KEEP_SAME_FLOOR, "reword-keep judged same {keep}");
}

/// The share of `reword-keep` rows judged `same` (measured less a margin).
const KEEP_SAME_FLOOR: f64 = 0.9;

/// A further set written without sight of the matching lexicon, run when `CONTRAST_FILE`
/// names it: figures only, no floors.
#[test]
fn contrast_file_from_the_environment() {
    let Some(path) = std::env::var_os("CONTRAST_FILE") else {
        eprintln!("skipped: CONTRAST_FILE is not set");
        return;
    };
    let rows = rows_of(Path::new(&path), None);
    let f = measure(&rows);
    f.print(&format!("{}", Path::new(&path).display()));
}
