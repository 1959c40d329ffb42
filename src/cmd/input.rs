//! Reading articles from files, directories and standard input, with errors that name the
//! file and say what to do.

use crate::claim::Article;
use crate::extract::{self, Format, Lang, Options};
use anyhow::{Context, bail};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Articles larger than this are refused: no news article is that long, and it protects memory.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// One document to read: a file, standard input, or a line of a .jsonl file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it came from, for messages and for the source record.
    pub origin: String,
    pub bytes: Vec<u8>,
    pub format: Format,
    /// Source details the input states (a .jsonl line's url, title, …).
    pub meta: crate::store::NewSource,
}

/// Reads a file or `-` (stdin) as raw bytes, refusing directories and missing files clearly.
pub fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_ARTICLE_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        if bytes.len() as u64 > MAX_ARTICLE_BYTES {
            bail!("standard input is larger than 64 MiB: split it into articles");
        }
        return Ok(utf16_to_utf8(bytes));
    }
    let meta = std::fs::metadata(path).map_err(|e| not_there(path, e))?;
    if meta.is_dir() {
        bail!(
            "{} is a directory: give article files (or use 'ingest DIR')",
            path.display()
        );
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        bail!(
            "{} is larger than 64 MiB: split it into articles",
            path.display()
        );
    }
    let bytes = std::fs::read(path).map_err(|e| not_there(path, e))?;
    Ok(utf16_to_utf8(bytes))
}

/// Says once that a path cannot be found (the OS's own "No such file" would repeat it), or
/// why it cannot be read.
fn not_there(path: &Path, e: std::io::Error) -> anyhow::Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        anyhow::anyhow!(
            "{}: no such file or directory: check the path",
            path.display()
        )
    } else {
        anyhow::anyhow!(
            "{}: cannot read it ({e}): check its permissions",
            path.display()
        )
    }
}

/// Re-encodes UTF-16 text (with a byte-order mark, or without one when every other byte is
/// zero) as UTF-8, so that a file saved as "Unicode" by Windows editors is not called binary.
pub fn utf16_to_utf8(bytes: Vec<u8>) -> Vec<u8> {
    let encoding = match bytes.as_slice() {
        [0xFF, 0xFE, ..] => encoding_rs::UTF_16LE,
        [0xFE, 0xFF, ..] => encoding_rs::UTF_16BE,
        _ if bytes.len() >= 8 && bytes.len().is_multiple_of(2) => {
            let zeros = |parity: usize| {
                bytes
                    .iter()
                    .skip(parity)
                    .step_by(2)
                    .filter(|&&b| b == 0)
                    .count()
            };
            let half = bytes.len() / 2;
            let (even, odd) = (zeros(0), zeros(1));
            if odd * 10 >= half * 9 && even == 0 {
                encoding_rs::UTF_16LE
            } else if even * 10 >= half * 9 && odd == 0 {
                encoding_rs::UTF_16BE
            } else {
                return bytes;
            }
        }
        _ => return bytes,
    };
    let (text, _, _) = encoding.decode(&bytes);
    text.into_owned().into_bytes()
}

/// Parses `--lang`.
pub fn parse_lang(lang: Option<&str>) -> anyhow::Result<Option<Lang>> {
    match lang {
        None => Ok(None),
        Some(code) => match Lang::from_code(code) {
            Some(l) => Ok(Some(l)),
            None => bail!("unknown language '{code}': use de, en or fr"),
        },
    }
}

/// Extracts one document, naming it in any error. A document whose title is given apart from its text (a .jsonl line's "title") has no title
/// line: its first line is body text.
pub fn extract_document(doc: &Document, opts: &Options) -> anyhow::Result<Article> {
    let untitled;
    let opts = if doc.meta.title.is_some() && opts.has_title {
        untitled = Options {
            has_title: false,
            ..opts.clone()
        };
        &untitled
    } else {
        opts
    };
    extract::extract_document(&doc.bytes, doc.format, opts).with_context(|| doc.origin.clone())
}

/// Expands files and directories (recursively) into documents: .txt and .html files, and
/// .jsonl files with one article per line (`{"text": …, "url"?: …, "html"?: …}`).
pub fn collect(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path == Path::new("-") {
            files.push(path.clone());
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| not_there(path, e))?;
        if meta.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read the directory", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if has_extension(&path, &["txt", "html", "htm", "jsonl"]) {
            out.push(path);
        }
    }
    Ok(())
}

fn has_extension(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads a path into its documents: one for a text or HTML file, one per line of a .jsonl.
/// The first bad line of a .jsonl is an error.
pub fn documents(path: &Path) -> anyhow::Result<Vec<Document>> {
    parts(path)?
        .into_iter()
        .map(|part| part.map_err(|(at, why)| anyhow::anyhow!("{at}: {why}")))
        .collect()
}

/// Reads a path into its documents, a bad line of a .jsonl standing on its own (so that the
/// other lines can still be ingested); an error when the file itself cannot be read.
pub fn parts(path: &Path) -> anyhow::Result<Vec<Part>> {
    let bytes = read_bytes(path)?;
    let origin = if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    if has_extension(path, &["jsonl"]) {
        return jsonl_documents(&origin, &bytes);
    }
    let format = Format::sniff(&origin, &bytes);
    Ok(vec![Ok(Document {
        origin,
        bytes,
        format,
        meta: Default::default(),
    })])
}

#[derive(serde::Deserialize)]
struct JsonlArticle {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    /// YYYY-MM-DD, or an ISO 8601 time whose date is taken.
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    authors: Option<Vec<String>>,
}

/// A document, or where an input's part could not be read (`file:line`) and why.
pub type Part = Result<Document, (String, String)>;

fn jsonl_documents(origin: &str, bytes: &[u8]) -> anyhow::Result<Vec<Part>> {
    let text = std::str::from_utf8(bytes)
        .with_context(|| format!("{origin}: a .jsonl file must be UTF-8"))?;
    let parts: Vec<Part> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let at = format!("{origin}:{}", i + 1);
            jsonl_line(&at, line).map_err(|why| (at, why))
        })
        .collect();
    if parts.is_empty() {
        bail!("{origin}: the file has no articles");
    }
    Ok(parts)
}

/// Reads one line of a .jsonl file: an article with its details.
fn jsonl_line(at: &str, line: &str) -> Result<Document, String> {
    let value: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| format!("not a JSON object with \"text\" or \"html\" ({e})"))?;
    let Some(object) = value.as_object() else {
        return Err("not a JSON object with \"text\" or \"html\"".to_string());
    };
    for field in ["text", "html", "url", "title", "publisher", "published"] {
        if let Some(v) = object.get(field).filter(|v| !v.is_string() && !v.is_null()) {
            return Err(format!("\"{field}\" must be a string, not {v}"));
        }
    }
    if let Some(v) = object.get("authors").filter(|v| {
        !v.is_null()
            && !v
                .as_array()
                .is_some_and(|a| a.iter().all(|x| x.is_string()))
    }) {
        return Err(format!("\"authors\" must be a list of names, not {v}"));
    }
    let article: JsonlArticle =
        serde_json::from_value(value).map_err(|e| format!("cannot be read: {e}"))?;
    let (body, format) = match (article.text, article.html) {
        (Some(t), _) => (t, Format::Text),
        (None, Some(h)) => (h, Format::Html),
        (None, None) => return Err("the object has neither \"text\" nor \"html\"".into()),
    };
    let published = match article.published.as_deref() {
        None => None,
        Some(d) => Some(
            crate::cmd::parse_date("\"published\"", d.get(..10).unwrap_or(d))
                .map_err(|e| e.to_string())?,
        ),
    };
    if let Some(url) = article
        .url
        .as_deref()
        .filter(|u| !crate::claim::is_web_address(u))
    {
        return Err(format!(
            "\"url\" '{url}' is not a URL: give an http:// or https:// address"
        ));
    }
    Ok(Document {
        origin: at.to_string(),
        bytes: body.into_bytes(),
        format,
        meta: crate::store::NewSource {
            url: article.url,
            title: article.title,
            publisher: article.publisher,
            published,
            language: None,
            authors: article.authors,
        },
    })
}
