"""An article's lines as rows, and what the rules make of them in context: boilerplate kinds, datelines
split off, related-link blocks, repeats, and hard-wrapped lines joined into paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.reader.chrome import _DATELINE, _PROSE_END, _QA, TITLE_MAX, classify
from briefing.model import Boilerplate, Line

#: A repeated line shorter than this (e.g. "(끝)") is not called a duplicate.
DUPLICATE_MIN = 8
#: A line shorter than this that lacks a sentence ending is not joined to the next one: it is a
#: list item or a label, not a hard-wrapped piece of a sentence.
WRAP_MIN = 20
#: ... and at least this share of the next line's length (wrapped lines are of similar width).
WRAP_RATIO = 0.8

_CLOSERS = "\"'”’」』)]>》〉»"
_SENTENCE_STOPS = ".!?。…"
# Two sentences on one line: "…했다. 이어 …".
_INNER_SENTENCE = re.compile(r"[\uac00-\ud7a3]\.\s+\S")

#: Characters that open a heading, a list item or a caption, depending on context.
_MARKERS = "◇◆■□▲△○●◎▶▷►◈▣☆★•·-–—※☞"
_STRONG = "◇◆■□◈▣"
_OPEN_CLOSE = {"[": "]", "【": "】", "<": ">", "〈": "〉", "《": "》", "「": "」"}
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")


@dataclass
class _Row:
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


def classified_rows(text: str) -> tuple[list[_Row], list[Boilerplate]]:
    """The rows with the rules' boilerplate kind (None: content), and the partial-line datelines."""
    rows = _rows(text)
    partial: list[Boilerplate] = []
    for row in rows:
        row.kind, row.related_header = classify(row.ko)
    _split_datelines(rows, partial)
    for row in rows:
        row.qa = bool(_QA.match(row.ko))
        row.prose = row.qa or _is_prose(row.ko)
        row.marker = _marker(row.ko)
    _mark_related_blocks(rows)
    _mark_duplicates(rows)
    return rows, partial


def _rows(text: str) -> list[_Row]:
    rows = []
    pos = 0
    for number, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            rows.append(_Row(number, start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return rows


def _is_prose(s: str) -> bool:
    """Body text: too long for a headline, or ends like a Korean sentence (…했다.)."""
    return len(s) > TITLE_MAX or bool(_PROSE_END.search(s)) or bool(_INNER_SENTENCE.search(s))


def _is_complete(s: str) -> bool:
    """The line ends a sentence or a quotation, so the next line is not its continuation."""
    if s[-1] in _CLOSERS:
        return True
    return s[-1] in _SENTENCE_STOPS or s[-1] in "다요죠까"


def _marker(s: str) -> str | None:
    first = s[0]
    if first in _MARKERS:
        return first
    close = _OPEN_CLOSE.get(first)
    if close is not None and s.endswith(close):
        return first  # the whole line in brackets: 【 세종시 도시브랜드 홍보 】
    if close is not None and close in s:
        return "tag"  # [단독] …, [인터뷰] …
    if _NUMBERED.match(s):
        return "num"
    return None


def heading_span(heading: str) -> tuple[int, int]:
    """Where the words of a heading line are once its marker is set aside: ◇, ■, 【 】, 《 》 are layout,
    not text to translate.

    The markers are the ones ``_marker`` reads, so a heading loses exactly what made it one; a line that
    is nothing but a marker keeps it (the model then gets the line as it is).
    """
    start, end = 0, len(heading)
    while start < end and heading[start].isspace():
        start += 1
    while end > start and heading[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return start, end
    close = _OPEN_CLOSE.get(heading[start])
    if close is not None and heading[end - 1] == close:
        inner_start, inner_end = start + 1, end - 1
    else:
        inner_start, inner_end = start, end
        while inner_start < end and (heading[inner_start] in _MARKERS or heading[inner_start].isspace()):
            inner_start += 1
    while inner_start < inner_end and heading[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and heading[inner_end - 1].isspace():
        inner_end -= 1
    return (inner_start, inner_end) if inner_start < inner_end else (start, end)


# ---- passes that need context ---------------------------------------------------------------------


def _split_datelines(rows: list[_Row], boilerplate: list[Boilerplate]) -> None:
    for row in rows:
        if row.kind is not None:
            continue
        match = _DATELINE.match(row.ko)
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


def _mark_related_blocks(rows: list[_Row]) -> None:
    """Headline-like lines after a 관련기사 header are links, until the story resumes."""
    in_block = False
    for row in rows:
        if row.related_header:
            in_block = True
        elif row.kind is None and in_block:
            if row.prose or (row.marker is not None and row.marker in _STRONG + "【"):
                in_block = False
            else:
                row.kind = "related"


def _mark_duplicates(rows: list[_Row]) -> None:
    """A line repeated verbatim (a caption pasted twice, the headline again above the body)."""
    seen: set[str] = set()
    for row in rows:
        if row.kind not in (None, "caption") or row.qa or len(row.ko) < DUPLICATE_MIN:
            continue
        if row.ko in seen:
            row.kind = "duplicate"
        else:
            seen.add(row.ko)


def adjacent(a: _Row, b: _Row) -> bool:
    return b.line == a.last_line + 1


def continues(prev: _Row, row: _Row) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence and this one carries on.

    Wrapped lines are about as long as each other (the last one may be shorter); a headline above
    a one-line paragraph is much shorter than it, so the two are not joined. A broadcast script wraps
    at 15–20 characters whatever the sentence, so there a line that stops on a connective ending or a
    particle (…높아지지만, …환자 유치를) carries on, however short.
    """
    wrapped = prev.open_end or (
        len(prev.ko) >= WRAP_MIN and len(prev.ko) >= WRAP_RATIO * len(row.ko) and not _is_complete(prev.ko)
    )
    return (
        adjacent(prev, row)
        and wrapped
        and row.marker is None
        and not row.qa
        and not row.after_dateline
    )


def blocks(text: str, rows: list[_Row]) -> list[_Row]:
    """Join hard-wrapped lines into one row per paragraph; a block is prose if any line is."""
    blocks: list[_Row] = []
    group: list[_Row] = []
    for row in rows:
        if group and not continues(group[-1], row):
            blocks.append(_merge(text, group))
            group = []
        group.append(row)
    if group:
        blocks.append(_merge(text, group))
    return blocks


def _merge(text: str, group: list[_Row]) -> _Row:
    if len(group) == 1:
        return group[0]
    first, last = group[0], group[-1]
    return _Row(
        first.line,
        first.start,
        last.end,
        text[first.start : last.end],
        prose=any(r.prose for r in group),
        qa=first.qa,
        marker=first.marker,
        last_line=last.line,
    )


