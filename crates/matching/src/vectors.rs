//! The vector channel of "already checked?": what a text means, as a point in a space shared by
//! languages, so that a German wording finds the English claim it restates. Pure: the store keeps
//! each claim's vector ([`to_blob`]) and hands them to an [`Index`].
//!
//! A text's vector is the sum of the rows of its pieces in a static table distilled once from a
//! multilingual sentence encoder (`tools/distill/distill.py`; the table's card is
//! `docs/word-table.md`), normalised to length 1. The table's entries are whole words and the
//! encoder's own SentencePiece pieces, cut to the letters of the lexicons' languages: a word the
//! table holds (as written, or in lower case) is its own entry; any other word is split into
//! pieces by the unigram model's log-probabilities (Viterbi, as SentencePiece does), and a
//! character no piece covers (digits, punctuation, other scripts) is skipped. The rows carry
//! their weights (frequent pieces count little), so a sum is the weighted mean.
//!
//! The channel only proposes: a candidate found by meaning alone is a suggestion, never `same`
//! and never merged (the judgement of `same` reads words, see `same.rs`).

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Dimensions of a vector.
pub const DIMS: usize = 384;
/// The size of a claim's stored vector: an f32 scale and one i8 per dimension.
pub const BLOB_LEN: usize = 4 + DIMS;
/// The word-start marker of SentencePiece.
const MARK: char = '\u{2581}';

/// The table, embedded: written by `tools/distill/distill.py`, its SHA-256 in
/// `docs/word-table.md` and pinned by a test.
static TABLE_FILE: &[u8] = include_bytes!("table/words.bin");

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    // The file is part of the binary, and the tests read it whole: a malformed table is a
    // build that never passed them.
    Table::parse(TABLE_FILE).expect("the embedded word table is well-formed")
});

/// The parsed table: its entries (the pieces, then whole words) with their log-probabilities
/// and row scales, and the rows.
struct Table {
    ids: HashMap<&'static str, u32>,
    /// The first `pieces` entries are pieces, which split words; the rest are whole words.
    pieces: u32,
    logp: Vec<f32>,
    scale: Vec<f32>,
    /// 4-bit values, two a byte (the even dimension in the low half), each stored as value + 8.
    rows: &'static [u8],
    /// The longest piece, in chars.
    longest: usize,
    /// The score of a character no piece covers (below any piece, as in SentencePiece).
    unknown: f32,
}

/// The bytes of one row of the table.
const ROW_BYTES: usize = DIMS / 2;

impl Table {
    fn parse(b: &'static [u8]) -> Option<Table> {
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
        };
        let f32_at = |at: usize| -> Option<f32> { Some(f32::from_bits(u32_at(at)?)) };
        if b.get(..4)? != b"CLWT" || u32_at(4)? != 2 || u32_at(12)? as usize != DIMS {
            return None;
        }
        let n = u32_at(8)? as usize;
        let pieces = u32_at(16)?;
        if pieces as usize > n {
            return None;
        }
        let mut at = 20;
        let mut table = Table {
            ids: HashMap::default(),
            pieces,
            logp: Vec::with_capacity(n),
            scale: Vec::with_capacity(n),
            rows: &[],
            longest: 1,
            unknown: 0.0,
        };
        table.ids.reserve(n);
        for i in 0..n {
            let len = usize::from(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?));
            let piece = std::str::from_utf8(b.get(at + 2..at + 2 + len)?).ok()?;
            at += 2 + len;
            table.logp.push(f32_at(at)?);
            table.scale.push(f32_at(at + 4)?);
            at += 8;
            if i < pieces as usize {
                table.longest = table.longest.max(piece.chars().count());
            }
            table.ids.insert(piece, i as u32);
        }
        table.rows = b.get(at..at + n * ROW_BYTES)?;
        if at + n * ROW_BYTES != b.len() {
            return None;
        }
        table.unknown = table.logp[..pieces as usize]
            .iter()
            .copied()
            .fold(0.0, f32::min)
            - 10.0;
        Some(table)
    }

    /// Adds the entries of one whitespace-free word to `out` (ids, in order): the word's own
    /// entry when the table has it, as written or in lower case (a word that starts a
    /// sentence), else its pieces.
    fn word(&self, word: &str, out: &mut Vec<u32>) {
        let whole = |w: &str| self.ids.get(format!("{MARK}{w}").as_str()).copied();
        if let Some(id) = whole(word).or_else(|| whole(&word.to_lowercase())) {
            out.push(id);
            return;
        }
        self.split(word, out);
    }

    /// Adds the pieces of one whitespace-free word to `out` (ids, in order).
    fn split(&self, word: &str, out: &mut Vec<u32>) {
        // Byte offsets of the chars of "▁word".
        let marked: String = std::iter::once(MARK).chain(word.chars()).collect();
        let starts: Vec<usize> = marked
            .char_indices()
            .map(|(i, _)| i)
            .chain([marked.len()])
            .collect();
        let n = starts.len() - 1;
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        // (where the piece ending here starts, the piece or None for an unknown char)
        let mut back: Vec<(usize, Option<u32>)> = vec![(0, None); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=(i + self.longest).min(n) {
                if let Some(&id) = self
                    .ids
                    .get(&marked[starts[i]..starts[e]])
                    .filter(|&&id| id < self.pieces)
                {
                    let s = best[i] + self.logp[id as usize];
                    if s > best[e] {
                        best[e] = s;
                        back[e] = (i, Some(id));
                    }
                }
            }
            let s = best[i] + self.unknown;
            if s > best[i + 1] {
                best[i + 1] = s;
                back[i + 1] = (i, None);
            }
        }
        let from = out.len();
        let mut e = n;
        while e > 0 {
            let (i, id) = back[e];
            out.extend(id);
            e = i;
        }
        out[from..].reverse();
    }

    /// Adds row `id` to `sum`.
    fn add_row(&self, id: u32, sum: &mut [f32]) {
        let i = id as usize;
        let scale = self.scale[i];
        let row = &self.rows[i * ROW_BYTES..(i + 1) * ROW_BYTES];
        for (pair, &b) in sum.chunks_exact_mut(2).zip(row) {
            pair[0] += f32::from(i16::from(b & 15) - 8) * scale;
            pair[1] += f32::from(i16::from(b >> 4) - 8) * scale;
        }
    }
}

/// The pieces of a text, as ids into the table (NFKC first, as the encoder reads text).
fn pieces(text: &str) -> Vec<u32> {
    /// Words whose pieces a thread remembers: an ingest embeds every claim it stores, and most
    /// of their words were split before.
    const KEPT: usize = 100_000;
    thread_local! {
        static SPLIT: std::cell::RefCell<HashMap<String, Vec<u32>>> =
            std::cell::RefCell::new(HashMap::default());
    }
    let text: String = text.nfkc().collect();
    let mut out = Vec::new();
    SPLIT.with_borrow_mut(|split| {
        for word in text.split_whitespace() {
            if let Some(ids) = split.get(word) {
                out.extend_from_slice(ids);
                continue;
            }
            if split.len() >= KEPT {
                split.clear();
            }
            let mut ids = Vec::new();
            TABLE.word(word, &mut ids);
            out.extend_from_slice(&ids);
            split.insert(word.to_string(), ids);
        }
    });
    out
}

/// A text's vector, length 1; `None` when no piece of it is in the table (or they cancel out).
pub fn embed(text: &str) -> Option<Vec<f32>> {
    let mut sum = vec![0f32; DIMS];
    for id in pieces(text) {
        TABLE.add_row(id, &mut sum);
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if !norm.is_normal() {
        return None;
    }
    sum.iter_mut().for_each(|x| *x /= norm);
    Some(sum)
}

/// A vector as stored with its claim: its scale (f32, little endian) and one i8 per dimension.
pub fn to_blob(v: &[f32]) -> Vec<u8> {
    let top = v.iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if top > 0.0 { top / 127.0 } else { 1.0 };
    let mut out = Vec::with_capacity(BLOB_LEN);
    out.extend(scale.to_le_bytes());
    out.extend(
        v.iter()
            .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8 as u8),
    );
    out
}

/// The stored claim vectors, searched by brute force (an i8 dot product per claim).
#[derive(Default)]
pub struct Index {
    ids: Vec<i64>,
    scales: Vec<f32>,
    data: Vec<i8>,
    at: HashMap<i64, u32>,
}

impl Index {
    /// Adds a claim's stored vector; a blob of another length (not a vector) is ignored.
    pub fn push(&mut self, id: i64, blob: &[u8]) {
        let Some((scale, values)) = blob
            .split_first_chunk::<4>()
            .filter(|(_, v)| v.len() == DIMS)
        else {
            return;
        };
        self.at.insert(id, self.ids.len() as u32);
        self.ids.push(id);
        self.scales.push(f32::from_le_bytes(*scale));
        self.data.extend(values.iter().map(|&x| x as i8));
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn cosine_at(&self, query: &[f32], i: usize) -> f32 {
        let row = &self.data[i * DIMS..(i + 1) * DIMS];
        let dot: f32 = query.iter().zip(row).map(|(q, &x)| q * f32::from(x)).sum();
        dot * self.scales[i]
    }

    /// The cosine of a query vector and a claim's, when the claim has one.
    pub fn cosine(&self, query: &[f32], id: i64) -> Option<f32> {
        self.at.get(&id).map(|&i| self.cosine_at(query, i as usize))
    }

    /// The `k` claims closest to a query vector, closest first (ties by id).
    pub fn nearest(&self, query: &[f32], k: usize) -> Vec<(i64, f32)> {
        let all: Vec<(i64, f32)> = (0..self.ids.len())
            .map(|i| (self.ids[i], self.cosine_at(query, i)))
            .collect();
        best_of(all, k)
    }
}

/// The inverted-file index over claim vectors: every claim is filed in the list of its nearest
/// centroid, with a short code of its vector (the signs of its dimensions), and a look-up reads
/// the lists nearest the query until it has seen [`PROBE_BUDGET`] codes, ranks them by code and
/// scores the best [`RERANK`] exactly. So a look-up costs about the same in a ledger of ten
/// thousand claims as in one of ten million.
///
/// The centroids are fixed: derived once from the word table by [`derive_centroids`] (spherical
/// k-means over its rows, deterministic) and embedded (`table/centroids.bin`), so that a claim's
/// list depends on its vector alone and every ledger files a claim the same way.
pub const LISTS: usize = 256;
/// The length of a claim's code: one bit per dimension.
pub const CODE_LEN: usize = DIMS / 8;
/// How many codes a look-up reads at least (whole lists, nearest first), unless the ledger holds
/// fewer.
pub const PROBE_BUDGET: usize = 16_000;
/// At least this many lists are read.
pub const PROBE_LISTS: usize = 2;
/// How many claims of the best codes are scored by their whole vector.
pub const RERANK: usize = 200;

static CENTROIDS_FILE: &[u8] = include_bytes!("table/centroids.bin");

static CENTROIDS: LazyLock<Centroids> = LazyLock::new(|| {
    // Embedded like the table, and checked by the tests against what the table gives.
    Centroids::parse(CENTROIDS_FILE).expect("the embedded centroids are well-formed")
});

/// The centroids as stored: i8 values (widened to i16, so that a dot product with a claim's
/// vector vectorises as pairs of multiply-adds) with a scale per row.
struct Centroids {
    rows: Vec<i16>,
    scales: Vec<f32>,
}

impl Centroids {
    fn parse(b: &[u8]) -> Option<Centroids> {
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
        };
        if b.get(..4)? != b"CLVC"
            || u32_at(4)? != 1
            || u32_at(8)? as usize != LISTS
            || u32_at(12)? as usize != DIMS
            || b.len() != 16 + LISTS * BLOB_LEN
        {
            return None;
        }
        let mut c = Centroids {
            rows: Vec::with_capacity(LISTS * DIMS),
            scales: Vec::with_capacity(LISTS),
        };
        for row in b[16..].chunks_exact(BLOB_LEN) {
            c.scales.push(f32::from_le_bytes(row[..4].try_into().ok()?));
            c.rows.extend(row[4..].iter().map(|&x| i16::from(x as i8)));
        }
        Some(c)
    }
}

/// The centroids' file: `CLVC`, version 1, the number of lists and of dimensions (u32 little
/// endian), then each centroid as a stored vector ([`to_blob`]).
pub fn centroids_file(centroids: &[Vec<f32>]) -> Vec<u8> {
    let mut out = b"CLVC".to_vec();
    for n in [1, centroids.len() as u32, DIMS as u32] {
        out.extend(n.to_le_bytes());
    }
    for c in centroids {
        out.extend(to_blob(c));
    }
    out
}

/// The centroids of the index, from the word table alone: spherical k-means over the rows of
/// every fourth entry, each weighted by its row's length (the weight it has in a sum), the
/// first centroids evenly spaced among them, a fixed number of rounds. Deterministic: the same
/// table gives the same centroids.
pub fn derive_centroids() -> Vec<Vec<f32>> {
    const ROUNDS: usize = 12;
    let table = &*TABLE;
    let n = table.logp.len();
    let mut points: Vec<Vec<f32>> = Vec::new();
    let mut weights: Vec<f32> = Vec::new();
    for i in (0..n).step_by(4) {
        let mut v = vec![0f32; DIMS];
        table.add_row(i as u32, &mut v);
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm.is_normal() {
            points.push(v.iter().map(|x| x / norm).collect());
            weights.push(norm);
        }
    }
    let mut centroids: Vec<Vec<f32>> = (0..LISTS)
        .map(|k| points[k * points.len() / LISTS].clone())
        .collect();
    for _ in 0..ROUNDS {
        let mut sums = vec![vec![0f32; DIMS]; LISTS];
        for (p, &w) in points.iter().zip(&weights) {
            let best = nearest_of(&centroids, p);
            for (s, x) in sums[best].iter_mut().zip(p) {
                *s += w * x;
            }
        }
        for (c, s) in centroids.iter_mut().zip(sums) {
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            // A centroid no point chose keeps its place.
            if norm.is_normal() {
                *c = s.iter().map(|x| x / norm).collect();
            }
        }
    }
    centroids
}

fn nearest_of(centroids: &[Vec<f32>], p: &[f32]) -> usize {
    let mut best = (0, f32::NEG_INFINITY);
    for (k, c) in centroids.iter().enumerate() {
        let d: f32 = c.iter().zip(p).map(|(a, b)| a * b).sum();
        if d > best.1 {
            best = (k, d);
        }
    }
    best.0
}

/// The values of a stored vector, or `None` for a blob that is not one.
fn values(blob: &[u8]) -> Option<(f32, &[u8])> {
    let (scale, values) = blob.split_first_chunk::<4>()?;
    (values.len() == DIMS).then(|| (f32::from_le_bytes(*scale), values))
}

/// The list a stored vector is filed in: its nearest centroid.
pub fn list_of(blob: &[u8]) -> Option<u32> {
    let (_, v) = values(blob)?;
    let v: Vec<i16> = v.iter().map(|&x| i16::from(x as i8)).collect();
    let c = &*CENTROIDS;
    let mut best = (0u32, f32::NEG_INFINITY);
    for k in 0..LISTS {
        let d = dot_i16(&c.rows[k * DIMS..(k + 1) * DIMS], &v) as f32 * c.scales[k];
        if d > best.1 {
            best = (k as u32, d);
        }
    }
    Some(best.0)
}

/// The dot product of two rows of i8 values held as i16, in 16 lanes (exact: integers).
fn dot_i16(a: &[i16], b: &[i16]) -> i32 {
    let mut lanes = [0i32; 16];
    for (x, y) in a.chunks_exact(16).zip(b.chunks_exact(16)) {
        for i in 0..16 {
            lanes[i] += i32::from(x[i]) * i32::from(y[i]);
        }
    }
    lanes.iter().sum()
}

/// The code of a stored vector: bit `i` is set when dimension `i` is positive.
pub fn code_of(blob: &[u8]) -> Option<Vec<u8>> {
    let (_, v) = values(blob)?;
    Some(
        v.chunks_exact(8)
            .map(|byte| {
                byte.iter()
                    .enumerate()
                    .fold(0u8, |acc, (i, &x)| acc | (u8::from((x as i8) > 0) << i))
            })
            .collect(),
    )
}

/// The lists in the order a look-up reads them: nearest centroid first.
pub fn lists_nearest(query: &[f32]) -> Vec<u32> {
    let c = &*CENTROIDS;
    let mut order: Vec<(u32, f32)> = (0..LISTS)
        .map(|k| {
            let row = &c.rows[k * DIMS..(k + 1) * DIMS];
            let dot: f32 = query.iter().zip(row).map(|(q, &x)| q * f32::from(x)).sum();
            (k as u32, dot * c.scales[k])
        })
        .collect();
    order.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    order.into_iter().map(|(k, _)| k).collect()
}

/// Scores codes against one query: the query's dot product with the code's signs, read a byte
/// at a time from a table of the query's partial sums.
pub struct CodeScorer {
    sums: Vec<[f32; 256]>,
}

impl CodeScorer {
    pub fn new(query: &[f32]) -> CodeScorer {
        let sums = query
            .chunks_exact(8)
            .map(|q| {
                let mut t = [0f32; 256];
                for (byte, slot) in t.iter_mut().enumerate() {
                    *slot = q
                        .iter()
                        .enumerate()
                        .map(|(i, x)| if byte >> i & 1 == 1 { *x } else { -*x })
                        .sum();
                }
                t
            })
            .collect();
        CodeScorer { sums }
    }

    /// The score of a code (higher is nearer); a code of another length scores lowest.
    pub fn score(&self, code: &[u8]) -> f32 {
        if code.len() != CODE_LEN {
            return f32::NEG_INFINITY;
        }
        code.iter()
            .zip(&self.sums)
            .map(|(&b, t)| t[usize::from(b)])
            .sum()
    }
}

/// The `k` best of scored claims, best first (ties by id).
pub fn best_of(mut all: Vec<(i64, f32)>, k: usize) -> Vec<(i64, f32)> {
    let by_score = |a: &(i64, f32), b: &(i64, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if all.len() > k {
        all.select_nth_unstable_by(k, by_score);
        all.truncate(k);
    }
    all.sort_unstable_by(by_score);
    all
}

/// How many claims the vector channel adds to the candidates of a look-up.
pub const CANDIDATES: usize = 30;
/// Weight of the cosine of meaning in the ranking score of a claim in the query's language,
/// beside the wording's share (which is at most 1): small, so that within one language the
/// wording still decides (higher weights found English matches less often).
pub const WEIGHT: f64 = 0.2;
/// Weight of the cosine of a claim in another language, whose wording shares little with the
/// query's but names and numbers: there meaning decides, and the shared names break ties.
pub const WEIGHT_ACROSS: f64 = 1.6;

/// Adds the channel's share to each candidate's wording score: the cosine of the query's
/// vector and the claim's (0 when negative or when the claim has none), weighted by whether the
/// claim is in another language than the query (`across`). Call before `matching::order`.
pub fn fuse(
    scored: &mut [super::Scored],
    query: &[f32],
    index: &Index,
    across: impl Fn(i64) -> bool,
) {
    for s in scored {
        let cosine = index.cosine(query, s.id).unwrap_or(0.0).max(0.0);
        let weight = if across(s.id) { WEIGHT_ACROSS } else { WEIGHT };
        s.base += weight * f64::from(cosine);
        s.score = s.base;
    }
}

/// SHA-256 of the embedded table, as `docs/word-table.md` records it.
pub fn table_checksum() -> String {
    use sha2::Digest;
    sha2::Sha256::digest(TABLE_FILE)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cos(a: &str, b: &str) -> f32 {
        let (a, b) = (embed(a).unwrap(), embed(b).unwrap());
        a.iter().zip(&b).map(|(x, y)| x * y).sum()
    }

    #[test]
    fn the_table_checksum_is_the_one_its_card_records() {
        let card = include_str!("../../../docs/word-table.md");
        let sum = table_checksum();
        assert!(
            card.contains(&format!("`{sum}`")),
            "docs/word-table.md lacks {sum}"
        );
    }

    #[test]
    fn the_table_parses_whole() {
        assert!(TABLE.ids.len() > 1000);
        assert_eq!(TABLE.rows.len(), TABLE.ids.len() * ROW_BYTES);
        assert!(TABLE.pieces as usize <= TABLE.ids.len());
    }

    #[test]
    fn a_translation_is_closer_than_another_claim() {
        let de = "Die Arbeitslosigkeit ist im letzten Jahr stark gestiegen.";
        let en = "Unemployment rose sharply last year.";
        let other = "The new bridge was opened by the mayor on Sunday.";
        assert!(
            cos(de, en) > cos(de, other),
            "{} {}",
            cos(de, en),
            cos(de, other)
        );
    }

    #[test]
    fn text_without_known_pieces_has_no_vector() {
        assert_eq!(embed("  12 345 ... !!"), None);
        assert_eq!(embed(""), None);
    }

    #[test]
    fn a_stored_vector_keeps_its_direction() {
        let v = embed("Ferries run every hour from the harbour").unwrap();
        let mut index = Index::default();
        index.push(7, &to_blob(&v));
        index.push(
            8,
            &to_blob(&embed("Der Stadtrat hat den Haushalt beschlossen").unwrap()),
        );
        index.push(9, b"not a vector");
        assert_eq!(index.len(), 2);
        let c = index.cosine(&v, 7).unwrap();
        assert!((c - 1.0).abs() < 0.01, "{c}");
        assert_eq!(index.nearest(&v, 1)[0].0, 7);
        assert_eq!(index.cosine(&v, 9), None);
    }

    #[test]
    #[cfg_attr(
        debug_assertions,
        ignore = "k-means over the table: seconds in a release build"
    )]
    fn the_centroids_are_what_the_table_gives() {
        assert!(
            centroids_file(&derive_centroids()) == CENTROIDS_FILE,
            "table/centroids.bin is stale: cargo run --release --example vector_centroids"
        );
    }

    #[test]
    fn a_vector_is_filed_in_its_nearest_list_and_its_code_ranks_it_first() {
        let texts = [
            "Ferries run every hour from the harbour",
            "Der Stadtrat hat den Haushalt beschlossen",
            "Unemployment rose sharply last year",
        ];
        let blobs: Vec<Vec<u8>> = texts.iter().map(|t| to_blob(&embed(t).unwrap())).collect();
        for (text, blob) in texts.iter().zip(&blobs) {
            let query = embed(text).unwrap();
            // Its list is the one a look-up with its own vector reads first.
            assert_eq!(list_of(blob), Some(lists_nearest(&query)[0]), "{text}");
            let scorer = CodeScorer::new(&query);
            let own = scorer.score(&code_of(blob).unwrap());
            for other in blobs.iter().filter(|b| *b != blob) {
                assert!(own > scorer.score(&code_of(other).unwrap()), "{text}");
            }
        }
        assert_eq!(list_of(b"not a vector"), None);
        assert_eq!(code_of(b"not a vector"), None);
        assert_eq!(code_of(&blobs[0]).unwrap().len(), CODE_LEN);
    }

    #[test]
    fn the_lists_are_filled_by_claims_of_different_topics() {
        let lists: std::collections::BTreeSet<u32> = [
            "Ferries run every hour from the harbour",
            "Der Stadtrat hat den Haushalt beschlossen",
            "Unemployment rose sharply last year",
            "The vaccine was tested on ten thousand volunteers",
            "Le gouvernement a augmenté les impôts",
        ]
        .iter()
        .map(|t| list_of(&to_blob(&embed(t).unwrap())).unwrap())
        .collect();
        assert!(lists.len() >= 3, "{lists:?}");
    }

    #[test]
    fn a_word_the_table_holds_is_one_entry_as_written_or_in_lower_case() {
        // A whole word of the table, not a piece: one entry, not its pieces.
        let whole = pieces("Bürgermeister");
        assert_eq!(whole.len(), 1, "{whole:?}");
        assert!(whole[0] >= TABLE.pieces, "{whole:?}");
        // A word that starts a sentence finds the entry written in lower case.
        let lower = pieces("zunächst");
        assert_eq!(lower.len(), 1, "{lower:?}");
        assert_eq!(pieces("Zunächst"), lower);
    }

    #[test]
    fn a_word_splits_into_known_pieces() {
        // However rare the word, its letters are covered by pieces.
        let ids = pieces("Donaudampfschifffahrtsgesellschaftskapitän");
        assert!(ids.len() >= 2, "{ids:?}");
    }
}
