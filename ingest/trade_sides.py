"""The two sides of a trade flow: the places and bodies a frame's arguments name, by role, and the article's
parties standing in for a side the sentence leaves out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from coopgraph.ingest.context import Context, Ref
from coopgraph.ingest.discourse import (
    body_place,
    counterpart,
    locates_an_organisation,
    residents_place,
    resolve,
    speaker_place,
    words,
)
from coopgraph.ingest.frames import CASES, Argument, FrameMatch, Tree, shape_of
from coopgraph.ingest.morph import parses
from coopgraph.ingest.nlp import Token
from coopgraph.ingest.org_names import org_lexicon
from coopgraph.ingest.places import qualifies_a_place
from coopgraph.ingest.trade_words import trade_words

PLACES = ("Region", "City", "Country")
TRADERS = PLACES + ("Organization",)
SUBJECT_SHAPES = ("nom", "agent", "copula", "rank")
EXPORTING = ("exporter", "origin")
IMPORTING = ("importer", "destination")
# Bodies that trade no goods though a trade word may govern them (a ministry "закупает" for itself).
_NOT_TRADERS = ("университет", "министерств", "управлени", "посольств", "консульств", "академи", "школ")


@dataclass
class Side:
    """One side of a flow: the entity keys it names, and whether the sentence states it at all (a side stated
    only vaguely, "за рубеж", "из других областей", is stated and names nobody: nothing stands in for it)."""

    keys: list[str] = field(default_factory=list)
    stated: bool = False
    deixis: bool = False  # "туда", "оттуда": the side of the flow the article spoke of last
    deixis_at: int = -1  # where the adverb stands: a place named before it in its sentence is what it means
    generic: set[str] = field(default_factory=set)  # keys a generic noun stood for ("в регион")
    neighbour: bool = False  # "соседям", "в соседний регион": the main party across from the other side

    def add(self, keys: list[str]) -> None:
        self.stated = True
        self.keys += [k for k in keys if k not in self.keys]


@dataclass
class Flow:
    """What a trade frame states: who sends, who receives (both possibly unresolved yet)."""

    exporters: Side = field(default_factory=Side)
    importers: Side = field(default_factory=Side)
    carriers: Side = field(default_factory=Side)  # who carries the goods: either side (`_place_carriers`)


def frame_sides(ctx: Context, tree: Tree, m: FrameMatch, args: list[Argument]) -> Flow:
    """The exporter and importer sides a frame's arguments name."""
    flow = Flow()
    for arg in args:
        if (firm := _partner_firm(ctx, m.sent, arg)) is not None and (side := _side_of(flow, arg.role)) is not None:
            side.add([firm])  # "поставило актаускому партнеру": the firm there, not the place
            continue
        placed = False
        for ref, head in trader_refs(ctx, tree, m.sent, arg.tokens):
            side = _side_of(flow, _ref_role(ctx, tree, m, arg, ref, head) or "")
            if side is not None:
                side.add(keys_of(ctx, tree, m.sent, [(ref, head)]))
                placed = placed or head.i == arg.head.i or _side_of(flow, arg.role) is side
        if arg.role == "goods" and arg.shape == "gen" and m.predicate.noun and not placed:
            _owner_noun(ctx, tree, m, arg, flow)  # "экспорт региона", "импорт республики"
        elif arg.role == "goods" and not placed:
            _goods_owner(ctx, tree, m, arg, flow)  # "продукция предприятия экспортируется"
        side = _side_of(flow, arg.role)
        if side is not None and not placed and _neighbour(tree, arg.head):
            side.stated = side.neighbour = True
        elif side is not None and not placed:
            keys = head_keys(ctx, tree, m.sent, arg)
            if keys is not None:
                side.add(keys)
                side.generic |= set(keys)
            elif arg.shape in SUBJECT_SHAPES:
                side.stated = True  # a subject we cannot place ("специалисты", "они"): nothing stands in for it
    for adv in tree.children(m.pred):
        role = trade_words().deixis.get(adv.lemma)
        if role:
            _side_of(flow, role).deixis = True  # type: ignore[union-attr]
            _side_of(flow, role).deixis_at = adv.start  # type: ignore[union-attr]
    _place_carriers(flow)
    if m.predicate.noun:
        _owner_adjective(ctx, tree, m, flow)
    _drop_overlap(ctx, flow)
    for side, other in ((flow.exporters, flow.importers), (flow.importers, flow.exporters)):
        if side.neighbour:
            fill_neighbour(ctx, side, other, m.sent, buying=side is flow.importers)
    return flow


def fill_neighbour(ctx: Context, side: Side, other: Side, k: int, buying: bool = False) -> None:
    """An unnamed side across from a named one ("соседям"), or from the article's home when the neighbours buy: the
    place across the border from it named nearest before (a digest's item names its pair), else the article's
    main party across the border."""
    # "Больше всего соседи закупили пшеницы": with the other side unnamed too, the neighbours who buy are the
    # home's (those "у соседей" a speaker buys from may be any region near him)
    base = other.keys[0] if other.keys else ctx.home if buying else None
    if side.keys or base is None:
        return
    country = country_of(ctx, base)
    near = sorted(
        (r for j in range(max(0, k - 2), k + 1) for r in ctx.refs_in(j, "Region", "City")),
        key=lambda r: (r.sent, r.start),
        reverse=True,
    )
    across = next((r.key for r in near if country_of(ctx, r.key) not in (None, country)), None)
    across = across or partner_of(ctx, base)
    if across:
        side.add([across])
        side.generic.add(across)


def _neighbour(tree: Tree, head: Token) -> bool:
    w = trade_words()
    return head.lemma in w.neighbours or (
        head.lemma in w.home_nouns and any(c.lemma in w.neighbour_adjectives for c in tree.children(head))
    )


def _owner_adjective(ctx: Context, tree: Tree, m: FrameMatch, flow: Flow) -> None:
    """ "казахстанский экспорт в Беларусь", "российский импорт": a place adjective on the trade noun is its
    owner, as the genitive is ("экспорт Казахстана")."""
    side = _side_of(flow, trade_words().owner.get(m.frame, "exporter"))
    for child in tree.children(m.pred):
        if child.rel != "amod" or side is None:
            continue
        for dm in ctx.demonyms:
            if child.start <= dm.start < child.end and (ref := _demonym_ref(ctx, m.sent, dm)) is not None:
                side.add(keys_of(ctx, tree, m.sent, [(ref, child)]))


def _goods_owner(ctx: Context, tree: Tree, m: FrameMatch, arg: Argument, flow: Flow) -> None:
    """The maker a goods phrase names by a noun in the genitive ("продукция предприятия", "зерно
    региона"): the side that owns the goods, as the noun stands in for it."""
    w = trade_words()
    for child in tree.children(arg.head):
        if child.rel != "nmod" or child.feats.get("Case") != "Gen":
            continue
        if child.lemma not in w.org_anaphors | w.home_nouns or trader_refs(ctx, tree, m.sent, tree.phrase(child)):
            continue
        keys = stand_in(ctx, tree, m.sent, child)
        side = _side_of(flow, w.owner.get(m.frame, "exporter"))
        if keys and side is not None:
            side.add(keys)
            side.generic |= set(keys)


def _owner_noun(ctx: Context, tree: Tree, m: FrameMatch, arg: Argument, flow: Flow) -> None:
    w = trade_words()
    if arg.head.lemma not in w.home_nouns | w.country_nouns or trader_refs(ctx, tree, m.sent, arg.tokens):
        return
    keys = stand_in(ctx, tree, m.sent, arg.head)
    side = _side_of(flow, w.owner.get(m.frame, "exporter"))
    if keys is not None and side is not None:
        side.add(keys)
        side.generic |= set(keys)


def _ref_role(ctx: Context, tree: Tree, m: FrameMatch, arg: Argument, ref: Ref, head: Token) -> str | None:
    """The role of a place mentioned in an argument: the argument's own, unless the place has a preposition
    of its own (the parser hangs "из Казахстана" on the wrong word) or the argument is the goods."""
    if ref.via == "demonym" and arg.role == "goods":
        noun = tree.parent(head) or head
        shape = shape_of(tree, noun)
        # "на российский рынок": a destination; "казахстанская мука", "обувь астраханских производителей": made there
        return m.predicate.role_of(shape) if "+" in shape else "origin"
    if arg.shape in SUBJECT_SHAPES and arg.role != "goods":
        return arg.role  # "покупатели из Китая", "предприятия Минской области": the subject's side
    if arg.role == "goods" and head.i == arg.head.i and m.predicate.noun and arg.shape == "gen":
        return trade_words().owner.get(m.frame, "exporter")  # "экспорт Казахстана"
    if arg.role == "goods" and ref.type == "Organization" and _after_a_dative(tree, ref):
        return m.predicate.role_of("dat")  # "отправила партию баранины ... семейскому мясокомбинату ТОО «X»"
    maker = arg.role == "goods" and ref.type == "Organization" and _maker_of(tree, head, arg.head)
    firm = arg.role == "goods" and ref.type == "Organization" and not maker and _legal_maker(tree, arg.head, ref)
    if maker or firm:
        if any(t.rel == "conj" and t.pos == "NOUN" and not ref.start <= t.start < ref.end for t in arg.tokens):
            # "поставляются льняные ткани Оршанского льнокомбината, обувь ..., мясные консервы": the maker of
            # one good of a list is not the exporter of the others
            return None
        if firm:
            return "exporter"  # "партия удобрений ТОО «X» отправлена": the firm whose goods go sends them
        if m.frame == "demand":
            return "exporter"  # "востребована техника ОАО «Лидсельмаш»": its maker sells it
        return trade_words().owner.get(m.frame, "exporter")  # "продукция ТОО «X» поставляется": its maker
    if arg.role != "goods" and (head.i == arg.head.i or _listed_with_head(ctx, tree, m.sent, ref, arg)):
        return arg.role  # the argument's own shape, as read for it ("в Атырау, Актау и Туркестан": "into")
    shape = list_shape(ctx, tree, m.sent, ref, head)
    if "+" in shape:
        return m.predicate.role_of(shape)
    return None if arg.role == "goods" else arg.role


def _maker_of(tree: Tree, head: Token, goods: Token) -> bool:
    """A company in the genitive right under the goods noun, with no preposition of its own."""
    return head.rel == "nmod" and head.head == goods.i and head.feats.get("Case") == "Gen" and not _has_prep(tree, head)


def _legal_maker(tree: Tree, goods: Token, ref: Ref) -> bool:
    """ "партия удобрений ТОО «X»": a firm opening with its legal form, in the genitive as an apposition to the
    goods or to what counts them (the parser's reading), not a maker's nmod the rule above reads."""
    first = next((t for t in tree.sent.tokens if t.start == ref.start), None)
    return (
        first is not None
        and first.text in org_lexicon().legal_forms
        and first.rel in ("appos", "nmod")
        and first.feats.get("Case") == "Gen"
        and (first.head == goods.i or (up := tree.parent(first)) is not None and up.head == goods.i)
        and not _has_prep(tree, first)
    )


def _after_a_dative(tree: Tree, ref: Ref) -> bool:
    """ "... – семейскому мясокомбинату ТОО «X»": a firm right after a noun the dictionary reads as a dative
    only, whatever case the tagger gave it, is whom the goods went to."""
    first = next((t for t in tree.sent.tokens if t.start == ref.start), None)
    return first is not None and first.i > 0 and _dative_only(tree.sent.tokens[first.i - 1])


def _dative_only(tok: Token) -> bool:
    """A noun the dictionary reads as a dative only ("мясокомбинату"), whatever case the tagger gave it."""
    found = [p for p in parses(tok.text.lower()) if p.tag.POS == "NOUN"]
    return bool(found) and all(p.tag.case == "datv" for p in found)


def _has_prep(tree: Tree, head: Token) -> bool:
    return any(c.rel == "case" for c in tree.children(head))


def _side_of(flow: Flow, role: str) -> Side | None:
    if role in EXPORTING:
        return flow.exporters
    if role in IMPORTING:
        return flow.importers
    return flow.carriers if role == "carrier" else None


def _place_carriers(flow: Flow) -> None:
    """Carriers fetching goods from a named origin are the importers; otherwise they bring their own goods."""
    if not flow.carriers.keys:
        return
    # "а оттуда везем уголь": "оттуда" names the origin as well as a place does
    fetching = (flow.exporters.stated or flow.exporters.deixis) and not (flow.importers.stated or flow.importers.deixis)
    side = flow.importers if fetching else flow.exporters
    side.add([k for k in flow.carriers.keys if k not in flow.exporters.keys + flow.importers.keys])
    side.generic |= flow.carriers.generic


def _partner_firm(ctx: Context, k: int, arg: Argument) -> str | None:
    from coopgraph.ingest.trade_contracts import partner_firm  # trade_contracts reads the trade frames

    w = trade_words()
    # "поставило актаускому партнеру", "отгрузил костанайской компании": a buyer's noun, or a firm's noun the
    # goods go to, with a place adjective
    firm_noun = arg.head.lemma in w.org_anaphors and arg.role == "destination"
    return partner_firm(ctx, k, arg.head) if arg.head.lemma in w.buyer_nouns or firm_noun else None


def _drop_overlap(ctx: Context, flow: Flow) -> None:
    """A place on both sides: "в регион из Курганской области" names two different regions, so the generic
    noun stands for the article's next region; named on both sides it is on neither."""
    for side, other in ((flow.exporters, flow.importers), (flow.importers, flow.exporters)):
        for key in [k for k in side.keys if k in other.keys and k in side.generic and k not in other.generic]:
            alt = next((f for f in ctx.focus if f.startswith("Region:") and f not in other.keys), None)
            side.keys = [(alt or k) if k == key else k for k in side.keys if alt or k != key]
    both = set(flow.exporters.keys) & set(flow.importers.keys)
    flow.exporters.keys = [k for k in flow.exporters.keys if k not in both]
    flow.importers.keys = [k for k in flow.importers.keys if k not in both]


def head_keys(ctx: Context, tree: Tree, k: int, arg: Argument) -> list[str] | None:
    """The sides an argument naming no place stands for, by its head noun; None if it names no side at all
    ("с начала года", "на сумму")."""
    head = arg.head
    if head.lemma in ("который", "что") and head.pos == "PRON":
        found_at = _antecedent(tree, head)
        if found_at is None:
            return _named_right_before(ctx, k, head)
        antecedent, clause = found_at
        inside = {t.i for t in tree.phrase(clause)}
        tokens = [t for t in tree.phrase(antecedent) if t.i not in inside]
        found = trader_refs(ctx, tree, k, tokens)
        return keys_of(ctx, tree, k, found) if found else stand_in(ctx, tree, k, antecedent)
    if head.lemma == "сторона" and (ours := counterpart(ctx, k, head)) is not None:
        return [ours]  # "российская сторона поставляет в регион нефтепродукты": the article's Russian region
    if words().is_group(head.lemma):
        side = resolve(ctx, tree, k, arg)  # "гости привезли", "делегация доставила"
        return [b for b in side.bodies if _is_trader(ctx, b)]
    return stand_in(ctx, tree, k, head)


def _named_right_before(ctx: Context, k: int, pronoun: Token) -> list[str] | None:
    """ "ООО «Сибагромаш», которое поставило ...": a trader named right before the comma of a relative clause
    the parser did not hang on it."""
    found = [r for r in ctx.refs_in(k, "Organization", "Region", "City", "Country") if r.end <= pronoun.start]
    last = max(found, key=lambda r: r.end, default=None)
    if last is None or not re.fullmatch(r"[»\"”\s]*,\s*", ctx.text[last.end : pronoun.start]):
        return None
    return [last.key]


def _antecedent(tree: Tree, pronoun: Token) -> tuple[Token, Token] | None:
    """The noun a relative clause hangs on, and the clause: "предприятия в других регионах, что отправляют её"."""
    clause = tree.parent(pronoun)
    seen: set[int] = set()
    while clause is not None and not clause.rel.startswith("acl") and clause.i not in seen:
        seen.add(clause.i)
        clause = tree.parent(clause) if clause.rel in ("xcomp", "conj") else None
    noun = tree.parent(clause) if clause is not None and clause.rel.startswith("acl") else None
    return (noun, clause) if noun is not None and clause is not None else None


def stand_in(ctx: Context, tree: Tree, k: int, head: Token) -> list[str] | None:
    """What a noun naming no place stands for: "регион" the article's region, "республика" the country on
    the other side, "АО" the organization named last, "фермеры" the article's region; a vague place
    ("за рубеж", "в 18 стран", "других областей") nobody; any other noun no side (None)."""
    w = trade_words()
    place_noun = head.lemma in w.home_nouns | w.country_nouns | w.vague_places | w.other_place_nouns
    if place_noun and _vague(tree, head):
        return []
    ours = any(c.lemma == "наш" for c in tree.children(head))
    speaker = _speakers_place(ctx, head) if ours and head.lemma in w.home_nouns | w.producers else None
    if speaker:
        return [speaker]  # "«Наш регион поставляет в Омск уголь», – сказал аким Павлодарской области": his
    yours = any(c.lemma == "ваш" for c in tree.children(head)) and head.lemma in w.home_nouns
    if yours and (speaker := speaker_place(ctx, head.start)) and (other := partner_of(ctx, speaker)):
        return [other]  # "«... а нам ваш регион поставляет полипропилен», – сказал губернатор": his partner
    if head.lemma in w.home_nouns:
        if tree.preposition(head) is None and head.rel == "nmod" and (named := _named_before(ctx, k, head, "Region")):
            return [named]  # "партнёр Оренбуржья ... второе место по экспорту региона": the one named there
        if tree.preposition(head) is None and (speaker := _speakers_region(ctx, head)) is not None:
            # "«Доля челябинских предприятий в экспорте области ...», – отметил замаким": his region; not where
            # goods go ("мы поставляем сюда лифты, экспорт в регион вырос": the host's)
            return [speaker]
        home = home_region(ctx)
        return [_of_its_kind(ctx, home, head.lemma)] if home else []
    if head.lemma in w.country_nouns:
        if named := _named_before(ctx, k, head, "Country"):
            return [named]  # "Казахстан является партнёром ...: республика занимает первое место"
        if head.lemma == "республика" and (republic := _republic_partner(ctx) or _republic_home(ctx)):
            # "Жамбылский регион поставляет в республику ..." in an article about Татарстан; "Из Мангистау в
            # республику ввозятся ..." on a Karakalpak site
            return [republic]
        country = focus_country(ctx, exclude=country_of(ctx, ctx.home))
        return [country] if country else []
    if head.lemma in w.org_anaphors and head.feats.get("Number") != "Plur":
        org = last_organization(ctx, k, head.start)
        if org:
            return [org]
    if head.lemma == "мы" and (speaker := speaker_place(ctx, head.start)):
        return [speaker]  # "«Мы поставляем в Узбекистан цемент», – отметил аким": his region
    if head.lemma == "мы":
        home = home_region(ctx)  # "мы" is plural, and no vague plural: the article's region speaks
        return [home] if home else []
    if place := residents_place(ctx, head):
        return [place]  # "павлодарцы везут", "омичи закупают": the place's people
    if head.lemma in w.producers:
        home = home_region(ctx)
        return [home] if home and not _vague(tree, head) else []
    kids = tree.children(head)
    owner = next(
        (c for c in kids if c.rel == "nmod" and c.lemma in w.home_nouns and c.feats.get("Case") == "Gen"), None
    )
    if owner is not None and not place_noun and tree.preposition(owner) is None:
        return stand_in(ctx, tree, k, owner)  # "на рудники и обогатительные фабрики региона": the region's
    return [] if place_noun else None


def _speakers_place(ctx: Context, head: Token) -> str | None:
    """The place of whoever the words at `head` are attributed to; a chamber's director speaks for the
    chamber's region."""
    speaker = speaker_place(ctx, head.start)
    return body_place(ctx, speaker) if speaker and speaker.startswith("Organization:") else speaker


def _speakers_region(ctx: Context, head: Token) -> str | None:
    """The region of whoever the words at `head` are attributed to, when he serves a region of the noun's kind."""
    speaker = _speakers_place(ctx, head)
    if not speaker or not speaker.startswith("Region:"):
        return None
    ent = ctx.table.get(speaker)
    kind = {"область": "област", "край": "край", "республика": "республик"}.get(head.lemma)
    return speaker if ent is not None and (kind is None or kind in ent.name.lower()) else None


def _of_its_kind(ctx: Context, home: str, noun: str) -> str:
    """ "округ экспортирует" in an article about область Абай and округ Тачэн: a unit's own noun ("область",
    "край", "округ", "провинция") is the most salient region whose name has it, when the home's has not."""

    def named_as(key: str) -> bool:
        ent = ctx.table.get(key)
        return ent is not None and ent.type == "Region" and noun in ent.name.lower().split()

    if noun == "регион" or named_as(home):
        return home
    return next((key for key in ctx.focus if named_as(key)), home)


def _republic_partner(ctx: Context) -> str | None:
    """The article's main region across the border from its home, when that region is a republic of a
    federation ("Республика Татарстан"): "республика" is it, not its country."""
    for key in ctx.focus:
        ent = ctx.table.get(key)
        if (
            ent is not None
            and ent.type == "Region"
            and key != ctx.home
            and country_of(ctx, key) != country_of(ctx, ctx.home)
        ):
            return key if ent.name.startswith("Республика") else None
    return None


def _republic_home(ctx: Context) -> str | None:
    """The article's home region when it is a republic of its country ("Республика Каракалпакстан")."""
    ent = ctx.table.get(ctx.home) if ctx.home else None
    return ctx.home if ent is not None and ent.type == "Region" and ent.name.startswith("Республика") else None


def _named_before(ctx: Context, k: int, head: Token, kind: str) -> str | None:
    """The one region (country) the sentence names before `head`, if it names exactly one of that kind."""
    named = {r.key for r in ctx.refs_in(k, kind) if r.end <= head.start}
    return named.pop() if len(named) == 1 else None


def _vague(tree: Tree, head: Token) -> bool:
    w = trade_words()
    kids = tree.children(head)
    return (
        head.lemma in w.vague_places
        or head.feats.get("Number") == "Plur"
        and head.lemma not in w.producers
        or any(c.pos == "NUM" or c.lemma in w.vague for c in kids)
        or any(c.lemma in w.vague for k in kids for c in tree.children(k))  # "в других регионах"
    )


def trader_refs(ctx: Context, tree: Tree, k: int, tokens: list[Token]) -> list[tuple[Ref, Token]]:
    """The place, organization and place-adjective mentions in `tokens`, each with its head token."""
    spans = [(t.start, t.end) for t in tokens]
    out = []
    orgs = [r.end for r in ctx.refs_in(k, "Organization")]
    for r in ctx.refs_in(k, *TRADERS):
        if r.type != "Organization" and locates_an_organisation(ctx, r, orgs):
            continue  # "ТОО «Тараз-Фосфор» (Жамбылская область)": the place only locates the company
        if r.type == "Country" and qualifies_a_place(ctx, r):
            continue  # "в Чуйскую область Кыргызстана": the country only says where the region is
        if any(s <= r.start < e for s, e in spans) and (r.type != "Organization" or _is_trader(ctx, r.key)):
            out.append((r, _head_token(tree, r.start, r.end)))
    sent = ctx.sentences[k]
    named = [(r.start, r.end) for r in ctx.refs_in(k, "Organization", "Event")]
    for dm in ctx.demonyms:
        if any(s <= dm.start < e or 0 <= s - dm.end <= 2 for s, e in named):
            continue  # "Павлодарский алюминиевый завод": part of a name; "шымкентский «Фармплант»": its place
        if sent.start <= dm.start < sent.end and any(s <= dm.start < e for s, e in spans):
            ref = _demonym_ref(ctx, k, dm)
            if ref is not None:
                out.append((ref, _head_token(tree, dm.start, dm.end)))
    return out


def _demonym_ref(ctx: Context, k: int, dm) -> Ref | None:
    key = demonym_key(ctx, dm)
    ent = ctx.table.get(key) if key else None
    return Ref(ent.key, ent.type, k, dm.start, dm.end, via="demonym") if ent else None


def keys_of(ctx: Context, tree: Tree, k: int, found: list[tuple[Ref, Token]]) -> list[str]:
    """Entity keys of the mentions; a country that only qualifies a generic place noun ("приграничный регион
    РФ") stands for the article's region of that country, not for the country."""
    out: list[str] = []
    for ref, head in found:
        key: str | None = ref.key
        parent = tree.parent(head)
        if (
            ref.type == "Country"
            and parent is not None
            and parent.lemma in trade_words().home_nouns
            and not any(r.start <= parent.start < r.end for r in ctx.refs_in(k, *PLACES))
        ):
            key = focus_region(ctx, ref.key.split(":")[-1])
        if key and key not in out:
            out.append(key)
    return out


def _head_token(tree: Tree, start: int, end: int) -> Token:
    inside = [t for t in tree.sent.tokens if start <= t.start < end]
    for t in inside:
        parent = tree.parent(t)
        if parent is None or not (start <= parent.start < end):
            return t
    return inside[0] if inside else tree.sent.tokens[0]


def _listed_with_head(ctx: Context, tree: Tree, k: int, ref: Ref, arg: Argument) -> bool:
    """Whether a place is listed together with the place heading the argument."""
    members = _list_of(ctx, k, ref)
    return any(_head_token(tree, r.start, r.end).i == arg.head.i for r in members if r is not ref)


def list_shape(ctx: Context, tree: Tree, k: int, ref: Ref, head: Token) -> str:
    """The shape of a mention, shared along a list of places: in "из Костанайской, Акмолинской,
    Карагандинской областей" the preposition the parser hung on the last one holds for all."""
    shape = shape_of(tree, head)
    if "+" in shape:
        return shape
    members = _list_of(ctx, k, ref)
    for other in members:
        other_shape = shape_of(tree, _head_token(tree, other.start, other.end))
        if "+" in other_shape:
            return other_shape
    first = members[0] if members else ref
    prep = _word_before(ctx, k, first.start)
    spans = [(r.start, r.end) for r in members or [ref]]
    cases = [t.feats["Case"] for s, e in spans for t in tree.sent.tokens if s <= t.start < e and "Case" in t.feats]
    case = CASES.get(cases[0], shape) if cases else shape
    return f"{prep}+{case}" if prep else shape


def _list_of(ctx: Context, k: int, ref: Ref) -> list[Ref]:
    """The places listed together with `ref`, separated by commas and "и" only."""
    refs = sorted(ctx.refs_in(k, *PLACES), key=lambda r: r.start)
    if ref not in refs:
        return [ref]
    i = refs.index(ref)
    lo = hi = i
    while lo > 0 and _joined(ctx, refs[lo - 1], refs[lo]):
        lo -= 1
    while hi + 1 < len(refs) and _joined(ctx, refs[hi], refs[hi + 1]):
        hi += 1
    return refs[lo : hi + 1]


def _joined(ctx: Context, a: Ref, b: Ref) -> bool:
    gap = ctx.text[a.end : b.start].strip().lower()
    return gap in (",", "и", ", и", ", а также", "а также")


def _word_before(ctx: Context, k: int, start: int) -> str:
    before = [t for t in ctx.sentences[k].tokens if t.end <= start]
    return before[-1].lemma if before and before[-1].pos == "ADP" else ""


def _is_trader(ctx: Context, key: str) -> bool:
    ent = ctx.table.get(key)
    return ent is not None and not any(w in ent.name.lower() for w in _NOT_TRADERS)


def last_organization(ctx: Context, k: int, before: int) -> str | None:
    """The organization named last before `before`, within this and the three sentences before it."""
    orgs = [r for r in ctx.refs if r.type == "Organization" and k - 3 <= r.sent <= k and r.start < before]
    orgs = [r for r in orgs if _is_trader(ctx, r.key)]
    return max(orgs, key=lambda r: r.start).key if orgs else None


def country_of(ctx: Context, key: str | None) -> str | None:
    ent = ctx.table.get(key) if key else None
    if ent is None:
        return None
    return ent.country or ent.key.split(":")[-1]


def demonym_key(ctx: Context, dm) -> str | None:
    """The entity a place adjective stands for ("на российский рынок" → Россия); a country only if the article
    names it by a noun too (spec: an adjective makes no Country)."""
    from coopgraph.ingest.places import add_place, place_key

    key = place_key(dm.place)
    if ctx.table.get(key) is None:
        if dm.place.type == "Country":
            return None
        add_place(ctx, dm.place)
    return key


def partner_of(ctx: Context, key: str | None) -> str | None:
    """The article's main party on the other side of the border from `key`, however often it is named."""
    country = country_of(ctx, key)
    for cand in ctx.focus:
        if cand != key and country_of(ctx, cand) != country:
            return cand
    return None


def main_partner(ctx: Context, key: str | None) -> str | None:
    """The one party across the border from `key` the article is about: the only one it names, or one named
    more often than the next. An article listing destinations ("в Россию, Кыргызстан, Беларусь ...") has
    none, so a figure that names no partner is the place's trade with the world, not with the first listed."""
    country = country_of(ctx, key)
    counts = mentions(ctx)
    foreign = [c for c in ctx.focus if c != key and country_of(ctx, c) != country]
    if len(foreign) <= 1 or counts[foreign[0]] > counts[foreign[1]]:
        return foreign[0] if foreign else None
    return None


def mentions(ctx: Context) -> Counter:
    """How often each place is named, a city counting for its region too."""
    counts: Counter = Counter()
    for r in ctx.refs:
        if r.type in PLACES:
            counts[r.key] += 1
            ent = ctx.table.get(r.key)
            if ent is not None and ent.type == "City" and ent.region:
                counts[f"Region:{ent.region}"] += 1
    return counts


def focus_country(ctx: Context, exclude: str | None) -> str | None:
    """The article's most salient named country other than `exclude` (a country code)."""
    for key in ctx.focus:
        if key.startswith("Country:") and key.split(":")[-1] != exclude:
            return key
    return None


def focus_region(ctx: Context, country: str) -> str | None:
    """The article's most salient region of `country`."""
    for key in ctx.focus:
        if key.startswith("Region:") and country_of(ctx, key) == country:
            return key
    return None


def home_region(ctx: Context) -> str | None:
    """The region the article is about: the most salient one it names, else, when it names none by a noun, the
    one its place adjective names ("Кызылординские вести": a regional outlet writes of its own region)."""
    if ctx.home or ctx.focus and ctx.focus[0].startswith("Region:"):
        return ctx.home
    regions = [d for d in ctx.demonyms if d.place.type == "Region"]
    return demonym_key(ctx, regions[0]) if regions else None


def partner(ctx: Context, key: str | None) -> str | None:
    """The article's main party across the border from `key`, if the article is about the two of them:
    named at least twice. A country named once in a list of destinations is no partner."""
    if key is None:
        return None
    country = country_of(ctx, key)
    counts = mentions(ctx)
    for cand in ctx.focus:
        if cand != key and country_of(ctx, cand) != country:
            if counts[cand] >= 2:
                return cand
            break
    home = home_region(ctx) if not ctx.home else None
    return home if home and home != key and country_of(ctx, home) != country else None
