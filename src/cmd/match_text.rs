//! `claimledger match`: "has this been checked already?" for any text — the closest claims in
//! the ledger with score, status, latest verdict note and url.

use super::output;
use crate::claim::Status;
use crate::cli::{MatchArgs, MatchFormat};
use crate::matching::{self, Lookups, Prior, Scored, SpeakerVotes, vectors};
use crate::store::{Access, Ledger, MatchDetails};
use anyhow::{Context, bail};
use std::io::Write;

/// One match as printed.
#[derive(Debug, serde::Serialize)]
struct Printed {
    id: i64,
    score: f64,
    similarity: f64,
    /// The same proposition: what ingest merges without asking (judged for the best only).
    same: bool,
    /// Why the best match is not the same claim although it reads alike ("differs: rose ↔
    /// fell (opposite)", "roles swapped: …").
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    text: String,
    status: Status,
    url: Option<String>,
    verdict_note: Option<String>,
    speakers: Vec<String>,
    appearances: i64,
    /// The claim's language: its sources', or else the language its text is written in.
    language: String,
}

pub fn run(ledger: &Ledger, args: MatchArgs) -> anyhow::Result<()> {
    ledger.prepare_for_matching()?;
    let status: Option<Status> = args.status.as_deref().map(str::parse).transpose()?;
    let language = args
        .language
        .as_deref()
        .map(|code| {
            crate::extract::lexicon::Lang::from_code(code)
                .map(|l| l.code().to_string())
                .ok_or_else(|| {
                    super::UsageError(format!(
                        "--language {code}: not a language with a lexicon ({})",
                        crate::extract::lexicon::Lang::ALL
                            .iter()
                            .map(|l| l.code())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })
        })
        .transpose()?;
    if args.limit == 0 {
        bail!("--limit 0 asks for nothing: give 1 or more");
    }
    let Some(text) = &args.text else {
        return Err(super::UsageError(
            "nothing to match: give TEXT, - for standard input, or --each-line FILE".into(),
        )
        .into());
    };
    let queries: Vec<String> = if args.each_line {
        read_text(std::path::Path::new(text))?
            .lines()
            .map(str::to_string)
            .collect()
    } else {
        let text = if text == "-" {
            read_text(std::path::Path::new("-"))?
        } else {
            text.clone()
        };
        if text.trim().is_empty() {
            bail!("the text to match is empty: give the words of a claim");
        }
        vec![text]
    };
    let total = ledger.claim_count_estimate()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut matcher = Matcher::new(ledger, queries.len())?;
    let filter = Filter {
        status,
        language: language.as_deref(),
    };
    let mut done = 0;
    for block in queries.chunks(BLOCK) {
        let ranked = rank_block(&mut matcher, block, args.each_line, filter, total)?;
        for (query, scored) in block.iter().zip(ranked) {
            let printed = details(ledger, query, scored, args.limit)?;
            match args.format {
                MatchFormat::Jsonl => {
                    serde_json::to_writer(&mut out, &serde_json::json!({ "matches": printed }))?;
                    writeln!(out)?;
                }
                MatchFormat::Json => {
                    serde_json::to_writer_pretty(
                        &mut out,
                        &serde_json::json!({ "query": query, "matches": printed }),
                    )?;
                    writeln!(out)?;
                }
                MatchFormat::Table => table(&mut out, done, query, &printed, queries.len() > 1)?,
            }
            done += 1;
        }
    }
    out.flush()?;
    Ok(())
}

/// Which claims a look-up may find.
#[derive(Clone, Copy)]
struct Filter<'a> {
    status: Option<Status>,
    /// A language code: only claims in that language.
    language: Option<&'a str>,
}

/// How many lines of a file share one speaker prior: enough for a transcript's speakers to
/// show, and a bound on the rankings held at once.
const BLOCK: usize = 2_000;

/// Ranks the candidates of each text of a block. One text: with the ledger's speaker prior. The
/// lines of a file: a first pass by wording alone finds each line's best match, and then the
/// speakers of those best matches are the prior for every line (see [`Prior::File`]).
fn rank_block(
    matcher: &mut Matcher,
    block: &[String],
    each_line: bool,
    filter: Filter,
    total: i64,
) -> anyhow::Result<Vec<Vec<Scored>>> {
    if !each_line {
        let mut scored = score(matcher.ledger, &block[0], filter, &mut matcher.lookups)?;
        matching::order(&mut scored, &Prior::Ledger(total));
        return Ok(vec![scored]);
    }
    let mut first = first_pass(matcher, block, filter)?;
    let mut votes = SpeakerVotes::default();
    for best in first.iter().filter_map(|scored| scored.first()) {
        votes.vote(best);
    }
    for scored in &mut first {
        matching::order(scored, &Prior::File(&votes));
    }
    Ok(first)
}

/// The ledger and what its look-ups remember, with connections of their own for helper
/// threads: the look-ups of a long file are independent, and SQLite reads in parallel.
struct Matcher<'a> {
    ledger: &'a Ledger,
    lookups: Lookups,
    helpers: Vec<(Ledger, Lookups)>,
}

/// From how many lines a file is matched on more than one thread (each opens the ledger).
const PARALLEL_FROM: usize = 100;
/// At most this many threads.
const THREADS: usize = 4;

impl<'a> Matcher<'a> {
    fn new(ledger: &'a Ledger, lines: usize) -> anyhow::Result<Matcher<'a>> {
        let threads = if lines >= PARALLEL_FROM {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(THREADS))
        } else {
            1
        };
        let helpers: Vec<(Ledger, Lookups)> = (1..threads)
            .map(|_| {
                let helper = Ledger::open(std::path::Path::new(ledger.path()), Access::Read)?;
                helper.prepare_for_matching()?;
                helper.map_for_matching()?;
                Ok((helper, Lookups::default()))
            })
            .collect::<anyhow::Result<_>>()?;
        if !helpers.is_empty() {
            ledger.map_for_matching()?;
        }
        Ok(Matcher {
            ledger,
            lookups: Lookups::default(),
            helpers,
        })
    }
}

/// Each line's candidates scored by wording and ordered without a prior, the block shared out
/// among the matcher's threads in consecutive parts (the output keeps the lines' order).
fn first_pass(
    matcher: &mut Matcher,
    block: &[String],
    filter: Filter,
) -> anyhow::Result<Vec<Vec<Scored>>> {
    let part = block.len().div_ceil(matcher.helpers.len() + 1).max(1);
    let mut parts = block.chunks(part);
    let own = parts.next().unwrap_or_default();
    let by_wording = |ledger: &Ledger, lines: &[String], lookups: &mut Lookups| {
        lines
            .iter()
            .map(|query| {
                let mut scored = score(ledger, query, filter, lookups)?;
                matching::order(&mut scored, &Prior::None);
                Ok(scored)
            })
            .collect::<anyhow::Result<Vec<_>>>()
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .zip(matcher.helpers.iter_mut())
            .map(|(lines, (ledger, lookups))| {
                scope.spawn(move || by_wording(ledger, lines, lookups))
            })
            .collect();
        let mut out = by_wording(matcher.ledger, own, &mut matcher.lookups)?;
        for handle in handles {
            let lines = handle
                .join()
                .map_err(|_| anyhow::anyhow!("a matching thread stopped unexpectedly"))??;
            out.extend(lines);
        }
        Ok(out)
    })
}

/// The candidates for one text, from its words and from its meaning (the nearest claims of the
/// vector index, in any language), scored by wording and meaning (none for a blank line).
fn score(
    ledger: &Ledger,
    query: &str,
    filter: Filter,
    lookups: &mut Lookups,
) -> anyhow::Result<Vec<Scored>> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    let normalised = matching::normalise(query);
    let words = matching::content_words(&normalised);
    let status = filter.status;
    let mut candidates = ledger.match_candidates(&words, status, matching::CANDIDATES, lookups)?;
    let meaning = vectors::embed(query);
    let mut by_meaning = std::collections::HashSet::new();
    if let Some(meaning) = &meaning {
        let hits = ledger.nearest_claims(meaning, vectors::CANDIDATES)?;
        for c in ledger.vector_candidates(&hits, status, lookups)? {
            if !candidates.iter().any(|known| known.id == c.id) {
                by_meaning.insert(c.id);
                candidates.push(c);
            }
        }
    }
    if let Some(language) = filter.language {
        let mut kept = Vec::with_capacity(candidates.len());
        for c in candidates {
            if claim_language(ledger, c.id, &c.text)? == language {
                kept.push(c);
            }
        }
        candidates = kept;
    }
    // The claims in another language than the query's, whose meaning weighs more.
    let mut across = std::collections::HashSet::new();
    if meaning.is_some() {
        let own = crate::extract::detect_language(query).code();
        for c in &candidates {
            if claim_language(ledger, c.id, &c.text)? != own {
                across.insert(c.id);
            }
        }
    }
    let mut scored = matching::score(query, &candidates, lookups);
    for s in &mut scored {
        s.meaning_only = by_meaning.contains(&s.id);
    }
    if let Some(meaning) = &meaning {
        let ids: Vec<i64> = scored.iter().map(|s| s.id).collect();
        let index = ledger.claim_vectors(&ids)?;
        vectors::fuse(&mut scored, meaning, &index, |id| across.contains(&id));
    }
    Ok(scored)
}

/// A claim's language: its sources' when they record one, else the language its text is
/// written in.
fn claim_language(ledger: &Ledger, id: i64, text: &str) -> anyhow::Result<String> {
    Ok(match ledger.claim_language(id)? {
        Some(code) => code,
        None => crate::extract::detect_language(text).code().to_string(),
    })
}

/// The best `limit` claims of an ordered ranking, with what is printed about them; the best is
/// judged `same` or not against its text.
fn details(
    ledger: &Ledger,
    query: &str,
    mut ranked: Vec<Scored>,
    limit: usize,
) -> anyhow::Result<Vec<Printed>> {
    let found: Vec<MatchDetails> = ranked
        .iter()
        .take(limit)
        .map(|s| ledger.match_details(s.id))
        .collect::<Result<_, _>>()?;
    if let Some(top) = found.first() {
        // Free text has no stance: only the wording can differ.
        matching::decide_same(query, None, &mut ranked, &top.text, None);
    }
    let own = crate::extract::detect_language(query).code();
    let languages: Vec<String> = found
        .iter()
        .zip(&ranked)
        .map(|(d, s)| claim_language(ledger, s.id, &d.text))
        .collect::<anyhow::Result<_>>()?;
    Ok(ranked
        .into_iter()
        .zip(found)
        .zip(languages)
        .map(|((s, d), language)| {
            // A claim in another language is at most related: the same proposition is judged
            // on words, within one language.
            let other = language != own;
            Printed {
                id: s.id,
                score: round3(s.score),
                similarity: round3(s.similarity),
                same: s.same && !other,
                reason: if other {
                    Some("other language".to_string())
                } else {
                    s.conflict
                },
                text: d.text,
                status: d.status,
                url: d.url,
                verdict_note: d.verdict_note,
                speakers: d.speakers,
                appearances: d.appearances,
                language,
            }
        })
        .collect())
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Reads a text file (or standard input) and refuses binary or undecodable input.
fn read_text(path: &std::path::Path) -> anyhow::Result<String> {
    let bytes = super::input::read_bytes(path)?;
    crate::extract::decode::decode(&bytes).with_context(|| {
        if path == std::path::Path::new("-") {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        }
    })
}

fn table(
    out: &mut impl Write,
    i: usize,
    query: &str,
    printed: &[Printed],
    numbered: bool,
) -> anyhow::Result<()> {
    if numbered {
        writeln!(out, "line {}: {}", i + 1, output::shorten(query, 100))?;
    }
    let mut table = output::table(["id", "score", "same", "status", "claim", "verdict", "url"]);
    for p in printed {
        table.add_row(vec![
            p.id.to_string(),
            format!("{:.2}", p.score),
            if p.same { "yes" } else { "" }.to_string(),
            p.status.to_string(),
            output::shorten(&p.text, 80),
            p.verdict_note
                .as_deref()
                .map(|n| output::shorten(n, 40))
                .unwrap_or_default(),
            p.url.clone().unwrap_or_default(),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{} match(es)", printed.len())?;
    Ok(())
}
