"""Event identity: which VISITED, SIGNED and PARTY_TO facts report one real-world visit or document."""

from __future__ import annotations

# The rules are data (lexicons/event_identity.toml); this module is the engine, pure: facts in, keys out.
# Each article's facts become claims: a visit (visitor side → host side, date) or a document (kind
# group, parties, period or signing year). `article_claims` folds one article's facts into its
# events; `consolidate` folds claims from many articles (outlets) into events: claims that agree
# on every facet are one event, a claim that leaves a facet open joins the one event that fills
# it in, and one that two different events would fill stays apart. The graph's document key
# (`document_keys`) lives with the records, so that the loader and this module key documents by
# one rule while the graph layer imports the records only.
import tomllib
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import combinations

from coopgraph.ingest.records import ArticleFacts, Entity, Relation, document_keys, document_parties, document_when

PLACE_SIDE_RULES = ("country", "region")


@dataclass(frozen=True)
class Side:
    """One side of a visit: a place (a country, or a region of `country`) or any other entity key."""

    key: str
    country: str | None = None
    broad: bool = False  # a whole country: any region of it is a more precise side

    def fits(self, other: Side) -> bool:
        if self.key == other.key:
            return True
        if self.broad and not other.broad:
            return other.country == self.country and other.country is not None
        if other.broad and not self.broad:
            return self.country == other.country and self.country is not None
        return False


@dataclass(frozen=True)
class Claim:
    """What some facts say about one event; `facts` index the article's relations."""

    kind: str  # "visit" or "document"
    key: str
    visitor: Side | None = None  # visit
    host: Side | None = None
    date: str | None = None  # visit: ISO prefix
    what: str | None = None  # document: kind group (its first kind)
    parties: frozenset[str] = frozenset()
    when: str | None = None  # document: "2025-2027" or the signing year
    era: str | None = None  # an undated visit: the year its article was published (see [visit.match] undated)
    facts: tuple[int, ...] = field(default=(), compare=False)

    @property
    def ident(self) -> tuple:
        """Everything that tells this claim from another (not which facts made it)."""
        return (self.kind, self.visitor, self.host, self.date, self.what, self.parties, self.when, self.era)


@lru_cache(maxsize=1)
def rules() -> dict:
    # importlib.resources, not a path next to __file__: the TOML is package data in a wheel
    toml = resources.files(__package__).joinpath("lexicons").joinpath("event_identity.toml")
    data = tomllib.loads(toml.read_text(encoding="utf-8"))
    data["document"]["group_of"] = {kind: group[0] for group in data["document"]["kinds"] for kind in group}
    return data


# ---------------------------------------------------------------- documents


def document_claims(facts: ArticleFacts) -> list[Claim]:
    """One claim per Document that SIGNED or PARTY_TO facts point at."""
    kinds = rules()["document"]["relations"]
    keys = document_keys(facts)
    parties = document_parties(facts.relations)
    claims = []
    for ent in facts.entities:
        members = tuple(i for i, r in enumerate(facts.relations) if r.type in kinds and r.target_key == ent.key)
        if ent.type != "Document" or not members:
            continue
        what = rules()["document"]["group_of"].get(ent.kind or "", ent.kind)
        when = document_when(ent) or None
        claims.append(
            Claim(
                "document",
                keys.get(ent.key, ent.key),
                what=what,
                parties=frozenset(parties.get(ent.key, ())),
                when=when,
                facts=members,
            )
        )
    return claims


# ---------------------------------------------------------------- visits


def side_of(ent: Entity | None, facts: ArticleFacts, rule: str | None = None) -> Side | None:
    """The side of a visit an endpoint stands for under the [visit.side] rules; None to join."""
    if ent is None:
        return None
    rule = rule or rules()["visit"]["side"].get(ent.type, "join")
    if rule == "country":
        return Side(ent.key, ent.country or ent.key.partition(":")[2], broad=True)
    if rule == "region":
        key = f"Region:{ent.region}" if ent.type == "City" and ent.region else ent.key
        return Side(key, ent.country)
    if rule == "position":
        by_key = {e.key: e for e in facts.entities}
        for rel in facts.relations:
            place = by_key.get(rel.target_key)
            if rel.type == "HOLDS_POSITION" and rel.source_key == ent.key and place is not None:
                rule = rules()["visit"]["side"].get(place.type)
                if rule in PLACE_SIDE_RULES:
                    side = side_of(place, facts, rule)
                    if side and side.broad and not rules()["visit"]["national_person_is_broad"]:
                        side = replace(side, broad=False)
                    return side
    return None


def visit_key(visitor: Side, host: Side, date: str | None) -> str:
    return f"Visit:{visitor.key}>{host.key}|{date or ''}"


def visit_claims(facts: ArticleFacts) -> list[Claim]:
    """The article's visits: each VISITED fact a claim, folded into the article's events.

    A fact whose endpoint has no side of its own (a plant toured, a person without a position)
    joins the one visit of the article that fits its other end; with none or several it keeps
    its own key as that side.
    """
    by_key = {e.key: e for e in facts.entities}
    kinds = rules()["visit"]["relations"]
    firm: list[Claim] = []
    loose: list[tuple[int, Side | None, Side | None, Relation]] = []
    for i, rel in enumerate(facts.relations):
        if rel.type not in kinds:
            continue
        visitor = side_of(by_key.get(rel.source_key), facts)
        host = side_of(by_key.get(rel.target_key), facts)
        if visitor and host:
            firm.append(Claim("visit", visit_key(visitor, host, rel.date), visitor, host, rel.date, facts=(i,)))
        else:
            loose.append((i, visitor, host, rel))
    events = fold(firm)
    for i, visitor, host, rel in loose:
        vis, hst = visitor or Side(rel.source_key), host or Side(rel.target_key)
        probe = Claim("visit", visit_key(vis, hst, rel.date), vis, hst, rel.date, facts=(i,))
        fits = [e for e in events if fits_loosely(probe, e, visitor is None, host is None)]
        if len(fits) == 1:
            events[events.index(fits[0])] = replace(fits[0], facts=fits[0].facts + (i,))
        else:
            events = fold([*events, probe])
    return events


def fits_loosely(probe: Claim, event: Claim, open_visitor: bool, open_host: bool) -> bool:
    """A fact with an open end fits an event that agrees on its other end and its date."""
    assert probe.visitor and probe.host and event.visitor and event.host
    visitor_ok = open_visitor or probe.visitor.fits(event.visitor)
    host_ok = open_host or probe.host.fits(event.host)
    return visitor_ok and host_ok and dates_fit(probe.date, event.date) and not (open_visitor and open_host)


def fold(claims: list[Claim]) -> list[Claim]:
    """One article's claims folded into its events (same rules as across articles)."""
    groups = group_claims(claims)
    return [merge(group) for group in groups]


def article_claims(facts: ArticleFacts) -> list[Claim]:
    """Every visit and document event one article reports, with the facts that report it."""
    return [with_era(c, facts.article.published) for c in visit_claims(facts)] + document_claims(facts)


def with_era(c: Claim, published: str | None) -> Claim:
    """An undated visit with its article's publication year, under [visit.match] undated = "published-year"."""
    if c.date is not None or rules()["visit"]["match"]["undated"] != "published-year":
        return c
    return replace(c, era=(published or "")[:4] or None)


# ---------------------------------------------------------------- matching


def dates_fit(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    rule = rules()["visit"]["match"]["date"]
    return a == b if rule == "equal" else a.startswith(b) or b.startswith(a)


def year_of(c: Claim) -> str | None:
    """A visit's year: its date's, or for an undated report its article's ([visit.match] undated)."""
    return (c.date or "")[:4] or c.era


def years_fit(a: Claim, b: Claim) -> bool:
    ya, yb = year_of(a), year_of(b)
    return ya is None or yb is None or ya == yb


def compatible(a: Claim, b: Claim) -> bool:
    """Can two claims be one event? Every facet agrees or one leaves it open."""
    if a.kind != b.kind:
        return False
    if a.kind == "visit":
        assert a.visitor and a.host and b.visitor and b.host
        if rules()["visit"]["match"]["side"] == "within-country":
            sides = a.visitor.fits(b.visitor) and a.host.fits(b.host)
        else:
            sides = a.visitor == b.visitor and a.host == b.host
        return sides and dates_fit(a.date, b.date) and years_fit(a, b)
    if a.what != b.what:
        return False
    if rules()["document"]["match"]["parties"] == "subset":
        parties = a.parties <= b.parties or b.parties <= a.parties
    else:
        parties = a.parties == b.parties
    return parties and (a.when is None or b.when is None or a.when == b.when)


def precision(c: Claim) -> tuple:
    """How much a claim says: a more precise claim of one event sorts higher."""
    if c.kind == "visit":
        assert c.visitor and c.host
        return (not c.visitor.broad, not c.host.broad, year_of(c) is not None, len(c.date or ""))
    return (len(c.parties), c.when is not None)


def refines(a: Claim, b: Claim) -> bool:
    """a says all b says and more: compatible, at least as precise in every facet, and not the same."""
    if not compatible(a, b) or a.ident == b.ident:
        return False
    return all(x >= y for x, y in zip(precision(a), precision(b), strict=True))


def merge(group: Sequence[Claim]) -> Claim:
    """One event from claims that are one: every facet at its most precise, every fact kept."""
    facts = tuple(sorted({i for c in group for i in c.facts}))
    if group[0].kind == "document":
        best = max(sorted(group, key=lambda c: c.key), key=precision)  # the first of the most precise: the least key
        return replace(best, parties=frozenset().union(*(c.parties for c in group)), facts=facts)
    visitor = sharpest([c.visitor for c in group if c.visitor])
    host = sharpest([c.host for c in group if c.host])
    date = max((c.date or "" for c in group), key=len) or None
    era = None if date else min((c.era for c in group if c.era), default=None)
    return Claim("visit", visit_key(visitor, host, date), visitor, host, date, era=era, facts=facts)


def sharpest(sides: list[Side]) -> Side:
    """The most precise side: a region over its country; among equals the least key, so merges are stable."""
    return min(sides, key=lambda s: (s.broad, s.key))


def group_claims(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Claims grouped into events.

    Claims connected by compatibility that are all pairwise compatible are one event. Where they
    are not (two dated visits of one pair and an undated report), the most precise claims that
    agree with each other form the events, and each vaguer claim joins the one event it fits; one
    that fits several stays apart.
    """
    groups: list[list[Claim]] = []
    for component in components(claims):
        if clique(component):
            groups.append(list(component))
            continue
        index = Index(component)  # only a compatible claim can refine c
        sharp = [c for c in component if not any(refines(component[j], c) for j in index.near(c))]
        events: list[list[Claim]] = []
        for part in components(sharp):
            events += [part] if clique(part) else [[c] for c in part]
        is_sharp = {id(c) for c in sharp}
        for c in component:
            if id(c) in is_sharp:
                continue
            fits = [e for e in events if all(compatible(c, o) for o in e)]
            if len(fits) == 1:
                fits[0].append(c)
            else:
                events.append([c])
        groups += events
    return groups


def clique(claims: Sequence[Claim]) -> bool:
    return all(compatible(a, b) for a, b in combinations(claims, 2))


def components(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Connected components of the compatibility graph, in input order.

    Each claim is compared only with the claims `near` finds for it (the rest cannot be compatible), so
    that a block of thousands of dated visits costs about as many comparisons, not their square."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = Index(claims)
    for i, c in enumerate(claims):
        for j in index.near(c):
            if j < i and root(i) != root(j) and compatible(c, claims[j]):
                parent[root(i)] = root(j)
    parts: dict[int, list[Claim]] = {}
    for i, c in enumerate(claims):
        parts.setdefault(root(i), []).append(c)
    return list(parts.values())


class Index:
    """Claims by block and facet, to list the ones that can be compatible with a claim."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.claims = claims
        self.at: dict[tuple[tuple, str], list[int]] = {}
        for i, c in enumerate(claims):
            for facet in facets_of(c):
                self.at.setdefault((block_of(c), facet), []).append(i)
        self.facets: dict[tuple, list[str]] = {}
        for block, facet in sorted(self.at, key=lambda bf: (repr(bf[0]), bf[1])):
            self.facets.setdefault(block, []).append(facet)

    def near(self, c: Claim) -> list[int]:
        block = block_of(c)
        exact, prefixes = near_facets(c)
        found = [i for f in exact for i in self.at.get((block, f), ())]
        facets = self.facets.get(block, [])
        for prefix in prefixes:
            k = bisect_left(facets, prefix)
            while k < len(facets) and facets[k].startswith(prefix):
                found += self.at[(block, facets[k])]
                k += 1
        return list(dict.fromkeys(found))  # a document filed under two parties is found once


def consolidate(claims: Iterable[Claim]) -> dict[tuple, str]:
    """Claims from any number of articles → the key of the event each is part of, by `Claim.ident`."""
    blocks: dict[tuple, dict[tuple, Claim]] = {}
    for c in claims:  # only claims of one block can be compatible: group each block on its own
        blocks.setdefault(block_of(c), {}).setdefault(c.ident, c)
    out = {}
    for unique in blocks.values():
        for group in group_claims(sorted(unique.values(), key=lambda c: c.key)):
            key = merge(group).key
            for c in group:
                out[c.ident] = key
    return out


def block_of(c: Claim) -> tuple:
    """What compatible claims share: a visit's two sides' countries (or keys), a document's kind group."""
    if c.kind == "visit":
        assert c.visitor and c.host
        return ("visit", c.visitor.country or c.visitor.key, c.host.country or c.host.key)
    return ("document", c.what)


MAX_FACETS = 4  # the graph keeps a claim in up to four buckets (graph/claims.py)
NO_PARTY = "-"


def facets_of(c: Claim) -> list[str]:
    """What tells the claims of a block that can be compatible with c from the rest, one or more facets: a
    visit's date (an undated one's year, "2025~", or "~" with none); a document's party and period or
    year, once per party ("Region:KZ-59|2025-2027"): documents of one event share a party."""
    if c.kind == "visit":
        return [c.date or f"{c.era or ''}~"]
    parties = sorted(c.parties)
    if len(parties) > MAX_FACETS:  # the rest under "no party", which every document probe looks at
        parties = [*parties[: MAX_FACETS - 1], NO_PARTY]
    return [f"{party}|{c.when or ''}" for party in parties or [NO_PARTY]]


def near_facets(c: Claim) -> tuple[list[str], list[str]]:
    """The facets (exact, and prefixes) of every claim of c's block that can be compatible with c: a dated
    visit's date, its month and year, its year's undated and the yearless ones (with "prefix" dates, the
    dates within it too); an undated visit's year; a document's parties (or none) with its period or
    none. A claim with nothing to narrow by has them all (prefix "")."""
    if c.kind == "document":
        if not c.parties:
            return [], [""]
        parties = [*sorted(c.parties), NO_PARTY]
        if c.when is None:
            return [], [f"{p}|" for p in parties]
        return [f"{p}|{w}" for p in parties for w in (c.when, "")], []
    if c.date:
        exact = ["~", f"{c.date[:4]}~", *(c.date[:n] for n in (4, 7) if n < len(c.date))]
        return (exact, [c.date]) if rules()["visit"]["match"]["date"] == "prefix" else ([*exact, c.date], [])
    return (["~"], [c.era]) if c.era else ([], [""])


def event_keys(articles: Sequence[ArticleFacts]) -> list[dict[int, str]]:
    """For each article: relation index → event key, the same for every report of one real event."""
    claims = [article_claims(facts) for facts in articles]
    keys = consolidate(c for per_article in claims for c in per_article)
    return [{i: keys[c.ident] for c in per_article for i in c.facts} for per_article in claims]
