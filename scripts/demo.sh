#!/usr/bin/env bash
# `make demo`: start Neo4j (Docker if an engine answers, else a local server from Maven jars), apply the
# schema, ingest the seed articles and show where to look.
set -euo pipefail
cd "$(dirname "$0")/.."
COOPGRAPH=.venv/bin/coopgraph
PY=.venv/bin/python

docker_engine_answers() {
    command -v docker >/dev/null && timeout 10 docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1
}

if docker_engine_answers; then
    # The container takes its password from .env; `server start` generates one itself on a first start.
    "$PY" -c '
from coopgraph.graph.settings import ensure_password
_, generated = ensure_password()
if generated:
    print("No NEO4J_PASSWORD was set: generated one into ./.env (readable by you only).")
'
    # Browser with the project's style and guide, for the container's web folder (needs the Browser jar once).
    "$COOPGRAPH" browser web -o .coopgraph/web || echo "(Browser keeps its own start guide: see docs/browser.md)"
    echo "Starting Neo4j with Docker (docker compose up -d --wait)..."
    docker compose up -d --wait
else
    echo "No Docker engine: starting the local Neo4j server (coopgraph server start)..."
    "$COOPGRAPH" server start
fi

"$COOPGRAPH" db init
# Extract and load the seed articles: prints the summary and the Browser URL. Idempotent: a second
# `make demo` reports them unchanged.
"$COOPGRAPH" ingest seeds/

browser_url=$("$PY" -c 'from coopgraph.graph.settings import load_settings; print(load_settings().browser_url)')
echo
echo "Neo4j Browser: $browser_url  (user neo4j, password: NEO4J_PASSWORD in ./.env)"
echo
"$COOPGRAPH" db status
