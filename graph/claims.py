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
        "era": c.era,
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
        era=spec.get("era"),  # graphs loaded before undated visits had a year: none
    )


def claim_rows(facts: ArticleFacts, links: list[tuple[str, str, str]]) -> list[Row]:
    """One row per event the article reports. `links[i]` is relation i as the graph has it: (type,
    source uid, target uid), documents re-keyed."""
    rows = []
    for c in identity.article_claims(facts):
        row = stored(c)
        row.update(kind=c.kind, key=c.key, date=c.date, links=sorted({links[i] for i in c.facts}))
        rows.append(row)
    return rows


def stored(c: identity.Claim) -> Row:
    """How a claim is kept on its REPORTS: its spec, the id the spec hashes to, its block and buckets
    (`bucket`, `bucket1` ... one per facet: BUCKET_SLOTS)."""
    text = json.dumps(claim_spec(c), sort_keys=True, ensure_ascii=False)
    row = {
        "id": hashlib.sha1(text.encode("utf-8")).hexdigest(),
        "spec": text,
        "block": json.dumps(identity.block_of(c), ensure_ascii=False),
    }
    row.update(zip(BUCKET_SLOTS, buckets_of(c), strict=False))
    return row


def restored(spec: str, published: str | None) -> Row:
    """A claim kept by an older version (no bucket; an undated visit without its article's year) as this
    version keeps it."""
    c = claim_of(json.loads(spec))
    if c.kind == "visit" and c.date is None and c.era is None:
        c = identity.with_era(c, published)
    return stored(c)


# The REPORTS properties a claim's buckets are kept in, each with its own index (graph/schema.py): a
# document is in one per party, so that a report naming one party finds the one naming both.
BUCKET_SLOTS = ("bucket", "bucket1", "bucket2", "bucket3")[: identity.MAX_FACETS]


def buckets_of(c: identity.Claim) -> list[str]:
    """Where a claim is kept for `near_buckets` to find: its block with each of its facets."""
    block = json.dumps(identity.block_of(c), ensure_ascii=False) + "|"
    return [block + facet for facet in identity.facets_of(c)]


def near_buckets(c: identity.Claim) -> tuple[list[str], list[str]]:
    """The buckets (exact, and prefixes of them) that hold every claim that can be compatible with c."""
    block = json.dumps(identity.block_of(c), ensure_ascii=False) + "|"
    exact, prefixes = identity.near_facets(c)
    return [block + f for f in exact], [block + p for p in prefixes]


def compatible(a: identity.Claim, b: identity.Claim) -> bool:
    return identity.compatible(a, b)


def resolve(specs: dict[str, str]) -> dict[str, str]:
    """Claim id → the key of the event it is part of, for claims of any number of articles (`specs`:
    claim id → its JSON spec). The same claims give the same keys whatever their order."""
    claims = {cid: claim_of(json.loads(text)) for cid, text in specs.items()}
    keys = identity.consolidate(claims[cid] for cid in sorted(claims))
    return {cid: keys[c.ident] for cid, c in claims.items()}
