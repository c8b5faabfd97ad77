"""The records of a batch: one article to read, what became of it, and the batch's report."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.checks.across import ArticleText, Variation
from briefing.model import Glossary, Source
from briefing.same_story import Difference


@dataclass(frozen=True)
class BatchInput:
    """One article of a batch: the path (or link) as given or found (a name that is not UTF-8 in
    Python's surrogate-escaped form, as ``os.listdir`` gives it), the stem of its outputs, and why that
    stem is not simply the file's name (not UTF-8, too long, another article's), for the index.

    ``source`` is the article already read, when the caller has it (``follow`` briefs the pages its
    state kept, which a second fetch could find changed or gone); the batch then does not read
    ``path``, which still names the article in messages and in its JSON."""

    path: str
    name: str
    note: str | None = None
    source: Source | None = None


#: An article's status in the index; ``grouped`` only in a batch run with ``--same-story``.
DONE, FAILED, SKIPPED, GROUPED = "done", "failed", "skipped", "grouped"


@dataclass(frozen=True)
class ArticleOutcome:
    """What became of one article of a batch: ``done``, ``failed`` (with ``reason``), ``skipped``
    (its outputs were already there for the same text, glossary, model and options) or ``grouped``
    (another version of an earlier article's story: ``same_as`` names it, nothing is written)."""

    name: str
    source: str
    status: str
    reason: str | None = None
    title_ko: str | None = None
    title_en: str | None = None
    findings: int = 0  # findings left after repair, errors and warnings
    fixed: int = 0
    errors: int = 0  # error findings left after repair: what --strict counts
    warnings: int = 0  # warning findings left after repair: shown, never fatal
    segments: int = 0
    text: ArticleText | None = None  # what the cross-article check reads; None for a failed article
    name_note: str | None = None  # the input's ``note``
    same_as: str | None = None  # grouped: the name of the article briefed for this story
    differences: tuple[Difference, ...] = ()  # grouped: the numbers and names that article states otherwise


@dataclass(frozen=True)
class BatchReport:
    """A batch's outcomes in input order and the names and terms rendered differently across them."""

    outcomes: tuple[ArticleOutcome, ...]
    variations: tuple[Variation, ...]
    model: str | None
    backend: str | None
    glossary: Glossary
    same_story: float | None = None  # the --same-story threshold, None when articles were not grouped

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)
