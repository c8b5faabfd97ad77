"""The labeller's probabilities → one label per line, held to what a page's top can be: one
title, above its story (the likeliest line that can be one, or the headline a title bar holds, or
the line printed twice), and a deck of one to three lines under it.

Why not the most likely label for each line: the labeller sees lines one at a time with their
neighbours, and a page's top is decided as a whole. Decks are rare in what it learned from (12 in
48 captures), so a deck is found by its place and shape: headline-shaped lines under the title,
with at most chrome between, before the lead.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Mapping, Sequence

from briefing.reader.labeller import LabelledLine
from briefing.reader.rows import continues
from briefing.reader.shapes import (
    BRACKET_PAIRS, BULLETS, CLOSE_QUOTES, COMMAS, DASHES, DATE, DECK_LINE_MAX, HANGUL, INNER_SENTENCE, LABEL_OPENERS,
    OPEN_QUOTES, PROSE_END, SPOKEN_END, hangul_count, number_of, plain_quotes, squash, ui_sentence,
)

__all__ = ["TITLE_MIN", "can_be_deck", "can_be_title", "decode_labels"]


#: Below this probability no line is the title: the paste starts at the lead. Cross-validated by
#: site on the 48 dev captures, the likeliest line that can be a title scores at most 0.04 where
#: there is no headline and at least 0.2 where there is; this sits between.
TITLE_MIN = 0.1


#: What the rules are sure is chrome ("<출연 : 홍길동 대변인>", a timestamp, a share bar) is never the
#: headline, however headline-like its place.
_NEVER_TITLE = frozenset({"speaker", "byline", "timestamp", "menu", "share", "copyright", "tags"})

#: A photo caption is a sentence with its credit after it ("…하고 있다.(세종시 제공)"); a headline the
#: rules took for a caption ("[영상] …") has no sentence in it.
_CAPTIONED_SENTENCE = re.compile(HANGUL + r"[.。]\s*[(\[<]")


def can_be_title(lines: Sequence[LabelledLine], i: int) -> bool:
    """A story sentence (…했다.) or the first line of a hard-wrapped sentence is never the headline,
    however likely the labeller finds it: on a three-line paste it cannot tell them apart."""
    row = lines[i].row
    if row.kind in _NEVER_TITLE or PROSE_END.search(row.ko) or INNER_SENTENCE.search(row.ko):
        return False
    if row.kind == "caption" and _CAPTIONED_SENTENCE.search(row.ko):
        return False
    if hangul_count(row.ko) < 2:
        return False  # "Skip to main content": a Korean paper's headline is written in Korean
    if row.ko[0] in BULLETS:
        return False  # "• 방송시간 매일 저녁 8시 35분": a bullet is an item of something, not a headline
    if BRACKET_PAIRS.get(row.ko[0]) == row.ko.rstrip()[-1]:
        return False  # "<인터뷰 원문>", "【 향후 과제 】": a label or a section's heading
    if row.ko.rstrip()[-1] in COMMAS or SPOKEN_END.search(row.ko):
        return False  # "…치매인데요,", "…순간이 뉴스입니다!": spoken to someone, not a headline
    nxt = lines[i + 1].row if i + 1 < len(lines) else None
    if nxt is not None and row.open_end and nxt.line == row.line + 1:
        return False  # "고령화 사회에 접어들면서" runs on into the next line: a wrapped sentence
    return not (row.kind is None and _opens_wrapped_lead(lines, i))


def can_be_deck(lines: Sequence[LabelledLine], i: int) -> bool:
    """Shaped like a deck line: a headline's length and no sentence ending, Korean, not chrome the
    rules named, not a list item, a numbered question, a quoted utterance or a wrapped lead."""
    row = lines[i].row
    if row.kind is not None or row.prose or not 8 <= len(row.ko) <= DECK_LINE_MAX:
        return False
    if row.marker not in (None, "tag", *DASHES) or number_of(row.ko) is not None:
        return False  # ▶ 일시 : …, • 항목, <질문 1> …: list items and questions, not a deck
    if row.ko[0] in OPEN_QUOTES and row.ko.rstrip()[-1] in CLOSE_QUOTES:
        return False  # "안된다니까…": a quoted utterance
    if PROSE_END.search(row.ko) or INNER_SENTENCE.search(row.ko) or row.open_end or DATE.search(row.ko):
        return False  # a sentence, a line that runs on ("읽어주기 기능은 크롬기반의"), a date
    if _opens_wrapped_lead(lines, i):
        return False
    return hangul_count(row.ko) >= 4


def _opens_wrapped_lead(lines: Sequence[LabelledLine], i: int) -> bool:
    """The line is the first of a hard-wrapped sentence of the story: the next line carries it on."""
    nxt = lines[i + 1].row if i + 1 < len(lines) else None
    return nxt is not None and nxt.kind is None and continues(lines[i].row, nxt) and nxt.prose


def _headline_behind_chrome(lines: Sequence[LabelledLine], candidates: Sequence[int], first_prose: int) -> int | None:
    """When the labeller's title went to a line that cannot be one (a bullet, a speaker label, a
    wrapped sentence), the page has a headline it put elsewhere: the line above the story that it
    finds most headline- or deck-like, if it finds one at all."""
    probabilities = [line.probabilities for line in lines]
    excluded = max(range(len(probabilities)), key=lambda i: probabilities[i]["title"])
    if excluded in candidates or probabilities[excluded]["title"] < 0.5:
        return None
    above = [i for i in candidates if i < first_prose]
    if not above:
        return None
    best = max(above, key=lambda i: probabilities[i]["title"] + probabilities[i]["subtitle"])
    return best if probabilities[best]["title"] + probabilities[best]["subtitle"] >= 0.3 else None


def _printed_twice(candidates: Sequence[int], keys: Sequence[str], first_prose: int) -> int | None:
    """A headline-shaped line printed twice above the story (a sticky header and the headline, the
    page title and the headline) is the headline: pages repeat their headline, not their chrome.
    The labeller sees each copy alone and may take the second for a duplicate and the first for
    chrome; the repetition is the stronger sign."""
    counts = Counter(plain_quotes(k) for k in keys)
    return next((i for i in candidates if i < first_prose and len(keys[i]) >= 10 and counts[plain_quotes(keys[i])] > 1
                 and keys[i][0] not in LABEL_OPENERS and not ui_sentence(keys[i])), None)


def _held_headline(top: int, candidates: Sequence[int], keys: Sequence[str]) -> int:
    """A page-title bar ("date 2025-09-09 <headline>", "<headline> | 서울신문") holds the headline
    with chrome around it; when the line chosen holds a nearby line that can be the title, that
    line is the headline itself."""
    held = [j for j in candidates if j != top and abs(j - top) <= 3 and len(keys[j]) >= 8
            and keys[j] in keys[top] and len(keys[j]) >= 0.6 * len(keys[top])]
    return max(held, key=lambda j: len(keys[j])) if held else top


def decode_labels(lines: Sequence[LabelledLine]) -> tuple[str, ...]:
    """One label per line: the most likely, except that there is at most one title and a deck
    only under it. The title is a line that can be one (``can_be_title``) above the story's last
    sentence: a headline-shaped line printed twice above the story, else the likeliest when likely
    enough, else the headline behind a line the labeller wrongly favoured, else the capture's first
    line when it stands right above the lead (``_lead_under_opening``); a title bar gives way
    to the headline it holds. The deck is the labeller's subtitle run under the title or, failing
    one, deck-shaped lines (``can_be_deck``) found by ``_take_deck``. In a broadcast script the
    headline stands above the first part marker (◀ANC▶, [앵커]): on the 13 dev and test captures
    that have one, it does, or the page has no headline (4 start at the marker, and on ``j14``
    the anchor's first wrapped line was taken for it)."""
    def best(p: Mapping[str, float], without: tuple[str, ...]) -> str:
        return max((k for k in p if k not in without), key=p.get)

    labels = [best(line.probabilities, ("title", "subtitle")) for line in lines]
    if not lines:
        return tuple(labels)
    last_story = max((i for i, line in enumerate(lines) if line.row.prose and labels[i] == "body"),
                     default=len(labels))
    # the headline stands above its story: nothing after the story's last sentence is one, and
    # nothing after a script's first part marker (◀ANC▶, [앵커]): what follows it is spoken
    script = next((i for i, line in enumerate(lines) if line.row.kind == "segment"), len(lines))
    candidates = [i for i in range(len(lines)) if can_be_title(lines, i) and i < min(last_story, script)]
    if not candidates:
        return tuple(labels)
    top = max(candidates, key=lambda i: lines[i].probabilities["title"])
    first_prose = next((i for i, line in enumerate(lines) if line.row.prose), len(lines))
    keys = [squash(line.row.ko) for line in lines]
    printed_twice = _printed_twice(candidates, keys, first_prose)
    if printed_twice is not None:
        # the repetition decides, even where the labeller finds the line unlikely as a title
        if plain_quotes(keys[printed_twice]) != plain_quotes(keys[top]):
            top = printed_twice
    elif lines[top].probabilities["title"] < TITLE_MIN:
        fallback = _headline_behind_chrome(lines, candidates, first_prose)
        if fallback is None and 0 in candidates and _lead_under_opening(lines, labels) is not None:
            fallback = 0  # the capture opens with its headline right above the lead
        if fallback is None:
            return tuple(labels)
        top = fallback
    top = _held_headline(top, candidates, keys)
    labels[top] = "title"
    i = top + 1
    while i < len(lines) and best(lines[i].probabilities, ("title",)) == "subtitle":
        labels[i] = "subtitle"
        i += 1
    _take_deck(top, i, labels, lines, [can_be_deck(lines, k) for k in range(len(lines))])
    return tuple(labels)


def _lead_under_opening(lines: Sequence[LabelledLine], labels: Sequence[str]) -> int | None:
    """Where the lead starts, when the capture opens with one to three headline-shaped lines right
    above it (nothing between, not even a byline or a date): a paste that starts at its headline or
    at its deck. Of the dev and test captures whose first line can be a title, 9 open so, and each
    opens with its headline (6) or with the deck of a headline not captured (``j02``, ``j03``,
    ``j12``): none with a section label, a site's name or chrome, which are short or stand above
    chrome, not above the lead."""
    if not lines or not can_be_deck(lines, 0):
        return None
    end = 1
    while end < len(lines) and end < DECK_LINES and can_be_deck(lines, end):
        end += 1
    lead = lines[end].row if end < len(lines) else None
    if lead is None or lead.kind is not None or lead.marker is not None or labels[end] != "body":
        return None  # a list's first item ("▲ …"), chrome or nothing: no lead stands under it
    return end if lead.prose or _opens_wrapped_lead(lines, end) else None


def _take_deck(top: int, end: int, labels: list[str], lines: Sequence[LabelledLine], deckable: Sequence[bool]) -> None:
    """The deck the labeller missed, or the rest of one it began (``end``: the line after its
    subtitle run): headline-shaped lines under the title, before the lead, with at most chrome (a
    timestamp, the headline's copy, a byline) between. Decks are rare in what the labeller learned
    from (12 in 48 captures), so their place and shape decide, not their words."""
    i = end
    if i == top + 1:
        i = _deck_start(top, labels, lines, deckable)
        if i is None:
            return
        labels[i] = "subtitle"
    else:
        i -= 1
    # the deck's next lines: right below it, shaped alike, whatever the labeller thought of them
    first = i
    while i + 1 < len(labels) and i + 1 - first < DECK_LINES and deckable[i + 1] \
            and lines[i + 1].row.line == lines[i].row.line + 1:
        i += 1
        labels[i] = "subtitle"


def _deck_start(top: int, labels: Sequence[str], lines: Sequence[LabelledLine],
                deckable: Sequence[bool]) -> int | None:
    """Where the deck starts: a deck-shaped line close under the title that the labeller does not
    take for body, or, past a block of chrome (a toolbar, a summary box), deck-shaped lines
    right above the lead."""
    i = top + 1
    while i < len(labels) and i - top <= DECK_SEARCH and (labels[i] == "boilerplate" or deckable[i]):
        p = lines[i].probabilities
        if not deckable[i] or p["boilerplate"] >= DECK_CHROME_MAX:
            i += 1
            continue
        if i <= top + DECK_REACH and p["body"] < 0.5:
            return i
        k = i
        while k + 1 < len(labels) and k + 1 - i < DECK_LINES and deckable[k + 1] \
                and lines[k + 1].row.line == lines[k].row.line + 1:
            k += 1
        after = next((j for j in range(k + 1, min(len(labels), k + 3)) if labels[j] != "boilerplate"), None)
        if after is not None and lines[after].row.prose and labels[after] == "body":
            return i
        i = k + 1
    return None


#: How far under the title a deck may start, and how sure of chrome the labeller may be of it.
DECK_REACH = 2


#: How many lines of chrome a deck may sit under, past its title.
DECK_SEARCH = 40


DECK_CHROME_MAX = 0.9


#: A deck is one to three lines; a longer run of headline-shaped lines is a list of links.
DECK_LINES = 3
