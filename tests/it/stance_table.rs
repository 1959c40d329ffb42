//! The stance table: sentences written for this project, each holding exactly one attributed
//! claim, with the stance, claim text and speaker the extractor must give it
//! (`tests/fixtures/stance/<lang>.tsv`, columns `stance TAB sentence TAB claim text TAB speaker`;
//! lines starting with `#` are comments). All eight stances have at least 25 rows in German
//! and English and four in French; some rows are negative ones (content with a modal, a
//! negation or a future that still only asserts). Rows are never deleted or weakened: a row
//! that fails shows what the extractor still gets wrong.
//!
//! A row passes when the sentence yields exactly one claim whose stance is the expected one,
//! whose text has the same words as the expected text (case, punctuation and a leading "dass",
//! "that", "whether", "que" … ignored), and which
//! has exactly one speaker whose name has the same words as the expected speaker (a leading
//! article such as "die", "the" or "l'" ignored on both sides).

use std::path::Path;
use std::process::Command;

/// One row of a stance table.
struct Row {
    line: usize,
    stance: String,
    sentence: String,
    text: String,
    speaker: String,
}

fn load(lang: &str) -> Vec<Row> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/stance/{lang}.tsv"));
    let table = std::fs::read_to_string(&path).unwrap();
    let mut rows = Vec::new();
    for (i, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            4,
            "{lang}.tsv line {}: four columns expected",
            i + 1
        );
        rows.push(Row {
            line: i + 1,
            stance: cols[0].to_string(),
            sentence: cols[1].to_string(),
            text: cols[2].to_string(),
            speaker: cols[3].to_string(),
        });
    }
    rows
}

/// Lowercased runs of letters and digits: the words two texts are compared by.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The words of a claim text without a leading complementizer: whether "dass"/"that"/"que"
/// belongs to the message is a convention that differs between the languages today, and the
/// table is about where the content starts and ends, not about that word.
fn text_words(s: &str) -> Vec<String> {
    const COMPLEMENTIZERS: [&str; 8] = ["dass", "ob", "that", "whether", "if", "que", "qu", "si"];
    let mut w = words(s);
    if w.len() > 1 && COMPLEMENTIZERS.contains(&w[0].as_str()) {
        w.remove(0);
    }
    w
}

/// The words of a speaker name without a leading article.
fn name_words(s: &str) -> Vec<String> {
    const ARTICLES: [&str; 11] = [
        "der", "die", "das", "den", "dem", "des", "the", "le", "la", "les", "l",
    ];
    let mut w = words(s);
    if w.len() > 1 && ARTICLES.contains(&w[0].as_str()) {
        w.remove(0);
    }
    w
}

/// Runs the extractor once on all sentences of a table (one article per line) and returns one
/// JSON object per sentence.
fn extract(lang: &str, rows: &[Row]) -> Vec<serde_json::Value> {
    let input = tempfile::NamedTempFile::new().unwrap();
    let text: String = rows.iter().map(|r| format!("{}\n", r.sentence)).collect();
    std::fs::write(input.path(), text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimledger"))
        .args([
            "extract",
            "--format",
            "jsonl",
            "--each-line",
            "--lang",
            lang,
        ])
        .arg(input.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "extract --lang {lang}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let docs: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), rows.len(), "one JSON line per sentence");
    docs
}

/// Returns what is wrong with the extractor's answer for a row, or `None` when it passes.
fn check(row: &Row, doc: &serde_json::Value) -> Option<String> {
    let claims = doc["claims"].as_array().unwrap();
    let [claim] = claims.as_slice() else {
        let texts: Vec<&str> = claims.iter().filter_map(|c| c["text"].as_str()).collect();
        return Some(format!("{} claims {texts:?}", claims.len()));
    };
    let stance = claim["stance"].as_str().unwrap_or("");
    let text = claim["text"].as_str().unwrap_or("");
    let speakers: Vec<&str> = claim["speakers"]
        .as_array()
        .map(|s| s.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default();
    let mut wrong = Vec::new();
    if stance != row.stance {
        wrong.push(format!("stance {stance}"));
    }
    if text_words(text) != text_words(&row.text) {
        wrong.push(format!("text {text:?}"));
    }
    let speaker_ok =
        matches!(speakers.as_slice(), [one] if name_words(one) == name_words(&row.speaker));
    if !speaker_ok {
        wrong.push(format!("speakers {speakers:?}"));
    }
    if wrong.is_empty() {
        None
    } else {
        Some(wrong.join("; "))
    }
}

/// Checks every row of a language's table, prints each failing row with what the extractor gave
/// instead, and fails when fewer than `must_pass` rows pass.
fn run_table(lang: &str, must_pass: usize) {
    let rows = load(lang);
    let docs = extract(lang, &rows);
    let mut failures = Vec::new();
    for (row, doc) in rows.iter().zip(&docs) {
        if let Some(wrong) = check(row, doc) {
            failures.push(format!(
                "{lang}.tsv:{} [{}] {}\n    expected text {:?}, speaker {:?}\n    got {wrong}",
                row.line, row.stance, row.sentence, row.text, row.speaker
            ));
        }
    }
    eprintln!(
        "{lang}: {} of {} rows pass",
        rows.len() - failures.len(),
        rows.len()
    );
    for f in &failures {
        eprintln!("{f}");
    }
    let passed = rows.len() - failures.len();
    assert!(
        passed >= must_pass,
        "{lang}: {passed} of {} stance rows pass, the floor is {must_pass} (failures above)",
        rows.len()
    );
}

/// Each table covers all eight stances, with at least `per_stance` rows each.
fn assert_covers_all_stances(lang: &str, per_stance: usize) {
    let rows = load(lang);
    for stance in [
        "assert", "deny", "warn", "demand", "promise", "predict", "believe", "question",
    ] {
        let n = rows.iter().filter(|r| r.stance == stance).count();
        assert!(
            n >= per_stance,
            "{lang}.tsv: {n} rows of {stance}, want {per_stance}"
        );
    }
    for r in &rows {
        assert!(
            r.sentence.contains(&r.text),
            "{lang}.tsv:{}: text not in sentence",
            r.line
        );
        assert!(
            r.sentence.contains(&r.speaker),
            "{lang}.tsv:{}: speaker not in sentence",
            r.line
        );
    }
}

#[test]
fn tables_cover_all_stances() {
    assert_covers_all_stances("de", 25);
    assert_covers_all_stances("en", 25);
    assert_covers_all_stances("fr", 4);
}

/// The rows that fail name speakers after a word that is also a time word ("Lea Morgen",
/// "Anton Mai"), end content at a cue word inside it ("… die Wahrheit sagte"), keep the hearer
/// of "called on X to …" in the content, or miss a lower-case role phrase before a name ("city
/// building official Ole Prince"): speaker and frame problems, not stance ones. The floors are
/// the measured counts (199 of 202 German, 199 of 201 English) and rise with each gain.
#[test]
fn german_stance_table() {
    run_table("de", 199);
}

#[test]
fn english_stance_table() {
    run_table("en", 199);
}

/// Of the rows whose stance is not assert, the share whose one claim has that stance (text and
/// speaker aside): the stance a speaker took must survive a neutral cue ("sagte", "said").
fn non_assert_stance_share(lang: &str) -> f64 {
    let rows = load(lang);
    let docs = extract(lang, &rows);
    let (mut right, mut total) = (0, 0);
    for (row, doc) in rows.iter().zip(&docs) {
        if row.stance == "assert" {
            continue;
        }
        total += 1;
        let claims = doc["claims"].as_array().unwrap();
        if let [claim] = claims.as_slice()
            && claim["stance"].as_str() == Some(row.stance.as_str())
        {
            right += 1;
        }
    }
    let share = right as f64 / total as f64;
    eprintln!("{lang}: non-assert stance right on {right} of {total} rows ({share:.3})");
    share
}

#[test]
fn non_assert_stances_are_right_on_four_in_five_rows() {
    for lang in ["de", "en"] {
        let share = non_assert_stance_share(lang);
        assert!(
            share >= 0.8,
            "{lang}: non-assert stance right on {share:.3} of rows"
        );
    }
}

/// French is a lexicon file only; the rows it misses need grammar the rules do not
/// have yet (elided articles before a speaker, "de la" inside a role, infinitive content), so
/// the French table has a floor at the measured count (14, then 15) that rises with each gain.
#[test]
fn french_stance_table() {
    run_table("fr", 15);
}
