"""Annotated briefs: ``briefs/NAME.json`` (a person's key sentences per section and a 3-line summary)
beside ``NAME.txt`` and ``NAME.expected.json`` (its title and deck), as the data folder's README gives.

Each brief becomes a ``Case``: an Article built from the brief's own sections and sentences, with
offsets found in the .txt in order, so that selection is scored on the person's reading, not on the
tool's; ``selection.evaluate_read`` scores the tool's reading instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from briefing.glossary import TermFinder, load_glossaries
from briefing.model import Article, Line, Section, Sentence

from evaluation.captures import Capture, selected, site
from evaluation.errors import DataError

#: no annotation is near this; a bigger file is not a brief
MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Case:
    """One annotated article: the Article built from its brief, and the person's picks as strings."""

    name: str
    article: Article
    hits: tuple
    keys: tuple[tuple[str, ...], ...]  # key sentences per section
    summary_key: tuple[str, ...]
    files: tuple[Path, ...] = ()  # the brief, the text and the annotation it was read from
    site: str = ""  # the registrable domain of its source (``captures.site``): the unit of the folds


def read_json(path: Path) -> dict:
    if path.stat().st_size > MAX_BYTES:
        raise DataError(f"{path} is over {MAX_BYTES} bytes")
    return json.loads(path.read_text(encoding="utf-8"))


def first_line(text: str, value: str | None, after: int = 0) -> Line | None:
    """The first line of an annotated title or deck, located in the text (at 0 when it is not there)."""
    if not value:
        return None
    value = value.split("\n")[0]
    at = text.find(value, after)
    return Line(value, max(at, 0), max(at, 0) + len(value))


def read_cases(data: Path, select: str | None = None) -> list[Case]:
    """Every brief of ``data/briefs`` (of the captures ``select`` names) as a Case, with the shipped
    glossary's term hits per sentence."""
    if not (data / "briefs").is_dir():
        raise DataError(f"{data}/briefs is not a folder of annotated briefs")
    finder = TermFinder(load_glossaries(None))
    cases = []
    for path in sorted((data / "briefs").glob("*.json")):
        if not selected(path.stem, select):
            continue
        b = read_json(path)
        stem = Path(b["article"]).stem
        text = (data / b["article"]).read_text(encoding="utf-8-sig")
        expected = data / f"{stem}.expected.json"
        meta = read_json(expected) if expected.exists() else {}
        sections, keys, at = [], [], 0
        for sec in b["sections"]:
            sents = []
            for s in sec["sentences"]:
                start = text.find(s, at)
                if start < 0:
                    raise DataError(f"{path.name}: sentence not found in {b['article']}: {s[:40]}")
                sents.append(Sentence(s, start, start + len(s)))
                at = start + len(s)
            heading = first_line(text, sec["heading"])
            sections.append(Section(heading=heading, paragraphs=(), sentences=tuple(sents)))
            keys.append(tuple(sec["sentences"][k] for k in sec["key"]))
        article = Article(
            text=text, title=first_line(text, meta.get("title")), subtitle=first_line(text, meta.get("subtitle")),
            sections=tuple(sections),
        )
        hits = tuple(finder.find(s.ko) for s in article.sentences())
        summary_key = tuple(b["sections"][s]["sentences"][i] for s, i in b["summary_key"])
        files = (path, data / b["article"]) + ((expected,) if expected.exists() else ())
        where = site(Capture(stem, data, text, meta))
        cases.append(Case(stem, article, hits, tuple(keys), summary_key, files, where))
    if not cases:
        raise DataError(f"no brief in {data}/briefs" + (f" whose name matches {select!r}" if select else ""))
    return cases
