//! JSON shapes: the extract contract (what the scorers read) and ledger exports.

use crate::claim::Article;
use serde_json::{Value, json};

/// The JSON of one extracted article, as `claimledger extract --format json` prints it.
pub fn article_json(article: &Article) -> Value {
    let meta = &article.meta;
    json!({
        "language": meta.language,
        "title": meta.title,
        "publisher": meta.publisher,
        "authors": meta.authors,
        "dateline": meta.dateline,
        "published": meta.published,
        "claims": article.claims,
    })
}
