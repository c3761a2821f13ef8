"""TRADE_VOLUME: money amounts of turnover, export and import, with the two sides and the year they are of."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coopgraph.ingest.context import Context
from coopgraph.ingest.dates import find_year, parse_amount
from coopgraph.ingest.discourse import speaker_place
from coopgraph.ingest.trade_sides import country_of, demonym_key, focus_country, main_partner, partner_of
from coopgraph.ingest.trade_words import trade_words

_TURNOVER = re.compile(
    r"(товарооборот|товарообмен|внешнеторгов\w+ оборот|торгов\w+ оборот|оборот|обмен\w*\s+товарами|"
    r"объ[её]м\w*\s+(?:взаимн\w+\s+|двусторонн\w+\s+|внешн\w+\s+)?торговл\w+|взаимн\w+\s+торговл\w+)",
    re.I,
)
# "отгрузили в Казахстан продукции на 1,92 млрд долларов", "поставила товаров на", "вывезено продукции на":
# goods worth that much sent is an export figure, received an import one
_EXPORT = re.compile(
    r"\b(экспорт\w*|вывоз\w*|вывез\w*|поставк\w*|поставил\w*|поставлен\w*|поставля\w*|отгрузил\w*|отгруж\w*)\b",
    re.I,
)
_IMPORT = re.compile(r"\b(импорт\w*|ввоз\w*|ввез\w*|завоз\w*|завез\w*|закуп\w*)\b", re.I)
_SHARE = re.compile(r"(из них|в том числе|на долю)", re.I)
# A figure of trade with the whole world names no partner: "поставляет на экспорт", "в 30 стран".
_VAGUE = re.compile(
    r"\b(на экспорт|за рубеж|в \d+ стран\w*|во все страны|на внешние рынки|в другие страны|со всем миром|"
    r"(?:в|со?)\s+стран(?:ы|ами)\s+(?:ЕАЭС|СНГ|ЕС|Евросоюза|Центральной Азии|ШОС|дальнего|ближнего))\b",
    re.I,
)
# Sides named by a common noun: "между двумя государствами", "с республикой", "в регионе".
_TWO_COUNTRIES = re.compile(r"между\s+(?:двумя\s+)?(государствами|странами)", re.I)
_BETWEEN_US = re.compile(r"\bмежду\s+нами\b", re.I)
_TWO_REGIONS = re.compile(r"между\s+(?:нашими\s+|двумя\s+|обоими\s+)?(регионами|областями)", re.I)
# "Экспорт области в эту страну составил ...": the country named last before (the sentence before's "Монголию").
# "с этой страной", "торговля с северным соседом": the country the sentences before named
_THIS_COUNTRY = re.compile(
    r"(?<![\w-])(?:(?:эт(?:у|ой|им|а)|данн(?:ую|ой|ая))\s+(?:стран|государств|республик)|"
    r"(?:с|со)\s+(?:\w+(?:ым|им)\s+)?сосед(?:ом|ями)\b)",
    re.I,
)
_REVENUE = re.compile(r"\b(?:выручк\w*|доход\w*|прибыл\w*)\b", re.I)
# Money spent or set aside, even for buying abroad, is a budget's figure, not trade between places: "на закупку
# техники из Беларуси выделено 2 млрд тенге", "затраты на закупку оборудования составят 500 млн рублей".
_SPENDING = re.compile(
    r"\b(?:затрат\w*|расход\w*|выдел(?:ен|ил|ят|ит|ено|ена|ены)\w*|потрат\w*|израсход\w*|субсиди\w*"
    r"|на\s+(?:\w+\s+)?(?:закупк|покупк|приобретени)\w*)",
    re.I,
)
_COUNTRY_NOUN = re.compile(r"\b(?:с|со)\s+(?:соседн\w+\s+|этой\s+)?(республикой|страной|государством)\b", re.I)
# "360 миллионов" after "480 миллионов долларов" in one sentence: the currency said once.
_BARE = re.compile(r"(?<![\d,.])(\d+(?:[.,]\d+)?)\s+(млрд|млн|миллиард\w*|миллион\w*)\.?(?!\s*(?:т\b|тонн))", re.I)
_SCALE = {"млрд": 1e9, "миллиард": 1e9, "млн": 1e6, "миллион": 1e6}
# "1 миллиард 100 миллионов долларов" is one amount.
_COMPOUND = re.compile(r"(\d+(?:[.,]\d+)?)\s+(?:млрд|миллиард\w*)\.?\s+$", re.I)


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str
    start: int  # offsets in the sentence
    end: int


def amounts(text: str) -> list[Amount]:
    """The money amounts of a sentence; a bare "N миллионов" takes the currency of an amount before it."""
    found = [Amount(v, c, s, e) for v, c, s, e in parse_amount(text)]
    out = []
    for a in found:
        m = _COMPOUND.search(text[max(0, a.start - 30) : a.start])
        if m and a.value < 1e9:
            head = float(m.group(1).replace(",", ".")) * 1e9
            a = Amount(head + a.value, a.currency, a.start - len(m.group(0)), a.end)
        out.append(a)
    for m in _BARE.finditer(text):
        before = [a for a in out if a.end <= m.start()]
        if before and not any(a.start <= m.start() < a.end for a in out):
            out.append(_bare(m, before[-1].currency))
    return sorted(out, key=lambda a: a.start)


def _bare(m: re.Match, currency: str) -> Amount:
    scale = next(v for k, v in _SCALE.items() if m.group(2).lower().startswith(k))
    return Amount(float(m.group(1).replace(",", ".")) * scale, currency, m.start(), m.end())


def _shares_of_the_figure_before(ctx: Context, k: int) -> tuple[list[Amount], tuple[str, tuple[str, str]] | None]:
    """ "Товарооборот ... достиг 480 миллионов долларов. Примерно 360 миллионов из них пришлось на экспорт, 120
    миллионов – на импорт": bare amounts that are shares of the sentence before's figure, in its currency
    and between its two sides."""
    text = ctx.sentences[k].text
    if k == 0 or not _SHARE.search(text):
        return [], None
    before = [
        r for r in ctx.relations.values() if r.type == "TRADE_VOLUME" and ctx.sentence_of(r.evidence.start) == k - 1
    ]
    currency = before[-1].currency if before else None
    if currency is None:
        return [], None
    last = before[-1]
    found = [_bare(m, currency) for m in _BARE.finditer(text)]
    return found, (last.kind or "turnover", (last.source_key, last.target_key))


def kind_of(text: str, a: Amount, lo: int, hi: int) -> str | None:
    """The kind of trade an amount measures: the trade word nearest it within its stretch of the sentence
    (`lo`..`hi`, between the amounts around it); after a dash ("120 миллионов – импорта") the right one."""
    left, right = text[lo : a.start], text[a.end : hi]
    sides = (right, left) if re.match(r"\s*[–—-]", right) else (left, right)
    for part in sides:
        hits = [(m.start(), k) for k, rx in _KINDS for m in rx.finditer(part)]
        if hits:
            pick = max(hits) if part is left else min(hits)
            return pick[1]
    return None


_KINDS = (("turnover", _TURNOVER), ("export", _EXPORT), ("import", _IMPORT))


def is_vague(text: str) -> bool:
    # "360 миллионов пришлось на экспорт", "из них на экспорт пришлось 121,4 миллиона": a share of the figure,
    # not goods sent to the world
    return any(
        not _A_SHARE_OF.search(text[: m.start()]) and not _SHARE_FOLLOWS.match(text[m.end() :])
        for m in _VAGUE.finditer(text)
    )


_A_SHARE_OF = re.compile(r"(?:приход\w*|пришл\w*|прид[её]тся)\s+$", re.I)
_SHARE_FOLLOWS = re.compile(r"\s*(?:приход\w*|пришл\w*|прид[её]тся)\b", re.I)


def refs_between(ctx: Context, k: int, lo: int, hi: int) -> list[str]:
    """Places named in a stretch of sentence `k` (sentence offsets), place adjectives included, in order."""
    sent = ctx.sentences[k]
    found: list[tuple[int, str]] = [
        (r.start, r.key) for r in ctx.refs_in(k, "Region", "Country", "City") if lo <= r.start - sent.start < hi
    ]
    for dm in ctx.demonyms:
        if lo <= dm.start - sent.start < hi:
            key = demonym_key(ctx, dm)
            if key and ctx.table.get(key) is not None:
                found.append((dm.start, key))
    return list(dict.fromkeys(key for _, key in sorted(found)))


def named_by_noun(ctx: Context, text: str) -> list[str]:
    """Sides a common noun names: the article's two countries, or the country across from its region."""
    if _TWO_COUNTRIES.search(text):
        countries = [f for f in ctx.focus if f.startswith("Country:")]
        return countries[:2] if len(countries) >= 2 else []
    if _TWO_REGIONS.search(text) and ctx.home:
        other = partner_of(ctx, ctx.home)  # "товарооборот между нашими регионами": the article's two
        return [ctx.home, other] if other else []
    if _COUNTRY_NOUN.search(text) and ctx.home:
        country = focus_country(ctx, exclude=country_of(ctx, ctx.home))
        return [ctx.home, country] if country else []
    return []


def _prep_before(ctx: Context, start: int) -> str:
    left = ctx.text[max(0, start - 12) : start].lower()
    m = re.search(r"(?:^|\s)(из|в|во|на|с|со|от|для|между|по)\s+$", left)
    return m.group(1) if m else ""


def volume_pair(ctx: Context, k: int, keys: list[str], left: str, kind: str = "") -> tuple[str | None, str | None]:
    """(source, partner) of a figure from the places its stretch names, else the article's two parties."""
    home, partner = ctx.home, main_partner(ctx, ctx.home)
    if _SHARE.search(left) and re.search(r"на долю", left, re.I) and keys:
        return partner_of(ctx, keys[-1]), keys[-1]
    if len(keys) >= 2:
        return _by_prepositions(ctx, k, keys[:2], kind) or (keys[0], keys[1])
    if len(keys) == 1:
        only = keys[0]
        ref = next((r for r in ctx.refs_in(k) if r.key == only), None)
        prep = _prep_before(ctx, ref.start) if ref is not None else "с"
        if prep == "из" and only == home and kind == "export":
            return only, partner  # "из области экспортировано на 34 млн долларов": the home's own exports
        if prep in ("с", "со", "в", "из") or only != home:
            other = home if country_of(ctx, home) != country_of(ctx, only) else partner_of(ctx, only)
            return other, only
        return only, partner
    if _BETWEEN_US.search(left) and (us := speaker_place(ctx, ctx.sentences[k].start) or home):
        # "«... товарооборот между нами составил 214 млн», – сказал аким": his region and the one he spoke of
        named = [r.key for j in (k, k - 1) if j >= 0 for r in ctx.refs_in(j, "Region") if r.key != us]
        if named:
            return us, named[0]
    if k > 0:
        prev = list(dict.fromkeys(r.key for r in ctx.refs_in(k - 1, "Region", "Country")))
        if len(prev) >= 2:
            return prev[0], prev[1]
    if last := _last_figure_pair(ctx, k):
        return last  # "Товарооборот ВКО с Китаем составил ... Экспорт составил 287 млн": the same two
    return home, partner


def _by_prepositions(ctx: Context, k: int, keys: list[str], kind: str) -> tuple[str, str] | None:
    """ "Импорт из Китая в Жамбылскую область составил ...": "из" names where the goods came from and "в" where
    they went, whatever the order; an import figure's source is the importer (spec)."""
    refs = {r.key: r for r in ctx.refs_in(k) if r.key in keys}
    preps = [_prep_before(ctx, refs[key].start) if key in refs else "" for key in keys]
    if kind not in ("export", "import") or sorted(preps) not in (["в", "из"], ["во", "из"]):
        return None
    origin, destination = (keys[0], keys[1]) if preps[0] == "из" else (keys[1], keys[0])
    return (destination, origin) if kind == "import" else (origin, destination)


def _last_figure_pair(ctx: Context, k: int) -> tuple[str, str] | None:
    """The two parties of the trade figure stated last, within the three sentences before `k`."""
    found = [
        (ctx.sentence_of(r.evidence.start), r.source_key, r.target_key)
        for r in ctx.relations.values()
        if r.type == "TRADE_VOLUME" and k - 3 <= ctx.sentence_of(r.evidence.start) < k
    ]
    return max(found)[1:] if found else None


def trade_volumes(ctx: Context, k: int) -> list[tuple[str, str, str]]:
    """TRADE_VOLUME of every amount of sentence `k` that a trade word qualifies: (kind, source, partner) each."""
    sent = ctx.sentences[k]
    text = sent.text
    found = amounts(text)
    year = find_year(text, ctx.published)
    out: list[tuple[str, str, str]] = []
    last: tuple[str, tuple[str, str]] | None = None
    if not found:
        found, last = _shares_of_the_figure_before(ctx, k)
    for n, a in enumerate(found):
        lo = found[n - 1].end if n else 0
        hi = found[n + 1].start if n + 1 < len(found) else len(text)
        kind = kind_of(text, a, lo, hi) or (last[0] if last and _SHARE.search(text[lo : a.start]) else None)
        if kind is None and last and _GAPPED_FIGURE.fullmatch(text[lo : a.start]):
            kind = last[0]  # "оборот с Россией составил 1,1 млрд долларов, с Китаем – 640 млн": the same figure
        if kind is None or is_vague(text[lo:hi]) or _is_plan(text, a.start) or _deal_sum().search(text[lo : a.start]):
            continue
        if _REVENUE.search(text[lo : a.start]) or _SPENDING.search(text[lo : a.start]) or _PRICE.match(text, a.end):
            continue  # "Экспортная выручка составила 3,1 млрд тенге", "по 8,5 тысячи тенге за мешок"
        if kind != "turnover" and _firms_figure(ctx, k, text[lo : a.start], sent.start + lo, sent.start + a.start):
            continue
        src, tgt = _sides(ctx, k, text, lo, a, hi, last, kind)
        if not src or not tgt or src == tgt:
            continue
        last = (kind, (src, tgt))
        if not _keep_the_finer(ctx, src, tgt, kind, a):
            continue
        ctx.relate(
            "TRADE_VOLUME", src, tgt, k, rule="trade.figure", kind=kind, value=a.value, currency=a.currency, year=year
        )
        out.append((kind, src, tgt))
    return out


def _keep_the_finer(ctx: Context, src: str, tgt: str, kind: str, a: Amount) -> bool:
    """One figure told twice, rounded in the headline ("превысил 97 млн долларов") and exact in the body
    ("97,2 млн долларов"): within 2% between the same sides, the finer value stays. False: skip `a`."""
    for ident, rel in list(ctx.relations.items()):
        if (rel.type, rel.source_key, rel.target_key, rel.kind, rel.currency) != (
            "TRADE_VOLUME",
            src,
            tgt,
            kind,
            a.currency,
        ):
            continue
        if rel.value is None or rel.value == a.value or abs(rel.value - a.value) > 0.02 * max(rel.value, a.value):
            continue
        if _significant(a.value) <= _significant(rel.value):
            return False
        ctx.unrelate(ident)
    return True


def _significant(value: float) -> int:
    """Significant digits of an amount: 97,000,000 has 2, 97,200,000 has 3."""
    digits = f"{value:.0f}".rstrip("0")
    return len(digits)


# A price per unit, not a volume: "по 8,5 тысячи тенге за мешок", "220 долларов за тонну".
_PRICE = re.compile(
    r"\s*за\s+(?:\d+\s+)?(?:кг|килограмм\w*|тонн\w*|т\b|мешок|штук\w*|литр\w*|единиц\w*|баррел\w*|кубометр\w*)", re.I
)
# One firm's deliveries are not trade between places: "Рубцовский завод ... поставил в область запчасти на 1,4 млн".
# "Компании региона отгрузили": the plural is the region's trade.
_FIRM = re.compile(r"\b(?:завод|компания|комбинат|фабрика|фирма|холдинг|предприятие)\b", re.I)


def _firms_figure(ctx: Context, k: int, before: str, lo: int, at: int) -> bool:
    """An export or import amount whose clause names one company as the trader."""
    if any(lo <= r.start < at for r in ctx.refs_in(k, "Organization")):
        return True
    return bool(_FIRM.search(before))


@lru_cache(maxsize=1)
def _deal_sum() -> re.Pattern[str]:
    """ "контракт на поставку шин на сумму 5 млн долларов", "контракт на поставку труб на 1,2 млрд тенге": the
    value of a deal (a document of `deal_nouns` before it in its clause), not a trade volume."""
    stems = sorted({n[:-1] if n[-1] in "аеиоуыэюяь" else n for n in trade_words().deal_nouns}, key=len, reverse=True)
    return re.compile(
        rf"\b(?:{'|'.join(stems)})\w*\b[^.;]*?\b(?:на\s+(?:общую\s+)?сумму|(?:общей\s+)?стоимостью|на)"
        r"\s*(?:(?:более|свыше|около|почти|порядка)\s+)?$",
        re.I,
    )


# "Внешнеторговый оборот Костанайской области составил ...": the region's trade with the whole world.
_WORLD_TOTAL = re.compile(r"\b(?:внешнеторгов\w+|внешн\w+\s+торговл\w+)", re.I)


def _world_total(ctx: Context, k: int, text: str, lo: int, at: int, keys: list[str]) -> bool:
    """A figure of a place's foreign trade as a whole names no partner; nor do the export and import figures
    right after it that name none ("Экспорт составил 1 198,5 млн долларов, импорт – 948,3 млн")."""
    # the place named as the owner of the figure; with none named, the article's pair is meant (dev-003)
    if keys == [ctx.home] and _WORLD_TOTAL.search(text[lo:at]):
        ctx.cache["world_total"] = k
        return True
    named = {r.key for r in ctx.refs_in(k, "Region", "City", "Country")}
    share = _SHARE.search(ctx.sentences[k].text)  # "360 миллионов из них пришлось на экспорт": of the one before
    if named <= {ctx.home} and not share and k + 1 < len(ctx.sentences) and is_vague(ctx.sentences[k + 1].text):
        # "Предприятия экспортировали продукции на 412 млн долларов. Продукция поставлялась в 19 стран ...": the
        # sentence after says where the figure's goods went, the whole world
        return True
    return not keys and ctx.cache.get("world_total") in (k, k - 1)


# "Среди регионов России наибольший объем торговли приходится на Челябинскую область": the country only says
# which regions are ranked; the figure is the home region's with the one the share falls to.
_SET_OF_PLACES = re.compile(r"\b(?:регион\w*|област\w*|субъект\w*|город\w*|провинци\w*)\s+$", re.I)


def _only_locates_a_set(ctx: Context, k: int, key: str) -> bool:
    refs = [r for r in ctx.refs_in(k, "Country") if r.key == key]
    return bool(refs) and all(_SET_OF_PLACES.search(ctx.text[max(0, r.start - 30) : r.start]) for r in refs)


def _sides(
    ctx: Context,
    k: int,
    text: str,
    lo: int,
    a: Amount,
    hi: int,
    last: tuple[str, tuple[str, str]] | None,
    kind: str,
) -> tuple[str | None, str | None]:
    keys = refs_between(ctx, k, lo, a.start) or refs_between(ctx, k, a.end, _tail_end(text, a.end, hi))
    if _world_total(ctx, k, text, lo, a.start, keys):
        return None, None
    keys = [key for key in keys if not _only_locates_a_set(ctx, k, key)]
    if (
        not keys
        and last is None
        and _THIS_COUNTRY.search(text[lo : a.start])
        and (named := _country_named_before(ctx, k))
    ):
        keys = [named]
    if not keys:
        keys = named_by_noun(ctx, text[lo : a.start]) or named_by_noun(ctx, text)
        if len(keys) == 2:
            return keys[0], keys[1]
    if not keys and last is not None:  # "экспорт X в Y составил A, импорт – B": the same two parties
        return last[1]
    return volume_pair(ctx, k, keys, text[lo : a.start], kind)


def _country_named_before(ctx: Context, k: int) -> str | None:
    """The country named last in the two sentences before `k`, other than the article's own region's."""
    own = country_of(ctx, ctx.home) if ctx.home else None
    for j in range(k - 1, max(k - 3, -1), -1):
        named = [r.key for r in ctx.refs_in(j, "Country") if r.key.split(":")[-1] != own]
        if named:
            return named[-1]
    return None


def _tail_end(text: str, start: int, hi: int) -> int:
    m = re.search(r"[,;.]|\sиз них", text[start:hi])
    return start + m.start() if m else hi


_PLAN = re.compile(
    r"\b(планиру\w+|планир\w+|намерен\w*|готов\w*|могл\w+ бы|может|могут|обсудил\w*|обсуждал\w*|перспектив\w+|"
    r"возможност\w+|предлож\w+|заинтересован\w*|договорились|будет|будут|потенциал\w*|предстоит|"
    r"довести|достичь|увеличить до|нарастить до|цель\w*|задач\w+|рассчитыва\w+|ожида\w+|прогноз\w*|выйти на|"
    r"надеем\w*|надеют\w*)\b",
    re.I,
)


# "..., с Китаем – 640 млн долларов": a gapped figure, the same kind as the one before it.
_GAPPED_FIGURE = re.compile(r"[\s,]*(?:а\s+|и\s+)?(?:с|со)\s+[^,;.–—]{2,60}?\s*[–—-]\s*(?:около|почти|более|свыше)?\s*")
# A coordinated clause after the figure is another statement: "составил 48,3 млн, и мы видим потенциал".
_NEXT_CLAUSE = re.compile(r",\s+(?:и|а|но)\s")


_RELATIVE = re.compile(r",\s+котор(?:ый|ая|ое|ые)\b", re.I)


def _is_plan(text: str, at: int) -> bool:
    """A target or a plan ("планируется довести товарооборот до 1 млрд"): the clause around the amount."""
    start = max(text.rfind(c, 0, at) for c in "–—;:") + 1
    # "обсудили вопросы увеличения товарооборота, который в прошлом году составил 340 млн": the relative
    # clause states the figure; the plan words are the main clause's
    relative = [m.end() for m in _RELATIVE.finditer(text, start, at)]
    start = relative[-1] if relative else start
    ends = [i for i in (text.find(c, at) for c in "–—;:") if i >= 0]
    if (later := _NEXT_CLAUSE.search(text, at)) is not None:
        ends.append(later.start())
    return bool(_PLAN.search(text[start : min(ends) if ends else len(text)]))


def figure_flow(kind: str, src: str, tgt: str) -> tuple[str, str] | None:
    """The flow an export or import figure states (spec: one relation per direction); a turnover states none."""
    if kind == "export":
        return src, tgt
    if kind == "import":
        return tgt, src
    return None
