//! French table tests: the proof that adding a language is adding a lexicon file. Everything
//! French the extractor knows comes from `lexicon/fr.txt`; these sentences were written for the
//! project (invented people and places, wire style).
//!
//! `french_patterns` must pass. `french_known_gaps` (ignored) holds constructions that need a
//! change in the Rust rules, not in the lexicon; each row says what goes wrong and what would
//! fix it. Rows move from the gaps to the patterns when the fix lands; rows are never deleted.

use super::*;
use crate::claim::{Mode, Stance};

/// One sentence (after an optional context that names an earlier speaker) and the single
/// attributed claim expected from that sentence.
struct Case {
    name: &'static str,
    /// Sentences before the one under test (for pronoun continuation); may be empty.
    context: &'static str,
    body: &'static str,
    text: &'static str,
    speakers: &'static [&'static str],
    mode: Mode,
    stance: Stance,
}

fn run(context: &str, body: &str) -> (Article, usize) {
    let head = "Un titre pour le test\n\n";
    let lead = if context.is_empty() {
        String::new()
    } else {
        format!("{context} ")
    };
    let text = format!("{head}{lead}{body}\n");
    let offset = head.len() + lead.len();
    let opts = Options {
        lang: Some(Lang::Fr),
        has_title: true,
    };
    (extract(text, &opts), offset)
}

/// A speaker name without a leading article. `speakers::describe` strips only the German and
/// English articles it holds in a constant, so "Le ministère" keeps its "Le" today; the gold
/// names here are written without the article, as in the German and English tables, and the
/// exact names are pinned in `french_known_gaps` (row "article stays in the name").
fn without_article(name: &str) -> String {
    let lex = Lexicon::get(Lang::Fr);
    match name.split_once(' ') {
        Some((first, rest)) if lex.determiners.contains(&first.to_lowercase()) => rest.into(),
        _ => name.to_string(),
    }
}

/// The attributed claims that start in the sentence under test (at or after `offset`).
fn attributed_from(article: &Article, offset: usize) -> Vec<(String, Vec<String>, Mode, Stance)> {
    article
        .claims
        .iter()
        .filter(|c| c.mode != Mode::None && c.start >= offset)
        .map(|c| {
            let names = c
                .speakers
                .iter()
                .map(|s| without_article(&s.name))
                .collect();
            (c.text.clone(), names, c.mode, c.stance)
        })
        .collect()
}

/// Runs a table; returns the names of the failing rows with what came out.
fn failures(cases: &[Case]) -> Vec<String> {
    let mut failed = Vec::new();
    for case in cases {
        let (article, offset) = run(case.context, case.body);
        let got = attributed_from(&article, offset);
        let want = vec![(
            case.text.to_string(),
            case.speakers.iter().map(|s| s.to_string()).collect(),
            case.mode,
            case.stance,
        )];
        if got != want {
            failed.push(format!(
                "{}: {:?}\n  want {want:?}\n  got  {got:?}",
                case.name, case.body
            ));
        }
    }
    failed
}

#[test]
fn french_patterns() {
    use Mode::{Direct, Indirect, Reported};
    use Stance::*;
    let cases = [
        // Indirect speech with "que" (kept in the message: complementizer_in_message).
        Case {
            name: "role before name, a affirmé que",
            context: "",
            body: "La porte-parole Claire Maubert a affirmé que les travaux avaient coûté 12 millions d'euros.",
            text: "que les travaux avaient coûté 12 millions d'euros",
            speakers: &["Claire Maubert"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "name with apposition",
            context: "",
            body: "Hélène Rouvier, maire de Montclar, a déclaré que le pont serait rouvert en juin.",
            text: "que le pont serait rouvert en juin",
            speakers: &["Hélène Rouvier"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "ministry with a capitalised complement",
            context: "",
            body: "Le ministère de la Santé a annoncé que 30 hôpitaux seraient rénovés.",
            text: "que 30 hôpitaux seraient rénovés",
            speakers: &["ministère de la Santé"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "plural group, ont indiqué",
            context: "",
            body: "Les enquêteurs ont indiqué que l'incendie était d'origine criminelle.",
            text: "que l'incendie était d'origine criminelle",
            speakers: &["enquêteurs"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "elided qu' stays in the message",
            context: "",
            body: "L'ancien ministre Robert Jalabert a déclaré qu'il ne serait pas candidat en 2027.",
            text: "qu'il ne serait pas candidat en 2027",
            speakers: &["Robert Jalabert"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "hearer between verb and que",
            context: "",
            body: "Le ministre a dit aux journalistes que la décision serait prise en juin.",
            text: "que la décision serait prise en juin",
            speakers: &["ministre"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "time and hearer between verb and que",
            context: "",
            body: "La préfète Anne Roussel a déclaré lundi à la presse que 12 personnes avaient été évacuées.",
            text: "que 12 personnes avaient été évacuées",
            speakers: &["Anne Roussel"],
            mode: Indirect,
            stance: Assert,
        },
        // Prepositional frames.
        Case {
            name: "selon before",
            context: "",
            body: "Selon la préfecture, la crue a touché 40 communes.",
            text: "la crue a touché 40 communes",
            speakers: &["préfecture"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "selon after",
            context: "",
            body: "Le budget sera présenté en octobre, selon le gouvernement.",
            text: "Le budget sera présenté en octobre",
            speakers: &["gouvernement"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "selon a person",
            context: "",
            body: "Selon Paul Vasseur, le déficit atteindra 5 % en 2026.",
            text: "le déficit atteindra 5 % en 2026",
            speakers: &["Paul Vasseur"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "d'après with organisation noun before the name",
            context: "",
            body: "D'après le syndicat Force Rurale, les salaires ont baissé de 3 % en deux ans.",
            text: "les salaires ont baissé de 3 % en deux ans",
            speakers: &["Force Rurale"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "d'après",
            context: "",
            body: "D'après la préfecture, 200 personnes ont été évacuées.",
            text: "200 personnes ont été évacuées",
            speakers: &["préfecture"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "de l'avis de",
            context: "",
            body: "De l'avis de plusieurs experts, le projet coûtera deux fois plus que prévu.",
            text: "le projet coûtera deux fois plus que prévu",
            speakers: &["plusieurs experts"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "aux dires de",
            context: "",
            body: "Aux dires des témoins, l'incendie a débuté vers minuit dans l'entrepôt.",
            text: "l'incendie a débuté vers minuit dans l'entrepôt",
            speakers: &["témoins"],
            mode: Indirect,
            stance: Assert,
        },
        // Inverted frames after the content.
        Case {
            name: "inverted présent, organisation",
            context: "",
            body: "Le port restera fermé jusqu'à vendredi, indique la capitainerie.",
            text: "Le port restera fermé jusqu'à vendredi",
            speakers: &["capitainerie"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "inverted présent, name and apposition",
            context: "",
            body: "Le port restera fermé jusqu'à vendredi, déclare Paul Lemoine, directeur du port.",
            text: "Le port restera fermé jusqu'à vendredi",
            speakers: &["Paul Lemoine"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "guillemets, inverted présent",
            context: "",
            body: "« La situation est grave », déclare le ministre Paul Vasseur.",
            text: "« La situation est grave »",
            speakers: &["Paul Vasseur"],
            mode: Direct,
            stance: Assert,
        },
        Case {
            name: "guillemets, inverted passé simple",
            context: "",
            body: "« La ligne sera rouverte », déclara le ministre Paul Vasseur.",
            text: "« La ligne sera rouverte »",
            speakers: &["Paul Vasseur"],
            mode: Direct,
            stance: Assert,
        },
        Case {
            name: "colon then guillemets",
            context: "",
            body: "Le ministre a déclaré : « Nous ne reculerons pas. »",
            text: "« Nous ne reculerons pas. »",
            speakers: &["ministre"],
            mode: Direct,
            stance: Assert,
        },
        // Pronoun continuation.
        Case {
            name: "a-t-il déclaré resolves to the last person",
            context: "Le boulanger Yves Carrel a affirmé que ses ventes avaient chuté de moitié.",
            body: "« Nous avons perdu la moitié de nos clients », a-t-il déclaré.",
            text: "« Nous avons perdu la moitié de nos clients »",
            speakers: &["Yves Carrel"],
            mode: Direct,
            stance: Assert,
        },
        Case {
            name: "a-t-elle ajouté resolves to the last person",
            context: "La juge Sabine Lortie a indiqué que l'enquête avançait.",
            body: "« Le dossier sera clos en mars », a-t-elle ajouté.",
            text: "« Le dossier sera clos en mars »",
            speakers: &["Sabine Lortie"],
            mode: Direct,
            stance: Assert,
        },
        Case {
            name: "il a ajouté que",
            context: "Le ministre Paul Vasseur a déclaré que la réforme serait votée en mai.",
            body: "Il a ajouté que les retraites ne baisseraient pas.",
            text: "que les retraites ne baisseraient pas",
            speakers: &["Paul Vasseur"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "selon elle",
            context: "La ministre Odile Varenne a déclaré que l'hôpital resterait ouvert.",
            body: "Selon elle, 40 lits seront ajoutés.",
            text: "40 lits seront ajoutés",
            speakers: &["Odile Varenne"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "selon eux",
            context: "Les médecins ont averti que les urgences fermeraient la nuit.",
            body: "Selon eux, 30 postes sont vacants.",
            text: "30 postes sont vacants",
            speakers: &["médecins"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "conditional of unconfirmed information continues the source",
            context: "Selon la gendarmerie, le suspect a pris la fuite à pied.",
            body: "Il aurait été aperçu près de la gare de Lunel.",
            text: "Il aurait été aperçu près de la gare de Lunel",
            speakers: &["gendarmerie"],
            mode: Indirect,
            stance: Assert,
        },
        // Stances.
        Case {
            name: "deny: a nié que",
            context: "",
            body: "Le député Julien Caradec a nié que sa campagne ait reçu de l'argent.",
            text: "que sa campagne ait reçu de l'argent",
            speakers: &["Julien Caradec"],
            mode: Indirect,
            stance: Deny,
        },
        Case {
            name: "deny: a démenti que",
            context: "",
            body: "La police a démenti que des tirs aient eu lieu près de la gare.",
            text: "que des tirs aient eu lieu près de la gare",
            speakers: &["police"],
            mode: Indirect,
            stance: Deny,
        },
        Case {
            name: "deny: a contesté que",
            context: "",
            body: "L'entreprise Vantex a contesté que ses camions aient pollué la rivière.",
            text: "que ses camions aient pollué la rivière",
            speakers: &["Vantex"],
            mode: Indirect,
            stance: Deny,
        },
        Case {
            name: "deny: nie with a noun object is reported",
            context: "",
            body: "La société Vantex nie toute pollution de la rivière depuis 2019.",
            text: "La société Vantex nie toute pollution de la rivière depuis 2019",
            speakers: &["Vantex"],
            mode: Reported,
            stance: Deny,
        },
        Case {
            name: "warn: a averti que",
            context: "",
            body: "Le syndicat a averti que les hôpitaux manqueraient de personnel cet hiver.",
            text: "que les hôpitaux manqueraient de personnel cet hiver",
            speakers: &["syndicat"],
            mode: Indirect,
            stance: Warn,
        },
        Case {
            name: "warn: a prévenu que",
            context: "",
            body: "Le ministre Paul Vasseur a prévenu que les impôts augmenteraient en 2027.",
            text: "que les impôts augmenteraient en 2027",
            speakers: &["Paul Vasseur"],
            mode: Indirect,
            stance: Warn,
        },
        Case {
            name: "warn: craint que",
            context: "",
            body: "Le directeur Alain Ferrand craint que l'usine ferme avant la fin de l'année.",
            text: "que l'usine ferme avant la fin de l'année",
            speakers: &["Alain Ferrand"],
            mode: Indirect,
            stance: Warn,
        },
        Case {
            name: "warn: a mis en garde contre",
            context: "",
            body: "Le syndicat a mis en garde contre une pénurie de médecins dans la région.",
            text: "Le syndicat a mis en garde contre une pénurie de médecins dans la région",
            speakers: &["syndicat"],
            mode: Reported,
            stance: Warn,
        },
        Case {
            name: "demand: a réclamé que",
            context: "",
            body: "La maire Hélène Rouvier a réclamé que l'État paie la réparation du pont.",
            text: "que l'État paie la réparation du pont",
            speakers: &["Hélène Rouvier"],
            mode: Indirect,
            stance: Demand,
        },
        Case {
            name: "demand: a appelé … à",
            context: "",
            body: "Le collectif Eau Claire a appelé les habitants à boycotter le référendum.",
            text: "Le collectif Eau Claire a appelé les habitants à boycotter le référendum",
            speakers: &["Eau Claire"],
            mode: Reported,
            stance: Demand,
        },
        Case {
            name: "demand: first person in the quotation",
            context: "",
            body: "La porte-parole Claire Maubert a déclaré : « Nous exigeons la réouverture de la ligne. »",
            text: "« Nous exigeons la réouverture de la ligne. »",
            speakers: &["Claire Maubert"],
            mode: Direct,
            stance: Demand,
        },
        Case {
            name: "promise: avait promis que",
            context: "",
            body: "Le ministre Paul Vasseur avait promis que la taxe serait supprimée.",
            text: "que la taxe serait supprimée",
            speakers: &["Paul Vasseur"],
            mode: Indirect,
            stance: Promise,
        },
        Case {
            name: "promise: s'est engagé à",
            context: "",
            body: "Le maire Gilles Perrot s'est engagé à construire 200 logements sociaux.",
            text: "Le maire Gilles Perrot s'est engagé à construire 200 logements sociaux",
            speakers: &["Gilles Perrot"],
            mode: Reported,
            stance: Promise,
        },
        Case {
            name: "promise: nous allons in the quotation",
            context: "",
            body: "Le maire Gilles Perrot a déclaré : « Nous allons reconstruire l'école d'ici septembre. »",
            text: "« Nous allons reconstruire l'école d'ici septembre. »",
            speakers: &["Gilles Perrot"],
            mode: Direct,
            stance: Promise,
        },
        Case {
            name: "predict: prévoit que",
            context: "",
            body: "L'économiste Nadia Ferchaud prévoit que le chômage atteindra 9 % l'an prochain.",
            text: "que le chômage atteindra 9 % l'an prochain",
            speakers: &["Nadia Ferchaud"],
            mode: Indirect,
            stance: Predict,
        },
        Case {
            name: "predict: s'attend à ce que",
            context: "",
            body: "Le gouvernement s'attend à ce que la croissance ralentisse en 2026.",
            text: "que la croissance ralentisse en 2026",
            speakers: &["gouvernement"],
            mode: Indirect,
            stance: Predict,
        },
        Case {
            name: "believe: pense que",
            context: "",
            body: "Le médecin Karim Benali pense que l'épidémie ralentira au printemps.",
            text: "que l'épidémie ralentira au printemps",
            speakers: &["Karim Benali"],
            mode: Indirect,
            stance: Believe,
        },
        Case {
            name: "believe: espère que",
            context: "",
            body: "Le président Arnaud Tessier espère que les négociations aboutiront avant Noël.",
            text: "que les négociations aboutiront avant Noël",
            speakers: &["Arnaud Tessier"],
            mode: Indirect,
            stance: Believe,
        },
        Case {
            name: "believe: estime que",
            context: "",
            body: "L'avocat Bruno Téssier estime que son client est innocent.",
            text: "que son client est innocent",
            speakers: &["Bruno Téssier"],
            mode: Indirect,
            stance: Believe,
        },
        Case {
            name: "question: se demande si",
            context: "",
            body: "Le maire se demande si l'État versera les fonds promis.",
            text: "si l'État versera les fonds promis",
            speakers: &["maire"],
            mode: Indirect,
            stance: Question,
        },
        Case {
            name: "question: s'est demandé si (not a demand)",
            context: "",
            body: "Le sénateur Victor Amblard s'est demandé si la loi serait appliquée.",
            text: "si la loi serait appliquée",
            speakers: &["Victor Amblard"],
            mode: Indirect,
            stance: Question,
        },
        Case {
            name: "participle opener is no frame; estime que is",
            context: "",
            body: "Interrogé par France Info, le ministre a estimé que la crise était terminée.",
            text: "que la crise était terminée",
            speakers: &["ministre"],
            mode: Indirect,
            stance: Believe,
        },
        Case {
            name: "question: s'interroge sur",
            context: "",
            body: "L'opposition s'interroge sur le coût réel du projet de tramway.",
            text: "L'opposition s'interroge sur le coût réel du projet de tramway",
            speakers: &["opposition"],
            mode: Reported,
            stance: Question,
        },
        Case {
            name: "warn: redoutent with a noun object is reported",
            context: "",
            body: "Les experts redoutent une hausse des prix de l'énergie cet hiver.",
            text: "Les experts redoutent une hausse des prix de l'énergie cet hiver",
            speakers: &["experts"],
            mode: Reported,
            stance: Warn,
        },
    ];
    assert!(cases.len() >= 30);
    let failed = failures(&cases);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Sentences that must not be attributed to anybody.
#[test]
fn french_sentences_without_a_speaker() {
    let bodies = [
        // Refusals hold no claim.
        "Le porte-parole de la mairie a refusé de commenter l'enquête en cours.",
        "Contacté par notre rédaction, le directeur de l'usine n'a pas souhaité s'exprimer.",
        // A photo caption.
        "Photo : le pont de Montclar sous la neige en 2021.",
        // Ordinary verbs, not reporting verbs.
        "Le ministre a visité mardi une usine de 400 salariés à Lunel.",
        "Le village, appelé Montrose depuis 1850, compte 800 habitants.",
        "Le maire a signé mardi un contrat de 3 millions d'euros avec la société Vantex.",
        "Le parquet poursuit trois hommes pour une fraude de 2 millions d'euros.",
        "Le projet prévu en 2026 a été abandonné faute de budget.",
        "Le gouvernement a présenté mercredi son plan pour l'emploi, qui prévoit 2 milliards d'euros d'aides.",
        "Les pompiers ont été appelés vers 22 heures pour un feu de forêt près de Valcourt.",
        // A passive reporting verb names nobody.
        "Le changement de tarif a été annoncé en mars par courrier.",
    ];
    for body in bodies {
        let (article, offset) = run("", body);
        let got = attributed_from(&article, offset);
        assert!(got.is_empty(), "{body:?}: {got:?}");
    }
}

/// French typography: non-breaking spaces inside the guillemets; a quotation after an
/// attributed one is a claim of its own by the same speaker (`interrupted_quotes: no`).
#[test]
fn a_following_quotation_is_a_claim_of_the_same_speaker() {
    let body = "La préfète Anne Roussel a déclaré que la route était coupée. \
                «\u{a0}Nous resterons ouverts tout l'été\u{a0}», a-t-elle assuré. \
                «\u{a0}Personne ne partira.\u{a0}»";
    let (article, offset) = run("", body);
    let got = attributed_from(&article, offset);
    let who = vec!["Anne Roussel".to_string()];
    let want = vec![
        (
            "que la route était coupée".to_string(),
            who.clone(),
            Mode::Indirect,
            Stance::Assert,
        ),
        (
            "«\u{a0}Nous resterons ouverts tout l'été\u{a0}»".to_string(),
            who.clone(),
            Mode::Direct,
            Stance::Assert,
        ),
        (
            "«\u{a0}Personne ne partira.\u{a0}»".to_string(),
            who,
            Mode::Direct,
            Stance::Assert,
        ),
    ];
    assert_eq!(got, want);
}

/// Constructions that need a change in the Rust rules (none in the lexicon would do). Run with
/// `cargo test --release --lib french_known_gaps -- --ignored` to see which still fail.
#[test]
#[ignore = "known gaps: each row needs a code change named in its comment"]
fn french_known_gaps() {
    use Mode::{Direct, Indirect};
    use Stance::*;
    let cases = [
        // The subject clitic is fused into the verb token ("dit-il", "déclare-t-elle"), so
        // there is no token for the speaker. Fix: the tokenizer splits a final "-il", "-elle",
        // "-ils", "-elles", "-on" (and the euphonic "-t-") off a word, or inverted_speaker takes
        // a pronoun suffix of the cue token (matched against [pronouns]) as the speaker. Today
        // no frame is found and the sentence is taken as a continued quotation of the last
        // speaker, with ", dit-elle" left inside the claim.
        Case {
            name: "dit-elle",
            context: "La juge Sabine Lortie a indiqué que l'enquête avançait.",
            body: "« Le dossier sera clos en mars », dit-elle.",
            text: "« Le dossier sera clos en mars »",
            speakers: &["Sabine Lortie"],
            mode: Direct,
            stance: Assert,
        },
        // np::np_after lets a preposition continue a phrase only before a capitalised word
        // ("de la Santé"), which assumes capitalised nouns. Fix: without capitalised_nouns,
        // accept a lower-case noun (np_word, not a time word) after the article.
        Case {
            name: "lower-case complement before an apposition",
            context: "",
            body: "Le président de la région, Arnaud Tessier, a promis que la ligne serait rouverte en 2027.",
            text: "que la ligne serait rouverte en 2027",
            speakers: &["Arnaud Tessier"],
            mode: Indirect,
            stance: Promise,
        },
    ];
    let mut failed = failures(&cases);
    // An impersonal passive ("il est demandé de…", an instruction) is read as a demand by
    // "il", a person pronoun. Fix: with an impersonal-capable pronoun, "est"/"sont" right
    // before a reporting participle and no reflexive "se"/"s'" before them is a passive
    // (passive_aux looks only at the word before the cue, and "est" also forms "s'est dit").
    let body = "Il est demandé aux automobilistes de réduire leur vitesse sur l'autoroute A9.";
    let (article, offset) = run("", body);
    let got = attributed_from(&article, offset);
    if !got.is_empty() {
        failed.push(format!("impersonal passive attributed: {got:?}"));
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// detect_language reads the `detect` words and the `whatlang` code of every lexicon, so a
/// French paragraph is French (one used to come out German).
#[test]
fn french_is_detected() {
    let text = "Le ministre a déclaré lundi que la réforme des retraites serait votée avant \
                l'été et que les pensions ne baisseraient pas. Selon le gouvernement, le \
                déficit de la caisse atteint 3 milliards d'euros pour la première fois.";
    assert_eq!(detect_language(text), Lang::Fr);
}

#[test]
fn the_french_lexicon_has_what_the_table_relies_on() {
    let fr = Lexicon::get(Lang::Fr);
    assert_eq!(fr.cues["démenti"][0].stance, Stance::Deny);
    let reflexive = &fr.cues["se"];
    assert!(reflexive.iter().any(|e| e.words == ["se", "demande"]));
    assert!(reflexive.iter().all(|e| e.stance == Stance::Question));
    assert_eq!(fr.prep_before["d"][0].words, vec!["d", "'", "après"]);
    assert!(fr.person_pronouns.contains("a-t-il"));
    let g = fr.grammar;
    assert!(!g.verb_second && !g.capitalised_nouns && g.complementizer_in_message);
    assert!(!g.bare_content_clause && !g.separable_particles && !g.case_marked_articles);
    assert!(fr.is_role("porte-parole"));
    assert_eq!(
        fr.organisation_kind("ministère"),
        Some(crate::claim::SpeakerKind::Government)
    );
}

/// Gaps of the French table closed with general rules
/// (auxiliaries before an inverted participle, elided articles, a role with the name in
/// apposition, role complements, coordination, honorifics, articles and "et" from the lexicon).
#[test]
fn french_gaps_closed_in_round_two() {
    use Mode::{Direct, Indirect};
    use Stance::*;
    let cases = [
        // inverted::inverted_speaker looks for the speaker right after the cue's first word; with
        // an auxiliary between the comma and the participle ("…, a déclaré X") the comma is not
        // before the cue. Fix: accept a finite auxiliary (a new [inverted_aux] section: a ont
        // avait avaient aurait) between the comma and the cue, or write the cues "a+déclaré"
        // and start the speaker at `cue.last + 1` instead of `cue.first + 1`.
        Case {
            name: "inverted passé composé, name",
            context: "",
            body: "La ligne sera rouverte en mai, a affirmé le ministre Paul Vasseur.",
            text: "La ligne sera rouverte en mai",
            speakers: &["Paul Vasseur"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "inverted passé composé, guillemets, first-person demand",
            context: "",
            body: "« Nous exigeons que la ligne soit rouverte », a déclaré le collectif Rail Vivant.",
            text: "« Nous exigeons que la ligne soit rouverte »",
            speakers: &["Rail Vivant"],
            mode: Direct,
            stance: Demand,
        },
        // text::tokenize joins an apostrophe only before a capital letter or in English
        // contractions, so "l'institut" is l ' institut and the apostrophe (a Quote token) ends
        // the noun phrase. Fix: keep an elision (l' d' j' n' s' c' qu' jusqu' lorsqu') joined
        // with the next word, or let np_word accept an apostrophe between an elided article and
        // a word.
        Case {
            name: "elided article in the speaker phrase",
            context: "",
            body: "La récolte de blé a chuté de 20 %, selon l'institut Agrostat.",
            text: "La récolte de blé a chuté de 20 %",
            speakers: &["Agrostat"],
            mode: Indirect,
            stance: Assert,
        },
        // speakers::describe takes the head of "role, Name" as the name and the name as role
        // ("Le Premier ministre" / "Étienne Darcourt"); np.rs already knows this shape
        // (name_after_role). Fix: in describe, when the head is a role and the apposition is a
        // capitalised name, the apposition is the name and the head the role.
        Case {
            name: "role, then the name in apposition",
            context: "",
            body: "Le Premier ministre, Étienne Darcourt, a rappelé que le budget serait présenté en octobre.",
            text: "que le budget serait présenté en octobre",
            speakers: &["Étienne Darcourt"],
            mode: Indirect,
            stance: Assert,
        },
        // speakers::describe takes the capitalised word after "role de" as the name ("Les
        // habitants de Vauclair" → "Vauclair", role "Les habitants de"). Fix: a capitalised
        // word after a preposition that follows a role is the role's complement, not a name.
        Case {
            name: "role with a place complement",
            context: "",
            body: "Les habitants de Vauclair exigent que la route soit réparée avant l'hiver.",
            text: "que la route soit réparée avant l'hiver",
            speakers: &["habitants de Vauclair"],
            mode: Indirect,
            stance: Demand,
        },
        // speakers::split_coordinated splits at a constant list ("und", "and", "sowie"). Fix:
        // split at the lexicon's [coordinators].
        Case {
            name: "two speakers joined by et",
            context: "",
            body: "Le ministre Paul Vasseur et la maire Hélène Rouvier ont déclaré que le site serait dépollué avant 2028.",
            text: "que le site serait dépollué avant 2028",
            speakers: &["Paul Vasseur", "Hélène Rouvier"],
            mode: Indirect,
            stance: Assert,
        },
        // speakers::describe holds its honorifics in a constant (German and English), so "Mme"
        // stays in the name and "M. Fabre" loses "M." and becomes an organisation. Fix: read
        // the lexicon's [honorifics] (and keep "M." in the phrase).
        Case {
            name: "honorific Mme",
            context: "",
            body: "Mme Lucie Hamon a déclaré que 300 emplois seraient supprimés.",
            text: "que 300 emplois seraient supprimés",
            speakers: &["Lucie Hamon"],
            mode: Indirect,
            stance: Assert,
        },
    ];
    let mut failed = failures(&cases);
    // speakers::describe strips only its constant German/English articles. Fix: read the
    // lexicon's [determiners]. (The main table compares names without the article.)
    let (article, offset) = run("", "La police a démenti que des tirs aient eu lieu.");
    let names: Vec<&str> = article
        .claims
        .iter()
        .filter(|c| c.start >= offset)
        .flat_map(|c| c.speakers.iter().map(|s| s.name.as_str()))
        .collect();
    if names != ["police"] {
        failed.push(format!("article stays in the name: {names:?}"));
    }
    // "que A et que B" is split at a constant "und"/"and" in split_content. Fix: split at the
    // lexicon's [coordinators].
    let (article, offset) = run(
        "",
        "Le syndicat a déclaré que les salaires baisseraient et que 40 postes seraient supprimés.",
    );
    if attributed_from(&article, offset).len() != 2 {
        failed.push("que A et que B gives one claim".into());
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Agency news: a dateline with the place as a name and the agency in capitals
/// ("Montclar, 12 mars (PRESSEOUEST) – …") is the dateline, not a speaker, and stays out of
/// the claim; a quotation closed by "M. Delorme" is not cut at the honorific; a relative
/// clause about the source of "Selon X, qui …," is not content; a speech act in a relative
/// clause of the content ("ce que la Cour a estimé") gives no second claim.
#[test]
fn french_agency_news() {
    use Mode::{Direct, Indirect};
    use Stance::*;
    let cases = [
        Case {
            name: "agency dateline is no speaker and not in the claim",
            context: "",
            body: "Montclar, 12 mars (PRESSEOUEST) – La piscine rouvrira ses bassins dès lundi, a assuré le directeur, Marc Delorme.",
            text: "La piscine rouvrira ses bassins dès lundi",
            speakers: &["Marc Delorme"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "quotation closed by an honorific and a surname",
            context: "",
            body: "« Les bassins ont coûté moins que prévu », a soutenu M. Delorme.",
            text: "« Les bassins ont coûté moins que prévu »",
            speakers: &["Delorme"],
            mode: Direct,
            stance: Assert,
        },
        Case {
            name: "relative clause about the source of selon",
            context: "",
            body: "Selon Claire Dubois, qui a confirmé l'affaire, la mairie a versé deux millions d'euros au club.",
            text: "la mairie a versé deux millions d'euros au club",
            speakers: &["Claire Dubois"],
            mode: Indirect,
            stance: Assert,
        },
        Case {
            name: "speech act in a relative clause of the content",
            context: "L'avocat Jean Ferrand a fait appel du jugement.",
            body: "Selon lui, la décision est contraire au droit, ce que la Cour a estimé dans un arrêt de mars.",
            text: "la décision est contraire au droit, ce que la Cour a estimé dans un arrêt de mars",
            speakers: &["Jean Ferrand"],
            mode: Indirect,
            stance: Assert,
        },
    ];
    let failed = failures(&cases);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    let (article, _) = run("", cases[0].body);
    assert_eq!(article.meta.dateline.as_deref(), Some("Montclar"));
    assert_eq!(article.meta.publisher.as_deref(), Some("PRESSEOUEST"));
}
