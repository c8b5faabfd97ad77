"""Frozen dataclasses that pass between the pipeline stages.

Offsets (``start``/``end``) are half-open character offsets, as kiwipiepy's are. Article parts carry
offsets into the article text; a ``TermHit`` carries offsets into the string that was searched (a
sentence), so that ``sentence.ko[hit.start:hit.end] == hit.ko`` holds without the article at hand.
Change a value with ``dataclasses.replace``; nothing here is mutated after it is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class Line:
    """A title, subtitle, heading or paragraph: a stretch of the article text with its offsets."""

    ko: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """One Korean sentence with its offsets into the article text."""

    ko: str
    start: int
    end: int


@dataclass(frozen=True)
class Boilerplate:
    """A line (or part of one) set aside as not part of the story, with the reason in ``kind``.

    Kinds: ``copyright``, ``related`` (related-article links), ``byline``, ``dateline``, ``caption``,
    ``menu``, ``share``, ``timestamp``, ``tags``, ``duplicate``, ``speaker`` and ``other``.
    """

    ko: str
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Section:
    """The lead (``heading`` None) or a headed section; ``sentences`` is empty until split."""

    heading: Line | None
    paragraphs: tuple[Line, ...]
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class Article:
    """A Korean news article as read: every non-whitespace character sits in exactly one part."""

    text: str
    title: Line | None
    subtitle: Line | None
    sections: tuple[Section, ...]
    boilerplate: tuple[Boilerplate, ...] = ()

    def sentences(self) -> Iterator[Sentence]:
        """All sentences in article order; the index into this sequence is a sentence's id."""
        for section in self.sections:
            yield from section.sentences


@dataclass(frozen=True)
class PageReport:
    """Where a web page came from and the visible text its extractor did not keep.

    ``removed`` lists those lines (menus, share buttons, related links, the footer) in page order, so
    that a reader can see what was left out; nothing disappears silently.
    """

    origin: str  # the file, "standard input" or the URL
    extractor: str  # "trafilatura 2.3.1"
    removed: tuple[str, ...] = ()

    @property
    def removed_chars(self) -> int:
        """Characters of removed text, whitespace not counted (as "nothing is lost" counts them)."""
        return sum(len("".join(line.split())) for line in self.removed)


@dataclass(frozen=True)
class FetchedPage:
    """The bytes of a fetched page, with the address it ended at and the charset its server declared."""

    url: str
    body: bytes
    charset: str | None = None


@dataclass(frozen=True)
class Source:
    """Article text and what its source already states about it: a web page knows its headline,
    deck and headings; a text file knows none of them (all None or empty)."""

    text: str
    title: str | None = None
    subtitle: str | None = None
    headings: tuple[str, ...] = ()
    page: PageReport | None = None


@dataclass(frozen=True)
class Context:
    """Where an ambiguous entry applies: words that must (or must not) stand near the match.

    ``window`` counts words (whitespace-separated) on each side of the match, the match's own word
    included, so 양자 in 한일 양자 회담 sees 한일 and 회담.
    """

    require_any: tuple[str, ...] = ()
    exclude_any: tuple[str, ...] = ()
    window: int = 2


@dataclass(frozen=True)
class Term:
    """One glossary entry; every reader (YAML, TSV, CSV, TBX) returns these."""

    ko: str
    en: str
    ko_variants: tuple[str, ...] = ()
    en_variants: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    note: str | None = None
    context: Context | None = None
    origin: str | None = None  # "file:line" where the entry was read, for messages

    @property
    def accepted(self) -> tuple[str, ...]:
        """The canonical rendering first, then the accepted variants."""
        return (self.en, *self.en_variants)


@dataclass(frozen=True)
class GlossarySource:
    """A glossary file that was read, with a content hash for provenance."""

    path: str
    sha256: str
    name: str | None = None
    terms: int = 0


@dataclass(frozen=True)
class Glossary:
    """The combined glossary; a later file wins on the same ``ko``."""

    terms: tuple[Term, ...]
    sources: tuple[GlossarySource, ...] = ()


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in Korean text; offsets are into the searched string."""

    term: Term
    ko: str
    start: int
    end: int

    @property
    def en(self) -> str:
        return self.term.en


@dataclass(frozen=True)
class Translation:
    """What a backend returns for one source string."""

    en: str
    retried: bool = False  # the first output was degenerate and the sentence was decoded again


@dataclass(frozen=True)
class Issue:
    """A check finding (or, with ``severity`` "note", a low-severity note): ``kind`` is missing,
    avoided, number or inconsistent.

    ``segment`` is the 0-based index of the segment (sentence or line) it was found in.
    """

    kind: str
    segment: int
    ko: str
    expected: str | None
    found: str | None
    fixed: bool = False
    message: str = ""
    # "error" for a finding; "note" for what a reviewer may glance at but the check cannot confirm
    # (a number the English says another way): notes are kept apart from findings and exit codes.
    severity: str = "error"
    # for "inconsistent": each spelling with the 1-based lines it occurs on, (("Willowby", (2, 7)), ...)
    lines: tuple[tuple[str, tuple[int, ...]], ...] = ()


@dataclass(frozen=True)
class Edit:
    """One change that the repair made to a segment's English."""

    segment: int
    rule: str
    before: str
    after: str


@dataclass(frozen=True)
class Brief:
    """The chosen sentences: ``summary`` holds article-wide sentence ids, ``sections`` one tuple
    of ids per section; every tuple is in article order."""

    summary: tuple[int, ...]
    sections: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Result:
    """Everything a run produced.

    ``en``, ``raw_en``, ``hits`` and ``rendered`` are indexed by article-wide sentence id; ``issues``,
    ``edits``, ``retried`` and ``split`` by checked segment, which ``labels`` names.
    """

    article: Article
    hits: tuple[tuple[TermHit, ...], ...]
    model: str | None = None
    backend: str | None = None
    glossary: Glossary | None = None
    title_en: str | None = None
    subtitle_en: str | None = None
    headings_en: tuple[str | None, ...] = ()
    en: tuple[str | None, ...] = ()
    raw_en: tuple[str | None, ...] = ()
    rendered: tuple[tuple[bool | None, ...], ...] = ()
    brief: Brief | None = None
    issues: tuple[Issue, ...] = ()
    edits: tuple[Edit, ...] = ()
    retried: tuple[int, ...] = ()  # segments (see labels) whose first output was degenerate
    split: tuple[int, ...] = ()  # segments (see labels) translated in pieces: too long for the model
    labels: tuple[str, ...] = ()  # what each checked segment is ("title", "heading 1", "sentence 3")
    page: PageReport | None = None  # set when the article was read from a web page
