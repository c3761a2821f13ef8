"""Events: named forums, exhibitions, fairs, festivals, conferences, keeping the edition number."""

from __future__ import annotations

import re

from coopgraph.ingest.context import Context
from coopgraph.ingest.morph import inflect_word, lemma, match_case, parses

EVENT_HEADS = {
    "форум",
    "выставка",
    "ярмарка",
    "фестиваль",
    "конференция",
    "саммит",
    "мотопробег",
    "автопробег",
    "форум-выставка",
    "выставка-ярмарка",
    "биеннале",
    "конгресс",
    "слёт",
    "слет",
    "день",
    "дни",
    "неделя",
    "марафон",
    "олимпиада",
    "турнир",
    "чемпионат",
    "спартакиада",
    "экспо",
    "симпозиум",
    "совещание",
    "заседание",
    "съезд",
    "сессия",
}
# Heads that name an event only with a proper name attached (a quote or capitals).
_NEEDS_NAME = {"день", "дни", "неделя", "совещание", "заседание", "сессия", "марафон", "турнир", "чемпионат", "съезд"}
_ROMAN = r"(?:[IVXLC]{1,7})"
# (?<!...): the leftmost match starts where a word starts; trying inside words only cost time
_QUOTED = re.compile(r"(?<![А-Яа-яЁё\-])(?P<head>[А-Яа-яЁё\-]+)\s+(?P<q>[«\"“„])(?P<name>[^«»\"“”„\n]{2,90}?)[»\"”“]")
_TITLE_WORDS = re.compile(
    rf"(?:(?P<ord>{_ROMAN})\s+)?(?P<head>[А-ЯЁ][а-яё\-]+)(?P<tail>(?:\s+(?:[а-яё\-]+|[А-ЯЁ][а-яё\-]+|и)){{1,9}})"
)
_STOP_WORDS = {
    "в",
    "во",
    "на",
    "с",
    "со",
    "по",
    "к",
    "у",
    "от",
    "до",
    "для",
    "при",
    "из",
    "о",
    "об",
    "который",
    "которая",
    "которое",
    "которые",
    "состоялся",
    "состоялась",
    "прошел",
    "прошёл",
    "прошла",
    "был",
    "была",
    "стал",
    "где",
    "что",
    "а",
    "но",
    "году",
    "года",
}


def _head_nominative(word: str) -> str:
    return match_case(inflect_word(word, {"nomn", "sing"}, ("NOUN",)), word)


def extract_events(ctx: Context) -> None:
    taken: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(ctx.text):
        head = lemma(m.group("head"))
        if head not in EVENT_HEADS and not head.startswith(("форум", "выставк")):
            continue
        name = re.sub(r"\s+", " ", m.group("name")).strip()
        _add(ctx, name, m.group(0), m.start(), m.end())
        taken.append(m.span())
    for m in _TITLE_WORDS.finditer(ctx.text):
        head = lemma(m.group("head"))
        if head not in EVENT_HEADS or head in _NEEDS_NAME and not m.group("ord"):
            continue
        if any(s <= m.start("head") < e for s, e in taken):
            continue
        if m.start() == _line_start(ctx.text, m.start()) and not m.group("ord") and not _is_title_case_event(m):
            continue  # a sentence starting with "Форум ..." is usually a back-reference
        tail = _tail(m.group("tail"))
        if not tail:
            continue
        ordinal = f"{m.group('ord')} " if m.group("ord") else ""
        name = f"{ordinal}{_head_nominative(m.group('head'))} {tail}"
        end = m.start("tail") + m.group("tail").find(tail.split()[-1]) + len(tail.split()[-1])
        _add(ctx, name, ctx.text[m.start() : end], m.start(), end)
        taken.append((m.start(), end))
    _adjective_events(ctx, taken)
    _region_days(ctx, taken)
    _back_references(ctx, taken)


_DAYS = re.compile(
    r"\b(Дни|Днях|Дней|Дням|Днями|Неделя|Недели|Неделе|Неделю)\s+([А-ЯЁ][\w\-]+(?:\s+(?:области|края|"
    r"республики|Республики|[А-ЯЁ][\w\-]+))?)(?:\s+(в|во)\s+([А-ЯЁ][\w\-]+))?"
)


def _region_days(ctx: Context, taken) -> None:
    """Named programmes of events: "Дни Челябинской области в Костанае" (spec)."""
    from coopgraph.ingest.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for m in _DAYS.finditer(ctx.text):
        if any(s <= m.start() < e for s, e in taken) or gaz.lookup(m.group(2)) is None:
            continue
        head = "Дни" if m.group(1).lower().startswith("дн") else "Неделя"
        name = f"{head} {m.group(2)}"
        if m.group(4) and gaz.lookup(m.group(4)) is not None:
            name += f" {m.group(3)} {m.group(4)}"
        _add(ctx, name, m.group(0), m.start(), m.end())
        taken.append(m.span())


def _back_references(ctx: Context, taken) -> None:
    """A later bare "форум" / "выставка" is the event of that kind the article already named."""
    for m in re.finditer(
        r"\b(форум\w*|выставк\w*|ярмарк\w*|фестивал\w*|конференци\w*|мотопробег\w*)\b", ctx.text, re.I
    ):
        if any(s <= m.start() < e for s, e in taken):
            continue
        head = lemma(m.group(1))
        earlier = [
            r
            for r in ctx.refs
            if r.type == "Event"
            and r.start < m.start()
            and head
            in ctx.table.get(r.key).name.lower().replace("-", " ").split()[:3]
            + [lemma(w) for w in ctx.table.get(r.key).name.split()[:3]]
        ]
        if not earlier:
            earlier = [
                r
                for r in ctx.refs
                if r.type == "Event" and r.start < m.start() and head in ctx.text[r.start : r.end].lower()
            ]
        if earlier:
            ctx.add_ref(ctx.table.get(earlier[-1].key), m.start(), m.end(), via="reference")


def _line_start(text: str, pos: int) -> int:
    k = pos
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == 0 or text[k - 1] in "\n":
        return pos
    if text[k - 1] in ".!?":
        return pos
    return -1


def _is_title_case_event(m: re.Match) -> bool:
    return bool(re.search(r"\b(межрегионального|международн\w+|сотрудничества)\b", m.group("tail")))


def _tail(tail: str) -> str:
    """Genitive modifiers after the head, up to a preposition, verb or clause word."""
    words = tail.split()
    out = []
    for w in words:
        if w.lower() in _STOP_WORDS:
            break
        if any(p.tag.POS in ("VERB", "INFN", "PRTS") for p in parses(w.lower())[:1]):
            break
        # every word of the name's tail is a genitive complement ("межрегионального сотрудничества
        # России и Казахстана"); a nominative noun starts the next clause ("губернатор ...")
        if w.lower() != "и" and not any(p.tag.case == "gent" for p in parses(w.lower())):
            break
        out.append(w)
    while out and out[-1].lower() in ("и",):
        out.pop()
    # A tail must be a genitive complement ("межрегионального сотрудничества"), not the next clause.
    if out and not any(p.tag.case == "gent" for p in parses(out[-1].lower())[:3]):
        return ""
    return " ".join(out)


_ADJ_EVENT = re.compile(
    r"(?<![.!?]\s)(?<!^)\b(?P<adj>[А-ЯЁ][а-яё]+(?:ой|ая|ую|ий|ый|ом|ого|ей|ое|ые|их))\s+"
    r"(?P<head>ярмарк\w*|выставк\w*|форум\w*|фестивал\w*|конференци\w*)",
    re.M,
)


def _adjective_events(ctx: Context, taken) -> None:
    """ "на Астраханской ярмарке" → "Астраханская ярмарка" (capitalised adjective = proper name)."""
    for m in _ADJ_EVENT.finditer(ctx.text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        prev = ctx.text[max(0, m.start() - 2) : m.start()]
        if not prev.strip() or prev.strip()[-1:] in ".!?\n":
            continue
        head = _head_nominative(m.group("head"))
        gender = next((p.tag.gender for p in parses(head.lower()) if p.tag.POS == "NOUN"), "femn")
        adj = inflect_word(m.group("adj"), {"nomn", "sing", gender or "femn"}, ("ADJF",))
        _add(ctx, f"{adj} {head.lower()}", m.group(0), m.start(), m.end())


def _add(ctx: Context, name: str, alias: str, start: int, end: int) -> None:
    name = name[:1].upper() + name[1:]
    ent = ctx.table.add("Event", name, alias=alias, start=start, end=end)
    ctx.add_ref(ent, start, end)
