//! Does a claim's sentence vector (the matching word table's) help the check-worthiness model?
//! Trains the claim weights with and without the vector's 384 dimensions as extra features and
//! compares them on held-out folds of the training sets, never on the dev sets the model was
//! tuned on: English, each quarter of CheckThat! 2024 train by sentence id in turn; German, each
//! GermEval 2021 fifth by comment id (remainder 1 to 4; remainder 0 is the dev fifth).
//!
//! ```text
//! cargo run --release --example checkworthy_vectors [-- DIR [SCALE…]]
//! ```
//! DIR defaults to ../shared/eval/checkworthy; SCALE multiplies the unit vector's components
//! (default 1, 4 and 16).

use claimledger::checkworthy::features::BITS;
use claimledger::checkworthy::train::{self, Example, Settings, Weighting};
use claimledger::checkworthy::{Model, ModelInfo};
use claimledger::extract::Lang;
use claimledger::matching::vectors::{self, DIMS};
use std::path::{Path, PathBuf};

/// The vector's dimensions take the last slots of the n-gram region.
const FIRST: u32 = (1 << BITS) - DIMS as u32;

type Row = (u64, String, bool);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| "../shared/eval/checkworthy".into());
    let scales: Vec<f32> = if args.len() > 1 {
        args[1..]
            .iter()
            .map(|s| s.parse().expect("a number"))
            .collect()
    } else {
        vec![1.0, 4.0, 16.0]
    };
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let en = read(
        &dir.join("ct24-en-train.tsv"),
        b'\t',
        ["Sentence_id", "Text", "class_label"],
    );
    let de = read(
        &dir.join("germeval21-de-train.csv"),
        b',',
        ["comment_id", "comment_text", "Sub3_FactClaiming"],
    );
    let mut ids: Vec<u64> = en.iter().map(|r| r.0).collect();
    ids.sort_unstable();
    let quarter = |id: u64| ids.partition_point(|&x| x < id) * 4 / ids.len().max(1);

    println!("fold      | scale | F1(yes) / macro-F1 / AUC without | with vectors");
    for scale in &scales {
        let extra = |text: &str| -> Vec<(u32, f32)> {
            vectors::embed(text)
                .map(|v| {
                    v.iter()
                        .enumerate()
                        .map(|(d, x)| (FIRST + d as u32, x * scale))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut gains = Vec::new();
        for k in 1..=4u64 {
            let (en_held, en_train): (Vec<&Row>, Vec<&Row>) =
                en.iter().partition(|r| quarter(r.0) as u64 == k - 1);
            let (de_held, de_train): (Vec<&Row>, Vec<&Row>) = de
                .iter()
                .filter(|r| r.0 % 5 != 0)
                .partition(|r| r.0 % 5 == k);
            let pairs = |rows: &[&Row]| -> Vec<(String, bool)> {
                rows.iter().map(|r| (r.1.clone(), r.2)).collect()
            };
            let (en_train, de_train) = (pairs(&en_train), pairs(&de_train));
            let (en_held, de_held) = (pairs(&en_held), pairs(&de_held));
            let weighting = |positive| Weighting {
                positive,
                share_power: train::SHARE_POWER,
                line: train::LINE_WEIGHT,
            };
            let mut with =
                train::examples_with(&en_train, Lang::En, weighting(train::WEIGHT_EN), 0, &extra);
            with.extend(train::examples_with(
                &de_train,
                Lang::De,
                weighting(train::WEIGHT_DE),
                en_train.len(),
                &extra,
            ));
            let without = strip(&with);
            let held_en = train::examples_with(&en_held, Lang::En, Weighting::EVAL, 0, &extra);
            let held_de = train::examples_with(&de_held, Lang::De, Weighting::EVAL, 0, &extra);
            let settings = Settings::default();
            let model = |examples: &[Example]| Model {
                info: ModelInfo::default(),
                weights: train::train(examples, &settings, None),
                lines: None,
            };
            let (plain, vectored) = (model(&without), model(&with));
            for (name, held, rows) in [("en", &held_en, &en_held), ("de", &held_de, &de_held)] {
                let labels: Vec<bool> = rows.iter().map(|r| r.1).collect();
                let a = figures(&plain, &strip(held), &labels);
                let b = figures(&vectored, held, &labels);
                println!(
                    "{name} {k}      | {scale:>5} | {:.3} / {:.3} / {:.3} | {:.3} / {:.3} / {:.3}",
                    a.0, a.1, a.2, b.0, b.1, b.2
                );
                gains.push((name, b.1 - a.1, b.2 - a.2));
            }
        }
        for lang in ["en", "de"] {
            let g: Vec<_> = gains.iter().filter(|g| g.0 == lang).collect();
            let n = g.len() as f64;
            println!(
                "{lang} mean   | {scale:>5} | macro-F1 {:+.4}, AUC {:+.4} (folds better: {} of {})",
                g.iter().map(|g| g.1).sum::<f64>() / n,
                g.iter().map(|g| g.2).sum::<f64>() / n,
                g.iter().filter(|g| g.1 > 0.0).count(),
                g.len()
            );
        }
    }
}

/// The examples without the vector's features.
fn strip(examples: &[Example]) -> Vec<Example> {
    examples
        .iter()
        .map(|e| Example {
            features: e.features.iter().copied().filter(|f| f.0 < FIRST).collect(),
            ..e.clone()
        })
        .collect()
}

/// F1 of the positive class and macro-F1 at the default threshold, and the ROC area.
fn figures(model: &Model, examples: &[Example], labels: &[bool]) -> (f64, f64, f64) {
    let f = train::evaluate(model, examples, labels, 0.5);
    let (auc, _, _) = train::ranking(model, examples, labels);
    (f.f1, f.macro_f1, auc)
}

/// Reads (id, text with whitespace collapsed, label) rows; the label is "yes" or "1".
fn read(path: &Path, delimiter: u8, columns: [&str; 3]) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(delimiter != b'\t')
        .flexible(true)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().expect("a header").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{}: no column {name}", path.display()))
    };
    let (id, text, label) = (col(columns[0]), col(columns[1]), col(columns[2]));
    reader
        .records()
        .map(|r| {
            let r = r.expect("a readable row");
            let words: Vec<&str> = r.get(text).unwrap_or("").split_whitespace().collect();
            let l = r.get(label).unwrap_or("").trim();
            (
                r.get(id)
                    .unwrap_or("")
                    .trim()
                    .parse()
                    .expect("a numeric id"),
                words.join(" "),
                l.eq_ignore_ascii_case("yes") || l == "1",
            )
        })
        .collect()
}
