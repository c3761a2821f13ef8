"""How sure each fact is: the measured precision of the rules that found it (lexicons/confidence.toml)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from coopgraph.ingest.context import Context

DEFAULT = 0.5  # a rule the calibration has not seen yet: no better than a coin until measured


@lru_cache(maxsize=1)
def rule_confidence() -> dict[str, float]:
    """Rule id -> calibrated precision, as written by scripts/calibrate_confidence.py."""
    text = resources.files(__package__).joinpath("lexicons", "confidence.toml").read_text(encoding="utf-8")
    return {rule: float(row["confidence"]) for rule, row in tomllib.loads(text).get("rules", {}).items()}


def assign_confidence(ctx: Context) -> None:
    """Give every relation the confidence of the surest rule that found it.

    The maximum, not a combination: two rules reading the same sentence are not independent witnesses,
    so their agreement is no evidence beyond the better one.
    """
    table = rule_confidence()
    for ident, rel in ctx.relations.items():
        rules = ctx.found_by.get(ident) or [rel.rule or ""]
        best = max(rules, key=lambda rule: table.get(rule, DEFAULT))
        rel.rule = best
        rel.confidence = round(table.get(best, DEFAULT), 3)
        others = sorted(set(rules) - {best})
        rel.corroborated_by = others or None
