#!/usr/bin/env bash
# Fails when a module of the future pure crates (core, lang, extract, checkworthy, matching)
# uses the file system, SQLite or the web stack: they are functions of their inputs, and
# reading files (training data, articles) belongs to the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

pure=(src/claim.rs src/extract src/checkworthy src/matching)
pattern='std::fs|\bfs::|std::\{[^}]*\bfs\b|\bFile::|\brusqlite\b|\baxum\b|\btokio\b'
if grep -rnE --include='*.rs' "$pattern" "${pure[@]}"; then
    echo "the lines above use the file system, SQLite or the web stack in a pure module" >&2
    exit 1
fi
echo "pure modules (${pure[*]}): no std::fs, rusqlite, axum or tokio"
