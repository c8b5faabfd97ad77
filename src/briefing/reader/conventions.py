"""What the line labeller has seen too rarely to learn, applied after it: conventions that hold on
every Korean news site (numbered interview questions head sections, a sentence hard-wrapped over
short lines is one thing, a long bullet inside the story is a list item, headlines after the
copyright are links, a ▲ line printed twice is a caption, a speaker label is not a heading).

Why rules here and a model elsewhere: each convention turned up on a handful of the 48 annotated
captures, too few for the labeller to weigh it on a site it has not seen, and each is how Korean
pages are written in general, not how one site lays itself out.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from briefing.reader.rows import Row
from briefing.reader.shapes import (
    ASKS, ENDS_STOP_OR_BRACE, FINISHED, LABEL_ENDS, QA, STATES, STORY_BULLET_MIN, STORY_BULLETS, TRIANGLES, UI_WORDS,
    LineView, caption_shape, hangul_count, number_of, numbering, squash, ui_sentence,
)

__all__ = ["PROSE_KEEP", "apply_conventions", "numbered_headings", "numbered_list"]


#: A line the rules read as a story sentence (it ends in a sentence-final ending) is set aside only
#: when the labeller is this sure: a story sentence lost costs a reader more than a chrome sentence
#: kept. Cross-validated, the guard gains 0.001 F1 (0.957 without it).
PROSE_KEEP = 0.8


#: What the rules name with certainty is never a heading, however a heading's shape it has.
_NEVER_HEADING = frozenset({"speaker", "other", "timestamp", "copyright", "byline", "menu", "share"})
#: Numbers with no label around them: "1.", "2)", 첫 번째.
_PLAIN = ("#.", "#)", "ordinal")


def apply_conventions(rows: list[Row], views: Sequence[LineView], labels: list[str],
                      probabilities: Sequence[dict[str, float]], hinted: bool = False) -> None:
    """Correct ``labels`` in place where a convention of news pages says otherwise. ``hinted``: the
    parts came from a saved page's markup, so its headings are not second-guessed."""
    counts = Counter(squash(view.ko) for view in views)
    for i, (view, p) in enumerate(zip(views, probabilities)):
        if labels[i] == "boilerplate" and view.rule == "body" and view.prose and view.finals \
                and p["boilerplate"] < PROSE_KEEP and not ui_sentence(view.ko):
            labels[i] = "body"
        elif labels[i] in ("boilerplate", "heading") and rows[i].after_dateline:
            labels[i] = "body"  # "(서울=뉴스1) 홍길동 기자 = …": what follows a dateline is the lead
        elif view.rule == "segment" and labels[i] != "title":
            # A broadcast script's part marker ([앵커], ◀VCR▶) opens a section by convention; each
            # station spells it its own way, so the labeller, which has seen few, is not asked.
            labels[i] = "heading"
        elif view.rule == "caption" and labels[i] in ("body", "heading") and caption_shape(view.ko):
            labels[i] = "boilerplate"  # ▲ … 기념촬영을 하고 있다. [군 제공]: the labeller has seen few
        elif view.rule in _NEVER_HEADING and labels[i] == "heading":
            # [홍길동, 상인] is shaped like a heading, ◀END▶ like a part marker: they name who speaks,
            # close a part, date the page
            labels[i] = "boilerplate"
        elif labels[i] == "heading" and rows[i].open_end and rows[i].marker is None and not QA.match(view.ko) \
                and i + 1 < len(rows) and rows[i + 1].line == rows[i].line + 1 and rows[i + 1].kind is None:
            labels[i] = "body"  # "의료의 질은 높아지지만" runs on into the next line: not a heading
        elif labels[i] == "heading" and number_of(view.ko) is not None and not QA.match(view.ko) \
                and FINISHED.search(view.ko) and not ASKS.search(view.ko):
            labels[i] = "body"  # "첫 번째 변화는 ‘…’입니다.": a numbered point made in a sentence
        elif labels[i] == "body" and view.ko[0] in TRIANGLES and counts[squash(view.ko)] > 1:
            labels[i] = "boilerplate"  # a ▲ line printed twice: the caption, under the photo and in the gallery
    if not hinted:
        keyed = numbering(views)
        for i in numbered_headings(views, labels, keyed):
            labels[i] = "heading"
        for i in numbered_list(views, labels, keyed):
            labels[i] = "body"
    _wrapped_sentences(rows, labels, probabilities)
    _headings_between_paragraphs(rows, labels)
    _story_bullets(rows, labels)
    _after_copyright(rows, labels)


def numbered_headings(views: Sequence[LineView], labels: Sequence[str],
                      keyed: Sequence[tuple[str, int] | None]) -> list[int]:
    """Lines that number the sections of a text: an interview's questions (1.…? 2.…?), a
    listicle's items, <질문 1> … <질문 2>, 첫 번째 … 두 번째. They are headings however long
    they are, when the numbers run in order and stand apart: content between every two of them,
    or at least two blank lines. Plain numbers on lines back to back are a list inside a
    paragraph; a labelled series (<질문 1>, [검증.2], Q3.) heads sections wherever it stands. A
    plain series needs three lines, a labelled one two. A line that states a finished sentence
    (…했다.) is a numbered paragraph, not a heading, unless it also asks."""
    series: dict[str, list[int]] = {}
    for i, k in enumerate(keyed):
        # a labelled number (<질문 1>) is taken even where the labeller saw chrome, unless the rules did
        if k is not None and (labels[i] in ("body", "heading")
                              or (k[0] not in _PLAIN and views[i].rule in ("title", "subtitle", "heading", "body"))):
            series.setdefault(k[0], []).append(i)

    def apart(a: int, b: int) -> bool:
        return views[b].line - views[a].line >= 3 or any(labels[k] in ("body", "heading") for k in range(a + 1, b))

    out = []
    for key, where in series.items():
        numbers = [keyed[i][1] for i in where]
        if numbers != sorted(set(numbers)) or numbers[-1] - numbers[0] + 1 > len(numbers) + 1:
            continue  # not one series in order (two lists, or more than one number missing)
        plain = key in _PLAIN
        if len(where) < (3 if key != "ordinal" and plain else 2):
            continue
        if plain and not all(apart(a, b) for a, b in zip(where, where[1:])):
            continue
        out += [i for i in where if not STATES.search(views[i].ko) or ASKS.search(views[i].ko)]
    return sorted(out)


def numbered_list(views: Sequence[LineView], labels: Sequence[str],
                  keyed: Sequence[tuple[str, int] | None]) -> list[int]:
    """Numbered lines back to back (1. … 2. … 3. … on consecutive lines) list things inside a
    paragraph; the labeller, which has seen numbered headings, may take them for headings."""
    out: list[int] = []
    i = 0
    while i < len(views):
        j = i
        while j + 1 < len(views) and keyed[j] is not None and keyed[j + 1] is not None \
                and keyed[j][0] == keyed[j + 1][0] in ("#.", "#)") and keyed[j + 1][1] == keyed[j][1] + 1 \
                and views[j + 1].line == views[j].line + 1:
            j += 1
        if j - i + 1 >= 3:
            out += [k for k in range(i, j + 1) if labels[k] == "heading"]
        i = j + 1
    return out


def _wrapped_sentences(rows: list[Row], labels: list[str], probabilities: Sequence[dict[str, float]]) -> None:
    """A sentence hard-wrapped over short lines (a broadcast script, an e-mail) is one thing: the
    labeller sees each piece alone, and a piece such as "각 지자체마다 올해" looks like chrome or a
    heading. Pieces run on, line after line, until one ends the sentence; the block takes the
    label its pieces' probabilities favour together, body or boilerplate."""
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1].line == rows[j].line + 1 and _fragment(rows[j]) \
                and rows[j + 1].kind is None:
            j += 1
        if j > i and rows[i].kind is None and _fragment(rows[i]) and not _fragment(rows[j]):
            block = range(i, j + 1)
            body = sum(probabilities[k]["body"] for k in block)
            chrome = sum(probabilities[k]["boilerplate"] for k in block)
            if body > chrome:
                for k in block:
                    if labels[k] == "boilerplate":
                        labels[k] = "body"
        i = j + 1


def _fragment(row: Row) -> bool:
    """A piece of a wrapped sentence: no sentence ending, short, not chrome the rules named."""
    return row.kind is None and row.marker is None and not row.prose and 6 <= len(row.ko) <= 40 \
        and not ENDS_STOP_OR_BRACE.search(row.ko) and row.ko.rstrip()[-1] not in LABEL_ENDS \
        and hangul_count(row.ko) >= 4


def _headings_between_paragraphs(rows: list[Row], labels: list[str]) -> None:
    """A short line set apart by blank lines between two paragraphs of the story, with no sentence
    ending and nothing of the page's interface in it ("휴대폰 기재가 필요한 이유"), is a section
    heading without a marker: chrome does not sit alone in the middle of a story."""
    for i in range(1, len(rows) - 1):
        row, before, after = rows[i], rows[i - 1], rows[i + 1]
        if labels[i] != "boilerplate" or row.kind is not None or row.prose or not 6 <= len(row.ko) <= 30:
            continue
        if row.line - before.line < 2 or after.line - row.line < 2 or ENDS_STOP_OR_BRACE.search(row.ko) or UI_WORDS.search(row.ko):
            continue
        if hangul_count(row.ko) < 4:
            continue
        if labels[i - 1] == "body" and before.prose and labels[i + 1] == "body" and after.prose:
            labels[i] = "heading"


def _story_bullets(rows: list[Row], labels: list[str]) -> None:
    """A bullet inside the story ("• 검역, 진단·검사 등 감염병 관리 강화") is one of its list items:
    share buttons and page facts come as bullets too ("• 페이스북", "• 조회수 : 9567"), but short,
    in the page's own words, and outside the story (before its first line of content, after its
    last, unless a heading just above opened the list)."""
    story = [i for i, label in enumerate(labels) if label in ("body", "heading")]
    if not story:
        return
    for i in range(story[0] + 1, len(rows)):
        row = rows[i]
        if labels[i] == "boilerplate" and row.kind is None and row.ko[0] in STORY_BULLETS \
                and len(row.ko) >= STORY_BULLET_MIN and not UI_WORDS.search(row.ko) \
                and (i < story[-1] or labels[i - 1] in ("body", "heading")):
            labels[i] = "body"


def _after_copyright(rows: list[Row], labels: list[str]) -> None:
    """Past the copyright notice that closes a story come the page's lists: more headlines, most
    read, comments. A headline-shaped line there is a link, not a heading or a paragraph."""
    story = [i for i, label in enumerate(labels) if label == "body" and rows[i].prose]
    notices = [i for i, row in enumerate(rows) if row.kind == "copyright"]
    if not story or not notices or notices[-1] < story[-1]:
        return
    for i in range(notices[-1] + 1, len(rows)):
        if labels[i] in ("body", "heading") and not rows[i].prose:
            labels[i] = "boilerplate"

