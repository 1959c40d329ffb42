//! Article text out of an HTML page, with dom_smoothie (a port of Mozilla's Readability):
//! navigation, scripts and ads are dropped; title, byline and date come from the page.

use crate::claim::InputError;

/// The readable part of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageArticle {
    pub title: String,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    /// Paragraphs separated by blank lines, title first.
    pub text: String,
}

/// Extracts the article of an HTML page.
pub fn article_text(html: &str) -> Result<PageArticle, InputError> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut readability = dom_smoothie::Readability::new(html, None, Some(cfg))
        .map_err(|_| InputError::NoArticleText)?;
    let article = readability.parse().map_err(|_| InputError::NoArticleText)?;
    let body: String = article.text_content.to_string();
    let paragraphs: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(InputError::NoArticleText);
    }
    let title = article.title.trim().to_string();
    let mut text = String::with_capacity(body.len() + title.len() + 2);
    // The extractor reads the first line as the title.
    text.push_str(if title.is_empty() { "Untitled" } else { &title });
    text.push_str("\n\n");
    text.push_str(&paragraphs.join("\n\n"));
    text.push('\n');
    let published = article
        .published_time
        .as_deref()
        .and_then(|t| t.get(..10))
        .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        .map(str::to_string);
    Ok(PageArticle {
        title,
        byline: article
            .byline
            .map(|b| b.trim().to_string())
            .filter(|b| !b.is_empty()),
        published,
        site_name: article.site_name.filter(|s| !s.trim().is_empty()),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_article_and_drops_navigation() {
        let html = r#"<!doctype html><html><head><title>Council votes on bridge</title>
<meta property="article:published_time" content="2024-05-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<script>var tracking = 1;</script>
<article><h1>Council votes on bridge</h1>
<p>The city council voted 7 to 2 on Tuesday to fund a new bridge over the river, the mayor said.</p>
<p>"We will open it in 2026," said Mayor Jane Roe, who has backed the plan since 2021 and
expects the work to cost 40 million dollars according to the budget office of the city.</p>
<p>Opponents said the money should go to schools instead and that the vote came too early for a
decision of this size, which they want to bring before the voters next spring.</p>
</article><footer>Subscribe now</footer></body></html>"#;
        let page = article_text(html).unwrap();
        assert_eq!(page.title, "Council votes on bridge");
        assert!(page.text.contains("voted 7 to 2"), "{}", page.text);
        assert!(!page.text.contains("tracking"));
        assert!(!page.text.contains("Subscribe"));
        assert_eq!(page.published.as_deref(), Some("2024-05-02"));
    }
}
