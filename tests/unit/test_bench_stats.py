"""The benchmarks' statistics: nearest-rank percentiles as the targets define them."""

from __future__ import annotations

import pytest

from bench.common import percentile

RUNS_20 = [float(i) for i in range(1, 21)]  # 1 ms ... 20 ms

PERCENTILES = [
    pytest.param(RUNS_20, 95, 19.0, id="p95-of-20-runs-is-the-19th-not-the-slowest"),
    pytest.param(RUNS_20, 50, 10.0, id="p50-of-20-runs-is-the-10th"),
    pytest.param([float(i) for i in range(1, 101)], 95, 95.0, id="p95-of-100-runs-is-the-95th"),
    pytest.param([float(i) for i in range(1, 11)], 50, 5.0, id="p50-of-10-runs-is-the-5th"),
    pytest.param([float(i) for i in range(1, 22)], 95, 20.0, id="p95-of-21-runs-rounds-the-rank-up"),
    pytest.param([7.0], 95, 7.0, id="one-run-is-every-percentile"),
    pytest.param([3.0, 1.0, 2.0], 100, 3.0, id="p100-is-the-slowest-whatever-the-order"),
]


@pytest.mark.parametrize("values, q, expected", PERCENTILES)
def test_percentile_is_nearest_rank(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == expected
