"""Supply contracts between two firms: the supplier exports to the buyer what the contract says it supplies.

"ООО «A» подписало с ТОО «B» контракт на поставку макаронных изделий", "контракт на поставку посевных
комплексов между челябинским АО «A» и костанайским ТОО «B»", "A и B заключили контракт, по которому
кемеровское предприятие поставит казахстанскому партнеру комбайны", "A заключило экспортный контракт с
казахстанским покупателем – ТОО «B». Контракт предусматривает поставки сыров". The contract is a signed
document with exactly two firms as parties; which one supplies is read from a buyer's or a supplier's noun
and where it is ("казахстанскому партнеру"), else from who signed with whom, else from "между A и B" (A),
else from where the goods go (the firm there buys); "A и B заключили контракт" alone does not say it.
"""

from __future__ import annotations

import re

from coopgraph.ingest.context import Context, Ref
from coopgraph.ingest.frames import Tree, tree_of
from coopgraph.ingest.gazetteer import Place, load_gazetteer
from coopgraph.ingest.nlp import Token
from coopgraph.ingest.trade_frames import Statement, ancestors
from coopgraph.ingest.trade_words import trade_words


def contract_firms(ctx: Context, tree: Tree, st: Statement) -> tuple[str, str] | None:
    """(supplier, buyer) of the signed two-firm contract the statement's flow belongs to, if it belongs to one."""
    k = st.match.sent
    noun = contract_noun(tree, st.match.pred)
    if noun is None:
        return None
    doc = next((r.key for r in ctx.refs_in(k, "Document") if r.start <= noun.start < r.end), None)
    if doc is None:
        return None
    firms = _firm_parties(ctx, doc)
    if len(firms) != 2:
        return None
    told = sorted({r.sent for r in ctx.refs if r.key == doc and r.sent <= k} | {k})
    supplier = next(
        (
            found
            for j in told
            for cue in (_supplier_by_noun, _supplier_by_signing, _first_between, _first_with)
            if (found := cue(ctx, tree_of(ctx, j), j, firms))
        ),
        None,
    )
    if supplier is None:
        supplier = _supplier_by_destination(ctx, st, firms)
    if supplier is None:
        return None  # "ТОО «Агротехмаш» и ООО «Ростсельмаш» заключили контракт": which one supplies is not said
    buyer = firms[1] if supplier == firms[0] else firms[0]
    return supplier, buyer


def contract_noun(tree: Tree, pred: Token) -> Token | None:
    """The contract noun the trade predicate hangs on ("контракт на поставку"), is a relative clause of
    ("контракт, по которому ... поставит") or is what the clause's subject is ("Контракт предусматривает
    поставки")."""
    nouns = trade_words().contract_nouns
    for up in [pred] + ancestors(tree, pred):
        if up is not pred and up.lemma in nouns:
            return up
        subject = next((c for c in tree.children(up) if c.rel == "nsubj" and c.lemma in nouns), None)
        if subject is not None:
            return subject
    return None


def _firm_parties(ctx: Context, doc: str) -> list[str]:
    """The organisations party to the document, in the order the article first names them."""
    parties = [r.source_key for r in ctx.relations.values() if r.type == "PARTY_TO" and r.target_key == doc]
    if any(not p.startswith("Organization:") for p in parties):
        return []  # regions or cities are parties too: a framework deal, not one firm's sale to another
    first = {p: min((r.start for r in ctx.refs if r.key == p), default=len(ctx.text)) for p in parties}
    return sorted(parties, key=lambda p: first[p])


def _supplier_by_noun(ctx: Context, tree: Tree, k: int, firms: list[str]) -> str | None:
    """ "с казахстанским покупателем – ТОО «B»", "поставит казахстанскому партнеру": the buyer; "кемеровское
    предприятие поставит": the supplier. A noun names its firm outright or by where it is."""
    w = trade_words()
    for tok in ctx.sentences[k].tokens:
        buyer = tok.lemma in w.buyer_nouns
        if not buyer and not (tok.lemma in w.org_anaphors and tok.rel == "nsubj"):
            continue
        phrase = tree.phrase(tok)
        named = [f for f in firms if any(_names(ctx, k, f, t) for t in phrase)]
        if len(named) != 1:
            place = _adjective_place(ctx, k, tok)
            named = [f for f in firms if _located(ctx, f, place)] if place else []
        if len(named) == 1:
            return named[0] if not buyer else next(f for f in firms if f != named[0])
    return None


def _supplier_by_destination(ctx: Context, st: Statement, firms: list[str]) -> str | None:
    """ "ОсОО «A» и ТОО «B» подписали контракт на поставку в Алматинскую область ...": the firm at the place the
    goods go to buys, the other supplies."""
    places = [r for a in st.args if a.role == "destination" for r in a.refs if r.type in ("Region", "City", "Country")]
    if len(places) != 1:
        return None
    where = load_gazetteer().get(places[0].key.split(":", 1)[1])
    there = [f for f in firms if _located(ctx, f, where)]
    return next(f for f in firms if f != there[0]) if len(there) == 1 else None


def _names(ctx: Context, k: int, firm: str, tok: Token) -> bool:
    return any(r.key == firm and r.start <= tok.start < r.end for r in ctx.refs_in(k, "Organization"))


def _supplier_by_signing(ctx: Context, tree: Tree, k: int, firms: list[str]) -> str | None:
    """ "ООО «A» подписало с ТОО «B» контракт": the firm that signs with the other sells to it."""
    for tok in ctx.sentences[k].tokens:
        if tok.rel != "nsubj":
            continue
        spans = [(t.start, t.end) for t in tree.phrase(tok)]
        inside = [f for f in firms if any(r.key == f and any(s <= r.start < e for s, e in spans) for r in ctx.refs)]
        if len(inside) == 1 and any(tree.preposition(c) in ("с", "со") for c in tree.children(tree.parent(tok) or tok)):
            return inside[0]
    return None


def _first_between(ctx: Context, tree: Tree, k: int, firms: list[str]) -> str | None:
    """ "контракт на поставку ... между челябинским АО «A» и костанайским ТОО «B»": the supplier is named first
    (the convention of the trade frames' "между" parties)."""
    sent = ctx.sentences[k]
    starts = [r.start for r in ctx.refs_in(k, "Organization") if r.key in firms]
    at = ctx.text.find(" между ", sent.start, min(starts, default=sent.start))
    return firms[0] if at >= 0 and len(set(r.key for r in ctx.refs_in(k) if r.key in firms)) == 2 else None


def _first_with(ctx: Context, tree: Tree, k: int, firms: list[str]) -> str | None:
    """ "контракт ТОО «Береке Дан» с измирской компанией Ege Gıda на поставку пшеницы": the firm whose contract it
    is, the one before "с", supplies (as "A подписало с B контракт" does)."""
    refs = sorted((r for r in ctx.refs_in(k, "Organization") if r.key in firms), key=lambda r: r.start)
    for a, b in zip(refs, refs[1:]):
        if a.key != b.key and re.fullmatch(r"\s+со?\s+(?:[а-яё]+\s+){0,2}", ctx.text[a.end : b.start]):
            noun = ctx.text[max(0, a.start - 30) : a.start]
            if re.search(r"(?:контракт|договор|соглашени)\w*\s+$", noun, re.I):
                return a.key
    return None


def _adjective_place(ctx: Context, k: int, tok: Token) -> Place | None:
    """The place a noun's place adjective names ("казахстанскому партнеру")."""
    for dm in ctx.demonyms:
        if tok.start - 40 <= dm.start < tok.start and not ctx.text[dm.end : tok.start].strip():
            return dm.place
    return None


def partner_firm(ctx: Context, k: int, noun: Token) -> str | None:
    """ "«Сумгайыт Полимер» уже поставило актаускому партнеру": the one firm named so far that is at the place
    the buyer noun's adjective names (by its place adjective or a place its name holds)."""
    place = _adjective_place(ctx, k, noun)
    if place is None:
        return None
    firms = dict.fromkeys(
        r.key for r in ctx.refs if r.type == "Organization" and r.sent <= k and ctx.table.entities[r.key].legal_form
    )  # firms by their legal form: a college or an akimat is no trading partner
    there = [f for f in firms if _located(ctx, f, place) or _named_at(ctx, f, place)]
    suppliers = {r.key for r in ctx.refs_in(k, "Organization")}
    if not there and suppliers:
        # "завод в Костанае, созданный ТОО «A» совместно с челябинским ООО «B». ... костанайскому партнеру поставляет
        # «B»": a firm's partner is the one firm not known to be elsewhere (a region's partners are its region's)
        there = [f for f in firms if f not in suppliers and _may_be_at(ctx, f, place)]
    return there[0] if len(there) == 1 else None


def _named_at(ctx: Context, firm: str, place: Place) -> bool:
    """The firm's name holds the place, its region or a city of it ("Мангистау Пластик" of "актауский")."""
    entity = ctx.table.get(firm)
    for m in load_gazetteer().find(entity.name) if entity is not None else []:
        if place.code in (m.place.code, m.place.region) or m.place.code == place.region:
            return True
    return False


def _located(ctx: Context, firm: str, place: Place) -> bool:
    """Whether the firm is at the place: its place adjective ("челябинским АО «A»") names the place, a city
    of it or a place of its country."""
    at = _firm_place(ctx, firm)
    if at is None:
        return False
    if place.type == "Country":
        return (at.country or at.code) == place.code
    return at.code == place.code or at.region == place.code


def _firm_place(ctx: Context, firm: str) -> Place | None:
    """Where a firm is: the place adjective right before it ("челябинским АО «A»"), else a place its name
    holds ("ТОО «Актобе Хром»", "Новосибирский кабельный завод")."""
    starts = [r.start for r in ctx.refs if r.key == firm]
    for dm in ctx.demonyms:
        if any(0 <= s - dm.end <= 1 for s in starts):
            return dm.place
    entity = ctx.table.get(firm)
    found = load_gazetteer().find(entity.name) if entity is not None else []
    if found:
        return found[0].place
    country = _LEGAL_FORM_COUNTRY.get(entity.legal_form or "") if entity is not None else None
    return load_gazetteer().get(country) if country else None


# Legal forms used in one country only ("ООО", "ОАО", "АО" are several countries'): where such a firm is.
_LEGAL_FORM_COUNTRY = {"ТОО": "KZ", "ЖШС": "KZ", "ОсОО": "KG", "ЧУП": "BY", "СООО": "BY", "ИООО": "BY", "ОДО": "BY"}
# Legal forms no firm of Kazakhstan bears: "директор павлодарского предприятия" is not the ООО's director.
_NOT_KAZAKH_FORMS = frozenset({"ООО", "ОАО", "ПАО", "ЗАО", "ОсОО", "ЧУП", "СООО", "ИООО", "ОДО", "ФГУП", "МУП", "ГУП"})
# Forms only Kazakhstan's law has: "ТОО «A» и компания «B»" with "китайской компании", B is the Chinese one
_KAZAKH_FORMS = frozenset({"ТОО", "ЖШС", "АҚ", "КГП", "ГККП", "ГКП", "РГП", "РГКП", "НАО"})
# A firm named by its generic noun and its name alone ("компания «Или Хуатай Импорт-Экспорт»")
_FIRM_NOUN = re.compile(r"(?<![\w-])(?:компани|фирм|корпораци|холдинг)\w*\s+«", re.I)


def named_as_firm(ctx: Context, r: Ref) -> bool:
    """A mention behind a firm's generic noun: "компания «Или Хуатай Импорт-Экспорт»"."""
    return _FIRM_NOUN.search(ctx.text[max(0, r.start - 12) : r.start + 12]) is not None


def firm_of_place(ctx: Context, k: int, place: Place) -> str | None:
    """ "Контракт подписали генеральный директор омской компании Денис Лаптев и директор павлодарского
    предприятия Руслан Искаков" after "ООО «Омскагрохимсервис» и ТОО «Ертис Агро Снаб» оформили контракт": the one
    firm named in this sentence or the one before that may be at the place the adjective names."""
    firms = dict.fromkeys(
        r.key
        for r in ctx.refs
        if r.type == "Organization"
        and k - 1 <= r.sent <= k
        and (ctx.table.entities[r.key].legal_form or named_as_firm(ctx, r))
    )
    fits = [f for f in firms if _may_be_at(ctx, f, place)]
    return fits[0] if len(fits) == 1 else None


def _may_be_at(ctx: Context, firm: str, place: Place) -> bool:
    country = place.country or place.code
    at = _firm_place(ctx, firm)
    if at is None:
        form = ctx.table.entities[firm].legal_form
        return form not in (_NOT_KAZAKH_FORMS if country == "KZ" else _KAZAKH_FORMS)
    if (at.country or at.code) != country:
        return False
    if at.type == "Country" or place.type == "Country":
        return True
    return place.code in (at.code, at.region) or at.code == place.region
