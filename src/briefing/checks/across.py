"""One name or glossary term rendered differently in different articles of a batch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from briefing.model import TermHit
from briefing.checks.consistency import check_inconsistent
from briefing.checks.document import Document
from briefing.checks.renderings import is_rendered, rendering_pattern

#: How a glossary term appears in a segment where no accepted rendering stands (the ``missing`` case).
NOT_RENDERED = "(not rendered)"


@dataclass(frozen=True)
class ArticleText:
    """What the cross-article check reads of one article: its segments' ids, Korean, English and terms."""

    name: str
    ids: tuple[str, ...]
    ko: tuple[str, ...]
    en: tuple[str, ...]
    hits: tuple[tuple[TermHit, ...], ...]


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
    from briefing.checks.runner import analyse

    owner: list[tuple[str, str]] = []  # per combined segment: (article, segment id)
    ko, en, hits = [], [], []
    for article in articles:
        for seg, segment_id in enumerate(article.ids):
            owner.append((article.name, segment_id))
            ko.append(article.ko[seg])
            en.append(article.en[seg] or "")
            hits.append(article.hits[seg])
    if not ko:
        return []
    doc = Document(tuple(ko), tuple(en), tuple(hits), analyse(ko), tuple(f"{n}" for n in range(len(ko))))
    out = []
    for issue in check_inconsistent(doc):
        spellings = tuple((word, _where(owner[line - 1] for line in lines)) for word, lines in issue.lines)
        if _differs(spellings):
            out.append(Variation("name", issue.ko, issue.expected, spellings))
    return out


def _terms(articles: Sequence[ArticleText]) -> list[Variation]:
    uses: dict[int, dict[str, list[tuple[str, str]]]] = {}  # id(term) -> rendering -> [(article, segment)]
    terms = {}
    for article in articles:
        for seg, segment_hits in enumerate(article.hits):
            for hit in segment_hits:
                terms[id(hit.term)] = hit.term
                used = _rendering_used(hit, article.en[seg] or "")
                uses.setdefault(id(hit.term), {}).setdefault(used, []).append((article.name, article.ids[seg]))
    out = []
    for key, by_rendering in uses.items():
        if len(by_rendering) < 2:
            continue
        spellings = tuple(
            (used, _where(where))
            for used, where in sorted(by_rendering.items(), key=lambda kv: (kv[0] == NOT_RENDERED, -len(kv[1])))
        )
        if _differs(spellings):
            out.append(Variation("term", terms[key].ko, terms[key].en, spellings))
    return out


def _differs(spellings) -> bool:
    """Whether two articles use different sets of forms. Two articles that both mix the same two
    forms differ from each other in nothing; each reports its own mix as an ``inconsistent`` finding."""
    forms: dict[str, set[str]] = {}
    for form, where in spellings:
        for article, _ in where:
            forms.setdefault(article, set()).add(form)
    return len(forms) >= 2 and len({frozenset(f) for f in forms.values()}) >= 2


def _rendering_used(hit: TermHit, en: str) -> str:
    """The accepted rendering of the hit's term that stands in ``en`` (the canonical one when only a
    derived form does: Canadian for Canada), else ``NOT_RENDERED``."""
    for rendering in hit.term.accepted:
        if rendering_pattern(rendering).search(en):
            return rendering
    return hit.term.en if is_rendered(hit.term, en) else NOT_RENDERED


def _where(pairs) -> tuple[tuple[str, tuple[str, ...]], ...]:
    grouped: dict[str, list[str]] = {}
    for article, segment_id in pairs:
        bucket = grouped.setdefault(article, [])
        if segment_id not in bucket:
            bucket.append(segment_id)
    return tuple((article, tuple(ids)) for article, ids in grouped.items())
