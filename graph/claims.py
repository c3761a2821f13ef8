"""Event identity for the loader: an article's claims as graph rows; claims of many articles resolved into events."""

from __future__ import annotations

# The one module of the graph layer that reads the identity rules (coopgraph.ingest.identity: pure, it
# imports the records only; pyproject's import-linter contract allows this edge and no other), so that
# every path that builds rows (ingest, load_facts, --bulk, the benchmarks) keys events by one rule.
import hashlib
import json
from typing import Any

from coopgraph.ingest import identity
from coopgraph.ingest.records import ArticleFacts

Row = dict[str, Any]


def side_row(side: identity.Side | None) -> Row | None:
    return None if side is None else {"key": side.key, "country": side.country, "broad": side.broad}


def claim_spec(c: identity.Claim) -> Row:
    """Everything `consolidate` needs of a claim, as JSON-able data (kept on the article's REPORTS)."""
    return {
        "kind": c.kind,
        "key": c.key,
        "visitor": side_row(c.visitor),
        "host": side_row(c.host),
        "date": c.date,
        "what": c.what,
        "parties": sorted(c.parties),
        "when": c.when,
    }


def claim_of(spec: Row) -> identity.Claim:
    def side(row: Row | None) -> identity.Side | None:
        return None if row is None else identity.Side(row["key"], row["country"], bool(row["broad"]))

    return identity.Claim(
        spec["kind"],
        spec["key"],
        visitor=side(spec["visitor"]),
        host=side(spec["host"]),
        date=spec["date"],
        what=spec["what"],
        parties=frozenset(spec["parties"]),
        when=spec["when"],
    )


def claim_rows(facts: ArticleFacts, links: list[tuple[str, str, str]]) -> list[Row]:
    """One row per event the article reports. `links[i]` is relation i as the graph has it: (type,
    source uid, target uid), documents re-keyed."""
    rows = []
    for c in identity.article_claims(facts):
        spec = claim_spec(c)
        text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
        rows.append(
            {
                "id": hashlib.sha1(text.encode("utf-8")).hexdigest(),
                "block": json.dumps(identity.block_of(c), ensure_ascii=False),
                "kind": c.kind,
                "key": c.key,
                "spec": text,
                "date": c.date,
                "links": sorted({links[i] for i in c.facts}),
            }
        )
    return rows


def resolve(specs: dict[str, str]) -> dict[str, str]:
    """Claim id → the key of the event it is part of, for claims of any number of articles (`specs`:
    claim id → its JSON spec). The same claims give the same keys whatever their order."""
    claims = {cid: claim_of(json.loads(text)) for cid, text in specs.items()}
    keys = identity.consolidate(claims[cid] for cid in sorted(claims))
    return {cid: keys[c.ident] for cid, c in claims.items()}
