"""The matching tolerances and pooled precision, recall and F1 that every evaluation and fit shares.

Two tolerances, each written once: ``same_line`` for the reader's parts (a line is the unit; heading
markers and whitespace do not count) and ``same_sentence`` for the briefs (sentence splits differ
between the tool and the person, so a close ratio counts too). Training the line labeller uses the
line rule as well, so what it learns to find is what the structure evaluation scores.
"""

from __future__ import annotations

import difflib
import re

#: figures of a selection: "bullets" or "summary" → the selection's name → precision, recall, f1
Figures = dict[str, dict[str, dict[str, float]]]

_MARKERS = re.compile(r"^[\s◇◆■□▲△○●◎▶▷►◈▣☆★•·\-–—※☞\[【<〈《「]+|[\s\]】>〉》」]+$")


def normalise(line: str) -> str:
    """A line without whitespace and without the markers around it (◇, ■, brackets)."""
    return "".join(_MARKERS.sub("", line.strip()).split()) or "".join(line.split())


def close(a: str, b: str) -> bool:
    """One normalised line contains the other, and the shorter is at least 80% of the longer."""
    short, long_ = sorted((a, b), key=len)
    return bool(short) and short in long_ and len(short) >= 0.8 * len(long_)


def same_line(a: str, b: str) -> bool:
    """Two lines are the same part when equal once normalised, or ``close``."""
    a, b = normalise(a), normalise(b)
    return a == b or close(a, b)


def same_sentence(a: str, b: str) -> bool:
    """The one matching tolerance: whitespace-free equality, containment at 80% length, or ratio 0.85."""
    a, b = "".join(a.split()), "".join(b.split())
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if short and short in long and len(short) >= 0.8 * len(long):
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.85


def keys_matched(picked: list[str], key: list[str]) -> int:
    """How many picks match a distinct key sentence."""
    left, hit = list(key), 0
    for p in picked:
        for k in left:
            if same_sentence(p, k):
                left.remove(k)
                hit += 1
                break
    return hit


def prf(tp: int, fp: int, fn: int, empty: float = 1.0) -> tuple[float, float, float]:
    """Precision, recall and F1 of pooled counts. ``empty`` is the precision with nothing predicted
    and the recall with nothing to find: 1.0 for the reader's parts (a capture with no heading, read
    with none, is right), 0.0 for the briefs (a brief that picks nothing has failed)."""
    p = tp / (tp + fp) if tp + fp else empty
    r = tp / (tp + fn) if tp + fn else empty
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class PooledScore:
    """Key sentences matched, picked and annotated, pooled over sections or articles."""

    def __init__(self) -> None:
        self.hit = self.picked = self.key = 0

    def add(self, picked: list[str], key: list[str]) -> None:
        self.hit += keys_matched(picked, key)
        self.picked += len(picked)
        self.key += len(key)

    def row(self) -> dict[str, float]:
        p, r, f1 = prf(self.hit, self.picked - self.hit, self.key - self.hit, empty=0.0)
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)}
