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
    assert_eq!((fact * 1000.0).round() / 1000.0, 0.984, "{fact}");
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
    assert!(Model::from_bytes(b"not a model").is_err());
    assert!(Model::from_bytes(&bytes[..bytes.len() - 4]).is_err());
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

#[test]
fn training_is_deterministic_and_learns() {
    let lex = Lexicon::get(Lang::En);
    let texts = [
        ("Taxes rose by 12 percent in 2021", true),
        ("Crime fell 30 percent last year", true),
        ("Thank you all for coming tonight", false),
        ("I love this wonderful crowd", false),
    ];
    let examples: Vec<Example> = texts
        .iter()
        .enumerate()
        .map(|(k, (t, y))| Example {
            features: features::features(&shape(t), lex),
            positive: *y,
            weight: 1.0,
            text: k,
        })
        .collect();
    let settings = Settings::default();
    let a = train(&examples, &settings, None);
    let b = train(&examples, &settings, None);
    assert_eq!(a, b);
    let model = Model {
        info: ModelInfo::default(),
        weights: a,
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
        min_checkworthiness: 0.0,
        has_title: false,
        model: None,
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
