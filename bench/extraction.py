"""Extraction throughput on one core: natasha's own pipeline alone vs coopgraph's extraction, same texts."""

from __future__ import annotations

# Both sides run in this one process, one thread (ingest/__init__ pins BLAS to one thread), on the
# same Article bodies, interleaved article by article and alternating which goes first, so the
# noise of a shared machine falls on both alike. Throughput is reported per CPU second (the work
# done on one core, robust to other processes) and per wall second; the ratio b/a is the median
# over rounds of the CPU-time ratio.
import time
from dataclasses import dataclass, field

from bench.common import log, median, peak_rss_mb


def natasha_alone(text: str, models: dict) -> int:
    """What natasha does for us, used as natasha's docs show: one Doc over the whole text."""
    from natasha import Doc

    doc = Doc(text)
    doc.segment(models["segmenter"])
    doc.tag_morph(models["morph"])
    doc.parse_syntax(models["syntax"])
    doc.tag_ner(models["ner"])
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
    read_cpu: float = 0.0  # reading + furniture removal of the same articles, once
    relations: int = 0
    peak_rss_mb: float = 0.0
    model_load_s: float = 0.0

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


def run_extraction(records: list[dict], rounds: int = 3) -> ExtractionResult:
    from bench.corpus import article_of
    from coopgraph.ingest.nlp import load_models
    from coopgraph.ingest.pipeline import extract_article

    t0 = time.perf_counter()
    models = load_models()
    model_load = time.perf_counter() - t0
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
    orders = (("n", "c", "l"), ("c", "l", "n"), ("l", "n", "c"))
    for r in range(rounds):
        n_cpu = n_wall = c_cpu = c_wall = l_cpu = 0.0
        relations = 0
        for k, a in enumerate(articles):
            for side in orders[(k + r) % 3]:
                w, c = time.perf_counter(), time.process_time()
                if side == "n":
                    natasha_alone(a.text, models)
                elif side == "l":
                    natasha_per_line(a.text, models)
                else:
                    relations += len(extract_article(a).relations)
                c, w = time.process_time() - c, time.perf_counter() - w
                if side == "n":
                    n_cpu, n_wall = n_cpu + c, n_wall + w
                elif side == "l":
                    l_cpu += c
                else:
                    c_cpu, c_wall = c_cpu + c, c_wall + w
        res.perline_cpu.append(l_cpu)
        res.natasha_cpu.append(n_cpu)
        res.natasha_wall.append(n_wall)
        res.coop_cpu.append(c_cpu)
        res.coop_wall.append(c_wall)
        res.relations = relations
        log(
            f"extraction round {r + 1}/{rounds}: natasha {len(articles) / n_cpu:.1f} art/s, "
            f"coopgraph {len(articles) / c_cpu:.1f} art/s (CPU), ratio {n_cpu / c_cpu:.2f}"
        )
    res.peak_rss_mb = peak_rss_mb()
    return res


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
