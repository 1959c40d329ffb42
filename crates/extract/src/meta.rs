//! Article metadata and boilerplate: title, publisher, authors, dateline and date, and which
//! lines are captions, counters, bylines, sub-headings or trailers that never hold claims.

use super::lexicon::{Lang, Lexicon};
use crate::claim::ArticleMeta;
use regex::Regex;
use std::sync::OnceLock;

/// A paragraph of body text as a byte range of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
}

struct Patterns {
    counter: Regex,
    byline: Regex,
    dateline: Regex,
    dateline_bare: Regex,
    title_publisher: Regex,
    caption: Regex,
    trailer: Regex,
    date_de: Regex,
    date_en: Regex,
    date_iso: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        counter: Regex::new(r"^\d{1,3}\s*/\s*\d{1,3}$").expect("valid regex"),
        byline: Regex::new(r"^(?:Von|By|Text:|Autor:|Autorin:)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s*(?:,|und|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})*)$").expect("valid regex"),
        dateline: Regex::new(r"^((?:\p{Lu}[\p{Lu}\p{Ll}.'’]*[ /-]?){1,4}?)(?:,[^()–—\n]{0,40})?\s*\(([^()\n]{2,30})\)\s*[–—-]+\s*").expect("valid regex"),
        // "… Von Reuters" (a capitalised "Von" cannot be a preposition at the end of a German
        // title); English titles are title-cased, so only wire-agency names count after "By".
        // "SPRINGFIELD -- …", "HILLTOWN, Ore. ― …": a place in capitals and a dash, no agency.
        dateline_bare: Regex::new(r"^((?:\p{Lu}[\p{Lu}.'’]*[ /-]?){1,4}?)(?:,\s*\p{Lu}[\p{L}.]{0,10})?\s+(?:--|[–—―-])\s+").expect("valid regex"),
        title_publisher: Regex::new(r"\s+(?:Von\s+(\p{Lu}[\p{L}&.-]*)|(?:By|[-|–])\s+(Reuters|AFP|AP|Bloomberg|UPI|Associated Press))\s*$").expect("valid regex"),
        caption: Regex::new(r"^(?:©|\(c\)|Copyright\b|Foto:|Photo:|Bild:|Image:|Picture:|FILE PHOTO\b)").expect("valid regex"),
        trailer: Regex::new(r"^(?i:source|quelle)\s+\S+$").expect("valid regex"),
        date_de: Regex::new(r"\b(\d{1,2})\.\s*(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\s+(\d{4})\b").expect("valid regex"),
        date_en: Regex::new(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s+(\d{4})\b").expect("valid regex"),
        date_iso: Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("valid regex"),
    })
}

/// Where the title `title` (as [`read`] found it) stands in `text`: at the start of the first
/// line that is not blank.
pub fn title_span(text: &str, title: &str) -> Option<(usize, usize)> {
    let start = text.len() - text.trim_start().len();
    text[start..]
        .starts_with(title)
        .then(|| (start, start + title.len()))
        .filter(|(a, b)| b > a)
}

/// Reads metadata from the top of the article and returns the body paragraphs that may hold
/// claims. `language` is filled in by the caller. With `has_title` false the first line is body
/// text too (a single sentence or comment rather than an article, or a text whose title is
/// given apart from it). A text of one line has no title line: it is a brief or a sentence,
/// and its one line holds what it says.
pub fn read(text: &str, has_title: bool) -> (ArticleMeta, Vec<Paragraph>) {
    let p = patterns();
    let mut meta = ArticleMeta::default();
    let mut paragraphs = Vec::new();
    let mut offset = 0;
    let one_line = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .nth(1)
        .is_none();
    let mut seen_title = !has_title || one_line;
    let mut seen_body = false;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let start = line_start + lead;
        let end = start + trimmed.len();
        if !seen_title {
            seen_title = true;
            let title = match p.title_publisher.captures(trimmed) {
                Some(c) => {
                    let name = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
                    meta.publisher = Some(name.to_string());
                    trimmed[..c.get(0).map_or(trimmed.len(), |m| m.start())].trim()
                }
                None => trimmed,
            };
            meta.title = Some(title.to_string());
            continue;
        }
        if let Some(c) = p.byline.captures(trimmed)
            && !seen_body
            && meta.authors.is_empty()
        {
            meta.authors = split_authors(&c[1]);
            continue;
        }
        if !seen_body && let Some(date) = date_line(trimmed) {
            meta.published = meta.published.or(Some(date));
            continue;
        }
        if p.counter.is_match(trimmed)
            || p.caption.is_match(trimmed)
            || is_heading(trimmed)
            || is_editor_note(trimmed)
            || ends_with_photo_credit(trimmed)
            || is_markup_or_trailer(trimmed)
        {
            continue;
        }
        if p.trailer.is_match(trimmed) {
            continue;
        }
        let mut body_start = start;
        if !seen_body {
            body_start += read_dateline(p, trimmed, &mut meta);
        }
        seen_body = true;
        paragraphs.push(Paragraph {
            start: body_start,
            end,
        });
    }
    (meta, paragraphs)
}

/// "BERLIN (Reuters) – …", "SPRINGFIELD -- …": the dateline that opens the first paragraph of
/// the body, a place in capitals with or without an agency. Records them in `meta` and
/// returns how many bytes of the line it takes (0 when there is none).
fn read_dateline(p: &Patterns, line: &str, meta: &mut ArticleMeta) -> usize {
    let Some(c) = p
        .dateline
        .captures(line)
        .or_else(|| p.dateline_bare.captures(line))
    else {
        return 0;
    };
    let place = c[1].trim().trim_end_matches(',').to_string();
    let capitals = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
    };
    // "Villeneuve, 5 déc (AGENCE) – …": agencies that write the place as a name put a day
    // after it and their own name in capitals.
    let dated = c.get(0).is_some_and(|m| {
        let head = &line[c.get(1).map_or(0, |p| p.end())..m.end()];
        head.starts_with(',')
            && head
                .split('(')
                .next()
                .is_some_and(|d| d.contains(char::is_numeric))
    });
    let agency_in_capitals = c.get(2).is_some_and(|a| capitals(a.as_str()));
    if !(capitals(&place) || dated && agency_in_capitals) {
        return 0;
    }
    meta.dateline = Some(place);
    let end = c.get(0).map_or(0, |m| m.end());
    // "BERLIN, 3. März 2024 (Reuters) –": a date in the dateline is the publication date.
    meta.published = meta.published.take().or_else(|| find_date(&line[..end]));
    let agency = c.get(2).map_or("", |m| m.as_str().trim());
    if meta.publisher.is_none() && !agency.is_empty() && agency.split_whitespace().count() <= 3 {
        meta.publisher = Some(agency.to_string());
    }
    end
}

/// "3. März 2024", "Updated March 3, 2024 10:15 a.m.": a short line above the body that
/// states a date, which is the publication date. A date inside the body (a birth date, the
/// day a treaty was signed) says nothing about when the article appeared.
fn date_line(line: &str) -> Option<String> {
    let (date, (a, b)) = find_date_at(line)?;
    let around = line[..a].split_whitespace().count() + line[b..].split_whitespace().count();
    (around <= 4).then_some(date)
}

/// All-caps sub-headings ("DELEGATION VON BEAMTEN") and short lines without sentence
/// punctuation carry no claims.
fn is_heading(line: &str) -> bool {
    // Counted without collecting the letters: every line of every article passes here.
    let mut letters = line.chars().filter(|c| c.is_alphabetic());
    if letters.clone().all(|c| c.is_uppercase()) && letters.nth(3).is_some() {
        return true;
    }
    // At most three words (without counting all the words of a long paragraph).
    let short = line.split_whitespace().nth(3).is_none();
    short && !line.ends_with(['.', '!', '?', '"', '“', '”', ':'])
}

/// "CLARIFICATION: An earlier version …", "KORREKTUR: …": an editor's note about the story,
/// labelled with a word of any lexicon's `[editor_notes]` in capitals.
fn is_editor_note(line: &str) -> bool {
    let Some((label, _)) = line.split_once(':') else {
        return false;
    };
    let label = label.trim();
    label.chars().all(|c| !c.is_lowercase())
        && Lang::ALL
            .iter()
            .any(|&l| Lexicon::get(l).editor_notes.contains(&label.to_lowercase()))
}

/// "… am Nordkai. Foto: Jens Albers/NPA", "… on Tuesday. Meridian News/Anton Brok",
/// "(Valley Press photo/Dan Whitley)": a caption that ends in a photo credit (a slash-joined
/// agency and photographer, or a caption label of any lexicon) instead of sentence punctuation.
fn ends_with_photo_credit(line: &str) -> bool {
    let tail = line.rsplit(['.', '!', '?']).next().unwrap_or(line).trim();
    let tail = tail.trim_start_matches('(').trim_end_matches(')');
    let words = tail.split_whitespace().count();
    if words == 0 || words > 7 || line.ends_with(['.', '!', '?', '"', '“', '”', '»']) {
        return false;
    }
    let labelled = tail.split_whitespace().any(|w| {
        let w = w.trim_end_matches(':').to_lowercase();
        Lang::ALL
            .iter()
            .any(|&l| Lexicon::get(l).caption_labels.contains(&w))
    });
    tail.contains('/') || labelled && tail.contains(':')
}

/// Raw markup left in a text file ("<tweet id=…>…</tweet>") and trailers that point to other
/// content ("Hören Sie dazu …", "Read more: …", words of any lexicon's `[trailers]`).
fn is_markup_or_trailer(line: &str) -> bool {
    let markup = line.starts_with('<')
        && line[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        && line.contains('>');
    markup || is_trailer(line)
}

/// Whether a line opens with the words of a trailer of any lexicon. Only the first words are
/// lowercased and compared (as many as the longest trailer): the line may be a long paragraph.
fn is_trailer(line: &str) -> bool {
    let longest = Lang::ALL
        .iter()
        .flat_map(|&l| Lexicon::get(l).trailers.iter().map(Vec::len))
        .max()
        .unwrap_or(0);
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    // Split again after lowercasing: "İ" lowercases to "i" and a combining dot, which is no
    // letter, so the words are those of the lowercased line.
    let words: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(longest)
        .flat_map(|w| split(&w.to_lowercase()))
        .collect();
    Lang::ALL.iter().any(|&l| {
        Lexicon::get(l)
            .trailers
            .iter()
            .any(|t| words.len() >= t.len() && words[..t.len()] == t[..])
    })
}

/// Authors of a byline. Without a conjunction the part after a comma is the author's office
/// or outlet ("Von Lena Kiefer, Studio Kranstedt", "By Rachel Okafor, Valley Press").
fn split_authors(list: &str) -> Vec<String> {
    let joined = list.contains(" und ") || list.contains(" and ") || list.contains('&');
    let list = if joined {
        list
    } else {
        list.split(',').next().unwrap_or(list)
    };
    list.split([',', '&'])
        .flat_map(|part| part.split(" und ").flat_map(|p| p.split(" and ")))
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

/// Finds a date stated in a line and returns it as YYYY-MM-DD.
pub fn find_date(line: &str) -> Option<String> {
    find_date_at(line).map(|(date, _)| date)
}

/// Finds a date stated in a line: YYYY-MM-DD and where it stands (a byte range).
fn find_date_at(line: &str) -> Option<(String, (usize, usize))> {
    let p = patterns();
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let ymd = |y: &str, m: usize, d: &str| -> Option<String> {
        let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m as u32, d.parse().ok()?)?;
        Some(date.format("%Y-%m-%d").to_string())
    };
    let span = |c: &regex::Captures| c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
    if let Some(c) = p.date_iso.captures(line) {
        return Some((ymd(&c[1], c[2].parse().ok()?, &c[3])?, span(&c)));
    }
    if let Some(c) = p.date_de.captures(line) {
        let m = DE.iter().position(|m| *m == &c[2])? + 1;
        return Some((ymd(&c[3], m, &c[1])?, span(&c)));
    }
    if let Some(c) = p.date_en.captures(line) {
        let m = EN.iter().position(|m| *m == &c[1])? + 1;
        return Some((ymd(&c[3], m, &c[2])?, span(&c)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Streit um neue Brücke in Flussstadt Von Reuters\n\n3/5\n\n\
© Reuters. Eine Brücke im Nebel. FOTO\n\nVon Anna Schreiber und Ben Feder\n\n3. März 2024\n\n\
FLUSSSTADT, Land (Reuters) – Der Bürgermeister sagte am 1. Februar 2024, die Brücke sei zu teuer.\n\n\
WEITERE PLÄNE\n\nDie Stadt plant zwei Fähren.\n\nsource site-7\n";

    #[test]
    fn metadata_from_a_wire_story() {
        let (meta, paragraphs) = read(ARTICLE, true);
        assert_eq!(
            meta.title.as_deref(),
            Some("Streit um neue Brücke in Flussstadt")
        );
        assert_eq!(meta.publisher.as_deref(), Some("Reuters"));
        assert_eq!(meta.authors, vec!["Anna Schreiber", "Ben Feder"]);
        assert_eq!(meta.dateline.as_deref(), Some("FLUSSSTADT"));
        assert_eq!(meta.published.as_deref(), Some("2024-03-03"));
        let bodies: Vec<&str> = paragraphs
            .iter()
            .map(|p| &ARTICLE[p.start..p.end])
            .collect();
        assert_eq!(
            bodies,
            vec![
                "Der Bürgermeister sagte am 1. Februar 2024, die Brücke sei zu teuer.",
                "Die Stadt plant zwei Fähren."
            ]
        );
    }

    #[test]
    fn publication_date_is_never_a_date_in_the_body() {
        // A portrait that gives a birth date, a report of a treaty signed years ago.
        for text in [
            "Ein Leben für die Orgel\n\nDie Organistin Ilse Marbach wurde am 5. Januar 1897 in Kesterby geboren.\n",
            "Treaty under review\n\nThe treaty was signed on July 6, 2011, the minister said.\n\nIt is under review.\n",
            "Der Vertrag wurde am 2019-04-01 unterzeichnet, sagte die Ministerin.\n",
        ] {
            let (meta, paragraphs) = read(text, true);
            assert_eq!(meta.published, None, "{text}");
            assert!(!paragraphs.is_empty());
        }
    }

    #[test]
    fn publication_date_from_the_dateline_or_a_date_line_at_the_top() {
        let (meta, _) = read(
            "Deich wird erhöht\n\nKESTERBY, 4. Mai 2025 (NPA) – Der Deich wird am 1. Juni 2026 erhöht.\n",
            true,
        );
        assert_eq!(meta.published.as_deref(), Some("2025-05-04"));
        let (meta, paragraphs) = read(
            "Dike to be raised\n\nUpdated May 4, 2025 10:15 a.m.\n\nThe dike, built on June 1, 1950, will be raised.\n",
            true,
        );
        assert_eq!(meta.published.as_deref(), Some("2025-05-04"));
        assert_eq!(paragraphs.len(), 1);
    }

    #[test]
    fn a_one_line_text_has_no_title_line() {
        let text = "Die Regierung müsse nun dafür sorgen, dass die Mieten bezahlbar bleiben, sagte die Ministerin.\n";
        let (meta, paragraphs) = read(text, true);
        assert_eq!(meta.title, None);
        assert_eq!(paragraphs.len(), 1);
    }

    #[test]
    fn markup_editor_notes_captions_and_trailers_are_no_body() {
        let text = "Titel des Berichts\n\nVon Ida Quast, Studio Kesterby\n\n\
Arbeiter am Deich. Foto: Ben Ohm/NPA\n\n\
KESTERBY (NPA) – Der Deich wird erhöht.\n\n\
<tweet id=\"5\">Der Deich ist zu niedrig</tweet>\n\n\
Hören Sie dazu einen Bericht aus Kesterby.\n\n\
KORREKTUR: In einer früheren Fassung hieß es, der Deich sei neu.\n\n\
CLARIFICATION: An earlier version misstated the height.\n";
        let (meta, paragraphs) = read(text, true);
        assert_eq!(meta.authors, vec!["Ida Quast".to_string()]);
        assert_eq!(meta.dateline.as_deref(), Some("KESTERBY"));
        let bodies: Vec<&str> = paragraphs.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(bodies, vec!["Der Deich wird erhöht."]);
    }

    #[test]
    fn english_dateline_and_byline() {
        let text =
            "Mayor quits\n\nBy Jane Roe\n\nRIVERTON, Ohio (UPI) — The mayor said he would quit.\n";
        let (meta, paragraphs) = read(text, true);
        assert_eq!(meta.authors, vec!["Jane Roe"]);
        assert_eq!(meta.dateline.as_deref(), Some("RIVERTON"));
        assert_eq!(meta.publisher.as_deref(), Some("UPI"));
        assert_eq!(
            &text[paragraphs[0].start..paragraphs[0].end],
            "The mayor said he would quit."
        );
    }
}
