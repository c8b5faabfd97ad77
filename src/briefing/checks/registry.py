"""The checks by name, each with the severity its findings carry unless the check lowers it to a note."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from briefing.model import Issue, Segment
from briefing.checks.consistency import check_inconsistent
from briefing.checks.numbers import check_number
from briefing.checks.terms import check_avoided, check_missing
from briefing.checks.untranslated import check_untranslated


@dataclass(frozen=True)
class Check:
    """One named check. ``severity`` is "error" where a finding is a fault the glossary or the Korean
    proves, "warning" where the check infers it (two spellings may be two people)."""

    name: str
    run: Callable[[Sequence[Segment]], list[Issue]]
    severity: str

    def __call__(self, segments: Sequence[Segment]) -> list[Issue]:
        return [i if i.severity == "note" else replace(i, severity=self.severity) for i in self.run(segments)]


CHECKS: dict[str, Check] = {
    check.name: check
    for check in (
        Check("untranslated", check_untranslated, "error"),
        Check("missing", check_missing, "error"),
        Check("avoided", check_avoided, "error"),
        Check("number", check_number, "error"),
        Check("inconsistent", check_inconsistent, "warning"),
    )
}
