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
a story sentence that is an exact repeat of an earlier one is set aside as a duplicate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .chrome import _DATELINE, _PROSE_END, _QA, TITLE_MAX, classify
from .lines import Labeller, LineView, label_lines, open_end
from .model import Article, Boilerplate, Line, Section
from .sentences import line_grammar

#: Longest heading line (marker included). Section headings in Korean news are 5–40 characters.
HEADING_MAX = 60
#: An unmarked line is taken as a heading only when this short (and followed by a longer paragraph).
UNMARKED_HEADING_MAX = 30
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


def read_article(
    text: str,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    headings: Sequence[str] = (),
    model: "Labeller | None" = None,
) -> Article:
    """Split ``text`` into title, subtitle, sections and boilerplate, with offsets into ``text``.

    Three steps. The rules read each line alone (``chrome.classify``: menus, timestamps, bylines,
    captions…) and then in context (datelines at the start of a paragraph, related-article blocks,
    repeated lines, the headline-shaped lines before the body, marked or short headings). The
    line labeller (``lines.py``) then weighs what the rules said with the shape and place of every
    line and decides; on 48 real captures the rules alone found 27 titles, the labeller fitted
    without each capture's site 42 (README, "Reading articles"). Last, content lines are joined into paragraphs (hard-wrapped
    lines carry on) and cut into sections at the headings. Every step is linear in the lines.

    ``title``, ``subtitle`` and ``headings`` are what a structured source already knows (a saved web
    page's <h1>, deck and subheads, see ``page.py``): a line equal to one of them takes that part,
    and the labeller only tells boilerplate from body. ``model`` replaces the shipped labeller
    (cross-validation in ``scripts/train_lines.py``).
    """
    rows, partial = _classified_rows(text)
    views = line_views(text, rows)
    for row, view in zip(rows, views):
        row.open_end = open_end(view)
    probabilities = label_lines(views, model)
    if title is not None or headings:
        labels = _hinted_labels(rows, probabilities, title, subtitle, headings)
    else:
        labels = decode_labels(probabilities, [_can_be_title(rows, i) for i in range(len(rows))])
    for i, (view, p) in enumerate(zip(views, probabilities)):
        if labels[i] == "boilerplate" and view.rule == "body" and view.prose and view.finals \
                and p["boilerplate"] < PROSE_KEEP:
            labels[i] = "body"
        elif view.rule == "segment" and labels[i] != "title":
            # A broadcast script's part marker ([앵커], ◀VCR▶) opens a section by convention; each
            # station spells it its own way, so the labeller, which has seen few, is not asked.
            labels[i] = "heading"
    return _assemble(text, rows, labels, partial)


def _classified_rows(text: str) -> tuple[list[_Row], list[Boilerplate]]:
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


def line_views(text: str, rows: list[_Row]) -> list[LineView]:
    """What the labeller sees: each row with the rules' reading of it (structure or boilerplate kind)."""
    rule = [row.kind or "body" for row in rows]
    content = [i for i, row in enumerate(rows) if row.kind is None]
    by_start = {rows[i].start: i for i in content}
    title, subtitle, body = _take_headline(text, [rows[i] for i in content])
    if title is not None:
        rule[by_start[title.start]] = "title"
    if subtitle is not None:
        for i in content:
            if subtitle.start <= rows[i].start < subtitle.end:
                rule[i] = "subtitle"
    for section in _build_sections(text, body):
        if section.heading is not None:
            rule[by_start[section.heading.start]] = "heading"
    grammar = line_grammar([row.ko for row in rows])
    return [LineView(row.ko, row.line, rule[i], row.prose, row.marker, *grammar[i]) for i, row in enumerate(rows)]


#: A line the rules read as a story sentence (it ends in a sentence-final ending) is set aside only
#: when the labeller is this sure: a story sentence lost costs a reader more than a chrome sentence
#: kept. Cross-validated, the guard costs 0.001 F1 (README, "Reading articles").
PROSE_KEEP = 0.8
#: Below this probability no line is the title: the paste starts at the lead (fitted with the model).
TITLE_MIN = 0.2


def _can_be_title(rows: list[_Row], i: int) -> bool:
    """A story sentence (…했다.) or the first line of a hard-wrapped sentence is never the headline,
    however likely the labeller finds it: on a three-line paste it cannot tell them apart."""
    row = rows[i]
    if _PROSE_END.search(row.ko) or _INNER_SENTENCE.search(row.ko):
        return False
    if sum("\uac00" <= ch <= "\ud7a3" for ch in row.ko) < 2:
        return False  # "Skip to main content": a Korean paper's headline is written in Korean
    nxt = rows[i + 1] if i + 1 < len(rows) else None
    return not (nxt is not None and row.kind is None and nxt.kind is None and _continues(row, nxt) and nxt.prose)


def decode_labels(probabilities: Sequence[dict[str, float]], titleable: Sequence[bool] | None = None) -> list[str]:
    """One label per line: the most likely, except that there is at most one title (the likeliest
    line that can be one, when likely enough) and a subtitle only as the lines right under it."""
    def best(p: dict[str, float], without: tuple[str, ...]) -> str:
        return max((k for k in p if k not in without), key=p.get)

    labels = [best(p, ("title", "subtitle")) for p in probabilities]
    if not probabilities:
        return labels
    candidates = [i for i in range(len(probabilities)) if titleable is None or titleable[i]]
    if not candidates:
        return labels
    top = max(candidates, key=lambda i: probabilities[i]["title"])
    if probabilities[top]["title"] < TITLE_MIN:
        return labels
    labels[top] = "title"
    i = top + 1
    while i < len(probabilities) and best(probabilities[i], ("title",)) == "subtitle":
        labels[i] = "subtitle"
        i += 1
    return labels


def _hinted_labels(rows, probabilities, title, subtitle, headings) -> list[str]:
    """Known parts by equality; for the other lines the labeller only tells boilerplate from body."""
    wanted = {"title": _squash(title) if title else None, "subtitle": _squash(subtitle) if subtitle else None}
    known = frozenset(_squash(h) for h in headings)
    labels = []
    for row, p in zip(rows, probabilities):
        key = _squash(row.ko)
        part = next((k for k, v in wanted.items() if v and v == key), None)
        if part is not None:
            wanted[part] = None
            labels.append(part)
        elif key in known:
            labels.append("heading")
        else:
            labels.append("boilerplate" if p["boilerplate"] > p["body"] + p["heading"] else "body")
    return labels


def _assemble(text: str, rows: list[_Row], labels: Sequence[str], partial: list[Boilerplate]) -> Article:
    """The Article from one label per row; boilerplate keeps the rules' kind where they named one."""
    boilerplate = list(partial)
    title = None
    subtitle_rows: list[_Row] = []
    last_subtitle = -1
    body: list[tuple[_Row, bool]] = []
    for i, (row, label) in enumerate(zip(rows, labels)):
        if label == "boilerplate":
            boilerplate.append(Boilerplate(row.ko, row.start, row.end, row.kind or "other"))
        elif label == "title" and title is None:
            title = row.as_line()
        elif label == "subtitle" and (not subtitle_rows or last_subtitle + 1 == i):
            subtitle_rows.append(row)  # one deck: the run of rows, nothing between them
            last_subtitle = i
        else:
            body.append((row, label == "heading"))
    subtitle = None
    if subtitle_rows:
        first, last = subtitle_rows[0], subtitle_rows[-1]
        subtitle = Line(text[first.start : last.end], first.start, last.end)
    boilerplate.sort(key=lambda b: b.start)
    return Article(text=text, title=title, subtitle=subtitle, sections=_sections(text, body),
                   boilerplate=tuple(boilerplate))


def _sections(text: str, body: list[tuple[_Row, bool]]) -> tuple[Section, ...]:
    """Paragraphs (hard-wrapped lines joined) between the headings."""
    sections: list[Section] = []
    heading: Line | None = None
    group: list[_Row] = []
    paragraphs: list[Line] = []

    def flush_group() -> None:
        if group:
            paragraphs.extend(b.as_line() for b in _blocks(text, group))
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


# ---- lines -----------------------------------------------------------------------------------------


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


def _adjacent(a: _Row, b: _Row) -> bool:
    return b.line == a.last_line + 1


def _continues(prev: _Row, row: _Row) -> bool:
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
        _adjacent(prev, row)
        and wrapped
        and row.marker is None
        and not row.qa
        and not row.after_dateline
    )


def _blocks(text: str, rows: list[_Row]) -> list[_Row]:
    """Join hard-wrapped lines into one row per paragraph; a block is prose if any line is."""
    blocks: list[_Row] = []
    group: list[_Row] = []
    for row in rows:
        if group and not _continues(group[-1], row):
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


def _take_headline(text: str, content: list[_Row]) -> tuple[Line | None, Line | None, list[_Row]]:
    """Title and subtitle: the headline-shaped lines before the first paragraph of body text."""
    heads: list[_Row] = []
    for index, row in enumerate(content):
        if row.marker is not None and row.marker not in ("tag", "-", "–", "—", "·", "…"):
            break
        if _starts_prose(content, index):
            break
        heads.append(row)
    if len(heads) == len(content) and len(heads) > 2:
        heads = heads[:2]  # only short lines, no prose: keep the rest as paragraphs
    if not heads:
        return None, None, content
    title = heads[0].as_line()
    subtitle = None
    used = 1
    if len(heads) > 1:
        first = last = heads[1]
        used = 2
        while used < len(heads) and _adjacent(last, heads[used]):
            last = heads[used]
            used += 1
        subtitle = Line(text[first.start : last.end], first.start, last.end)
    return title, subtitle, content[used:]


def _squash(s: str) -> str:
    return "".join(s.split())


def _starts_prose(content: list[_Row], index: int) -> bool:
    """The row, with the lines it wraps into, is body text (a lead with no headline above it)."""
    row = content[index]
    while True:
        if row.prose:
            return True
        index += 1
        if index >= len(content) or not _continues(row, content[index]):
            return False
        row = content[index]


def _is_heading(block: _Row, prev: _Row | None, nxt: _Row | None) -> bool:
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
        and _is_complete(prev.ko)
        and len(nxt.ko) >= 2 * len(block.ko)
        and block.ko[-1] not in ",，、"
    )


def _build_sections(text: str, body: list[_Row]) -> tuple[Section, ...]:
    sections: list[Section] = []
    heading: Line | None = None
    paragraphs: list[Line] = []
    blocks = _blocks(text, body)
    for index, block in enumerate(blocks):
        prev = blocks[index - 1] if index else None
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if _is_heading(block, prev, nxt):
            if heading is not None or paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = block.as_line(), []
        else:
            paragraphs.append(block.as_line())
    if heading is not None or paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)
