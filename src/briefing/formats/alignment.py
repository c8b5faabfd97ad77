"""Where a line-aligned translation stops lining up with its source, whether or not the two counts differ.

A translator who drops or splits one line shifts every line after it; "36 lines but 37 segments" alone
sends them through the whole file, and one who merges two lines and later splits another keeps the count
while every line between has the next segment's English. This finds the first segment whose line is not where it should be,
without a model: a small monotone alignment (Gale & Church's idea, with anchors) scores each pairing by
how far its length ratio is from the file's own median ratio, and by the anchors that should survive
translation — digits, Latin-script words (QST, RIKEN) and the glossary renderings of the segment's terms.
It can be wrong where neighbouring sentences are alike in length and carry no anchor; it then points a
line or two off, never past the true place by more than the lines that look alike.
"""

from __future__ import annotations

import math
import re
from typing import Sequence

_ANCHOR = re.compile(r"\d+|[A-Za-z][A-Za-z-]+")
GAP = 2.0  # the cost of leaving a segment or a line unpaired: about two anchors missed
MAX_CELLS = 4_000_000  # above this, say only where the shorter side ends (50k-line files take seconds)


def _anchors(text: str) -> set[str]:
    return {a.lower() for a in _ANCHOR.findall(text)}


MIN_SAVING = GAP  # what a stretch off the diagonal must gain over pairing its lines in place to be a shift:
# on FLORES-200 dev (997 lines) the reference and two OPUS-MT outputs leave it at most for a line or two,
# gaining 0.6 over 2 lines and 2.5 over 1; a merge and a split 12 lines apart gain 12.8 on the seed


def _walk(ko: Sequence[str], en: Sequence[str], renderings: Sequence[Sequence[str]]):
    """The cheapest monotone path from (0, 0) to (len(ko), len(en)) as its points, each point's cost, and
    the pair cost; None when the files are empty or too large to align."""
    n, m = len(ko), len(en)
    band = abs(n - m) + 3
    if n == 0 or m == 0 or n * min(m, 2 * band + 1) > MAX_CELLS:
        return None
    ratios = sorted(max(len(e), 1) / max(len(k), 1) for k, e in zip(ko, en))
    median = math.log(ratios[len(ratios) // 2])
    ko_anchors = [_anchors(k) | {r.lower() for r in (renderings[i] if i < len(renderings) else ())}
                  for i, k in enumerate(ko)]
    en_lower = [e.lower() for e in en]

    def pair_cost(i: int, j: int) -> float:
        length = abs(math.log(max(len(en[j]), 1) / max(len(ko[i]), 1)) - median)
        missed = sum(1 for a in ko_anchors[i] if a not in en_lower[j])
        return length + missed

    inf = float("inf")
    cost = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        for j in range(max(0, i - band), min(m, i + band) + 1):
            if (i, j) == (0, 0):
                continue
            best, origin = inf, None
            for (pi, pj), step in (((i - 1, j - 1), None), ((i - 1, j), GAP), ((i, j - 1), GAP)):
                if (pi, pj) in cost:
                    c = cost[(pi, pj)] + (pair_cost(pi, pj) if step is None else step)
                    if c < best:
                        best, origin = c, (pi, pj)
            if origin is not None:
                cost[(i, j)], back[(i, j)] = best, origin
    points, at = [(n, m)], (n, m)
    while at != (0, 0) and at in back:
        at = back[at]
        points.append(at)
    points.reverse()
    return points, cost, pair_cost


def first_misaligned(ko: Sequence[str], en: Sequence[str], renderings: Sequence[Sequence[str]] = ()) -> int:
    """The 0-based index of the first Korean segment that is not paired with the English line at the same
    index; ``renderings`` holds each segment's glossary renderings. ``min(len(ko), len(en))`` when the
    counts agree up to the end of the shorter side or the files are too large to align."""
    shorter = min(len(ko), len(en))
    walk = _walk(ko, en, renderings)
    if walk is None:
        return shorter
    points = walk[0]
    first = shorter
    for prev, at in zip(points, points[1:]):
        if not (at == (prev[0] + 1, prev[1] + 1) and prev[0] == prev[1]):
            first = min(first, prev[0])
    return first


def first_shift(ko: Sequence[str], en: Sequence[str], renderings: Sequence[Sequence[str]] = ()) -> tuple[int, int, bool] | None:
    """Where lines of the same count stop lining up: ``(segment, owner, whole)``, the 0-based index of the
    first segment whose line belongs elsewhere, the segment that line looks like the English of, and
    whether it looks like all of it (False: a part, as after a split); None when they line up or the
    files are too large to align.

    Only a stretch of two segments or more that explains the lines better by ``MIN_SAVING`` counts: a
    free translation or a weak model leaves the diagonal for a line now and then (a number written out,
    a name transliterated), and refusing it would refuse good work."""
    if len(ko) != len(en):
        raise ValueError("first_shift: the counts differ; use first_misaligned")
    walk = _walk(ko, en, renderings)
    if walk is None:
        return None
    points, cost, pair_cost = walk
    start = None
    for k, (i, j) in enumerate(points):
        if i != j and start is None:
            start = k - 1
        elif i == j and start is not None:
            a = points[start][0]
            saving = sum(pair_cost(x, x) for x in range(a, i)) - (cost[(i, j)] - cost[(a, a)])
            if i - a >= 2 and saving >= MIN_SAVING:
                return (a, *_owner(points, a))
            start = None
    return None


def _owner(points: Sequence[tuple[int, int]], line: int) -> tuple[int, bool]:
    """The segment the path pairs with ``line``, or (a line left unpaired) the one paired with the line
    before it, of which it looks like a part."""
    paired = {p[1]: p[0] for p, q in zip(points, points[1:]) if q == (p[0] + 1, p[1] + 1)}
    if line in paired:
        return paired[line], True
    before = [j for j in paired if j < line]
    return (paired[max(before)], False) if before else (line, False)
