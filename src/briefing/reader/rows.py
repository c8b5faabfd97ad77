"""An article's lines as rows, and what the rules make of them in context: boilerplate kinds, datelines
split off, related-link blocks, repeats, and hard-wrapped lines joined into paragraphs.

Why apart from ``chrome``: these rules need a line's neighbours (a block after a 관련기사 header, a
line printed twice, a sentence wrapped over two lines), where ``chrome`` reads a line alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Boilerplate, Line
from briefing.reader.chrome import classify
from briefing.reader.shapes import DATELINE, INTERVIEW_TURN, STRONG_MARKERS, ends_complete, marker_of, reads_as_prose

__all__ = ["Row", "adjacent", "blocks", "classified_rows", "continues"]

#: A repeated line shorter than this (e.g. "(끝)") is not called a duplicate.
DUPLICATE_MIN = 8
#: A line shorter than this that lacks a sentence ending is not joined to the next one: it is a
#: list item or a label, not a hard-wrapped piece of a sentence.
WRAP_MIN = 20
#: ... and at least this share of the next line's length (wrapped lines are of similar width).
WRAP_RATIO = 0.8


@dataclass
class Row:
    """A non-blank line during reading; ``kind`` None means story content."""

    line: int  # physical line number, to tell adjacent lines from separated ones
    start: int
    end: int
    ko: str
    kind: str | None = None
    related_header: bool = False
    prose: bool = False
    qa: bool = False
    marker: str | None = None
    last_line: int = -1  # last physical line of a joined (hard-wrapped) block
    after_dateline: bool = False  # the line's dateline prefix was set aside; a paragraph starts here
    open_end: bool = False  # stops on a connective or a particle (kiwipiepy): the sentence goes on

    def __post_init__(self) -> None:
        if self.last_line < 0:
            self.last_line = self.line

    def as_line(self) -> Line:
        return Line(self.ko, self.start, self.end)


def classified_rows(text: str) -> tuple[list[Row], list[Boilerplate]]:
    """The rows with the rules' boilerplate kind (None: content), and the partial-line datelines."""
    rows = _rows(text)
    partial: list[Boilerplate] = []
    for row in rows:
        row.kind, row.related_header = classify(row.ko)
    _split_datelines(rows, partial)
    for row in rows:
        row.qa = bool(INTERVIEW_TURN.match(row.ko))
        row.prose = row.qa or reads_as_prose(row.ko)
        row.marker = marker_of(row.ko)
    _mark_related_blocks(rows)
    _mark_duplicates(rows)
    return rows, partial


def _rows(text: str) -> list[Row]:
    rows = []
    pos = 0
    for number, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            rows.append(Row(number, start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return rows


# ---- passes that need context ---------------------------------------------------------------------


def _split_datelines(rows: list[Row], boilerplate: list[Boilerplate]) -> None:
    for row in rows:
        if row.kind is not None:
            continue
        match = DATELINE.match(row.ko)
        if not match:
            continue
        prefix = row.ko[: match.end()].rstrip()
        rest = row.ko[match.end() :]
        if not rest.strip():
            row.kind = "byline"  # "(대전=뉴스1) 홍길동 기자" alone on its line
            continue
        boilerplate.append(Boilerplate(prefix, row.start, row.start + len(prefix), "dateline"))
        skip = match.end() + (len(rest) - len(rest.lstrip()))
        row.start += skip
        row.ko = row.ko[skip:]
        row.after_dateline = True


def _mark_related_blocks(rows: list[Row]) -> None:
    """Headline-like lines after a 관련기사 header are links, until the story resumes."""
    in_block = False
    for row in rows:
        if row.related_header:
            in_block = True
        elif row.kind is None and in_block:
            if row.prose or (row.marker is not None and row.marker in STRONG_MARKERS + "【"):
                in_block = False
            else:
                row.kind = "related"


def _mark_duplicates(rows: list[Row]) -> None:
    """A line repeated verbatim (a caption pasted twice, the headline again above the body)."""
    seen: set[str] = set()
    for row in rows:
        if row.kind not in (None, "caption") or row.qa or len(row.ko) < DUPLICATE_MIN:
            continue
        if row.ko in seen:
            row.kind = "duplicate"
        else:
            seen.add(row.ko)


def adjacent(a: Row, b: Row) -> bool:
    return b.line == a.last_line + 1


def continues(prev: Row, row: Row) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence and this one carries on.

    Wrapped lines are about as long as each other (the last one may be shorter); a headline above
    a one-line paragraph is much shorter than it, so the two are not joined. A broadcast script wraps
    at 15–20 characters whatever the sentence, so there a line that stops on a connective ending or a
    particle (…높아지지만, …환자 유치를) carries on, however short.
    """
    wrapped = prev.open_end or (
        len(prev.ko) >= WRAP_MIN and len(prev.ko) >= WRAP_RATIO * len(row.ko) and not ends_complete(prev.ko)
    )
    return (
        adjacent(prev, row)
        and wrapped
        and row.marker is None
        and not row.qa
        and not row.after_dateline
    )


def blocks(text: str, rows: list[Row]) -> list[Row]:
    """Join hard-wrapped lines into one row per paragraph; a block is prose if any line is."""
    blocks: list[Row] = []
    group: list[Row] = []
    for row in rows:
        if group and not continues(group[-1], row):
            blocks.append(_merge(text, group))
            group = []
        group.append(row)
    if group:
        blocks.append(_merge(text, group))
    return blocks


def _merge(text: str, group: list[Row]) -> Row:
    if len(group) == 1:
        return group[0]
    first, last = group[0], group[-1]
    return Row(
        first.line,
        first.start,
        last.end,
        text[first.start : last.end],
        prose=any(r.prose for r in group),
        qa=first.qa,
        marker=first.marker,
        last_line=last.line,
    )


