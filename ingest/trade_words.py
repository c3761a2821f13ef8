"""The words the trade rules read around a frame (the [trade] table of lexicons/frames_trade.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class TradeWords:
    owner: dict[str, str]  # frame -> the side a noun predicate's genitive place is
    demand_verbs: frozenset[str]
    goods_only: frozenset[str]  # verbs that state a flow only of goods they name
    slots: frozenset[str]
    copulas: frozenset[str]
    share_verbs: frozenset[str]
    fill_verbs: frozenset[str]
    form_verbs: frozenset[str]
    adjectives: dict[str, str]  # trade adjective -> the noun predicate it stands for
    main: frozenset[str]
    deixis: dict[str, str]  # adverb -> role
    reverse: frozenset[str]
    reverse_ways: frozenset[str]
    home_nouns: frozenset[str]
    country_nouns: frozenset[str]
    vague_places: frozenset[str]
    other_place_nouns: frozenset[str]
    neighbours: frozenset[str]
    neighbour_adjectives: frozenset[str]
    vague: frozenset[str]
    producers: frozenset[str]
    org_anaphors: frozenset[str]
    agent_verbs: frozenset[str]
    contract_nouns: frozenset[str]
    buyer_nouns: frozenset[str]
    deal_nouns: frozenset[str]
    rank_nouns: frozenset[str]
    plan_heads: frozenset[str]
    plan_adjectives: frozenset[str]
    way_adjectives: frozenset[str]
    plan_verbs: frozenset[str]
    measures: frozenset[str]
    transparent: frozenset[str]
    abbreviations: frozenset[str]
    pronouns: frozenset[str]


@lru_cache(maxsize=1)
def trade_words() -> TradeWords:
    text = resources.files(__package__).joinpath("lexicons", "frames_trade.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)["trade"]
    goods = data.pop("goods")
    fields: dict[str, frozenset[str] | dict[str, str]] = {}
    for key, value in (data | goods).items():
        fields[key] = frozenset(value) if isinstance(value, list) else dict(value)
    return TradeWords(**fields)  # type: ignore[arg-type]  # each field's type is its TOML value's
