"""The related score is summed over whole bitmaps (a bit-sliced counter) and the best are picked
by a top-k walk: checked against scoring each case study one by one."""

import random

from partnerships.related import _add, _top


def bits(positions) -> int:
    return sum(1 << p for p in set(positions))


def test_the_bit_sliced_counter_and_top_k_agree_with_scoring_one_by_one():
    rng = random.Random(20261202)
    for _ in range(200):
        size = rng.randint(1, 300)
        signals = [
            (bits(rng.sample(range(size), rng.randint(0, size))), rng.choice([1, 2, 3, 4, 7]))
            for _ in range(rng.randint(1, 8))
        ]
        planes: list[int] = []
        score = [0] * size
        for mask, points in signals:
            _add(planes, mask, points)
            for p in range(size):
                score[p] += points if mask >> p & 1 else 0
        summed = [
            sum(1 << j for j, plane in enumerate(planes) if plane >> p & 1) for p in range(size)
        ]
        assert summed == score

        candidates = bits(p for p in range(size) if rng.random() < 0.7)
        k = rng.randint(1, 25)
        expected = sorted(
            (p for p in range(size) if candidates >> p & 1), key=lambda p: (-score[p], -p)
        )[:k]
        chosen = sorted(_top(planes, candidates, k), key=lambda p: (-score[p], -p))
        assert chosen == expected


def test_top_k_of_nothing_is_nothing():
    assert _top([], 0, 5) == []
    assert _top([0b1], 0, 5) == []
