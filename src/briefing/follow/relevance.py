"""How much an article is about the glossary's field, from the glossary terms on its Korean side.

No model decides what to translate: the score is read off the terms the glossary's finder already
finds (on morpheme boundaries, so 양자 in 양자 회담 "bilateral talks" is not quantum when the glossary
says so), weighted by where they stand. A term in the title or the lead is what the story is about; one
deep in the body is often background. The reader has already set aside the related-links box, the
menus and the captions as boilerplate, so a term there counts nothing: a story about a festival whose
"related articles" box names a quantum institute is not a quantum story.

Each distinct term counts once, at its best place (``WEIGHTS``), plus ``REPEAT`` for every further
occurrence, up to ``MAX_REPEATS``: a story that names 중입자 twelve times is about heavy ions, but not
twelve times more than one that names it in the title and twice after. What it gets wrong: a generic
entry of the glossary (병원 "hospital", 회의 "meeting") scores as much as a specific one; the shipped
glossary marks no entry as generic, so those count 1 in the body like any other (docs/following.md
shows what that does on the development corpus).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Result

#: Weight of a term at its best place; the lead is the article's first ``LEAD_SENTENCES`` sentences.
WEIGHTS = {"title": 3.0, "subtitle": 2.0, "lead": 2.0, "heading": 1.5, "body": 1.0}
LEAD_SENTENCES = 2
REPEAT = 0.25
MAX_REPEATS = 4
#: The default ``--min-score``: one glossary term in the title passes, or two distinct terms in the lead
#: (or one there, repeated twice more), or three in the body. Measured (docs/following.md): on the 76
#: development articles, general news, one passes (a city partnership MOU, 업무협약 in its title); the
#: next (2.25) hold a generic term in the lead only. At 4, a heavy-ion story whose title alone names the
#: field (중입자 치료센터, 3.25) would be missed.
DEFAULT_MIN_SCORE = 3.0


@dataclass(frozen=True)
class TermScore:
    """One glossary term's share of the score: where it stands best and how often it occurs."""

    ko: str
    en: str
    where: str
    count: int
    points: float


@dataclass(frozen=True)
class Relevance:
    score: float
    terms: tuple[TermScore, ...]  # highest share first

    def term_rows(self) -> list[list]:
        """The terms as the state keeps them, a JSON list per term."""
        return [[t.ko, t.en, t.where, t.count, t.points] for t in self.terms]

    def why(self, limit: int = 5) -> str:
        """The terms behind the score, in a line: ``중입자 (title, ×3) 3.5; 양자 (lead) 2``."""
        parts = [f"{t.ko} ({t.where}{f', ×{t.count}' if t.count > 1 else ''}) {t.points:g}" for t in self.terms[:limit]]
        more = len(self.terms) - limit
        return "; ".join(parts) + (f"; {more} more" if more > 0 else "") if parts else "no glossary term"


def place(segment, lead_ids: frozenset[str]) -> str:
    if segment.kind in ("title", "subtitle", "heading"):
        return segment.kind
    return "lead" if segment.id in lead_ids else "body"


def score_article(result: Result) -> Relevance:
    """The score of a prepared article (``pipeline.prepare``: segments with their terms found)."""
    sentences = [s for s in result.segments if s.kind == "sentence"]
    lead_ids = frozenset(s.id for s in sentences[:LEAD_SENTENCES])
    found: dict[str, tuple[str, str, list[str]]] = {}
    for segment in result.segments:
        where = place(segment, lead_ids)
        for hit in segment.hits:
            key = hit.term.ko
            found.setdefault(key, (hit.term.ko, hit.term.en, []))[2].append(where)
    terms = []
    for ko, en, places in found.values():
        best = max(places, key=lambda w: WEIGHTS[w])
        points = WEIGHTS[best] + REPEAT * min(len(places) - 1, MAX_REPEATS)
        terms.append(TermScore(ko, en, best, len(places), points))
    terms.sort(key=lambda t: (-t.points, t.ko))
    return Relevance(round(sum(t.points for t in terms), 2), tuple(terms))
