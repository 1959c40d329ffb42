//! Table tests of the extractor on sentences written for the project.

use super::*;
use crate::claim::{Mode, SpeakerKind, Stance};

fn run(lang: Lang, body: &str) -> Article {
    run_article(lang, format!("Eine Überschrift für den Test\n\n{body}\n"))
}

/// Extracts a whole article: its first line is the title.
fn run_article(lang: Lang, text: String) -> Article {
    extract(
        text,
        &Options {
            lang: Some(lang),
            has_title: true,
        },
    )
}

fn attributed(article: &Article) -> Vec<(String, Vec<String>, Mode, Stance)> {
    article
        .claims
        .iter()
        .filter(|c| c.mode != Mode::None)
        .map(|c| {
            (
                c.text.clone(),
                c.speakers.iter().map(|s| s.name.clone()).collect(),
                c.mode,
                c.stance,
            )
        })
        .collect()
}

#[test]
fn german_patterns() {
    struct Case {
        body: &'static str,
        text: &'static str,
        speakers: &'static [&'static str],
        mode: Mode,
        stance: Stance,
    }
    let cases = [
        Case {
            body: "Die Stadtverwaltung sagte, dass die Brücke im Mai gesperrt werde.",
            text: "dass die Brücke im Mai gesperrt werde",
            speakers: &["Stadtverwaltung"],
            mode: Mode::Indirect,
            stance: Stance::Assert,
        },
        Case {
            body: "Die Landesagentur LAX sagte, der Tunnel sei seit Jahren undicht.",
            text: "der Tunnel sei seit Jahren undicht",
            speakers: &["LAX"],
            mode: Mode::Indirect,
            stance: Stance::Assert,
        },
        Case {
            body: "„Der Hafen bleibt bis Freitag geschlossen“, sagte Hafensprecherin Jana Vogt.",
            text: "„Der Hafen bleibt bis Freitag geschlossen“",
            speakers: &["Jana Vogt"],
            mode: Mode::Direct,
            stance: Stance::Assert,
        },
        Case {
            body: "Die Fähre ist am Morgen gesunken, berichteten örtliche Medien am Montag.",
            text: "Die Fähre ist am Morgen gesunken",
            speakers: &["örtliche Medien"],
            mode: Mode::Indirect,
            stance: Stance::Assert,
        },
        Case {
            body: "Nordstadt und Südstadt haben bestritten, dass sie das Geld erhalten hätten.",
            text: "dass sie das Geld erhalten hätten",
            speakers: &["Nordstadt", "Südstadt"],
            mode: Mode::Indirect,
            stance: Stance::Deny,
        },
        Case {
            body: "Laut der Feuerwehr brannten am Abend drei Lagerhallen vollständig nieder.",
            text: "brannten am Abend drei Lagerhallen vollständig nieder",
            speakers: &["Feuerwehr"],
            mode: Mode::Indirect,
            stance: Stance::Assert,
        },
        Case {
            body: "Die Ernte fällt in diesem Jahr deutlich kleiner aus, so der Bauernverband.",
            text: "Die Ernte fällt in diesem Jahr deutlich kleiner aus",
            speakers: &["Bauernverband"],
            mode: Mode::Indirect,
            stance: Stance::Assert,
        },
        Case {
            body: "Der Verband warnte, dass die Preise im Winter weiter steigen könnten.",
            text: "dass die Preise im Winter weiter steigen könnten",
            speakers: &["Verband"],
            mode: Mode::Indirect,
            stance: Stance::Warn,
        },
        Case {
            body: "Wie die Polizei mitteilte, wurden bei dem Unfall zwei Menschen verletzt.",
            text: "wurden bei dem Unfall zwei Menschen verletzt",
            speakers: &["Polizei"],
            mode: Mode::Indirect,
            stance: Stance::Assert,
        },
    ];
    for case in cases {
        let article = run(Lang::De, case.body);
        let got = attributed(&article);
        let want = (
            case.text.to_string(),
            case.speakers
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
            case.mode,
            case.stance,
        );
        assert_eq!(got.first(), Some(&want), "for {:?}: {got:?}", case.body);
    }
}

#[test]
fn english_patterns() {
    let cases: &[(&str, &str, &[&str], Mode)] = &[
        (
            "The transport ministry said that the line would reopen in June.",
            "the line would reopen in June",
            &["transport ministry"],
            Mode::Indirect,
        ),
        (
            "\"We have no money left for the stadium,\" the mayor said.",
            "\"We have no money left for the stadium,\"",
            &["mayor"],
            Mode::Direct,
        ),
        (
            "\"Nothing has been decided yet,\" said Paul Green, a spokesman for the port.",
            "\"Nothing has been decided yet,\"",
            &["Paul Green"],
            Mode::Direct,
        ),
        (
            "The river rose by two metres overnight, officials said.",
            "The river rose by two metres overnight",
            &["officials"],
            Mode::Indirect,
        ),
        (
            "According to the weather service, the storm will reach the coast on Friday.",
            "the storm will reach the coast on Friday",
            &["weather service"],
            Mode::Indirect,
        ),
        (
            "Senator Mary Stone said the bill would cost 3 billion dollars.",
            "the bill would cost 3 billion dollars",
            &["Mary Stone"],
            Mode::Indirect,
        ),
    ];
    for (body, text, speakers, mode) in cases {
        let article = run(Lang::En, body);
        let got = attributed(&article);
        let first = got
            .first()
            .unwrap_or_else(|| panic!("nothing found in {body:?}"));
        assert_eq!(first.0, *text, "{body:?}");
        assert_eq!(
            first.1,
            speakers.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{body:?}"
        );
        assert_eq!(first.2, *mode, "{body:?}");
    }
}

#[test]
fn two_content_clauses_give_two_claims() {
    let article = run(
        Lang::De,
        "Die Gewerkschaft erklärte, dass die Löhne steigen und dass die Arbeitszeit sinkt.",
    );
    let got = attributed(&article);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, "dass die Löhne steigen");
    assert_eq!(got[1].0, "dass die Arbeitszeit sinkt");
}

#[test]
fn later_surname_and_continued_quote_resolve() {
    let body = "„Wir bauen 300 neue Wohnungen“, sagte Bausenatorin Petra Kuhn. „Die ersten ziehen 2026 ein.“\n\nKuhn sagte, das Geld komme vom Bund.";
    let article = run(Lang::De, body);
    let got = attributed(&article);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got.iter().all(|c| c.1 == vec!["Petra Kuhn".to_string()]),
        "{got:?}"
    );
    assert_eq!(got[0].3, Stance::Assert);
    let role = article.claims[0].speakers[0].role.as_deref();
    assert_eq!(role, Some("Bausenatorin"));
    assert_eq!(article.claims[0].speakers[0].kind, SpeakerKind::Person);
}

#[test]
fn refusals_captions_and_questions_are_not_claims() {
    let body = "© Agentur. Ein Bild vom Hafen mit 20 Schiffen im Jahr 2020.\n\n2/3\n\nEin Sprecher des Hafens lehnte es ab, sich zu den 20 Schiffen zu äußern.\n\nWie viele Schiffe kamen 2020 wirklich in den Hafen?";
    let article = run(Lang::De, body);
    assert!(article.claims.is_empty(), "{:?}", article.claims);
}

#[test]
fn offsets_point_at_the_text() {
    let article = run(
        Lang::De,
        "Der Zoll teilte mit, dass 40 Tonnen Kokain beschlagnahmt worden seien.",
    );
    let claim = &article.claims[0];
    assert_eq!(&article.text[claim.start..claim.end], claim.text);
    let speaker = &claim.speakers[0];
    assert_eq!(&article.text[speaker.start..speaker.end], "Der Zoll");
    let cue = claim.cue.as_ref().unwrap();
    assert_eq!(&article.text[cue.start..cue.end], "teilte mit");
}

#[test]
fn language_is_detected() {
    assert_eq!(
        detect_language(
            "Der Minister sagte am Montag, dass die Steuern nicht steigen und das Budget reicht."
        ),
        Lang::De
    );
    assert_eq!(
        detect_language(
            "The minister said on Monday that taxes will not rise and the budget is enough."
        ),
        Lang::En
    );
    assert_eq!(
        detect_language("Kurz: Berlin, Paris, London."),
        detect_language("Kurz: Berlin, Paris, London.")
    );
}

#[test]
fn a_single_line_without_title_is_body_text() {
    let opts = Options {
        has_title: false,
        ..Options::default()
    };
    let article = extract(
        "Unemployment in Ohio rose by 4 percent in 2023, the state said.".into(),
        &opts,
    );
    assert_eq!(article.meta.title, None);
    assert_eq!(article.claims.len(), 1, "{:?}", article.claims);
}

#[test]
fn speaker_phrases_end_at_the_verb_and_keep_their_modifiers() {
    let article = run(
        Lang::De,
        "Laut dem Landesamt lagen die Kosten im Jahr 2019 um 30 Prozent höher.",
    );
    let got = attributed(&article);
    assert_eq!(got[0].1, vec!["Landesamt".to_string()], "{got:?}");
    let article = run(
        Lang::En,
        "\"We expect the worst winds in 20 years,\" said harbour master Ann Lee, adding that ships had been told to stay away.",
    );
    let got = attributed(&article);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, "\"We expect the worst winds in 20 years,\"");
    assert!(
        got.iter()
            .all(|c| c.1 == vec!["harbour master Ann Lee".to_string()]),
        "{got:?}"
    );
}

/// The speaker phrases of the attributed claims, as they stand in the text.
fn speaker_spans(article: &Article) -> Vec<String> {
    article
        .claims
        .iter()
        .filter(|c| c.mode != Mode::None)
        .flat_map(|c| c.speakers.iter())
        .map(|s| article.text[s.start..s.end].to_string())
        .collect()
}

#[test]
fn english_speaker_phrases_take_initials_parentheses_and_descriptions() {
    let cases = [
        (
            "\"The new tolls will double the cost of every delivery in the valley,\" said Wendell Ostrova, a lawyer who represents the hauliers.",
            "Wendell Ostrova, a lawyer who represents the hauliers",
        ),
        (
            "Rep. Dana Pike (R-Ore.), the chair of the transport committee, said the tolls would raise 40 million dollars a year.",
            // The comma closing the apposition belongs to the phrase (as in the English gold).
            "Rep. Dana Pike (R-Ore.), the chair of the transport committee,",
        ),
        (
            "In a radio interview Pike said the bridge had lost 12 percent of its traffic since 2019.",
            "Pike",
        ),
        (
            "Meanwhile Pike said the state would cut the tolls by half in 2027.",
            "Pike",
        ),
        (
            "\"Nobody on this council has read the 300-page contract before voting for it.\" ― Rosa T. Elwood",
            "Rosa T. Elwood",
        ),
        (
            "\"The ferry is far too old,\" said Lou Reyes, who runs the harbour office in Dover.",
            "Lou Reyes, who runs the harbour office in Dover",
        ),
        (
            "\"The ferry is far too old,\" said Lou Reyes, a pilot, who runs the harbour office.",
            "Lou Reyes, a pilot, who runs the harbour office",
        ),
    ];
    for (body, speaker) in cases {
        let article = run(Lang::En, body);
        assert_eq!(speaker_spans(&article), vec![speaker.to_string()], "{body}");
    }
}

#[test]
fn a_middle_initial_does_not_end_a_sentence() {
    let text = "The plan was approved by Rosa T. Elwood and two others last week. A vote follows.";
    let got = sentences(text, 0, text.len(), Lang::En, &[]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(text[got[0].0..got[0].1].ends_with("last week."));
}

#[test]
fn german_speaker_phrases_take_adjectives_and_genitives() {
    let cases = [
        (
            "Nach ersten Angaben wurden bei dem Unfall in der Stadt zwölf Menschen schwer verletzt.",
            "ersten Angaben",
        ),
        (
            "Ein Sprecher des städtischen Wasserwerks sagte, die Leitung sei seit 2019 nicht geprüft worden.",
            "Ein Sprecher des städtischen Wasserwerks",
        ),
        (
            "Am Montag sagte der Regionalen Rundschau ein Sprecher der Feuerwehr, der Brand sei seit 2019 der größte gewesen.",
            "ein Sprecher der Feuerwehr",
        ),
        (
            "Die Sprecherin sagte der Nachrichtenagentur, die Schleuse bleibe bis 2027 geschlossen.",
            "Die Sprecherin",
        ),
        (
            "Verkehrsstaatssekretär Jonas Brell (Grüne) forderte, größere Häfen ab 2026 zum Bau von Landstromanlagen zu zwingen.",
            "Verkehrsstaatssekretär Jonas Brell (Grüne)",
        ),
    ];
    for (body, speaker) in cases {
        let article = run(Lang::De, body);
        assert_eq!(speaker_spans(&article), vec![speaker.to_string()], "{body}");
    }
}

#[test]
fn source_nouns_before_nach_are_sources() {
    let article = run(
        Lang::De,
        "Die Ministerin Sara Kowal sprach am Montag im Landtag über die Schleuse. Ihrer Ansicht nach ist die Anlage seit 2019 nicht mehr sicher. Dem Vernehmen nach soll die Sanierung 2027 beginnen.",
    );
    let claims: Vec<_> = article
        .claims
        .iter()
        .filter(|c| c.mode != Mode::None)
        .collect();
    assert_eq!(claims.len(), 3, "{claims:?}");
    let view = &claims[1].speakers[0];
    assert_eq!(view.name, "Sara Kowal");
    assert_eq!(&article.text[view.start..view.end], "Ihrer Ansicht");
    assert_eq!(claims[2].speakers[0].kind, SpeakerKind::Anonymous);
}

#[test]
fn reportative_sollen_continues_the_last_source() {
    let article = run(
        Lang::De,
        "Die Staatsanwaltschaft teilte mit, der Mann habe 2019 drei Banken überfallen. Außerdem soll er zwei Lastwagen gestohlen haben. Die Polizei sucht ihn seit März.",
    );
    let got = attributed(&article);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].0, "Außerdem soll er zwei Lastwagen gestohlen haben");
    assert_eq!(got[1].1, vec!["Staatsanwaltschaft".to_string()]);
}

/// Name, role and kind of the first speaker of each attributed claim.
fn first_speakers(article: &Article) -> Vec<(String, Option<String>, SpeakerKind)> {
    article
        .claims
        .iter()
        .filter(|c| c.mode != Mode::None)
        .filter_map(|c| c.speakers.first())
        .map(|s| (s.name.clone(), s.role.clone(), s.kind))
        .collect()
}

#[test]
fn names_roles_and_kinds_of_speakers() {
    let cases: [(&str, Lang, &str, Option<&str>, SpeakerKind); 6] = [
        (
            "Die Ursache ist noch unklar, sagte ein Sprecher der Feuerwehr.",
            Lang::De,
            "Sprecher der Feuerwehr",
            None,
            SpeakerKind::Anonymous,
        ),
        (
            "Die Ursache ist noch unklar, sagte der Sprecher des Ministeriums Jan Ohm.",
            Lang::De,
            "Jan Ohm",
            Some("Sprecher des Ministeriums"),
            SpeakerKind::Person,
        ),
        (
            "Die Ursache ist noch unklar, sagte die Vizepräsidentin des Kreistags, Hanne Ostrow.",
            Lang::De,
            "Hanne Ostrow",
            Some("Vizepräsidentin des Kreistags"),
            SpeakerKind::Person,
        ),
        (
            "The cause is unclear, said Nora Ekdahl, a surveyor at the Port Authority.",
            Lang::En,
            "Nora Ekdahl",
            Some("surveyor at the Port Authority"),
            SpeakerKind::Person,
        ),
        (
            "The ferry will run again in June, Chancellor Ilse Brandauer said.",
            Lang::En,
            "Ilse Brandauer",
            Some("Chancellor"),
            SpeakerKind::Person,
        ),
        (
            "Opponents said the ferry money should go to the schools.",
            Lang::En,
            "Opponents",
            None,
            SpeakerKind::Group,
        ),
    ];
    for (body, lang, name, role, kind) in cases {
        let got = first_speakers(&run(lang, body));
        let want = vec![(name.to_string(), role.map(str::to_string), kind)];
        assert_eq!(got, want, "{body}");
    }
}

/// One named row of the speaker table: the attributed claims a sentence must give, as (text,
/// speaker names). An empty list is a negative row: nothing may be attributed.
/// A named row of the speaker table. Its body goes under a title that reports nothing, unless
/// it has a blank line: then its first line is the title (rows about titles).
struct SpeakerRow {
    name: &'static str,
    lang: Lang,
    body: &'static str,
    want: &'static [(&'static str, &'static [&'static str])],
}

fn check_speaker_rows(rows: &[SpeakerRow]) {
    let mut failures = Vec::new();
    for row in rows {
        let article = if row.body.contains("\n\n") {
            run_article(row.lang, format!("{}\n", row.body))
        } else {
            run(row.lang, row.body)
        };
        let got: Vec<(String, Vec<String>)> = attributed(&article)
            .into_iter()
            .map(|(text, speakers, _, _)| (text, speakers))
            .collect();
        let want: Vec<(String, Vec<String>)> = row
            .want
            .iter()
            .map(|(t, s)| (t.to_string(), s.iter().map(|n| n.to_string()).collect()))
            .collect();
        if got != want {
            failures.push(format!("{}:\n  want {want:?}\n  got  {got:?}", row.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The speaker table: one named row per attribution fix. Rows are never deleted; a new fix adds
/// a row.
#[test]
fn speaker_table() {
    check_speaker_rows(&[
        SpeakerRow {
            name: "recipient after an inverted German frame is not the quote",
            lang: Lang::De,
            body: "„Der Damm hält nicht mehr lange“, sagte Oskar Lindner dem „Tagesblatt“.",
            want: &[("„Der Damm hält nicht mehr lange“", &["Oskar Lindner"])],
        },
        SpeakerRow {
            name: "English hearer after 'told' is not the speaker; apposition before it is",
            lang: Lang::En,
            body: "\"We cannot keep the ward open like this,\" Mara Quint, a midwife, told the Courier.",
            want: &[(
                "\"We cannot keep the ward open like this,\"",
                &["Mara Quint"],
            )],
        },
        SpeakerRow {
            name: "told plus a wire agency: the agency is the hearer",
            lang: Lang::En,
            body: "The pumps will run until Friday, Tobias Wren told The Associated Press.",
            want: &[("The pumps will run until Friday", &["Tobias Wren"])],
        },
        SpeakerRow {
            name: "German role with the name in apposition",
            lang: Lang::De,
            body: "Die Vizepräsidentin des Kreistags, Hanne Ostrow, die auch dem Ausschuss angehört, schrieb: „Wir lassen uns das nicht bieten.“",
            want: &[("„Wir lassen uns das nicht bieten.“", &["Hanne Ostrow"])],
        },
        SpeakerRow {
            name: "negative: 'called' names a thing",
            lang: Lang::En,
            body: "Neighbours joined a drive called the Warm Homes Fund to pay for heating this winter.",
            want: &[],
        },
        SpeakerRow {
            name: "adverb 'yet' between subject and verb",
            lang: Lang::En,
            body: "The county has not yet explained why the cost of the new depot doubled in 2023.",
            want: &[("why the cost of the new depot doubled in 2023", &["county"])],
        },
        SpeakerRow {
            name: "adverb 'flatly' between name and verb",
            lang: Lang::En,
            body: "Spokesman Ivo Brandt flatly said Wednesday that the depot would close in March.",
            want: &[("the depot would close in March", &["Ivo Brandt"])],
        },
        SpeakerRow {
            name: "negative: a participle after an article is an adjective",
            lang: Lang::De,
            body: "Der erwartete Verlust der Wählergruppe blieb bei der Wahl am Sonntag aus.",
            want: &[],
        },
        SpeakerRow {
            name: "the source behind 'reports in'",
            lang: Lang::En,
            body: "The two ministers will widen their cooperation next year, according to reports in state media.",
            want: &[(
                "The two ministers will widen their cooperation next year",
                &["state media"],
            )],
        },
        SpeakerRow {
            name: "a hyphenated modifier opens the source phrase",
            lang: Lang::En,
            body: "The convoy crossed the river shortly after midnight, state-linked media reported.",
            want: &[(
                "The convoy crossed the river shortly after midnight",
                &["state-linked media"],
            )],
        },
        SpeakerRow {
            name: "the news agency at the end of a long sentence",
            lang: Lang::En,
            body: "The delegations met for four hours on Wednesday at a port in the far north of the country and toured the docks before a dinner with officials, the news agency said.",
            want: &[(
                "The delegations met for four hours on Wednesday at a port in the far north of the country and toured the docks before a dinner with officials",
                &["news agency"],
            )],
        },
        SpeakerRow {
            name: "a frame noun after a preposition is the setting, not the speaker",
            lang: Lang::De,
            body: "Krüger hatte im Sommerinterview gesagt, die Gebühren würden nicht erhöht.",
            want: &[("die Gebühren würden nicht erhöht", &["Krüger"])],
        },
        SpeakerRow {
            name: "auxiliary after the comma, participle at the end",
            lang: Lang::De,
            body: "Die Gebühren würden nicht erhöht, hatte Krüger im Sommerinterview gesagt.",
            want: &[("Die Gebühren würden nicht erhöht", &["Krüger"])],
        },
        SpeakerRow {
            name: "a document after 'heißt es' is the source",
            lang: Lang::De,
            body: "Die Renten steigen im Juli um drei Prozent, heißt es im Koalitionsvertrag.",
            want: &[(
                "Die Renten steigen im Juli um drei Prozent",
                &["Koalitionsvertrag"],
            )],
        },
        SpeakerRow {
            name: "'nach eigener Darstellung': the subject speaks of itself",
            lang: Lang::De,
            body: "Die Wählergruppe sei nach eigener Darstellung mit 40 Prozent stärkste Kraft geworden.",
            want: &[(
                "Die Wählergruppe sei mit 40 Prozent stärkste Kraft geworden",
                &["Wählergruppe"],
            )],
        },
        SpeakerRow {
            name: "objects and a prepositional phrase between subject and final participle",
            lang: Lang::De,
            body: "Die Sprecherin des Verbands, Ida Quast, hat in einem Interview mit der Regionalen Rundschau gefordert, dass die Mieten gedeckelt werden.",
            want: &[("dass die Mieten gedeckelt werden", &["Ida Quast"])],
        },
        SpeakerRow {
            name: "a relative clause after the name belongs to the speaker phrase",
            lang: Lang::En,
            body: "Derek Lane, who served as harbour master until May, said the pier was unsafe.",
            want: &[("the pier was unsafe", &["Derek Lane"])],
        },
        SpeakerRow {
            name: "a description with an article and a place after an inverted verb",
            lang: Lang::En,
            body: "The pier is unsafe, said Nora Ekdahl, a surveyor at the Port Authority in Kesterby.",
            want: &[("The pier is unsafe", &["Nora Ekdahl"])],
        },
        SpeakerRow {
            name: "a pronoun names the person a sentence before introduced",
            lang: Lang::De,
            body: "Bürgermeisterin Anna Roth eröffnete am Montag die neue Brücke über die Ems. „Das ist ein guter Tag für die Stadt“, sagte sie.",
            want: &[("„Das ist ein guter Tag für die Stadt“", &["Anna Roth"])],
        },
        SpeakerRow {
            name: "'she said' and a surname after a person introduced by role",
            lang: Lang::En,
            body: "Mayor Jane Roe opened the new bridge on Monday. \"This is a good day for the town,\" she said. Roe added that the toll would be dropped in 2026.",
            want: &[
                ("\"This is a good day for the town,\"", &["Jane Roe"]),
                ("the toll would be dropped in 2026", &["Jane Roe"]),
            ],
        },
        SpeakerRow {
            name: "'nach einer Studie': a study is a source",
            lang: Lang::De,
            body: "Nach einer dänischen Studie verdoppelt schon wenig Lärm das Risiko von Schlafstörungen.",
            want: &[(
                "verdoppelt schon wenig Lärm das Risiko von Schlafstörungen",
                &["dänischen Studie"],
            )],
        },
        SpeakerRow {
            name: "'Aus dem Bericht geht hervor'",
            lang: Lang::De,
            body: "Aus dem Bericht geht hervor, dass 40 Prozent der Fälle ungeklärt sind.",
            want: &[("dass 40 Prozent der Fälle ungeklärt sind", &["Bericht"])],
        },
        SpeakerRow {
            name: "'demnach' inside the sentence continues the last source",
            lang: Lang::De,
            body: "Laut der Wahlkommission erhielt der Kandidat 60 Prozent. Ein zweiter Bewerber erreichte demnach mehr als zwei Prozent.",
            want: &[
                ("erhielt der Kandidat 60 Prozent", &["Wahlkommission"]),
                (
                    "Ein zweiter Bewerber erreichte demnach mehr als zwei Prozent",
                    &["Wahlkommission"],
                ),
            ],
        },
        SpeakerRow {
            name: "negative: 'nach' before an event is no source",
            lang: Lang::De,
            body: "Nach dem Treffen der Minister wurde die Sitzung auf Dienstag vertagt.",
            want: &[],
        },
        SpeakerRow {
            name: "a frame followed by a quotation is no inverted frame of the clause before",
            lang: Lang::En,
            body: "As the siren sounded, the announcer said, \u{201c}The road to the harbour is closed until noon.\u{201d}",
            want: &[(
                "\u{201c}The road to the harbour is closed until noon.\u{201d}",
                &["announcer"],
            )],
        },
        SpeakerRow {
            name: "a content clause with a quotation after 'says' is no inverted frame",
            lang: Lang::En,
            body: "Speaking at a rally in Kesterby, Ostrova says she is making \u{201c}a promise\u{201d} to the dockers.",
            want: &[(
                "she is making \u{201c}a promise\u{201d} to the dockers",
                &["Ostrova"],
            )],
        },
        SpeakerRow {
            name: "', suggesting …' after a quotation frame is the same speaker's second claim",
            lang: Lang::En,
            body: "\"The pier held up perfectly,\" Ostrova recalled, suggesting the new pylons had been worth the cost.",
            want: &[
                ("\"The pier held up perfectly,\"", &["Ostrova"]),
                ("the new pylons had been worth the cost", &["Ostrova"]),
            ],
        },
        SpeakerRow {
            name: "', so das Ergebnis einer … Studie' runs to the end of the sentence",
            lang: Lang::De,
            body: "Zwei Drittel der Pumpen sind veraltet, so das Ergebnis einer gestern vorgestellten Studie.",
            want: &[(
                "Zwei Drittel der Pumpen sind veraltet",
                &["Ergebnis einer gestern vorgestellten Studie"],
            )],
        },
        SpeakerRow {
            name: "'So heißt es in der Meldung': the document after 'es' is the source",
            lang: Lang::De,
            body: "So heißt es in der Meldung des Vereins wörtlich: „Der Deich wird bis Mai erhöht.“",
            want: &[("„Der Deich wird bis Mai erhöht.“", &["Meldung des Vereins"])],
        },
        SpeakerRow {
            name: "'wie X bekannt gab' in a subordinate clause",
            lang: Lang::De,
            body: "Wie die Hafenbehörde in Kesterby bekannt gab, soll der Kai im Mai gesperrt werden.",
            want: &[(
                "soll der Kai im Mai gesperrt werden",
                &["Hafenbehörde in Kesterby"],
            )],
        },
        SpeakerRow {
            name: "negative: a cue form after 'the' is a noun ('the remarks')",
            lang: Lang::En,
            body: "The footage shows that Ostrova made the remarks in 2015.",
            want: &[("Ostrova made the remarks in 2015", &["footage"])],
        },
        SpeakerRow {
            name: "a long frame between two quotations leaves them two claims",
            lang: Lang::En,
            body: "\"We cannot staff the ward,\" said Dr. Ida Brandt, the hospital's chief medical officer, who has worked there for 22 years. \"Every week is a gamble.\"",
            want: &[
                ("\"We cannot staff the ward,\"", &["Ida Brandt"]),
                ("\"Every week is a gamble.\"", &["Ida Brandt"]),
            ],
        },
        SpeakerRow {
            name: "'by its own estimate': the subject speaks of itself",
            lang: Lang::En,
            body: "The hospital, by its own estimate, spends about $90,000 a month on temporary nurses.",
            want: &[(
                "spends about $90,000 a month on temporary nurses",
                &["hospital"],
            )],
        },
        SpeakerRow {
            name: "a name after 'called' is the speaker",
            lang: Lang::En,
            body: "A parents' group called Keep Births Near, which has collected 4,000 signatures, demanded that the county step in.",
            want: &[("the county step in", &["Keep Births Near"])],
        },
        SpeakerRow {
            name: "a party in parentheses is no part of the name",
            lang: Lang::De,
            body: "„Das ist ein guter Vertrag“, sagte Oberbürgermeisterin Dana Wolff (Bürgerforum), die das Bündnis angeführt hatte.",
            want: &[("„Das ist ein guter Vertrag“", &["Dana Wolff"])],
        },
        SpeakerRow {
            name: "a second verb after a comma shares the subject",
            lang: Lang::De,
            body: "Der Mieterverein Holmstedt begrüßte die Einigung, forderte aber, die Sozialbindung auf 30 Jahre festzuschreiben.",
            want: &[(
                "die Sozialbindung auf 30 Jahre festzuschreiben",
                &["Holmstedt"],
            )],
        },
        SpeakerRow {
            name: "'-chef' compounds are roles: the name in apposition is the speaker",
            lang: Lang::De,
            body: "Der Fraktionschef der Grünen Liste, Tarek Yildiz, der die Verhandlungen geführt hatte, sprach von einem fairen Kompromiss.",
            want: &[(
                "Der Fraktionschef der Grünen Liste, Tarek Yildiz, der die Verhandlungen geführt hatte, sprach von einem fairen Kompromiss",
                &["Tarek Yildiz"],
            )],
        },
        SpeakerRow {
            name: "nouns before a role word belong to the speaker phrase",
            lang: Lang::En,
            body: "\"We heard them knocking on the pipes,\" rescue team leader Oleg Varin told the Courier.",
            want: &[("\"We heard them knocking on the pipes,\"", &["Oleg Varin"])],
        },
        SpeakerRow {
            name: "'It denied' is the body named before, not an impersonal 'it'",
            lang: Lang::En,
            body: "The company said the pump had passed. It denied that the mine had been working below its licensed depth.",
            want: &[
                ("the pump had passed", &["company"]),
                (
                    "the mine had been working below its licensed depth",
                    &["company"],
                ),
            ],
        },
        SpeakerRow {
            name: "negative: 'It is expected that' has no speaker",
            lang: Lang::En,
            body: "It is expected that prices will rise by 40 percent in May.",
            want: &[],
        },
        SpeakerRow {
            name: "'called' before a name is naming, not a cue",
            lang: Lang::En,
            body: "A charity called Families First said it had raised $28,000 for the families.",
            want: &[(
                "it had raised $28,000 for the families",
                &["Families First"],
            )],
        },
        SpeakerRow {
            name: "a description, then the name and another apposition before the verb",
            lang: Lang::En,
            body: "The mine's operator, Kolvo Energy, a company majority-owned by the regional government, said the pumps had passed an inspection.",
            want: &[("the pumps had passed an inspection", &["Kolvo Energy"])],
        },
        SpeakerRow {
            name: "a month or modal that is a name after a first name",
            lang: Lang::En,
            body: "The deal will hold, British Prime Minister Theresa May said.",
            want: &[("The deal will hold", &["Theresa May"])],
        },
        SpeakerRow {
            name: "a lower-case particle inside a name",
            lang: Lang::En,
            body: "The pier is safe, Mayor Ben de Wolfe said on Monday.",
            want: &[("The pier is safe", &["Ben de Wolfe"])],
        },
        SpeakerRow {
            name: "an accusative phrase before the verb never speaks",
            lang: Lang::De,
            body: "Den Vorwurf der Untreue wies der Kämmerer am Montag entschieden zurück.",
            want: &[(
                "Den Vorwurf der Untreue wies der Kämmerer am Montag entschieden zurück",
                &["Kämmerer"],
            )],
        },
        SpeakerRow {
            name: "source after the content: a participle phrase and a name in apposition",
            lang: Lang::De,
            body: "Die Lage am Deich sei unter Kontrolle, teilte der von der Regierung eingesetzte Gouverneur, Ivo Petrak, mit. Die Straßen würden am Abend wieder geöffnet.",
            want: &[
                ("Die Lage am Deich sei unter Kontrolle", &["Ivo Petrak"]),
                (
                    "Die Straßen würden am Abend wieder geöffnet",
                    &["Ivo Petrak"],
                ),
            ],
        },
        SpeakerRow {
            name: "'sie' names the latest Sprecherin, not the Minister quoted after her",
            lang: Lang::De,
            body: "Sprecherin Anna Roth sagte, die Brücke sei sicher. Minister Ben Kohl sagte, das Geld reiche nicht. „Wir bleiben dabei“, sagte sie.",
            want: &[
                ("die Brücke sei sicher", &["Anna Roth"]),
                ("das Geld reiche nicht", &["Ben Kohl"]),
                ("„Wir bleiben dabei“", &["Anna Roth"]),
            ],
        },
        SpeakerRow {
            name: "'she' skips a councilman for the spokeswoman",
            lang: Lang::En,
            body: "Spokeswoman Ann Lee said the bridge was safe. Councilman Tom Reed said the money was short. \"We stand by it,\" she said.",
            want: &[
                ("the bridge was safe", &["Ann Lee"]),
                ("the money was short", &["Tom Reed"]),
                ("\"We stand by it,\"", &["Ann Lee"]),
            ],
        },
        SpeakerRow {
            name: "'in a statement' is the setting",
            lang: Lang::En,
            body: "The depot would close, the harbour master said in a statement on Monday.",
            want: &[("The depot would close", &["harbour master"])],
        },
        SpeakerRow {
            name: "role with a prepositional phrase, then the name in apposition, before the verb",
            lang: Lang::En,
            body: "A lawyer for the two bakeries, Ruth Okafor, said no settlement had been offered.",
            want: &[("no settlement had been offered", &["Ruth Okafor"])],
        },
        SpeakerRow {
            name: "a word that opens a multi-word cue ('cast doubt on') stands in a noun phrase",
            lang: Lang::En,
            body: "Several cast members said the director had rewritten the ending twice.",
            want: &[(
                "the director had rewritten the ending twice",
                &["Several cast members"],
            )],
        },
        SpeakerRow {
            name: "inverted frame after a quote: a party-and-state parenthesis with a period",
            lang: Lang::En,
            body: "\u{201c}We will not back down,\u{201d} Rep. Dana Fyfe (D-Wis.) said Friday.",
            want: &[(
                "\u{201c}We will not back down,\u{201d}",
                &["Rep. Dana Fyfe"],
            )],
        },
        SpeakerRow {
            name: "inverted frame after a quote: a lower-case noun before a title, then a time clause",
            lang: Lang::En,
            body: "\"Deadlines are not suggestions,\" panel Chairman Rep. Ivo Brandt (R-Utah) said after the witness failed to appear.",
            want: &[("\"Deadlines are not suggestions,\"", &["Rep. Ivo Brandt"])],
        },
        SpeakerRow {
            name: "negative: a quoted programme title after 'said on' is not the message",
            lang: Lang::En,
            body: "\"We need to calm things down,\" Pike said on the network's \"Morning Round Table.\"",
            want: &[("\"We need to calm things down,\"", &["Pike"])],
        },
        SpeakerRow {
            name: "a participle frame after a comma shares the subject; its object is not a speaker",
            lang: Lang::En,
            body: "Analysts said the port had grown too fast, citing the region's thin rail links.",
            want: &[
                ("the port had grown too fast", &["Analysts"]),
                ("the region's thin rail links", &["Analysts"]),
            ],
        },
        SpeakerRow {
            name: "plural role with a prepositional phrase after the content; 'family' is a noun",
            lang: Lang::En,
            body: "The couple viewed the footage on Monday, attorneys for the family said.",
            want: &[(
                "The couple viewed the footage on Monday",
                &["attorneys for the family"],
            )],
        },
        SpeakerRow {
            name: "a fronted setting, then the subject with its apposition, before the verb",
            lang: Lang::En,
            body: "In a statement, one of the club's lawyers, Petra Holm, said the fine would be appealed.",
            want: &[("the fine would be appealed", &["Petra Holm"])],
        },
        SpeakerRow {
            name: "a second verb joined by 'and' shares the subject that opens the sentence",
            lang: Lang::En,
            body: "Mr. Varga backed the harbour plan for years, which cost him his seat in 2019, and said he still did not regret it.",
            want: &[("he still did not regret it", &["Varga"])],
        },
        SpeakerRow {
            name: "an age in apposition between the speaker and the verb after a quote",
            lang: Lang::En,
            body: "\"We are not going anywhere,\" Lina Voss, 31, said as the crowd moved toward the bridge.",
            want: &[("\"We are not going anywhere,\"", &["Lina Voss"])],
        },
        SpeakerRow {
            name: "verb first, then the speaker and a colon",
            lang: Lang::En,
            body: "Said Okafor: \"Nobody on this board has read the contract.\"",
            want: &[(
                "\"Nobody on this board has read the contract.\"",
                &["Okafor"],
            )],
        },
        SpeakerRow {
            name: "German comparative clause after the content names its source",
            lang: Lang::De,
            body: "Die Schleuse bleibt bis Ende Mai gesperrt, wie das Wasserstraßenamt am Freitag mitteilte.",
            want: &[(
                "Die Schleuse bleibt bis Ende Mai gesperrt",
                &["Wasserstraßenamt"],
            )],
        },
        SpeakerRow {
            name: "German comparative clause before the content",
            lang: Lang::De,
            body: "Wie die Feuerwehr berichtete, mussten zwölf Bewohner das Haus verlassen.",
            want: &[("mussten zwölf Bewohner das Haus verlassen", &["Feuerwehr"])],
        },
        SpeakerRow {
            name: "negative: English 'as' is also 'while' and 'because', so it names no source",
            lang: Lang::En,
            body: "The crowd grew quieter as the mayor spoke about the flooded streets.",
            want: &[],
        },
        SpeakerRow {
            name: "a short quotation after a noun and before a comma is a name, not the content",
            lang: Lang::De,
            body: "Ines Graf berichtete im Fachblatt „Annalen der Geologie“ (Heft 4), es seien nur zwei Proben verwertbar gewesen.",
            want: &[(
                "es seien nur zwei Proben verwertbar gewesen",
                &["Ines Graf"],
            )],
        },
        SpeakerRow {
            name: "'laut' with a lower-case quoted web address as the source",
            lang: Lang::De,
            body: "Laut „wetterdienst.example“ fallen bis Sonntag örtlich mehr als vierzig Liter Regen.",
            want: &[(
                "fallen bis Sonntag örtlich mehr als vierzig Liter Regen",
                &["wetterdienst.example"],
            )],
        },
        SpeakerRow {
            name: "'laut' with a lower-case compound whose noun part is capitalised",
            lang: Lang::De,
            body: "Weil Zahlen fehlen, ist es laut ngo-Bericht kaum möglich, die Lage zu beurteilen.",
            want: &[(
                "Weil Zahlen fehlen, ist es kaum möglich, die Lage zu beurteilen",
                &["ngo-Bericht"],
            )],
        },
        SpeakerRow {
            name: "'laut' with an attribute phrase between the article and its noun",
            lang: Lang::De,
            body: "Laut einer am Montag verbreiteten Mitteilung des Landkreises wurden vierzig Bäume gefällt.",
            want: &[(
                "wurden vierzig Bäume gefällt",
                &["am Montag verbreiteten Mitteilung des Landkreises"],
            )],
        },
        SpeakerRow {
            name: "reported speech goes on in a Konjunktiv I form in -iere",
            lang: Lang::De,
            body: "Die Leiterin des Wasserwerks, Edda Runge, sagte, die Leitung sei repariert. Die Pumpe funktioniere seit Dienstag wieder ohne Störung.",
            want: &[
                ("die Leitung sei repariert", &["Edda Runge"]),
                (
                    "Die Pumpe funktioniere seit Dienstag wieder ohne Störung",
                    &["Edda Runge"],
                ),
            ],
        },
        SpeakerRow {
            name: "'nach' with a source noun of information ('Auskunft', 'Berechnungen')",
            lang: Lang::De,
            body: "Nach Berechnungen eines Statistikers sind höchstens 300 Familien betroffen.",
            want: &[(
                "sind höchstens 300 Familien betroffen",
                &["Berechnungen eines Statistikers"],
            )],
        },
        SpeakerRow {
            name: "'Dies geht aus X hervor': the document is the source of the sentence before",
            lang: Lang::De,
            body: "Die Stadtwerke erhöhen den Gaspreis zum April um zwölf Prozent. Dies geht aus einem Schreiben der Stadtwerke an ihre Kunden hervor, das am Montag verschickt wurde.",
            want: &[(
                "Die Stadtwerke erhöhen den Gaspreis zum April um zwölf Prozent",
                &["Schreiben der Stadtwerke"],
            )],
        },
        SpeakerRow {
            name: "a surname that is also a month or modal ('May') after a first name is the name",
            lang: Lang::En,
            body: "Finance Minister Clara May said the bond sale would go ahead in spring.",
            want: &[("the bond sale would go ahead in spring", &["Clara May"])],
        },
        SpeakerRow {
            name: "German perfect participle 'hingewiesen' is a cue",
            lang: Lang::De,
            body: "Die Stadtwerke haben mehrfach darauf hingewiesen, dass die Leitungen veraltet sind.",
            want: &[("dass die Leitungen veraltet sind", &["Stadtwerke"])],
        },
        SpeakerRow {
            name: "'kamen zu dem Ergebnis' is a cue",
            lang: Lang::De,
            body: "Die Gutachter kamen zu dem Ergebnis, dass die Brücke nicht mehr sicher sei.",
            want: &[("dass die Brücke nicht mehr sicher sei", &["Gutachter"])],
        },
        SpeakerRow {
            name: "'hält es für möglich' is a belief cue",
            lang: Lang::De,
            body: "Der Bürgermeister hält es für möglich, dass die Halle erst im Herbst öffnet.",
            want: &[("dass die Halle erst im Herbst öffnet", &["Bürgermeister"])],
        },
        SpeakerRow {
            name: "a court 'hat entschieden'",
            lang: Lang::De,
            body: "Das Landgericht hat entschieden, dass die Gebühr zu hoch war.",
            want: &[("dass die Gebühr zu hoch war", &["Landgericht"])],
        },
        SpeakerRow {
            name: "'legte Wert darauf' with an adjective between",
            lang: Lang::De,
            body: "Die Kassenprüferin legte großen Wert darauf, dass alle Belege vorliegen.",
            want: &[("dass alle Belege vorliegen", &["Kassenprüferin"])],
        },
        SpeakerRow {
            name: "'vertritt die Auffassung' with a Konjunktiv content",
            lang: Lang::De,
            body: "Der Verband vertritt die Auffassung, die Förderung komme zu spät.",
            want: &[("die Förderung komme zu spät", &["Verband"])],
        },
        SpeakerRow {
            name: "testimony 'ausgesagt'",
            lang: Lang::De,
            body: "Die Zeugin hat vor Gericht ausgesagt, dass sie den Wagen gesehen habe.",
            want: &[("dass sie den Wagen gesehen habe", &["Zeugin"])],
        },
        SpeakerRow {
            name: "a subject with apposition before 'bezeichnete' is not inverted content",
            lang: Lang::De,
            body: "Die Leiterin der Kommission des Landtags, Ruth Ebeling, bezeichnete die Vorfälle als beschämend.",
            want: &[(
                "Die Leiterin der Kommission des Landtags, Ruth Ebeling, bezeichnete die Vorfälle als beschämend",
                &["Ruth Ebeling"],
            )],
        },
        SpeakerRow {
            name: "'als' before a fronted noun: the subject follows the verb",
            lang: Lang::De,
            body: "Als Grund nannte eine Sprecherin der Bahn: „Die Signale waren gestört.“",
            want: &[("„Die Signale waren gestört.“", &["Sprecherin der Bahn"])],
        },
        SpeakerRow {
            name: "plural separable 'stellten … klar'",
            lang: Lang::De,
            body: "Die Richterinnen stellten im Urteil klar, dass die Kündigung unwirksam sei.",
            want: &[("dass die Kündigung unwirksam sei", &["Richterinnen"])],
        },
        SpeakerRow {
            name: "present-tense plural 'insist' is a cue",
            lang: Lang::En,
            body: "Local officials insist that the reservoir holds enough water for two summers.",
            want: &[(
                "the reservoir holds enough water for two summers",
                &["Local officials"],
            )],
        },
        SpeakerRow {
            name: "'has learned' names the outlet as the source",
            lang: Lang::En,
            body: "The mayor will step down before the budget vote, the Ledger has learned.",
            want: &[(
                "The mayor will step down before the budget vote",
                &["Ledger"],
            )],
        },
        SpeakerRow {
            name: "'characterized' with an object and a description",
            lang: Lang::En,
            body: "Mia Trent met the county board on Monday. However, she characterized the audit as a routine review of the county's books.",
            want: &[(
                "the audit as a routine review of the county's books",
                &["Mia Trent"],
            )],
        },
        SpeakerRow {
            name: "a setting after 'said' is not the speaker; the apposition before it is",
            lang: Lang::En,
            body: "\"Voting is a duty for all of us,\" Ann Rowe, a writer for the Gazette, said on Twitter.",
            want: &[("\"Voting is a duty for all of us,\"", &["Ann Rowe"])],
        },
        SpeakerRow {
            name: "a focus word before the subject and its apposition; 'and warned' shares it",
            lang: Lang::En,
            body: "Even Norway, the only ally of the island, said it was \"firmly opposed\" to the test and warned the island to refrain from further steps.",
            want: &[
                ("it was \"firmly opposed\" to the test", &["Norway"]),
                ("to refrain from further steps", &["Norway"]),
            ],
        },
        SpeakerRow {
            name: "a time phrase between 'said' and 'that' is not content",
            lang: Lang::En,
            body: "Prime Minister Ann Lee said this week that the country would leave the union by March.",
            want: &[("the country would leave the union by March", &["Ann Lee"])],
        },
        SpeakerRow {
            name: "a focus word before a German subject with a relative clause",
            lang: Lang::De,
            body: "Sogar die Opposition, die sonst jede Vorlage ablehnt, erklärte, der Entwurf sei solide.",
            want: &[("der Entwurf sei solide", &["Opposition"])],
        },
        SpeakerRow {
            name: "a German relative clause after the name is not part of the speaker",
            lang: Lang::De,
            body: "Ilse Maurer, die bei der Verbraucherzentrale für Versicherungen zuständig ist, sagte, viele Verträge seien zu teuer.",
            want: &[("viele Verträge seien zu teuer", &["Ilse Maurer"])],
        },
        SpeakerRow {
            name: "a German apposition with an article is part of the speaker",
            lang: Lang::De,
            body: "Jonas Pirker, der Bürgermeister der Stadt, sagte, die Brücke bleibe gesperrt.",
            want: &[("die Brücke bleibe gesperrt", &["Jonas Pirker"])],
        },
        SpeakerRow {
            name: "after 'nach Angaben des X' the verb of the clause is not an adjective of the source",
            lang: Lang::De,
            body: "Nach Angaben des Pfarrers Anton Riedl stürmten Unbekannte die Kirche.",
            want: &[(
                "stürmten Unbekannte die Kirche",
                &["Angaben des Pfarrers Anton Riedl"],
            )],
        },
        SpeakerRow {
            name: "a number opens a speaker phrase",
            lang: Lang::En,
            body: "In the survey, 61 percent said the new bridge was a waste of money.",
            want: &[("the new bridge was a waste of money", &["61 percent"])],
        },
        SpeakerRow {
            name: "'one' opens a speaker phrase inside a content clause",
            lang: Lang::En,
            body: "Lena Holt runs the clinic in Dale. She said one study found that the new drug lowered blood pressure.",
            want: &[(
                "one study found that the new drug lowered blood pressure",
                &["Lena Holt"],
            )],
        },
        SpeakerRow {
            name: "a phrase after a preposition before the verb is its object; the sentence's subject speaks",
            lang: Lang::En,
            body: "Nurses marching through the town centre chanted that the ward must stay open.",
            want: &[("the ward must stay open", &["Nurses"])],
        },
        SpeakerRow {
            name: "a fronted 'Zusammen mit' phrase is not the subject",
            lang: Lang::De,
            body: "Zusammen mit dem Landrat fordert Bürgermeisterin Vera Lind eine neue Umgehungsstraße.",
            want: &[(
                "Zusammen mit dem Landrat fordert Bürgermeisterin Vera Lind eine neue Umgehungsstraße",
                &["Vera Lind"],
            )],
        },
        SpeakerRow {
            name: "a fronted prepositional phrase starting the sentence is not the subject",
            lang: Lang::De,
            body: "Bezüglich des neuen Standorts erklärte der Sprecher der Bahn, die Pläne seien noch offen.",
            want: &[("die Pläne seien noch offen", &["Sprecher der Bahn"])],
        },
        SpeakerRow {
            name: "a fronted adjective before 'zeigte sich' is not the subject",
            lang: Lang::De,
            body: "Besorgt zeigte sich die Vorsitzende des Vereins, Karin Stoll, über die sinkenden Mitgliederzahlen.",
            want: &[],
        },
        SpeakerRow {
            name: "an accusative possessive phrase before the verb is the object",
            lang: Lang::De,
            body: "Ihren Rivalen Bernd Focke kritisierte die Kandidatin am Abend für seine Pläne zur Grundsteuer.",
            want: &[(
                "Ihren Rivalen Bernd Focke kritisierte die Kandidatin am Abend für seine Pläne zur Grundsteuer",
                &["Kandidatin"],
            )],
        },
        SpeakerRow {
            name: "'gegenüber der Zeitung' is the hearer; a time phrase with article and adjective is skipped",
            lang: Lang::De,
            body: "Manfred Kurz, der Dekan der Fakultät, hatte in der vergangenen Woche gegenüber der Tageszeitung „Morgenblatt“ mitgeteilt, dass sich die Hochschule erneut mit dem Fall befassen werde.",
            want: &[(
                "dass sich die Hochschule erneut mit dem Fall befassen werde",
                &["Manfred Kurz"],
            )],
        },
        SpeakerRow {
            name: "negative: the hearer after 'gegenüber' never speaks",
            lang: Lang::De,
            body: "Die Stadt hatte am Montag gegenüber dem Sender erklärt, dass die Brücke gesperrt bleibe.",
            want: &[("dass die Brücke gesperrt bleibe", &["Stadt"])],
        },
        SpeakerRow {
            name: "a fronted clock time is not the subject",
            lang: Lang::De,
            body: "Um 11:30 Uhr berichtete die Online-Ausgabe des Blattes, dass der Anwalt einen Antrag gestellt habe.",
            want: &[(
                "dass der Anwalt einen Antrag gestellt habe",
                &["Online-Ausgabe des Blattes"],
            )],
        },
        SpeakerRow {
            name: "a short quotation ending in a comma is speech, not a name",
            lang: Lang::En,
            body: "\"Europe must defend itself,\" French President Paul Martin said Friday as he left.",
            want: &[("\"Europe must defend itself,\"", &["Paul Martin"])],
        },
        SpeakerRow {
            name: "a state abbreviation with its full stop in commas after the name",
            lang: Lang::En,
            body: "\"The veto will hold,\" Senate Majority Leader Tom Reed, R-Ky., said Tuesday.",
            want: &[("\"The veto will hold,\"", &["Tom Reed"])],
        },
        SpeakerRow {
            name: "a pronoun right after the verb is its subject even without the comma before it",
            lang: Lang::De,
            body: "Bürgermeister Jonas Feld kam am Abend in den Saal. Nachdem das Urteil verlesen worden war sagte er: „Ich habe nichts Unrechtes getan.“",
            want: &[("„Ich habe nichts Unrechtes getan.“", &["Jonas Feld"])],
        },
        SpeakerRow {
            name: "a cue that ends a dass-clause before its auxiliary does not cut the content",
            lang: Lang::De,
            body: "Der Minister sagte, dass die Opposition das seit Jahren gefordert habe.",
            want: &[(
                "dass die Opposition das seit Jahren gefordert habe",
                &["Minister"],
            )],
        },
        SpeakerRow {
            name: "a participle that ends a Konjunktiv clause with its auxiliary inside does not cut the content",
            lang: Lang::De,
            body: "Die Ministerin sagte, der Verband habe das schon lange gefordert.",
            want: &[(
                "der Verband habe das schon lange gefordert",
                &["Ministerin"],
            )],
        },
        SpeakerRow {
            name: "several appositions between a quotation and its verb",
            lang: Lang::En,
            body: "\"The ferry will run again in May,\" Ann Lee, the harbour master, a former pilot, said on Monday.",
            want: &[("\"The ferry will run again in May,\"", &["Ann Lee"])],
        },
        SpeakerRow {
            name: "day_part_compound_ends_an_inverted_speaker",
            lang: Lang::De,
            body: "Die Brücke sei gesperrt, sagte Bauamtsleiter Ralf Wende am Sonntagabend.",
            want: &[("Die Brücke sei gesperrt", &["Ralf Wende"])],
        },
        SpeakerRow {
            name: "day_part_compound_after_a_fronted_preposition_is_no_speaker",
            lang: Lang::De,
            body: "Am späten Donnerstagabend erklärte die Vorsitzende Hanna Lorenz, der Haushalt sei gescheitert.",
            want: &[("der Haushalt sei gescheitert", &["Hanna Lorenz"])],
        },
        SpeakerRow {
            name: "statement_after_a_name_is_the_setting",
            lang: Lang::De,
            body: "Der Hafen bleibe geöffnet, teilte Kapitänin Jana Marek in einer Erklärung mit.",
            want: &[("Der Hafen bleibe geöffnet", &["Kapitänin Jana Marek"])],
        },
        SpeakerRow {
            name: "margin_of_a_meeting_is_the_setting",
            lang: Lang::De,
            body: "Die Gespräche seien festgefahren, sagte Außenministerin Petra Vogt am Rande des Treffens.",
            want: &[("Die Gespräche seien festgefahren", &["Petra Vogt"])],
        },
        SpeakerRow {
            name: "press_release_after_laut_still_names_the_source",
            lang: Lang::De,
            body: "Die Schule wird laut ihrer Pressemitteilung im Herbst geschlossen.",
            want: &[(
                "Die Schule wird im Herbst geschlossen",
                &["ihrer Pressemitteilung"],
            )],
        },
        SpeakerRow {
            name: "state_television_as_subject_is_a_speaker",
            lang: Lang::De,
            body: "Das staatliche Fernsehen meldete, die Wahl sei verschoben worden.",
            want: &[("die Wahl sei verschoben worden", &["staatliche Fernsehen"])],
        },
        SpeakerRow {
            name: "sollen_after_an_attributed_sentence_continues_its_source",
            lang: Lang::De,
            body: "Die Gemeinde will den Hafen erweitern, sagte Bürgermeisterin Lena Roth. Die Arbeiten sollen im Mai beginnen und zwei Jahre dauern.",
            want: &[
                ("Die Gemeinde will den Hafen erweitern", &["Lena Roth"]),
                (
                    "Die Arbeiten sollen im Mai beginnen und zwei Jahre dauern",
                    &["Lena Roth"],
                ),
            ],
        },
        SpeakerRow {
            name: "sollen_after_an_own_statement_stays_the_reporters",
            lang: Lang::De,
            body: "Der Hafen wurde im Jahr 1890 gebaut und ist seitdem kaum verändert worden. Die Arbeiten sollen im Mai beginnen und zwei Jahre dauern.",
            want: &[],
        },
        SpeakerRow {
            name: "adverb_ebenso_is_no_speaker",
            lang: Lang::De,
            body: "Ebenso forderte auch der Landrat Uwe Brandt, die Brücke sofort zu sperren.",
            want: &[("die Brücke sofort zu sperren", &["Uwe Brandt"])],
        },
        SpeakerRow {
            name: "participle_adverb_opening_a_sentence_is_no_speaker",
            lang: Lang::De,
            body: "Ergänzend fügte Brandt hinzu: „Wir prüfen jeden Pfeiler.“",
            want: &[("„Wir prüfen jeden Pfeiler.“", &["Brandt"])],
        },
        SpeakerRow {
            name: "bekunden_is_a_reporting_verb",
            lang: Lang::De,
            body: "Die Reederei bekundete, dass die Fähre im Sommer wieder fahre.",
            want: &[("dass die Fähre im Sommer wieder fahre", &["Reederei"])],
        },
        SpeakerRow {
            name: "der_meinung_sein_is_a_belief_frame",
            lang: Lang::De,
            body: "Der Kämmerer Olaf Wiese ist der Meinung, dass die Kosten steigen werden.",
            want: &[("dass die Kosten steigen werden", &["Olaf Wiese"])],
        },
        SpeakerRow {
            name: "entgegensetzen_is_a_reply_frame",
            lang: Lang::De,
            body: "Die Grünen setzten dem entgegen, dass der Hafen sonst verlande.",
            want: &[("dass der Hafen sonst verlande", &["Grünen"])],
        },
        SpeakerRow {
            name: "herausfinden_reports_a_finding",
            lang: Lang::De,
            body: "Die Geologen fanden heraus, dass der Damm älter ist als gedacht.",
            want: &[("dass der Damm älter ist als gedacht", &["Geologen"])],
        },
        SpeakerRow {
            name: "so_schätzen_in_a_parenthesis",
            lang: Lang::De,
            body: "In fünf Jahren, so schätzen die Fachleute, soll der Damm saniert sein.",
            want: &[("soll der Damm saniert sein", &["Fachleute"])],
        },
        SpeakerRow {
            name: "comparative_source_with_an_apposition_before_the_content",
            lang: Lang::De,
            body: "Wie die Leiterin des Bauamts, Eva Stein, erklärte, sei der Damm nicht mehr sicher.",
            want: &[("sei der Damm nicht mehr sicher", &["Eva Stein"])],
        },
        SpeakerRow {
            name: "comparative_source_with_an_apposition_after_the_content",
            lang: Lang::De,
            body: "Die Schleuse bleibe bis Juni geschlossen, wie der Sprecher der Reederei, Tom Berg, mitteilte.",
            want: &[("Die Schleuse bleibe bis Juni geschlossen", &["Tom Berg"])],
        },
        SpeakerRow {
            name: "comparative_opener_of_a_phrase_is_not_a_source",
            lang: Lang::De,
            body: "Wie erwartet, sagte der Bürgermeister, die Gebühren würden steigen.",
            want: &[("die Gebühren würden steigen", &["Bürgermeister"])],
        },
        SpeakerRow {
            name: "nominative_pronoun_after_the_verb_is_the_subject",
            lang: Lang::De,
            body: "Bürgermeister Udo Rahn prüfte am Morgen die Dämme. Den Anwohnern schlug er vor, die Keller zu räumen.",
            want: &[("die Keller zu räumen", &["Udo Rahn"])],
        },
        SpeakerRow {
            name: "nominative_pronoun_after_a_separable_verb",
            lang: Lang::De,
            body: "Landrat Paul Sand leitete die Sitzung. Nach der Sitzung gab er an, die Schleuse sei dicht.",
            want: &[("die Schleuse sei dicht", &["Paul Sand"])],
        },
        SpeakerRow {
            name: "object_between_auxiliary_and_participle_is_no_speaker",
            lang: Lang::De,
            body: "Die Landrätin hatte den Bürgermeister am Montag aufgefordert, die Straße zu sperren.",
            want: &[("die Straße zu sperren", &["Landrätin"])],
        },
        SpeakerRow {
            name: "subject_with_apposition_before_an_auxiliary",
            lang: Lang::De,
            body: "Der Fraktionschef, Uwe Lanz, hatte Kurt Brenner gestern aufgefordert, sofort zurückzutreten.",
            want: &[("sofort zurückzutreten", &["Uwe Lanz"])],
        },
        SpeakerRow {
            name: "fronted_object_before_an_auxiliary_is_no_speaker",
            lang: Lang::De,
            body: "Das hat der Minister gesagt, die Lage sei ernst.",
            want: &[("die Lage sei ernst", &["Minister"])],
        },
        SpeakerRow {
            name: "korrigieren_is_a_reporting_verb",
            lang: Lang::De,
            body: "Die Reederei korrigierte, die Fähre fahre erst im Juni.",
            want: &[("die Fähre fahre erst im Juni", &["Reederei"])],
        },
        SpeakerRow {
            name: "davon_ausgehen_plural_is_a_belief_frame",
            lang: Lang::De,
            body: "Bislang gingen die Fachleute davon aus, dass der Damm hält.",
            want: &[("dass der Damm hält", &["Fachleute"])],
        },
        SpeakerRow {
            name: "den_verdacht_hegen_is_a_belief_frame",
            lang: Lang::De,
            body: "Die Polizei hegt den Verdacht, der Brand sei gelegt worden.",
            want: &[("der Brand sei gelegt worden", &["Polizei"])],
        },
        SpeakerRow {
            name: "adverb_after_the_name_in_a_so_frame",
            lang: Lang::De,
            body: "Die Kosten seien kaum zu halten, so Kämmerer Olaf Wiese weiter.",
            want: &[("Die Kosten seien kaum zu halten", &["Olaf Wiese"])],
        },
        SpeakerRow {
            name: "long_source_phrase_after_so",
            lang: Lang::De,
            body: "Der Damm ist in schlechtem Zustand, so das Ergebnis einer im Mai vorgestellten Untersuchung des Landesamts.",
            want: &[(
                "Der Damm ist in schlechtem Zustand",
                &["Ergebnis einer im Mai vorgestellten Untersuchung des Landesamts"],
            )],
        },
        SpeakerRow {
            name: "quote_after_a_sentence_about_a_named_person_is_theirs",
            lang: Lang::De,
            body: "Die Stadträtin Jana Vogt kritisierte den Haushaltsplan scharf. „Dieser Plan lässt die Schulen im Stich.“",
            want: &[
                (
                    "Die Stadträtin Jana Vogt kritisierte den Haushaltsplan scharf",
                    &["Stadträtin Jana Vogt"],
                ),
                (
                    "„Dieser Plan lässt die Schulen im Stich.“",
                    &["Stadträtin Jana Vogt"],
                ),
            ],
        },
        SpeakerRow {
            name: "konjunktiv_after_a_sentence_about_a_body_is_its_speech",
            lang: Lang::De,
            body: "Die Feuerwehr schickte am Abend drei Löschzüge. Das Feuer sei gegen Mitternacht unter Kontrolle gewesen.",
            want: &[(
                "Das Feuer sei gegen Mitternacht unter Kontrolle gewesen",
                &["Feuerwehr"],
            )],
        },
        SpeakerRow {
            name: "konjunktiv_after_a_sentence_about_a_thing_has_no_new_speaker",
            lang: Lang::De,
            body: "Die Proteste dauerten bis in die Nacht. Die Lage sei inzwischen ruhig.",
            want: &[],
        },
        SpeakerRow {
            name: "quantifier_subject_is_no_speaker",
            lang: Lang::De,
            body: "Alle Opfer stammten aus dem Nachbarort. Sie seien auf dem Heimweg gewesen.",
            want: &[],
        },
        SpeakerRow {
            name: "dative_pronoun_is_never_a_speaker",
            lang: Lang::De,
            body: "Ihm wird vorgeworfen, Geld aus der Vereinskasse genommen zu haben.",
            want: &[],
        },
        SpeakerRow {
            name: "so_frame_between_commas_inside_the_content",
            lang: Lang::De,
            body: "Der neue Kai, so die Hafendirektorin Mara Lind weiter, werde im Herbst fertig.",
            want: &[("Der neue Kai werde im Herbst fertig", &["Mara Lind"])],
        },
        SpeakerRow {
            name: "laut_frame_between_commas_keeps_the_whole_content",
            lang: Lang::De,
            body: "Der Damm sei, laut dem Landesamt, seit Jahren marode.",
            want: &[("Der Damm sei seit Jahren marode", &["Landesamt"])],
        },
        SpeakerRow {
            name: "so_dass_is_no_source_frame",
            lang: Lang::De,
            body: "Der Regen fiel stundenlang, so dass die Keller voll Wasser liefen.",
            want: &[],
        },
        SpeakerRow {
            name: "an action refused in the content is no refusal to comment",
            lang: Lang::En,
            body: "Officers say the driver refused to leave the car and drove off.",
            want: &[(
                "the driver refused to leave the car and drove off",
                &["Officers"],
            )],
        },
        SpeakerRow {
            name: "negative: declining to comment is no claim",
            lang: Lang::En,
            body: "The harbour office declined to comment on the figures on Tuesday.",
            want: &[],
        },
        SpeakerRow {
            name: "speaker after the verb keeps its closing relative clause",
            lang: Lang::En,
            body: "\"The ferry is far too old,\" said Lou Reyes, who runs the harbour office in Dover.",
            want: &[("\"The ferry is far too old,\"", &["Lou Reyes"])],
        },
        SpeakerRow {
            name: "a long setting after \"said\" does not replace the quotation before it",
            lang: Lang::En,
            body: "\"Delays are not an option,\" council leader Rita Moss said after the contractor failed to appear at the third hearing he had been summoned to in the past month.",
            want: &[("\"Delays are not an option,\"", &["Rita Moss"])],
        },
        SpeakerRow {
            name: "a participle before the title belongs to the speaker after a quotation",
            lang: Lang::En,
            body: "The plan \"is the only one that keeps the harbour open all year,\" retired general Olaf Brandt said.",
            want: &[(
                "The plan \"is the only one that keeps the harbour open all year,\"",
                &["Olaf Brandt"],
            )],
        },
        SpeakerRow {
            name: "negative: the subject after a quotation is not the hearer of a long \"as\" clause",
            lang: Lang::En,
            body: "\"We will rebuild the pier,\" the mayor said as she walked past the flooded quay with two engineers from the county.",
            want: &[("\"We will rebuild the pier,\"", &["mayor"])],
        },
        SpeakerRow {
            name: "coordinated_verb_keeps_the_subject_not_its_object",
            lang: Lang::De,
            body: "Die Bürgermeisterin lobte die Helfer und rief die Anwohner auf, die Keller zu räumen.",
            want: &[("die Keller zu räumen", &["Bürgermeisterin"])],
        },
        SpeakerRow {
            name: "time_zone_after_a_clock_time_is_no_speaker",
            lang: Lang::De,
            body: "Um 9 Uhr MEZ meldete die Agentur Nordpress, die Fähre sei gesunken.",
            want: &[("die Fähre sei gesunken", &["Nordpress"])],
        },
        SpeakerRow {
            name: "objects_between_auxiliary_and_participle",
            lang: Lang::De,
            body: "Mehrere Anwohner haben dem Bürgermeister einen Brief geschrieben, dass die Straße zu laut sei.",
            want: &[("dass die Straße zu laut sei", &["Mehrere Anwohner"])],
        },
        SpeakerRow {
            name: "optimistic_frame_takes_the_content_after_the_adjective",
            lang: Lang::De,
            body: "Die Trainerin Ella Berg zeigte sich optimistisch, dass die Mannschaft aufsteigen werde.",
            want: &[("dass die Mannschaft aufsteigen werde", &["Ella Berg"])],
        },
        SpeakerRow {
            name: "bitten_in_the_perfect_is_a_demand",
            lang: Lang::De,
            body: "Der Verein hat die Stadt gebeten, die Halle länger zu öffnen.",
            want: &[("die Halle länger zu öffnen", &["Verein"])],
        },
        SpeakerRow {
            name: "ansehen_as_a_belief_frame",
            lang: Lang::De,
            body: "Als dringendste Aufgabe sah es die Landrätin an, die Deiche zu erhöhen.",
            want: &[("die Deiche zu erhöhen", &["Landrätin"])],
        },
        SpeakerRow {
            name: "beschliessen_reports_a_decision",
            lang: Lang::De,
            body: "Der Stadtrat beschloss, die Gebühren im Januar zu senken.",
            want: &[("die Gebühren im Januar zu senken", &["Stadtrat"])],
        },
        SpeakerRow {
            name: "quoted_newspaper_name_after_an_article_is_part_of_the_source",
            lang: Lang::De,
            body: "Die Werft sei insolvent, heißt es in einem Bericht der „Nordsee Zeitung“.",
            want: &[("Die Werft sei insolvent", &["Bericht der Nordsee Zeitung"])],
        },
        SpeakerRow {
            name: "quoted_group_name_after_vom_is_part_of_the_speaker",
            lang: Lang::De,
            body: "Die Demonstration bleibe friedlich, sagte Lea Kühn vom „Bündnis Hafen“.",
            want: &[(
                "Die Demonstration bleibe friedlich",
                &["Lea Kühn vom Bündnis Hafen"],
            )],
        },
        SpeakerRow {
            name: "quoted_hearer_after_sagte_is_no_speaker",
            lang: Lang::De,
            body: "Der Kapitän sagte der „Morgenpost“, das Schiff sei sicher.",
            want: &[("das Schiff sei sicher", &["Kapitän"])],
        },
        SpeakerRow {
            name: "bezeichnen_plural_present_is_a_cue",
            lang: Lang::De,
            body: "Die Anwohner bezeichnen den Neubau als Zumutung für das ganze Viertel.",
            want: &[(
                "Die Anwohner bezeichnen den Neubau als Zumutung für das ganze Viertel",
                &["Anwohner"],
            )],
        },
        SpeakerRow {
            name: "mit_etwas_gerechnet_is_a_prediction",
            lang: Lang::De,
            body: "Die Reederei hatte mit einem Verlust von zwei Millionen Euro gerechnet.",
            want: &[(
                "Die Reederei hatte mit einem Verlust von zwei Millionen Euro gerechnet",
                &["Reederei"],
            )],
        },
        SpeakerRow {
            name: "negative_verb_ending_a_relative_clause_reports_nothing",
            lang: Lang::De,
            body: "Der Deichplan, den der Kreistag im Jahr 2019 beschlossen hatte, sieht eine Räumung erst bei Sturmflut vor.",
            want: &[],
        },
        SpeakerRow {
            name: "article_after_a_comma_is_no_relative_clause",
            lang: Lang::De,
            body: "Die Sprecherin sagte, die Opposition habe das gefordert.",
            want: &[("die Opposition habe das gefordert", &["Sprecherin"])],
        },
        SpeakerRow {
            name: "passive_participle_cue_has_no_speaker_in_its_subject",
            lang: Lang::De,
            body: "Erwartet wird ein Anstieg der Mieten um drei Prozent.",
            want: &[],
        },
        SpeakerRow {
            name: "passive_cue_with_a_content_clause_keeps_the_content",
            lang: Lang::De,
            body: "Bemängelt wurde vor allem, dass die Warnung zu spät kam.",
            want: &[("dass die Warnung zu spät kam", &[])],
        },
        SpeakerRow {
            name: "active_present_of_the_same_verb_keeps_its_subject",
            lang: Lang::De,
            body: "Die Reederei erwartet, dass die Preise weiter steigen.",
            want: &[("dass die Preise weiter steigen", &["Reederei"])],
        },
        SpeakerRow {
            name: "a relative pronoun before the cue stands for the phrase before it",
            lang: Lang::En,
            body: "The plan was criticised by a local architect who said the new bridge would block the view of the harbour.",
            want: &[(
                "the new bridge would block the view of the harbour",
                &["local architect"],
            )],
        },
        SpeakerRow {
            name: "indirect content ends before the reporter's concessive clause",
            lang: Lang::En,
            body: "The harbour master said the fees were fair, although the council has not yet published the figures.",
            want: &[("the fees were fair", &["harbour master"])],
        },
        SpeakerRow {
            name: "a long frame of a speaker and a setting between two quotations joins them",
            lang: Lang::En,
            body: "\"The ferry will run again in May,\" said Tom Reed, the harbour master of the county port, at a crowded meeting in the town hall on Monday evening. \"We have ordered the parts.\"",
            want: &[(
                "\"The ferry will run again in May,\" said Tom Reed, the harbour master of the county port, at a crowded meeting in the town hall on Monday evening. \"We have ordered the parts.\"",
                &["Tom Reed"],
            )],
        },
        SpeakerRow {
            name: "negative: \"who\" after a verb of knowing opens a question, it names no speaker",
            lang: Lang::En,
            body: "Nobody in the village knows who said the bridge would close.",
            want: &[],
        },
        SpeakerRow {
            name: "negative: \"who\" after \"unclear\" opens a question, it names no speaker",
            lang: Lang::En,
            body: "It is unclear who told the council that the bridge would close.",
            want: &[],
        },
        SpeakerRow {
            name: "nominative_der_after_the_verb_is_the_subject_of_a_fronted_object",
            lang: Lang::De,
            body: "Die neue Regel zur Arbeitszeit stellte der Vorsitzende Karl Weinhold am Montag in Frage.",
            want: &[(
                "Die neue Regel zur Arbeitszeit stellte der Vorsitzende Karl Weinhold am Montag in Frage",
                &["Karl Weinhold"],
            )],
        },
        SpeakerRow {
            name: "fronted_object_with_a_possessive_and_impersonal_es",
            lang: Lang::De,
            body: "Eine ihrer ersten Aufgaben sieht es der neue Landrat Paul Freese an, die Kliniken im Kreis zu erhalten.",
            want: &[("die Kliniken im Kreis zu erhalten", &["Paul Freese"])],
        },
        SpeakerRow {
            name: "dative_der_after_the_verb_keeps_the_fronted_subject",
            lang: Lang::De,
            body: "Die Gewerkschaft sagte der Zeitschrift, der Streik werde fortgesetzt.",
            want: &[("der Streik werde fortgesetzt", &["Gewerkschaft"])],
        },
        SpeakerRow {
            name: "subject_before_the_verb_with_a_role_is_not_a_fronted_object",
            lang: Lang::De,
            body: "Die Sprecherin der Stadt nannte der Kommission am Abend neue Zahlen.",
            want: &[(
                "Die Sprecherin der Stadt nannte der Kommission am Abend neue Zahlen",
                &["Sprecherin der Stadt"],
            )],
        },
        SpeakerRow {
            name: "age_adjective_with_digits_opens_the_speaker",
            lang: Lang::De,
            body: "Der Umbau sei zu teuer gewesen, sagte der 64-jährige Bauunternehmer am Dienstag.",
            want: &[(
                "Der Umbau sei zu teuer gewesen",
                &["64-jährige Bauunternehmer"],
            )],
        },
        SpeakerRow {
            name: "age_adjective_with_digits_before_a_name",
            lang: Lang::En,
            body: "The river rose faster this year, 71-year-old farmer Ruth Dale said.",
            want: &[("The river rose faster this year", &["Ruth Dale"])],
        },
        SpeakerRow {
            name: "auxiliary_after_an_adverbial_opener_then_subject_with_apposition",
            lang: Lang::De,
            body: "Vor einer Woche hatte ein Sprecher auf der Insel, Tom Berger, erklärt, die Fähren würden wieder fahren.",
            want: &[("die Fähren würden wieder fahren", &["Tom Berger"])],
        },
        SpeakerRow {
            name: "numeral_age_after_an_article_is_the_speaker",
            lang: Lang::De,
            body: "Am Freitag sagte der 72-jährige in einem Gespräch mit dem Sender, dass er keine Angst gehabt habe.",
            want: &[("dass er keine Angst gehabt habe", &["72-jährige"])],
        },
        SpeakerRow {
            name: "nach_a_document_noun_is_a_source",
            lang: Lang::De,
            body: "Nach einer Stellungnahme der Feuerwehr war der Brand bereits am Morgen gelöscht.",
            want: &[(
                "war der Brand bereits am Morgen gelöscht",
                &["Stellungnahme der Feuerwehr"],
            )],
        },
        SpeakerRow {
            name: "nach_a_law_is_a_source",
            lang: Lang::De,
            body: "Nach dem neuen Landesgesetz müssen alle Gemeinden bis 2030 einen Wärmeplan vorlegen.",
            want: &[(
                "müssen alle Gemeinden bis 2030 einen Wärmeplan vorlegen",
                &["neuen Landesgesetz"],
            )],
        },
        SpeakerRow {
            name: "subordinate_clause_subject_follows_the_conjunction",
            lang: Lang::De,
            body: "Obwohl die Kämmerin mit Einnahmen von bis zu 2,5 Millionen Euro rechnet, sei der Haushalt nicht gesichert.",
            want: &[("sei der Haushalt nicht gesichert", &["Kämmerin"])],
        },
        SpeakerRow {
            name: "decimal_comma_does_not_end_the_clause",
            lang: Lang::De,
            body: "Der Verband berichtete von einem Anstieg um 4,2 Prozent im ersten Quartal.",
            want: &[(
                "Der Verband berichtete von einem Anstieg um 4,2 Prozent im ersten Quartal",
                &["Verband"],
            )],
        },
        SpeakerRow {
            name: "rechnet_with_a_prepositional_object_is_a_prediction",
            lang: Lang::De,
            body: "Die Reederei rechnet für das kommende Jahr mit deutlich weniger Fahrgästen.",
            want: &[(
                "Die Reederei rechnet für das kommende Jahr mit deutlich weniger Fahrgästen",
                &["Reederei"],
            )],
        },
        SpeakerRow {
            name: "beziffert_names_a_figure",
            lang: Lang::De,
            body: "Den Schaden beziffert die Versicherung auf rund zwei Millionen Euro.",
            want: &[(
                "Den Schaden beziffert die Versicherung auf rund zwei Millionen Euro",
                &["Versicherung"],
            )],
        },
        SpeakerRow {
            name: "sich_ausgesprochen_is_a_demand",
            lang: Lang::De,
            body: "Der Elternbeirat hat sich am Mittwoch für längere Öffnungszeiten der Bibliothek ausgesprochen.",
            want: &[(
                "Der Elternbeirat hat sich am Mittwoch für längere Öffnungszeiten der Bibliothek ausgesprochen",
                &["Elternbeirat"],
            )],
        },
        SpeakerRow {
            name: "thousands_comma_stays_in_the_number",
            lang: Lang::En,
            body: "More than 1,200 homes lost power overnight, the utility said.",
            want: &[("More than 1,200 homes lost power overnight", &["utility"])],
        },
        SpeakerRow {
            name: "fronted_adverb_ending_in_end_is_no_speaker",
            lang: Lang::De,
            body: "Stellvertretend für den Vorstand empfahl der Kassenwart Ole Brandt, die Beiträge zu senken.",
            want: &[("die Beiträge zu senken", &["Kassenwart Ole Brandt"])],
        },
        SpeakerRow {
            name: "end_of_month_is_a_time_not_a_speaker",
            lang: Lang::De,
            body: "Ende Mai verkündete der Ruderverein, dass er das Bootshaus verkaufen werde.",
            want: &[("dass er das Bootshaus verkaufen werde", &["Ruderverein"])],
        },
        SpeakerRow {
            name: "pronominal_adverb_before_the_participle_is_skipped",
            lang: Lang::De,
            body: "Der Landkreis hatte die Schließung der Klinik damit begründet, dass zu wenige Ärzte zu finden seien.",
            want: &[("dass zu wenige Ärzte zu finden seien", &["Landkreis"])],
        },
        SpeakerRow {
            name: "parenthesis_inside_a_separable_verb",
            lang: Lang::De,
            body: "Die Hafenmeisterin Jana Ross teilte am Abend (Ortszeit) nach der Sperrung mit, dass alle Schiffe sicher seien.",
            want: &[(
                "dass alle Schiffe sicher seien",
                &["Hafenmeisterin Jana Ross"],
            )],
        },
        SpeakerRow {
            name: "machte_klar_is_a_cue",
            lang: Lang::De,
            body: "Das Landgericht machte klar, dass die Frist nicht verlängert werde.",
            want: &[("dass die Frist nicht verlängert werde", &["Landgericht"])],
        },
        SpeakerRow {
            name: "vertritt_die_ansicht_with_words_between",
            lang: Lang::De,
            body: "Die Klägerin vertritt ebenso wie ihr Anwalt die Ansicht, der Vertrag sei nichtig.",
            want: &[("der Vertrag sei nichtig", &["Klägerin"])],
        },
        SpeakerRow {
            name: "lehnt_ab_is_a_denial_with_its_speaker",
            lang: Lang::De,
            body: "Der Mieterverein lehnt einen Verkauf der Wohnungen ab, eine Sanierung sei aber denkbar.",
            want: &[("eine Sanierung sei aber denkbar", &["Mieterverein"])],
        },
        SpeakerRow {
            name: "passive_abgelehnt_has_no_speaker",
            lang: Lang::De,
            body: "Der Antrag der Fraktion wurde am Montag abgelehnt.",
            want: &[],
        },
        SpeakerRow {
            name: "reflexive_pronoun_before_an_inverted_speaker",
            lang: Lang::De,
            body: "„Die Zahlen steigen weiter“, äußerte sich die Leiterin der Agentur, Frieda Maas.",
            want: &[("„Die Zahlen steigen weiter“", &["Frieda Maas"])],
        },
        SpeakerRow {
            name: "reflexive_pronoun_before_a_bare_surname",
            lang: Lang::De,
            body: "„Ich halte die Gebühr für richtig“, äußerte sich Kranich.",
            want: &[("„Ich halte die Gebühr für richtig“", &["Kranich"])],
        },
        SpeakerRow {
            name: "heisst_without_es_is_naming_not_hearsay",
            lang: Lang::De,
            body: "Der neue Kapitän heißt Lars Petersen und kommt aus Husum.",
            want: &[],
        },
        SpeakerRow {
            name: "das_heisst_is_no_cue",
            lang: Lang::De,
            body: "Die Brücke bleibt gesperrt, das heißt, der Verkehr wird über die Dörfer geleitet.",
            want: &[],
        },
        SpeakerRow {
            name: "heisst_es_after_a_document_keeps_its_source",
            lang: Lang::De,
            body: "In dem Gutachten heißt es, die Mauer sei nicht mehr standsicher.",
            want: &[("die Mauer sei nicht mehr standsicher", &["Gutachten"])],
        },
        SpeakerRow {
            name: "fronted_sofort_is_no_speaker",
            lang: Lang::De,
            body: "Sofort nach der Abstimmung äußerte Wiebke Lorenz öffentlich ihre Enttäuschung über das Ergebnis.",
            want: &[(
                "Sofort nach der Abstimmung äußerte Wiebke Lorenz öffentlich ihre Enttäuschung über das Ergebnis",
                &["Wiebke Lorenz"],
            )],
        },
        SpeakerRow {
            name: "web_address_after_laut_is_a_source",
            lang: Lang::De,
            body: "Laut wetterblog.de fiel in der Nacht so viel Regen wie sonst in einem Monat.",
            want: &[(
                "fiel in der Nacht so viel Regen wie sonst in einem Monat",
                &["wetterblog.de"],
            )],
        },
        SpeakerRow {
            name: "open_compound_before_und_stays_in_the_speaker",
            lang: Lang::De,
            body: "Die Leiterin der Lehr- und Forschungsanstalt, Greta Holm, sagte, dass zwei Boote vermisst würden.",
            want: &[("dass zwei Boote vermisst würden", &["Greta Holm"])],
        },
        SpeakerRow {
            name: "laut_phrase_is_never_the_subject_of_a_verb",
            lang: Lang::De,
            body: "Laut kreisecho.de appellierte die Landrätin an die Bürger, Wasser zu sparen.",
            want: &[
                (
                    "appellierte die Landrätin an die Bürger, Wasser zu sparen",
                    &["kreisecho.de"],
                ),
                ("Wasser zu sparen", &["Landrätin"]),
            ],
        },
        SpeakerRow {
            name: "passive_perfect_with_the_auxiliary_after_keeps_the_content",
            lang: Lang::De,
            body: "Im Frühjahr war auf einer Tagung vorgeschlagen worden, die Fähre nachts fahren zu lassen.",
            want: &[("die Fähre nachts fahren zu lassen", &[])],
        },
        SpeakerRow {
            name: "a closing mark typed as the opening one still opens a signed quotation",
            lang: Lang::En,
            body: "”The ferry will stop running in winter. Nobody asked us.” ― Mara Quint",
            want: &[(
                "”The ferry will stop running in winter. Nobody asked us.”",
                &["Mara Quint"],
            )],
        },
        SpeakerRow {
            name: "a title names its source before a colon",
            lang: Lang::En,
            body: "Harbour Authority: Ferry Fares Will Rise in Spring\n\nThe new price list was published on Monday.",
            want: &[("Ferry Fares Will Rise in Spring", &["Harbour Authority"])],
        },
        SpeakerRow {
            name: "a title reports a statement with a reporting verb",
            lang: Lang::En,
            body: "Mayor says the old bridge will reopen in May\n\nThe repairs took longer than planned.",
            want: &[("the old bridge will reopen in May", &["Mayor"])],
        },
        SpeakerRow {
            name: "a title whose words before the colon hold a closed-class word names a topic, not a source",
            lang: Lang::En,
            body: "Storm Over Valley Towns: Roads Closed After Heavy Rain\n\nThe rain began on Sunday night.",
            want: &[],
        },
        SpeakerRow {
            name: "a title that opens with an article before its colon reports no one",
            lang: Lang::En,
            body: "The Week Ahead: Strikes, Storms and a Budget Vote\n\nThe council meets on Tuesday.",
            want: &[],
        },
        SpeakerRow {
            name: "German titles stay out of the claims (headline_sources: no)",
            lang: Lang::De,
            body: "Bürgermeisterin: Die Brücke wird im Mai wieder geöffnet\n\nDie Reparatur dauerte länger als geplant.",
            want: &[],
        },
        SpeakerRow {
            name: "a capitalised reporting verb in a title-case title is still a cue",
            lang: Lang::En,
            body: "Ferry Fares Will Rise in Spring, Harbour Chief Says\n\nThe new price list was published on Monday.",
            want: &[("Ferry Fares Will Rise in Spring", &["Harbour Chief"])],
        },
        SpeakerRow {
            name: "an apposition with a participle and its object stays in the speaker's phrase",
            lang: Lang::En,
            body: "\"The levy is unfair to small farms,\" Ann Lee, the mayor of Brookvale, one of the towns suing the county, said at a hearing.",
            want: &[("\"The levy is unfair to small farms,\"", &["Ann Lee"])],
        },
        SpeakerRow {
            name: "a cue form right after an article is a noun inside the speaker's apposition",
            lang: Lang::En,
            body: "\"We were never asked,\" Tom Reed, a lawyer for one of the states, said on Monday.",
            want: &[("\"We were never asked,\"", &["Tom Reed"])],
        },
        SpeakerRow {
            name: "a dateline of a place in capitals and a dash opens the first paragraph, not the speaker phrase",
            lang: Lang::En,
            body: "HILLTOWN -- Mayor Rosa Vidal, opening the new ferry pier on Saturday, said it would bring visitors back.",
            want: &[("it would bring visitors back", &["Rosa Vidal"])],
        },
    ]);
}

/// English speaker phrases keep the comma that closes an apposition; German ones do not.
#[test]
fn apposition_comma_belongs_to_the_speaker_in_english_only() {
    let span = |lang, body| {
        let article = run(lang, body);
        let speaker = &article.claims[0].speakers[0];
        article.text[speaker.start..speaker.end].to_string()
    };
    assert_eq!(
        span(
            Lang::En,
            "Ivo Marsh, the town's harbour master, said the pier will reopen in May."
        ),
        "Ivo Marsh, the town's harbour master,"
    );
    assert_eq!(
        span(Lang::En, "Ivo Marsh said the pier will reopen in May."),
        "Ivo Marsh"
    );
    assert_eq!(
        span(
            Lang::De,
            "Ivo Marsch, der Hafenmeister der Stadt, sagte, der Steg werde im Mai wieder geöffnet."
        ),
        "Ivo Marsch, der Hafenmeister der Stadt"
    );
}

/// One row of the mention table: the span of the speaker mention of each attributed claim,
/// with the name and role read from it.
struct MentionRow {
    name: &'static str,
    lang: Lang,
    body: &'static str,
    /// (mention as written, name, role) of the first speaker of each attributed claim.
    want: &'static [(&'static str, &'static str, Option<&'static str>)],
}

/// The mention table: which words of the text the speaker mention covers (the attribution
/// gold marks the whole phrase, appositions included), and which name and role it gives.
/// Rows are never deleted; a new fix adds a row.
#[test]
fn speaker_mention_table() {
    let rows = [
        MentionRow {
            name: "a long description after 'said' and the name runs to the sentence's end",
            lang: Lang::En,
            body: "\"The ferry will run again in spring,\" said Ann Lee, an economist who ran the budget office and now teaches at a college in Dover.",
            want: &[(
                "Ann Lee, an economist who ran the budget office and now teaches at a college in Dover",
                "Ann Lee",
                Some("economist"),
            )],
        },
        MentionRow {
            name: "a description without an article before the comma and the verb belongs to the mention",
            lang: Lang::En,
            body: "Tom Reed, senior associate at the Harbour Trust for school reform, said the plan was too expensive.",
            want: &[(
                "Tom Reed, senior associate at the Harbour Trust for school reform,",
                "Tom Reed",
                Some("senior associate at the Harbour Trust for school reform"),
            )],
        },
        MentionRow {
            name: "a possessive description of a country before the verb belongs to the mention",
            lang: Lang::En,
            body: "Even Norland, the island's only trading partner and its oldest ally, said it was opposed to the test.",
            want: &[(
                "Norland, the island's only trading partner and its oldest ally,",
                "Norland",
                Some("island's only trading partner and its oldest ally"),
            )],
        },
        MentionRow {
            name: "a participle after the name is no description of the speaker",
            lang: Lang::En,
            body: "Mayor Ruth Calder, speaking to a crowd at the pier, said the ferry would return.",
            want: &[("Mayor Ruth Calder", "Ruth Calder", Some("Mayor"))],
        },
        MentionRow {
            name: "a description followed by another verb than a cue stays out of the mention",
            lang: Lang::En,
            body: "Ann Lee, a nurse, has worked at the clinic for years, the paper said.",
            want: &[("the paper", "paper", None)],
        },
        MentionRow {
            name: "an age between commas after the name is part of the mention and no role",
            lang: Lang::En,
            body: "\"We are ready,\" Mia Kern, 31, told the Herald.",
            want: &[("Mia Kern, 31,", "Mia Kern", None)],
        },
        MentionRow {
            name: "a German name in apposition after a description with an article joins the mention",
            lang: Lang::De,
            body: "„Die Fähre fährt wieder im Frühjahr“, sagte der ältere Bruder des Bürgermeisters, Lukas Brandt.",
            want: &[(
                "der ältere Bruder des Bürgermeisters, Lukas Brandt",
                "Lukas Brandt",
                Some("ältere Bruder des Bürgermeisters"),
            )],
        },
        MentionRow {
            name: "a German apposition before a colon and a quotation belongs to the mention",
            lang: Lang::De,
            body: "Zur Eröffnung sagte Jonas Weber, Gründer des Vereins: „Wir bleiben am Hafen.“",
            want: &[(
                "Jonas Weber, Gründer des Vereins",
                "Jonas Weber",
                Some("Gründer des Vereins"),
            )],
        },
        MentionRow {
            name: "German 'in' before a possessive opens the setting of the speech, not more of the speaker",
            lang: Lang::De,
            body: "„Wir sind zufrieden“, sagte der Minister in seiner wöchentlichen Ansprache.",
            want: &[("der Minister", "Minister", None)],
        },
        MentionRow {
            name: "German 'in' before an article after a medium opens the setting of the speech",
            lang: Lang::De,
            body: "Die Zeitschrift „Hafenblick“ berichtete in ihrer jüngsten Ausgabe, die Werft sei verkauft.",
            want: &[(
                "Die Zeitschrift „Hafenblick“",
                "Zeitschrift Hafenblick",
                None,
            )],
        },
        MentionRow {
            name: "German 'in' before a place name stays in the speaker phrase",
            lang: Lang::De,
            body: "Die Botschaft in Tallinn erklärte, alle Reisenden seien sicher.",
            want: &[("Die Botschaft in Tallinn", "Botschaft in Tallinn", None)],
        },
    ];
    let mut failures = Vec::new();
    for row in &rows {
        let article = run(row.lang, row.body);
        let got: Vec<(String, String, Option<String>)> = article
            .claims
            .iter()
            .filter_map(|c| c.speakers.first())
            .map(|s| {
                let written = article.text[s.start..s.end].to_string();
                (written, s.name.clone(), s.role.clone())
            })
            .collect();
        let want: Vec<(String, String, Option<String>)> = row
            .want
            .iter()
            .map(|(w, n, r)| (w.to_string(), n.to_string(), r.map(str::to_string)))
            .collect();
        if got != want {
            failures.push(format!("{}:\n  want {want:?}\n  got  {got:?}", row.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Rows of the speaker ranker: which earlier mention a pronoun names, and which phrases are
/// no speaker. The pronoun keeps its offsets; the name is the person it resolves to.
#[test]
fn ranked_speaker_table() {
    check_speaker_rows(&[
        SpeakerRow {
            name: "a pronoun names the subject of the sentence before, not the hearer",
            lang: Lang::En,
            body: "Nora Vance met Colin Ashby at the depot on Monday. She said the buses would run again by June.",
            want: &[("the buses would run again by June", &["Nora Vance"])],
        },
        SpeakerRow {
            name: "a pronoun after 'told' skips the hearer of the sentence before",
            lang: Lang::En,
            body: "Ruth Calder told Ivan Pike about the flood plan. She said the dikes would be raised this year.",
            want: &[
                ("about the flood plan", &["Ruth Calder"]),
                ("the dikes would be raised this year", &["Ruth Calder"]),
            ],
        },
        SpeakerRow {
            name: "a name inside a quotation is no antecedent",
            lang: Lang::En,
            body: "Hugo Brandt spoke at the hall. \"Walter Ames never paid for the roof,\" he said.",
            want: &[("\"Walter Ames never paid for the roof,\"", &["Hugo Brandt"])],
        },
        SpeakerRow {
            name: "a pronoun names the person of the sentence before, not the speaker of an earlier paragraph",
            lang: Lang::En,
            body: "The depot will close in March, Mayor Otto Reiss said.\n\nLaura Finch runs the bakery next to the depot. She said she would lose half of her customers.",
            want: &[
                ("The depot will close in March", &["Otto Reiss"]),
                ("she would lose half of her customers", &["Laura Finch"]),
            ],
        },
        SpeakerRow {
            name: "a pronoun with a role of the other gender before it names the earlier person of its gender",
            lang: Lang::De,
            body: "Sprecherin Ida Korn und Minister Max Lau besuchten die Werft. Sie sagte, die Werft werde erweitert.",
            want: &[("die Werft werde erweitert", &["Ida Korn"])],
        },
        SpeakerRow {
            name: "a German pronoun names the role-introduced person of the sentence before",
            lang: Lang::De,
            body: "Landrätin Vera Holm besuchte am Montag das Klärwerk. Sie sagte, die Anlage sei zu klein.",
            want: &[("die Anlage sei zu klein", &["Vera Holm"])],
        },
        SpeakerRow {
            name: "a pronoun names a speaker the article gave by surname alone before a reporting verb",
            lang: Lang::En,
            body: "Varley said the harbour would stay closed. He said the ferries were empty all week.",
            want: &[
                ("the harbour would stay closed", &["Varley"]),
                ("the ferries were empty all week", &["Varley"]),
            ],
        },
        SpeakerRow {
            name: "a surname a pronoun resolved to still resolves to the full name the article gives later",
            lang: Lang::En,
            body: "Harbour news\n\nVarley said the harbour would stay closed. He said the ferries were empty.\n\nMayor Tom Varley spoke on Monday. Varley said the pier would reopen. He said the fares would fall.",
            want: &[
                ("the harbour would stay closed", &["Varley"]),
                ("the ferries were empty", &["Varley"]),
                ("the pier would reopen", &["Tom Varley"]),
                ("the fares would fall", &["Tom Varley"]),
            ],
        },
        SpeakerRow {
            name: "an acronym before a reporting verb is no antecedent of a person pronoun",
            lang: Lang::En,
            body: "NORDAG said the harbour would stay closed. He said the ferries were empty all week.",
            want: &[
                ("the harbour would stay closed", &["NORDAG"]),
                ("the ferries were empty all week", &[]),
            ],
        },
        SpeakerRow {
            name: "a pronoun with nobody before it gives no speaker rather than a pronoun name",
            lang: Lang::En,
            body: "He said the pier would reopen in May.",
            want: &[("the pier would reopen in May", &[])],
        },
        SpeakerRow {
            name: "German pronoun with nobody before it gives no speaker",
            lang: Lang::De,
            body: "Er sagte, der Steg werde im Mai wieder geöffnet.",
            want: &[("der Steg werde im Mai wieder geöffnet", &[])],
        },
        SpeakerRow {
            name: "a title's words are no antecedent of a pronoun",
            lang: Lang::En,
            body: "Harbour Works Delayed Again\n\nHe said the cranes would arrive late.",
            want: &[("the cranes would arrive late", &[])],
        },
        SpeakerRow {
            name: "a quantifier is no speaker",
            lang: Lang::En,
            body: "Many said the pier was unsafe after the storm.",
            want: &[("the pier was unsafe after the storm", &[])],
        },
        SpeakerRow {
            name: "a number word is no speaker",
            lang: Lang::En,
            body: "Two said the pier was unsafe after the storm.",
            want: &[("the pier was unsafe after the storm", &[])],
        },
        SpeakerRow {
            name: "a group noun is a speaker",
            lang: Lang::En,
            body: "Officials said the pier was unsafe after the storm.",
            want: &[("the pier was unsafe after the storm", &["Officials"])],
        },
        SpeakerRow {
            name: "German 'Viele' is no speaker",
            lang: Lang::De,
            body: "Viele sagten, der Steg sei nach dem Sturm unsicher.",
            want: &[("der Steg sei nach dem Sturm unsicher", &[])],
        },
        SpeakerRow {
            name: "German group noun 'Anwohner' is a speaker",
            lang: Lang::De,
            body: "Anwohner sagten, der Steg sei nach dem Sturm unsicher.",
            want: &[("der Steg sei nach dem Sturm unsicher", &["Anwohner"])],
        },
        SpeakerRow {
            name: "a possessive pronoun is no speaker's name",
            lang: Lang::En,
            body: "Ada Moss runs the ferry. Her campaign said the fares would fall in May.",
            want: &[("the fares would fall in May", &["Her campaign"])],
        },
        SpeakerRow {
            name: "a pronoun with a clitic gives the person, not \"he's\"",
            lang: Lang::En,
            body: "Colin Ashby runs the depot. \"We are short of drivers,\" he's said for months.",
            want: &[("\"We are short of drivers,\"", &["Colin Ashby"])],
        },
        SpeakerRow {
            name: "a stray 'and' is no part of the name",
            lang: Lang::En,
            body: "The depot will close, and Colin Ashby said the drivers would move to Dale.",
            want: &[("the drivers would move to Dale", &["Colin Ashby"])],
        },
        SpeakerRow {
            name: "a pronoun resolves through the surname of a person named earlier",
            lang: Lang::En,
            body: "Judge Mara Quint heard the case. Quint said the fine stood. She said the appeal came too late.",
            want: &[
                ("the fine stood", &["Mara Quint"]),
                ("the appeal came too late", &["Mara Quint"]),
            ],
        },
        SpeakerRow {
            name: "two pronoun claims in a row keep their person",
            lang: Lang::En,
            body: "Tessa Vole opened the new library on Friday. She said it cost less than planned. She said the shelves came from a local mill.",
            want: &[
                ("it cost less than planned", &["Tessa Vole"]),
                ("the shelves came from a local mill", &["Tessa Vole"]),
            ],
        },
        SpeakerRow {
            name: "a surname alone in the sentence before is the antecedent",
            lang: Lang::En,
            body: "Mayor Ines Vogel and Otto Brandt toured the pier. Brandt said the rails were rusted. Vogel listened. She said the repairs would start in April.",
            want: &[
                ("the rails were rusted", &["Otto Brandt"]),
                ("the repairs would start in April", &["Ines Vogel"]),
            ],
        },
        SpeakerRow {
            name: "a German surname subject of the sentence before wins over the speaker before it",
            lang: Lang::De,
            body: "Streit um den Steg\n\nBürgermeisterin Ines Vogel und Ingenieur Otto Brandt besichtigten den Steg. Vogel sagte, der Steg sei sicher.\n\nBrandt widersprach der Bürgermeisterin am Abend. Die Planken seien morsch, sagte er.",
            want: &[
                ("der Steg sei sicher", &["Ines Vogel"]),
                ("Die Planken seien morsch", &["Otto Brandt"]),
            ],
        },
        SpeakerRow {
            name: "a bare German name without a role is an antecedent",
            lang: Lang::De,
            body: "Greta Lindqvist eröffnete am Montag die neue Fähre. Sie sagte, die Überfahrt dauere nur noch zehn Minuten.",
            want: &[(
                "die Überfahrt dauere nur noch zehn Minuten",
                &["Greta Lindqvist"],
            )],
        },
        SpeakerRow {
            name: "a German demonstrative speaker names the person before it",
            lang: Lang::De,
            body: "Der Fall wurde von Ingenieur Emil Sander angezeigt. Dieser behauptete, das Holz sei feucht gewesen.",
            want: &[("das Holz sei feucht gewesen", &["Emil Sander"])],
        },
        SpeakerRow {
            name: "the nearer subject wins over an earlier speaker",
            lang: Lang::En,
            body: "The bridge is safe, said engineer Paul Grimm. Lisa Ortmann, who lives by the river, disagrees. She said the cracks had grown since May.",
            want: &[
                ("The bridge is safe", &["Paul Grimm"]),
                ("the cracks had grown since May", &["Lisa Ortmann"]),
            ],
        },
    ]);
}

/// Rows of the error classes seen on real news: each class has rows that pin its fix, and
/// negative rows where nothing may be attributed.
#[test]
fn error_class_table() {
    check_speaker_rows(&[
        // A fronted speech object: the subject follows the verb.
        SpeakerRow {
            name: "a fronted speech noun is the object; the role and name after the verb speak",
            lang: Lang::De,
            body: "Kritik an der neuen Satzung äußerte auch die Vorsitzende Lene Brandt.",
            want: &[(
                "Kritik an der neuen Satzung äußerte auch die Vorsitzende Lene Brandt",
                &["Lene Brandt"],
            )],
        },
        SpeakerRow {
            name: "fronted doubts with a masculine role after the verb",
            lang: Lang::De,
            body: "Zweifel an dem Zeitplan meldete der Bürgermeister Kai Sommer an.",
            want: &[(
                "Zweifel an dem Zeitplan meldete der Bürgermeister Kai Sommer an",
                &["Kai Sommer"],
            )],
        },
        SpeakerRow {
            name: "a subject before the verb keeps its speech object after it",
            lang: Lang::De,
            body: "Die Vorsitzende Lene Brandt äußerte Kritik an der neuen Satzung.",
            want: &[(
                "Die Vorsitzende Lene Brandt äußerte Kritik an der neuen Satzung",
                &["Lene Brandt"],
            )],
        },
        // Name, age, told an outlet.
        SpeakerRow {
            name: "a name with an age before 'told' is the speaker, the outlet the hearer",
            lang: Lang::En,
            body: "\"I have cousins in the valley,\" Rita Holm, 42, told the Gazette.",
            want: &[("\"I have cousins in the valley,\"", &["Rita Holm"])],
        },
        SpeakerRow {
            name: "a name with an age before 'told' after indirect content",
            lang: Lang::En,
            body: "The pier has been shut for months, Rita Holm, 42, told the Gazette.",
            want: &[("The pier has been shut for months", &["Rita Holm"])],
        },
        SpeakerRow {
            name: "a name with an age before 'said' stays the speaker",
            lang: Lang::En,
            body: "\"We sleep in the car now,\" Ben Ortiz, 57, said.",
            want: &[("\"We sleep in the car now,\"", &["Ben Ortiz"])],
        },
        // Junk claims from participle cues.
        SpeakerRow {
            name: "negative: 'suspected of' after a noun describes it",
            lang: Lang::En,
            body: "Two men suspected of theft were held at the border on Sunday.",
            want: &[],
        },
        SpeakerRow {
            name: "negative: 'accused of' after a noun describes it",
            lang: Lang::En,
            body: "Three clerks accused of fraud lost their jobs at the depot.",
            want: &[],
        },
        SpeakerRow {
            name: "negative: a noun 'dispute' after an article reports nothing",
            lang: Lang::En,
            body: "The ferry company is in a dispute with the port over its fees.",
            want: &[],
        },
        SpeakerRow {
            name: "a pronoun subject before 'suspected' still speaks",
            lang: Lang::En,
            body: "Nina Ross runs the shop. She suspected the lock had been forced.",
            want: &[("the lock had been forced", &["Nina Ross"])],
        },
        // Pronouns with clitics are never a speaker's name.
        SpeakerRow {
            name: "a group pronoun with a clitic gives no pronoun name",
            lang: Lang::En,
            body: "\"We are tired of waiting,\" we've said for months.",
            want: &[("\"We are tired of waiting,\"", &[])],
        },
        SpeakerRow {
            name: "'I'm' is no speaker's name",
            lang: Lang::En,
            body: "The plan will fail, I'm told by the engineers.",
            want: &[("The plan will fail", &[])],
        },
        // An organisation speaking through 'it'.
        SpeakerRow {
            name: "'In a statement, it said' names the organisation of the sentence before",
            lang: Lang::En,
            body: "The navy said the strike had been planned for weeks. Captain Ian Shore led the ships. In a statement, it said it had hit 40 targets.",
            want: &[
                ("the strike had been planned for weeks", &["navy"]),
                ("it had hit 40 targets", &["navy"]),
            ],
        },
        // German pronoun and recipient after an earlier paragraph's speaker.
        SpeakerRow {
            name: "'sagte sie der Zeitung' names the subject just before, not the earlier speaker",
            lang: Lang::De,
            body: "Streit um die Brücke\n\nDie Brücke sei marode, sagte Landrat Otto Kern.\n\nDie Ingenieurin Petra Sommer prüft die Pfeiler seit Jahren. „Wir müssen sofort handeln“, sagte sie der Zeitung.",
            want: &[
                ("Die Brücke sei marode", &["Otto Kern"]),
                ("„Wir müssen sofort handeln“", &["Petra Sommer"]),
            ],
        },
        SpeakerRow {
            name: "a German 'dass' clause with a pronoun names the subject of the sentence before",
            lang: Lang::De,
            body: "Verkehrsminister Bernd Falk traf am Montag die Bürgermeister. Er sagte, dass er mit einer schnellen Einigung rechne.",
            want: &[(
                "dass er mit einer schnellen Einigung rechne",
                &["Bernd Falk"],
            )],
        },
    ]);
}

/// More rows of the error classes: antecedents, fronted objects, ages, participles and phrases
/// that name nobody.
#[test]
fn error_class_table_more() {
    check_speaker_rows(&[
        SpeakerRow {
            name: "a vox-pop quote goes to the shopper it names, not the politician before",
            lang: Lang::En,
            body: "Mayor Ada Finch opened the market on Saturday. \"I don't know anyone who can pay these prices,\" Tom Reyes, a shopper, said.",
            want: &[(
                "\"I don't know anyone who can pay these prices,\"",
                &["Tom Reyes"],
            )],
        },
        SpeakerRow {
            name: "a pronoun after a body and a named commander names the commander",
            lang: Lang::En,
            body: "The guard patrolled the border all week. Colonel Rita Vance commands the unit. \"If they cross, we will act,\" she said.",
            want: &[("\"If they cross, we will act,\"", &["Rita Vance"])],
        },
        SpeakerRow {
            name: "'sagte er dem Sender' names the mayor of the sentence before",
            lang: Lang::De,
            body: "Bürgermeister Jonas Ebert eröffnete am Freitag die neue Halle. „Wir sind stolz darauf“, sagte er dem Sender.",
            want: &[("„Wir sind stolz darauf“", &["Jonas Ebert"])],
        },
        SpeakerRow {
            name: "a German pronoun names the minister who spoke in the sentence before",
            lang: Lang::De,
            body: "Innenministerin Clara Wendt besuchte am Dienstag die Feuerwache. Sie sagte, die Wache bekomme zwei neue Fahrzeuge.",
            want: &[("die Wache bekomme zwei neue Fahrzeuge", &["Clara Wendt"])],
        },
        SpeakerRow {
            name: "fronted praise: the chairman after the verb speaks",
            lang: Lang::De,
            body: "Lob für den Entwurf äußerte der Vorsitzende Paul Reiter.",
            want: &[(
                "Lob für den Entwurf äußerte der Vorsitzende Paul Reiter",
                &["Paul Reiter"],
            )],
        },
        SpeakerRow {
            name: "fronted concerns: the minister after 'auch' speaks",
            lang: Lang::De,
            body: "Bedenken gegen den Plan äußerte auch die Ministerin Eva Roth.",
            want: &[(
                "Bedenken gegen den Plan äußerte auch die Ministerin Eva Roth",
                &["Eva Roth"],
            )],
        },
        SpeakerRow {
            name: "negative: criticism as a subject without a speech verb",
            lang: Lang::De,
            body: "Die Kritik an dem Plan wächst seit Wochen.",
            want: &[],
        },
        SpeakerRow {
            name: "a name with an age before 'told reporters'",
            lang: Lang::En,
            body: "The rent doubled in a year, Sam Ito, 29, told reporters.",
            want: &[("The rent doubled in a year", &["Sam Ito"])],
        },
        SpeakerRow {
            name: "a quote, a name with an age and 'told' an outlet with an article",
            lang: Lang::En,
            body: "\"Nobody warned us,\" Lia Park, 64, told the Daily Courier.",
            want: &[("\"Nobody warned us,\"", &["Lia Park"])],
        },
        SpeakerRow {
            name: "negative: 'suspected of arson' after a plural noun",
            lang: Lang::En,
            body: "Four workers suspected of arson were questioned on Friday.",
            want: &[],
        },
        SpeakerRow {
            name: "negative: 'convicted of fraud' after a noun",
            lang: Lang::En,
            body: "The clerks convicted of fraud were released in May.",
            want: &[],
        },
        SpeakerRow {
            name: "an accusative object after an inverted verb is no speaker",
            lang: Lang::De,
            body: "Karl Brenner, der bei der Stadt für den Hafen zuständig ist, wies den Vorwurf zurück. In Zeiten knapper Kassen sei der Plan richtig.",
            want: &[
                (
                    "Karl Brenner, der bei der Stadt für den Hafen zuständig ist, wies den Vorwurf zurück",
                    &["Karl Brenner"],
                ),
                (
                    "In Zeiten knapper Kassen sei der Plan richtig",
                    &["Karl Brenner"],
                ),
            ],
        },
    ]);
}

/// Rows of the ranker's features: distance, subject slot, hearer, quotation, gender, and
/// phrases that name nobody.
#[test]
fn ranker_feature_table() {
    check_speaker_rows(&[
        SpeakerRow {
            name: "feature hearer: the person told is not the later pronoun's speaker",
            lang: Lang::En,
            body: "Dana Pruitt told Omar Field about the budget. She said the school would lose two teachers.",
            want: &[
                ("about the budget", &["Dana Pruitt"]),
                ("the school would lose two teachers", &["Dana Pruitt"]),
            ],
        },
        SpeakerRow {
            name: "feature gender: a feminine German pronoun skips the masculine role",
            lang: Lang::De,
            body: "Ministerin Ute Lorenz und Bürgermeister Max Hain besuchten den Hafen. Sie sagte, der Hafen werde ausgebaut.",
            want: &[("der Hafen werde ausgebaut", &["Ute Lorenz"])],
        },
        SpeakerRow {
            name: "feature gender: a masculine German pronoun skips the feminine role",
            lang: Lang::De,
            body: "Ministerin Ute Lorenz und Bürgermeister Max Hain besuchten den Hafen. Er sagte, der Hafen werde ausgebaut.",
            want: &[("der Hafen werde ausgebaut", &["Max Hain"])],
        },
        SpeakerRow {
            name: "feature quoted: a name inside a German quotation is no antecedent",
            lang: Lang::De,
            body: "Landrat Erik Stahl stand in der Halle. „Paul Weber hat das Dach nie bezahlt“, sagte er.",
            want: &[("„Paul Weber hat das Dach nie bezahlt“", &["Erik Stahl"])],
        },
        SpeakerRow {
            name: "feature previous sentence: the subject of the sentence just before wins",
            lang: Lang::En,
            body: "Coach Lena Hart trains the team. Assistant coach Ivo Kent drove the bus. He said the roads were icy.",
            want: &[("the roads were icy", &["Ivo Kent"])],
        },
        SpeakerRow {
            name: "a group noun as subject is a speaker",
            lang: Lang::En,
            body: "Residents said the water had tasted of metal for weeks.",
            want: &[("the water had tasted of metal for weeks", &["Residents"])],
        },
        SpeakerRow {
            name: "negative speaker: 'most' names nobody",
            lang: Lang::En,
            body: "Most said the bridge should be rebuilt.",
            want: &[("the bridge should be rebuilt", &[])],
        },
        SpeakerRow {
            name: "negative speaker: 'Einige' names nobody",
            lang: Lang::De,
            body: "Einige sagten, die Brücke müsse neu gebaut werden.",
            want: &[("die Brücke müsse neu gebaut werden", &[])],
        },
        SpeakerRow {
            name: "a stray 'but' is no part of the name",
            lang: Lang::En,
            body: "The shop will stay open, but Nils Berg said the prices would rise.",
            want: &[("the prices would rise", &["Nils Berg"])],
        },
        SpeakerRow {
            name: "a stray 'und' is no part of the German name",
            lang: Lang::De,
            body: "Der Laden bleibt offen, und Nils Berg sagte, die Preise würden steigen.",
            want: &[("die Preise würden steigen", &["Nils Berg"])],
        },
    ]);
}

/// Rows of plain frames in the three languages: the speaker phrase the frame proposes and the
/// person it resolves to.
#[test]
fn plain_frame_speaker_table() {
    check_speaker_rows(&[
        SpeakerRow {
            name: "English name before 'said that'",
            lang: Lang::En,
            body: "Vera Olsen said that the clinic would open a second floor in June.",
            want: &[(
                "the clinic would open a second floor in June",
                &["Vera Olsen"],
            )],
        },
        SpeakerRow {
            name: "English role and name after a quotation",
            lang: Lang::En,
            body: "\"The roof will hold,\" said inspector Carl Moody.",
            want: &[("\"The roof will hold,\"", &["Carl Moody"])],
        },
        SpeakerRow {
            name: "English 'according to' a role phrase",
            lang: Lang::En,
            body: "The tunnel will cost twice as much as planned, according to the city's auditor.",
            want: &[(
                "The tunnel will cost twice as much as planned",
                &["city's auditor"],
            )],
        },
        SpeakerRow {
            name: "English organisation before 'announced'",
            lang: Lang::En,
            body: "The water board announced that prices would rise by five percent.",
            want: &[("prices would rise by five percent", &["water board"])],
        },
        SpeakerRow {
            name: "English surname later resolves to the full name",
            lang: Lang::En,
            body: "Judge Petra Lind opened the hearing. Lind said the witnesses would be heard on Friday.",
            want: &[("the witnesses would be heard on Friday", &["Petra Lind"])],
        },
        SpeakerRow {
            name: "German name before 'sagte' and a comma clause",
            lang: Lang::De,
            body: "Vera Olsen sagte, die Klinik werde im Juni ein zweites Stockwerk eröffnen.",
            want: &[(
                "die Klinik werde im Juni ein zweites Stockwerk eröffnen",
                &["Vera Olsen"],
            )],
        },
        SpeakerRow {
            name: "German role and name after a quotation",
            lang: Lang::De,
            body: "„Das Dach hält“, sagte Prüfer Carl Moser.",
            want: &[("„Das Dach hält“", &["Carl Moser"])],
        },
        SpeakerRow {
            name: "German 'laut' and an organisation",
            lang: Lang::De,
            body: "Laut Wasserverband steigen die Preise im Herbst um fünf Prozent.",
            want: &[(
                "steigen die Preise im Herbst um fünf Prozent",
                &["Wasserverband"],
            )],
        },
        SpeakerRow {
            name: "German surname later resolves to the full name",
            lang: Lang::De,
            body: "Richterin Petra Lind eröffnete die Verhandlung. Lind sagte, die Zeugen würden am Freitag gehört.",
            want: &[("die Zeugen würden am Freitag gehört", &["Petra Lind"])],
        },
        SpeakerRow {
            name: "German 'zufolge' after an organisation",
            lang: Lang::De,
            body: "Dem Wetterdienst zufolge wird es am Wochenende stürmisch.",
            want: &[("wird es am Wochenende stürmisch", &["Wetterdienst"])],
        },
        SpeakerRow {
            name: "French name before 'a déclaré que'",
            lang: Lang::Fr,
            body: "Vera Olsen a déclaré que la clinique ouvrirait un deuxième étage en juin.",
            want: &[(
                "que la clinique ouvrirait un deuxième étage en juin",
                &["Vera Olsen"],
            )],
        },
        SpeakerRow {
            name: "French 'selon' and a name",
            lang: Lang::Fr,
            body: "Selon Paul Morel, le tunnel coûtera deux fois plus cher que prévu.",
            want: &[(
                "le tunnel coûtera deux fois plus cher que prévu",
                &["Paul Morel"],
            )],
        },
    ]);
}

/// Rows of frames that stand inside their content: a fronted clause before a parenthetical
/// frame, a quotation split by its frame, a prepositional frame in the middle of a clause; and
/// of news media that pass on what another source said.
#[test]
fn inner_frame_and_relay_table() {
    check_speaker_rows(&[
        SpeakerRow {
            name: "a fronted clause before 'told' a hearer is no claim of its own",
            lang: Lang::En,
            body: "Where the road ends, the farmer told reporters, the soil is poor.",
            want: &[("Where the road ends, the soil is poor", &["farmer"])],
        },
        SpeakerRow {
            name: "a fronted clause before 'said' and an adverbial keeps its comma",
            lang: Lang::En,
            body: "Where the road ends, the farmer said on Monday, the soil turns to clay.",
            want: &[("Where the road ends, the soil turns to clay", &["farmer"])],
        },
        SpeakerRow {
            name: "a fronted 'when' clause with a role and name in the frame",
            lang: Lang::En,
            body: "When the river rises, Mayor Ann Cole said, the town will close the bridge.",
            want: &[(
                "When the river rises, the town will close the bridge",
                &["Ann Cole"],
            )],
        },
        SpeakerRow {
            name: "a quotation split by 'the farmer said' is one claim without the frame",
            lang: Lang::En,
            body: "\"If the rain comes,\" the farmer said, \"we lose the crop.\"",
            want: &[("\"If the rain comes,\" \"we lose the crop.\"", &["farmer"])],
        },
        SpeakerRow {
            name: "a split quotation with a name and role between its parts",
            lang: Lang::En,
            body: "\"The dam is old,\" engineer Rosa Klein said, \"and the cracks are new.\"",
            want: &[(
                "\"The dam is old,\" \"and the cracks are new.\"",
                &["Rosa Klein"],
            )],
        },
        SpeakerRow {
            name: "a subject before a parenthetical frame joins its verb without the comma",
            lang: Lang::En,
            body: "The new ferry, the harbour master said, will carry 400 cars.",
            want: &[("The new ferry will carry 400 cars", &["harbour master"])],
        },
        SpeakerRow {
            name: "'nach Angaben von' a minister inside the clause is cut from the claim",
            lang: Lang::De,
            body: "Die Renten würden nach Angaben von Arbeitsminister Karl Weiß im Juli steigen.",
            want: &[("Die Renten würden im Juli steigen", &["Karl Weiß"])],
        },
        SpeakerRow {
            name: "'laut' an organisation inside the clause is cut from the claim",
            lang: Lang::De,
            body: "Die Fähre soll laut Reederei ab Mai wieder fahren.",
            want: &[("Die Fähre soll ab Mai wieder fahren", &["Reederei"])],
        },
        SpeakerRow {
            name: "', so die Direktorin weiter,' is cut with its adverb and commas",
            lang: Lang::De,
            body: "Der neue Kai, so die Direktorin weiter, werde im Mai fertig.",
            want: &[("Der neue Kai werde im Mai fertig", &["Direktorin"])],
        },
        SpeakerRow {
            name: "'according to' between commas inside the clause is cut from the claim",
            lang: Lang::En,
            body: "The bridge will, according to the city engineer, need new cables by 2027.",
            want: &[(
                "The bridge will need new cables by 2027",
                &["city engineer"],
            )],
        },
        SpeakerRow {
            name: "relay: party circles speak, the agency that reports them does not",
            lang: Lang::De,
            body: "Man werde nicht nachgeben, hieß es aus Kreisen der Partei, wie die Nachrichtenagentur berichtete.",
            want: &[("Man werde nicht nachgeben", &["Kreisen der Partei"])],
        },
        SpeakerRow {
            name: "relay: 'nach Angaben der Nachrichtenagentur' leaves the party circles speaking",
            lang: Lang::De,
            body: "Aus Kreisen der Partei verlautete nach Angaben der Nachrichtenagentur, man werde nicht nachgeben.",
            want: &[("man werde nicht nachgeben", &["Kreisen der Partei"])],
        },
        SpeakerRow {
            name: "relay: a newspaper reporting 'unter Berufung auf' party circles",
            lang: Lang::De,
            body: "Die Zeitung berichtete unter Berufung auf Parteikreise, der Vorstand werde zurücktreten.",
            want: &[("der Vorstand werde zurücktreten", &["Parteikreise"])],
        },
        SpeakerRow {
            name: "relay: an inverted 'meldete die Zeitung unter Berufung auf'",
            lang: Lang::De,
            body: "Der Vorstand werde zurücktreten, meldete die Zeitung unter Berufung auf Parteikreise.",
            want: &[("Der Vorstand werde zurücktreten", &["Parteikreise"])],
        },
        SpeakerRow {
            name: "relay: a spokesman quoted 'laut' an agency is the speaker",
            lang: Lang::De,
            body: "Der Kreml habe die Gespräche abgesagt, sagte Sprecher Igor Tamm laut der Nachrichtenagentur.",
            want: &[("Der Kreml habe die Gespräche abgesagt", &["Igor Tamm"])],
        },
        SpeakerRow {
            name: "relay: the Kremlin speaks 'according to' the state news agency",
            lang: Lang::En,
            body: "The talks were off, the Kremlin said, according to the state news agency.",
            want: &[("The talks were off", &["Kremlin"])],
        },
        SpeakerRow {
            name: "relay: a spokesman's words that the agency reported",
            lang: Lang::En,
            body: "Kremlin spokesman Igor Tamm said the talks were off, the agency reported.",
            want: &[("the talks were off", &["Igor Tamm"])],
        },
        SpeakerRow {
            name: "an agency alone reporting stays the speaker",
            lang: Lang::En,
            body: "The border crossing reopened on Sunday, the news agency reported.",
            want: &[("The border crossing reopened on Sunday", &["news agency"])],
        },
        SpeakerRow {
            name: "relay: a newspaper citing an unnamed source stays the speaker",
            lang: Lang::De,
            body: "Die Zeitung berichtete am Montag unter Berufung auf eine ungenannte Quelle, dass der Vorstand zurücktreten werde.",
            want: &[("dass der Vorstand zurücktreten werde", &["Zeitung"])],
        },
        SpeakerRow {
            name: "a participle phrase after a frame that closes a main clause is no content",
            lang: Lang::De,
            body: "Der Bürgermeister reiste nach Rom, berichtete die Zeitung am Montag, begleitet von zwei Beratern.",
            want: &[("Der Bürgermeister reiste nach Rom", &["Zeitung"])],
        },
        SpeakerRow {
            name: "'Selon lui' after 'Selon X' names X without the preposition",
            lang: Lang::Fr,
            body: "Selon Paul Morel, le tunnel coûtera deux fois plus cher. Selon lui, la décision est illégale.",
            want: &[
                ("le tunnel coûtera deux fois plus cher", &["Paul Morel"]),
                ("la décision est illégale", &["Paul Morel"]),
            ],
        },
    ]);
}

/// Reads a speaker table file: one row a line, tab-separated name, language, body (a
/// literal `\n` is a line break) and the claims wanted ("text => A; B", joined by " || ";
/// "-" for none). Lines starting with `#` are comments.
fn speaker_rows_from(table: &'static str) -> Vec<SpeakerRow> {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let cells: Vec<&'static str> = line.split('\t').collect();
            assert_eq!(cells.len(), 4, "four cells: {line}");
            let lang = match cells[1] {
                "de" => Lang::De,
                "en" => Lang::En,
                "fr" => Lang::Fr,
                other => panic!("unknown language {other}: {line}"),
            };
            let want: Vec<(&'static str, &'static [&'static str])> = if cells[3] == "-" {
                Vec::new()
            } else {
                cells[3]
                    .split(" || ")
                    .map(|claim| {
                        let (text, names) = claim.split_once(" =>").unwrap_or((claim, ""));
                        let names = split_stance(names).0;
                        let names: Vec<&'static str> = names
                            .split(';')
                            .map(str::trim)
                            .filter(|n| !n.is_empty())
                            .collect();
                        (text.trim(), &*Box::leak(names.into_boxed_slice()))
                    })
                    .collect()
            };
            SpeakerRow {
                name: cells[0],
                lang,
                body: leak(cells[2].replace("\\n", "\n")),
                want: Box::leak(want.into_boxed_slice()),
            }
        })
        .collect()
}

/// Splits a wanted claim's speakers from the stance written after them ("Ann Lee [warn]").
fn split_stance(names: &str) -> (&str, Option<&str>) {
    match names
        .trim_end()
        .strip_suffix(']')
        .and_then(|s| s.rsplit_once(" ["))
    {
        Some((names, stance)) => (names, Some(stance)),
        None => (names, None),
    }
}

/// Checks the stances a speaker table file writes after a claim's speakers ("=> Ann Lee
/// [warn]"): the attributed claim at that place must have that stance.
fn check_table_stances(table: &'static str) {
    let mut failures = Vec::new();
    for row in speaker_rows_from(table) {
        let line = table
            .lines()
            .find(|l| l.starts_with(&format!("{}\t", row.name)))
            .unwrap();
        let want = line.rsplit('\t').next().unwrap();
        let stances: Vec<Option<&str>> = want
            .split(" || ")
            .map(|claim| split_stance(claim.split_once(" =>").map_or("", |(_, n)| n)).1)
            .collect();
        let article = if row.body.contains("\n\n") {
            run_article(row.lang, format!("{}\n", row.body))
        } else {
            run(row.lang, row.body)
        };
        let got: Vec<&str> = attributed(&article)
            .iter()
            .map(|(_, _, _, stance)| stance.as_str())
            .collect();
        for (k, stance) in stances.iter().enumerate() {
            if let Some(stance) = stance
                && got.get(k) != Some(stance)
            {
                failures.push(format!("{}: want {stance} got {:?}", row.name, got.get(k)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The stances written in the speaker table files.
#[test]
fn speaker_table_file_stances() {
    check_table_stances(include_str!("../../../tests/fixtures/speaker-table/de.tsv"));
    check_table_stances(include_str!("../../../tests/fixtures/speaker-table/en.tsv"));
}

/// The speaker table kept as data: German rows, one rule each (role and name, organisation,
/// group, pronoun, hearer, continuation, negative rows).
#[test]
fn speaker_table_file_de() {
    check_speaker_rows(&speaker_rows_from(include_str!(
        "../../../tests/fixtures/speaker-table/de.tsv"
    )));
}

/// The speaker table kept as data: English rows.
#[test]
fn speaker_table_file_en() {
    check_speaker_rows(&speaker_rows_from(include_str!(
        "../../../tests/fixtures/speaker-table/en.tsv"
    )));
}
