"""How well the reader finds title, subtitle, headings and boilerplate lines, against annotations.

A predicted line matches a gold line of the same part when ``scoring.same_line`` says so; each gold
line is matched at most once. Predicted boilerplate that is only part of a line (a dateline cut off
the lead, a byline cut off the last paragraph) is not scored: the annotations list whole lines only.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Sequence

from briefing.model import Article
from briefing.reader.article import read_article

from evaluation.captures import Capture
from evaluation.scoring import prf, same_line

PARTS = ("title", "subtitle", "heading", "boilerplate")


def gold_items(expected: dict) -> list[tuple[str, str]]:
    items = []
    if expected.get("title"):
        items.append(("title", expected["title"]))
    if expected.get("subtitle"):
        items.append(("subtitle", expected["subtitle"]))
    items += [("heading", h) for h in expected.get("headings", [])]
    items += [("boilerplate", b) for b in expected.get("boilerplate", [])]
    return items


def predicted_items(article: Article) -> list[tuple[str, str]]:
    text = article.text
    items = []
    if article.title:
        items.append(("title", article.title.ko))
    if article.subtitle:
        items.append(("subtitle", article.subtitle.ko))
    items += [("heading", s.heading.ko) for s in article.sections if s.heading]
    for b in article.boilerplate:
        line_start = text.rfind("\n", 0, b.start) + 1
        line_end = text.find("\n", b.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if line.strip() == b.ko.strip():
            items += [("boilerplate", piece) for piece in b.ko.split("\n") if piece.strip()]
    return items


def characters_lost(article: Article) -> int:
    """Non-whitespace characters covered by no part, plus those covered by more than one (must be 0)."""
    cover = Counter()
    spans = []
    if article.title:
        spans.append(article.title)
    if article.subtitle:
        spans.append(article.subtitle)
    for section in article.sections:
        if section.heading:
            spans.append(section.heading)
        spans.extend(section.paragraphs)
    spans.extend(article.boilerplate)
    for span in spans:
        for i in range(span.start, span.end):
            cover[i] += 1
    return sum(1 for i, ch in enumerate(article.text) if not ch.isspace() and cover[i] != 1)


def match_items(gold: list[tuple[str, str]], pred: list[tuple[str, str]]):
    """Greedy one-to-one matching within each part; returns (true positives, misses, extras)."""
    used = [False] * len(gold)
    tp, extras = [], []
    for part, line in pred:
        for i, (gpart, gline) in enumerate(gold):
            if not used[i] and gpart == part and same_line(line, gline):
                used[i] = True
                tp.append((part, line))
                break
        else:
            extras.append((part, line))
    misses = [g for g, u in zip(gold, used) if not u]
    return tp, misses, extras


def evaluate(captures: Sequence[Capture], readers: dict[str, Callable[[str], Article]] | None = None) -> dict:
    """Pooled figures per part and over all parts, titles right, characters lost, and per capture what
    was missed and what was extra. ``readers`` maps a capture's name to the reader to use (a labeller
    fitted without its site, for ``--cv``); the shipped reader reads the others."""
    readers = readers or {}
    totals = {part: Counter() for part in PARTS}
    articles = []
    titles_right = lost_total = 0
    for capture in captures:
        expected = capture.expected
        article = readers.get(capture.name, read_article)(capture.text)
        gold, pred = gold_items(expected), predicted_items(article)
        tp, misses, extras = match_items(gold, pred)
        for part in PARTS:
            totals[part]["tp"] += sum(1 for p, _ in tp if p == part)
            totals[part]["fn"] += sum(1 for p, _ in misses if p == part)
            totals[part]["fp"] += sum(1 for p, _ in extras if p == part)
        title_ok = (expected.get("title") is None and article.title is None) or (
            expected.get("title") is not None and article.title is not None
            and same_line(article.title.ko, expected["title"]))
        titles_right += title_ok
        lost = characters_lost(article)
        lost_total += lost
        articles.append({"article": capture.name, "title_right": title_ok, "lost": lost,
                         "missed": misses, "extra": extras})
    all_ = Counter()
    for part in PARTS:
        all_.update(totals[part])
    overall = prf(all_["tp"], all_["fp"], all_["fn"])
    return {
        "articles": len(captures),
        "precision": overall[0], "recall": overall[1], "f1": overall[2],
        "titles_right": titles_right,
        "characters_lost": lost_total,
        "parts": {part: dict(zip(("precision", "recall", "f1"), prf(c["tp"], c["fp"], c["fn"])),
                             gold=c["tp"] + c["fn"]) for part, c in totals.items()},
        "per_article": articles,
    }
