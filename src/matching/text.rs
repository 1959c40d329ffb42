//! Normalising texts for matching: what a tweet or an article adds around a claim goes, case
//! and diacritics fold, so that the same claim reads the same wherever it appeared.

use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

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

static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("stopwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

/// Lower-cased, diacritics folded, URLs removed, handles and hashtags turned into words, the
/// tweet signature reduced to the author's name, quotation marks unified.
pub fn normalise(text: &str) -> String {
    let text = TWEET_TAIL.replace(text, " $1 ");
    let text = URL.replace_all(&text, " ");
    let text = TAG.replace_all(&text, |c: &regex::Captures| {
        format!(" {} ", CAMEL.replace_all(&c[1], "$1 $2"))
    });
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' | '‟' => '"',
            '’' | '‘' | '‚' | '‹' | '›' | '`' | '´' => '\'',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a normalised text: runs of letters and digits.
pub fn words(normalised: &str) -> impl Iterator<Item = &str> {
    normalised
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of a normalised text without function words ("the", "der", "said").
pub fn content_words(normalised: &str) -> Vec<&str> {
    words(normalised)
        .filter(|w| !STOPWORDS.contains(w))
        .collect()
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
    }
}
