"""EXPORTS_TO with commodities and TRADE_VOLUME figures: trade frames first, surface rules where no frame stands."""

from __future__ import annotations

import re

from coopgraph.ingest.commodities import read_goods
from coopgraph.ingest.context import Context
from coopgraph.ingest.trade_flows import FrameFlows, Pending
from coopgraph.ingest.trade_volume import figure_flow, trade_volumes

# predicate stem → direction of the flow relative to the grammatical subject
_EXPORT = re.compile(
    r"\b(пользу\w+\s+спросом|экспорт\w*|поставл\w*|постав\w*|отправл\w*|вывоз\w*|вывез\w*|отгруж\w*|"
    r"продаж\w*|прода\w*|реализу\w*|экспортир\w*|доставля\w*|вез[уеёл]\w*|везти)",
    re.I,
)
_IMPORT = re.compile(
    r"\b(импорт\w*|закупа\w*|закуп\w*|ввоз\w*|ввез\w*|завоз\w*|завез\w*|покупа\w*|"
    r"приобрета\w*|поступа\w*|получа\w*)",
    re.I,
)
_PLAN = re.compile(
    r"\b(планиру\w+|планир\w+|намерен\w*|готов\w*|могл\w+ бы|может|могут|обсудил\w*|"
    r"обсуждал\w*|перспектив\w+|возможност\w+|предлож\w+|заинтересован\w*|"
    r"договорились|будет|будут|потенциал\w*|предстоит)\b",
    re.I,
)
_HOME_WORDS = re.compile(r"\b(регион|область|област\w+|наш\w* регион\w*|нашего региона)\b", re.I)
_PLACE_TYPES = ("Region", "City", "Country", "Organization")


def _prep_before(ctx: Context, start: int) -> str:
    left = ctx.text[max(0, start - 12) : start].lower()
    m = re.search(r"(?:^|\s)(из|в|во|на|с|со|от|для|между|по)\s+$", left)
    return m.group(1) if m else ""


def _is_trader(ctx: Context, key: str) -> bool:
    ent = ctx.table.get(key)
    return ent is not None and not re.search(r"(университет|министерств|управлени|посольств)", ent.name, re.I)


def _sentence_places(ctx: Context, k: int, span: tuple[int, int] | None = None) -> list[tuple[int, str]]:
    """(offset, entity key) of every trading party named in the sentence (or in `span` of it,
    offsets within the sentence), demonyms included."""
    sent = ctx.sentences[k]
    lo, hi = (sent.start + span[0], sent.start + span[1]) if span else (sent.start, sent.end)
    out = [
        (r.start, r.key)
        for r in ctx.refs_in(k, "Region", "City", "Country", "Organization")
        if (r.type != "Organization" or _is_trader(ctx, r.key)) and lo <= r.start < hi
    ]
    for dm in ctx.demonyms:
        if lo <= dm.start < hi:
            key = demonym_key(ctx, dm, allow_country=True)
            if key:
                out.append((dm.start, key))
    return sorted(out)


# "X поставляет A, а из Y в Z везут B": each contrasted clause states its own flow. ", а также"
# only continues a list, and "не только X, но и Y" is one statement.
_CONTRAST = re.compile(r",\s*(?:а(?!\s+также)|но(?!\s+и\b)|тогда как|в то время как)\s+|;\s*", re.I)


def trade_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the contrasted clauses of a sentence; one span for a simple sentence."""
    cuts = [m.start() for m in _CONTRAST.finditer(text)]
    bounds = [0] + cuts + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def demonym_key(ctx: Context, dm, allow_country: bool = False) -> str | None:
    """The entity a place adjective stands for ("на российский рынок" → Россия)."""
    from coopgraph.ingest.places import add_place, place_key

    key = place_key(dm.place)
    if ctx.table.get(key) is None:
        if dm.place.type == "Country":
            return None  # an adjective makes no Country (spec); it counts only if the noun occurs too
        add_place(ctx, dm.place)
    return key


def _country_of(ctx: Context, key: str | None) -> str | None:
    ent = ctx.table.get(key) if key else None
    if ent is None:
        return None
    return ent.country or ent.key.split(":")[-1]


def _ref_end(ctx: Context, k: int, start: int) -> int:
    return max((r.end for r in ctx.refs_in(k) if r.start == start), default=start)


def partner_of(ctx: Context, key: str | None) -> str | None:
    """The article's main party on the other side of the border from `key`."""
    country = _country_of(ctx, key)
    for cand in ctx.focus:
        if cand != key and _country_of(ctx, cand) != country:
            return cand
    return None


def _resolve_pair(
    ctx: Context, k: int, pred: re.Match, kind: str, span: tuple[int, int] | None = None
) -> tuple[str | None, str | None]:
    """Exporter and importer of a trade predicate, from prepositions, subject, earlier trade
    sentences and, last, the article's focus parties on the two sides of the border."""
    sent = ctx.sentences[k]
    pstart = sent.start + pred.start()
    origin = dest = subject = cosubject = None
    last_end = sent.start
    between: list[str] = []
    for start, key in _sentence_places(ctx, k, span):
        prep = _prep_before(ctx, start)
        if re.match(r"\w+\s+(производител|предприяти|компани|фермер|завод)", ctx.text[start : start + 40]):
            prep = "из"  # "обувь астраханских производителей": made there
        if prep in ("из", "от"):
            origin = origin or key
        elif prep in ("в", "во", "на"):
            dest = dest or key
        elif prep == "между" or between and not prep:
            between.append(key)
        elif not prep and start < pstart and subject is None:
            subject = key
        elif (
            not prep
            and start < pstart
            and subject is not None
            and cosubject is None
            and re.fullmatch(r"[»\"]?\s*и\s+(?:[А-ЯЁA-Z]{2,4}\s+)?[«\"]?", ctx.text[last_end:start])
        ):
            cosubject = key  # "ОАО «A» и ТОО «B» заключили контракт на поставку"
        last_end = _ref_end(ctx, k, start)
    after = sent.text[pred.start() : span[1] if span else None]
    clause = sent.text[span[0] : span[1]] if span else sent.text
    if (
        subject is None
        and re.search(r"^(?:[,;]?\s*(?:а|но)?\s*)(регион|област)|, что (регион|област)", clause.strip(), re.I)
        or re.search(r"(нашего|нашим|наш) регион", sent.text, re.I)
        or re.search(r"(экспорт\w*|импорт\w*)\s+(региона|области)\b", sent.text, re.I)
    ):
        subject = subject or ctx.home
    rank = re.search(r"мест\w*\s+по\s+(?:объ[её]му\s+)?(экспорт|импорт|поставк)", sent.text, re.I)
    if rank and subject:
        # "Казахстан занимает первое место по экспорту региона": the subject is the destination
        exporter = origin or partner_of(ctx, subject)
        if rank.group(1).lower() == "импорт":
            exporter, subject = subject, exporter
        ctx.trade_pair = (exporter, subject) if exporter else ctx.trade_pair
        return (exporter, subject) if exporter and exporter != subject else (None, None)
    into_region = bool(re.search(r"\bв\s+(регион|область)\b", after, re.I)) and dest is None
    word = pred.group(0).lower()
    if kind == "export":
        exporter, importer = origin or subject, dest
        if (
            importer is None
            and origin is None
            and cosubject
            and subject is not None
            and subject.startswith("Organization:")
            and cosubject.startswith("Organization:")
        ):
            # "ОАО «A» и ООО «B» заключили контракт на поставку ...": which of them supplies is not
            # stated (either order occurs); the contract is a Document, the flow is left out
            return None, None
        if into_region:
            importer = partner_of(ctx, exporter) or ctx.home
        if not exporter and not importer and len(between) >= 2:
            exporter, importer = between[0], between[1]
    elif word.startswith(("закуп", "покупа", "приобрета")) and dest:
        # "Атырау закупает в Астрахани рыбу", "в Казахстане закупаются удобрения"
        exporter, importer = dest, subject
    else:
        exporter, importer = origin, subject or dest
        if into_region:
            importer = partner_of(ctx, exporter) or ctx.home
    exporter, importer = _complete(ctx, exporter, importer, kind)
    if not exporter or not importer or exporter == importer:
        return None, None
    ctx.trade_pair = (exporter, importer)
    return exporter, importer


def _complete(ctx: Context, exporter: str | None, importer: str | None, kind: str):
    last = getattr(ctx, "trade_pair", None)
    if exporter and not importer:
        importer = _counterpart(last, exporter) or partner_of(ctx, exporter)
    elif importer and not exporter:
        exporter = _counterpart(last, importer) or partner_of(ctx, importer)
    elif not exporter and not importer:
        if last:
            exporter, importer = last if kind == "export" else (last[1], last[0])
        elif ctx.home:
            home, other = ctx.home, partner_of(ctx, ctx.home)
            exporter, importer = (home, other) if kind == "export" else (other, home)
    return exporter, importer


def _counterpart(pair, key: str) -> str | None:
    if not pair or key not in pair:
        return None
    return pair[1] if pair[0] == key else pair[0]


def extract_trade(ctx: Context) -> None:
    flows = FrameFlows(ctx)
    for k in range(len(ctx.sentences)):
        pair = ctx.trade_pair
        for kind, src, tgt in trade_volumes(ctx, k):
            if ctx.trade_pair is None:  # the first figure names the two sides later goods flow between
                ctx.trade_pair = (tgt, src) if kind == "import" else (src, tgt)
            flows.ours = flows.ours or (src, tgt)  # the figure's subject is the side the article is about
            flow = figure_flow(kind, src, tgt)
            if flow is not None:
                flows.pending.append(Pending(*flow, k, "trade.figure_flow"))
        if ctx.trade_pair != pair:
            flows.pair_sent = k
        flows.sentence(k)
        if flows.covers(k):
            continue
        sent = ctx.sentences[k]
        spans = trade_clauses(sent.text)
        for span in spans:
            _trade_clause(ctx, k, span if len(spans) > 1 else None, flows.pending)
    flows.finish()


def _trade_clause(ctx: Context, k: int, span: tuple[int, int] | None, pending: list[Pending]) -> None:
    """Surface rule for a clause the parse gave no trade predicate (an idiom such as "пользуются спросом",
    a predicate the tagger took for another part of speech): the first trade word, its pair, its goods."""
    sent = ctx.sentences[k]
    lo, hi = span or (0, len(sent.text))
    named = [(r.start - sent.start, r.end - sent.start) for r in ctx.refs_in(k, "Event", "Organization")]
    for kind, rx in (("export", _EXPORT), ("import", _IMPORT)):
        # a word inside a name ("выставка «Брестский экспорт»") is no predicate
        pred = next((m for m in rx.finditer(sent.text, lo, hi) if not any(s <= m.start() < e for s, e in named)), None)
        if not pred or _is_volume_only(sent.text, pred) or _PLAN.search(clause_of(sent.text, pred.start())):
            continue
        exporter, importer = _resolve_pair(ctx, k, pred, kind, span)
        if not exporter or not importer:
            continue
        read = _surface_goods(ctx, k, pred, sent.start + hi)
        if read.other and not read.goods and not read.generic:
            return
        for g in read.goods:
            com = ctx.table.add(
                "Commodity", g.name, alias=ctx.text[g.start : g.end], start=g.start, end=g.end, hs_chapter=g.chapter
            )
            ctx.add_ref(com, g.start, g.end)
            ctx.relate("EXPORTS_TO", exporter, importer, k, rule="trade.goods", commodity=com.name)
        if not read.goods:
            pending.append(Pending(exporter, importer, k, "trade.flow"))
        return


def _surface_goods(ctx: Context, k: int, pred: re.Match, end: int):
    """Goods after the trade word, else, for a reflexive one ("пользуются спросом"), right before it."""
    sent = ctx.sentences[k]
    at = sent.start + pred.start()
    after = [t for t in sent.tokens if t.start > at and t.start < end]
    read = read_goods(ctx, k, after)
    if not read.goods and pred.group(0).lower().endswith(("ся", "сь", "спросом")):
        before = [t for t in sent.tokens if t.end <= at]
        breaks = [i for i, t in enumerate(before) if t.text in ("–", "—", ":", ";", ".")]
        read = read_goods(ctx, k, before[breaks[-1] + 1 if breaks else 0 :])
    return read


_CLAUSE_BREAKS = "–—;:"


def clause_of(text: str, pos: int) -> str:
    """The stretch of `text` around `pos` between dashes, colons and semicolons."""
    start = max(text.rfind(c, 0, pos) for c in _CLAUSE_BREAKS) + 1
    ends = [i for i in (text.find(c, pos) for c in _CLAUSE_BREAKS) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _is_volume_only(text: str, pred: re.Match) -> bool:
    return bool(
        re.search(r"(структур\w+|дол\w+|объем\w*|объём\w*) " + re.escape(pred.group(0)), text, re.I)
    ) and not re.search(r"(первое|второе|третье) место", text, re.I)
