"""How a bulk import's claims are cut into settling transactions: whole blocks, about N claims each."""

from __future__ import annotations

import pytest

from coopgraph.graph.load import block_batches


def claims(blocks: str) -> list[tuple[str, dict]]:
    return [(f"a{i}", {"block": b, "id": f"c{i}"}) for i, b in enumerate(blocks)]


@pytest.mark.parametrize(
    "blocks,per_tx,sizes",
    [
        ("aabbbcd", 3, [2, 3, 2]),  # a block never splits; the next one starts a new batch when it would overflow
        ("aaaaa", 2, [5]),  # one block bigger than a batch stays whole
        ("abcdef", 10, [6]),
        ("", 3, []),
    ],
)
def test_blocks_stay_whole(blocks: str, per_tx: int, sizes: list[int]) -> None:
    batches = list(block_batches(claims(blocks), per_tx))
    assert [len(b) for b in batches] == sizes
    seen = [{row["block"] for _, row in b} for b in batches]
    assert all(not (x & y) for i, x in enumerate(seen) for y in seen[i + 1 :])
    assert sorted(c for b in batches for c, _ in b) == sorted(c for c, _ in claims(blocks))
