"""Where a line-aligned translation stops lining up with its source, when the two counts differ.

A translator who drops or splits one line shifts every line after it; "36 lines but 37 segments" alone
sends them through the whole file. This finds the first segment whose line is not where it should be,
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


def first_misaligned(ko: Sequence[str], en: Sequence[str], renderings: Sequence[Sequence[str]] = ()) -> int:
    """The 0-based index of the first Korean segment that is not paired with the English line at the same
    index; ``renderings`` holds each segment's glossary renderings. ``min(len(ko), len(en))`` when the
    counts agree up to the end of the shorter side or the files are too large to align."""
    n, m = len(ko), len(en)
    shorter = min(n, m)
    band = abs(n - m) + 3
    if n == 0 or m == 0 or n * min(m, 2 * band + 1) > MAX_CELLS:
        return shorter
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
    # walk back from the end and keep the first step that leaves the diagonal
    at, first = (n, m), shorter
    while at != (0, 0) and at in back:
        prev = back[at]
        diagonal = prev == (at[0] - 1, at[1] - 1)
        if not (diagonal and prev[0] == prev[1]):
            first = min(first, prev[0])
        at = prev
    return first
