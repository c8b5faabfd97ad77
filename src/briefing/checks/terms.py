"""The glossary checks: a term the English lacks, or renders in a wording the glossary avoids."""

from __future__ import annotations

from typing import Sequence

from briefing.model import Issue, Segment
from briefing.checks.renderings import avoided_span, hangul_span, is_rendered, misspelt_span, taken_spans
from briefing.checks.repair import find_near_miss


def check_missing(segments: Sequence[Segment]) -> list[Issue]:
    """A glossary term in the Korean whose English lacks the canonical rendering and every variant.

    Catches literal or wrong translations of terms, misspelt names (``found`` is the near-miss the
    repair would take, else the misspelt name ``misspelt_span`` finds: lower-cased, accented, sounding
    the same) and terms left in Hangul (``found`` is then the Hangul, which the repair can replace).
    False alarms: the English says it with a pronoun or a paraphrase ("the institute", "the city"), or
    a legitimate rendering that the glossary does not list as a variant.
    """
    issues = []
    for segment in segments:
        hits, en = segment.hits, segment.en or ""
        seen = set()
        for hit in hits:
            if hit.term in seen or is_rendered(hit.term, en) or avoided_span(hit.term, en):
                continue
            seen.add(hit.term)
            left = hangul_span(hit.term, en, hit.ko)
            if left:
                found = en[left[0]:left[1]]
                issues.append(Issue("missing", segment.id, hit.ko, hit.term.en, found,
                                    message=f"{hit.ko} is left in Hangul; it should read {hit.term.en!r}"))
                continue
            taken = taken_spans(hits, en, hit.term)
            near = find_near_miss(hit.term, en, taken, hit.ko) or misspelt_span(hit.term, en, hit.ko, taken)
            found = en[near[0]:near[1]] if near else None
            issues.append(Issue("missing", segment.id, hit.ko, hit.term.en, found,
                                message=f"{hit.ko} should read {hit.term.en!r}"
                                + (f", found {found!r}" if found else "")))
    return issues


def check_avoided(segments: Sequence[Segment]) -> list[Issue]:
    """The English uses a rendering the glossary lists under ``avoid`` for a term in the Korean.

    Only looked for where the term is in the Korean, so a word that is fine elsewhere is not flagged.
    False alarms: the avoided wording stands for something else in the same sentence.
    """
    issues = []
    for segment in segments:
        hits, en = segment.hits, segment.en or ""
        seen = set()
        for hit in hits:
            if hit.term in seen:
                continue
            seen.add(hit.term)
            span = avoided_span(hit.term, en)
            if span:
                issues.append(Issue("avoided", segment.id, hit.ko, hit.term.en, en[span[0]:span[1]],
                                    message=f"{en[span[0]:span[1]]!r} is avoided; use {hit.term.en!r}"))
    return issues
