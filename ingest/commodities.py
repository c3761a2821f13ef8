"""Commodities: the goods listed around a trade predicate, as nominative lemma phrases."""

from __future__ import annotations

import re

from coopgraph.ingest.context import Context
from coopgraph.ingest.morph import inflect_word, nominative_phrase, parses
from coopgraph.ingest.nlp import Token

# A bare generic head is no good: "продукцию на сумму", "товаров", "и другое".
_GENERIC = {
    "товар",
    "продукция",
    "другой",
    "прочее",
    "прочий",
    "иной",
    "другое",
    "всё",
    "все",
    "это",
    "сумма",
    "объём",
    "объем",
    "рынок",
    "место",
    "доля",
    "процент",
    "рост",
    "показатель",
    "направление",
    "сфера",
    "регион",
    "область",
    "страна",
    "республика",
    "предприятие",
    "компания",
    "производитель",
    "партнёр",
    "партнер",
    "год",
    "время",
    "тонна",
    "очередь",
    "качество",
    "спрос",
    "рамка",
    "помощь",
    "счёт",
    "счет",
    "число",
    "том",
    "ряд",
    "часть",
    "половина",
    "треть",
    "итог",
    "период",
    "раз",
    "уровень",
    "структура",
    "экспорт",
    "импорт",
    "поставка",
    "закупка",
    "контракт",
    "договор",
    "соглашение",
    "меморандум",
    "партия",
    "оборот",
    "товарооборот",
    "сотрудничество",
}
# money: "экспорт ... составил 215 миллионов долларов" names an amount, not a good
_MONEY = {"миллион", "миллиард", "тысяча", "доллар", "рубль", "тенге", "евро", "юань", "млн", "млрд", "трлн"}
_DROP_DET = {"другой", "прочий", "иной", "весь", "этот", "такой", "свой", "наш", "ваш", "их"}
_STOP_WORDS = {
    "на",
    "в",
    "во",
    "из",
    "от",
    "с",
    "со",
    "по",
    "для",
    "которые",
    "который",
    "что",
    "где",
    "а",
    "но",
    "также",
    "а также",
}


def _segment(sent, pred_start: int) -> tuple[list[Token], list[Token]]:
    after = [t for t in sent.tokens if t.start >= pred_start + 1 and not _is_pred_token(t, pred_start)]
    before = [t for t in sent.tokens if t.end <= pred_start]
    return before, after


def _is_pred_token(t: Token, pred_start: int) -> bool:
    return t.start <= pred_start < t.end


def _strip_places(ctx: Context, k: int, toks: list[Token]) -> list[Token]:
    """Drop place mentions with their prepositions, money amounts and trailing clauses."""
    spans = [(r.start, r.end) for r in ctx.refs_in(k, "Region", "City", "Country", "Organization")]
    for dm in ctx.demonyms:
        spans.append((dm.start, dm.end))
    out = []
    for t in toks:
        if out and out[-1].text == "|" and t.lemma == "рынок":
            continue  # "на российский рынок": part of the destination
        if any(s <= t.start < e for s, e in spans):
            if out and out[-1].lemma in ("в", "во", "из", "от", "на", "с", "со") and out[-1].pos == "ADP":
                out.pop()
            out.append(Token(-1, "|", t.start, t.end, "|", "PUNCT", {}, -1, ""))
            continue
        out.append(t)
    return out


def _items(toks: list[Token]) -> list[list[Token]]:
    items, cur = [], []
    for t in toks:
        if t.text in (".", ";", ":", "–", "—", "(", ")", "|") or t.pos in ("VERB", "AUX") and cur:
            if cur:
                items.append(cur)
                cur = []
            if t.text in (".", ";", ":", "(", ")") or t.pos in ("VERB", "AUX"):
                break
            continue
        if t.text == "," or (t.lemma == "и" and t.pos == "CCONJ"):
            if cur:
                items.append(cur)
            cur = []
            continue
        if t.lemma == "на" and cur:  # "продукцию на сумму ..." ends the item
            items.append(cur)
            cur = []
            break
        cur.append(t)
    if cur:
        items.append(cur)
    return items


def _is_noun(t: Token) -> bool:
    if t.pos == "NOUN":
        return True
    # the tagger now and then calls a plural genitive noun an adjective ("концентратов")
    ps = parses(t.text.lower())
    return t.pos == "ADJ" and bool(ps) and ps[0].tag.POS == "NOUN" and not any(p.tag.POS == "ADJF" for p in ps)


def _head_index(item: list[Token]) -> int | None:
    for i, t in enumerate(item):
        if _is_noun(t):
            return i
        if t.pos not in ("ADJ", "DET", "NUM", "ADV", "PART"):
            return None
    return None


def _phrase(item: list[Token], head: int) -> tuple[str, int, int] | None:
    lead = [t for t in item[:head] if t.pos in ("ADJ",) and t.lemma not in _DROP_DET]
    if any(t.lemma in _DROP_DET for t in item[:head]):
        return None
    tail: list[Token] = []
    for t in item[head + 1 :]:
        if t.pos in ("VERB", "AUX") or t.lemma in ("который", "что", "на") and not tail:
            break
        tail.append(t)
    # trailing complements must hang on the head: "из черных металлов", "для вагонов", genitives
    if tail and not (
        tail[0].pos == "ADP"
        and tail[0].lemma in ("из", "для", "с")
        or tail[0].feats.get("Case") == "Gen"
        or tail[0].pos == "ADJ"
    ):
        tail = []
    words = [(t.text, t.feats, t.pos) for t in lead + [item[head]]]
    name = nominative_phrase(words, len(lead))
    if tail:
        name += " " + " ".join(t.text for t in tail)
    if item[head].lemma in _GENERIC and not lead and not tail:
        return None
    if (
        item[head].lemma in _GENERIC
        and item[head].lemma in ("товар", "сумма", "объём", "объем", "доля")
        or item[head].lemma in _MONEY
    ):
        return None
    start = (lead or [item[head]])[0].start
    end = (tail or [item[head]])[-1].end
    return name.lower().replace("ё", "е"), start, end


def commodity_items(ctx: Context, k: int, pred: re.Match, end: int | None = None) -> list[tuple[str, int, int]]:
    """Goods after the predicate (up to `end`, an article offset closing its clause)."""
    sent = ctx.sentences[k]
    before, after = _segment(sent, sent.start + pred.start())
    if end is not None:
        after = [t for t in after if t.start < end]
    found = _collect(ctx, k, after)
    if not found and pred.group(0).lower().endswith(("ся", "сь")):
        breaks = [i for i, t in enumerate(before) if t.text in ("–", "—", ":", ";")]
        clause = before[breaks[-1] + 1 :] if breaks else before
        found = _collect(ctx, k, clause[-8:])  # "около 30% семян завозится": goods as the subject
    return found


def _collect(ctx: Context, k: int, toks: list[Token]) -> list[tuple[str, int, int]]:
    toks = _strip_places(ctx, k, toks)
    items = _items(toks)
    out: list[tuple[str, int, int]] = []
    pending_adjs: list[list[Token]] = []
    for item in items:
        item = [t for t in item if t.pos != "PUNCT" and t.text not in ("«", "»", '"')]
        # a leading copula goes too: "основными товарами экспорта стали цемент, мука ..."
        while item and (
            item[0].pos in ("ADP", "PART", "ADV", "CCONJ", "NUM", "SYM", "AUX")
            or item[0].lemma in ("стать", "являться", "быть", "составлять", "составить")
            or item[0].text[:1].isdigit()
            or item[0].text in ("%", "около", "порядка")
        ):
            item = item[1:]
        if not item or any(t.text[:1].isdigit() for t in item):
            continue
        head = _head_index(item)
        if head is None:
            if all(t.pos == "ADJ" for t in item):
                pending_adjs.append(item)  # "парфюмерные и косметические средства"
            continue
        phrase = _phrase(item, head)
        for adjs in pending_adjs:
            shared = _phrase(adjs + item[head:], len(adjs))
            if shared:
                out.append(shared)
        pending_adjs = []
        if phrase:
            out.append(_resolve_them(phrase, out))
    seen, uniq = set(), []
    for name, s, e in out:
        if name not in seen and len(name) > 2:
            seen.add(name)
            uniq.append((name, s, e))
    return uniq


def _resolve_them(phrase: tuple[str, int, int], previous: list[tuple[str, int, int]]):
    """ "бумагу, картон и изделия из них" → "изделия из бумаги и картона"."""
    name, s, e = phrase
    if not re.search(r"\bиз (них|него|неё|нее)\b", name) or not previous:
        return phrase
    heads = [p[0] for p in previous[-2:] if " " not in p[0]]
    if not heads:
        return phrase
    gen = " и ".join(inflect_word(h, {"gent"}, ("NOUN",)) for h in heads)
    return re.sub(r"\bиз (них|него|неё|нее)\b", f"из {gen}", name), s, e
