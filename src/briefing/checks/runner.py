"""Runs the registered checks over one document's segments and, when asked, repairs what is safe."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from briefing.model import Edit, Glossary, Segment, Term
from briefing.glossary.finder import TermFinder, finder_for
from briefing.checks.registry import CHECKS
from briefing.checks.renderings import is_rendered, reviewed
from briefing.checks.repair import repair_segment
from briefing.checks.report import CheckReport

#: The checks that read kiwi's morphemes; the others never pay for the analysis.
NEEDS_MORPHEMES = frozenset({"number", "inconsistent"})


def analyse(ko: Sequence[str]) -> tuple[tuple, ...]:
    """kiwi's morphemes of every segment, in one call (kiwi's per-call cost dominates short strings)."""
    from briefing.sentences import morphemes_of_words

    flat = [k.replace("\n", " ") for k in ko]  # one segment is one line, as in the files check reads
    return tuple(
        tuple((m.form, m.tag, m.start, m.end) for m in morphs) for morphs in morphemes_of_words(flat)
    )


def run_checks(segments: Sequence[Segment], *, fix: bool = False, checks: Sequence[str] | None = None) -> CheckReport:
    """Check every segment's ``en`` against its ``ko`` and glossary ``hits``, all of them as one document
    (a name spelt two ways is found across segments); with ``fix``, repair what is safe.

    Segments that all carry their ``morphemes`` (``analyse``) are read as they are; otherwise every
    segment is analysed here. Findings of the English as given are reported, each naming its segment's
    id (ids must be unique); with ``fix`` those that the repair removed carry ``fixed=True``. The report's ``reviewed`` segments
    are the ones given with the English as returned and what stands in it; ``None`` or an empty string
    is no English, given as ``None``.
    """
    ids = [s.id for s in segments]
    if len(set(ids)) != len(ids):
        raise ValueError("run_checks: ids must name every segment once")
    names = list(CHECKS) if checks is None else list(checks)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise ValueError(f"unknown check {unknown[0]!r}; known: {', '.join(CHECKS)}")
    given = [s if s.en is not None else replace(s, en="") for s in segments]
    read = given
    # segments analysed beforehand (``pipeline.korean_side``, in a child process) are not analysed again
    if NEEDS_MORPHEMES & set(names) and not all(s.morphemes for s in given):
        read = [replace(s, morphemes=m) for s, m in zip(given, analyse([s.ko for s in given]))]
    issues = _findings(read, names)
    rendered_count = sum(is_rendered(h.term, s.en) for s in given for h in s.hits)
    english = [s.en for s in given]
    edits: list[Edit] = []
    if fix:
        for n, segment in enumerate(given):
            if segment.hits:
                english[n], repairs, _ = repair_segment(segment.id, english[n], segment.hits, segment.ko)
                edits.extend(repairs)
        if edits:
            after = [replace(s, en=en) for s, en in zip(read, english)]
            remaining = {(i.kind, i.segment, i.ko, i.expected) for i in _findings(after, names)}
            issues = [replace(i, fixed=(i.kind, i.segment, i.ko, i.expected) not in remaining) for i in issues]
    position = {segment_id: n for n, segment_id in enumerate(ids)}
    issues.sort(key=lambda i: (position[i.segment], list(CHECKS).index(i.kind)))
    return CheckReport(
        # no English stays None, as the writers mark a segment that has none, never an empty line
        reviewed=tuple(reviewed(s, en) if en.strip() else replace(reviewed(s, en), en=None)
                       for s, en in zip(given, english)),
        issues=tuple(i for i in issues if i.severity != "note"),
        edits=tuple(edits),
        rendered_count=rendered_count,
        notes=tuple(i for i in issues if i.severity == "note"),
        kinds=tuple(CHECKS),
    )


def _findings(segments: Sequence[Segment], names: Sequence[str]) -> list:
    """The findings of the checks ``names``. A segment with no English (``untranslated``) gets that one
    finding and is left out of the other checks: each of its glossary terms and numbers would otherwise
    be reported missing, burying the one thing to do, which is to translate it."""
    issues = list(CHECKS["untranslated"](segments)) if "untranslated" in names else []
    left_out = {i.segment for i in issues}
    translated = [s for s in segments if s.id not in left_out]
    return issues + [issue for name in names if name != "untranslated" for issue in CHECKS[name](translated)]


def check_segments(
    ko: Sequence[str],
    en: Sequence[str],
    finder: TermFinder | Glossary | Sequence[Term],
    *,
    fix: bool = False,
    checks: Sequence[str] | None = None,
) -> CheckReport:
    """Line-aligned Korean and English checked as one document: ``run_checks`` over segments ``l1``,
    ``l2``… (a file's lines), with the glossary terms ``finder`` finds in each. What evaluations over
    parallel text (FLORES-200) and quick tests call."""
    if len(ko) != len(en):
        raise ValueError(f"check_segments: {len(ko)} Korean segments but {len(en)} English ones")
    if not isinstance(finder, TermFinder):
        finder = finder_for(finder) if isinstance(finder, Glossary) else TermFinder(tuple(finder))
    segments = [Segment(f"l{n}", "line", None, k, 0, 0, hits=finder.find(k), en=e)
                for n, (k, e) in enumerate(zip(ko, en), 1)]
    return run_checks(segments, fix=fix, checks=checks)
