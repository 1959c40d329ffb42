//! `claimledger extract`: show the claims of articles without storing them.

use super::input;
use crate::checkworthy;
use crate::claim::Article;
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::export::json::article_json;
use crate::extract::{self, Lang, Lexicon, Options};
use anyhow::Context;
use std::io::Write;

pub fn run(args: ExtractArgs) -> anyhow::Result<()> {
    let opts = Options {
        lang: input::parse_lang(args.lang.as_deref())?,
        has_title: true,
    };
    let min = super::check_score(args.min_score)?;
    if args.each_line && args.format.is_some_and(|f| f != ExtractFormat::Jsonl) {
        return Err(super::UsageError(
            "--each-line prints one JSON line per input line: use --format jsonl, or leave --format out".into(),
        )
        .into());
    }
    let format = args.format.unwrap_or(ExtractFormat::Table);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Several articles as JSON are one array (one JSON document); one article stays one
    // object, which the shared scorers read.
    if format == ExtractFormat::Json && !args.each_line {
        use rayon::prelude::*;
        // The documents are extracted on every core; the array keeps their order, and the
        // error is the first one in that order, as when they are read one after the other.
        let mut documents = Vec::new();
        let mut unread = None;
        for path in &args.files {
            match input::documents(path) {
                Ok(more) => documents.extend(more),
                Err(e) => {
                    unread = Some(e);
                    break;
                }
            }
        }
        let extracted: Vec<anyhow::Result<Article>> = documents
            .par_iter()
            .map(|doc| {
                let mut article = input::extract_document(doc, &opts)?;
                checkworthy::score_and_select(&mut article, None, min);
                Ok(article)
            })
            .collect();
        let mut articles = Vec::with_capacity(extracted.len());
        for article in extracted {
            articles.push(article?);
        }
        if let Some(e) = unread {
            return Err(e);
        }
        let json: Vec<_> = articles.iter().map(article_json).collect();
        match json.as_slice() {
            [one] => serde_json::to_writer_pretty(&mut out, one)?,
            many => serde_json::to_writer_pretty(&mut out, many)?,
        }
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    for path in &args.files {
        if args.each_line {
            let bytes = input::read_bytes(path)?;
            let text =
                extract::decode::decode(&bytes).with_context(|| path.display().to_string())?;
            // Lines are scored with the model's weights for lines (see
            // checkworthy::train::LINES_WEIGHT_DE); articles keep the weights for claims.
            let opts = Options {
                has_title: false,
                ..opts.clone()
            };
            let model = checkworthy::embedded_for_lines();
            for line in text.lines() {
                // Each line is a whole text: no title line to skip. It is also scored whole
                // (a comment of questions has no claim, a claim may need its neighbours).
                let mut article = extract::extract(line.to_string(), &opts);
                checkworthy::score_and_select(&mut article, Some(&model), min);
                let lang = Lang::from_code(&article.meta.language).unwrap_or(Lang::En);
                let lex = Lexicon::get(lang);
                checkworthy::read_line_whole(line, &mut article.claims, lex, Some(&model), min);
                serde_json::to_writer(&mut out, &article_json(&article))?;
                writeln!(out)?;
            }
            continue;
        }
        for doc in input::documents(path)? {
            let mut article = input::extract_document(&doc, &opts)?;
            checkworthy::score_and_select(&mut article, None, min);
            print_article(&mut out, &article, format)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn print_article(
    out: &mut impl Write,
    article: &Article,
    format: ExtractFormat,
) -> anyhow::Result<()> {
    match format {
        ExtractFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &article_json(article))?;
            writeln!(out)?;
        }
        ExtractFormat::Jsonl => {
            writeln!(out, "{}", serde_json::to_string(&article_json(article))?)?
        }
        ExtractFormat::Table => {
            let meta = &article.meta;
            writeln!(
                out,
                "{} [{}]",
                meta.title.as_deref().unwrap_or("(untitled)"),
                meta.language
            )?;
            let mut table = comfy_table::Table::new();
            table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
            table.set_header(["#", "speakers", "cue", "mode", "stance", "score", "claim"]);
            for (i, c) in article.claims.iter().enumerate() {
                let speakers: Vec<String> = c.speakers.iter().map(|s| s.name.clone()).collect();
                table.add_row(vec![
                    (i + 1).to_string(),
                    speakers.join("; "),
                    c.cue.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
                    c.mode.to_string(),
                    c.stance.to_string(),
                    format!("{:.2}", c.checkworthiness),
                    c.text.clone(),
                ]);
            }
            writeln!(out, "{table}")?;
        }
    }
    Ok(())
}
