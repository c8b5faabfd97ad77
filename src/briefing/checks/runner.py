"""Runs the registered checks over one document's segments and, when asked, repairs what is safe."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from briefing.model import Edit, Glossary, Term, TermHit
from briefing.glossary.finder import TermFinder, finder_for
from briefing.checks.document import CheckReport, Document
from briefing.checks.registry import CHECKS
from briefing.checks.renderings import is_rendered
from briefing.checks.repair import repair_segment


def analyse(ko: Sequence[str]) -> tuple[tuple, ...]:
    """kiwi's morphemes of every segment, in one call (kiwi's per-call cost dominates short strings)."""
    from briefing.sentences import morphemes_of_words

    flat = [k.replace("\n", " ") for k in ko]  # one segment is one line, as in the files check reads
    return tuple(
        tuple((m.form, m.tag, m.start, m.end) for m in morphs) for morphs in morphemes_of_words(flat)
    )


def check_segments(
    ko: Sequence[str],
    en: Sequence[str],
    finder: TermFinder | Glossary | Sequence[Term] | None,
    *,
    fix: bool = False,
    checks: Sequence[str] | None = None,
    ids: Sequence[str] | None = None,
    hits: Sequence[Sequence[TermHit]] | None = None,
) -> CheckReport:
    """Check segment-aligned Korean and English as one document; with ``fix``, repair what is safe.

    Findings of the English as given are reported; with ``fix`` those that the repair removed carry
    ``fixed=True`` and ``en`` holds the repaired lines (same count as the input). ``ids`` names the
    segments (default ``l1``, ``l2``…: the lines of a file); ``hits`` are the terms already found in
    each segment, in which case ``finder`` may be None.
    """
    if len(ko) != len(en):
        raise ValueError(f"check_segments: {len(ko)} Korean segments but {len(en)} English ones")
    ids = tuple(ids) if ids is not None else tuple(f"l{n}" for n in range(1, len(ko) + 1))
    if len(ids) != len(ko) or len(set(ids)) != len(ids):
        raise ValueError("check_segments: ids must name every segment once")
    names = list(CHECKS) if checks is None else list(checks)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise ValueError(f"unknown check {unknown[0]!r}; known: {', '.join(CHECKS)}")
    if hits is None:
        if not isinstance(finder, TermFinder):
            finder = finder_for(finder) if isinstance(finder, Glossary) else TermFinder(tuple(finder))
        hits = tuple(finder.find(k) for k in ko)
    hits = tuple(tuple(h) for h in hits)
    morphs = analyse(ko) if {"number", "inconsistent"} & set(names) else ()
    doc = Document(tuple(ko), tuple(en), hits, morphs, ids)
    issues = [issue for name in names for issue in CHECKS[name](doc)]
    raw_flags = [tuple(is_rendered(h.term, e) for h in hs) for hs, e in zip(hits, en)]
    out_en = list(en)
    edits: list[Edit] = []
    if fix:
        for seg, seg_hits in enumerate(hits):
            if seg_hits:
                out_en[seg], seg_edits, _ = repair_segment(ids[seg], out_en[seg], seg_hits)
                edits.extend(seg_edits)
        if edits:
            after = Document(doc.ko, tuple(out_en), hits, morphs, ids)
            remaining = {(i.kind, i.segment, i.ko, i.expected) for name in names for i in CHECKS[name](after)}
            issues = [replace(i, fixed=(i.kind, i.segment, i.ko, i.expected) not in remaining) for i in issues]
    flags = tuple(tuple(is_rendered(h.term, e) for h in hs) for hs, e in zip(hits, out_en))
    position = {segment_id: n for n, segment_id in enumerate(ids)}
    issues.sort(key=lambda i: (position[i.segment], list(CHECKS).index(i.kind)))
    notes = tuple(i for i in issues if i.severity == "note")
    issues = [i for i in issues if i.severity != "note"]
    return CheckReport(
        segments=len(ko),
        term_occurrences=sum(len(h) for h in hits),
        rendered=flags,
        rendered_count=sum(sum(f) for f in raw_flags),
        fixed=sum(i.fixed for i in issues),
        issues=tuple(issues),
        edits=tuple(edits),
        en=tuple(out_en),
        hits=hits,
        rendered_fixed=sum(sum(f) for f in flags),
        notes=notes,
        ids=ids,
        kinds=tuple(CHECKS),
    )
