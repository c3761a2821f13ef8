"""Gazetteer load and find() timings, as a ratio to a plain regex scan of the same text."""

from __future__ import annotations

import json
import re
import statistics
import time

from coopgraph.ingest.gazetteer import DEFAULT_PATH, Gazetteer, load_gazetteer


def _median(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    load_s = _median(lambda: Gazetteer(data), 3)
    gaz = load_gazetteer()
    names = [p.name for p in gaz.places()][:300]
    text = (". ".join(f"Делегация прибыла в {n} и обсудила сотрудничество" for n in names))[:10_000]
    gaz.find(text)  # warm the morphology cache, as in a long ingest
    find_s = _median(lambda: gaz.find(text))
    words = re.compile(r"[\w\-]+")
    scan_s = _median(lambda: words.findall(text))
    print(
        f"gazetteer load {load_s * 1000:.0f} ms; find on 10 KB {find_s * 1000:.1f} ms "
        f"= {find_s / scan_s:.0f}x a plain word scan ({scan_s * 1000:.2f} ms)"
    )


if __name__ == "__main__":
    main()
