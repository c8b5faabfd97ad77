"""An article's lines as rows, and what the rules make of them in context: boilerplate kinds, datelines
split off, related-link blocks, repeats, and hard-wrapped lines joined into paragraphs.

Why apart from ``chrome``: these rules need a line's neighbours (a block after a 관련기사 header, a
line printed twice, a sentence wrapped over two lines), where ``chrome`` reads a line alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from briefing.model import Boilerplate, Line
from briefing.reader.chrome import classify
from briefing.reader.shapes import (
    CLOSES_QUOTATION, COPYRIGHT, COPYRIGHT_TAIL, DATELINE, ENDS_ON_A_TIME, INTERVIEW_TURN, OUTLET_TAG,
    SIGNATURE_TAIL, STRONG_MARKERS, ends_complete, marker_of, reads_as_prose,
)

__all__ = ["Row", "adjacent", "blocks", "classified_rows", "continues", "with_run_widths"]

#: A repeated line shorter than this (e.g. "(끝)") is not called a duplicate.
DUPLICATE_MIN = 8
#: A line shorter than this that lacks a sentence ending is not joined to the next one: it is a
#: list item or a label, not a hard-wrapped piece of a sentence.
WRAP_MIN = 20
#: ... and at least this share of the next line's length (wrapped lines are of similar width).
WRAP_RATIO = 0.8
#: ... and at least this share of the median length of the lines that end a sentence among the lines
#: touching it (``Row.run_width``): a page wrapped by hand wraps every line at about one width, the last
#: line of a paragraph shorter. A headline or deck line pasted right above a lead whose lines run to 100
#: characters and more is no piece of it, however close in length to the lead's first line. The median,
#: not the longest: a script wrapped at 20 characters keeps its wraps beside one line it left long.
RUN_RATIO = 0.6
#: Lines a quotation left open at a paragraph's end may run on over, the closing one included.
QUOTE_RUN_MAX = 3


@dataclass(frozen=True)
class Row:
    """A non-blank line during reading; ``kind`` None means story content. Each pass of the rules
    makes new rows (``dataclasses.replace``), so a row a later stage holds never changes under it."""

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
    run_width: int = 0  # the usual length of the lines that end a sentence among those touching this one

    def __post_init__(self) -> None:
        if self.last_line < 0:
            object.__setattr__(self, "last_line", self.line)

    def as_line(self) -> Line:
        return Line(self.ko, self.start, self.end)


def classified_rows(text: str) -> tuple[tuple[Row, ...], tuple[Boilerplate, ...]]:
    """The rows with the rules' boilerplate kind (None: content), and the partial-line datelines."""
    rows: list[Row] = []
    partial: list[Boilerplate] = []
    for row in _rows(text):
        row, notice = _split_notice(row)  # before the rules read the line: the notice alone is chrome
        kind, related_header = classify(row.ko)
        row, dateline = _split_dateline(replace(row, kind=kind, related_header=related_header))
        row, signature = _split_tail(row, SIGNATURE_TAIL, "byline")
        partial.extend(cut for cut in (dateline, signature, notice) if cut is not None)
        qa = bool(INTERVIEW_TURN.match(row.ko))
        rows.append(replace(row, qa=qa, prose=qa or reads_as_prose(row.ko), marker=marker_of(row.ko)))
    return _mark_duplicates(_mark_related_blocks(rows)), tuple(partial)


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


def _split_dateline(row: Row) -> tuple[Row, Boilerplate | None]:
    """A content line that opens with a dateline: the row without it, and the dateline set aside."""
    if row.kind is not None:
        return row, None
    match = DATELINE.match(row.ko)
    if not match:
        match = OUTLET_TAG.match(row.ko)
        if not match or not reads_as_prose(row.ko[match.end():].strip()):
            return row, None
    prefix = row.ko[: match.end()].rstrip()
    rest = row.ko[match.end() :]
    if not rest.strip():
        return replace(row, kind="byline"), None  # "(대전=뉴스1) 홍길동 기자" alone on its line
    skip = match.end() + (len(rest) - len(rest.lstrip()))
    dateline = Boilerplate(prefix, row.start, row.start + len(prefix), "dateline")
    return replace(row, start=row.start + skip, ko=row.ko[skip:], after_dateline=True), dateline


def _split_tail(row: Row, tail: re.Pattern[str], kind: str) -> tuple[Row, Boilerplate | None]:
    """A content line that closes with chrome after its last sentence (the reporter's name, the
    copyright notice): the row without it, and the chrome set aside as ``kind``."""
    match = tail.search(row.ko) if row.kind is None else None
    if match is None or not row.ko[: match.start()].strip():
        return row, None
    kept = row.ko[: match.start()].rstrip()
    chrome = row.ko[match.start():].strip()
    at = row.start + row.ko.index(chrome, len(kept))
    return replace(row, ko=kept, end=row.start + len(kept)), Boilerplate(chrome, at, at + len(chrome), kind)


def _split_notice(row: Row) -> tuple[Row, Boilerplate | None]:
    """A paragraph with the copyright notice glued after its last sentence: the paragraph, read as
    story, and the notice set aside. Only where what is left reads as a sentence and holds no notice
    of its own: the rules would otherwise set the whole line aside as copyright, story and all."""
    kept, notice = _split_tail(row, COPYRIGHT_TAIL, "copyright")
    if notice is None or COPYRIGHT.search(kept.ko) or not reads_as_prose(kept.ko):
        return row, None
    return kept, notice


def _mark_related_blocks(rows: Sequence[Row]) -> list[Row]:
    """Headline-like lines after a 관련기사 header are links, until the story resumes; a link's teaser,
    cut off with an ellipsis ("…유럽핵입자물리연구소(CERN)는..."), does not resume it."""
    out = []
    in_block = False
    for row in rows:
        if row.related_header:
            in_block = True
        elif row.kind is None and in_block:
            teaser = row.ko.rstrip().endswith(("...", "…"))
            if (row.prose and not teaser) or (row.marker is not None and row.marker in STRONG_MARKERS + "【"):
                in_block = False
            else:
                row = replace(row, kind="related")
        out.append(row)
    return out


def _mark_duplicates(rows: Sequence[Row]) -> tuple[Row, ...]:
    """A line repeated verbatim (a caption pasted twice, the headline again above the body)."""
    out = []
    seen: set[str] = set()
    for row in rows:
        if row.kind in (None, "caption") and not row.qa and len(row.ko) >= DUPLICATE_MIN:
            if row.ko in seen:
                row = replace(row, kind="duplicate")
            else:
                seen.add(row.ko)
        out.append(row)
    return tuple(out)


def adjacent(a: Row, b: Row) -> bool:
    """The two rows touch: no blank line between them."""
    return b.line == a.last_line + 1


def continues(prev: Row, row: Row) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence and this one carries on.

    Wrapped lines are about as long as each other (the last one may be shorter); a headline above
    a one-line paragraph is much shorter than it, so the two are not joined. A broadcast script wraps
    at 15–20 characters whatever the sentence, so there a line that stops on a connective ending, a
    particle (…높아지지만, …환자 유치를) or the time of the news (…는 지난 달 27일, …은 지난해 7월) carries on,
    however short.
    """
    wrapped = prev.open_end or ENDS_ON_A_TIME.search(prev.ko) is not None or (
        len(prev.ko) >= WRAP_MIN and len(prev.ko) >= WRAP_RATIO * len(row.ko) and not ends_complete(prev.ko)
        and len(prev.ko) >= RUN_RATIO * prev.run_width
    )
    return (
        adjacent(prev, row)
        and wrapped
        and row.marker is None
        and not row.qa
        and not row.after_dateline
    )


def with_run_widths(rows: Sequence[Row]) -> tuple[Row, ...]:
    """Each row with ``run_width``: the median length of the lines that end a sentence in its run of
    touching lines (no blank line between), what ``continues`` measures a line stopping short against."""
    out: list[Row] = []
    start = 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or not adjacent(rows[k - 1], rows[k]):
            run = rows[start:k]
            ends = sorted(len(r.ko) for r in run if ends_complete(r.ko))
            width = ends[len(ends) // 2] if ends else 0
            out.extend(replace(r, run_width=width) for r in run)
            start = k
    return tuple(out)


def blocks(text: str, rows: Sequence[Row]) -> list[Row]:
    """Join hard-wrapped lines into one row per paragraph; a block is prose if any line is. A quotation
    left open runs on to the line that closes it (``_quotation_closed_at``)."""
    blocks: list[Row] = []
    group: list[Row] = []
    carried = -1  # rows up to this index belong to an open quotation's paragraph
    for k, row in enumerate(rows):
        if group and k > carried and not continues(group[-1], row):
            carried = _quotation_closed_at(group, rows, k)
            if carried < k:
                blocks.append(_merge(text, group))
                group = []
        group.append(row)
    if group:
        blocks.append(_merge(text, group))
    return blocks


def _quotation_closed_at(group: Sequence[Row], rows: Sequence[Row], k: int) -> int:
    """The index of the row that closes a quotation the paragraph ``group`` leaves open, when it is
    one of the next ``QUOTE_RUN_MAX`` rows and no other quotation mark, list marker or interview turn
    comes first; -1 otherwise.

    A page that breaks a long quotation with blank lines (a remark of several sentences in a list of
    quotes: ▲ "회장님이 바로 적폐다. …" / "회장님이 청산돼야 …" / "(국민의힘 안병길 의원, …)") left
    each piece a paragraph of its own: the attribution was translated alone and the quotation in
    pieces. The closing line is known by its mark glued to what follows it (``CLOSES_QUOTATION``),
    which an opening mark never is followed by; 2 of the 76 development captures' items are so broken
    (``g05``), and no other line of them opens so.
    """
    said = "".join(r.ko for r in group)
    if said.count('"') % 2 == 0 and said.count("“") <= said.count("”"):
        return -1
    for j in range(k, min(len(rows), k + QUOTE_RUN_MAX)):
        row = rows[j]
        if CLOSES_QUOTATION.match(row.ko) and not row.qa and not row.after_dateline:
            return j
        if any(q in row.ko for q in '"“”') or row.marker is not None or row.qa or row.after_dateline:
            return -1
    return -1


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


