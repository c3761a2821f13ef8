"""Flows listed by direction after a trade noun and a colon: "По направлениям поставок: в Челябинскую
область – окатыши и концентрат, в Курганскую – пшеница и ячмень, в Свердловскую – мука"."""

from __future__ import annotations

from dataclasses import dataclass

from coopgraph.ingest.context import Context
from coopgraph.ingest.nlp import Token

_DASHES = ("–", "—", "-")
_INTO, _FROM = ("в", "во", "на"), ("из",)


@dataclass(frozen=True)
class Direction:
    """One item of the list: the place the goods go to ("в") or come from ("из"), and the goods' words."""

    place: str
    into: bool
    goods: list[Token]


def directions(ctx: Context, k: int, pred: Token) -> list[Direction]:
    """The items of a direction list that follows the trade noun `pred` and a colon; [] for no such list."""
    tokens = ctx.sentences[k].tokens
    at = next((n for n, t in enumerate(tokens) if t.i == pred.i), None)
    if at is None or pred.pos != "NOUN":
        return []
    colon = next((n for n in range(at + 1, min(at + 4, len(tokens))) if tokens[n].text == ":"), None)
    if colon is None:
        return []
    out: list[Direction] = []
    n = colon + 1
    while n < len(tokens):
        item = _item_at(ctx, k, tokens, n)
        if item is None:
            break
        direction, n = item
        out.append(direction)
    return out if len(out) >= 2 else []  # one item is an ordinary phrase the frame reads itself


def _item_at(ctx: Context, k: int, tokens: list[Token], n: int) -> tuple[Direction, int] | None:
    """ "в Тюмень – ячмень": a preposition, a place, a dash and the goods up to the next such item."""
    prep = tokens[n].lemma
    if prep not in _INTO + _FROM:
        return None
    places = [r for r in ctx.refs_in(k, "Region", "City", "Country") if r.start >= tokens[n].end]
    if not places:
        return None
    place = min(places, key=lambda r: r.start)
    dash = next((m for m in range(n + 1, len(tokens)) if tokens[m].start >= place.end), None)
    if dash is None or tokens[dash].text not in _DASHES:
        return None
    end = dash + 1
    while end < len(tokens) and not _next_item(tokens, end):
        end += 1
    goods = [t for t in tokens[dash + 1 : end] if t.pos != "PUNCT" or t.text not in (".", ";")]
    return Direction(place.key, prep in _INTO, goods), end + 1


def _next_item(tokens: list[Token], m: int) -> bool:
    """A comma or semicolon with a preposition of direction after it, or the sentence's end."""
    if tokens[m].text not in (",", ";"):
        return tokens[m].text == "."
    return m + 1 < len(tokens) and tokens[m + 1].lemma in _INTO + _FROM
