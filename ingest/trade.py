"""EXPORTS_TO with commodities and TRADE_VOLUME figures, from trade sentences."""
from __future__ import annotations

import re

from ingest.commodities import commodity_items
from ingest.context import Context, Ref
from ingest.dates import find_year, parse_amount

# predicate stem → direction of the flow relative to the grammatical subject
_EXPORT = re.compile(r"\b(экспорт\w*|поставл\w*|постав\w*|отправл\w*|вывоз\w*|вывез\w*|отгруж\w*|"
                     r"продаж\w*|прода\w*|реализу\w*|экспортир\w*)", re.I)
_IMPORT = re.compile(r"\b(импорт\w*|закупа\w*|закуп\w*|ввоз\w*|ввез\w*|завоз\w*|завез\w*|покупа\w*|"
                     r"приобрета\w*|поступа\w*|получа\w*)", re.I)
_PLAN = re.compile(r"\b(планиру\w+|планир\w+|намерен\w*|готов\w*|могл\w+ бы|может|могут|обсудил\w*|"
                   r"обсуждал\w*|перспектив\w+|возможност\w+|предлож\w+|заинтересован\w*|"
                   r"договорились|будет|будут|потенциал\w*|предстоит)\b", re.I)
_TURNOVER = re.compile(r"(товарооборот|внешнеторгов\w+ оборот|торгов\w+ оборот|оборот)", re.I)
_EXPORT_VOL = re.compile(r"\b(экспорт\w*)\b", re.I)
_IMPORT_VOL = re.compile(r"\b(импорт\w*)\b", re.I)
_HOME_WORDS = re.compile(r"\b(регион|область|област\w+|наш\w* регион\w*|нашего региона)\b", re.I)
_PLACE_TYPES = ("Region", "City", "Country", "Organization")


def _prep_before(ctx: Context, ref: Ref) -> str:
    left = ctx.text[max(0, ref.start - 12):ref.start].lower()
    m = re.search(r"(?:^|\s)(из|в|во|на|с|со|от|для|между|по)\s+$", left)
    return m.group(1) if m else ""


def _trade_places(ctx: Context, k: int) -> list[Ref]:
    return [r for r in ctx.refs_in(k, *_PLACE_TYPES)
            if r.type != "Organization" or _is_trader(ctx, r)]


def _is_trader(ctx: Context, r: Ref) -> bool:
    ent = ctx.table.get(r.key)
    return ent is not None and not re.search(r"(университет|министерств|управлени|посольств)", ent.name, re.I)


def _home_word(ctx: Context, k: int, start: int, end: int) -> bool:
    return bool(_HOME_WORDS.search(ctx.text[start:end]))


def _resolve_pair(ctx: Context, k: int, pred: re.Match, kind: str) -> tuple[str | None, str | None]:
    """Exporter and importer of a trade predicate, from prepositions, subject and article focus."""
    sent = ctx.sentences[k]
    pstart = sent.start + pred.start()
    origin = dest = subject = None
    for r in _trade_places(ctx, k):
        prep = _prep_before(ctx, r)
        if prep in ("из", "от"):
            origin = origin or r.key
        elif prep in ("в", "во", "на"):
            dest = dest or r.key
        elif not prep and r.start < pstart and subject is None:
            subject = r.key
    word = pred.group(0).lower()
    home = _home_of_sentence(ctx, k)
    partner = _partner_for(ctx, home)
    if kind == "export":
        exporter = origin or subject or (home if not (dest and dest == home) else partner)
        importer = dest or partner
        if re.search(r"в\s+(регион|область)", sent.text[pred.start():], re.I) and not dest:
            importer = home
    else:
        passive = word.endswith(("ются", "ется", "ится", "ятся", "тся"))
        if word.startswith(("закуп", "покупа", "приобрета")) and dest:
            # "Атырау закупает в Астрахани рыбу", "в Казахстане закупаются удобрения"
            exporter, importer = dest, subject or (home if dest != home else partner)
        else:
            exporter = origin or (partner if not passive or not dest else partner)
            importer = subject or dest or home
            if re.search(r"в\s+(регион|область)", sent.text, re.I) and not dest:
                importer = home
    if exporter == importer:
        return None, None
    return exporter, importer


def _home_of_sentence(ctx: Context, k: int) -> str | None:
    return ctx.home


def _partner_for(ctx: Context, home: str | None) -> str | None:
    if ctx.partner and ctx.partner != home:
        p = ctx.table.get(ctx.partner)
        h = ctx.table.get(home) if home else None
        if p is not None and h is not None and p.country == h.country:
            # both focus regions in one country: the foreign country is the partner
            for e in ctx.table.of_type("Country"):
                if e.key.split(":")[-1] != h.country:
                    return e.key
        return ctx.partner
    for e in ctx.table.of_type("Country"):
        h = ctx.table.get(home) if home else None
        if h is None or e.key.split(":")[-1] != h.country:
            return e.key
    return None


def extract_trade(ctx: Context) -> None:
    pending: list[tuple[str, str, int]] = []
    for k, sent in enumerate(ctx.sentences):
        if _PLAN.search(sent.text):
            continue
        amounts = parse_amount(sent.text)
        if amounts:
            _trade_volume(ctx, k, amounts)
        for kind, rx in (("export", _EXPORT), ("import", _IMPORT)):
            pred = rx.search(sent.text)
            if not pred or _is_volume_only(sent.text, pred):
                continue
            exporter, importer = _resolve_pair(ctx, k, pred, kind)
            if not exporter or not importer:
                continue
            items = commodity_items(ctx, k, pred)
            if items:
                for item, start, end in items:
                    com = ctx.table.add("Commodity", item, alias=ctx.text[start:end], start=start, end=end)
                    ctx.add_ref(com, start, end)
                    ctx.relate("EXPORTS_TO", exporter, importer, k, commodity=com.name)
            else:
                pending.append((exporter, importer, k))
            break
    for exporter, importer, k in pending:
        if not any(r.type == "EXPORTS_TO" and r.source_key == exporter and r.target_key == importer
                   for r in ctx.relations.values()):
            ctx.relate("EXPORTS_TO", exporter, importer, k)


def _is_volume_only(text: str, pred: re.Match) -> bool:
    return bool(re.search(r"(структур\w+|дол\w+|объем\w*|объём\w*) " + re.escape(pred.group(0)), text, re.I)) \
        and not re.search(r"(первое|второе|третье) место", text, re.I)


def _trade_volume(ctx: Context, k: int, amounts) -> None:
    sent = ctx.sentences[k]
    year = find_year(sent.text, ctx.published)
    clause_start = 0
    for value, currency, a_start, a_end in amounts:
        left = sent.text[clause_start:a_start]
        right = sent.text[a_end:a_end + 120]
        scope = sent.text[clause_start:a_end] + right.split(".")[0]
        if _TURNOVER.search(scope):
            kind = "turnover"
        elif _EXPORT_VOL.search(scope):
            kind = "export"
        elif _IMPORT_VOL.search(scope):
            kind = "import"
        else:
            clause_start = a_end
            continue
        refs = [r for r in ctx.refs_in(k, "Region", "Country", "City")
                if sent.start + clause_start <= r.start < sent.start + a_end + len(right.split(".")[0])]
        src, tgt = _volume_pair(ctx, k, refs, kind, left)
        if src and tgt:
            ctx.relate("TRADE_VOLUME", src, tgt, k, kind=kind, value=value, currency=currency, year=year)
        clause_start = a_end


def _volume_pair(ctx: Context, k: int, refs: list[Ref], kind: str, left: str):
    home, partner = ctx.home, _partner_for(ctx, ctx.home)
    keys = []
    for r in refs:
        if r.key not in keys:
            keys.append(r.key)
    if re.search(r"на долю", left, re.I) and keys:
        return home, keys[-1]
    if len(keys) >= 2:
        return keys[0], keys[1]
    if len(keys) == 1:
        only = keys[0]
        prep = _prep_before(ctx, next(r for r in refs if r.key == only))
        if prep in ("с", "со", "в", "из") or only != home:
            return (home if only != home else partner), only
        return only, partner
    if k > 0:
        prev = [r.key for r in ctx.refs_in(k - 1, "Region", "Country")]
        uniq = list(dict.fromkeys(prev))
        if len(uniq) >= 2:
            return uniq[0], uniq[1]
    return home, partner
