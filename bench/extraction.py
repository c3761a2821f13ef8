"""Extraction throughput on one core: natasha's own pipelines alone vs coopgraph's extraction, same texts."""

from __future__ import annotations

# Both sides run in this one process, one thread (ingest/__init__ pins BLAS to one thread), on the
# same Article bodies, interleaved article by article and rotating which goes first, so the
# noise of a shared machine falls on all alike. Throughput is reported per CPU second (the work
# done on one core, robust to other processes) and per wall second; the ratio b/a is the median
# over rounds of the CPU-time ratio. Two natasha sides: its full pipeline as the issue states the
# target (segment, morph, syntax, NER: `natasha_core`) and that plus what we also take from natasha
# (lemmas of every token, normalised spans: `natasha_alone`).
import time
from dataclasses import dataclass, field

from bench.common import log, median, peak_rss_mb


def natasha_models() -> dict:
    """natasha's own models, loaded here as its docs show: not ingest/nlp.py's, whose use is coopgraph's
    to tune (how it batches), so that the natasha side is natasha as shipped."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    return {
        "segmenter": Segmenter(),
        "vocab": MorphVocab(),
        "morph": NewsMorphTagger(emb),
        "syntax": NewsSyntaxParser(emb),
        "ner": NewsNERTagger(emb),
    }


def natasha_core(text: str, models: dict):
    """natasha's full pipeline, used as its docs show: one Doc over the whole text, segmented, morph-tagged,
    syntax-parsed and NER-tagged (Segmenter, NewsMorphTagger, NewsSyntaxParser, NewsNERTagger on
    NewsEmbedding: the models ingest/nlp.py loads)."""
    from natasha import Doc

    doc = Doc(text)
    doc.segment(models["segmenter"])
    doc.tag_morph(models["morph"])
    doc.parse_syntax(models["syntax"])
    doc.tag_ner(models["ner"])
    return doc


def natasha_alone(text: str, models: dict) -> int:
    """What natasha does for us: its full pipeline, then lemmas of every token and normalised spans."""
    doc = natasha_core(text, models)
    vocab = models["vocab"]
    for token in doc.tokens:
        token.lemmatize(vocab)
    for span in doc.spans:
        try:
            span.normalize(vocab)
        except Exception:  # noqa: BLE001 - natasha's normaliser fails on odd spans; coopgraph catches it too
            pass
    return len(doc.tokens)


def natasha_per_line(text: str, models: dict) -> int:
    """natasha alone, but one Doc per line as ingest/nlp.py feeds it: isolates the cost of that choice."""
    n = 0
    for line in text.split("\n"):
        if line.strip():
            n += natasha_alone(line, models)
    return n


@dataclass
class ExtractionResult:
    articles: int
    kbytes: float
    rounds: int
    natasha_cpu: list[float] = field(default_factory=list)  # seconds per round
    natasha_wall: list[float] = field(default_factory=list)
    coop_cpu: list[float] = field(default_factory=list)
    coop_wall: list[float] = field(default_factory=list)
    perline_cpu: list[float] = field(default_factory=list)  # natasha alone, one Doc per line
    core_cpu: list[float] = field(default_factory=list)  # natasha's pipeline only (segment, morph, syntax, NER)
    core_wall: list[float] = field(default_factory=list)
    read_cpu: float = 0.0  # reading + furniture removal of the same articles, once
    relations: int = 0
    peak_rss_mb: float = 0.0
    model_load_s: float = 0.0
    # one pass, after the rounds, over texts the rounds did not have: what a long ingest meets in a new article
    # (what extraction keeps across articles, such as the taggers' word memo, warm from other texts)
    unseen_articles: int = 0
    unseen_core_cpu: float = 0.0
    unseen_coop_cpu: float = 0.0

    def rate(self, seconds: list[float]) -> tuple[float, float]:
        """(articles/s, KB/s) at the median round time."""
        t = median(seconds)
        return self.articles / t, self.kbytes / t

    @property
    def ratio(self) -> float:
        return median([a / b for a, b in zip(self.natasha_cpu, self.coop_cpu)])

    @property
    def ratio_wall(self) -> float:
        return median([a / b for a, b in zip(self.natasha_wall, self.coop_wall)])

    @property
    def ratio_core(self) -> float:
        """coopgraph vs natasha's full pipeline (segment, morph, syntax, NER): the issue's target."""
        return median([a / b for a, b in zip(self.core_cpu, self.coop_cpu)])

    @property
    def ratio_core_wall(self) -> float:
        return median([a / b for a, b in zip(self.core_wall, self.coop_wall)])

    @property
    def ratio_core_unseen(self) -> float:
        return self.unseen_core_cpu / self.unseen_coop_cpu if self.unseen_coop_cpu else float("nan")


def run_extraction(records: list[dict], rounds: int = 3, unseen: list[dict] | None = None) -> ExtractionResult:
    from bench.corpus import article_of
    from coopgraph.ingest.nlp import load_models
    from coopgraph.ingest.pipeline import extract_article

    t0 = time.perf_counter()
    load_models()  # coopgraph's, loaded before the rounds as a long ingest has them
    model_load = time.perf_counter() - t0
    models = natasha_models()
    c0 = time.process_time()
    articles = [article_of(r) for r in records]
    read_cpu = time.process_time() - c0
    kbytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1024
    # one warm-up pass: first calls pay for lazy imports and caches on both sides
    for a in articles[:3]:
        natasha_alone(a.text, models)
        extract_article(a)
    res = ExtractionResult(
        articles=len(articles), kbytes=kbytes, rounds=rounds, read_cpu=read_cpu, model_load_s=model_load
    )
    sides = {
        "natasha": lambda a: natasha_alone(a.text, models),
        "core": lambda a: natasha_core(a.text, models),
        "perline": lambda a: natasha_per_line(a.text, models),
        "coop": lambda a: len(extract_article(a).relations),
    }
    names = list(sides)
    for r in range(rounds):
        cpu = dict.fromkeys(names, 0.0)
        wall = dict.fromkeys(names, 0.0)
        relations = 0
        for k, a in enumerate(articles):
            shift = (k + r) % len(names)  # which side goes first rotates per article and round
            for side in names[shift:] + names[:shift]:
                w, c = time.perf_counter(), time.process_time()
                out = sides[side](a)
                cpu[side] += time.process_time() - c
                wall[side] += time.perf_counter() - w
                relations += out if side == "coop" else 0
        res.natasha_cpu.append(cpu["natasha"])
        res.natasha_wall.append(wall["natasha"])
        res.core_cpu.append(cpu["core"])
        res.core_wall.append(wall["core"])
        res.perline_cpu.append(cpu["perline"])
        res.coop_cpu.append(cpu["coop"])
        res.coop_wall.append(wall["coop"])
        res.relations = relations
        log(
            f"extraction round {r + 1}/{rounds}: natasha pipeline {len(articles) / cpu['core']:.1f} art/s "
            f"(+lemmas {len(articles) / cpu['natasha']:.1f}), coopgraph {len(articles) / cpu['coop']:.1f} art/s "
            f"(CPU), ratio {cpu['core'] / cpu['coop']:.2f} (vs +lemmas {cpu['natasha'] / cpu['coop']:.2f})"
        )
    _unseen_pass(res, [article_of(r) for r in unseen or []], sides)
    res.peak_rss_mb = peak_rss_mb()
    return res


def _unseen_pass(res: ExtractionResult, articles: list, sides: dict) -> None:
    """Each new text once, natasha's pipeline and coopgraph in turn (which goes first alternates)."""
    for k, a in enumerate(articles):
        for side in ("core", "coop") if k % 2 else ("coop", "core"):
            c = time.process_time()
            sides[side](a)
            spent = time.process_time() - c
            if side == "core":
                res.unseen_core_cpu += spent
            else:
                res.unseen_coop_cpu += spent
    res.unseen_articles = len(articles)
    if articles:
        log(f"extraction, {len(articles)} texts not in the rounds, once: ratio {res.ratio_core_unseen:.2f}")


def profile_extraction(records: list[dict], top: int = 25) -> str:
    """cProfile of coopgraph extraction over the records, by cumulative time (where a missed target goes)."""
    import cProfile
    import io
    import pstats

    from bench.corpus import article_of
    from coopgraph.ingest.pipeline import extract_article

    articles = [article_of(r) for r in records]
    prof = cProfile.Profile()
    prof.enable()
    for a in articles:
        extract_article(a)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()
