"""Furniture removal: cut a scraped page's text down to the article body (headline + paragraphs)."""

from __future__ import annotations

# The rules are structural, not tied to one site: every line is classified (prose, short line,
# teaser, pattern furniture such as photo credits or dates, end marker such as "Читайте также"),
# scored, and the body is the contiguous run of lines with the highest score that crosses no end
# marker (a maximum-subarray scan, so the work is linear). The headline is then looked up in the
# few lines above the body, inline photo-caption runs ("1/9Делегация…2/9…") are cut out, and
# repeated paragraphs are kept once.
import re
import unicodedata
from dataclasses import dataclass

from coopgraph.ingest.dates import DATE_PATTERNS

# Scores per line kind. Prose scores its length, so a few long paragraphs outweigh any amount
# of short furniture around them; pattern furniture costs little because it is dropped from
# inside the body anyway and should not split a body in two.
SCORE_SHORT = -40
SCORE_TEASER = -60
SCORE_FURNITURE = -20
SCORE_ITEM = -5

AFTER_MARKER_WEIGHT = 0.25  # "everything after Читайте также / Популярное" is furniture, almost always
MIN_BODY_BEFORE_MARKER = 150  # prose characters before a marker for it to end the article
MAX_TITLE_SCAN = 15  # non-empty lines looked at above the body when searching the headline
MAX_CAPTION_CHARS = 300  # a photo caption between two counters is shorter than this

WEEKDAY_RE = re.compile(
    r"\b(?:понедельник|вторник|сред[аы]|четверг|пятниц[аы]|суббот[аы]|воскресень[ея]|"
    r"пн|вт|ср|чт|пт|сб|вс|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
TIME_RE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")

END_MARKER_RE = re.compile(
    r"(?:популярное|популярные (?:новости|материалы|статьи)|самое (?:популярное|читаемое|интересное)|"
    r"читаемое|обсуждаемое|читайте (?:также|еще|ещё|нас)|читать (?:также|еще|ещё)|смотрите (?:также|еще|ещё)|"
    r"см\. также|последние новости|свежие новости|новости по теме|статьи по теме|материалы по теме|"
    r"по теме|другие (?:новости|материалы|статьи)|(?:еще|ещё|больше) новостей|(?:еще|ещё) новости|"
    r"все новости (?:раздела|рубрики|по теме)|похожие (?:новости|статьи|материалы|публикации|записи)|"
    r"связанные (?:новости|материалы|статьи)|рекомендуем(?: прочитать)?|вам (?:может быть|будет) интересно|"
    r"это интересно|выбор редакции|лента новостей|новости партн[её]ров|комментарии|комментарии \d+|"
    r"оставьте (?:ответ|комментарий|отзыв)|оставить (?:комментарий|отзыв)|добавить комментарий|"
    r"написать комментарий|ваш комментарий|предыдущая (?:статья|новость|запись)|"
    r"следующая (?:статья|новость|запись)|архив(?: новостей)?|related(?: (?:news|articles|posts))?|"
    r"read (?:also|more)|more (?:news|stories)|latest news|popular|comments?|leave a (?:reply|comment))"
)
RELATED_LINK_RE = re.compile(
    r"^(?:читайте|читать|смотрите) (?:также|еще|ещё|по теме)\s*[:.–—-]+\s*\S|^(?:по теме|см\. также)\s*:\s*\S", re.I
)
TAGS_RE = re.compile(r"^(?:теги|тэги|метки|ключевые слова|темы|tags|topics)\s*:", re.I)

CREDIT_RE = re.compile(
    r"^(?:фото|фотография|фотографии|фото и видео|видео|источник(?: фото)?|автор(?: фото)?|текст|"
    r"редактор|иллюстрация|коллаж|скриншот|инфографика|photo|image|source|credit)\b",
    re.I,
)
# Notices that are furniture wherever they stand in a line (one alternation: one scan per line).
NOTICE_RE = re.compile(
    r"©|\(c\)\s*\d{4}|все права защищены|all rights reserved|\bcookies?\b|\bкуки\b|ctrl\s*\+\s*enter|"
    r"нашли ошибку|заметили ошибку|(?:использовани|копировани|цитировани|перепечатк)\w*\s[^\n]{0,60}?ссылк",
    re.I,
)
# Plain substrings, one of which every NOTICE_RE match contains: a cheap test before the regex.
NOTICE_KEYS = ("©", "(c)", "права защищены", "rights reserved", "cookie", "куки", "ctrl", "ошибку", "ссылк")
# Furniture recognised by how the line starts.
LEAD_RES = [
    re.compile(r"^(?:поделиться|поделитесь|share|подписывайтесь|подпишитесь|мы в соц|следите за нами)", re.I),
    re.compile(r"^(?:реклама|на правах рекламы|партн[её]рский материал|спецпроект)\b", re.I),
    re.compile(r"^\d[\d\s.,]*(?:тыс\.?|k)?\s*(?:просмотр\w*|прочтени\w*|комментари\w*|views?|comments?)$", re.I),
    re.compile(r"^(?:просмотр\w*|views?)\s*:?\s*\d", re.I),
    re.compile(r"^\d{1,3}\s?(?:/|из)\s?\d{1,3}\s*(?=[A-ZА-ЯЁ«\"])"),  # a photo counter "3/9 Делегация…"
]
WEATHER_RE = re.compile(r"[+\-−–]?\d{1,2}(?:[.,]\d)?\s*°\s*[CСF]?|^[+\-−–]?\d{1,2}(?:[.,]\d)?\s*[CС]$")
CURRENCY_RE = re.compile(r"\b(?:USD|EUR|RUB|CNY|KZT|BYN)\b\s*[:=]?\s*\d|курс\w* валют", re.I)
# A short plug for the outlet's channels ("Подписывайтесь на наш Telegram-канал"); a body
# sentence that mentions a Telegram channel is longer than this test looks at.
SOCIAL_RE = re.compile(
    r"(?=.*(?:telegram|телеграм|whatsapp|instagram|инстаграм|youtube|вконтакте|\bvk\b|дзен|tiktok))"
    r"(?=.*(?:подпис|присоедин|следите|читайте|больше новостей|наш\w* канал))",
    re.I,
)
HASHTAGS_RE = re.compile(r"(?:#[^\W_][\w-]*[\s,;]*){1,30}")
GLUED_RE = re.compile(r"[а-яё][А-ЯЁ]")
BULLET_RE = re.compile(r"^(?:[-–—•·*▪►✓]|\d{1,2}[.)])\s*\S")
SENTENCE_END_RE = re.compile(r"[.!?…:][»\"”’)]*$")
INNER_SENTENCE_RE = re.compile(r"[.!?…][»\"”)]?\s+[«\"„(]?[A-ZА-ЯЁ0-9–—-]")
TEASER_RE = re.compile(r"(?:\.\.\.|…)[»\"”]?$")
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
NAME_WORD_RE = re.compile(r"^(?:[A-ZА-ЯЁ][a-zа-яё]+|[A-ZА-ЯЁ]{2,}|[A-ZА-ЯЁ]\.)$")
BARE_COUNTER_RE = re.compile(r"\d{1,3}\s?(?:/|из)\s?\d{1,3}")
COUNTER_RE = re.compile(r"(\d{1,12})\s?(?:/|из)\s?(\d{1,3})(?=\s?[A-ZА-ЯЁ«\"“])")


@dataclass
class Line:
    """One paragraph candidate: its text and where it sits in the input."""

    text: str
    start: int
    end: int
    kind: str = "blank"


def strip_furniture(text: str) -> str:
    """Return the article body of a scraped page: paragraphs separated by blank lines."""
    return split_body(text)[0]


def split_body(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Return the body and, per kept paragraph, its (start, end) offsets in `text`.

    A paragraph's text can differ from text[start:end]: caption runs are cut out of it and
    hard-wrapped lines are joined with a space.
    """
    lines = read_lines(text)
    for line in lines:
        line.kind = classify_line(line.text)
    mark_gallery_captions(lines)
    region = find_body_region(lines)
    if region is None:
        kept = read_fallback(lines)
    else:
        lo, hi = extend_cut_tail(lines, region)
        kept = [ln for ln in lines[lo : hi + 1] if ln.kind not in ("blank", "furniture")]
        if not is_headline(kept[0].text):
            kept[:0] = find_title_lines(lines, lo)
    kept = strip_repeats(kept)
    return "\n\n".join(ln.text for ln in kept), [(ln.start, ln.end) for ln in kept]


def read_lines(text: str) -> list[Line]:
    """Split into lines with offsets, cut caption runs, join hard-wrapped continuation lines."""
    lines: list[Line] = []
    pos = 0
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        raw = m.group(0)
        if not raw and m.start() >= len(text):
            break
        body = raw.rstrip("\r\n")
        clean = " ".join(strip_caption_runs(body).split())
        start = pos + (len(body) - len(body.lstrip()))
        lines.append(Line(clean, start, pos + len(body.rstrip())))
        pos = m.end()
    return join_wrapped(lines)


def join_wrapped(lines: list[Line]) -> list[Line]:
    # A line that does not end a sentence followed by one starting in lower case is one
    # paragraph wrapped at a fixed width: scoring it piecewise would call it short furniture.
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.text
            and line.text
            and line.text[0].islower()
            and not re.search(r"[.!?…]['»\"”)]*$", prev.text)
        ):
            prev.text = f"{prev.text} {line.text}"
            prev.end = line.end
        else:
            out.append(line)
    return out


def strip_caption_runs(line: str) -> str:
    """Cut runs of numbered photo captions ("1/5Памятник…2/5Делегация…") out of one line.

    A run is two or more counters k/N with one N and k counting up (wrapping to 1 when the
    gallery is printed again). Text before the run is kept: captions are often glued to the
    last body sentence ("народами.1/5Памятник…").
    """
    if "/" not in line and " из " not in line:
        return line
    cuts: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []  # (start, end) of each counter in the current run
    den = expected = 0
    for m in COUNTER_RE.finditer(line):
        num, d = m.group(1), int(m.group(2))
        gap_ok = bool(run) and m.start() - run[-1][1] <= MAX_CAPTION_CHARS
        if run and d == den and gap_ok and num.endswith(str(expected)):
            run.append((m.end(1) - len(str(expected)), m.end()))
            expected = expected % den + 1
            continue
        if len(run) >= 2:
            cuts.append((run[0][0], m.start()))
        run = []
        if d >= 2 and num.endswith("1"):
            run, den, expected = [(m.end(1) - 1, m.end())], d, 2
    if len(run) >= 2:
        cuts.append((run[0][0], find_run_tail(line, run)))
    if not cuts:
        return line
    out, pos = [], 0
    for a, b in cuts:
        out.append(line[pos:a])
        pos = b
    out.append(line[pos:])
    return "".join(out).strip()


def find_run_tail(line: str, run: list[tuple[int, int]]) -> int:
    """Where the last caption of a run ends: the line's end unless the body visibly resumes."""
    tail = line[run[-1][1] :]
    if len(tail) <= MAX_CAPTION_CHARS:
        return len(line)
    # The galleries repeat, so the last caption usually equals an earlier one: cut just that.
    for (_, a_end), (b_start, _) in zip(run, run[1:]):
        caption = line[a_end:b_start]
        if caption and tail.startswith(caption):
            return run[-1][1] + len(caption)
    return len(line)


def mark_gallery_captions(lines: list[Line]) -> None:
    """A caption printed on the line after a bare counter ("2/9") is furniture like the counter."""
    waiting = False
    for line in lines:
        if line.kind == "blank":
            continue
        if BARE_COUNTER_RE.fullmatch(line.text):
            waiting = True
        elif waiting and line.kind != "prose":
            line.kind, waiting = "furniture", False
        else:
            waiting = False


def classify_line(text: str) -> str:
    """One of: blank, marker, furniture, teaser, prose, item, short."""
    s = text.strip()
    if not s:
        return "blank"
    if len(s) <= 60:
        core = s.strip(" -–—•·*|>:").lower().rstrip(".!")
        core = re.sub(r"\s*\(?\d+\)?$", "", core) or core
        if END_MARKER_RE.fullmatch(core):
            return "marker"
    if TAGS_RE.match(s):
        return "marker"
    if len(s) <= 250 and RELATED_LINK_RE.match(s):
        return "furniture"  # an inline related link ("Читайте также: Headline") inside the body
    if not WORD_RE.search(s) or is_furniture(s):
        return "furniture"
    if TEASER_RE.search(s) and len(s) < 400:
        return "teaser"
    if is_prose(s):
        return "prose"
    if BULLET_RE.match(s) and (s[-1] in ";,." or re.match(r"^\W*[a-zа-яё]", s[1:].lstrip())):
        return "item"
    return "short"


def is_furniture(s: str) -> bool:
    """Lines that are furniture by their look alone: credits, dates, counters, widgets, notices."""
    if len(s) > 600:
        return False
    low = s.lower()
    if any(k in low for k in NOTICE_KEYS) and NOTICE_RE.search(s) or any(r.match(s) for r in LEAD_RES):
        return True
    if is_date_line(s):
        return True
    if len(s) > 150:
        return False
    if CREDIT_RE.match(s) and (":" in s or "©" in s or not SENTENCE_END_RE.search(s)):
        return True
    if SOCIAL_RE.match(s) or HASHTAGS_RE.fullmatch(s):
        return True
    if len(s) <= 60 and (WEATHER_RE.search(s) or CURRENCY_RE.search(s)):
        return True
    if not SENTENCE_END_RE.search(s) and (
        len(GLUED_RE.findall(s)) >= 2 or re.fullmatch(r"(\w{3,})\1", s) or is_name_line(s)
    ):
        return True  # glued navigation ("ДомойНовостиПолитика"), doubled labels, bylines
    return is_breadcrumb(s)


_CRUMB_RE = re.compile(r"\s[/|>»›→]\s")


def is_breadcrumb(s: str) -> bool:
    """A site's path, "Главная / Новости / Регионы", "Главная › Экономика › Торговля": three or more short
    items between separators (a headline "Актау – Баку" or "Казахстан / Россия: итоги" has fewer)."""
    parts = _CRUMB_RE.split(s)
    return len(parts) >= 3 and all(len(WORD_RE.findall(p)) <= 4 for p in parts)


def is_name_line(s: str) -> bool:
    """A byline: two or three capitalised words and nothing else ("Самал АХМЕТОВА")."""
    words = s.split()
    return 2 <= len(words) <= 3 and all(NAME_WORD_RE.match(w) for w in words) and s.upper() != s


def is_date_line(s: str) -> bool:
    """A line that is only a date, a time, a weekday and separators ("Понедельник, 2 марта, 2026")."""
    if len(s) > 60 or not re.search(r"\d", s):
        return False
    rest = s
    for r in DATE_PATTERNS:
        rest = r.sub(" ", rest)
    rest = WEATHER_RE.sub(" ", WEEKDAY_RE.sub(" ", TIME_RE.sub(" ", rest)))
    rest = re.sub(r"(?i)\b(?:опубликовано|обновлено|дата публикации|дата|published|updated|г\.|года?)\b", " ", rest)
    return rest != s and not WORD_RE.search(rest) and not re.search(r"\d", rest)


def is_prose(s: str) -> bool:
    """Running text: enough words and sentence punctuation (or simply long)."""
    words = len(WORD_RE.findall(s))
    if TIME_RE.match(s) and len(s) < 200:
        return False  # "10:45 Headline" is a news-feed item
    if words >= 5 and SENTENCE_END_RE.search(s):
        return True
    if words >= 8 and INNER_SENTENCE_RE.search(s):
        return True
    # A long clause with commas is text cut mid-sentence; list headlines rarely carry commas.
    return words >= 25 or (words >= 15 and "," in s)


_STAMP_RE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4},?\s+\d{1,2}:\d{2}\b")


def is_headline(s: str) -> bool:
    """A headline: one short line of 3–30 words, mostly Cyrillic, no final period or colon."""
    s = s.strip()
    words = WORD_RE.findall(s)
    if not (3 <= len(words) <= 30 and 10 <= len(s) <= 250):
        return False
    if re.search(r"[.:;,]$", s) or INNER_SENTENCE_RE.search(s) or TIME_RE.match(s):
        return False
    if _STAMP_RE.search(s):
        return False  # "..., фото - Новости Zakon.kz от 01.11.2018 12:38": a credit line with its timestamp
    letters = [c for c in s if c.isalpha()]
    cyrillic = sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in letters)
    return cyrillic >= 0.5 * len(letters) and not is_furniture(s) and classify_line(s) != "marker"


def score_line(line: Line) -> float | None:
    """The line's weight in the body search; None for an end marker (the body never crosses it)."""
    kind = line.kind
    if kind == "marker":
        return None
    if kind == "prose":
        return float(len(line.text))
    return {"blank": 0.0, "furniture": SCORE_FURNITURE, "teaser": SCORE_TEASER, "item": SCORE_ITEM}.get(
        kind, SCORE_SHORT
    )


def find_body_region(lines: list[Line]) -> tuple[int, int] | None:
    """The maximum-score run of lines not crossing an end marker (Kadane's scan), or None.

    Prose after an end marker that follows real text counts a quarter: related-news leads
    there must outweigh the article four times over to be taken for it.
    """
    best, best_span = 0.0, None
    total, start = 0.0, None
    prose_chars, weight = 0, 1.0
    for i, line in enumerate(lines):
        score = score_line(line)
        if score is None:
            total, start = 0.0, None
            if prose_chars >= MIN_BODY_BEFORE_MARKER:
                weight = AFTER_MARKER_WEIGHT
            continue
        if line.kind == "prose":
            prose_chars += len(line.text)
            score *= weight
        if start is None:
            if score <= 0:
                continue
            total, start = 0.0, i
        total += score
        if total <= 0:
            total, start = 0.0, None
        elif total > best and line.kind == "prose":
            best, best_span = total, (start, i)
    return best_span


def extend_cut_tail(lines: list[Line], region: tuple[int, int]) -> tuple[int, int]:
    """Take in a last line cut off mid-word ("Документ охватывает …, кул") right after the body.

    Excerpts end in the middle of a sentence; a page ends in furniture, so this only fires
    when nothing but the fragment follows the body.
    """
    lo, hi = region
    rest = [i for i in range(hi + 1, len(lines)) if lines[i].kind != "blank"]
    if len(rest) == 1:
        line = lines[rest[0]]
        words = WORD_RE.findall(line.text)
        if line.kind in ("short", "item") and len(words) >= 2 and line.text[-1].isalpha() and line.text[-1].islower():
            return lo, rest[0]
    return lo, hi


_DATED = re.compile(
    r"\b\d{1,2}\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\s+\d{4}\b"
    r"|\b\d{1,2}\.\d{1,2}\.\d{4}\b",
    re.I,
)


def find_title_lines(lines: list[Line], lo: int) -> list[Line]:
    """The headline above the body: a repeated headline-like line, else the nearest one, with the headline right
    above it when that opens the page ("Казахстан получил из Астраханской области 218 тонн рыбы" over
    its subtitle "Нарушений ... не выявили"): a subtitle alone would lose what the headline states."""
    title = find_title_line(lines, lo)
    if title is None:
        return []
    at = lines.index(title)
    above = [ln for ln in lines[:at] if ln.kind != "blank"]
    # only the page's first line, right above (a masthead or a section line in between is another page part)
    if len(above) == 1 and is_headline(above[0].text) and not _DATED.search(above[0].text):
        return [above[0], title]
    return [title]


def find_title_line(lines: list[Line], lo: int) -> Line | None:
    """The headline above the body: a repeated headline-like line, else the nearest one."""
    seen: list[Line] = []
    i, looked = lo - 1, 0
    while i >= 0 and looked < MAX_TITLE_SCAN:
        line = lines[i]
        i -= 1
        if line.kind == "blank":
            continue
        looked += 1
        if line.kind in ("marker", "furniture") or _DATED.search(line.text):
            continue  # "«Приуралье», 19 марта 2026 года": the outlet's dateline, no headline
        if is_headline(line.text):
            seen.append(line)
        elif line.kind in ("prose", "teaser"):
            break
    if not seen:
        return None
    keys = [fold(ln.text) for ln in seen]
    repeated = [ln for ln, k in zip(seen, keys) if keys.count(k) > 1]
    return repeated[-1] if repeated else seen[0]


def read_fallback(lines: list[Line]) -> list[Line]:
    """No prose found: keep every non-furniture line up to the first end marker after some text."""
    kept: list[Line] = []
    for line in lines:
        if line.kind == "marker" and kept:
            break
        if line.kind not in ("blank", "furniture", "marker"):
            kept.append(line)
    return kept


def strip_repeats(kept: list[Line]) -> list[Line]:
    """Keep each paragraph once; drop a paragraph that the next one repeats and extends."""
    out: list[Line] = []
    seen: set[str] = set()
    for line in kept:
        key = fold(line.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(line)
    result: list[Line] = []
    for i, line in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else None
        head = fold(line.text).rstrip(".…!? ")
        if nxt is not None and len(head) >= 40 and fold(nxt.text).startswith(head):
            continue  # a lead printed twice, the second time with a credit appended
        result.append(line)
    return result


def fold(s: str) -> str:
    """Comparison key: NFC, lower case, ё→е, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", s).lower().replace("ё", "е").split())
