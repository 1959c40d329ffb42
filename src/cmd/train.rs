//! `claimledger train-checkworthiness`: trains the check-worthiness model, from the shared
//! sets (the model that ships in the binary) or from a ledger's own triage (stored in it).

use crate::checkworthy::train::{self, Example, Figures, Settings};
use crate::checkworthy::{self, ClaimShape, Model, ModelInfo, features};
use crate::claim::Status;
use crate::cli::TrainArgs;
use crate::extract::{Lang, Lexicon, detect_language};
use crate::store::{Ledger, ScoredClaim, StoredModel};
use anyhow::{Context, bail};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// Fewer triaged claims than this teach a model nothing reliable.
pub const MIN_LABELLED: usize = 50;

/// The sets in the shared folder.
const EN_TRAIN: &str = "ct24-en-train.tsv";
const EN_DEV: &str = "ct24-en-dev.tsv";
const DE_ALL: &str = "germeval21-de-train.csv";

/// Loads the model a ledger scores with: its own newest one, if it has one.
pub fn ledger_model(ledger: &Ledger) -> anyhow::Result<Option<Arc<Model>>> {
    let Some(stored) = ledger.latest_model()? else {
        return Ok(None);
    };
    let model = Model::from_bytes(&stored.bytes).map_err(|e| {
        anyhow::anyhow!(
            "the ledger's check-worthiness model cannot be read ({e}): train it again with train-checkworthiness --from-ledger"
        )
    })?;
    Ok(Some(Arc::new(model)))
}

fn settings(args: &TrainArgs) -> Settings {
    Settings {
        epochs: args.epochs,
        rate: args.rate,
        l2_ngrams: args.l2_ngrams,
        l2_structure: args.l2_structure,
        ..Settings::default()
    }
}

/// Reads CheckThat! TSV rows (Text, class_label Yes/No), whitespace collapsed as the scorer does.
fn read_checkthat(path: &Path) -> anyhow::Result<Vec<(String, bool)>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let headers = reader.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("{}: no column {name}", path.display()))
    };
    let (text, label) = (col("Text")?, col("class_label")?);
    let mut rows = Vec::new();
    for record in reader.records() {
        let r = record.with_context(|| path.display().to_string())?;
        let words: Vec<&str> = r.get(text).unwrap_or("").split_whitespace().collect();
        let yes = r
            .get(label)
            .unwrap_or("")
            .trim()
            .eq_ignore_ascii_case("yes");
        rows.push((words.join(" "), yes));
    }
    Ok(rows)
}

/// Reads GermEval 2021 rows split into (train, dev): the comments whose id is divisible by 5
/// are the dev fifth.
type Split = (Vec<(String, bool)>, Vec<(String, bool)>);
fn read_germeval(path: &Path) -> anyhow::Result<Split> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let headers = reader.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("{}: no column {name}", path.display()))
    };
    let (id, text, label) = (
        col("comment_id")?,
        col("comment_text")?,
        col("Sub3_FactClaiming")?,
    );
    let (mut train, mut dev) = (Vec::new(), Vec::new());
    for record in reader.records() {
        let r = record.with_context(|| path.display().to_string())?;
        let words: Vec<&str> = r.get(text).unwrap_or("").split_whitespace().collect();
        let row = (words.join(" "), r.get(label).unwrap_or("").trim() == "1");
        let k: u64 = r.get(id).unwrap_or("").trim().parse().with_context(|| {
            format!(
                "{}: comment_id '{}' is not a number",
                path.display(),
                r.get(id).unwrap_or("")
            )
        })?;
        if k.is_multiple_of(5) {
            dev.push(row)
        } else {
            train.push(row)
        }
    }
    Ok((train, dev))
}

fn labels(rows: &[(String, bool)]) -> Vec<bool> {
    rows.iter().map(|r| r.1).collect()
}

/// Trains the shipped model from the shared sets and writes it to `--output`.
pub fn from_data(args: TrainArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let dir = args
        .data
        .clone()
        .unwrap_or_else(|| "../shared/eval/checkworthy".into());
    let output = args.output.clone().ok_or_else(|| {
        super::UsageError("train-checkworthiness needs --output FILE (or --from-ledger)".into())
    })?;
    let en_train = read_checkthat(&dir.join(EN_TRAIN))?;
    let en_dev = read_checkthat(&dir.join(EN_DEV))?;
    let (de_train, de_dev) = read_germeval(&dir.join(DE_ALL))?;
    let mut examples =
        train::examples_from_texts(&en_train, Lang::En, args.weight_en, args.share_power, 0);
    examples.extend(train::examples_from_texts(
        &de_train,
        Lang::De,
        args.weight_de,
        args.share_power,
        en_train.len(),
    ));
    let en_dev_ex = train::examples_from_texts(&en_dev, Lang::En, 1.0, 0.0, 0);
    let de_dev_ex = train::examples_from_texts(&de_dev, Lang::De, 1.0, 0.0, 0);
    let featurised = started.elapsed().as_secs_f64();
    let weights = train::train(&examples, &settings(&args), None);
    let mut model = Model {
        info: ModelInfo::default(),
        weights,
    };
    let en = train::evaluate(&model, &en_dev_ex, &labels(&en_dev), 0.5);
    let de = train::evaluate(&model, &de_dev_ex, &labels(&de_dev), 0.5);
    model.info = ModelInfo {
        name: "built-in".into(),
        trained_at: chrono::Utc::now().format("%Y-%m-%d").to_string(),
        data: vec![
            format!(
                "CheckThat! 2024 task 1 English train ({} sentences)",
                en_train.len()
            ),
            format!(
                "GermEval 2021 Sub3 fact-claiming, comments whose id is not divisible by 5 ({})",
                de_train.len()
            ),
        ],
        figures: vec![
            ("en_dev_f1".into(), round3(en.f1)),
            ("en_dev_precision".into(), round3(en.precision)),
            ("en_dev_recall".into(), round3(en.recall)),
            ("de_dev_macro_f1".into(), round3(de.macro_f1)),
            ("de_dev_f1".into(), round3(de.f1)),
        ],
    };
    let bytes = model.to_bytes();
    std::fs::write(&output, &bytes)
        .with_context(|| format!("{}: cannot write the model", output.display()))?;
    report("CheckThat! 2024 en dev", en);
    report("GermEval 2021 de dev fifth", de);
    eprintln!(
        "{} examples from {} texts; features {:.1} s, total {:.1} s; model {} bytes: {}",
        examples.len(),
        en_train.len() + de_train.len(),
        featurised,
        started.elapsed().as_secs_f64(),
        bytes.len(),
        output.display()
    );
    Ok(())
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn report(set: &str, f: Figures) {
    crate::say!(
        "{set}: precision {:.3} recall {:.3} F1(yes) {:.3} macro-F1 {:.3}",
        f.precision,
        f.recall,
        f.f1,
        f.macro_f1
    )
    .ok();
}

/// The lexicon of a stored claim: its source's language, else the one its words look like.
fn lexicon_of(claim: &ScoredClaim) -> &'static Lexicon {
    let lang = claim
        .language
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_else(|| detect_language(&claim.text));
    Lexicon::get(lang)
}

fn shape(claim: &ScoredClaim) -> ClaimShape<'_> {
    ClaimShape {
        text: &claim.text,
        mode: claim.mode,
        stance: claim.stance,
        cue: claim.cue.as_deref(),
        speakers: &claim.speakers,
        tokens: None,
    }
}

/// Trains a correction of the embedded model on the ledger's triage (in review or a verdict:
/// worth checking; dismissed: not), stores it and rescores the ledger's claims with it.
pub fn from_ledger(mut ledger: Ledger, args: TrainArgs) -> anyhow::Result<()> {
    let claims = ledger.claims_for_scoring()?;
    let label = |s: Status| match s {
        Status::Dismissed => Some(false),
        Status::InReview => Some(true),
        s if s.is_verdict() => Some(true),
        _ => None,
    };
    let mut examples: Vec<Example> = Vec::new();
    for c in &claims {
        if let Some(positive) = label(c.status) {
            let k = examples.len();
            examples.push(Example {
                features: features::features(&shape(c), lexicon_of(c)),
                positive,
                weight: 1.0,
                text: k,
            });
        }
    }
    let n = examples.len();
    if n < MIN_LABELLED {
        bail!(
            "only {n} claims are triaged (in review, with a verdict, or dismissed); training needs at least {MIN_LABELLED}: review or dismiss more claims, then train again"
        );
    }
    let positives = examples.iter().filter(|e| e.positive).count();
    let labels: Vec<bool> = examples.iter().map(|e| e.positive).collect();
    let base = checkworthy::embedded();
    let before = train::evaluate(base, &examples, &labels, 0.5);
    let settings = Settings {
        epochs: args.epochs.max(20),
        ..settings(&args)
    };
    let weights = train::train(&examples, &settings, Some(base));
    let mut model = Model {
        info: ModelInfo::default(),
        weights,
    };
    let after = train::evaluate(&model, &examples, &labels, 0.5);
    let trained_at = crate::store::now();
    model.info = ModelInfo {
        name: "ledger".into(),
        trained_at: trained_at.clone(),
        data: vec![
            format!("the built-in model, trained {}", base.info.trained_at),
            format!("{n} triaged claims of this ledger ({positives} worth checking)"),
        ],
        figures: vec![
            ("triaged_f1_before".into(), round3(before.f1)),
            ("triaged_f1_after".into(), round3(after.f1)),
        ],
    };
    let scores: Vec<(i64, f64)> = claims
        .iter()
        .map(|c| (c.id, model.score(&shape(c), lexicon_of(c))))
        .collect();
    let stored = StoredModel {
        trained_at,
        labelled: n as i64,
        positives: positives as i64,
        info: serde_json::to_string(&model.info)?,
        bytes: model.to_bytes(),
    };
    ledger.store_model(&stored, &scores)?;
    crate::say!(
        "trained on {n} triaged claims ({positives} worth checking, {} dismissed): F1 on them {:.3} with the built-in model, {:.3} now; {} claims rescored",
        n - positives,
        before.f1,
        after.f1,
        scores.len()
    )?;
    super::wrote_to(&ledger);
    Ok(())
}
