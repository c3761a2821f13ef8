"""PARTICIPATED_IN: who took part in a forum, exhibition or programme of events, and the visits that put them there."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from coopgraph.ingest.context import DELEGATION_MEMBERS, Context, Ref
from coopgraph.ingest.discourse import (
    BODIES,
    Side,
    country_code,
    delegation_leaders,
    keeping_delegation,
    led_delegation,
    refs_at,
    region_of_person,
    resolve,
    role_side,
    words,
)
from coopgraph.ingest.events import event_lexicon
from coopgraph.ingest.frames import FrameMatch, Tree, find_frames, is_plan, lexicon, shape_of, tree_of
from coopgraph.ingest.nlp import Token

CLAUSE_POS = ("VERB", "AUX")
PRONOUNS = {"он", "она", "оно", "они"}  # "в нём приняли участие": the event named last
POSSESSIVES = {"ее", "её", "его", "их"}  # "в её рамках": under a frame noun, the event named last


@dataclass(frozen=True)
class EventWords:
    words: frozenset[str]
    settings: frozenset[str]
    participants: frozenset[str]
    parts: frozenset[str]
    part_marks: frozenset[str]
    remote: frozenset[str]
    bystanders: frozenset[str]
    frame_nouns: frozenset[str]


@lru_cache(maxsize=1)
def event_words() -> EventWords:
    text = resources.files(__package__).joinpath("lexicons", "frames.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)["events"]
    return EventWords(
        *(
            frozenset(data[key])
            for key in (
                "words",
                "settings",
                "participants",
                "parts",
                "part_marks",
                "remote",
                "bystanders",
                "frame_nouns",
            )
        )
    )


def is_remote(tok: Token) -> bool:
    """A word of taking part from afar: "по видеосвязи", "онлайн", "в ходе онлайн-встречи"."""
    remote = event_words().remote
    return tok.lemma in remote or "-" in tok.lemma and tok.lemma.split("-")[0] in remote


@dataclass
class Events:
    """The article's events: which mention or back-reference stands for which, the main one, their venues."""

    refs: list[Ref]
    main: str | None = None
    setting: bool = False  # the lead sets the article inside the main event ("в рамках форума", "прошел")
    venues: dict[str, str] = field(default_factory=dict)  # event key -> place key where it was held
    held_at: dict[int, list[str]] = field(default_factory=dict)  # sentence -> events it says were held there
    held_in: dict[int, str] = field(default_factory=dict)  # sentence -> where it says something was held

    def in_tokens(self, ctx: Context, k: int, tokens: list[Token]) -> list[str]:
        """Events an argument names: an Event mention in it, else an event word ("на этом мероприятии",
        "участников форума") standing for the last event named before it, else the article's main one."""
        spans = [(t.start, t.end) for t in tokens]
        # a mention the phrase overlaps: the parser may head a quoted name by one of its inner words
        named = [r.key for r in self.refs if r.sent == k and any(r.start < e and s < r.end for s, e in spans)]
        if named:
            return list(dict.fromkeys(named))
        marked = any(t.lemma in event_words().part_marks for t in tokens)  # "пленарную сессию"
        word = next(
            (
                t
                for t in tokens
                if t.lemma in event_words().words
                or t.lemma in PRONOUNS
                or len(tokens) == 1
                and t.lemma in POSSESSIVES
                or marked
                and t.lemma in event_words().parts
            ),
            None,
        )
        if word is None:
            return []
        before = [r.key for r in self.refs if r.start < word.start]
        return [before[-1]] if before else ([self.main] if self.main else [])


def find_events(ctx: Context) -> Events:
    refs = sorted((r for r in ctx.refs if r.type == "Event"), key=lambda r: r.start)
    events = Events(refs)
    lead = [r for r in refs if r.sent <= ctx.lead_end]
    if lead:
        events.main = lead[0].key
    for m in find_frames(ctx, ("held",)):
        ctx.read_by_frames.setdefault("held", set()).add(m.sent)
        venue = _most_specific(ctx, m.refs("venue", "City", "Region", "Country"))
        venue = _within(ctx, m.sent, venue, m.refs("event"))
        keys = events.in_tokens(ctx, m.sent, [t for a in m.role("event") for t in a.tokens])
        which = next((c for c in tree_of(ctx, m.sent).children(m.pred) if c.lemma == "который"), None)
        if which is not None:  # "ЭКСПО, которое проходит в Урумчи", however the parser hung the clause
            keys = [r.key for r in refs if r.sent == m.sent and r.end <= which.start][-1:] or keys
        for key in keys:
            if venue and key not in events.venues:
                events.venues[key] = venue
            if venue:
                events.held_at.setdefault(m.sent, []).append(key)
        if venue:
            events.held_in.setdefault(m.sent, venue)
    for m in find_frames(ctx, ("host",)):  # "Семей принимал Дни города Рубцовска": the host's place
        venue = _most_specific(ctx, m.refs("place", "City", "Region") or m.refs("host", "City", "Region"))
        for r in m.refs("guests", "Event"):
            if venue and r.key not in events.venues:
                events.venues[r.key] = venue
    lead = [r for r in refs if r.key == events.main and r.sent <= ctx.lead_end]
    events.setting = bool(lead) and _is_setting(ctx, lead[0])
    for r in refs:  # "форум ... в Омске", "Дни Оренбуржья в Актобе": a place inside the event's phrase or name
        if r.key not in events.venues and (
            place := _place_in_event_phrase(ctx, r) or _place_before_event(ctx, r) or _place_right_after(ctx, r)
        ):
            events.venues[r.key] = place
    return events


def _within(ctx: Context, k: int, venue: str | None, event_refs: list[Ref]) -> str | None:
    """ "В Казахстане стартовали Дни культуры Новосибирской области, представляющие жителям Павлодара ...":
    a country venue is the one city (else region) of that country the sentence names beside the event."""
    ent = ctx.table.get(venue) if venue else None
    if ent is None or ent.type != "Country":
        return venue
    own = {r.key for r in event_refs if r.type == "Event"}
    names = [r for r in event_refs if r.key in own]
    country = ent.key.split(":")[-1]
    inside = [
        r
        for r in ctx.refs_in(k, "City", "Region")
        if not any(n.start <= r.start < n.end for n in names) and country_code(ctx, r.key) == country
    ]
    return _most_specific(ctx, inside) if len({r.key for r in inside}) == 1 else venue


def _most_specific(ctx: Context, refs: list[Ref]) -> str | None:
    order = {"City": 0, "Region": 1, "Country": 2}
    refs = sorted(refs, key=lambda r: order.get(r.type, 3))
    return refs[0].key if refs else None


_HELD = {"проходить", "пройти", "состояться", "проводиться", "открыться", "работать", "завершиться"}


_SET_IN = re.compile(r"\s*,?\s*(?:в\s+рамках|в\s+ходе|на\s+полях|на)\s+$", re.I)


def _place_before_event(ctx: Context, event: Ref) -> str | None:
    """ "В Чолпон-Ате в рамках II Иссык-Кульского форума подписан план": a city in the locative right before the
    event's setting phrase is where the event is held."""
    for r in ctx.refs_in(event.sent, "City"):
        if r.end <= event.start and _SET_IN.fullmatch(ctx.text[r.end : event.start]):
            if re.search(r"(?:^|\s)(?:в|во)\s+$", ctx.text[max(0, r.start - 4) : r.start], re.I):
                return r.key
    return None


_RIGHT_AFTER = re.compile(r"[»\"”]?\s*(?:в|во)\s+$", re.I)


def _place_right_after(ctx: Context, event: Ref) -> str | None:
    """ "на выставке «Иннопром. Центральная Азия» в Ташкенте": a city in "в" right after the quoted name, which
    the parser may not hang on it (a period inside the quotes cuts its parse in two)."""
    if not any(q in ctx.text[event.end - 1 : event.end + 1] for q in '»"”'):
        return None  # an unquoted name the parser reads whole, "в Омске" after it included
    for r in ctx.refs_in(event.sent, "City"):
        if r.start >= event.end and _RIGHT_AFTER.fullmatch(ctx.text[event.end : r.start]):
            return r.key
    return None


def _place_in_event_phrase(ctx: Context, event: Ref) -> str | None:
    """A place the event's phrase attaches with "в" ("форуме в Омске"), or the "в Y" of a "Дни X в Y" name."""
    sent = ctx.sentences[event.sent]
    tree = tree_of(ctx, event.sent)
    heads = [t for t in sent.tokens if event.start <= t.start < event.end]
    for head in heads[:1]:
        deps = tree.children(head)
        # "ЭКСПО, которое проходит в Урумчи": the "в" of a relative clause that says where it is held
        deps += [d for c in deps if c.rel.startswith("acl") and c.lemma in _HELD for d in tree.children(c)]
        for dep in deps:
            if shape_of(tree, dep) in ("в+loc", "во+loc"):
                refs = [r for r in ctx.refs_in(event.sent, "City", "Region") if dep.start <= r.start < dep.end]
                if refs:
                    return refs[0].key
    name = ctx.table.entities[event.key].name
    if name.startswith("День города "):  # a city's own holiday is held there ("Дни города Омска" may travel)
        inside = [r for r in ctx.refs_in(event.sent, "City") if event.start <= r.start < event.end]
        if inside:
            return inside[0].key
    m = re.search(r"\s(?:в|во)\s+(\S+)$", name)
    if m:
        inside = [r for r in ctx.refs_in(event.sent, "City", "Region") if event.start <= r.start < event.end]
        tail = [r for r in inside if ctx.text[r.start : r.end].startswith(m.group(1)[:4])]
        if tail:
            return tail[-1].key
    return None


def extract_participation(ctx: Context) -> None:
    events = find_events(ctx)
    for m in find_frames(ctx, ("participate", "visit")):
        if m.frame == "participate":
            ctx.read_by_frames.setdefault(m.frame, set()).add(m.sent)
        if m.is_fact:
            _frame(ctx, events, m)
    # reading the leaders resolves the delegations they lead, which the settings below read as the article's
    _leaders_took_part(ctx, events)
    for k in range(len(ctx.sentences)):
        _settings(ctx, events, k)
    _days_of(ctx, events)
    _signed_at_main_event(ctx, events)
    _opened_events(ctx)
    _listed_participants(ctx, events)
    _represented(ctx)
    _leaders_took_part(ctx, events, near=True)  # and again, for what the readings since found the side taking part in
    _delegation_after_held(ctx, events)
    _venue_visits(ctx, events)


def _listed_participants(ctx: Context, events: Events) -> None:
    """ "Среди экспонентов – ТОО «КазЭнергоКабель», АО «ПМЗ»": each one listed took part in the event the
    sentence names, else in the one the sentence before names ("работала выставка-ярмарка «Made in
    Kyrgyzstan» ... Среди участников – ..."), else in the one the article is about."""
    for k, sent in enumerate(ctx.sentences):
        toks = sent.tokens
        at = next(
            (
                t
                for i, t in enumerate(toks[:-1])
                if t.lemma == "среди" and toks[i + 1].lemma in event_words().participants
            ),
            None,
        )
        if at is None:
            continue
        named = [r.key for r in events.refs if r.sent == k] or [r.key for r in events.refs if r.sent == k - 1][-1:]
        event = named[0] if named else events.main
        if event is None:
            continue
        for r in ctx.refs_in(k, "Organization", "Person", "Region", "City", "Country"):
            if r.start > at.end and r.key != event and not _of_bystanders(ctx, k, at.end, r):
                ctx.relate("PARTICIPATED_IN", r.key, event, k, rule="event.listed")


def _of_bystanders(ctx: Context, k: int, start: int, ref: Ref) -> bool:
    """ "Среди участников — эксперты из России, Казахстана и Китая": a place that only says where experts or
    scholars come from is no participant (they speak for no one); the list item is what stands since the
    last comma or dash before it, back over a run of places joined by commas and "и"."""
    words = event_words().bystanders
    toks = [t for t in ctx.sentences[k].tokens if start <= t.start < ref.start]
    for t in reversed(toks):
        if t.text in ("—", "–", ";") or t.text == "," and t.pos == "PUNCT" and _item_ends(ctx, k, t, ref):
            return False
        if t.lemma in words:
            return True
    return False


def _item_ends(ctx: Context, k: int, comma: Token, ref: Ref) -> bool:
    """Whether a comma closes the item before `ref` (and is not one between places of one list)."""
    places = [r for r in ctx.refs_in(k, "Region", "City", "Country") if comma.end <= r.start <= ref.start]
    return not places or places[0].start - comma.end > 2


def _represented_by(ctx: Context, person: str) -> str | None:
    """What a person taking part stands for: the place or body of his office, but not a head of state's
    country (a president greeting a forum, often by video, is not his country taking part)."""
    for rel in ctx.relations.values():
        if rel.type != "HOLDS_POSITION" or rel.source_key != person:
            continue
        if rel.title != "президент" or not rel.target_key.startswith("Country:"):  # a chamber's president does
            return rel.target_key
    return None


def _represented(ctx: Context) -> None:
    """A person taking part brings the place or body he heads or represents (spec, Clarifications:
    "from each person who acts and from the region, country or organization he heads or represents")."""
    for rel in list(ctx.relations.values()):
        if rel.type == "PARTICIPATED_IN" and rel.source_key.startswith("Person:"):
            represented = _represented_by(ctx, rel.source_key)
            if represented is not None:
                k = ctx.sentence_of(rel.evidence.start)
                ctx.relate("PARTICIPATED_IN", represented, rel.target_key, k, rule="event.represented")


def _take_part(ctx: Context, side: Side, event: str, k: int, rule: str) -> None:
    for key in side.keys:
        ctx.relate("PARTICIPATED_IN", key, event, k, rule=rule)
    for key in side.represented:  # officials named by office only: the places they head took part
        ctx.relate("PARTICIPATED_IN", key, event, k, rule="event.represented")
    ctx.participant_groups.update((key, event) for key in side.groups)
    if side.groups:  # the persons leading or named in a delegation travelled with it
        ctx.participant_groups.update((key, event) for key in side.persons)


def _leaders_took_part(ctx: Context, events: Events, near: bool = False) -> None:
    """ "Предприятия Иссык-Кульской области приняли участие в ярмарке. Делегацию региона возглавил X": who led a
    delegation that took part in an event took part in it. `near`: only where the side's taking part is told
    in the leader's sentence or the two before ("В работе форума приняли участие делегации ... Казахстанскую
    делегацию возглавил X")."""
    for led in delegation_leaders(ctx):
        for person in led.persons:
            # "Казахстанскую делегацию возглавил заместитель акима Костанайской области": an unnamed
            # delegation is the side of the place its leader serves, else the one the article speaks of
            side = led.side or region_of_person(ctx, person) or ctx.delegation
            took_part = [r for r in ctx.relations.values() if r.type == "PARTICIPATED_IN" and r.source_key == side]
            if near:
                took_part = [r for r in took_part if led.sent - 2 <= ctx.sentence_of(r.evidence.start) <= led.sent]
            # "Делегация области во главе с акимом приняла участие в форуме": the sentence of his leading names the
            # event, and he led that delegation, not each one his region sent; "делегация ... во главе с акимом
            # находилась с визитом в Минской области": an event held elsewhere was another trip's
            named = {r.key for r in ctx.refs_in(led.sent, "Event")} or set(_event_just_opened(ctx, led.sent))
            here = [r for r in took_part if r.target_key in named]
            trip = _trip_places(ctx, led.sent)
            if here:
                took_part = here
            elif trip:
                took_part = [r for r in took_part if _held_within(ctx, events.venues.get(r.target_key), trip)]
            for rel in took_part:
                ctx.relate("PARTICIPATED_IN", person, rel.target_key, led.sent, rule="event.delegation_leader")
        # "Делегацию возглавила X, в ее состав вошли Y и Z": the members were where their leader took part
        joined = {
            r.target_key for r in ctx.relations.values() if r.type == "PARTICIPATED_IN" and r.source_key in led.persons
        }
        for k in range(led.sent, min(led.sent + 2, len(ctx.sentences))):
            for member in _members_named(ctx, k):
                for event in sorted(joined):
                    if _days(ctx, event) and _only_listed_as_member(ctx, member):
                        continue  # spec: at "Дни X", the delegation's named members visited; X took part
                    ctx.relate("PARTICIPATED_IN", member, event, k, rule="event.delegation_member")


def _trip_places(ctx: Context, k: int) -> set[str]:
    """The places the sentence of a delegation's leading says it went to (its visit frames), with their regions."""
    places: set[str] = set()
    for m in find_frames(ctx, ("visit",)):
        if m.sent != k or not m.is_fact:
            continue
        for r in m.refs("place", "City", "Region", "Country"):
            places.add(r.key)
            ent = ctx.table.get(r.key)
            if ent is not None and ent.type == "City" and ent.region:
                places.add(f"Region:{ent.region}")
    return places


def _held_within(ctx: Context, venue: str | None, places: set[str]) -> bool:
    ent = ctx.table.get(venue) if venue else None
    region = f"Region:{ent.region}" if ent is not None and ent.type == "City" and ent.region else None
    return venue is None or venue in places or region in places


def _members_named(ctx: Context, k: int) -> list[str]:
    """Persons a sentence lists as a delegation's members, after "в её состав вошли", "в составе делегации"."""
    sent = ctx.sentences[k]
    m = DELEGATION_MEMBERS.search(sent.text)
    if m is None:
        return []
    return [r.key for r in ctx.refs_in(k, "Person") if r.start >= sent.start + m.end()]


def _frame(ctx: Context, events: Events, m: FrameMatch) -> None:
    """ "приняли участие в форуме", "выступил на форуме", "посетили выставку", "собрались на форум"."""
    role, who = ("event", "participant") if m.frame == "participate" else ("place", "visitor")
    keys = events.in_tokens(ctx, m.sent, [t for a in m.role(role) for t in a.tokens])
    places: set[str] = set()
    if m.frame == "visit":
        keys = [r.key for r in m.refs("place", "Event")]  # only a visit to an event names it
    elif not keys and not m.predicate.named_event:
        # "представили продукцию в Павлодаре": the event held at the place named
        places = {r.key for r in m.refs(role, "City", "Region")}
        keys = [e for e, venue in events.venues.items() if venue in places][:1]
        # "открыл сессию кенеша" is another event; "выступил на пленарной сессии" is a part of the main one
        other = any(
            event_lexicon().is_head(a.head.lemma)
            and not (a.head.lemma in event_lexicon().parts and not _has_genitive(a))
            for a in m.role(role)
        )
        if not keys and not places and not other and events.setting and events.main:
            if not _elsewhere(ctx, m.sent, events.venues.get(events.main)):
                keys = [events.main]  # an article set inside an event: what happens in it happens there
        # "представили продукцию" after a fair opened; not "провели переговоры", a verb whose object is its event
        if not keys and not places and not other and m.frame == "participate" and not m.pred.pos == "NOUN":
            if "acc" not in m.predicate.roles.get("event", ()):
                keys = _event_just_opened(ctx, m.sent)
    if not keys:
        if m.frame == "participate" and places and not m.plan:
            _at_an_unnamed_event(ctx, m, who, _venues_named(ctx, m, role))
        return
    side = role_side(ctx, m, who)
    if not side:
        side.bodies = _participants_from(ctx, m, who)
    if listed := _listed_after_colon(ctx, m, who):
        side.bodies = side.groups = listed
    elif any(_such_as(ctx, m.sent, a.head) for a in m.role(who)):
        _firms_only(side)
    if m.frame == "visit":  # "аким X, прибывший на форум во главе делегации области": his region's came too
        led = [b for b in led_delegation(ctx, m, side) if b not in side.bodies]
        side.bodies += led
        side.groups += led
    # "Карагандинскую область на форуме представлял замакима": the place or body named as represented
    side.bodies += [
        r.key
        for r in m.refs("represented", *BODIES)
        if r.key not in side.bodies and not _venue_of_an_event(ctx, m.sent, r)
    ]
    for key in keys:
        _take_part(ctx, side, key, m.sent, f"frame:{m.frame}")


def _venues_named(ctx: Context, m: FrameMatch, role: str) -> set[str]:
    """The places the event phrase puts it in ("в форуме в Омске"), not those it is of ("павильон Туркестанской
    области")."""
    tree = tree_of(ctx, m.sent)
    return {
        r.key
        for a in m.role(role)
        for t in a.tokens
        if t.feats.get("Case") == "Loc" and tree.preposition(t) in ("в", "во")
        for r in refs_at(ctx, m.sent, t)
        if r.type in ("City", "Region")
    }


def _at_an_unnamed_event(ctx: Context, m: FrameMatch, who: str, places: set[str]) -> None:
    """ "Представители Павлодарской области приняли участие в форуме в Омске": an event the text does not name
    makes no participation, but a group from another country that took part in it there was there (spec: at a
    forum on one party's ground, the other party's delegation visited that place)."""
    from coopgraph.ingest.frame_visits import _at_home, _country

    with keeping_delegation(ctx):  # a group named in passing is not the article's delegation
        side = role_side(ctx, m, who)
    # a region's people or delegation, or an official of a region; not a firm, placed nowhere
    visitors = side.groups + [p for p in side.persons if region_of_person(ctx, p)]
    for place in places:
        for v in visitors:
            home = region_of_person(ctx, v) if v.startswith("Person:") else v
            if not _at_home(ctx, v, place) and _country(ctx, home) != _country(ctx, place):
                ctx.relate("VISITED", v, place, m.sent, rule="event.unnamed_venue")


# Nouns of people at an event whose "из X" says who took part: "собрал 500 участников из Павлодарской области".
_ATTENDEES = {"участник", "делегат", "представитель", "гость", "посетитель", "экспонент"}


def _participants_from(ctx: Context, m: FrameMatch, who: str) -> list[str]:
    """The places and bodies the "из" phrase of an attendee noun names: the side that took part."""
    tree = tree_of(ctx, m.sent)
    out: list[str] = []
    for a in m.role(who):
        if a.head.lemma not in _ATTENDEES:
            continue
        for c in tree.children(a.head):
            if shape_of(tree, c) == "из+gen":
                phrase = {t.start for t in tree.phrase(c)}
                out += [r.key for r in a.refs if r.type in BODIES and r.start in phrase and r.key not in out]
    return out


def _event_just_opened(ctx: Context, k: int) -> list[str]:
    """ "В Шемонаихе открылась ярмарка «Щедрая осень». Ярмарку открыл замакима. Свою продукцию представили 14
    производителей": the one event the two sentences before named, in the same paragraph, is where it happens."""
    sent = ctx.sentences[k]
    named: list[str] = []
    for j in (k - 1, k - 2):
        if j < 0 or "\n" in ctx.text[ctx.sentences[j].end : sent.start]:
            break
        named += [r.key for r in ctx.refs_in(j, "Event") if r.key not in named]
    if len(named) != 1 or _elsewhere(ctx, k, None):
        return []
    return named


def _listed_after_colon(ctx: Context, m: FrameMatch, role: str) -> list[str]:
    """ "приняли участие делегации шести регионов двух стран: от Казахстана – Туркестанской, Жамбылской и
    Кызылординской областей, от Узбекистана – ...": the regions the colon lists are the participants, the
    countries only group them."""
    args = m.role(role)
    sent = ctx.sentences[m.sent]
    colon = ctx.text.find(":", min((a.head.end for a in args), default=sent.end), sent.end)
    if not args or colon < 0 or any(r.type in ("Region", "City") for a in args for r in a.refs if r.start < colon):
        return []
    if not any(words().is_group(a.head.lemma) or a.head.lemma == "регион" for a in args):
        return []
    regions = [r.key for r in ctx.refs_in(m.sent, "Region") if r.start > colon]
    return list(dict.fromkeys(regions)) if len(set(regions)) > 1 else []


_SUCH_AS = re.compile(r"\s*,?\s*(?:как|в\s+том\s+числе|среди\s+них)\s", re.I)


def _such_as(ctx: Context, k: int, head: Token) -> bool:
    """A group of firms followed by the firms it means ("такие предприятия, как A, B"): they are who acts."""
    return (
        head.pos == "NOUN"
        and _SUCH_AS.match(ctx.text, head.end) is not None
        and any(r.start > head.end for r in ctx.refs_in(k, "Organization"))
    )


def _firms_only(side: Side) -> None:
    """ "такие омские предприятия, как ЗАО «Сибирь», ООО «Технотент»": the firms, not their place."""
    side.bodies = [b for b in side.bodies if b.startswith("Organization:")]
    side.groups = [b for b in side.groups if b.startswith("Organization:")]


def _venue_of_an_event(ctx: Context, k: int, ref: Ref) -> bool:
    """ "представила экспозицию на выставке «Агро-2025» в Астане": the place after "в" says where the event is,
    not whom the exhibitor represents."""
    tree = tree_of(ctx, k)
    token = next((t for t in ctx.sentences[k].tokens if t.start == ref.start), None)
    if token is None or (parent := tree.parent(token)) is None or tree.preposition(token) not in ("в", "во"):
        return False
    return event_lexicon().is_head(parent.lemma) or any(
        r.start <= parent.start < r.end for r in ctx.refs_in(k, "Event")
    )


def _elsewhere(ctx: Context, k: int, venue: str | None) -> bool:
    """ "Стенд ТОО «X» стоит в торговом центре Павлодара": the sentence puts it at another place than the
    event's venue: a place, or a noun of a place, in the locative after "в"/"на" (not an event's noun)."""
    tree = tree_of(ctx, k)
    for r in ctx.refs_in(k, "City", "Region"):
        if r.key == venue:
            continue
        tok = next((t for t in ctx.sentences[k].tokens if t.start <= r.start < t.end), None)
        while tok is not None and tok.rel in ("amod", "flat", "flat:name"):
            tok = tree.parent(tok)
        for node in (tok, tree.parent(tok) if tok is not None and tok.rel == "nmod" else None):
            if node is None or node.feats.get("Case") != "Loc" or node.lemma in event_words().words:
                continue
            verb = tree.parent(node)  # set on the verb; not in a title ("генконсул в Новосибирске")
            if tree.preposition(node) in ("в", "во", "на") and verb is not None and verb.pos == "VERB":
                return True
    return False


def _has_genitive(arg) -> bool:
    return any(t.feats.get("Case") == "Gen" and t.pos in ("NOUN", "PROPN") for t in arg.tokens if t is not arg.head)


def _settings(ctx: Context, events: Events, k: int) -> None:
    """ "В рамках форума губернатор и аким подписали ...", "на форуме выступил ...": the subject of a
    clause set inside an event took part in it."""
    from coopgraph.ingest.frames import Argument

    sent = ctx.sentences[k]
    starts = {r.start for r in events.refs if r.sent == k}
    cues = event_words().words | PRONOUNS | POSSESSIVES
    if not starts and not any(t.lemma in cues for t in sent.tokens):
        return  # no event named: leave the sentence unparsed
    tree = tree_of(ctx, k)
    for tok in sent.tokens:
        # "в её рамках", "на его полях": a pronoun under a frame noun is the event named last
        pronoun = (
            tok.lemma in PRONOUNS | POSSESSIVES
            and (p := tree.parent(tok)) is not None
            and p.lemma in event_words().frame_nouns
            and _event_named_last(ctx, tok.start)
        )
        if tok.lemma not in event_words().words and tok.start not in starts and not pronoun:
            continue
        setting = _setting_head(tree, tok)
        verb = tree.parent(setting) if setting is not None else None
        if verb is not None and verb.lemma in _MEETINGS and verb.pos == "NOUN" and verb.rel == "obj":
            verb = tree.parent(verb)  # "на выставке X провёл переговоры": the parser hung the setting on the talks
        keys = events.in_tokens(ctx, k, [tok] if pronoun else tree.phrase(tok))
        if not keys or verb is None or verb.pos not in CLAUSE_POS or is_plan(tree, verb, own=False):
            continue  # "на фестивале область будут представлять театры": a plan
        side = Side()
        passive = verb.feats.get("Voice") == "Pass"
        for dep in tree.children(verb):
            shape = shape_of(tree, dep)
            if shape == "nom" and not passive or shape == "ins" and passive:
                agent = resolve(ctx, tree, k, Argument("agent", shape, dep, tree.phrase(dep)))
                if _such_as(ctx, k, dep):
                    _firms_only(agent)
                side.add(agent)
        for dep in _met_with(tree, verb):  # "провел встречу с руководителем региона": both met there
            side.add(resolve(ctx, tree, k, Argument("agent", "с+ins", dep, tree.phrase(dep))))
        # "на площадке форума заключены протоколы между X и Y": the parties and signers of what the clause signed
        # ("по итогам выставки заключено соглашение": signed after it, by whoever, not in it)
        here = {r.key for r in ctx.refs_in(k, "Document")} if setting is not None and setting.lemma != "итог" else set()
        # "... подписали 17 соглашений. Одним из наиболее значимых стал контракт ...": one of them, signed there too
        picked = _picked_next(ctx, k) - here if here else set()
        signed = [
            r.source_key
            for r in ctx.relations.values()
            if r.type in ("PARTY_TO", "SIGNED")
            and (r.target_key in here and ctx.sentence_of(r.evidence.start) == k or r.target_key in picked)
        ]
        for key in keys:
            _take_part(ctx, side, key, k, "frame:event_setting")
            for who in dict.fromkeys(signed):
                ctx.relate("PARTICIPATED_IN", who, key, k, rule="frame:event_setting")


def _picked_next(ctx: Context, k: int) -> set[str]:
    """The documents the sentence after k names as one of those k signed."""
    from coopgraph.ingest.documents import one_of_those_signed

    if k + 1 >= len(ctx.sentences) or not one_of_those_signed(ctx, k + 1):
        return set()
    return {r.key for r in ctx.refs_in(k + 1, "Document")}


MEETING_VERBS = {"встретиться", "встречаться", "переговорить", "побеседовать"}
_MEETINGS = {"встреча", "переговоры", "беседа"} | MEETING_VERBS


def _met_with(tree: Tree, verb: Token) -> list[Token]:
    """The "с" partners of a meeting the clause states: of the verb ("встретился с X") or of its meeting
    noun ("провел встречу с X")."""
    heads = [verb] if verb.lemma in _MEETINGS else []
    heads += [c for c in tree.children(verb) if c.lemma in _MEETINGS and c.rel in ("obj", "nsubj")]
    partners = [d for h in heads for d in tree.children(h) if shape_of(tree, d) in ("с+ins", "со+ins")]
    # "Встреча посла с главой региона прошла на полях форума": the meeting noun's own genitive met there too
    own = [d for h in heads if h.rel == "nsubj" for d in tree.children(h) if shape_of(tree, d) == "gen"]
    return partners + own


def _event_named_last(ctx: Context, start: int) -> bool:
    """Whether the last event or document named before `start` is an event: "в его рамках" after "подписан
    меморандум" is within the memorandum, not the forum named before it."""
    before = [r for r in ctx.refs if r.type in ("Event", "Document") and r.end <= start]
    return bool(before) and max(before, key=lambda r: r.start).type == "Event"


def _setting_head(tree: Tree, tok: Token) -> Token | None:
    """What makes an event word or name a clause's setting: its own preposition ("на форуме", "в ходе
    форума"), or the frame noun governing it ("в рамках форума", "на полях форума")."""
    prep = tree.preposition(tok)
    if prep in event_words().settings and (prep not in ("в", "на", "во") or tok.feats.get("Case") == "Loc"):
        return tok
    parent = tree.parent(tok)
    prep = tree.preposition(parent) if parent is not None else None
    if parent is not None and parent.lemma in event_words().frame_nouns and prep and prep not in _ABOUT:
        return parent
    return None


_ABOUT = {"о", "об", "обо", "про"}  # "рассказал об итогах выставки": what the clause tells of, not where


def _days_of(ctx: Context, events: Events) -> None:
    """ "Дни Оренбургской области в Актобе" (spec): the region of the days and the host took part, the
    region's delegation visited the host, and so did the region's officials the article names."""
    for r in events.refs:
        name = ctx.table.entities[r.key].name
        if not _days(ctx, r.key) or not _plain_fact(ctx, r.sent):
            continue  # "Ответные Дни Павлодарской области в Могилеве запланированы на 2026 год": not yet held
        host = events.venues.get(r.key)
        named = [x.key for x in ctx.refs_in(r.sent, "Region", "City") if r.start <= x.start < r.end]
        guests = [g for g in named if g != host][:1]
        if not guests:
            # "День города Актобе": the city keeps its own holiday; "В Оренбурге прошли Дни казахской культуры":
            # the place that held them took part (spec: the host of "Дни")
            if host and (host in named or name.startswith("Дни ")):
                ctx.relate("PARTICIPATED_IN", host, r.key, r.sent, rule="event.days_host")
            continue
        guest = guests[0]
        if host is None and len(named) > 1 and named[1] != guest:
            host = named[1]  # "Дни Могилевской области в Карагандинской области": the place after "в"
        ctx.relate("PARTICIPATED_IN", guest, r.key, r.sent, rule="event.days_of")
        ctx.participant_groups.add((guest, r.key))
        if host:
            ctx.relate("PARTICIPATED_IN", host, r.key, r.sent, rule="event.days_host")
            ctx.relate("VISITED", guest, host, r.sent, rule="event.days_visit")
        for person in _officials_of(ctx, guest):
            if not _only_listed_as_member(ctx, person):
                # "в её составе – заместитель председателя облисполкома X": a member came (he visited), but only
                # those the article has acting, or leading, took part in the programme (spec)
                ctx.relate("PARTICIPATED_IN", person, r.key, r.sent, rule="event.days_officials")
                ctx.participant_groups.add((person, r.key))
            if host:
                ctx.relate("VISITED", person, host, r.sent, rule="event.days_visit")


def _plain_fact(ctx: Context, k: int) -> bool:
    """The sentence states no plan: no plan word ("планируется", "пройдут в мае" is a future tense)."""
    plans = lexicon().plan_words
    return not any(t.lemma in plans or t.feats.get("Tense") == "Fut" for t in ctx.sentences[k].tokens)


def _signed_at_main_event(ctx: Context, events: Events) -> None:
    """An article whose lead sets it inside an event ("В рамках форума ... подписано 9 соглашений"): the
    parties and signers of the documents it reports signed without naming another event took part in it."""
    if not events.setting or events.main is None:
        return
    # "По итогам выставки «Иннопром» заключено" names where it was signed; "в первый день работы выставки" (the
    # main event, by its kind word) does not take it elsewhere
    with_events = {r.sent for r in events.refs if r.key != events.main or r.via != "reference"}
    for rel in list(ctx.relations.values()):
        k = ctx.sentence_of(rel.evidence.start)
        if rel.type in ("PARTY_TO", "SIGNED") and k not in with_events and not _signed_before(ctx, rel.target_key):
            ctx.relate("PARTICIPATED_IN", rel.source_key, events.main, k, rule="event.signed_at_main")
    # "важные межрегиональные документы заключены между областью Абай и Алтайским краем": no document to be
    # party to, and the sides signed all the same
    for k, sides in ctx.unnamed_signings:
        for side in sides if k not in with_events else []:
            ctx.relate("PARTICIPATED_IN", side, events.main, k, rule="event.signed_at_main")


def _signed_before(ctx: Context, doc: str) -> bool:
    """ "реализацию соглашения, подписанного в 2022 году": a document signed in a year before the article's was
    not signed at this event (with no date for the article, a stated year says nothing: probe11 and probe2 state
    the year of documents signed at the forum)."""
    ent = ctx.table.get(doc)
    year = (ent.signed or "")[:4] if ent is not None else ""
    return bool(year and ctx.published) and year < str(ctx.published)[:4]


def _is_setting(ctx: Context, event: Ref) -> bool:
    """The event mention sets its clause (a setting preposition) or is the subject of a held frame."""
    tree = tree_of(ctx, event.sent)
    heads = [t for t in ctx.sentences[event.sent].tokens if event.start <= t.start < event.end]
    held = ctx.read_by_frames.get("held", set())
    return bool(heads) and (_setting_head(tree, heads[0]) is not None or event.sent in held)


def _days(ctx: Context, event: str) -> bool:
    """A programme of days named after a place ("Дни Оренбургской области в Актобе", "Неделя ...")."""
    return re.match(r"(?:Дни|День|Неделя)\b", ctx.table.entities[event].name) is not None


def _only_listed_as_member(ctx: Context, person: str) -> bool:
    """Every mention of the person stands in a delegation's list of members ("В состав делегации вошли ...")."""
    mentions = [r for r in ctx.refs if r.key == person]
    for r in mentions:
        sent = ctx.sentences[r.sent]
        m = DELEGATION_MEMBERS.search(sent.text)
        if m is None or r.start < sent.start + m.end():
            return False
    return bool(mentions)


def _officials_of(ctx: Context, place: str) -> list[str]:
    """Persons the article names in an office of the place, of its region or of a city in it."""
    ent = ctx.table.get(place)
    region = f"Region:{ent.region}" if ent is not None and ent.type == "City" and ent.region else place
    out = []
    for rel in ctx.relations.values():
        if rel.type != "HOLDS_POSITION" or rel.source_key in out:
            continue
        target = ctx.table.get(rel.target_key)
        of_region = (
            f"Region:{target.region}" if target is not None and target.type == "City" and target.region else None
        )
        if rel.target_key in (place, region) or of_region == region:
            out.append(rel.source_key)
    return out


_DELEGATION = re.compile(r"делегаци\w*", re.I)
_LED = re.compile(r"\b(?:возглавил\w*|возглавлял\w*|во\s+главе\s+с|под\s+руководством)\b", re.I)


def _delegation_after_held(ctx: Context, events: Events) -> None:
    """ "3–4 июля в Актобе прошла выставка-ярмарка «Актобе Экспо-2024». Делегацию Оренбургской области возглавил
    министр ... Игорь Сапрыкин": a delegation that the sentence right after an event's holding names and leads,
    and says nothing else of, came to that event. It and its leader took part (and visited its venue, below);
    where what was held is no named event, they visited the place it was held in. Any later sentence up to the
    next holding, as long as it names no other event."""
    held = sorted(events.held_in)
    for j, venue in events.held_in.items():
        keys = list(dict.fromkeys(events.held_at.get(j, [])))
        later = [i for i in held if i > j]
        for k in range(j + 1, later[0] if later else len(ctx.sentences)):
            if len(keys) <= 1 and _plain_fact(ctx, k) and not ctx.refs_in(k, "Event"):
                _delegation_led(ctx, k, keys, venue)


_LEAD_OR_COME = {"возглавить", "возглавлять", "приехать", "прибыть", "войти", "входить"}


def _delegation_led(ctx: Context, k: int, keys: list[str], venue: str) -> None:
    """Sentence k names a delegation and who led it and says nothing else it did: it and its leader came to
    the event held before (or to the place it was held in)."""
    from coopgraph.ingest.frame_visits import _at_home

    sent = ctx.sentences[k]
    word, led = _DELEGATION.search(sent.text), _LED.search(sent.text)
    if word is None or led is None:
        return
    lo, hi = sent.start + word.start() - 40, sent.start + led.start()
    owners = [
        r for r in ctx.refs_in(k, "Region", "City") if lo <= r.start < hi and (r.start > lo + 40 or r.via == "demonym")
    ]
    if any(
        rel.type in ("VISITED", "PARTICIPATED_IN")
        and ctx.sentence_of(rel.evidence.start) == k
        and rel.source_key in {r.key for r in owners}
        for rel in ctx.relations.values()
    ):
        return  # the sentence says where the delegation went, or what it took part in
    # "..., в ее составе в Усть-Каменогорск приехала и депутат ...": a member's coming is the delegation's
    acts = [t for t in sent.tokens if t.pos == "VERB" and t.lemma not in _LEAD_OR_COME]
    if len({r.key for r in owners}) != 1 or acts:
        return  # whose delegation is not said, or the sentence says what else it did ("посетила ...")
    leaders = [r.key for r in ctx.refs_in(k, "Person") if r.start >= sent.start + led.end()]
    for who in [owners[0].key, *leaders[:1]]:
        if keys:
            ctx.relate("PARTICIPATED_IN", who, keys[0], k, rule="event.delegation_after_held")
            ctx.participant_groups.add((who, keys[0]))
        elif not _at_home(ctx, owners[0].key, venue):
            # "В Кокшетау прошло первое заседание делового совета": no event named, the place it was held in
            ctx.relate("VISITED", who, venue, k, rule="event.delegation_after_held")


def _venue_visits(ctx: Context, events: Events) -> None:
    """A delegation taking part in an event travelled to its venue (spec: "unless the text says that a
    delegation travelled there"); at an event held on one party's ground, the officials from another
    country visited it too; on neither party's ground, taking part is no visit."""
    from coopgraph.ingest.discourse import body_place
    from coopgraph.ingest.frame_visits import _at_home, _country

    taking_part: dict[str, set[str]] = {}
    for rel in ctx.relations.values():
        if rel.type == "PARTICIPATED_IN":
            taking_part.setdefault(rel.target_key, set()).add(rel.source_key)
    for rel in list(ctx.relations.values()):
        venue = events.venues.get(rel.target_key)
        if rel.type != "PARTICIPATED_IN" or venue is None or _at_home(ctx, rel.source_key, venue):
            continue
        who, k = rel.source_key, ctx.sentence_of(rel.evidence.start)
        if any(is_remote(t) for t in ctx.sentences[k].tokens):
            continue  # "обратились по видеосвязи": taking part from afar
        if (who, rel.target_key) in ctx.participant_groups:
            ctx.relate("VISITED", who, venue, k, rule="event.venue_delegation")
        elif who.startswith("Person:") and (
            any(_at_home(ctx, x, venue) for x in [*taking_part[rel.target_key], ctx.home, ctx.partner] if x)
            or _named_after(ctx, rel.target_key, venue)
        ):  # held on the ground of one of the article's two parties (or of another participant)
            home = region_of_person(ctx, who)
            # an organisation's home is the place its name holds; a body placed nowhere ("университет имени
            # Ясави") says nothing of where its head came from
            country = _country(ctx, body_place(ctx, home) or home)
            if country and country != _country(ctx, venue):
                ctx.relate("VISITED", who, venue, k, rule="event.venue_person")


def _named_after(ctx: Context, event: str, venue: str) -> bool:
    """ "форум «Челябинск – Костанай»" held in Chelyabinsk: an event named after its venue is held on a party's
    ground, the other party being the other place its name gives."""
    name, place = ctx.table.get(event), ctx.table.get(venue)
    if name is None or place is None:
        return False
    stem = place.name.split()[0].lower()[: max(4, len(place.name.split()[0]) - 2)]
    return re.search(rf"(?<![а-яё]){re.escape(stem)}", name.name.lower()) is not None


_OPENED = {"открыть", "участвовать", "участие", "выступить", "посетить", "принять"}
_TAKE_PART = {"участвовать", "участие", "участник", "участница"}
# "В нем приняли участие ...": the event is the one the previous sentence named
_EVENT_PRONOUN = re.compile(r"\b(?:в|во)\s+(н[её]м|ней|них)\b|\b(его|е[её]|их)\s+участник\w*", re.I)
_DELEGATIONS = re.compile(r"\b(делегаци\w+|представител\w+|делегат\w+)\s*$", re.I)


def _opened_events(ctx: Context) -> None:
    """ "форум открыли аким X и губернатор Y", "приняли участие в выставке": persons → Event;
    "в нём приняли участие делегации Актюбинской и Костанайской областей": regions → Event."""
    for k, sent in enumerate(ctx.sentences):
        if k in ctx.read_by_frames.get("participate", set()):
            continue  # the participate frames read this sentence (facts and plans alike)
        events = ctx.refs_in(k, "Event")
        lemmas = {t.lemma for t in sent.tokens}
        if not events and lemmas & _TAKE_PART and _EVENT_PRONOUN.search(sent.text) and k > 0:
            events = ctx.refs_in(k - 1, "Event")[-1:]
        if not events:
            continue
        if not lemmas & {"открыть", "участвовать", "участие", "выступить", "участник"}:
            continue
        if re.search(r"\b(планир\w+|будут|будет|могли бы|приглаш\w+)\b", sent.text, re.I):
            continue
        for p in ctx.refs_in(k, "Person"):
            ctx.relate("PARTICIPATED_IN", p.key, events[0].key, k, rule="event.opened_person")
        if lemmas & _TAKE_PART:
            for key in _participant_places(ctx, k, events):
                ctx.relate("PARTICIPATED_IN", key, events[0].key, k, rule="event.delegations")


_LIST_HEADS = {"делегация", "представитель", "делегат"}
_LIST_NOUNS = {"область", "край", "республика"}


def _hangs_on_delegation(sent, start: int) -> bool:
    """Whether the place at `start` closes a list that hangs on "делегации" ("делегации Актюбинской,
    Западно-Казахстанской и Костанайской областей"): walk the tokens left of it, one step per token,
    over capitalised words, commas, "и" and region nouns. Token by token, so linear in the sentence
    (a regular expression over the raw left context backtracked exponentially on long ones)."""
    before = [t for t in sent.tokens if t.end <= start]
    for tok in reversed(before):
        if tok.lemma in _LIST_HEADS or tok.text.lower().startswith(("делегаци", "представител", "делегат")):
            return True
        if tok.text in {",", "и"} or tok.lemma in _LIST_NOUNS or tok.text[:1].isupper():
            continue
        return False
    return False


def _participant_places(ctx: Context, k: int, events) -> list[str]:
    """Regions named as the delegations taking part ("делегации X, Y и Z областей"), not places
    where something happens ("в Оренбурге") nor the words of the event's own name."""
    sent = ctx.sentences[k]
    inside = [(e.start, e.end) for e in ctx.refs if e.type == "Event"]
    out: list[str] = []
    for r in ctx.refs_in(k, "Region", "Country"):
        if any(s <= r.start < e for s, e in inside):
            continue
        if _hangs_on_delegation(sent, r.start) and r.key not in out:
            out.append(r.key)
    # "североказахстанская делегация приняла участие": the region behind the adjective
    from coopgraph.ingest.trade import demonym_key

    for dm in ctx.demonyms:
        if (
            sent.start <= dm.start < sent.end
            and dm.place.type == "Region"
            and re.match(r"\s+(делегаци\w+|представител\w+)", ctx.text[dm.end : dm.end + 20], re.I)
        ):
            key = demonym_key(ctx, dm)
            if key and key not in out:
                out.append(key)
    return out
