#!/usr/bin/env bash
# Benchmarks: `bench/run.sh` (quick: 1k articles, under 5 minutes) or `bench/run.sh full` (10k real load,
# 100k bulk graph) or `bench/run.sh extract` (extraction vs natasha only, no Neo4j, about a minute). Progress
# goes to stderr; stdout is one table and, last, the one-line summary.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-quick}"
case "$profile" in
    quick|full|extract) ;;
    *) echo "usage: bench/run.sh [quick|full|extract]" >&2; exit 2 ;;
esac
PY="${PYTHON:-.venv/bin/python}"
if [[ ! -x "$PY" ]]; then
    echo "bench: $PY not found; run 'make setup' first (or set PYTHON)" >&2
    exit 2
fi
exec "$PY" -m bench.run "$profile"
