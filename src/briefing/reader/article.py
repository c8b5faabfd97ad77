"""Article text → ``Article``: title, subtitle, lead, headed sections and the boilerplate set aside.

What ``read_article`` expects, by example (a pasted Korean news article)::

    일본 방문한 세종시 "중입자·양자 국제교류 물꼬"             ← title: first short line, no 다. ending
    의료복지 허브·글로벌 퀀텀시티 발전 탄력                   ← subtitle (optional)
    (세종=뉴스1) 홍길동 기자 = 세종시가 성과를 밝혔다.         ← dateline set aside; the rest is the lead
    ◇ 도시 간 교류협력 추진                                  ← heading: marker, short, followed by prose
    시 대표단은 치바현을 찾아 면담을 가졌다.                   ← paragraph of that section
    홍길동 기자 hong@news1.kr                              ← byline
    Copyright © 대전일보. 무단전재 및 재배포 금지.              ← copyright
    - 가상화폐 비트코인, 사상 첫 9만 달러 돌파 - 대전일보        ← related-article link

Every non-whitespace character lands in exactly one place: the title, the subtitle, a heading, a
paragraph or a ``Boilerplate`` record (kinds: copyright, related, byline, dateline, caption, menu,
share, timestamp, tags, duplicate, speaker, other). Nothing is dropped silently, so a reader of the
output can always see what was set aside and why.

Why line shape and context, not per-paper rules: the same marker means different things in different
papers (◇ opens a section in one and a speaker turn in another; ▲ opens a photo caption, a heading or
a list item), and unseen papers arrive every day. So a line is a heading only when it is short, has
no sentence ending, and is followed by body text; a ▲ line that reads like a caption (-고 있다, 모습,
a photo credit) is a caption; a run of short lines with the same marker is a list, kept as content.

What it gets wrong: an unmarked heading is only recognised when it is much shorter than the
paragraph after it and follows a finished sentence; a headline that ends in "다." is read as the lead;
a story sentence that is an exact repeat of an earlier one is set aside as a duplicate; a deck far
below its headline is read as body (docs/evaluation.md, "Reading articles", for the measured misses).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from briefing.model import Article, Boilerplate, Line, Section
from briefing.reader.conventions import HEADING_GOES_ON, apply_conventions
from briefing.reader.decode import decode_labels
from briefing.reader.labeller import LabelledLine, Labeller, label_lines
from briefing.reader.rows import Row, blocks, classified_rows, with_run_widths
from briefing.reader.sections import build_sections, take_headline
from briefing.reader.shapes import LineView, heading_span, open_end, squash
from briefing.sentences import line_grammar

__all__ = ["heading_span", "read_article", "rows_as_read"]


def read_article(
    text: str,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    headings: Sequence[str] = (),
    model: "Labeller | None" = None,
) -> Article:
    """Split ``text`` into title, subtitle, sections and boilerplate, with offsets into ``text``.

    Four steps. The rules read each line alone (``chrome.classify``: menus, timestamps, bylines,
    captions…) and then in context (datelines at the start of a paragraph, related-article blocks,
    repeated lines, the headline-shaped lines before the body, marked or short headings). The
    line labeller (``labeller.py``) weighs what the rules said with the shape and place of every line;
    ``decode.py`` settles the page's top (one title above its story, a deck under it) and
    ``conventions.py`` applies what the labeller has seen too rarely to learn (numbered
    questions, wrapped sentences, story bullets, links after the copyright). On 48 real captures the
    rules alone found 27 titles, the labeller fitted without each capture's site 42, all four steps
    48 (docs/evaluation.md, "Reading articles"). Last, content lines are joined into paragraphs (hard-wrapped
    lines carry on) and cut into sections at the headings. Every step is linear in the lines, but
    for the comparison of a page's top lines with each other.

    ``title``, ``subtitle`` and ``headings`` are what a structured source already knows (a saved web
    page's <h1>, deck and subheads, see ``page.py``): a line equal to one of them takes that part,
    and the labeller only tells boilerplate from body. ``model`` replaces the shipped labeller
    (cross-validation in ``scripts/train_lines.py``).
    """
    rows, partial = classified_rows(text)
    rows, views = rows_as_read(text, rows)
    lines = tuple(LabelledLine(row, view, p) for row, view, p in zip(rows, views, label_lines(views, model)))
    hinted = title is not None or bool(headings)
    labels = _hinted_labels(lines, title, subtitle, headings) if hinted else decode_labels(lines)
    labels = apply_conventions(lines, labels, hinted=hinted)
    return _assemble(text, rows, labels, partial)


def rows_as_read(text: str, rows: Sequence[Row]) -> tuple[tuple[Row, ...], list[LineView]]:
    """The rows with what kiwipiepy says of where each stops, and what the labeller sees of them, as
    both reading and the labeller's fit (``scripts/evaluation/labeller_fit.py``) take them."""
    views = line_views(text, rows)
    # where kiwipiepy sees a line stop on a connective, the rows that join paragraphs learn it
    rows = tuple(replace(row, open_end=open_end(view)) for row, view in zip(rows, views))
    rows, views = _close_spaced_wraps(rows, views)
    return with_run_widths(rows), views


#: Lines that stop mid-sentence right before a blank line, from which a page is read as one that
#: leaves a blank line between the lines of a wrapped sentence.
SPACED_WRAPS_MIN = 3


def _close_spaced_wraps(rows: Sequence[Row], views: Sequence[LineView]) -> tuple[tuple[Row, ...], list[LineView]]:
    """Broadcast scripts copied with a blank line after every line (a portal's copy of a report, a
    station's script page): "지난 50년 동안 … 심장" / blank / "역할을 톡톡히 해온 …". Each piece of a
    sentence stood alone, as a paragraph, a sentence to translate, even a heading. Where at least
    ``SPACED_WRAPS_MIN`` lines stop on a connective or a particle right before one blank line, one
    blank line is a line break and two or more a paragraph break: the lines are renumbered so, and
    everything that tells adjacent lines (joining paragraphs, the labeller's view of wrapping, the
    conventions) reads the page as written. ``g09`` of the 76 captures is written so (13 such
    lines); no other capture has more than one."""
    spaced = sum(1 for a, b in zip(rows, rows[1:]) if a.open_end and b.line == a.last_line + 2)
    if spaced < SPACED_WRAPS_MIN:
        return tuple(rows), list(views)
    new_rows, new_views, shift = [], [], 0
    for k, (row, view) in enumerate(zip(rows, views)):
        if k and row.line - rows[k - 1].last_line >= 2:
            shift += 1  # one blank line fewer before this row
        new_rows.append(replace(row, line=row.line - shift, last_line=row.last_line - shift))
        new_views.append(replace(view, line=view.line - shift))
    return tuple(new_rows), new_views


def line_views(text: str, rows: Sequence[Row]) -> list[LineView]:
    """What the labeller sees: each row with the rules' reading of it (structure or boilerplate kind)."""
    rule = [row.kind or "body" for row in rows]
    content = [i for i, row in enumerate(rows) if row.kind is None]
    by_start = {rows[i].start: i for i in content}
    title, subtitle, body = take_headline(text, [rows[i] for i in content])
    if title is not None:
        rule[by_start[title.start]] = "title"
    if subtitle is not None:
        for i in content:
            if subtitle.start <= rows[i].start < subtitle.end:
                rule[i] = "subtitle"
    for section in build_sections(text, body):
        if section.heading is not None:
            rule[by_start[section.heading.start]] = "heading"
    grammar = line_grammar([row.ko for row in rows])
    return [LineView(row.ko, row.line, rule[i], row.prose, row.marker, *grammar[i]) for i, row in enumerate(rows)]


def _hinted_labels(lines: Sequence[LabelledLine], title: str | None, subtitle: str | None,
                   headings: Sequence[str]) -> tuple[str, ...]:
    """Known parts by equality; for the other lines the labeller only tells boilerplate from body."""
    wanted = {"title": squash(title) if title else None, "subtitle": squash(subtitle) if subtitle else None}
    known = frozenset(squash(h) for h in headings)
    labels = []
    for line in lines:
        key, p = squash(line.row.ko), line.probabilities
        part = next((k for k, v in wanted.items() if v and v == key), None)
        if part is not None:
            wanted[part] = None
            labels.append(part)
        elif key in known:
            labels.append("heading")
        else:
            labels.append("boilerplate" if p["boilerplate"] > p["body"] + p["heading"] else "body")
    return tuple(labels)


def _assemble(text: str, rows: Sequence[Row], labels: Sequence[str], partial: Sequence[Boilerplate]) -> Article:
    """The Article from one label per row; boilerplate keeps the rules' kind where they named one."""
    boilerplate = list(partial)
    title = None
    subtitle_rows: list[Row] = []
    last_subtitle = -1
    body: list[tuple[Row, bool]] = []
    for i, (row, label) in enumerate(zip(rows, labels)):
        if label == "boilerplate":
            boilerplate.append(Boilerplate(row.ko, row.start, row.end, row.kind or "other"))
        elif label == "title" and title is None:
            title = row.as_line()
        elif label == "subtitle" and (not subtitle_rows or last_subtitle + 1 == i):
            subtitle_rows.append(row)  # one deck: the run of rows, nothing between them
            last_subtitle = i
        elif label == HEADING_GOES_ON and body and body[-1][1]:
            # a question wrapped over lines: one heading from its first line to this one
            above = body[-1][0]
            body[-1] = (replace(above, end=row.end, ko=text[above.start : row.end], last_line=row.line), True)
        else:
            body.append((row, label == "heading"))
    subtitle = None
    if subtitle_rows:
        first, last = subtitle_rows[0], subtitle_rows[-1]
        subtitle = Line(text[first.start : last.end], first.start, last.end)
    boilerplate.sort(key=lambda b: b.start)
    return Article(text=text, title=title, subtitle=subtitle, sections=_sections(text, body),
                   boilerplate=tuple(boilerplate))


def _sections(text: str, body: list[tuple[Row, bool]]) -> tuple[Section, ...]:
    """Paragraphs (hard-wrapped lines joined) between the headings."""
    sections: list[Section] = []
    heading: Line | None = None
    group: list[Row] = []
    paragraphs: list[Line] = []

    def flush_group() -> None:
        if group:
            paragraphs.extend(b.as_line() for b in blocks(text, group))
            group.clear()

    for row, is_heading in body:
        if is_heading:
            flush_group()
            if heading is not None or paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = row.as_line(), []
        else:
            group.append(row)
    flush_group()
    if heading is not None or paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)

