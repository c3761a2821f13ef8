"""The last extraction stage: each dated fact gets the date of its own clause, each trade figure its period."""

from __future__ import annotations

# Runs after every rule (ingest/pipeline.py). The rules set a date from the first date of their
# sentence, when they set one; this stage looks at the date expressions of the fact's evidence
# sentence (absolute, year-less, relative, see ingest/dates.py), takes the one in the fact's clause
# nearest to the fact's own words, and resolves it against the article's publication date. A
# rule's date stays only where this stage finds none. No date is made up: a sentence without a
# date expression, or one that needs a publication date the article lacks, dates nothing.
import re
from dataclasses import replace

from coopgraph.ingest.context import Context
from coopgraph.ingest.dates import CALENDAR, When, find_whens, parse_amount, resolve
from coopgraph.ingest.nlp import Sentence
from coopgraph.ingest.read import DATELINE_RES
from coopgraph.ingest.records import Relation

DATED_TYPES = ("VISITED", "SIGNED", "PARTICIPATED_IN")  # get `date`
PERIOD_TYPES = ("TRADE_VOLUME",)  # get `date` (the period, its end for a span of months) and `year`
# Clause boundaries inside a sentence: a date across one of them belongs to another clause.
CLAUSE_RE = re.compile(r";|\s[—–]\s|,\s+(?:{})\s".format("|".join(map(re.escape, CALENDAR.clause_openers))))
CLAUSE_PENALTY = 1000  # characters: any date in the fact's own clause is nearer than one across a boundary
ANAPHORA_RE = re.compile(r"^\W*(?:{})(?![а-яё])".format("|".join(re.escape(a) for a in CALENDAR.anaphora)), re.I)
SUBORDINATE_RE = re.compile(
    r"[,(]\s*(?:{})(?![а-яё])[^,;()]*".format("|".join(re.escape(w) for w in CALENDAR.subordinate)), re.I
)
CLAUSE_PUNCT = {",", ";", ":", "—", "–", "(", ")"}


def date_facts(ctx: Context) -> None:
    """Set `date` on VISITED, SIGNED and PARTICIPATED_IN facts, `date` and `year` on TRADE_VOLUME."""
    found: dict[int, list[When]] = {}
    for rel in ctx.relations.values():
        if rel.type not in DATED_TYPES + PERIOD_TYPES:
            continue
        when = fact_when(ctx, rel, found)
        resolved = resolve(when, ctx.published) if when else None
        if resolved is None:
            continue  # nothing found: a rule's date stays
        rel.date = resolved
        if rel.type in PERIOD_TYPES:
            rel.year = int(resolved[:4])
    _share_event_dates(ctx, found)
    _share_leaders_dates(ctx)
    _share_visit_dates(ctx)


def _share_leaders_dates(ctx: Context) -> None:
    """ "событий прошедшей недели стал визит ... омской делегации во главе с губернатором": the region's undated
    visit to a place is its own official's dated visit there (they went together)."""
    offices = {(r.source_key, r.target_key) for r in ctx.relations.values() if r.type == "HOLDS_POSITION"}
    dated = [r for r in ctx.relations.values() if r.type == "VISITED" and r.date and r.source_key.startswith("Person:")]
    for rel in ctx.relations.values():
        if rel.type != "VISITED" or rel.date:
            continue
        dates = {d.date for d in dated if d.target_key == rel.target_key and (d.source_key, rel.source_key) in offices}
        if len(dates) == 1:
            rel.date = dates.pop()


def _share_event_dates(ctx: Context, found: dict[int, list[When]]) -> None:
    """Taking part in an event happened when the event did: the date of another report of taking part
    in it, else the first date of a sentence that names it ("Дни ... прошли на прошлой неделе")."""
    dates: dict[str, str] = {}
    for rel in ctx.relations.values():
        if rel.type == "PARTICIPATED_IN" and rel.date:
            dates.setdefault(rel.target_key, rel.date)
    events = sorted((r for r in ctx.refs if r.type == "Event"), key=lambda r: r.start)
    for ref in events:
        if ref.key not in dates:
            resolved = [d for w in sentence_whens(ctx, ref.sent, found) if (d := resolve(w, ctx.published))]
            if resolved:
                dates[ref.key] = resolved[0]
    for ref in events:  # "Дни ... прошли на прошлой неделе. ... Деловая программа началась 14 октября"
        if ref.key not in dates and (when := _programme_date(ctx, ref.sent, found)):
            dates[ref.key] = when
    for rel in ctx.relations.values():
        if rel.type == "PARTICIPATED_IN" and not rel.date and rel.target_key in dates:
            rel.date = dates[rel.target_key]


def _programme_date(ctx: Context, k: int, found: dict[int, list[When]]) -> str | None:
    """An event its own sentences leave undated, told as the day's news ("Рады сегодня видеть здесь ..." in the
    next sentences, before another event is named), happened that day: "сегодня" / "вчера" only, since a
    date further on may belong to the event's history or plans."""
    for j in range(k + 1, min(k + PROGRAMME_SENTENCES + 1, len(ctx.sentences))):
        if any(r.type == "Event" for r in ctx.refs_in(j)):
            return None
        days = [w for w in sentence_whens(ctx, j, found) if w.relative == "day"]
        resolved = [d for w in days if (d := resolve(w, ctx.published))]
        if resolved:
            return resolved[0]
    return None


PROGRAMME_SENTENCES = 3


def _share_visit_dates(ctx: Context) -> None:
    """A visitor's undated visits to places inside the one visit it dates elsewhere ("визит в Павлодарскую
    область ... 14 мая", then "гости посетили завод «Пахарь»") are that visit: an organisation, or a
    place of the same region. Another region is another visit, even the same day."""
    known: dict[str, set[tuple[str, str]]] = {}
    for rel in ctx.relations.values():
        if rel.type == "VISITED" and rel.date:  # not a participation: it may be an earlier event's
            known.setdefault(rel.source_key, set()).add((rel.date, _region(ctx, rel.target_key)))
    for rel in ctx.relations.values():
        dated = known.get(rel.source_key, set())
        dates = {d for d, _ in dated}
        if rel.type != "VISITED" or rel.date or len(dates) != 1:
            continue
        # one day, maybe two regions ("в Барнауле ... в Новосибирске" the same day): a place of either
        target = ctx.table.get(rel.target_key)
        regions = {r for _, r in dated}
        if target is not None and (target.type == "Organization" or _region(ctx, rel.target_key) in regions):
            rel.date = dates.pop()


def _region(ctx: Context, key: str) -> str:
    ent = ctx.table.get(key)
    if ent is not None and ent.type == "City" and ent.region:
        return f"Region:{ent.region}"
    return key


def sentence_whens(ctx: Context, k: int, cache: dict[int, list[When]]) -> list[When]:
    """The date expressions of sentence k, offsets in the article text; a leading dateline is the report's date."""
    if k not in cache:
        sent = ctx.sentences[k]
        skip = 0
        for r in DATELINE_RES:
            m = r.match(sent.text)
            if m:
                skip = m.end()
                break
        cache[k] = [
            replace(w, start=w.start + sent.start, end=w.end + sent.start)
            for w in find_whens(sent.text)
            if w.start >= skip and not timeless(sent, w)
        ]
    return cache[k]


def timeless(sent: Sentence, when: When) -> bool:
    """ "…, сегодня в числе её резидентов десять предприятий": "today" as "nowadays", in a clause without a verb."""
    if sent.text[when.start : when.end].lower() not in CALENDAR.timeless:
        return False
    at = next((i for i, t in enumerate(sent.tokens) if t.start - sent.start >= when.start), None)
    if at is None:
        return False
    lo, hi = at, at
    while lo > 0 and sent.tokens[lo - 1].text not in CLAUSE_PUNCT:
        lo -= 1
    while hi + 1 < len(sent.tokens) and sent.tokens[hi + 1].text not in CLAUSE_PUNCT:
        hi += 1
    return not any(t.pos in ("VERB", "AUX") for t in sent.tokens[lo : hi + 1])


def fact_when(ctx: Context, rel: Relation, cache: dict[int, list[When]]) -> When | None:
    """The date expression that dates this fact: in its sentence, nearest its words, its own clause first."""
    if not ctx.sentences:
        return None
    k = ctx.sentence_of(rel.evidence.start)
    whens = sentence_whens(ctx, k, cache)
    if not whens:
        # "Тогда он прибыл в Астану": the time of the sentence before
        if k > 0 and ANAPHORA_RE.match(ctx.sentences[k].text):
            before = sentence_whens(ctx, k - 1, cache)
            return before[-1] if before else None
        return None
    anchors = fact_anchors(ctx, rel, k)
    sent = ctx.sentences[k]
    # A date inside a relative clause the fact's words are not in dates that clause's subject.
    for m in SUBORDINATE_RE.finditer(sent.text):
        lo, hi = m.start() + sent.start, m.end() + sent.start
        if not any(lo <= a < hi for a, _ in anchors):
            whens = [w for w in whens if not lo <= w.start < hi]
    if not whens:
        return None
    if len(whens) == 1 or not anchors:
        return whens[0]
    bounds = [m.start() + sent.start for m in CLAUSE_RE.finditer(sent.text)]
    return min(whens, key=lambda w: (min(distance(w, a, bounds) for a in anchors), w.start))


def fact_anchors(ctx: Context, rel: Relation, k: int) -> list[tuple[int, int]]:
    """Where the fact's own words stand in sentence k: its amount for a trade figure, else its target
    (what was visited, signed, attended: the subject of a sentence may head several clauses), else its source."""
    sent = ctx.sentences[k]
    if rel.type in PERIOD_TYPES and rel.value is not None:
        spans = [
            (s + sent.start, e + sent.start)
            for value, _cur, s, e in parse_amount(sent.text)
            if abs(value - rel.value) <= 0.01 * max(abs(rel.value), 1.0)
        ]
        if spans:
            return spans
    for key in (rel.target_key, rel.source_key):
        spans = [(r.start, r.end) for r in ctx.refs if r.sent == k and r.key == key]
        if spans:
            return spans
    return []


def distance(when: When, anchor: tuple[int, int], bounds: list[int]) -> int:
    lo, hi = sorted((when.start, anchor[0]))
    crossed = sum(1 for b in bounds if lo < b < hi)
    gap = max(0, anchor[0] - when.end, when.start - anchor[1])
    return gap + CLAUSE_PENALTY * crossed
