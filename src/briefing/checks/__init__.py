"""Checks of Korean→English segment pairs against a glossary and the Korean itself, and the safe repair.

One module each: ``renderings`` (where a rendering stands in English), ``terms`` (missing and avoided
terms), ``numbers`` (numbers and dates), ``names`` and ``consistency`` (one name spelt two ways),
``repair`` (near-misses, reorderings and avoided wordings replaced by the glossary rendering),
``registry`` (name → check, severity) and ``runner`` (``check_segments``, which runs them).
"""

from briefing.checks.document import CheckReport, Document
from briefing.checks.numbers import KoreanNumber, english_numbers, korean_numbers, number_rendered
from briefing.checks.registry import CHECKS, Check
from briefing.checks.renderings import is_rendered, rendering_pattern, rendering_spans
from briefing.checks.runner import analyse, check_segments

__all__ = ["CHECKS", "Check", "CheckReport", "Document", "KoreanNumber", "analyse", "check_segments",
           "english_numbers", "is_rendered", "korean_numbers", "number_rendered", "rendering_pattern",
           "rendering_spans"]
