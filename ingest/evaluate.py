"""Scoring extraction output against gold files: per-type P/R/F1 for entities and relations, kgeval's rules."""

from __future__ import annotations

# The rules follow /work/shared/eval/kgeval.py, the reference scorer, so that our numbers agree with
# it: names are compared after lower-casing, ё→е, Kazakh letters → Russian letters, quotes and legal
# forms removed; places and persons must match the canonical name exactly, other types match by
# lemma and rapidfuzz token_set_ratio above a per-type threshold; predicted entities are aligned
# one-to-one with gold ones, best scores first; a City stands for its Region (gold `place_of`) at
# relation endpoints; relation keys carry the commodity (EXPORTS_TO), the last lemma of the title
# (HOLDS_POSITION), kind/currency/value within 2 % (TRADE_VOLUME, turnover symmetric).
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.fuzz import token_set_ratio

from coopgraph.ingest.records import Article

LEGAL_FORMS = {
    "тоо",
    "ао",
    "ооо",
    "пао",
    "оао",
    "зао",
    "ип",
    "кгп",
    "ргп",
    "гкп",
    "нао",
    "ао нк",
    "гу",
    "тос",
    "спк",
    "фх",
    "кх",
    "ано",
    "фгбоу",
    "рго",
    "чп",
}
PLACE_TYPES = {"Region", "City", "Country"}
FUZZY_THRESHOLDS = {"Organization": 90, "Commodity": 85, "Event": 80, "Document": 70}
VALUE_TOLERANCE = 0.02
KAZAKH_LETTERS = str.maketrans("іәғқңөұүһ", "иагкноуух")

EntityKey = tuple[str, str]  # (type, name)
RelKey = tuple


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "p": self.p, "r": self.r, "f1": self.f1}


@dataclass
class ArticleScore:
    """One article's counts per type and what went wrong in it."""

    id: str
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    false_positives: list[str] = field(default_factory=list)  # relations
    misses: list[str] = field(default_factory=list)  # relations
    entity_false_positives: list[str] = field(default_factory=list)
    entity_misses: list[str] = field(default_factory=list)


@dataclass
class Summary:
    """Totals over a gold set: per-type counts (plus micro "ALL") and the per-article scores."""

    articles: list[ArticleScore] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def table(self, part: str) -> dict[str, Counts]:
        totals: dict[str, Counts] = defaultdict(Counts)
        for a in self.articles:
            for t, c in getattr(a, part).items():
                totals[t].add(c)
        rows = {t: totals[t] for t in sorted(totals)}
        everything = Counts()
        for c in rows.values():
            everything.add(c)
        rows["ALL"] = everything
        return rows

    @property
    def entities(self) -> dict[str, Counts]:
        return self.table("entities")

    @property
    def relations(self) -> dict[str, Counts]:
        return self.table("relations")

    def to_dict(self, details: bool = False) -> dict:
        out = {
            "articles": len(self.articles),
            "failures": list(self.failures),
            "entities": {t: c.to_dict() for t, c in self.entities.items()},
            "relations": {t: c.to_dict() for t, c in self.relations.items()},
        }
        if details:
            out["details"] = {
                a.id: {
                    "false_positives": a.false_positives,
                    "misses": a.misses,
                    "entity_false_positives": a.entity_false_positives,
                    "entity_misses": a.entity_misses,
                }
                for a in self.articles
            }
        return out


# ---------------------------------------------------------------- names


def normalize_name(s: str) -> str:
    """Lower case, ё→е, Kazakh letters → Russian, quotes and punctuation → spaces, legal forms dropped."""
    s = (s or "").lower().replace("ё", "е").translate(KAZAKH_LETTERS)
    s = re.sub(r"[«»“”„\"'’`]", " ", s)
    s = re.sub(r"[‐‑–—−]", "-", s)
    s = re.sub(r"[^\w\s\-.%]", " ", s)
    words = [w for w in s.split() if w not in LEGAL_FORMS]
    return " ".join(words).strip(" .-")


@lru_cache(maxsize=1)
def morph_analyzer():
    """pymorphy3, else natasha's MorphVocab, else None (names are then compared as words)."""
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer()
    except Exception:  # noqa: BLE001 - pymorphy3 missing or broken: the next analyser will do
        pass
    try:
        from natasha import MorphVocab

        return MorphVocab()
    except Exception:  # noqa: BLE001 - no analyser at all: names are compared as written
        return None


@lru_cache(maxsize=50000)
def lemmatize(s: str) -> str:
    words = normalize_name(s).split()
    morph = morph_analyzer()
    if morph is None:
        return " ".join(words)
    return " ".join(lemma_of(morph, w) for w in words)


@lru_cache(maxsize=50000)
def lemma_of(morph, word: str) -> str:
    return morph.parse(word)[0].normal_form


# ---------------------------------------------------------------- entities


def entity_key(e: dict) -> EntityKey:
    return (e.get("type", ""), e.get("name", ""))


def score_entity_match(gold: dict, pred: dict) -> float:
    """0..100: how well a predicted entity matches a gold one (places interchange their types)."""
    gt, pt = gold.get("type"), pred.get("type")
    if gt != pt and not (gt in PLACE_TYPES and pt in PLACE_TYPES):
        return 0.0
    pn = normalize_name(pred.get("name", ""))
    if gt in PLACE_TYPES or gt == "Person":  # graph keys: the canonical name only
        return 100.0 if pn == normalize_name(gold["name"]) else 0.0
    if gt == "Document":
        if gold.get("kind") and pred.get("kind") and lemmatize(gold["kind"]) != lemmatize(pred["kind"]):
            return 0.0
        if gold.get("period") and pred.get("period") and list(gold["period"]) == list(pred["period"]):
            return 100.0
    names = [gold["name"], *(gold.get("aliases") or [])]
    best = max(token_set_ratio(lemmatize(n), lemmatize(pred.get("name", ""))) for n in names)
    return best if best >= FUZZY_THRESHOLDS.get(str(gt), 90) else 0.0


def align_entities(gold: list[dict], pred: list[dict]) -> dict[EntityKey, EntityKey]:
    """Greedy one-to-one alignment, best score first: predicted key → gold key."""
    pairs = sorted(
        ((s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred) if (s := score_entity_match(g, p)) > 0),
        key=lambda t: -t[0],
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[EntityKey, EntityKey] = {}
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[entity_key(pred[pi])] = entity_key(gold[gi])
    return out


def place_key(key: EntityKey, place_of: dict) -> tuple:
    """A City counts as its Region at a relation endpoint; every place is a ("Place", name)."""
    t, n = key
    if n in place_of:
        return ("Place", place_of[n])
    if t in PLACE_TYPES:
        return ("Place", n)
    return key


# ---------------------------------------------------------------- relations


def relation_key(r: dict, resolve: Callable[[object], tuple | None]) -> RelKey | None:
    """(type, source, target, qualifiers…), or None when an endpoint or the commodity is unknown."""
    src, tgt = resolve(r.get("source")), resolve(r.get("target"))
    if src is None or tgt is None:
        return None
    t = r.get("type")
    extra: tuple = ()
    if t == "EXPORTS_TO":
        commodity = r.get("commodity")
        extra = (resolve(commodity) if commodity else None,)
        if commodity and extra == (None,):
            return None
    elif t == "HOLDS_POSITION":
        title = r.get("title")
        extra = (lemmatize(title).split(" ")[-1] if title else "",)
    elif t == "TRADE_VOLUME":
        try:
            value = float(r.get("value") or 0)
        except (TypeError, ValueError):
            return None
        extra = (r.get("kind"), r.get("currency"), value)
        if r.get("kind") == "turnover":
            src, tgt = sorted([src, tgt])
    return (t, src, tgt) + extra


def same_relation(a: RelKey, b: RelKey) -> bool:
    if a[0] != b[0]:
        return False
    if a[0] == "TRADE_VOLUME":
        if a[:5] != b[:5]:
            return False
        va, vb = a[5], b[5]
        return abs(va - vb) <= VALUE_TOLERANCE * max(abs(va), abs(vb), 1.0)
    if a[0] == "HOLDS_POSITION":
        return a[:3] == b[:3] and (not a[3] or not b[3] or a[3] == b[3])
    return a == b


# ---------------------------------------------------------------- articles


def score_article(gold: dict, pred: dict) -> ArticleScore:
    """Score one prediction ({"entities": [...], "relations": [...]}) against one gold file's object."""
    score = ArticleScore(id=str(gold.get("id", "")))
    gold_ents = list(gold.get("entities", []))
    pred_ents = [e for e in pred.get("entities", []) or [] if isinstance(e, dict) and e.get("name")]
    place_of = gold.get("place_of", {}) or {}
    mapping = align_entities(gold_ents, pred_ents)
    score_entities(score, gold_ents, pred_ents, mapping)

    gold_by_name = {e["name"]: entity_key(e) for e in gold_ents}
    pred_by_name: dict[str, EntityKey] = {}
    for e in pred_ents:  # a relation names its endpoints by entity name (or id)
        for ref in (e.get("name"), e.get("id")):
            if ref:
                pred_by_name.setdefault(ref, entity_key(e))

    def resolve_gold(name):
        k = gold_by_name.get(name)
        return place_key(k, place_of) if k else None

    def resolve_pred(name):
        k = pred_by_name.get(name)
        if k is None:
            return None
        g = mapping.get(k)
        return ("unmatched",) + k if g is None else place_key(g, place_of)

    gold_rels = {k for r in gold.get("relations", []) if (k := relation_key(r, resolve_gold))}
    pred_rels = set()
    for r in pred.get("relations", []) or []:
        if isinstance(r, dict):
            k = relation_key(r, resolve_pred)
            pred_rels.add(k if k else ("invalid", json.dumps(r, ensure_ascii=False, sort_keys=True, default=str)))
    score_relations(score, gold_rels, pred_rels)
    return score


def score_entities(score: ArticleScore, gold: list[dict], pred: list[dict], mapping: dict) -> None:
    matched_gold = set(mapping.values())
    for e in gold:
        hit = entity_key(e) in matched_gold
        c = score.entities[e["type"]]
        if hit:
            c.tp += 1
        else:
            c.fn += 1
            score.entity_misses.append(f"{e['type']} {e['name']}")
    for e in pred:
        if entity_key(e) not in mapping:
            score.entities[e.get("type", "?")].fp += 1
            score.entity_false_positives.append(f"{e.get('type', '?')} {e.get('name')}")


def score_relations(score: ArticleScore, gold: set, pred: set) -> None:
    unmatched = set(gold)
    for p in sorted(pred, key=str):  # sorted: the same input always pairs the same way
        hit = next((g for g in sorted(unmatched, key=str) if same_relation(g, p)), None)
        if hit is not None:
            unmatched.discard(hit)
            score.relations[p[0]].tp += 1
        else:
            score.relations[p[0]].fp += 1
            score.false_positives.append(format_relation(p))
    for g in sorted(unmatched, key=str):
        score.relations[g[0]].fn += 1
        score.misses.append(format_relation(g))


def format_relation(key: RelKey) -> str:
    """VISITED Вадим Шумков → Северо-Казахстанская область [qualifiers]."""
    if key[0] == "invalid":
        return f"invalid {key[1]}"

    def end(x) -> str:
        if x is None:
            return "-"
        if isinstance(x, tuple):
            return f"?{x[-1]}" if x[0] == "unmatched" else str(x[-1])
        return str(x)

    extra = [end(x) for x in key[3:] if x not in (None, "")]
    tail = f" [{', '.join(extra)}]" if extra else ""
    return f"{key[0]} {end(key[1])} → {end(key[2])}{tail}"


# ---------------------------------------------------------------- gold sets


def read_gold(gold_dir: Path | str) -> list[dict]:
    """Gold objects from a folder of *.json (sorted by name) or a single file."""
    path = Path(gold_dir)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def article_of(gold: dict) -> Article:
    """The gold text read as an article file `<gold id>.txt`: reader and furniture removal applied."""
    from coopgraph.ingest.read import read_text

    return read_text(gold["text"], f"{gold['id']}.txt")


def score_dir(gold_dir: Path | str, predict: Callable[[Article], dict], golds: Iterable[dict] | None = None) -> Summary:
    """Score `predict` over every gold file; an article whose prediction fails scores as empty output."""
    summary = Summary()
    for gold in read_gold(gold_dir) if golds is None else golds:
        try:
            pred = predict(article_of(gold))
        except Exception as exc:  # noqa: BLE001 - one broken article must not hide the others' scores
            summary.failures.append(f"{gold.get('id')}: {type(exc).__name__}: {exc}")
            pred = {"entities": [], "relations": []}
        summary.articles.append(score_article(gold, pred))
    return summary


def facts_to_pred(facts) -> dict:
    """ArticleFacts → the scorer's {"entities": [...], "relations": [...]} dicts."""
    return {
        "entities": [e.model_dump(exclude_none=True) for e in facts.entities],
        "relations": [r.model_dump(exclude_none=True) for r in facts.relations],
    }


def format_summary(summary: Summary, details: bool = False) -> str:
    """Tables of tp/fp/fn/P/R/F1 per type, a closing F1 line and, with details, each article's errors."""
    lines: list[str] = []
    if details:
        for a in summary.articles:
            lines.append(f"== {a.id}")
            lines += [f"  FP   {x}" for x in a.false_positives]
            lines += [f"  MISS {x}" for x in a.misses]
            lines += [f"  FP   entity {x}" for x in a.entity_false_positives]
            lines += [f"  MISS entity {x}" for x in a.entity_misses]
    for name, rows in (("entities", summary.entities), ("relations", summary.relations)):
        lines.append(f"\n{name:<16}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7}")
        for t, c in rows.items():
            lines.append(f"{t:<16}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.p:>7.3f}{c.r:>7.3f}{c.f1:>7.3f}")
    lines += [f"FAILED {f}" for f in summary.failures]
    rel, ent = summary.relations["ALL"].f1, summary.entities["ALL"].f1
    lines.append(f"\nrelation F1 {rel:.3f}  entity F1 {ent:.3f}  articles {len(summary.articles)}")
    return "\n".join(lines).lstrip("\n")
