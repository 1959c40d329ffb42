//! JSON shapes: the extract contract (what the scorers read) and ledger exports.

use crate::claim::{Article, Claim};
use serde::Serialize;

/// The JSON of one extracted article, as `claimledger extract --format json` prints it. It
/// borrows from the article so that printing a large article does not copy it.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    pub language: &'a str,
    pub title: Option<&'a str>,
    pub publisher: Option<&'a str>,
    pub authors: &'a [String],
    pub dateline: Option<&'a str>,
    pub published: Option<&'a str>,
    pub claims: &'a [Claim],
}

/// Returns the serialisable view of an article.
pub fn article_json(article: &Article) -> ArticleJson<'_> {
    let meta = &article.meta;
    ArticleJson {
        language: &meta.language,
        title: meta.title.as_deref(),
        publisher: meta.publisher.as_deref(),
        authors: &meta.authors,
        dateline: meta.dateline.as_deref(),
        published: meta.published.as_deref(),
        claims: &article.claims,
    }
}
