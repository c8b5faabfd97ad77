"""Checks of Korean→English segments against a glossary and the Korean itself, and the safe repair.

A check takes a document's segments (``model.Segment``: ``ko``, ``en``, ``hits``, and ``morphemes`` for
the checks that read them) and returns ``Issue``s naming segment ids. One module each: ``renderings``
(where a rendering stands in English), ``untranslated`` (segments with no English), ``terms`` (missing
and avoided terms), ``numbers`` and ``numbers_en`` (numbers and dates: the Korean side, the English
side), ``names`` and ``consistency`` (one name spelt two ways), ``repair`` (near-misses, reorderings,
avoided wordings and terms left in Hangul replaced by the glossary rendering, each checked after it is
made), ``registry`` (name → check, severity), ``runner`` (``run_checks``, which runs them and reviews
the segments) and ``report`` (what it returns).
"""

from briefing.checks.numbers import KoreanNumber, english_numbers, korean_numbers, number_rendered
from briefing.checks.registry import CHECKS, Check
from briefing.checks.renderings import (compile_patterns, is_rendered, rendering_pattern, rendering_places,
                                       rendering_spans, reviewed)
from briefing.checks.report import CheckReport
from briefing.checks.runner import analyse, check_segments, run_checks

__all__ = ["CHECKS", "Check", "CheckReport", "KoreanNumber", "analyse", "check_segments", "compile_patterns",
           "english_numbers", "is_rendered", "korean_numbers", "number_rendered", "rendering_pattern", "rendering_places",
           "rendering_spans", "reviewed", "run_checks"]
