"""What every extraction rule sees: the parsed article, its entity table and located mentions."""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field

from coopgraph.ingest.nlp import Parsed, Sentence
from coopgraph.ingest.records import SIGNATURES, Entity, EntityType, Evidence, Mention, Relation, RelationType


@dataclass(slots=True)
class Ref:
    """One located mention of an entity in a sentence."""

    key: str  # entity key in the article's table
    type: str
    sent: int  # sentence index
    start: int  # character offsets in the article text
    end: int
    via: str = "name"  # how it was found: name, alias, abbr, demonym, title, ...


def normalise_key(name: str) -> str:
    s = name.lower().replace("ё", "е")
    s = re.sub(r"[«»“”„\"'’`]", "", s)
    s = re.sub(r"[‐‑–—−]", "-", s)
    return re.sub(r"\s+", " ", s).strip()


@dataclass
class EntityTable:
    entities: dict[str, Entity] = field(default_factory=dict)

    def add(
        self,
        type: EntityType,
        name: str,
        key: str | None = None,
        alias: str | None = None,
        start: int | None = None,
        end: int | None = None,
        **extra,
    ) -> Entity:
        key = key or f"{type}:{normalise_key(name)}"
        ent = self.entities.get(key)
        if ent is None:
            ent = Entity(type=type, name=name, key=key, **extra)
            self.entities[key] = ent
        else:
            for k, v in extra.items():
                if v is not None and getattr(ent, k) is None:
                    setattr(ent, k, v)
        if alias and alias != ent.name and alias not in ent.aliases:
            ent.aliases.append(alias)
        if start is not None and end is not None and alias is not None:
            if not any(m.start == start for m in ent.mentions):
                ent.mentions.append(Mention(start=start, end=end, text=alias))
        return ent

    def get(self, key: str) -> Entity | None:
        return self.entities.get(key)

    def of_type(self, *types: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type in types]


@dataclass
class Context:
    """The article being extracted: text, parse, entity table, mentions and relations so far."""

    parsed: Parsed
    table: EntityTable = field(default_factory=EntityTable)
    refs: list[Ref] = field(default_factory=list)
    relations: dict[tuple, Relation] = field(default_factory=dict)
    found_by: dict[tuple, list[str]] = field(default_factory=dict)  # relation ident -> rules that found it
    participant_groups: set[tuple[str, str]] = field(default_factory=set)  # (body, event): took part as a delegation
    # (sentence, sides): documents signed between sides the article names, the documents by no name of their own
    unnamed_signings: list[tuple[int, list[str]]] = field(default_factory=list)
    read_by_frames: dict[str, set[int]] = field(default_factory=dict)  # frame -> sentences a frame rule read
    cache: dict[object, object] = field(default_factory=dict)  # derived views of the parse (trees, frames)
    _by_sent: dict[int, list[Ref]] = field(default_factory=dict)
    _index_size: int = -1
    published: str | None = None  # article date (ISO prefix) for resolving relative dates
    outlet: str | None = None  # the outlet the reader found ("Кызылординские Вести"): a regional one names its region
    home: str | None = None  # key of the region the article is about ("наш регион")
    partner: str | None = None  # key of the main counterpart region or country
    demonyms: list = field(default_factory=list)  # gazetteer matches of place adjectives
    documents: list = field(default_factory=list)  # DocMention records, in text order
    events: list = field(default_factory=list)  # gazetteer matches of place adjectives
    notes: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)  # main parties: regions, then countries, by salience
    trade_pair: tuple | None = None  # (exporter, importer) of the last explicit trade statement
    delegation: str | None = None  # whose delegation the article last spoke of
    comp_start: int = 0  # scratch: where the title complement under study starts

    @property
    def text(self) -> str:
        return self.parsed.text

    @property
    def sentences(self) -> list[Sentence]:
        return self.parsed.sentences

    @property
    def lead_end(self) -> int:
        """The last sentence of the lead: the headline and the body's first two sentences. Lines without
        a predicate before them (an outlet's name, "Перевод с казахского", a date, a photo credit) are
        page furniture, so the lead is counted in sentences with a verb, not from the text's top."""
        end = self.cache.get("lead_end")
        if end is None:
            told = [k for k, s in enumerate(self.sentences) if has_predicate(s)]
            end = self.cache["lead_end"] = max(2, told[2] if len(told) > 2 else len(self.sentences) - 1)
        assert isinstance(end, int)
        return end

    def sentence_of(self, offset: int) -> int:
        starts = self.cache.get("sentence_starts")
        if starts is None:
            starts = self.cache["sentence_starts"] = [s.start for s in self.sentences]
        k = bisect.bisect_right(starts, offset) - 1  # type: ignore[call-overload]
        if k >= 0 and offset < self.sentences[k].end:
            return k
        return max(0, len(self.sentences) - 1)  # between sentences: the last one, as always

    def refs_in(self, sent: int, *types: str) -> list[Ref]:
        """The mentions in one sentence (by an index rebuilt when mentions were added: rules call this
        per sentence, and a scan of every mention each time would grow with the square of the article)."""
        if self._index_size != len(self.refs):
            self._by_sent = {}
            for r in self.refs:
                self._by_sent.setdefault(r.sent, []).append(r)
            self._index_size = len(self.refs)
        return [r for r in self._by_sent.get(sent, ()) if not types or r.type in types]

    def fold_entity(self, short: Entity, keep: Entity) -> None:
        """`short` is another name of `keep`: its mentions become `keep`'s (each its alias) and it is dropped."""
        for ref in self.refs:
            if ref.key == short.key:
                ref.key = keep.key
        for m in short.mentions:
            self.table.add(keep.type, keep.name, key=keep.key, alias=m.text, start=m.start, end=m.end)
        self.table.entities.pop(short.key)
        self.cache.pop("ref_spans", None)  # the span lookup holds the old keys

    def drop_ref(self, ref: Ref) -> None:
        """One mention is no mention after all; the entity goes with its last one (the indexes are rebuilt)."""
        self.refs.remove(ref)
        self._index_size = -1
        self.cache.pop("ref_spans", None)
        if not any(r.key == ref.key for r in self.refs):
            self.table.entities.pop(ref.key, None)

    def add_ref(self, ent: Entity, start: int, end: int, via: str = "name") -> Ref:
        # a span a pattern matched with the space or line break before it would start in the sentence before,
        # and outside every token of its own ("кооператив «X» заключил" lost its subject)
        span = self.text[start:end]
        start, end = start + len(span) - len(span.lstrip()), end - len(span) + len(span.rstrip())
        seen = self.cache.setdefault("ref_spans", {})
        assert isinstance(seen, dict)
        if len(seen) != len(self.refs):  # mentions added without add_ref: rebuild the lookup
            seen.clear()
            seen.update(((r.start, r.end, r.key), r) for r in self.refs)
        found = seen.get((start, end, ent.key))
        if found is not None:
            return found
        ref = Ref(ent.key, ent.type, self.sentence_of(start), start, end, via)
        self.refs.append(ref)
        seen[(start, end, ent.key)] = ref
        return ref

    def evidence(self, sent: int) -> Evidence:
        s = self.sentences[sent]
        return Evidence(sentence=s.text, start=s.start, end=s.end)

    def relate(
        self, type: RelationType, source: str, target: str, sent: int, rule: str | None = None, **quals
    ) -> Relation | None:
        """Record one relation between two entity keys, found by `rule`; the first evidence wins. Every rule
        that finds the fact is kept in `found_by` (the fact's confidence is set from them last)."""
        rule = rule or _caller_rule()
        src, tgt = self.table.get(source), self.table.get(target)
        if src is None or tgt is None or source == target:
            return None
        sources, targets = SIGNATURES[type]
        if src.type not in sources or tgt.type not in targets:
            return None  # "представили на выставке ТОО «X»" read with the firm as the event: not a relation
        quals = {k: v for k, v in quals.items() if v is not None}
        ident = (type, source, target) + tuple(
            sorted((k, str(v)) for k, v in quals.items() if k not in ("date", "year"))
        )
        if ident in self.relations:
            rel = self.relations[ident]
            for k, v in quals.items():
                if getattr(rel, k) is None:
                    setattr(rel, k, v)
            self.found_by.setdefault(ident, []).append(rule)
            return rel
        rel = Relation(
            type=type,
            source=src.name,
            target=tgt.name,
            source_key=source,
            target_key=target,
            evidence=self.evidence(sent),
            rule=rule,
            **quals,
        )
        self.relations[ident] = rel
        self.found_by[ident] = [rule]
        return rel

    def unrelate(self, ident: tuple) -> None:
        """Take back a fact a later reading showed wrong, with the rules that had found it."""
        del self.relations[ident]
        self.found_by.pop(ident, None)


def _caller_rule() -> str:
    """A rule id for a call site that names none: the calling module and function."""
    frame = sys._getframe(2)
    module = frame.f_globals.get("__name__", "").rsplit(".", 1)[-1]
    return f"{module}.{frame.f_code.co_name.lstrip('_')}"


# "В составе делегации – ...", "В ее составе – ...", "в ее состав вошли ...": the members of a delegation
# named after it (read by the visits and by the offices: "министр ... региона" there is the delegation's).
DELEGATION_MEMBERS = re.compile(
    r"\b[Вв]\s+(?:(?:её|ее|его|их)\s+)?состав(?:е|)\s+(?:(?:которых|которой)\s+)?"
    # "Гостей, в составе которых были X, Y", "в ее состав вошла Y"
    # "в состав нашей делегации", "в состав официальной казахстанской делегации": its adjectives before it
    r"(?:(?:[а-яё]+(?:ой|ей)\s+){0,2}(?:делегации|миссии)\b|(?=[–—-]|вош(?:ли|ла|ел|ёл)\b|входи(?:ли|т)\b|были|был|была|"
    r"находились))"
    r"|\b[Вв]\s+(?:делегацию|миссию)\s+(?:также\s+)?вош(?:ел|ёл|ла|ли)\s+(?:и\s+|также\s+)?"  # "В делегацию вошел и X"
    # "Оренбургскую делегацию, прибывшую на торжества, составили глава Оренбурга X и Y"
    r"|\b(?:[А-ЯЁа-яё]+(?:ую|юю)\s+)?(?:делегацию|миссию)\b[^.;:]{0,80}?\s(?:составили|составляли|составил[аи]?)\s"
    # "Член делегации Андрей Лазаров осмотрел завод", "члены бизнес-миссии X и Y"
    r"|\b[Чч]лен(?:ы)?\s+(?:[а-яё]+(?:ой|ей)\s+){0,2}(?:бизнес-)?(?:делегации|миссии)\b"
)


def has_predicate(s: Sentence) -> bool:
    """A clause, not a label: some verb, or a short participle ("представлена")."""
    return any(t.pos in ("VERB", "AUX") or t.feats.get("Variant") == "Short" for t in s.tokens)
