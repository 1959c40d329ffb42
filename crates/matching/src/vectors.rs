//! The vector channel of "already checked?": what a text means, as a point in a space shared by
//! languages, so that a German wording finds the English claim it restates. Pure: the store keeps
//! each claim's vector ([`to_blob`]) and hands them to an [`Index`].
//!
//! A text's vector is the sum of the rows of its pieces in a static table distilled once from a
//! multilingual sentence encoder (`tools/distill/distill.py`; the table's card is
//! `docs/word-table.md`), normalised to length 1. The pieces are the encoder's own SentencePiece
//! vocabulary, cut to the letters of the lexicons' languages: a word is split into pieces by the
//! unigram model's log-probabilities (Viterbi, as SentencePiece does), and a character no piece
//! covers (digits, punctuation, other scripts) is skipped. The rows carry their weights (frequent
//! pieces count little), so a sum is the weighted mean.
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

/// The parsed table: pieces with their log-probabilities and row scales, and the rows.
struct Table {
    ids: HashMap<&'static str, u32>,
    logp: Vec<f32>,
    scale: Vec<f32>,
    rows: &'static [u8],
    /// The longest piece, in chars.
    longest: usize,
    /// The score of a character no piece covers (below any piece, as in SentencePiece).
    unknown: f32,
}

impl Table {
    fn parse(b: &'static [u8]) -> Option<Table> {
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
        };
        let f32_at = |at: usize| -> Option<f32> { Some(f32::from_bits(u32_at(at)?)) };
        if b.get(..4)? != b"CLWT" || u32_at(4)? != 1 || u32_at(12)? as usize != DIMS {
            return None;
        }
        let n = u32_at(8)? as usize;
        let mut at = 16;
        let mut table = Table {
            ids: HashMap::default(),
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
            table.longest = table.longest.max(piece.chars().count());
            table.ids.insert(piece, i as u32);
        }
        table.rows = b.get(at..at + n * DIMS)?;
        if at + n * DIMS != b.len() {
            return None;
        }
        table.unknown = table.logp.iter().copied().fold(0.0, f32::min) - 10.0;
        Some(table)
    }

    /// Adds the pieces of one whitespace-free word to `out` (ids, in order).
    fn word(&self, word: &str, out: &mut Vec<u32>) {
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
                if let Some(&id) = self.ids.get(&marked[starts[i]..starts[e]]) {
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

    fn row(&self, id: u32) -> (&[u8], f32) {
        let i = id as usize;
        (&self.rows[i * DIMS..(i + 1) * DIMS], self.scale[i])
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
        let (row, scale) = TABLE.row(id);
        for (s, &x) in sum.iter_mut().zip(row) {
            *s += f32::from(x as i8) * scale;
        }
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
        let mut all: Vec<(i64, f32)> = (0..self.ids.len())
            .map(|i| (self.ids[i], self.cosine_at(query, i)))
            .collect();
        let by_cosine = |a: &(i64, f32), b: &(i64, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if all.len() > k {
            all.select_nth_unstable_by(k, by_cosine);
            all.truncate(k);
        }
        all.sort_unstable_by(by_cosine);
        all
    }
}

/// How many claims the vector channel adds to the candidates of a look-up.
pub const CANDIDATES: usize = 30;
/// Weight of the cosine of meaning in the ranking score, beside the wording's share (which
/// is at most 1): small, so that within one language the wording still decides (higher
/// weights found the translation first more often and English matches less often).
pub const WEIGHT: f64 = 0.1;

/// Adds the channel's share to each candidate's wording score: the cosine of the query's
/// vector and the claim's (0 when negative or when the claim has none). Call before
/// `matching::order`.
pub fn fuse(scored: &mut [super::Scored], query: &[f32], index: &Index) {
    for s in scored {
        let cosine = index.cosine(query, s.id).unwrap_or(0.0).max(0.0);
        s.base += WEIGHT * f64::from(cosine);
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
        assert_eq!(TABLE.rows.len(), TABLE.ids.len() * DIMS);
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
    fn a_word_splits_into_known_pieces() {
        // However rare the word, its letters are covered by pieces.
        let ids = pieces("Donaudampfschifffahrtsgesellschaftskapitän");
        assert!(ids.len() >= 2, "{ids:?}");
    }
}
