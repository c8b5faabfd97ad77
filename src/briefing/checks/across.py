"""One name or glossary term rendered differently in different articles of a batch."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from briefing.model import Segment, Term
from briefing.checks.consistency import check_inconsistent
from briefing.checks.runner import analyse

#: How a glossary term appears in a segment where no accepted rendering stands (the ``missing`` case).
NOT_RENDERED = "(not rendered)"


@dataclass(frozen=True)
class ArticleText:
    """What the cross-article check reads of one article: its segments as reviewed (``en``, ``rendered``
    and ``spans`` filled; see ``checks.reviewed``)."""

    name: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Variation:
    """A Korean name or glossary term written more than one way across articles.

    ``kind`` is ``name`` (a proper noun outside the glossary, found as the cross-segment check finds
    it) or ``term`` (a glossary entry; ``expected`` is its rendering). ``spellings`` holds each English
    form, most used first, with where it stands: ``((en, ((article, (segment id, …)), …)), …)``.
    """

    kind: str
    ko: str
    expected: str | None
    spellings: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]

    @property
    def articles(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for _, where in self.spellings:
            for article, _ in where:
                seen.setdefault(article)
        return tuple(seen)


def check_across(articles: Sequence[ArticleText]) -> list[Variation]:
    """Names and glossary terms that the articles of a batch render differently, each reported once.

    Names: every article's segments are checked as one document by ``check_inconsistent`` (the same
    grouping by shared Korean proper nouns, sound-alike and near-miss tests as within an article), and
    a finding is kept only when its spellings stand in two articles or more; a slip inside one article
    is that article's own finding. Terms: for each glossary entry, which accepted rendering stands in
    each segment that holds the term (after repair, as the reader sees it), or none; reported when the
    articles differ. It shares the cross-segment check's false alarms: two different people with
    similar rare names, next to the same Korean word, in two articles.
    """
    return _names(articles) + _terms(articles)


def _names(articles: Sequence[ArticleText]) -> list[Variation]:
    owner = [(article.name, s.id) for article in articles for s in article.segments]  # per combined segment
    segments = [s for article in articles for s in article.segments]
    if not segments:
        return []
    # one document: the ids renumbered (every article has an s1), the morphemes the check reads added
    combined = [replace(s, id=f"{n}", en=s.en or "", morphemes=m)
                for n, (s, m) in enumerate(zip(segments, analyse([s.ko for s in segments])))]
    out = []
    for issue in check_inconsistent(combined):
        spellings = tuple((word, _where(owner[line - 1] for line in lines)) for word, lines in issue.lines)
        if _differs(spellings):
            out.append(Variation("name", issue.ko, issue.expected, spellings))
    return out


def _terms(articles: Sequence[ArticleText]) -> list[Variation]:
    # Keyed by the term's value, not its identity: on Ray each article's result is unpickled apart, so one
    # glossary entry arrives as several equal objects, and an identity key saw no article twice.
    uses: dict[Term, dict[str, list[tuple[str, str]]]] = {}  # term -> rendering -> [(article, segment)]
    for article in articles:
        for segment in article.segments:
            for h, hit in enumerate(segment.hits):
                used = _rendering_used(segment, h)
                uses.setdefault(hit.term, {}).setdefault(used, []).append((article.name, segment.id))
    out = []
    for term, by_rendering in uses.items():
        if len(by_rendering) < 2:
            continue
        spellings = tuple(
            (used, _where(where))
            for used, where in sorted(by_rendering.items(), key=lambda kv: (kv[0] == NOT_RENDERED, -len(kv[1])))
        )
        if _differs(spellings):
            out.append(Variation("term", term.ko, term.en, spellings))
    return out


def _differs(spellings) -> bool:
    """Whether two articles use different sets of forms. Two articles that both mix the same two
    forms differ from each other in nothing; each reports its own mix as an ``inconsistent`` finding."""
    forms: dict[str, set[str]] = {}
    for form, where in spellings:
        for article, _ in where:
            forms.setdefault(article, set()).add(form)
    return len(forms) >= 2 and len({frozenset(f) for f in forms.values()}) >= 2


def _rendering_used(segment: Segment, h: int) -> str:
    """The accepted rendering of hit ``h``'s term that stands in the segment's English, as the review
    found it (the canonical one when only a derived form does: Canadian for Canada), else ``NOT_RENDERED``."""
    places = segment.spans[h]
    if places:
        return places[0].en
    return segment.hits[h].term.en if segment.rendered[h] else NOT_RENDERED


def _where(pairs) -> tuple[tuple[str, tuple[str, ...]], ...]:
    grouped: dict[str, list[str]] = {}
    for article, segment_id in pairs:
        bucket = grouped.setdefault(article, [])
        if segment_id not in bucket:
            bucket.append(segment_id)
    return tuple((article, tuple(ids)) for article, ids in grouped.items())
