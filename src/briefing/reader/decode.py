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
    BRACKET_PAIRS, BULLETS, CLOSE_QUOTES, COMMAS, DASHES, DATE, DECK_LINE_MAX, FACT_ITEM, HANGUL, IMAGE_NAME,
    INNER_SENTENCE, LABEL_OPENERS, NEVER_TITLE, OPEN_QUOTES, PROSE_END, SPOKEN_END, ends_complete, hangul_count,
    lead_subject, names_subject, noun_phrases, number_of, plain_quotes, restated_share, squash, ui_sentence,
)

__all__ = ["TITLE_MIN", "can_be_deck", "can_be_title", "decode_labels"]


#: Below this probability no line is the title: the paste starts at the lead. Cross-validated by
#: site on the 48 dev captures, the likeliest line that can be a title scores at most 0.04 where
#: there is no headline and at least 0.2 where there is; this sits between.
TITLE_MIN = 0.1
#: above it the labeller is sure of a title: a line printed twice back to back under it is a caption
SURE_TITLE = 0.5


#: A photo caption is a sentence with its credit after it ("…하고 있다.(세종시 제공)"); a headline the
#: rules took for a caption ("[영상] …") has no sentence in it.
_CAPTIONED_SENTENCE = re.compile(HANGUL + r"[.。]\s*[(\[<]")


def can_be_title(lines: Sequence[LabelledLine], i: int) -> bool:
    """A story sentence (…했다.) or the first line of a hard-wrapped sentence is never the headline,
    however likely the labeller finds it: on a three-line paste it cannot tell them apart."""
    row = lines[i].row
    if row.kind in NEVER_TITLE or PROSE_END.search(row.ko) or INNER_SENTENCE.search(row.ko):
        return False
    if row.kind == "caption" and _CAPTIONED_SENTENCE.search(row.ko):
        return False
    if hangul_count(row.ko) < 2:
        return False  # "Skip to main content": a Korean paper's headline is written in Korean
    if len(row.ko.split()) < 2:
        return False  # "비욘드포스트": a masthead; none of the 95 annotated headlines is one word
    if row.ko[0] in BULLETS:
        return False  # "• 방송시간 매일 저녁 8시 35분": a bullet is an item of something, not a headline
    if BRACKET_PAIRS.get(row.ko[0]) == row.ko.rstrip()[-1]:
        return False  # "<인터뷰 원문>", "【 향후 과제 】": a label or a section's heading
    if row.ko.rstrip()[-1] in COMMAS or SPOKEN_END.search(row.ko):
        return False  # "…치매인데요,", "…순간이 뉴스입니다!": spoken to someone, not a headline
    if row.open_end and _wraps_into_a_sentence(lines, i):
        return False  # "고령화 사회에 접어들면서" runs on into the next line: a wrapped sentence
    return not (row.kind is None and _opens_wrapped_lead(lines, i))


def can_be_deck(lines: Sequence[LabelledLine], i: int) -> bool:
    """Shaped like a deck line: a headline's length and no sentence ending (noun phrases joined by a
    stop are a deck's shorthand, not sentences), Korean, not chrome the rules named, not a list item,
    a numbered question, a quoted utterance or a wrapped lead."""
    row = lines[i].row
    shorthand = noun_phrases(row.ko)
    if row.kind is not None or (row.prose and not shorthand) or not 8 <= len(row.ko) <= DECK_LINE_MAX:
        return False
    if row.marker not in (None, "tag", *DASHES) or number_of(row.ko) is not None:
        return False  # ▶ 일시 : …, • 항목, <질문 1> …: list items and questions, not a deck
    if row.ko[0] in OPEN_QUOTES and row.ko.rstrip()[-1] in CLOSE_QUOTES:
        return False  # "안된다니까…": a quoted utterance
    if IMAGE_NAME.search(row.ko):
        return False  # "사본 -16.보이스아이 사진1": a photo's file name under the deck, its caption
    if FACT_ITEM.search(row.ko):
        return False  # "장소: 대한개원내과의사회 회의실", "이름 관리자 작성일 13.01.14": a fact box, a board's record
    if PROSE_END.search(row.ko) or (INNER_SENTENCE.search(row.ko) and not shorthand) or DATE.search(row.ko):
        return False  # a sentence, a date
    if row.open_end and _runs_on(lines, i):
        return False  # a line that runs on into the next ("읽어주기 기능은 크롬기반의")
    if _opens_wrapped_lead(lines, i):
        return False
    if any(0 <= j < len(lines) and squash(lines[j].row.ko) == squash(row.ko) for j in (i - 1, i + 1)):
        return False  # printed twice back to back: a photo's alt text and its caption
    return hangul_count(row.ko) >= 4


def _runs_on(lines: Sequence[LabelledLine], i: int) -> bool:
    """The line stops on a connective and the next line carries the sentence on. A deck line that
    stops on one with a caption or chrome under it is a headline's ellipsis, not a wrapped sentence:
    headlines and decks drop the verb after -기로/-키로 ("…오픈스튜디오 개방하기로", decided to open).
    1 of the 20 dev decks ends so (``f06``, over a ▲ photo caption: the whole deck was read as body);
    no dev title or deck line ends on another connective."""
    nxt = lines[i + 1].row if i + 1 < len(lines) else None
    return nxt is not None and nxt.kind is None and continues(lines[i].row, nxt)


def _wraps_into_a_sentence(lines: Sequence[LabelledLine], i: int) -> bool:
    """The line runs on (``_runs_on``), line after line, to one that ends a sentence: a headline that
    drops its verb (…공동연구 나서) over a page's label ("페이지 정보") runs on into nothing."""
    k = i
    while _runs_on(lines, k):
        k += 1
        if ends_complete(lines[k].row.ko):
            return True
    return False


def _opens_wrapped_lead(lines: Sequence[LabelledLine], i: int) -> bool:
    """The line is the first of a hard-wrapped sentence of the story: the next line carries it on."""
    return _runs_on(lines, i) and lines[i + 1].row.prose


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


def _printed_twice(lines: Sequence[LabelledLine], candidates: Sequence[int], keys: Sequence[str],
                   first_prose: int, top: int) -> int | None:
    """A headline-shaped line printed twice above the story (a sticky header and the headline, the
    page title and the headline) is the headline: pages repeat their headline, not their chrome.
    The labeller sees each copy alone and may take the second for a duplicate and the first for
    chrome; the repetition is the stronger sign. Not a line the rules read as a caption in one of
    its copies (the other then a duplicate: 1 of the 75 probe pages took a caption so), and not two
    copies back to back under a line the labeller is sure is the headline: that is a photo's alt
    text and its caption (2 of the 75 probe pages, ``KRISS-KIST 업무협약`` twice under the headline;
    on the 76 captures the repetition never overrules a sure title)."""
    counts = Counter(plain_quotes(k) for k in keys)
    captions = {plain_quotes(keys[j]) for j, line in enumerate(lines) if line.row.kind == "caption"}
    found = next((i for i in candidates if i < first_prose and len(keys[i]) >= 10 and counts[plain_quotes(keys[i])] > 1
                  and plain_quotes(keys[i]) not in captions
                  and keys[i][0] not in LABEL_OPENERS and not ui_sentence(keys[i])), None)
    if found is None or found < top or lines[top].probabilities["title"] < SURE_TITLE \
            or plain_quotes(keys[found]) == plain_quotes(keys[top]):
        return found
    back_to_back = any(keys[j] == keys[found] and abs(lines[j].row.line - lines[found].row.line) <= 2
                       for j in (found - 1, found + 1) if 0 <= j < len(lines))
    return None if back_to_back else found


def _held_headline(top: int, candidates: Sequence[int], keys: Sequence[str]) -> int:
    """A page-title bar ("date 2025-09-09 <headline>", "<headline> | 서울신문") holds the headline
    with chrome around it; when the line chosen holds a nearby line that can be the title, that
    line is the headline itself. A copy of the line holds nothing: the headline printed twice stays
    where the labeller found it, with its deck under it."""
    held = [j for j in candidates if j != top and abs(j - top) <= 3 and len(keys[j]) >= 8
            and keys[j] in keys[top] and keys[j] != keys[top] and len(keys[j]) >= 0.6 * len(keys[top])]
    return max(held, key=lambda j: len(keys[j])) if held else top


def decode_labels(lines: Sequence[LabelledLine]) -> tuple[str, ...]:
    """One label per line: the most likely, except that there is at most one title and a deck
    only under it. The title is a line that can be one (``can_be_title``) above the story's last
    sentence: a headline-shaped line printed twice above the story, else the likeliest when likely
    enough, else the headline behind a line the labeller wrongly favoured, else the capture's first
    line when it stands right above the lead (``_lead_under_opening``); a title bar gives way
    to the headline it holds; a capture that starts at its deck has none, its first lines are the
    deck (``_deck_without_headline``). The deck is the labeller's subtitle run under the title or, failing
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
    printed_twice = _printed_twice(lines, candidates, keys, first_prose, top)
    deckable = [can_be_deck(lines, k) for k in range(len(lines))]
    lead_under_opening = _lead_under_opening(lines, labels, deckable)
    if printed_twice is not None:
        # the repetition decides, even where the labeller finds the line unlikely as a title
        if plain_quotes(keys[printed_twice]) != plain_quotes(keys[top]):
            top = printed_twice
    elif lines[top].probabilities["title"] < TITLE_MIN:
        fallback = _headline_behind_chrome(lines, candidates, first_prose)
        if fallback is None and 0 in candidates and lead_under_opening is not None:
            fallback = 0  # the capture opens with its headline right above the lead
        if fallback is None:
            return tuple(labels)
        top = fallback
    top = _held_headline(top, candidates, keys)
    deck_end = _deck_without_headline(lines, top, lead_under_opening) if printed_twice is None else None
    if deck_end is not None:
        for k in range(top, deck_end):
            labels[k] = "subtitle"
        return tuple(labels)
    labels[top] = "title"
    i = top + 1
    while i < len(lines) and best(lines[i].probabilities, ("title",)) == "subtitle" \
            and not FACT_ITEM.search(lines[i].row.ko):
        labels[i] = "subtitle"
        i += 1
    _take_deck(top, i, labels, lines, deckable)
    copy = _second_copy(top, keys, first_prose)
    if "subtitle" not in labels and copy is not None:
        _take_deck(copy, copy + 1, labels, lines, deckable)
    return tuple(labels)


def _second_copy(top: int, keys: Sequence[str], first_prose: int) -> int | None:
    """The headline's copy under it, above the story: where a page that prints its headline twice (a
    sticky header, a toolbar, then the article's own) sets its deck. Of the 11 dev captures that print
    the headline twice, 5 have a deck: 4 under the second copy (``e07``, ``e10``; ``f04`` and ``k12``
    past a toolbar, whose buttons the labeller may read as story: ``k12``'s deck was missed), 1
    between the copies (``f01``), found from the first as before."""
    return next((k for k in range(top + 1, first_prose) if plain_quotes(keys[k]) == plain_quotes(keys[top])), None)


def _lead_under_opening(lines: Sequence[LabelledLine], labels: Sequence[str], deckable: Sequence[bool]) -> int | None:
    """Where the lead starts, when the capture opens with one to three headline-shaped lines right
    above it (nothing between, not even a byline or a date): a paste that starts at its headline or
    at its deck. Of the dev and test captures whose first line can be a title, 9 open so, and each
    opens with its headline (6) or with the deck of a headline not captured (``j02``, ``j03``,
    ``j12``): none with a section label, a site's name or chrome, which are short or stand above
    chrome, not above the lead."""
    if not lines or not deckable[0]:
        return None
    end = 1
    while end < len(lines) and end < DECK_LINES and deckable[end]:
        end += 1
    lead = lines[end].row if end < len(lines) else None
    if lead is None or lead.kind is not None or lead.marker is not None or labels[end] != "body":
        return None  # a list's first item ("▲ …"), chrome or nothing: no lead stands under it
    return end if lead.prose or _opens_wrapped_lead(lines, end) else None


#: A line that restates this much of the lead's first sentence (its word pairs, two syllables in one
#: word) is its headline, whatever the lead's subject is read as: a guard for leads whose subject
#: ``lead_subject`` misreads. The dev and test headlines that name the lead's subject restate 36%
#: (``interview-qa``'s quotation) to 100% of it, the 3 decks 0% to 33%; the subject decides between
#: them, this only keeps a headline that restates the lead from being taken for a deck.
RESTATED_MIN = 0.5


def _deck_without_headline(lines: Sequence[LabelledLine], top: int, lead: int | None) -> int | None:
    """Where the deck ends, when the capture starts at its deck and the headline above was not
    captured (``j02``, ``j03``, ``j12`` of the dev captures; their annotations have no title): the
    line the labeller favours is the capture's first, one to three headline-shaped lines stand
    right above the lead (``_lead_under_opening``), and the first of them carries a figure but
    neither names who the lead's first sentence is about nor restates it. A headline names its
    story's subject, the deck under it adds what the headline left out: of the 6 dev and test
    captures that open with their headline right above the lead, 4 name the lead's subject in it
    (``j04``: 대덕특구 for 대덕연구개발특구지원본부가; the seed, ``hard-wrapped``,
    ``yonhap-caption-related``) and 2 carry no figure (``f03``, ``k04``); the 3 decks carry one and
    do not name it (26억5000만원 편성 34개교 … over 대전동부교육지원청은 …). ``interview-qa``, whose
    deck is a quotation, names its guest too (최민호 세종시장). The figure holds the rule back where it is least sure:
    a headline over a lead about something else ("축제 예산 늘어난다" over "도청은 …") stays the title,
    as 33 of the 49 dev headlines carry no figure, while 11 of the 20 dev decks open with one. What it
    gets wrong: a headline with a figure that names nobody ("3년 만에 돌아온 축제") pasted with no
    byline or date under it is read as a deck, and a deck with no figure at the top of a page as the
    headline."""
    if lead is None or top != 0 or not any(ch.isdigit() for ch in lines[top].row.ko):
        return None  # a deck adds the figures (a sum, a date, a count): 11 of the 20 dev decks open with one
    sentence = _first_sentence(lines, lead)
    subject = lead_subject(sentence)
    if not subject or names_subject(lines[top].row.ko, subject):
        return None
    return lead if restated_share(lines[top].row.ko, sentence) < RESTATED_MIN else None


def _first_sentence(lines: Sequence[LabelledLine], start: int) -> str:
    """The lead's first sentence, its hard-wrapped lines joined."""
    text = lines[start].row.ko
    k = start
    while not PROSE_END.search(text) and k + 1 < len(lines) and continues(lines[k].row, lines[k + 1].row):
        k += 1
        text += " " + lines[k].row.ko
    stop = INNER_SENTENCE.search(text)
    return text[: stop.start() + 2] if stop else text


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
    # the deck's next lines: right below it (or, when they open with the deck's mark, past a blank
    # line), shaped alike, whatever the labeller thought of them
    first = i
    while i + 1 < len(labels) and deckable[i + 1]:
        touching = lines[i + 1].row.line == lines[i].row.line + 1
        if not _same_mark(lines[i].row.ko, lines[i + 1].row.ko) and (i + 1 - first >= DECK_LINES or not touching):
            break
        i += 1
        labels[i] = "subtitle"


def _same_mark(line: str, nxt: str) -> bool:
    """Both lines open with the same mark (✔, -): the points of one list. A deck that lists its
    points under one mark runs on past three lines, as press releases and briefings write theirs:
    ``k14`` lists four engagements (``✔2월7일 캐나다 총독·리투아니아 대통령과 회담`` …) under its deck's
    first line, the one dev deck over three lines (3 of the 20 dev decks open with a mark: ``-`` in
    ``e07``, ``k06``, ``k14``). Unmarked runs stay cut at three (a list of links), and bullets (•, ▶)
    never make a deck line."""
    mark = line[:1]
    return bool(mark) and mark == nxt[:1] and not mark.isalnum() and not mark.isspace() \
        and mark not in OPEN_QUOTES and mark not in BRACKET_PAIRS


def _deck_start(top: int, labels: Sequence[str], lines: Sequence[LabelledLine],
                deckable: Sequence[bool]) -> int | None:
    """Where the deck starts: a deck-shaped line close under the title that the labeller does not
    take for body, or, past a block of chrome (a toolbar, a summary box), deck-shaped lines
    right above the lead or above a photo's file name and caption over it (``f04``)."""
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
        # the lead right under the deck, or under a photo's file name and caption (``f04``)
        after = next((j for j in range(k + 1, min(len(labels), k + 4)) if labels[j] != "boilerplate"), None)
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
