"""The main job, in order: read, split, find terms, translate, check and repair, brief.

This is the only module that knows the order of the stages; each stage is a function of its own module,
and the command line calls the three entry points below by name (``inspect`` → ``inspect_article``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol, Sequence

from .article import read_article
from .backends import Translator
from .brief import select
from .check import check_segments
from .glossary import TermFinder
from .model import Article, Glossary, Result, Source
from .sentences import split_long, split_sentences


class ProgressSink(Protocol):
    """Where translation progress goes (the CLI draws a bar on stderr; the library default is silent)."""

    def start(self, total: int) -> None: ...

    def advance(self, n: int) -> None: ...


@dataclass(frozen=True)
class Unit:
    """A string that is translated and checked: the title, subtitle, a heading or a sentence."""

    label: str  # "title", "subtitle", "heading 2", "sentence 14" (1-based, as a reader counts)
    ko: str


def read(text: str | Source) -> Article:
    """Text → Article with its sections split into sentences.

    A ``Source`` from a web page hands over the headline, deck and headings the page states, so they
    are not guessed from line shape.
    """
    if isinstance(text, Source):
        article = read_article(text.text, title=text.title, subtitle=text.subtitle, headings=text.headings)
    else:
        article = read_article(text)
    return split_sentences(article)


def _page_of(text: str | Source):
    return text.page if isinstance(text, Source) else None


def inspect_article(text: str | Source, glossary: Glossary) -> Result:
    """How the article was read, with the glossary terms of each sentence; loads no model."""
    article = read(text)
    finder = TermFinder(glossary)
    hits = tuple(finder.find(s.ko) for s in article.sentences())
    return Result(article=article, hits=hits, glossary=glossary, page=_page_of(text))


def units_of(article: Article) -> list[Unit]:
    """Everything that gets translated, in reading order: title, subtitle, then headings and sentences."""
    units = []
    if article.title:
        units.append(Unit("title", article.title.ko))
    if article.subtitle:
        units.append(Unit("subtitle", article.subtitle.ko))
    for k, section in enumerate(article.sections):
        if section.heading:
            units.append(Unit(f"heading {k}", _heading_text(section.heading.ko)))
    for i, sentence in enumerate(article.sentences()):
        units.append(Unit(f"sentence {i + 1}", sentence.ko))
    return units


def _heading_text(heading: str) -> str:
    """The heading without its marker (◇, ■, 【】, [ ]): the marker is layout, not text to translate."""
    stripped = heading.strip()
    for opener, closer in (("【", "】"), ("[", "]"), ("<", ">"), ("〈", "〉")):
        if stripped.startswith(opener) and stripped.endswith(closer):
            return stripped[1:-1].strip() or stripped
    return stripped.lstrip("◇■▲◆○●□▶▷◈◎※★☆-·• ").strip() or stripped


def translate_units(
    translator: Translator, texts: Sequence[str], progress: ProgressSink | None = None
) -> tuple[list[str], list[int], list[int]]:
    """Translate strings in one batched call; a string longer than the model accepts goes in pieces.

    Returns the English, the indices that were retried as degenerate, and those split into pieces.
    Pieces are cut at clause boundaries by ``sentences.split_long`` and joined with a space, so nothing
    is truncated.
    """
    limit = translator.max_source_tokens()

    def fits(piece: str) -> bool:
        return translator.count_tokens(piece) <= limit

    pieces: list[str] = []
    owners: list[int] = []
    split: list[int] = []
    for i, text in enumerate(texts):
        parts = [text] if fits(text) else split_long(text, fits)
        if len(parts) > 1:
            split.append(i)
        pieces.extend(parts)
        owners.extend([i] * len(parts))
    if progress:
        progress.start(len(pieces))
    out = translator.translate(pieces, progress.advance if progress else None)
    joined: list[list[str]] = [[] for _ in texts]
    retried: set[int] = set()
    for owner, translation in zip(owners, out, strict=True):
        joined[owner].append(translation.en.strip())
        if translation.retried:
            retried.add(owner)
    return [" ".join(p for p in parts if p) for parts in joined], sorted(retried), split


def translate_article(
    text: str | Source,
    glossary: Glossary,
    translator: Translator,
    *,
    fix: bool = True,
    progress: ProgressSink | None = None,
) -> Result:
    """Translate every unit, then check the English against the glossary and repair what is safe."""
    # 1. read the article: sections, sentences and what is translated (no model yet)
    article = read(text)
    units = units_of(article)
    # 2. translate title, subtitle, headings and sentences in the same batches
    raw, retried, split = translate_units(translator, [u.ko for u in units], progress)
    # 3. check every unit against the glossary; with fix, repair what can be repaired safely
    finder = TermFinder(glossary)
    report = check_segments([u.ko for u in units], raw, finder, fix=fix)
    en = list(report.en)
    # 4. hand the English back to its places in the article
    by_label = dict(zip((u.label for u in units), en))
    first_sentence = len(units) - sum(len(s.sentences) for s in article.sections)
    headings_en = tuple(by_label.get(f"heading {k}") for k in range(len(article.sections)))
    return Result(
        article=article,
        hits=tuple(tuple(h) for h in report.hits[first_sentence:]),
        model=translator.model,
        backend=translator.name,
        glossary=glossary,
        title_en=by_label.get("title"),
        subtitle_en=by_label.get("subtitle"),
        headings_en=headings_en,
        en=tuple(en[first_sentence:]),
        raw_en=tuple(raw[first_sentence:]),
        rendered=tuple(tuple(r) for r in report.rendered[first_sentence:]),
        issues=tuple(report.issues),
        edits=tuple(report.edits),
        retried=tuple(retried),
        split=tuple(split),
        labels=tuple(u.label for u in units),
        page=_page_of(text),
    )


def run_article(
    text: str | Source,
    glossary: Glossary,
    translator: Translator,
    *,
    fix: bool = True,
    progress: ProgressSink | None = None,
    bullets: int | None = None,
) -> Result:
    """Translation, the per-section briefings and the summary, and the glossary report; ``bullets``
    replaces the per-section count the briefing would choose."""
    result = translate_article(text, glossary, translator, fix=fix, progress=progress)
    return replace(result, brief=select(result.article, result.hits, bullets=bullets))
