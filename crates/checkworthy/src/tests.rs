use super::train::{Example, Settings, train};
use super::*;
use crate::claim::{Mode, SpeakerKind, Stance};
use crate::extract::Lang;

fn shape(text: &str) -> ClaimShape<'_> {
    ClaimShape {
        text,
        mode: Mode::None,
        stance: Stance::Assert,
        cue: None,
        speakers: &[],
        tokens: None,
    }
}

#[test]
fn embedded_model_loads_and_scores_a_fixed_sentence() {
    let model = embedded();
    assert_eq!(model.info.name, "built-in");
    let lex = Lexicon::get(Lang::En);
    let fact = model.score(
        &shape("Unemployment in Ohio rose by 4 percent in 2023, more than in 2022"),
        lex,
    );
    // Pinned: retraining the shipped model changes this value, on purpose only.
    assert_eq!((fact * 1000.0).round() / 1000.0, 0.977, "{fact}");
    let chat = model.score(&shape("I think that is great, thanks so much"), lex);
    assert!(chat < 0.5 && fact > 0.5, "{chat} {fact}");
}

#[test]
fn structure_counts_for_a_language_without_training_data() {
    // French has no training set: the shared structural weights still rank a sentence full
    // of figures above small talk.
    let lex = Lexicon::get(Lang::Fr);
    let fact = embedded().score(
        &shape("Le chômage a augmenté de 4 pourcent en 2023, plus qu'en 2022"),
        lex,
    );
    let chat = embedded().score(&shape("Je pense que c'est super, merci beaucoup"), lex);
    assert!(fact > chat, "{fact} {chat}");
}

#[test]
fn model_bytes_round_trip_and_bad_files_are_refused() {
    let model = embedded();
    let bytes = model.to_bytes();
    let back = Model::from_bytes(&bytes).unwrap();
    assert_eq!(back.info, model.info);
    assert_eq!(back.weights, model.weights);
    assert_eq!(back.lines, model.lines);
    assert!(Model::from_bytes(b"not a model").is_err());
    assert!(Model::from_bytes(&bytes[..bytes.len() - 4]).is_err());
    // The shipped model has weights for lines (format 2); a model without them (a ledger's)
    // is written in format 1, read back without them, and scores lines with its claim weights.
    assert_eq!(&bytes[4..8], &2u32.to_le_bytes());
    let lines = model
        .lines
        .as_ref()
        .expect("the shipped model has line weights");
    assert_ne!(lines, &model.weights);
    assert_eq!(&embedded_for_lines().weights, lines);
    let one = Model {
        lines: None,
        ..model.clone()
    };
    let bytes = one.to_bytes();
    assert_eq!(&bytes[4..8], &1u32.to_le_bytes());
    let back = Model::from_bytes(&bytes).unwrap();
    assert_eq!(back.lines, None);
    assert_eq!(back.for_lines().weights, model.weights);
    // Format 1 with a second set of weights appended, or format 3, is refused.
    let mut extra = bytes.clone();
    extra.extend_from_slice(&lines_bytes(lines));
    assert!(Model::from_bytes(&extra).is_err());
    extra[4..8].copy_from_slice(&3u32.to_le_bytes());
    assert!(Model::from_bytes(&extra).is_err());
}

fn lines_bytes(weights: &[f32]) -> Vec<u8> {
    weights.iter().flat_map(|w| w.to_le_bytes()).collect()
}

#[test]
fn a_comment_is_scored_with_the_line_weights() {
    // The line weights learnt from German comments read whole: a comment that claims a fact
    // in a question ranks above one of insults, with both sets of weights, and the two sets
    // give different scores (articles keep the claim weights).
    let lex = Lexicon::get(Lang::De);
    let fact =
        shape("Wussten Sie, dass die Mieten in Berlin seit 2010 um 80 Prozent gestiegen sind?");
    let rant = shape("So ein dummer Kommentar, gehen Sie doch offline!");
    let lines = embedded_for_lines();
    assert!(lines.score(&fact, lex) > lines.score(&rant, lex));
    assert!(embedded().score(&fact, lex) > embedded().score(&rant, lex));
    assert_ne!(lines.score(&fact, lex), embedded().score(&fact, lex));
}

#[test]
fn features_see_structure_and_speakers() {
    let lex = Lexicon::get(Lang::En);
    let plain = features::features(&shape("The minister visited the port"), lex);
    let kinds = [SpeakerKind::Person];
    let quoted = features::features(
        &ClaimShape {
            mode: Mode::Direct,
            cue: Some("said"),
            speakers: &kinds,
            tokens: None,
            ..shape("The minister visited the port")
        },
        lex,
    );
    assert!(quoted.len() > plain.len());
    let norm: f32 = plain.iter().map(|f| f.1 * f.1).sum();
    assert!((norm - 1.0).abs() < 1e-4, "{norm}");
}

/// One training example per labelled text, each text its own group.
fn labelled_examples(texts: &[(&str, bool)], lex: &Lexicon) -> Vec<Example> {
    texts
        .iter()
        .enumerate()
        .map(|(k, (t, y))| Example {
            features: features::features(&shape(t), lex),
            positive: *y,
            weight: 1.0,
            text: k,
        })
        .collect()
}

#[test]
fn training_is_deterministic_and_learns() {
    let lex = Lexicon::get(Lang::En);
    let texts = [
        ("Taxes rose by 12 percent in 2021", true),
        ("Crime fell 30 percent last year", true),
        ("Thank you all for coming tonight", false),
        ("I love this wonderful crowd", false),
    ];
    let examples = labelled_examples(&texts, lex);
    let settings = Settings::default();
    let a = train(&examples, &settings, None);
    let b = train(&examples, &settings, None);
    assert_eq!(a, b);
    let model = Model {
        info: ModelInfo::default(),
        weights: a,
        lines: None,
    };
    let p = |t| model.score(&shape(t), lex);
    assert!(p("Taxes rose by 12 percent in 2021") > 0.5);
    assert!(p("Thank you all for coming tonight") < 0.5);
}

#[test]
fn a_line_is_also_read_whole() {
    use crate::extract::{Options, extract};
    let opts = Options {
        lang: Some(Lang::De),
        has_title: false,
    };
    let lex = Lexicon::get(Lang::De);
    let line = "  Wer zahlt denn die Steuern für all das? Ist das nicht unser Geld?";
    let whole = (score(&line_shape(line), lex, None) * 1000.0).round() / 1000.0;
    // Questions are no claims of their own: the line has none, and becomes one.
    let mut claims = extract(line.to_string(), &opts).claims;
    assert!(claims.is_empty(), "{claims:?}");
    read_line_whole(line, &mut claims, lex, None, 0.0);
    let [claim] = claims.as_slice() else {
        panic!("{claims:?}")
    };
    assert_eq!(claim.text, line.trim());
    assert_eq!(&line[claim.start..claim.end], claim.text);
    assert_eq!((claim.mode, claim.checkworthiness), (Mode::None, whole));
    // Not below the threshold.
    let mut claims = Vec::new();
    read_line_whole(line, &mut claims, lex, None, whole + 0.001);
    assert!(claims.is_empty());
    // A line with claims keeps them; its best claim carries the line's score when higher.
    let reported = "Der Minister sagte, die Steuern seien gestiegen. Das ist doch gelogen, oder?";
    let mut claims = extract(reported.to_string(), &opts).claims;
    assert!(!claims.is_empty());
    let before = claims.clone();
    let whole = (score(&line_shape(reported), lex, None) * 1000.0).round() / 1000.0;
    read_line_whole(reported, &mut claims, lex, None, 0.0);
    assert_eq!(claims.len(), before.len());
    let best = |c: &[crate::claim::Claim]| c.iter().map(|c| c.checkworthiness).fold(0.0, f64::max);
    assert_eq!(best(&claims), best(&before).max(whole));
    assert!(
        claims
            .iter()
            .zip(&before)
            .all(|(a, b)| a.text == b.text && a.speakers == b.speakers)
    );
    // A claim that is the whole line is not read again.
    let mut claims = before.clone();
    claims[0].text = reported.to_string();
    read_line_whole(reported, &mut claims, lex, None, 0.0);
    assert_eq!(claims, {
        let mut c = before.clone();
        c[0].text = reported.to_string();
        c
    });
}

#[test]
fn averaged_training_is_reproducible_and_ratios_favour_telling_ngrams() {
    use super::train::{log_count_ratios, train_averaged};
    let lex = Lexicon::get(Lang::En);
    let texts = [
        ("Unemployment fell by 3 percent last year", true),
        ("Unemployment rose to 9 percent in 2020", true),
        ("What a wonderful evening with you all", false),
        ("Thank you, it is wonderful to be here", false),
    ];
    let examples = labelled_examples(&texts, lex);
    let settings = Settings::default();
    let a = train_averaged(&examples, &settings, 3);
    assert_eq!(a, train_averaged(&examples, &settings, 3));
    // One seed is the plain model; three are not the same model.
    assert_eq!(
        train_averaged(&examples, &settings, 1),
        train(&examples, &settings, None)
    );
    assert_ne!(a, train(&examples, &settings, None));
    // "unemployment" and "percent" are in both positives only: at strength 0 nothing is
    // scaled; at 1 such n-grams weigh more than 1, and the structural slots stay at 1.
    assert!(log_count_ratios(&examples, 0.0).iter().all(|&s| s == 1.0));
    let ratios = log_count_ratios(&examples, 1.0);
    let structural = &ratios[..features::STRUCT_SIZE as usize];
    assert!(structural.iter().all(|&s| s == 1.0));
    let scaled: Vec<f32> = examples[0]
        .features
        .iter()
        .filter(|f| f.0 >= features::STRUCT_SIZE)
        .map(|f| ratios[f.0 as usize])
        .collect();
    // The n-grams the first text shares with the second positive and with no negative
    // (ln 3 against an n-gram of one text) weigh more than plain ones.
    let top = scaled.iter().cloned().fold(0.0f32, f32::max);
    assert!(top > 1.0, "{top}");
}

fn candidates(lang: Lang, body: &str) -> crate::claim::Article {
    use crate::extract::{Options, extract};
    let opts = Options {
        lang: Some(lang),
        has_title: true,
    };
    extract(format!("A title for the test\n\n{body}\n"), &opts)
}

#[test]
fn selection_drops_only_own_statements_below_the_threshold() {
    use crate::extract::is_own_statement;
    let article = candidates(
        Lang::En,
        "The mayor said that taxes rose by 12 percent in 2021. We thank all our guests for a \
         lovely evening in the garden.",
    );
    let own = article
        .claims
        .iter()
        .filter(|c| is_own_statement(c))
        .count();
    let attributed = article.claims.len() - own;
    assert!(own >= 1 && attributed >= 1, "{:?}", article.claims);
    // Extraction keeps every candidate, whatever the model would say.
    let mut all = article.clone();
    score_and_select(&mut all, None, 0.0);
    assert_eq!(all.claims.len(), article.claims.len());
    let mut none = article.clone();
    score_and_select(&mut none, None, 1.01);
    assert_eq!(none.claims.len(), attributed);
    assert!(none.claims.iter().all(|c| !is_own_statement(c)));
}

#[test]
fn a_quotation_continued_after_its_frame_is_scored_whole() {
    let mut article = candidates(
        Lang::En,
        "\"Taxes rose by 12 percent in 2021,\" the mayor said. \"Prices will fall again next \
         year.\"",
    );
    score_and_select(&mut article, None, 0.5);
    let [claim] = article.claims.as_slice() else {
        panic!("{:?}", article.claims)
    };
    assert!(claim.text.ends_with("next year.\""), "{claim:?}");
    let kinds: Vec<SpeakerKind> = claim.speakers.iter().map(|s| s.kind).collect();
    let whole = ClaimShape {
        text: &claim.text,
        mode: claim.mode,
        stance: claim.stance,
        cue: claim.cue.as_ref().map(|c| c.text.as_str()),
        speakers: &kinds,
        tokens: None,
    };
    let lex = Lexicon::get(Lang::En);
    let want = (score(&whole, lex, None) * 1000.0).round() / 1000.0;
    assert_eq!(claim.checkworthiness, want);
}
