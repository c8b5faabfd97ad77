"""The rules' reading of headline, deck and headings from the shape of lines alone: one of the things the
line labeller weighs (``shapes.LineView.rule``), never the last word."""

from __future__ import annotations

from briefing.model import Line, Section
from briefing.reader.rows import Row, adjacent, blocks, continues
from briefing.reader.shapes import DASHES, HEADING_MAX, LIST_COMMAS, UNMARKED_HEADING_MAX, ends_complete, hangul_count

__all__ = ["build_sections", "take_headline"]


def take_headline(text: str, content: list[Row]) -> tuple[Line | None, Line | None, list[Row]]:
    """Title and subtitle: the headline-shaped lines before the first paragraph of body text.
    Lines with no Korean word at the top ("11.16 (토)", "Skip to content") are passed over: a
    Korean paper's headline is written in Korean."""
    skipped = 0
    while skipped < len(content) and not content[skipped].prose and hangul_count(content[skipped].ko) < 2:
        skipped += 1
    before, content = content[:skipped], content[skipped:]
    heads: list[Row] = []
    for index, row in enumerate(content):
        if row.marker is not None and row.marker not in ("tag", *DASHES, "·", "…"):
            break
        if _starts_prose(content, index):
            break
        heads.append(row)
    if len(heads) == len(content) and len(heads) > 2:
        heads = heads[:2]  # only short lines, no prose: keep the rest as paragraphs
    if not heads:
        return None, None, before + content
    title = heads[0].as_line()
    subtitle = None
    used = 1
    if len(heads) > 1:
        first = last = heads[1]
        used = 2
        while used < len(heads) and adjacent(last, heads[used]):
            last = heads[used]
            used += 1
        subtitle = Line(text[first.start : last.end], first.start, last.end)
    return title, subtitle, before + content[used:]



def _starts_prose(content: list[Row], index: int) -> bool:
    """The row, with the lines it wraps into, is body text (a lead with no headline above it)."""
    row = content[index]
    while True:
        if row.prose:
            return True
        index += 1
        if index >= len(content) or not continues(row, content[index]):
            return False
        row = content[index]


def _is_heading(block: Row, prev: Row | None, nxt: Row | None) -> bool:
    """One short line, no sentence ending, and followed by body text."""
    if block.prose or block.last_line != block.line or nxt is None or not nxt.prose:
        return False
    marker = block.marker
    if marker is not None and marker not in ("tag", "num"):
        if len(block.ko) > HEADING_MAX:
            return False
        # A run of short lines with the same marker is a list (▲ 1단계 … ▲ 2단계 …), not headings.
        return not (prev is not None and prev.marker == marker and not prev.prose)
    return (
        len(block.ko) <= UNMARKED_HEADING_MAX
        and prev is not None
        and prev.prose
        and ends_complete(prev.ko)
        and len(nxt.ko) >= 2 * len(block.ko)
        and block.ko[-1] not in LIST_COMMAS
    )


def build_sections(text: str, body: list[Row]) -> tuple[Section, ...]:
    sections: list[Section] = []
    heading: Line | None = None
    paragraphs: list[Line] = []
    joined = blocks(text, body)
    for index, block in enumerate(joined):
        prev = joined[index - 1] if index else None
        nxt = joined[index + 1] if index + 1 < len(joined) else None
        if _is_heading(block, prev, nxt):
            if heading is not None or paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = block.as_line(), []
        else:
            paragraphs.append(block.as_line())
    if heading is not None or paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)
