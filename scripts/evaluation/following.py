"""Scoring ``briefing follow``: the near-duplicate grouping on a corpus and edited copies of it, and which
articles pass the relevance threshold.

Each article of the corpus is one story; three edited copies are made of it, as outlets edit a press
release (``edited_copies``): its sentences reordered, a paragraph dropped, its byline changed. The
original and its copies are one gold group; two different articles of the corpus are two stories.
Grouping is scored on pairs: precision is the share of the pairs put in one group that are one story,
recall the share of the one-story pairs put in one group. ``cross_pairs`` lists every pair of different
stories grouped (there must be none), and ``closest_pairs`` the most similar pairs of different stories,
which is the margin the threshold has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Sequence

#: A content line: long enough to be a paragraph and not a menu, a caption or a byline.
PARAGRAPH_CHARS = 40
_SENTENCE_END = re.compile(r"(?<=[다요까죠]\.)\s+")
_BYLINE = re.compile(r"^.{0,30}기자.{0,40}$")
NEW_BYLINE = "김하늘 기자 haneul@example.kr"


@dataclass(frozen=True)
class Version:
    """One text of the grouping set: the story (the original's name) and how it was edited."""

    story: str
    edit: str  # original | reordered | dropped | byline
    text: str


def paragraphs(lines: Sequence[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if len(line.strip()) >= PARAGRAPH_CHARS]


def reordered(text: str) -> str:
    """The sentences of the longest paragraph in reverse order, and the two paragraphs after the lead
    swapped: what an outlet does that moves the quote up."""
    lines = text.split("\n")
    found = paragraphs(lines)
    if found:
        longest = max(found, key=lambda i: len(lines[i]))
        lines[longest] = " ".join(reversed(_SENTENCE_END.split(lines[longest].strip())))
    if len(found) >= 3:
        a, b = found[1], found[2]
        lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def dropped(text: str) -> str:
    """One paragraph left out: the middle one of the paragraphs after the lead (none when there is only
    the lead)."""
    lines = text.split("\n")
    found = paragraphs(lines)[1:]
    if found:
        del lines[found[len(found) // 2]]
    return "\n".join(lines)


def byline(text: str) -> str:
    """Every short line naming a reporter replaced by another reporter's; a text with none gets one."""
    lines = text.split("\n")
    changed = [NEW_BYLINE if _BYLINE.match(line.strip()) else line for line in lines]
    if changed == lines:
        changed.append(NEW_BYLINE)
    return "\n".join(changed)


EDITS = {"reordered": reordered, "dropped": dropped, "byline": byline}


def edited_copies(name: str, text: str) -> list[Version]:
    return [Version(name, "original", text)] + [Version(name, edit, make(text)) for edit, make in EDITS.items()]


@dataclass(frozen=True)
class GroupingScore:
    threshold: float
    precision: float
    recall: float
    groups: int
    cross: tuple[tuple[str, str], ...]  # different stories grouped
    missed: tuple[tuple[str, str], ...]  # (story, edit) not grouped with its original


def score_grouping(versions: Sequence[Version], groups: Sequence[Sequence[int]], threshold: float) -> GroupingScore:
    predicted = {(a, b) for g in groups for a, b in combinations(sorted(g), 2)}
    gold = {(a, b) for a, b in combinations(range(len(versions)), 2) if versions[a].story == versions[b].story}
    right = predicted & gold
    cross = tuple(sorted({tuple(sorted((versions[a].story, versions[b].story))) for a, b in predicted - gold}))
    group_of = {i: k for k, g in enumerate(groups) for i in g}
    originals = {v.story: i for i, v in enumerate(versions) if v.edit == "original"}
    missed = tuple((v.story, v.edit) for i, v in enumerate(versions)
                   if v.edit != "original" and group_of[i] != group_of[originals[v.story]])
    return GroupingScore(threshold, len(right) / len(predicted) if predicted else 1.0,
                         len(right) / len(gold) if gold else 1.0, len(groups), cross, missed)


def closest_pairs(names: Sequence[str], texts: Sequence[str], n: int = 3) -> list[tuple[float, str, str]]:
    """The ``n`` most similar pairs of different articles (exact Jaccard of their shingle sets)."""
    from briefing.same_story import jaccard, shingles

    sets = [shingles(t) for t in texts]
    pairs = [(jaccard(sets[a], sets[b]), names[a], names[b]) for a, b in combinations(range(len(texts)), 2)]
    return sorted(pairs, reverse=True)[:n]


def edit_similarities(versions: Sequence[Version], texts: Sequence[str]) -> dict[str, float]:
    """The lowest similarity of each kind of edited copy to its original: how far an edit can go."""
    from briefing.same_story import jaccard, shingles

    originals = {v.story: shingles(texts[i]) for i, v in enumerate(versions) if v.edit == "original"}
    lowest: dict[str, float] = {}
    for i, v in enumerate(versions):
        if v.edit != "original":
            sim = jaccard(shingles(texts[i]), originals[v.story])
            lowest[v.edit] = min(lowest.get(v.edit, 1.0), sim)
    return lowest


def article_files(folder: Path) -> list[Path]:
    return sorted(Path(folder).glob("*.txt"))
