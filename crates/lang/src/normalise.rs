//! Normalising texts for matching: what a tweet or an article adds around a claim goes, case
//! and diacritics fold, so that the same claim reads the same wherever it appeared.

use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// A tweet's signature: "— Name (@handle) Month D, YYYY" at the end. The name stays (who said
/// it is part of the claim), the handle and the date go.
static TWEET_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s[—–]\s([^—–]*?)\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$")
        .expect("invariant: a valid literal regex")
});
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+")
        .expect("invariant: a valid literal regex")
});
/// @handles and #hashtags: their words are kept, camel case split.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[@#](\w+)").expect("invariant: a valid literal regex"));
static CAMEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Ll})(\p{Lu})").expect("invariant: a valid literal regex"));

/// The `[stopwords]` of every matching lexicon: the language of a query is not known when its
/// candidates are looked up.
static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    super::match_lexicon::all()
        .iter()
        .flat_map(|l| l.stopwords.iter().map(String::as_str))
        .collect()
});

/// Lower-cased, diacritics folded, URLs removed, handles and hashtags turned into words, the
/// tweet signature reduced to the author's name, quotation marks unified.
pub fn normalise(text: &str) -> String {
    fold_text(&clean(text, " $1 "))
}

/// The words of a claim as written (case kept), without what a tweet adds around it: URLs, the
/// signature (the author is not part of what is claimed), hashtags and handles as words.
pub fn claim_words(text: &str) -> String {
    clean(text, " ").into_owned()
}

/// URLs removed, handles and hashtags turned into words, the tweet signature replaced by
/// `tail` (`$1` is the author's name).
fn clean<'a>(text: &'a str, tail: &str) -> std::borrow::Cow<'a, str> {
    // Most texts hold no link, handle or signature: the regexes run only when one may be there.
    let text = if text.contains("(@") {
        TWEET_TAIL.replace(text, tail)
    } else {
        text.into()
    };
    let text = if text.contains("http") || text.contains("www.") || text.contains("pic.") {
        URL.replace_all(&text, " ").into_owned().into()
    } else {
        text
    };
    if text.contains(['@', '#']) {
        TAG.replace_all(&text, |c: &regex::Captures| {
            format!(" {} ", CAMEL.replace_all(&c[1], "$1 $2"))
        })
        .into_owned()
        .into()
    } else {
        text
    }
}

/// Case and diacritics folded, quotation marks unified.
fn fold_text(text: &str) -> String {
    // Character by character: a compatibility decomposition of each, combining marks dropped
    // (the same as NFKD of the whole text, whose reordering only moves the marks that go).
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(if c == '`' {
                '\''
            } else {
                c.to_ascii_lowercase()
            });
            continue;
        }
        unicode_normalization::char::decompose_compatible(c, |d| {
            if unicode_normalization::char::is_combining_mark(d) {
                return;
            }
            let d = match d {
                '“' | '”' | '„' | '«' | '»' | '‟' => '"',
                '’' | '‘' | '‚' | '‹' | '›' | '´' => '\'',
                _ => d,
            };
            out.extend(d.to_lowercase());
        });
    }
    out
}

/// The words of a normalised text: runs of letters and digits.
pub fn words(normalised: &str) -> impl Iterator<Item = &str> {
    normalised
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of a normalised text without function words ("the", "der", "said").
pub fn content_words(normalised: &str) -> Vec<&str> {
    words(normalised).filter(|w| !is_stopword(w)).collect()
}

/// True for a function word ("the", "der", "said") of the lexicons' `[stopwords]`.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tweets_lose_links_and_keep_names() {
        let t = "Größte #AustralianFires Hilfe https://t.co/x pic.twitter.com/y — Jane Roe (@janeRoe) January 14, 2020";
        assert_eq!(
            words(&normalise(t)).collect::<Vec<_>>(),
            ["großte", "australian", "fires", "hilfe", "jane", "roe"]
        );
        assert_eq!(
            normalise("@realJaneRoe said “no”"),
            " real jane roe  said \"no\""
        );
        assert_eq!(content_words("the wall will cost"), ["wall", "cost"]);
        // Plain ASCII takes the short way and reads the same as the long one.
        assert_eq!(normalise("It's `Big` NEWS"), "it's 'big' news");
        assert_eq!(normalise("It’s `Big` NEWS é"), "it's 'big' news e");
    }
}
