#!/usr/bin/env bash
# Fails when a pure crate (core, lang, extract, checkworthy, matching) depends on SQLite or the
# web stack (`cargo tree`) or uses the file system, SQLite or the web stack in its code (grep):
# they are functions of their inputs, and reading files (training data, articles) belongs to
# the binary. A file's unit tests (from its `#[cfg(test)]` on) may read test data.
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
pattern='std::fs|(^|[^A-Za-z0-9_])(fs|File)::|std::\{[^}]*[^A-Za-z0-9_]fs[^A-Za-z0-9_]|(^|[^A-Za-z0-9_])(rusqlite|axum|tokio)([^A-Za-z0-9_]|$)'
# Each file up to its unit tests, with file names and line numbers.
if find "${crates[@]/#/crates/}" -name '*.rs' ! -name 'tests.rs' ! -name 'tests_*.rs' -print0 |
    xargs -0 awk -v pat="$pattern" '
        FNR == 1 { testing = 0 }
        /^#\[cfg\(test\)\]/ { testing = 1 }
        !testing && $0 ~ pat { print FILENAME ":" FNR ": " $0; found = 1 }
        END { exit found ? 0 : 1 }'; then
    echo "the lines above use the file system, SQLite or the web stack in a pure crate" >&2
    status=1
fi
[ "$status" = 0 ] && echo "pure crates (${crates[*]}): no std::fs, rusqlite, axum or tokio"
exit "$status"
