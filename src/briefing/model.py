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

    def sentence_ranges(self) -> tuple[range, ...]:
        """The article-wide ids of each section's sentences, section by section."""
        ranges, first = [], 0
        for section in self.sections:
            ranges.append(range(first, first + len(section.sentences)))
            first += len(section.sentences)
        return tuple(ranges)


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


class SourceText(str):
    """A string to translate that carries the glossary terms found in it (``hits``, offsets into it).

    A ``str`` so that every backend, the cache and a test's fake read it as the plain Korean it is; a
    backend that can use terms (constrained decoding, a prompt) finds them on it without a second
    argument that every translator would have to take.
    """

    hits: tuple[TermHit, ...]

    def __new__(cls, text: str, hits: tuple[TermHit, ...] = ()) -> "SourceText":
        self = super().__new__(cls, text)
        self.hits = tuple(hits)
        return self


@dataclass(frozen=True)
class Translation:
    """What a backend returns for one source string."""

    en: str
    retried: bool = False  # the first output was degenerate and the sentence was decoded again


@dataclass(frozen=True)
class Rendering:
    """Where an accepted rendering of a glossary term stands in a segment's English: ``en`` is the
    glossary's wording (the canonical rendering or a variant), ``start``/``end`` offsets into the English."""

    en: str
    start: int
    end: int


#: Segment ids name what a reader counts: ``h2`` is the second heading, ``s14`` the 14th sentence of the
#: article, ``l3`` the third line of a line-aligned file, ``u3`` the third unit of an XLIFF or TMX file
#: (``briefing check``).
_ID_WORDS = {"h": "heading", "s": "sentence", "l": "line", "u": "unit"}


def segment_label(segment_id: str) -> str:
    """What a reader sees for a segment id: ``h2`` → "heading 2", ``s14`` → "sentence 14"."""
    word = _ID_WORDS.get(segment_id[:1])
    if word and segment_id[1:].isdigit():
        return f"{word} {segment_id[1:]}"
    return segment_id


@dataclass(frozen=True)
class Segment:
    """One string that is translated and checked (the title, the subtitle, a heading or a sentence),
    with everything each stage has added to it; also the one unit of every translation file.

    ``id`` is stable and 1-based as a reader counts: ``title``, ``subtitle``, ``h1``…, ``s1``…;
    ``section`` is the index into ``Article.sections`` (None for the title and subtitle). ``ko`` is the
    Korean the model gets: a heading without its marker. ``start``/``end`` are its offsets into the
    article text and ``hits`` the glossary terms in it (offsets into ``ko``). ``raw_en`` is the model's
    English, ``en`` the English after repair; once the English was checked, ``rendered`` holds one flag
    per hit for ``en`` and ``spans`` one tuple per hit of every place in ``en`` where an accepted rendering
    of its term stands (the canonical rendering's places first), which the review page marks and the
    batch compares across articles (both None until then). ``morphemes`` is kiwi's analysis of ``ko``
    as (form, tag, start, end), filled only for the checks that read it. A translation file read back (``formats.translations``) holds ``line``
    segments (``l1``…, one per line of a line-aligned file) or ``unit`` segments (an XLIFF, TMX or
    JSON unit, by the id the file gives it), with no section and no offsets (0, 0).
    """

    id: str
    kind: str  # title | subtitle | heading | sentence; line | unit in a translation file
    section: int | None
    ko: str
    start: int
    end: int
    hits: tuple[TermHit, ...] = ()
    raw_en: str | None = None
    en: str | None = None
    rendered: tuple[bool, ...] | None = None
    retried: bool = False  # the first output was degenerate and the segment was decoded again
    split: bool = False  # translated in pieces: longer than the model accepts
    spans: tuple[tuple[Rendering, ...], ...] | None = None
    morphemes: tuple[tuple[str, str, int, int], ...] = ()

    @property
    def label(self) -> str:
        return segment_label(self.id)


@dataclass(frozen=True)
class Issue:
    """A check finding (or, with ``severity`` "note", a low-severity note): ``kind`` is missing,
    avoided, number or inconsistent.

    ``segment`` is the id of the segment it was found in (``s3``, ``title``, ``l12``; see ``Segment``).
    Severity decides what a finding does: an ``error`` left unrepaired makes ``check`` exit 1 and fails
    ``--strict``; a ``warning`` is shown and counted apart but fails nothing; a ``note`` is shown apart
    from the findings, on ``run`` as on ``check``.
    """

    kind: str
    segment: str
    ko: str
    expected: str | None
    found: str | None
    fixed: bool = False
    message: str = ""
    # "error" for a fault the glossary or the Korean proves, "warning" for one the check infers (two
    # spellings may be two people), "note" for what a reviewer may glance at but the check cannot
    # confirm (a number the English says another way): notes are kept apart from findings.
    severity: str = "error"
    # for "inconsistent": each spelling with the 1-based lines it occurs on, (("Willowby", (2, 7)), ...)
    lines: tuple[tuple[str, tuple[int, ...]], ...] = ()


@dataclass(frozen=True)
class Edit:
    """One change that the repair made to a segment's English; ``segment`` is the segment's id."""

    segment: str
    rule: str
    before: str
    after: str


@dataclass(frozen=True)
class Brief:
    """The chosen sentences by segment id (``s3``), as findings name them: ``summary`` for the article,
    ``sections`` one tuple per section of ``Article.sections``; every tuple is in article order."""

    summary: tuple[str, ...]
    sections: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Result:
    """Everything a run produced: the article as read and one record per segment, in the order they
    are translated and checked (title, subtitle, headings, sentences); findings and repairs name their
    segment by id; notes (``severity`` "note") are apart from the findings."""

    article: Article
    segments: tuple[Segment, ...] = ()
    model: str | None = None
    backend: str | None = None
    revision: str | None = None  # the model files' hub commit (or the --revision asked for)
    glossary: Glossary | None = None
    brief: Brief | None = None
    issues: tuple[Issue, ...] = ()
    edits: tuple[Edit, ...] = ()
    page: PageReport | None = None  # set when the article was read from a web page
    notes: tuple[Issue, ...] = ()  # severity "note", kept apart from the findings in ``issues``

    @property
    def errors_remaining(self) -> int:
        """Error findings the repair did not remove: what fails ``--strict`` (warnings never do)."""
        return sum(1 for issue in self.issues if issue.severity == "error" and not issue.fixed)

    def get(self, segment_id: str) -> Segment | None:
        return next((s for s in self.segments if s.id == segment_id), None)

    @property
    def sentences(self) -> tuple[Segment, ...]:
        """The sentence segments in article order."""
        return tuple(s for s in self.segments if s.kind == "sentence")

    def heading(self, section: int) -> Segment | None:
        """The heading segment of ``article.sections[section]``; None for the lead."""
        return next((s for s in self.segments if s.kind == "heading" and s.section == section), None)
