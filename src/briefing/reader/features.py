"""The line labeller's features: each line of a capture, and its place among the others, as sparse
named values (its length and ending, what the rules said of it and its neighbours, the body around
it, repetition, series, hard wrapping), and the second pass's view of what the first pass thought
of its neighbours. One function serves training (``scripts/train_lines.py``) and reading.
"""

from __future__ import annotations

from typing import Sequence

from briefing.reader.shapes import (
    ADDRESSES_READER, ASKS, BRACKET_LABEL, CLOSE_BRACKET, COLONS, DATE, EMAIL, ENDS_DA, ENDS_QUESTION, ENDS_STOP,
    INNER_SENTENCE_ANY_STOP, LIST_COMMAS, NAME_ROLE, NEVER_TITLE, NUMBER_OPENING, OPEN_PARENS, ORDINAL_OPENING,
    POLITE_END, QA, QUOTE_STARTS, REPORTER_WORD, SEPARATORS, TIME, TOKEN, UI_WORDS, URL, LineView, caption_shape,
    hangul_count, numbering, open_end, pattern, squash, ui_sentence,
)

LABELS = ("title", "subtitle", "heading", "boilerplate", "body")

__all__ = ["LABELS", "features", "stacked"]


#: Lines this short contribute their words as features: the vocabulary of site chrome (구독, 댓글,
#: 글자크기, 공유) is shared across sites, the vocabulary of stories is not.
TOKEN_LINE_MAX = 30


def _bucket(n: float, edges: Sequence[float]) -> int:
    for i, edge in enumerate(edges):
        if n <= edge:
            return i
    return len(edges)


def _shape(view: LineView) -> dict[str, float]:
    """Features of the line alone."""
    s = view.ko
    n = len(s)
    letters = sum(ch.isalpha() for ch in s) or 1
    hangul = hangul_count(s)
    f = {
        f"len={_bucket(n, (4, 8, 14, 22, 32, 45, 60, 90, 140, 220))}": 1.0,
        f"words={_bucket(len(s.split()), (1, 2, 3, 5, 8, 12, 20))}": 1.0,
        f"rule={view.rule}": 1.0,
        f"marker={view.marker}": 1.0,
        # a marker means different things by length: "• 페이스북" shares, "• 감염병 관리 강화" lists
        f"marker={view.marker}.len={_bucket(n, (12, 30, 60))}": 1.0,
        "hangul_share": hangul / letters,
        "latin_share": sum(ch.isascii() and ch.isalpha() for ch in s) / letters,
        "digit_share": sum(ch.isdigit() for ch in s) / n,
        "punct_share": sum(not ch.isalnum() and not ch.isspace() for ch in s) / n,
    }
    for name, on in (
        ("prose", view.prose), ("ends_da", ENDS_DA.search(s)), ("ends_stop", ENDS_STOP.search(s)),
        ("ends_question", ENDS_QUESTION.search(s)), ("date", DATE.search(s)), ("time", TIME.search(s)),
        ("email", EMAIL.search(s)), ("url", URL.search(s)), ("reporter", REPORTER_WORD.search(s)),
        ("qa", QA.match(s)), ("numbered", NUMBER_OPENING.match(s)), ("ordinal_key", ORDINAL_OPENING.match(s)),
        ("close_bracket", CLOSE_BRACKET.search(s)), ("separators", len(SEPARATORS.findall(s)) >= 2),
        ("open_paren", s[0] in OPEN_PARENS), ("quote_start", s[0] in QUOTE_STARTS),
        ("comma_end", s[-1] in LIST_COMMAS), ("colon", any(c in s for c in COLONS)),
        ("sentence_inside", INNER_SENTENCE_ANY_STOP.search(s)),
        ("bracket_label", BRACKET_LABEL.match(s)), ("name_role", NAME_ROLE.search(s)),
        ("mostly_latin", sum(ch.isascii() and ch.isalpha() for ch in s) > 0.6 * letters),
        ("no_hangul", hangul == 0),
        ("asks", ASKS.search(s)),
        ("addresses_reader", ADDRESSES_READER.search(s)),
        ("polite_end", POLITE_END.search(s)),
    ):
        if on:
            f[name] = 1.0
    ui = len(UI_WORDS.findall(s))
    if ui:
        f[f"ui_words={min(ui, 3)}"] = 1.0
        if ui_sentence(s):
            f["ui_sentence"] = 1.0
        f[f"ui_density={_bucket(ui / max(1, len(s.split())), (0.1, 0.25, 0.5))}"] = 1.0
    if caption_shape(s):
        f["caption_shape"] = 1.0  # ▲ 군수가 … 기념촬영을 하고 있다. [군 제공]
    if len(s) > 2 and s[0] == "|" and s[-1] == "|":
        f["table_cell"] = 1.0
    f["grammatical"] = view.grammatical
    f[f"grammatical={_bucket(view.grammatical, (0.0, 0.1, 0.2, 0.3, 0.4))}"] = 1.0
    f[f"finals={min(view.finals, 3)}"] = 1.0
    f[f"pattern={pattern(s)}"] = 1.0
    f[f"first_tag={view.first_tag}"] = 1.0
    f[f"last_tag={view.last_tag}"] = 1.0
    f[f"last_tag={view.last_tag[:2]}"] = 1.0
    if n <= TOKEN_LINE_MAX:
        for token in TOKEN.findall(s):
            f[f"tok={token.lower()}"] = 1.0
    return f


def _context(views: Sequence[LineView], i: int, first_prose: int, last_prose: int,
             counts: dict[str, int], seen_before: set[str], first_candidate: int = -1) -> dict[str, float]:
    """Features of the line's place: neighbours, gaps, the body around it, repetition."""
    view = views[i]
    f: dict[str, float] = {}
    for offset in (-2, -1, 1, 2):
        j = i + offset
        tag = f"{'p' if offset < 0 else 'n'}{abs(offset)}"
        if not 0 <= j < len(views):
            f[f"{tag}=none"] = 1.0
            continue
        other = views[j]
        f[f"{tag}.rule={other.rule}"] = 1.0
        if abs(offset) == 1:
            f[f"{tag}.len={_bucket(len(other.ko), (8, 22, 45, 90, 140))}"] = 1.0
            f[f"{tag}.marker={other.marker}"] = 1.0
            if other.prose:
                f[f"{tag}.prose"] = 1.0
            if ENDS_DA.search(other.ko):
                f[f"{tag}.ends_da"] = 1.0
            if other.marker is not None and other.marker == view.marker:
                f[f"{tag}.same_marker"] = 1.0
    for name, j in (("p", range(max(0, i - 3), i)), ("n", range(i + 1, min(len(views), i + 4)))):
        near = {views[k].rule for k in j}
        if near & {"timestamp", "byline"}:
            f[f"{name}3.stamp"] = 1.0
        if near & {"menu", "share"}:
            f[f"{name}3.chrome"] = 1.0
    wrapped_from = i > 0 and views[i - 1].line + 1 == view.line and open_end(views[i - 1])
    wraps_into = i + 1 < len(views) and view.line + 1 == views[i + 1].line and open_end(view)
    if wrapped_from:
        f["wrapped_from_previous"] = 1.0
    if wraps_into:
        f["wraps_into_next"] = 1.0
    prev_gap = view.line - views[i - 1].line if i else 99
    next_gap = views[i + 1].line - view.line if i + 1 < len(views) else 99
    f[f"gap_before={min(prev_gap, 3)}"] = 1.0
    f[f"gap_after={min(next_gap, 3)}"] = 1.0
    if first_prose < 0:
        f["no_body"] = 1.0
    elif i < first_prose:
        f[f"before_body={min(first_prose - i, 6)}"] = 1.0
    elif i > last_prose:
        f[f"after_body={min(i - last_prose, 6)}"] = 1.0
    else:
        f["in_body"] = 1.0
    f[f"index={min(i, 12)}"] = 1.0
    if i == first_candidate:
        f["first_headline_candidate"] = 1.0
    f["relative_position"] = i / max(1, len(views) - 1)
    key = squash(view.ko)
    if counts[key] > 1:
        f["repeated"] = 1.0
        f["repeated_later" if key not in seen_before else "repeat_of_earlier"] = 1.0
    return f


def _recurrence(patterns: Sequence[str]) -> list[dict[str, float]]:
    """Whether a line's opening recurs in the article, and with body between (Q. … A. … Q. …: the
    questions of an interview are headings) or back to back (▲ a ▲ b ▲ c: a list)."""
    where: dict[str, list[int]] = {}
    for i, name in enumerate(patterns):
        where.setdefault(name, []).append(i)
    out = []
    for i, name in enumerate(patterns):
        f: dict[str, float] = {}
        if name != "plain" and len(where[name]) > 1:
            idx = where[name]
            gaps = [b - a for a, b in zip(idx, idx[1:])]
            f[f"recurs={min(len(idx), 5)}"] = 1.0
            shape = "recurs_alternating" if sum(g > 1 for g in gaps) > len(gaps) / 2 else "recurs_in_run"
            f[shape] = 1.0
            f[f"{shape}.{name}"] = 1.0
        out.append(f)
    return out


def _sequences(views: Sequence[LineView]) -> list[dict[str, float]]:
    """Lines numbered in order (1. … 2. … 3., <질문 1> … <질문 2>, 첫 번째 … 두 번째): an
    interview's questions and a listicle's items are headings when answers come between them,
    however long they are; a run of numbered lines with nothing between is a list."""
    keyed = numbering(views)
    numbers: dict[str, dict[int, int]] = {}
    for i, k in enumerate(keyed):
        if k:
            numbers.setdefault(k[0], {}).setdefault(k[1], i)
    out: list[dict[str, float]] = [{} for _ in views]
    for i, k in enumerate(keyed):
        if not k:
            continue
        seen = numbers[k[0]]
        neighbours = [seen[n] for n in (k[1] - 1, k[1] + 1) if n in seen]
        if not neighbours:
            continue
        f = out[i]
        f["in_sequence"] = 1.0
        apart = any(abs(j - i) > 1 for j in neighbours)
        f["sequence_apart" if apart else "sequence_adjacent"] = 1.0
        if apart and ASKS.search(views[i].ko):
            f["sequence_asks"] = 1.0
        if apart and views[i].prose:
            f["sequence_long"] = 1.0
    return out


#: Only the top of a capture is compared line with line: the headline and its copies sit there.
NESTING_LINES = 60


def _nesting(views: Sequence[LineView]) -> list[dict[str, float]]:
    """A line that holds another line whole, or is held by one: a page-title bar ("date 2025-09-09
    <headline>", "<headline> | 서울신문") carries a copy of the headline with chrome around it."""
    keys = [squash(v.ko) for v in views[:NESTING_LINES]]
    out: list[dict[str, float]] = [{} for _ in views]
    for i, a in enumerate(keys):
        if not 8 <= len(a) <= 200:
            continue
        for j, b in enumerate(keys):
            if i != j and len(b) > len(a) and a in b:
                out[i]["held_by_" + ("earlier" if j < i else "later")] = 1.0
                out[j]["holds_" + ("later" if j < i else "earlier")] = 1.0
    return out


def _wrapped_blocks(views: Sequence[LineView]) -> list[dict[str, float]]:
    """Lines hard-wrapped from one sentence (broadcast scripts wrap at ~20 characters): each line
    alone looks like a heading or a credit, the block they make reads as a sentence."""
    out: list[dict[str, float]] = [{} for _ in views]
    i = 0
    while i < len(views):
        j = i
        while j + 1 < len(views) and views[j + 1].line == views[j].line + 1 and open_end(views[j]):
            j += 1
        if j > i:
            block = views[i : j + 1]
            ends = bool(ENDS_DA.search(block[-1].ko) or ENDS_STOP.search(block[-1].ko))
            for k in range(i, j + 1):
                out[k] = {"wrapped": 1.0, f"wrapped_lines={min(j - i + 1, 4)}": 1.0,
                          "wrapped_ends_sentence" if ends else "wrapped_open": 1.0,
                          f"wrapped_at={'first' if k == i else 'last' if k == j else 'middle'}": 1.0}
        i = j + 1
    return out


def features(views: Sequence[LineView]) -> list[dict[str, float]]:
    """One feature dict per line; the same function serves training and reading."""
    prose = [i for i, v in enumerate(views) if v.prose and v.rule in ("body", "heading")]
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (-1, -1)
    counts: dict[str, int] = {}
    for v in views:
        key = squash(v.ko)
        counts[key] = counts.get(key, 0) + 1
    blocks = _wrapped_blocks(views)
    nesting = _nesting(views)
    first_candidate = next((i for i, v in enumerate(views) if v.rule in ("title", "subtitle", "body", "heading")
                            and 8 <= len(v.ko) <= 100 and not v.prose and UI_WORDS.search(v.ko) is None
                            and hangul_count(v.ko) >= 2), -1)
    patterns = [pattern(v.ko) for v in views]
    recurs = _recurrence(patterns)
    sequences = _sequences(views)
    out = []
    seen: set[str] = set()
    for i, view in enumerate(views):
        f = _shape(view)
        f.update(_context(views, i, first_prose, last_prose, counts, seen, first_candidate))
        f.update(recurs[i])
        f.update(sequences[i])
        if "asks" in f and "recurs_alternating" in f:
            f["asks_alternating"] = 1.0  # Q. …? answer Q. …? answer: the questions head sections
        f.update(blocks[i])
        f.update(nesting[i])
        seen.add(squash(view.ko))
        f["bias"] = 1.0
        out.append(f)
    return out


def stacked(base: Sequence[dict[str, float]], first: Sequence[dict[str, float]]) -> list[dict[str, float]]:
    """The second pass's features: the first pass's, plus what the first pass thinks of the
    neighbours. Chrome comes in blocks and a deck sits under its headline; a line alone rarely
    shows either, its neighbours' labels do."""
    n = len(first)
    body = [i for i, p in enumerate(first) if p["body"] >= 0.5]
    titled = [i for i in range(n) if not any(base[i].get(f"rule={kind}") for kind in NEVER_TITLE)]
    top = max(titled, key=lambda i: first[i]["title"]) if titled else -1
    out = []
    for i, f in enumerate(base):
        g = dict(f)
        for label in LABELS:
            g[f"s0.{label}"] = first[i][label]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                for label in LABELS:
                    g[f"s{offset}.{label}"] = first[j][label]
        window = [first[j] for j in range(max(0, i - 3), min(n, i + 4)) if j != i]
        if window:
            g["window.boilerplate"] = sum(p["boilerplate"] for p in window) / len(window)
            g["window.body"] = sum(p["body"] for p in window) / len(window)
        if not body:
            g["s.no_body"] = 1.0
        elif i < body[0]:
            g[f"s.before_body={min(body[0] - i, 4)}"] = 1.0
        elif i > body[-1]:
            g[f"s.after_body={min(i - body[-1], 4)}"] = 1.0
        if top >= 0:
            g[f"s.from_title={max(-3, min(i - top, 4))}"] = 1.0
        out.append(g)
    return out
