#!/usr/bin/env bash
# Fails when a pure crate (core, lang, extract, checkworthy, matching) depends on SQLite or the
# web stack (`cargo tree`) or uses the file system, SQLite or the web stack in its code (grep):
# they are functions of their inputs, and reading files (training data, articles) belongs to
# the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

crates=(core lang extract checkworthy matching)
status=0
for c in "${crates[@]}"; do
    if cargo tree --offline -q -e normal -p "claimledger-$c" --prefix none |
        grep -E '^(rusqlite|axum|tokio|hyper) ' | sort -u | grep .; then
        echo "claimledger-$c depends on the crates above (SQLite or the web stack)" >&2
        status=1
    fi
done
pattern='std::fs|\bfs::|std::\{[^}]*\bfs\b|\bFile::|\brusqlite\b|\baxum\b|\btokio\b'
if grep -rnE --include='*.rs' "$pattern" "${crates[@]/#/crates/}"; then
    echo "the lines above use the file system, SQLite or the web stack in a pure crate" >&2
    status=1
fi
[ "$status" = 0 ] && echo "pure crates (${crates[*]}): no std::fs, rusqlite, axum or tokio"
exit "$status"
